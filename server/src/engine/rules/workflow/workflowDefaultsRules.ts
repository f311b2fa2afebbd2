// Workflow-level defaults that cost money or widen the blast radius when left out: token permissions and cancellation of
// superseded runs. Both fixes insert a sensible default the user confirms one at a time (never part of "fix all").
// Both are notes by default: most workflows run fine without them. Missing permissions become a warning where a
// write token meets untrusted input (the triggers below).
import type { RuleFinding } from '../../findings';
import { workflowModel } from '../../github/workflowModel';
import type { LineIndex } from '../../../../../shared/lineIndex';
import { closestMatch } from '../../text/didYouMean';
import { getEntry, nodeRange, scalarText, type Node } from '../../yaml/nodes';
import type { Rule } from '../rule';

/** Offset of the start of the line holding the top-level `jobs:` key, where a new top-level block goes. */
function beforeJobs(lines: LineIndex, jobsKey: Node | null | undefined): number | undefined {
  if (!jobsKey?.range) return undefined;
  return lines.offsetAt({ line: lines.positionAt(jobsKey.range[0]).line, character: 0 });
}

/**
 * Events whose runs get a token that can write to the base repository while handling what outsiders control (a fork's
 * pull request, an issue or comment, an artifact of an earlier run). There a broad default token is a concrete risk.
 */
const PRIVILEGED_EVENTS = [
  'pull_request_target',
  'workflow_run',
  'issue_comment',
  'issues',
  'discussion',
  'discussion_comment',
];

export const permissionsMissing: Rule = {
  id: 'permissions-missing',
  kinds: ['github-workflow'],
  defaultSeverity: 'info',
  docs: {
    title: 'Workflow without `permissions`',
    description:
      "Without `permissions`, the `GITHUB_TOKEN` gets the repository's default, which in many repositories (and all " +
      'created before February 2023) is read and write on everything. A compromised dependency or action in a training job ' +
      'could then push code or publish releases. Declare `permissions: contents: read` at the top and grant more per job. ' +
      'The quick fix inserts that block; check which jobs need more. A warning when the workflow runs on ' +
      `${PRIVILEGED_EVENTS.map((e) => `\`${e}\``).join(', ')}, where outsiders control part of the input; a note otherwise.`,
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model || getEntry(model.root, 'permissions') || model.jobs.length === 0) return [];
    // Reusable workflows receive the caller's permissions; jobs that all declare their own are covered.
    if (model.events.has('workflow_call') && model.events.size === 1) return [];
    if (model.jobs.every((j) => getEntry(j.node, 'permissions'))) return [];
    const jobsKey = getEntry(model.root, 'jobs')?.keyNode;
    const at = beforeJobs(ctx.parsed.lines, jobsKey);
    const privileged = PRIVILEGED_EVENTS.find((e) => model.events.has(e));
    const findings: RuleFinding[] = [
      {
        message: privileged
          ? `No permissions are set, and '${privileged}' runs handle input outsiders control with the repository's default GITHUB_TOKEN (possibly write access to everything). Add \`permissions: contents: read\` and grant more per job.`
          : 'No permissions are set, so the GITHUB_TOKEN gets the repository default (possibly write access to everything). Add `permissions: contents: read` and grant more per job.',
        range: nodeRange(ctx.parsed.lines, jobsKey),
        ...(privileged ? { severity: 'warning' as const } : {}),
        ...(at !== undefined
          ? {
              fixes: [
                {
                  title: 'Add permissions: contents: read',
                  confidence: 'default' as const,
                  edits: [{ range: ctx.parsed.lines.range(at, at), newText: 'permissions:\n  contents: read\n\n' }],
                },
              ],
            }
          : {}),
      },
    ];
    return findings;
  },
};

export const concurrencyMissing: Rule = {
  id: 'concurrency-missing',
  kinds: ['github-workflow'],
  defaultSeverity: 'info',
  docs: {
    title: 'Superseded runs are not cancelled',
    description:
      "A workflow triggered by `push` or `pull_request` without `concurrency` keeps running every older commit's " +
      'run after a new push. For long ML jobs that is hours of runner time spent on results nobody reads. The quick fix adds ' +
      'a concurrency group per workflow and ref that cancels in-progress runs of pull requests.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (
      !model ||
      getEntry(model.root, 'concurrency') ||
      !(model.events.has('pull_request') || model.events.has('push'))
    )
      return [];
    if (model.jobs.every((j) => getEntry(j.node, 'concurrency'))) return [];
    // A misspelled `concurrency` is reported (and fixed) by unknown-key; saying it is missing too would be noise.
    if (
      model.root.items.some((p) => {
        const k = scalarText(p.key as Node | null);
        return k !== undefined && k !== 'concurrency' && closestMatch(k, ['concurrency']) !== undefined;
      })
    )
      return [];
    const jobsKey = getEntry(model.root, 'jobs')?.keyNode;
    const at = beforeJobs(ctx.parsed.lines, jobsKey);
    const block =
      "concurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: ${{ github.event_name == 'pull_request' }}\n\n";
    return [
      {
        message:
          'New pushes do not cancel runs already in progress for the same branch or pull request; add a `concurrency` group.',
        range: nodeRange(ctx.parsed.lines, getEntry(model.root, 'on')?.keyNode),
        ...(at !== undefined
          ? {
              fixes: [
                {
                  title: 'Add a concurrency group that cancels superseded pull request runs',
                  confidence: 'default' as const,
                  edits: [{ range: ctx.parsed.lines.range(at, at), newText: block }],
                },
              ],
            }
          : {}),
      },
    ];
  },
};
