// The panel's tab bar in the built panel (dist/webview.js in Chromium), as the tab list makes it: every tab wired to its
// panel both ways, the keys of a WAI-ARIA tablist (automatic activation, wrap-around, Home/End), hidden until a tab
// beyond Files has something to show, and the chosen tab kept across a reload.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jobGraphMessage } from './graphMessages';
import { startPanelHarness, type PanelHarness, type PanelPage, type PanelWindow } from './panelHarness';
import { NOW, runsMessage } from './runsFixtures';

/** The tabs this panel has had since before the tab list: their DOM ids, labels and codicons stay as they were. */
const KNOWN = [
  { id: 'runs', label: 'Runs', icon: 'github-action' },
  { id: 'files', label: 'Files', icon: 'files' },
  { id: 'graph', label: 'Graph', icon: 'type-hierarchy' },
];

/** The tabs in the bar, in order, by id without the `tab-` prefix. */
async function tabIds(panel: PanelPage): Promise<string[]> {
  return panel.page.locator('[role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.id.replace(/^tab-/, '')));
}

async function selected(panel: PanelPage): Promise<string[]> {
  return panel.page.locator('[role="tab"][aria-selected="true"]').evaluateAll((tabs) => tabs.map((t) => t.id));
}

async function focusedId(panel: PanelPage): Promise<string | undefined> {
  return panel.page.evaluate(() => document.activeElement?.id);
}

async function visiblePanels(panel: PanelPage): Promise<string[]> {
  return panel.page
    .locator('[role="tabpanel"]')
    .evaluateAll((panels) => panels.filter((p) => !(p as HTMLElement).hidden).map((p) => p.id));
}

describe('panel tabs (built panel in Chromium)', () => {
  let harness: PanelHarness;
  before(async () => {
    harness = await startPanelHarness();
  });
  after(async () => {
    await harness.close();
  });

  it('wires each tab to its panel both ways, in the tab list order, one tab stop', async () => {
    const panel = await harness.open({ now: NOW });
    await panel.waitForPosted(1);
    await panel.send(runsMessage());
    await panel.page.getByTestId('tabs').waitFor();
    const tablist = panel.page.getByRole('tablist');
    assert.equal(await tablist.getAttribute('aria-label'), 'Preflight views');
    const tabs = await tablist.locator('[role="tab"]').evaluateAll((elements) =>
      elements.map((t) => ({
        id: t.id,
        testId: (t as HTMLElement).dataset['testid'],
        controls: t.getAttribute('aria-controls'),
        label: t.textContent,
        icon: /codicon-([\w-]+) tab-icon/.exec(t.querySelector('.tab-icon')?.className ?? '')?.[1],
      })),
    );
    // Every tab in the bar (the list may grow) is wired to its panel both ways, under one naming.
    for (const tab of tabs) {
      const id = tab.id.replace(/^tab-/, '');
      assert.equal(tab.testId, `tab-${id}`);
      assert.equal(tab.controls, `panel-${id}`);
      assert.equal(await panel.page.locator(`#panel-${id}`).getAttribute('role'), 'tabpanel');
      assert.equal(await panel.page.locator(`#panel-${id}`).getAttribute('aria-labelledby'), `tab-${id}`);
    }
    assert.equal(await panel.page.locator('[role="tabpanel"]').count(), tabs.length);
    // The tabs the panel has always had keep their ids, labels, icons and order.
    assert.deepEqual(
      tabs
        .filter((t) => KNOWN.some((k) => `tab-${k.id}` === t.id))
        .map((t) => ({ id: t.id.replace(/^tab-/, ''), label: t.label, icon: t.icon })),
      KNOWN,
    );
    assert.deepEqual(await panel.page.locator('[role="tab"][tabindex="0"]').evaluateAll((t) => t.map((e) => e.id)), [
      'tab-runs',
    ]);
    assert.deepEqual(await visiblePanels(panel), ['panel-runs']);
    assert.deepEqual(panel.errors, []);
    await panel.page.close();
  });

  it('moves with Left/Right (wrapping), Home and End, selecting and focusing as it goes', async () => {
    const panel = await harness.open({ now: NOW });
    await panel.waitForPosted(1);
    await panel.send(runsMessage());
    await panel.page.getByTestId('tabs').waitFor();
    const ids = await tabIds(panel);
    const [first, second] = ids;
    const last = ids.at(-1);
    assert.ok(first && second && last);
    await panel.page.getByTestId('tab-runs').focus();
    const steps: [string, string][] = [
      ['End', last],
      ['ArrowRight', first],
      ['ArrowLeft', last],
      ['Home', first],
      ['ArrowRight', second],
    ];
    for (const [key, tab] of steps) {
      await panel.page.keyboard.press(key);
      assert.deepEqual(await selected(panel), [`tab-${tab}`], `after ${key}`);
      assert.equal(await focusedId(panel), `tab-${tab}`, `focus after ${key}`);
      assert.deepEqual(await visiblePanels(panel), [`panel-${tab}`], `panel after ${key}`);
    }
    // Other keys are left to the page (no tab moves).
    await panel.page.keyboard.press('ArrowDown');
    assert.deepEqual(await selected(panel), ['tab-files']);
    await panel.page.close();
  });

  it('turns the bar on with a graph without moving the user off Files, and keeps the chosen tab across a reload', async () => {
    const first = await harness.open({ now: NOW });
    await first.waitForPosted(1);
    await first.send({ type: 'pipelineFiles', workspaceName: 'ml-repo', files: [] });
    assert.equal(await first.page.getByTestId('tabs').isHidden(), true);
    assert.deepEqual(await visiblePanels(first), ['panel-files']);
    await first.send(jobGraphMessage());
    await first.page.getByTestId('tabs').waitFor();
    assert.deepEqual(await selected(first), ['tab-files']);
    await first.page.getByTestId('tab-graph').click();
    assert.deepEqual(await visiblePanels(first), ['panel-graph']);
    const state = await first.page.evaluate(() => (window as unknown as PanelWindow).__state);
    assert.equal((state as { tab?: unknown }).tab, 'graph');
    await first.page.close();

    // The first runs after the reload land on the tab the user chose, not on Runs; a forged saved tab is ignored.
    const again = await harness.open({ now: NOW, state });
    await again.waitForPosted(1);
    await again.send(runsMessage());
    await again.page.getByTestId('tabs').waitFor();
    assert.deepEqual(await selected(again), ['tab-graph']);
    await again.page.close();
    const forged = await harness.open({ now: NOW, state: { ...(state as object), tab: 'settings' } });
    await forged.waitForPosted(1);
    await forged.send(runsMessage());
    await forged.page.getByTestId('tabs').waitFor();
    assert.deepEqual(await selected(forged), ['tab-runs']);
    assert.deepEqual(forged.errors, []);
    await forged.page.close();
  });
});
