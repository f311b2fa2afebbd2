// `local-action-invalid`: the action.yml of a local action a workflow uses, checked where it is used (the workflow is
// what fails). GitHub's own action syntax (syntax/actionSyntax.json) says which runtimes, `runs` keys, icons and colours
// exist; what GitHub does with each mistake sets the severity: an unknown runtime or a missing entry file fails the step,
// keys of another kind of action are ignored, and branding only matters to the Marketplace.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RuleFinding } from '../../../findings';
import { parseActionRef } from '../../../github/actionRef';
import { lookupLocalAction } from '../../../github/localReferences';
import { ACTION_SYNTAX, templateDefinition } from '../../../github/syntax/templateSchema';
import { nodeRange } from '../../../yaml/nodes';
import type { Rule } from '../../rule';
import { onlyCheckoutsBefore } from './earlierSteps';
import { isExpression, repositoryRoot, usesSites, type UsesSite } from './usesSites';

const allowed = (name: string): readonly string[] => templateDefinition(ACTION_SYNTAX, name)['allowed-values'] ?? [];
const runsKeys = (name: string): readonly string[] =>
  Object.keys(templateDefinition(ACTION_SYNTAX, name).mapping?.properties ?? {});

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

interface Problem {
  readonly message: string;
  readonly severity?: 'warning';
}

function manifestProblems(manifest: Readonly<Record<string, unknown>>, dir: string, site: UsesSite): Problem[] {
  const problems: Problem[] = [];
  const runs = record(manifest['runs']);
  const using = typeof runs?.['using'] === 'string' ? runs['using'] : undefined;
  if (runs && using !== undefined) {
    const runtimes = allowed('using');
    const kind = using.startsWith('node')
      ? 'node-runs'
      : using === 'docker'
        ? 'container-runs'
        : using === 'composite'
          ? 'composite-runs'
          : undefined;
    if (!runtimes.includes(using)) {
      problems.push({
        message: `'runs.using: ${using}' is not a runtime GitHub knows (${runtimes.join(', ')}), so the action does not load.`,
      });
    } else if (kind) {
      const own = runsKeys(kind);
      for (const key of Object.keys(runs)) {
        if (!own.includes(key))
          problems.push({
            severity: 'warning',
            message: `'runs.${key}' has no effect on a '${using}' action (it takes ${own.join(', ')}); GitHub ignores it.`,
          });
      }
    }
    const main = runs['main'];
    if (kind === 'node-runs' && typeof main === 'string' && !isExpression(main) && !existsSync(path.join(dir, main))) {
      // An earlier step may build it (npm run build before `uses: ./`): certain only when nothing but checkouts ran before.
      problems.push({
        message: `'runs.main' names '${main}', which is not in '${path.basename(dir)}', so the step fails${onlyCheckoutsBefore(site) ? '' : ' unless an earlier step builds it'}.`,
        ...(onlyCheckoutsBefore(site) ? {} : { severity: 'warning' as const }),
      });
    }
  }
  const branding = record(manifest['branding']);
  const icon = branding?.['icon'];
  const color = branding?.['color'];
  if (typeof icon === 'string' && !allowed('branding-icon').includes(icon)) {
    problems.push({
      severity: 'warning',
      message: `'branding.icon: ${icon}' is not an icon GitHub Marketplace offers (Feather icon names, e.g. 'box').`,
    });
  }
  if (typeof color === 'string' && !allowed('branding-color').includes(color)) {
    problems.push({
      severity: 'warning',
      message: `'branding.color: ${color}' is not a Marketplace colour (${allowed('branding-color').join(', ')}).`,
    });
  }
  return problems;
}

export const localActionInvalid: Rule = {
  id: 'local-action-invalid',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Local action whose action.yml is broken',
    description:
      "When a workflow uses a local action (`uses: ./path`), its `action.yml` is checked against GitHub's action " +
      'syntax and reported at the `uses:` line: a `runs.using` GitHub does not know (`node14`) or a `runs.main` file that does ' +
      'not exist fails the step (an error; a warning when an earlier step may build the file); `runs` keys of another kind of ' +
      'action (`env` on a JavaScript action) are ignored by GitHub, and an unknown branding icon or colour only matters to the ' +
      'Marketplace (warnings). A missing `description` is not reported: GitHub loads such actions.',
  },
  check(ctx) {
    const root = repositoryRoot(ctx);
    if (root === undefined) return [];
    const findings: RuleFinding[] = [];
    for (const site of usesSites(ctx)) {
      if (site.isJob || isExpression(site.uses.name)) continue;
      const ref = parseActionRef(site.uses.name);
      if (ref.kind !== 'local') continue;
      const lookup = lookupLocalAction(root, ref.path);
      if (lookup.status !== 'found' || !lookup.iface.manifest) continue;
      const range = nodeRange(ctx.parsed.lines, site.uses.node);
      const file = path.relative(root, lookup.iface.file);
      for (const problem of manifestProblems(lookup.iface.manifest, path.dirname(lookup.iface.file), site)) {
        findings.push({
          message: `${file}: ${problem.message}`,
          range,
          ...(problem.severity ? { severity: problem.severity } : {}),
        });
      }
    }
    return findings;
  },
};
