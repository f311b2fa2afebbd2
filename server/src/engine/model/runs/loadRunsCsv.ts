// The shipped CSV format (GHA-Dashboard's builds_features.csv; see shared/data/ci-runs/README.md) into RunRecords.
// `updated_at`/`status`/`build_duration` leak the outcome of THIS run, so they are read only to know when a run's outcome
// became known to later runs; no feature reads them for the run being predicted.
import { parseCsv } from './csvTable';
import { parseTimestamp } from './parseTimestamp';
import { looksLikeBot, type LoadResult, type RunRecord } from './runRecord';

const REQUIRED = ['repo', 'id_build', 'workflow_id', 'conclusion', 'created_at'] as const;

export function loadRunsCsv(text: string, file: string): LoadResult<RunRecord[]> {
  const table = parseCsv(text);
  if (!table.ok) return { ok: false, error: `${file}:${table.line}: ${table.error}` };
  const col = new Map(table.header.map((h, i) => [h, i]));
  const missing = REQUIRED.filter((c) => !col.has(c));
  if (missing.length > 0) {
    return { ok: false, error: `${file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header needs ${REQUIRED.join(', ')})` };
  }
  const runs: RunRecord[] = [];
  for (const record of table.records) {
    const get = (name: string): string => {
      const i = col.get(name);
      return i === undefined ? '' : (record.fields[i] ?? '').trim();
    };
    const at = `${file}:${record.line}`;
    const createdAt = parseTimestamp(get('created_at'));
    if (createdAt === undefined) return { ok: false, error: `${at}: created_at '${get('created_at')}' is not a timestamp (use 2025-12-07T16:45:09Z)` };
    const id = get('id_build');
    if (!/^\d+$/.test(id)) return { ok: false, error: `${at}: id_build '${id}' is not a run id (digits)` };
    const conclusion = get('conclusion');
    const status = col.has('status') ? get('status') : conclusion === '' ? 'in_progress' : 'completed';
    const actor = get('issuer_name');
    runs.push({
      id,
      repo: get('repo'),
      workflowId: get('workflow_id'),
      workflowName: get('workflow_name'),
      workflowPath: undefined,
      actor,
      actorIsBot: looksLikeBot(actor),
      branch: get('branch'),
      sha: get('commit_sha'),
      event: get('workflow_event_trigger'),
      createdAt,
      completedAt: status === 'completed' ? completionTime(get('updated_at'), get('build_duration'), createdAt) : undefined,
      conclusion: status === 'completed' ? conclusion : '',
      commitAt: parseTimestamp(get('gh_first_commit_created_at')),
      dependenciesCount: optionalNumber(get('dependencies_count')),
      workflowSize: optionalNumber(get('workflow_size')),
      source: at,
    });
  }
  return { ok: true, value: runs };
}

/** `updated_at` of a completed run is when it finished; failing that, created + duration; failing both, its creation
 * (the earliest it could be known, which only ever hides history, never reveals a future outcome to an earlier run). */
function completionTime(updatedAt: string, duration: string, createdAt: number): number {
  const updated = parseTimestamp(updatedAt);
  if (updated !== undefined && updated >= createdAt) return updated;
  const seconds = optionalNumber(duration);
  return seconds !== undefined && seconds >= 0 ? createdAt + seconds * 1000 : createdAt;
}

function optionalNumber(text: string): number | undefined {
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
