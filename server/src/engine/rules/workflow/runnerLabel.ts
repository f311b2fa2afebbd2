// `runs-on` labels: near misses of GitHub-hosted labels (a job that waits forever for a runner that never comes) and
// images GitHub has retired. Other labels are custom or self-hosted runners and are left alone: ML projects use many.
import type { RuleFinding } from '../../findings';
import { workflowModel } from '../../github/workflowModel';
import { closestMatch } from '../../text/didYouMean';
import { asMap, getEntry, isScalar, isSeq, nodeRange, scalarText, type Node } from '../../yaml/nodes';
import type { Rule } from '../rule';

export const GITHUB_HOSTED_LABELS = [
  'ubuntu-latest', 'ubuntu-24.04', 'ubuntu-22.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm', 'ubuntu-slim',
  'windows-latest', 'windows-2025', 'windows-2022', 'windows-11-arm',
  'macos-latest', 'macos-26', 'macos-15', 'macos-14', 'macos-13', 'macos-latest-large', 'macos-15-large', 'macos-14-large', 'macos-13-large',
  'macos-latest-xlarge', 'macos-15-xlarge', 'macos-14-xlarge', 'macos-13-xlarge',
];

const RETIRED: Readonly<Record<string, string>> = {
  'ubuntu-18.04': 'retired on 2023-04-03',
  'ubuntu-20.04': 'retired on 2025-04-15',
  'windows-2016': 'retired on 2022-03-15',
  'windows-2019': 'retired on 2025-06-30',
  'macos-10.15': 'retired in 2022',
  'macos-11': 'retired on 2024-06-28',
  'macos-12': 'retired on 2024-12-03',
};

const GENERIC = new Set(['self-hosted', 'linux', 'windows', 'macos', 'x64', 'arm', 'arm64']);

export const runnerLabel: Rule = {
  id: 'runner-label',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Unknown or retired GitHub-hosted runner label',
    description: 'A `runs-on` label that is one typo away from a GitHub-hosted label (`ubuntu-lates`) leaves the job queued until ' +
      'it times out; a retired image (`ubuntu-20.04`, `windows-2019`) fails at once. Labels that look like custom or self-hosted ' +
      'runners are not reported.',
  },
  check(ctx) {
    const model = workflowModel(ctx.yaml);
    if (!model) return [];
    const findings: RuleFinding[] = [];
    for (const job of model.jobs) {
      const labels: Node[] = [];
      const runsOn = job.runsOn;
      if (isScalar(runsOn)) labels.push(runsOn);
      else if (isSeq(runsOn)) labels.push(...runsOn.items.map((i) => i as Node));
      else {
        const group = asMap(runsOn);
        const l = group ? getEntry(group, 'labels')?.value : undefined;
        if (isScalar(l)) labels.push(l);
        else if (isSeq(l)) labels.push(...l.items.map((i) => i as Node));
      }
      const texts = labels.map((n) => scalarText(n) ?? '');
      if (texts.some((t) => t.toLowerCase() === 'self-hosted')) continue;
      const own = new Set((ctx.runnerLabels ?? []).map((l) => l.toLowerCase()));
      labels.forEach((node, i) => {
        const label = texts[i] ?? '';
        if (label === '' || label.includes('${{') || GENERIC.has(label.toLowerCase()) || GITHUB_HOSTED_LABELS.includes(label) || own.has(label.toLowerCase())) return;
        const range = nodeRange(ctx.yaml.lines, node);
        const retired = RETIRED[label];
        if (retired) {
          const replacement = label.split('-')[0] === 'ubuntu' ? 'ubuntu-24.04' : label.startsWith('windows') ? 'windows-2025' : 'macos-15';
          findings.push({ message: `'${label}' was ${retired}; jobs on it fail. Use '${replacement}' or '${label.split('-')[0] ?? ''}-latest'.`, range, fixes: [{ title: `Use '${replacement}'`, edits: [{ range, newText: replacement }] }] });
          return;
        }
        // Typos are one or two keystrokes; larger-runner labels like 'ubuntu-20.04-16core' are custom names, not typos.
        const suggestion = closestMatch(label, GITHUB_HOSTED_LABELS, 2);
        if (suggestion && suggestion !== label) {
          findings.push({ message: `'${label}' is not a GitHub-hosted runner label. Did you mean '${suggestion}'? (If it is your own runner, add 'self-hosted' or silence this rule.)`, range, fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] });
        }
      });
    }
    return findings;
  },
};
