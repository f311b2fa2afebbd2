// `runs-on` labels, including those a job takes from its matrix (`runs-on: ${{ matrix.os }}`): images GitHub has
// retired, near misses and invented versions of GitHub-hosted labels, labels of different operating systems in one list,
// and empty labels. Each leaves the job waiting for a runner that never comes, or failing at once. Other labels name
// custom or self-hosted runners and are left alone: ML projects use many (`gpu`, `a100`, `linux-x86-n2-16`).
import type { RuleFinding } from '../../findings';
import { workflowModel, type JobModel } from '../../github/workflowModel';
import { closestMatch } from '../../text/didYouMean';
import { asMap, getEntry, isScalar, isSeq, nodeRange, scalarText, type Node } from '../../yaml/nodes';
import type { Rule, RuleContext } from '../rule';
import { matrixOf, UNKNOWN } from './matrixValues';

/**
 * When the label lists below were last checked against GitHub's "GitHub-hosted runners" reference. GitHub adds images
 * (a new Ubuntu every two years, a new macOS every year): a label that looks newer than this list is only a warning.
 */
export const HOSTED_LABELS_CHECKED = 'December 2025';

export const GITHUB_HOSTED_LABELS = [
  'ubuntu-latest',
  'ubuntu-24.04',
  'ubuntu-22.04',
  'ubuntu-24.04-arm',
  'ubuntu-22.04-arm',
  'ubuntu-slim',
  'windows-latest',
  'windows-2025',
  'windows-2022',
  'windows-11-arm',
  'macos-latest',
  'macos-26',
  'macos-15',
  'macos-14',
  'macos-15-intel',
  'macos-latest-large',
  'macos-15-large',
  'macos-14-large',
  'macos-latest-xlarge',
  'macos-15-xlarge',
  'macos-14-xlarge',
];
const HOSTED = new Set(GITHUB_HOSTED_LABELS);

const RETIRED: Readonly<Record<string, string>> = {
  'ubuntu-16.04': 'retired on 2021-09-20',
  'ubuntu-18.04': 'retired on 2023-04-03',
  'ubuntu-20.04': 'retired on 2025-04-15',
  'windows-2016': 'retired on 2022-03-15',
  'windows-2019': 'retired on 2025-06-30',
  'macos-10.15': 'retired in 2022',
  'macos-11': 'retired on 2024-06-28',
  'macos-12': 'retired on 2024-12-03',
  // https://github.blog/changelog/2025-09-19-github-actions-macos-13-runner-image-is-closing-down (all macOS 13 labels)
  'macos-13': 'retired on 2025-12-04',
  'macos-13-large': 'retired on 2025-12-04',
  'macos-13-xlarge': 'retired on 2025-12-04',
};

const REPLACEMENT: Readonly<Record<OsFamily, string>> = {
  linux: 'ubuntu-24.04',
  windows: 'windows-2025',
  macos: 'macos-15',
};

/** Labels every runner of an operating system carries (self-hosted runners get them automatically). */
const GENERIC: ReadonlyMap<string, OsFamily | undefined> = new Map([
  ['self-hosted', undefined],
  ['linux', 'linux'],
  ['windows', 'windows'],
  ['macos', 'macos'],
  ['x64', undefined],
  ['arm', undefined],
  ['arm64', undefined],
]);

export type OsFamily = 'linux' | 'windows' | 'macos';

/**
 * The shape of a GitHub-hosted image label: an OS, a version or `latest`, and the suffixes GitHub uses for that OS
 * (`ubuntu-24.04-arm`, `macos-15-intel`, `macos-14-xlarge`). Larger runners have names their owners choose
 * (`ubuntu-latest-large`, `ubuntu-22.04-16core`, `linux-x86-n2-16`) and do not have this shape.
 */
const HOSTED_SHAPE =
  /^(ubuntu|windows|macos|linux|mac|osx|win)-(latest|oldest|newest|stable|\d+(?:\.\d+)?)(?:-(arm|intel|large|xlarge))?$/;
const SUFFIXES: Readonly<Record<string, readonly string[]>> = {
  ubuntu: ['arm'],
  windows: ['arm'],
  macos: ['intel', 'large', 'xlarge'],
};

function hostedShape(label: string): { readonly os: string; readonly version: string } | undefined {
  const m = HOSTED_SHAPE.exec(label);
  if (!m?.[1] || !m[2]) return undefined;
  if (m[3] && !(SUFFIXES[m[1]] ?? []).includes(m[3])) return undefined;
  return { os: m[1], version: m[2] };
}

function familyOf(label: string): OsFamily | undefined {
  if (GENERIC.has(label)) return GENERIC.get(label);
  if (!HOSTED.has(label) && !(label in RETIRED)) return undefined;
  return label.startsWith('ubuntu') ? 'linux' : label.startsWith('windows') ? 'windows' : 'macos';
}

/** Whether a version-shaped label is newer than every label of its OS in the list (GitHub may have added it since). */
function newerThanList(os: string, version: string): boolean {
  const known = GITHUB_HOSTED_LABELS.filter((l) => l.startsWith(`${os}-`))
    .map((l) => parseFloat(l.slice(os.length + 1)))
    .filter((n) => !Number.isNaN(n));
  return known.length > 0 && parseFloat(version) > Math.max(...known);
}

/** One label as written, and where its text is (the `runs-on` item, or the matrix value it comes from). */
interface Label {
  readonly text: string;
  readonly node: Node;
  /** For a label from the matrix: the `runs-on` entry that reads it. */
  readonly via?: Node;
}

const MATRIX_REFERENCE = /^\$\{\{\s*matrix\.([A-Za-z_][\w-]*)\s*\}\}$/;

/** Values of a matrix key as runner labels: its row and the values `include` gives it. */
function matrixLabels(job: JobModel, key: string): Label[] | undefined {
  const matrix = matrixOf(job.node);
  const vector = matrix?.vectors.find((v) => v.name === key);
  if (!matrix || (vector && !vector.items)) return undefined;
  const labels: Label[] = [];
  for (const item of vector?.items ?? []) {
    if (item.value === UNKNOWN) return undefined;
    if (typeof item.value === 'string') labels.push({ text: item.value, node: item.node });
  }
  const strategy = asMap(getEntry(job.node, 'strategy')?.value);
  const include = asMap(strategy ? getEntry(strategy, 'matrix')?.value : undefined);
  const includeList = include ? getEntry(include, 'include')?.value : undefined;
  if (isSeq(includeList)) {
    for (const row of includeList.items) {
      const rowMap = asMap(row as Node);
      const value = rowMap ? getEntry(rowMap, key)?.value : undefined;
      const text = scalarText(value);
      if (value && text !== undefined && !text.includes('${{')) labels.push({ text, node: value });
    }
  }
  return labels;
}

/** The labels a job asks for, each with its node; `group` jobs keep their `labels`. */
function runsOnLabels(job: JobModel): {
  readonly labels: Label[];
  readonly fromMatrix: Label[];
  readonly list: boolean;
} {
  const nodes: Node[] = [];
  const runsOn = job.runsOn;
  let list = false;
  if (isScalar(runsOn)) nodes.push(runsOn);
  else if (isSeq(runsOn)) {
    list = true;
    nodes.push(...runsOn.items.map((i) => i as Node));
  } else {
    const group = asMap(runsOn);
    const l = group ? getEntry(group, 'labels')?.value : undefined;
    if (isScalar(l)) nodes.push(l);
    else if (isSeq(l)) nodes.push(...l.items.map((i) => i as Node));
  }
  const labels: Label[] = [];
  const fromMatrix: Label[] = [];
  for (const node of nodes) {
    const text = scalarText(node);
    if (text === undefined) continue;
    const reference = MATRIX_REFERENCE.exec(text.trim());
    if (reference?.[1]) fromMatrix.push(...(matrixLabels(job, reference[1]) ?? []).map((l) => ({ ...l, via: node })));
    else labels.push({ text, node });
  }
  return { labels, fromMatrix, list };
}

function checkLabel(ctx: RuleContext, label: Label): RuleFinding | undefined {
  const lower = label.text.toLowerCase();
  const range = nodeRange(ctx.parsed.lines, label.node);
  const where = label.via ? ' (used by `runs-on` through the matrix)' : '';
  if (label.text.trim() === '') {
    // A literal '' is refused by GitHub's reader, and the schema check says so; one finding for one problem.
    if (label.text === '' && !label.via) return undefined;
    return {
      message: `An empty runner label matches no runner, so the job would wait until it times out${where}. Remove it or name a label.`,
      range,
    };
  }
  if (label.text.includes('${{') || GENERIC.has(lower) || HOSTED.has(lower)) return undefined;
  const retired = RETIRED[lower];
  if (retired) {
    const family = familyOf(lower) ?? 'linux';
    const replacement = REPLACEMENT[family];
    return {
      message: `'${label.text}' was ${retired}; jobs on it fail${where}. Use '${replacement}' or '${lower.split('-')[0] ?? ''}-latest'.`,
      range,
      fixes: [{ title: `Use '${replacement}'`, edits: [{ range, newText: replacement }] }],
    };
  }
  const shape = hostedShape(lower);
  if (shape && shape.os in SUFFIXES && /^\d/.test(shape.version) && newerThanList(shape.os, shape.version)) {
    return {
      message: `'${label.text}' is not in Preflight's list of GitHub-hosted labels (checked ${HOSTED_LABELS_CHECKED}); if GitHub has added this image since, ignore this. Otherwise the job would wait for a runner that never comes${where}.`,
      range,
      severity: 'warning',
    };
  }
  // Typos are one or two keystrokes; larger-runner names that extend a hosted label ('ubuntu-latest-4',
  // 'ubuntu-22.04-16core') are custom names, not typos.
  const extendsHosted = GITHUB_HOSTED_LABELS.some((l) => lower.startsWith(`${l}-`));
  const suggestion = extendsHosted ? undefined : closestMatch(label.text, GITHUB_HOSTED_LABELS, 2);
  if (suggestion && suggestion !== lower) {
    return {
      message: `'${label.text}' is not a GitHub-hosted runner label${where}. Did you mean '${suggestion}'? (If it is your own runner, add 'self-hosted' or list it in Preflight's runner labels.)`,
      range,
      fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }],
    };
  }
  if (shape) {
    return {
      message:
        `'${label.text}' looks like a GitHub-hosted runner label but is not one (list checked ${HOSTED_LABELS_CHECKED}), so the job would wait for a runner that never comes${where}. ` +
        `Use one of ${['ubuntu-latest', 'windows-latest', 'macos-latest'].map((l) => `'${l}'`).join(', ')} or a versioned image; if it is your own runner, add 'self-hosted' or list it in Preflight's runner labels.`,
      range,
    };
  }
  return undefined;
}

/**
 * `runs-on: []`, or a mapping with neither a group nor a label (`labels: []`): GitHub accepts the file, but the job names
 * no runner to run on. The node to report, or undefined when the job names one.
 */
function noRunnerNamed(runsOn: Node | null): Node | undefined {
  if (isSeq(runsOn)) return runsOn.items.length === 0 ? runsOn : undefined;
  const mapping = asMap(runsOn);
  if (!mapping || getEntry(mapping, 'group') !== undefined) return undefined;
  const labels = getEntry(mapping, 'labels')?.value;
  // A mapping with other keys only (a misspelled `label:`) is the unknown-key check's to report.
  if (labels === undefined) return mapping.items.length === 0 ? mapping : undefined;
  return isSeq(labels) && labels.items.length === 0 ? labels : undefined;
}

/**
 * Labels for different operating systems in one list: no runner has both, so the job never starts. Reported on the
 * later label, or on the matrix value that brings it.
 */
function conflicts(ctx: RuleContext, literal: readonly Label[], candidates: readonly Label[]): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const candidate of candidates) {
    const family = familyOf(candidate.text.toLowerCase());
    if (!family) continue;
    const earlier = candidate.via ? literal : literal.slice(0, Math.max(0, literal.indexOf(candidate)));
    const other = earlier.find((l) => {
      const f = familyOf(l.text.toLowerCase());
      return f !== undefined && f !== family;
    });
    if (!other) continue;
    const line = nodeRange(ctx.parsed.lines, other.node).start.line + 1;
    findings.push({
      message:
        `'${candidate.text}' and '${other.text}' (line ${line}) are labels of different operating systems; a runner must have every label in the list, so the job would never start. ` +
        'To run the job on each, put them in a matrix and use `runs-on: ${{ matrix.os }}`.',
      range: nodeRange(ctx.parsed.lines, candidate.node),
    });
  }
  return findings;
}

export const runnerLabel: Rule = {
  id: 'runner-label',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Retired, unknown or conflicting GitHub-hosted runner label',
    description:
      'A `runs-on` label that is one typo away from a GitHub-hosted label (`ubuntu-lates`), or that has the shape of ' +
      'one but never existed (`ubuntu-oldest`, `macos-10.13`), leaves the job queued until it times out; so do labels of ' +
      'different operating systems in one list (`[ubuntu-latest, windows-latest]`: a runner must have every label), an ' +
      'empty label, and a `runs-on` that names no label and no group (`runs-on: []`, `labels: []`). A retired image ' +
      '(`ubuntu-20.04`, `windows-2019`) fails at once. Labels a job takes from its matrix are ' +
      `checked too. The list of GitHub-hosted labels was checked in ${HOSTED_LABELS_CHECKED}; a label that looks newer is a ` +
      'warning. Other labels, and every label of a job with `self-hosted`, belong to your own runners and are not reported; ' +
      'list yours in the `preflight.runnerLabels` setting or `.preflight.yml` to have them treated as known.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    const own = new Set((ctx.runnerLabels ?? []).map((l) => l.toLowerCase()));
    const findings: RuleFinding[] = [];
    for (const job of model.jobs) {
      const empty = noRunnerNamed(job.runsOn);
      if (empty) {
        findings.push({
          message: `'runs-on' of job '${job.id}' names no runner label (and no group), so no runner can take the job: name one (e.g. runs-on: ubuntu-latest).`,
          range: nodeRange(ctx.parsed.lines, empty),
        });
        continue;
      }
      const { labels, fromMatrix, list } = runsOnLabels(job);
      if (labels.some((l) => l.text.toLowerCase() === 'self-hosted')) continue;
      const checked = [...labels, ...fromMatrix].filter((l) => !own.has(l.text.toLowerCase()));
      for (const label of checked) {
        const finding = checkLabel(ctx, label);
        if (finding) findings.push(finding);
      }
      if (list)
        findings.push(
          ...conflicts(
            ctx,
            labels.filter((l) => !own.has(l.text.toLowerCase())),
            checked,
          ),
        );
    }
    return dedupe(findings);
  },
};

/** A matrix value read by two jobs is one finding. */
function dedupe(findings: readonly RuleFinding[]): RuleFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.range.start.line}:${f.range.start.character}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The operating system a job runs on, when its labels say so: every label that names an OS (including those from the
 * matrix) names the same one. Undefined when no label names one, or a label is an expression or a custom name only.
 */
export function jobRunnerOs(job: JobModel): OsFamily | undefined {
  const { labels, fromMatrix } = runsOnLabels(job);
  if (labels.some((l) => l.text.includes('${{') && !MATRIX_REFERENCE.test(l.text.trim()))) return undefined;
  const families = new Set(
    [...labels, ...fromMatrix].map((l) => familyOf(l.text.toLowerCase())).filter((f): f is OsFamily => f !== undefined),
  );
  return families.size === 1 ? [...families][0] : undefined;
}
