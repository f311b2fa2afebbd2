// The run a prediction is for: the NEXT run of a workflow, which does not exist yet. It takes the workflow's identity
// from its history (the latest run's repository, workflow id, branch, actor and event unless given) and is created after
// everything in the history, so every earlier outcome counts as known. Its commit is new: no earlier run shares it.
import type { CommitChanges } from '../git/commitChanges';
import type { RunRecord } from '../runs/runRecord';
import { looksLikeBot } from '../runs/runRecord';

export type WorkflowMatch =
  { readonly ok: true; readonly latest: RunRecord } | { readonly ok: false; readonly error: string };

/** Finds a workflow by file path (`.github/workflows/ci.yml` or `ci.yml`), name or numeric id; the latest run stands for it. */
export function findWorkflow(runs: readonly RunRecord[], query: string): WorkflowMatch {
  const q = query.trim().toLowerCase();
  const base = q.split('/').pop() ?? q;
  const matches = runs.filter((r) => {
    const p = r.workflowPath?.toLowerCase();
    return (
      r.workflowName.toLowerCase() === q ||
      r.workflowId === query.trim() ||
      p === q ||
      (p !== undefined && (p.split('/').pop() ?? p) === base)
    );
  });
  if (matches.length === 0) {
    const names = [...new Set(runs.map((r) => r.workflowName || r.workflowPath || r.workflowId))].slice(0, 8);
    return {
      ok: false,
      error: `no runs of workflow '${query}' (known: ${names.map((n) => `'${n}'`).join(', ')}${names.length === 8 ? ', …' : ''})`,
    };
  }
  const latest = matches.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
  return { ok: true, latest };
}

export interface NextRunOptions {
  readonly branch?: string | undefined;
  readonly event?: string | undefined;
  readonly actor?: string | undefined;
  /** Creation time; defaults to just after every run in the history started and finished. */
  readonly at?: number | undefined;
  /** What the next run's commit changes (e.g. the working copy's HEAD), when known. */
  readonly changes?: CommitChanges | undefined;
}

export function nextRunOf(runs: readonly RunRecord[], latest: RunRecord, options: NextRunOptions = {}): RunRecord {
  let end = 0;
  for (const r of runs) end = Math.max(end, r.createdAt, r.completedAt ?? 0);
  const actor = options.actor ?? latest.actor;
  return {
    ...latest,
    id: 'next',
    actor,
    actorIsBot: options.actor === undefined ? latest.actorIsBot : looksLikeBot(actor),
    branch: options.branch ?? latest.branch,
    event: options.event ?? latest.event,
    sha: '\u0000next-commit',
    createdAt: options.at ?? end + 1000,
    completedAt: undefined,
    conclusion: '',
    changes: options.changes,
    source: 'next run',
  };
}
