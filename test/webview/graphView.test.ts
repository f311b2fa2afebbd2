// The graph view in the built panel (dist/webview.js in Chromium): the example CI job graph and DVC stage graph as
// laid out by the engine, drawn with status colours, opened from the keyboard, zoomed and fitted. Screenshots land in
// test-results/webview/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { GraphMessage } from '../../protocol/webview';
import { graphMessage } from '../../server/src/engine/insights/pipelineGraphs';
import { CI_FILE, dvcGraphMessage, jobGraphMessage } from './graphMessages';
import { SCREENSHOTS, startPanelHarness, type PanelHarness, type PanelPage } from './panelHarness';
import { DARK_MODERN, LIGHT_MODERN, type Theme } from './themes';

const NODE = '[data-testid="graph-node"]';

async function openWithGraph(
  harness: PanelHarness,
  message: GraphMessage,
  theme: Theme,
  width = 520,
): Promise<PanelPage> {
  const panel = await harness.open({ theme, width });
  await panel.waitForPosted(1);
  await panel.send({ type: 'pipelineFiles', workspaceName: 'ml-repo', files: [] });
  await panel.send(message);
  // A graph turns the tab bar on; the graph lives in its own tab.
  await panel.page.getByTestId('tab-graph').click();
  await panel.page
    .locator(NODE)
    .nth(message.nodes.length - 1)
    .waitFor();
  return panel;
}

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

async function nodeBoxes(panel: PanelPage): Promise<Box[]> {
  return panel.page.locator(NODE).evaluateAll((nodes) =>
    nodes.map((n) => {
      const r = n.getBoundingClientRect();
      return { id: (n as SVGGElement).dataset['id'] ?? '', x: r.x, y: r.y, width: r.width, height: r.height };
    }),
  );
}

describe('graph view (dist/webview.js in Chromium)', () => {
  let harness: PanelHarness;
  before(async () => {
    harness = await startPanelHarness();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });
  after(async () => {
    await harness.close();
  });

  it("draws the CI job graph: jobs, needs edges, the matrix count and the last run's outcome", async () => {
    const message = jobGraphMessage();
    const panel = await openWithGraph(harness, message, DARK_MODERN, 760);
    const { page } = panel;
    assert.equal(
      await page.locator('[data-kind="jobs"]').getByTestId('graph-title').textContent(),
      '.github/workflows/ci.yml',
    );
    const nodes = await page.locator(NODE).evaluateAll((ns) =>
      ns.map((n) => ({
        id: (n as SVGGElement).dataset['id'],
        cls: n.getAttribute('class'),
        label: n.querySelector('.node-label')?.textContent,
        badge: n.querySelector('[data-testid="graph-node-badge"]')?.textContent ?? null,
        detail: n.querySelector('.node-detail')?.textContent ?? null,
      })),
    );
    assert.deepEqual(
      nodes.map((n) => [n.id, n.cls, n.badge]),
      [
        ['lint', 'node status-success', null],
        ['test', 'node status-failure', '×2'],
        ['train', 'node', null],
      ],
    );
    assert.match(nodes[0]?.detail ?? '', /^median 42s · p90 44s$/);
    assert.equal(await page.locator('.edge').count(), 2);
    assert.deepEqual(
      await page
        .locator('.edge')
        .evaluateAll((es) => es.map((e) => `${e.getAttribute('data-from')}->${e.getAttribute('data-to')}`)),
      ['lint->test', 'test->train'],
    );
    const boxes = await nodeBoxes(panel);
    for (let i = 1; i < boxes.length; i++)
      assert.ok(
        (boxes[i]?.x ?? 0) > (boxes[i - 1]?.x ?? 0) + (boxes[i - 1]?.width ?? 0),
        'one layer per job, left to right',
      );
    const testLine = fs.readFileSync(CI_FILE, 'utf8').split('\n').indexOf('  test:') + 1;
    assert.equal(
      await page.locator(NODE).nth(1).getAttribute('aria-label'),
      `test, 2 matrix legs, last run failed, median 3m 35s · p90 3m 50s, opens line ${testLine}`,
    );
    await page.evaluate(() => document.fonts.ready);
    await page.locator(NODE).nth(1).focus();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-jobs-dark.png') });
    assert.deepEqual(await panel.cspViolations(), []);
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it("opens a node's definition with Enter, Space or a click", async () => {
    const message = jobGraphMessage();
    const panel = await openWithGraph(harness, message, DARK_MODERN);
    const { page } = panel;
    const test = message.nodes.find((n) => n.id === 'test');
    const train = message.nodes.find((n) => n.id === 'train');
    assert.ok(test && train);
    await page.locator(NODE).first().focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => (document.activeElement as SVGElement | null)?.dataset['id']), 'test');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.press(' ');
    await page.locator(NODE).first().click();
    const posted = await panel.waitForPosted(4);
    assert.deepEqual(posted.slice(1), [
      { type: 'openFile', uri: test.uri, line: test.line },
      { type: 'openFile', uri: train.uri, line: train.line },
      { type: 'openFile', uri: test.uri, line: message.nodes[0]?.line },
    ]);
    await page.close();
  });

  it('moves between nodes with the arrow keys: along edges left and right, within a column up and down', async () => {
    const message = dvcGraphMessage();
    const panel = await openWithGraph(harness, message, DARK_MODERN, 760);
    const { page } = panel;
    const focused = (): Promise<string | undefined> =>
      page.evaluate(() => (document.activeElement as SVGElement | null)?.dataset['id']);
    const press = async (key: string): Promise<string | undefined> => {
      await page.keyboard.press(key);
      return focused();
    };
    const node = (id: string) => message.nodes.find((n) => n.id === id);
    const centre = (id: string): number => (node(id)?.y ?? 0) + (node(id)?.height ?? 0) / 2;
    // The stages: prepare → featurize → {train, evaluate}, train → evaluate. From featurize, Right goes to whichever of
    // its two successors is nearer vertically.
    const nearer =
      Math.abs(centre('train') - centre('featurize')) <= Math.abs(centre('evaluate') - centre('featurize'))
        ? 'train'
        : 'evaluate';
    await page.locator(NODE).first().focus();
    assert.equal(await focused(), 'prepare');
    assert.equal(await press('ArrowLeft'), 'prepare', 'nothing before the first stage');
    assert.equal(await press('ArrowRight'), 'featurize');
    assert.equal(await press('ArrowUp'), 'featurize', 'featurize is alone in its column');
    assert.equal(await press('ArrowRight'), nearer);
    await page.locator(`${NODE}[data-id="train"]`).focus();
    assert.equal(await press('ArrowRight'), 'evaluate');
    assert.equal(await press('ArrowRight'), 'evaluate', 'nothing after the last stage');
    // evaluate waits for train and featurize: Left picks the nearer of the two.
    const back =
      Math.abs(centre('train') - centre('evaluate')) <= Math.abs(centre('featurize') - centre('evaluate'))
        ? 'train'
        : 'featurize';
    assert.equal(await press('ArrowLeft'), back);
    await page.close();
  });

  it('moves up and down within a column in drawing order', async () => {
    const message = graphMessage({
      kind: 'jobs',
      title: 'fan-in',
      uri: 'file:///r/ci.yml',
      nodes: ['a', 'b', 'c', 'd'].map((id, line) => ({ id, label: id, line })),
      edges: ['a', 'b', 'c'].map((from) => ({ from, to: 'd' })),
    });
    const panel = await openWithGraph(harness, message, DARK_MODERN);
    const { page } = panel;
    const column = message.nodes
      .filter((n) => n.id !== 'd')
      .sort((x, y) => x.y - y.y)
      .map((n) => n.id);
    await page.locator(`${NODE}[data-id="${column[0] ?? ''}"]`).focus();
    const seen: (string | undefined)[] = [];
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'ArrowRight', 'ArrowLeft']) {
      await page.keyboard.press(key);
      seen.push(await page.evaluate(() => (document.activeElement as SVGElement | null)?.dataset['id']));
    }
    const nearestToD = [...column].sort(
      (x, y) =>
        Math.abs((message.nodes.find((n) => n.id === x)?.y ?? 0) - (message.nodes.find((n) => n.id === 'd')?.y ?? 0)) -
        Math.abs((message.nodes.find((n) => n.id === y)?.y ?? 0) - (message.nodes.find((n) => n.id === 'd')?.y ?? 0)),
    )[0];
    assert.deepEqual(seen, [column[1], column[2], column[2], column[1], 'd', nearestToD]);
    await page.close();
  });

  it('draws the DVC stage graph without overlaps and fits it to the panel, after zooming', async () => {
    const message = dvcGraphMessage();
    const panel = await openWithGraph(harness, message, LIGHT_MODERN, 420);
    const { page } = panel;
    assert.deepEqual(await page.locator(NODE).evaluateAll((ns) => ns.map((n) => (n as SVGGElement).dataset['id'])), [
      'prepare',
      'featurize',
      'train',
      'evaluate',
    ]);
    // featurize feeds both train and evaluate; train feeds evaluate.
    assert.equal(await page.locator('.edge').count(), 4);
    const boxes = await nodeBoxes(panel);
    for (const a of boxes)
      for (const b of boxes) {
        if (a.id >= b.id) continue;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        assert.equal(overlap, false, `${a.id} and ${b.id} overlap`);
      }
    const widths = async (): Promise<{ svg: number; canvas: number }> =>
      page.evaluate(() => ({
        svg: Number(document.querySelector('[data-testid="graph-svg"]')?.getAttribute('width')),
        canvas: document.querySelector('[data-kind="dvc"] [data-testid="graph-canvas"]')?.clientWidth ?? 0,
      }));
    const fitted = await widths();
    assert.ok(fitted.svg <= fitted.canvas && fitted.svg > fitted.canvas * 0.5, JSON.stringify(fitted));
    await page.locator('[data-kind="dvc"]').getByTestId('graph-zoom-in').click();
    await page.locator('[data-kind="dvc"]').getByTestId('graph-zoom-in').click();
    assert.ok((await widths()).svg > fitted.canvas, 'zoomed past the panel width');
    await page.locator('[data-kind="dvc"]').getByTestId('graph-fit').click();
    assert.equal((await widths()).svg, fitted.svg);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'graph-dvc-light.png') });
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it('refits a fitted graph when the panel is resized, and keeps a zoom the user chose', async () => {
    const message = dvcGraphMessage();
    const panel = await openWithGraph(harness, message, DARK_MODERN, 420);
    const { page } = panel;
    const zoom = page.locator('[data-kind="dvc"]').getByTestId('graph-zoom');
    const narrow = await zoom.textContent();
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForFunction(
      (before) => document.querySelector('[data-kind="dvc"] [data-testid="graph-zoom"]')?.textContent !== before,
      narrow,
    );
    const wide = await zoom.textContent();
    assert.ok(Number.parseInt(wide ?? '0', 10) > Number.parseInt(narrow ?? '0', 10), `${narrow} -> ${wide}`);
    await page.locator('[data-kind="dvc"]').getByTestId('graph-zoom-out').click();
    const chosen = await zoom.textContent();
    await page.setViewportSize({ width: 500, height: 700 });
    await page.waitForFunction(
      () =>
        document.querySelector('[data-kind="dvc"] [data-testid="graph-canvas"]')?.clientWidth !== undefined &&
        (document.querySelector('[data-kind="dvc"] [data-testid="graph-canvas"]')?.clientWidth ?? 0) < 600,
    );
    // The same graph again (an edit elsewhere): still the user's zoom.
    await panel.send(message);
    assert.equal(await zoom.textContent(), chosen);
    assert.deepEqual(panel.errors, []);
    await page.close();
  });

  it('ignores a malformed graph message', async () => {
    const panel = await harness.open({ theme: DARK_MODERN });
    await panel.waitForPosted(1);
    const message = jobGraphMessage();
    await panel.send({
      ...message,
      edges: [
        {
          from: 'lint',
          to: 'nowhere',
          points: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
        },
      ],
    });
    await panel.send({ ...message, nodes: message.nodes.map((n) => ({ ...n, uri: 'command:workbench.action.quit' })) });
    await panel.send({ type: 'pipelineFiles', workspaceName: 'ml-repo', files: [] });
    await panel.page.getByTestId('workspace-name').filter({ hasText: 'ml-repo' }).waitFor();
    assert.deepEqual(
      await panel.page.getByTestId('graph-view').evaluateAll((views) => views.map((v) => (v as HTMLElement).hidden)),
      [true, true],
    );
    assert.equal(await panel.page.locator(NODE).count(), 0);
    await panel.page.close();
  });
});
