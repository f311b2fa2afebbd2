// Check time against the size of the file, for generated workflows that grow one way each:
// - steps per job: one job with N steps, each with an id, a `run:` that reads the previous step's output and an `if:`;
// - jobs in a chain: N jobs, each `needs:` the one before and reads its output;
// - needs edges: N jobs, each `needs:` every job before it (N(N-1)/2 edges), so the file grows with the edges.
// For each shape: the engine's checkText (the same path the CLI and the server take, no external linters) at several
// sizes, the median of a few runs each, then the growth exponent fitted by least squares on log(time) against
// log(bytes). Linear work fits about 1, quadratic about 2. Printed, never asserted: timing on a shared machine is no
// pass/fail. Issue 25 ("Fast at every size") asks for linear growth.
// Usage: node bench/checkScaling.mjs [--quick]   (needs `npm run build` first: it loads out/).
import { createRequire } from 'node:module';
import path from 'node:path';
import { growthExponent, machineLine, median, ms, repoRoot } from './lib/stats.mjs';

const quick = process.argv.includes('--quick');
const require = createRequire(import.meta.url);
const { checkText } = require(path.join(repoRoot(), 'out/server/src/engine/check.js'));

function stepsPerJob(n) {
  const lines = [
    'name: steps per job',
    'on: push',
    'permissions: {}',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 30',
    '    steps:',
  ];
  for (let i = 0; i < n; i++) {
    lines.push(`      - id: s${i}`, `        if: \${{ success() }}`);
    lines.push(
      i === 0
        ? '        run: echo "x=0" >> "$GITHUB_OUTPUT"'
        : `        run: echo "x=\${{ steps.s${i - 1}.outputs.x }}" >> "$GITHUB_OUTPUT"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function jobsInChain(n) {
  const lines = ['name: jobs in a chain', 'on: push', 'permissions: {}', 'jobs:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  j${i}:`, '    runs-on: ubuntu-latest', '    timeout-minutes: 30');
    if (i > 0) lines.push(`    needs: j${i - 1}`);
    lines.push('    outputs:', `      x: \${{ steps.s.outputs.x }}`, '    steps:', '      - id: s');
    lines.push(
      i === 0
        ? '        run: echo "x=0" >> "$GITHUB_OUTPUT"'
        : `        run: echo "x=\${{ needs.j${i - 1}.outputs.x }}" >> "$GITHUB_OUTPUT"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function needsEdges(n) {
  const lines = ['name: needs edges', 'on: push', 'permissions: {}', 'jobs:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  j${i}:`, '    runs-on: ubuntu-latest', '    timeout-minutes: 30');
    if (i > 0) lines.push(`    needs: [${Array.from({ length: i }, (_, k) => `j${k}`).join(', ')}]`);
    lines.push('    outputs:', `      x: \${{ steps.s.outputs.x }}`, '    steps:', '      - id: s');
    lines.push(
      i === 0
        ? '        run: echo "x=0" >> "$GITHUB_OUTPUT"'
        : `        run: echo "x=\${{ needs.j${i - 1}.outputs.x }}" >> "$GITHUB_OUTPUT"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const SHAPES = [
  {
    name: 'steps per job',
    generate: stepsPerJob,
    sizes: quick ? [250, 500, 1000, 2000] : [500, 1000, 2000, 4000, 8000],
  },
  {
    name: 'jobs in a chain',
    generate: jobsInChain,
    sizes: quick ? [250, 500, 1000, 2000] : [500, 1000, 2000, 4000, 8000],
  },
  {
    name: 'needs edges (each job needs all before it)',
    generate: needsEdges,
    sizes: quick ? [50, 100, 200] : [100, 200, 400, 800],
  },
];

function timeCheck(text) {
  const start = performance.now();
  const result = checkText({ path: '/bench/repo/.github/workflows/scaling.yml', text });
  const elapsed = performance.now() - start;
  if (result.kind !== 'github-workflow') throw new Error(`detected kind ${result.kind}, expected github-workflow`);
  return elapsed;
}

console.log(machineLine());
// Warm the engine (module loading, first compilations) on each shape so that the first size measured is not penalised.
for (const shape of SHAPES) for (let i = 0; i < 3; i++) timeCheck(shape.generate(shape.sizes[0]));
for (const shape of SHAPES) {
  const points = [];
  for (const n of shape.sizes) {
    const text = shape.generate(n);
    const runs = [];
    // Small sizes are fast and noisy: more runs; large ones take seconds: fewer.
    const count = text.length < 200_000 ? 5 : text.length < 1_000_000 ? 3 : 1;
    for (let i = 0; i < count; i++) runs.push(timeCheck(text));
    const t = median(runs);
    points.push({ x: text.length, y: t });
    console.log(
      `  ${shape.name}: N=${n}, ${(text.length / 1024).toFixed(0)} KiB: ${ms(t)} ms (median of ${count}), ` +
        `${(t / (text.length / 1024)).toFixed(2)} ms/KiB`,
    );
  }
  console.log(
    `${shape.name}: growth exponent ${growthExponent(
      points.map((p) => p.x),
      points.map((p) => p.y),
    ).toFixed(2)} (time ~ bytes^k; 1 = linear, 2 = quadratic)`,
  );
}
