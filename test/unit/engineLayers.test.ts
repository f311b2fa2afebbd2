// The engine's folders import each other in one direction (docs/ARCHITECTURE.md states the layering): a test fails the
// moment two folders import each other, directly or round a longer loop, and names the imports that close it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../support/paths';

const ENGINE = path.join(REPO_ROOT, 'server', 'src', 'engine');
const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]*)['"]/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The engine folder a file belongs to (`github`, `model`, ...); undefined for files at the engine's root. */
function folderOf(file: string): string | undefined {
  const parts = path.relative(ENGINE, file).split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

/** Folder -> folders it imports, with one example import per edge. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(ENGINE)) {
    const from = folderOf(file);
    if (from === undefined) continue;
    for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = path.resolve(path.dirname(file), m[1] ?? '');
      if (!target.startsWith(ENGINE + path.sep)) continue;
      const to = folderOf(target.endsWith('.ts') ? target : `${target}.ts`);
      if (to === undefined || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      graph.get(from)?.set(to, `${path.relative(ENGINE, file)} imports ${m[1] ?? ''}`);
    }
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan). */
function cycles(graph: Map<string, Map<string, string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v) ?? 0);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('engine layering', () => {
  it('no two engine folders import each other, directly or through others', () => {
    const graph = folderGraph();
    assert.ok(graph.size > 10, 'the engine folders were found');
    const loops = cycles(graph).map(
      (c) =>
        `${c.join(' <-> ')}: ${c.flatMap((a) => c.filter((b) => graph.get(a)?.has(b)).map((b) => graph.get(a)?.get(b))).join('; ')}`,
    );
    assert.deepEqual(loops, []);
  });
});
