// The job graph: `needs` must name existing jobs and must not loop; step ids must be unique within a job. GitHub rejects
// the workflow for each of these, but only after a push.
import type { Range, RuleFinding } from '../../findings';
import { workflowModel, type JobModel } from '../../github/workflowModel';
import { closestMatch } from '../../text/didYouMean';
import type { LineIndex } from '../../../../../shared/lineIndex';
import { nodeRange, type Node } from '../../yaml/nodes';
import type { Rule } from '../rule';

/**
 * From the job's key to the offending `needs` entry: the job is what cannot run (GitHub's server and actionlint point at
 * its key), the entry is what to change (the language service points there), and both stay in view.
 */
function jobToNeed(lines: LineIndex, job: JobModel, need: Node): Range {
  return { start: nodeRange(lines, job.keyNode).start, end: nodeRange(lines, need).end };
}

export const jobNeedsUnknown: Rule = {
  id: 'job-needs-unknown',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: '`needs` names a job that does not exist',
    description:
      'Every entry of `jobs.<id>.needs` must be the id of another job in the same workflow (not its `name`). ' +
      'GitHub refuses the workflow otherwise. A near miss comes with a quick fix.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    const ids = [...model.jobsById.keys()];
    const findings: RuleFinding[] = [];
    for (const job of model.jobs) {
      for (const need of job.needs) {
        if (model.jobsById.has(need.name) || need.name.includes('${{')) continue;
        const range = jobToNeed(ctx.parsed.lines, job, need.node);
        const needRange = nodeRange(ctx.parsed.lines, need.node);
        const suggestion = closestMatch(
          need.name,
          ids.filter((id) => id !== job.id),
        );
        const byName = model.jobs.find((j) => j.name === need.name);
        findings.push({
          message: byName
            ? `Job '${job.id}' needs '${need.name}', which is a job's name; use its id '${byName.id}'.`
            : `Job '${job.id}' needs '${need.name}', but there is no such job.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
          range,
          ...(byName || suggestion
            ? {
                fixes: [
                  {
                    title: `Change to '${byName?.id ?? suggestion ?? ''}'`,
                    edits: [{ range: needRange, newText: byName?.id ?? suggestion ?? '' }],
                  },
                ],
              }
            : {}),
        });
      }
    }
    return findings;
  },
};

/** Jobs on a cycle, each with the `needs` entry that continues the cycle. */
function findCycles(jobs: readonly JobModel[], byId: ReadonlyMap<string, JobModel>): JobModel[][] {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: JobModel[][] = [];
  const stack: JobModel[] = [];
  const visit = (job: JobModel): void => {
    state.set(job.id, 'visiting');
    stack.push(job);
    for (const need of job.needs) {
      const next = byId.get(need.name);
      if (!next) continue;
      const s = state.get(next.id);
      if (s === 'visiting') cycles.push(stack.slice(stack.indexOf(next)));
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(job.id, 'done');
  };
  for (const job of jobs) if (!state.has(job.id)) visit(job);
  return cycles;
}

export const jobNeedsCycle: Rule = {
  id: 'job-needs-cycle',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Jobs need each other in a cycle',
    description:
      'Jobs linked by `needs` must form a directed acyclic graph: a job that (indirectly) needs itself can never start, ' +
      'and GitHub rejects the workflow.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    const findings: RuleFinding[] = [];
    for (const cycle of findCycles(model.jobs, model.jobsById)) {
      const path = [...cycle.map((j) => j.id), cycle[0]?.id ?? ''].join(' -> ');
      for (const [i, job] of cycle.entries()) {
        const next = cycle[(i + 1) % cycle.length];
        const need = job.needs.find((n) => n.name === next?.id);
        if (!next || !need) continue;
        findings.push({
          message: `Jobs need each other in a cycle: ${path}, so none of them can start. Remove '${next.id}' from the needs of '${job.id}' or another entry of the cycle.`,
          range: jobToNeed(ctx.parsed.lines, job, need.node),
        });
      }
    }
    return findings;
  },
};

const STEP_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export const stepIdInvalid: Rule = {
  id: 'step-id',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  docs: {
    title: 'Step id is duplicated or malformed',
    description:
      'Step ids must be unique within a job (GitHub rejects duplicates) and start with a letter or `_`, followed by ' +
      'letters, digits, `-` or `_`, so that `steps.<id>` can refer to them.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    const findings: RuleFinding[] = [];
    for (const job of model.jobs) {
      const seen = new Map<string, number>();
      for (const step of job.steps) {
        // An empty id is refused by GitHub's reader and reported by the schema check: one finding for one problem.
        if (!step.id || step.id.name === '' || step.id.name.includes('${{')) continue;
        const range = nodeRange(ctx.parsed.lines, step.id.node);
        if (!STEP_ID.test(step.id.name)) {
          findings.push({
            message: `Step id '${step.id.name}' is not valid: start with a letter or '_', then letters, digits, '-' or '_'.`,
            range,
          });
        }
        const key = step.id.name.toLowerCase(); // GitHub compares step ids case-insensitively
        const first = seen.get(key);
        if (first !== undefined)
          findings.push({
            message: `Step id '${step.id.name}' is already used by step ${first + 1} of job '${job.id}'.`,
            range,
          });
        else seen.set(key, step.index);
      }
    }
    return findings;
  },
};
