// The shipped CSV format (GHA-Dashboard's builds_features.csv; see shared/data/ci-runs/README.md) into RunRecords, read
// as a stream: the file comes in 1 MiB pieces, each record becomes a RunRecord at once, and the strings that repeat
// (repository, workflow, actor, branch, event, commit) are stored once, so memory grows with the runs, not the bytes.
// `updated_at`/`status`/`build_duration` leak the outcome of THIS run, so they are read only to know when a run's outcome
// became known to later runs; no feature reads them for the run being predicted.
import { CsvRecordReader, type CsvRecord } from './csvRecordReader';
import { parseTimestamp } from '../../text/parseTimestamp';
import { readInPieces, type ReadProgress } from './readInPieces';
import { RowIssueCounter, type RunHistoryLoad, type RunLoadNotes } from './runLoadNotes';
import { looksLikeBot, type LoadResult, type RunRecord } from './runRecord';

const REQUIRED = ['repo', 'id_build', 'workflow_id', 'conclusion', 'created_at'] as const;

/** Skipped: placing the run in history needs the time its outcome became known. */
const NO_FINISH =
  'completed but with no finish time (updated_at missing or before created_at, and build_duration empty or not a finite number)';
const DURATION_UNUSED =
  'build_duration empty or not a finite number (not needed: updated_at says when the run finished)';

/** A copy that holds no reference to the chunk it was sliced from (V8 keeps the whole parent alive for a slice). */
function detached(text: string): string {
  return text.length < 13 ? text : ` ${text}`.slice(1);
}

/** Turns CSV records into RunRecords one at a time, counting what it skipped or could not use. */
class CsvRunRows {
  readonly runs: RunRecord[] = [];
  private col = new Map<string, number>();
  private hasHeader = false;
  private rows = 0;
  private readonly issues = new RowIssueCounter();
  private readonly strings = new Map<string, string>();

  constructor(private readonly file: string) {}

  /** The header or a run; an error message when the file cannot be read as run history. */
  add(record: CsvRecord): string | undefined {
    if (!this.hasHeader) {
      this.hasHeader = true;
      this.col = new Map(record.fields.map((h, i) => [h.trim(), i]));
      const missing = REQUIRED.filter((c) => !this.col.has(c));
      if (missing.length > 0)
        return `${this.file}:1: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the header needs ${REQUIRED.join(', ')})`;
      return undefined;
    }
    if (record.fields.length !== this.col.size)
      return `${this.file}:${record.line}: ${record.fields.length} fields where the header has ${this.col.size}`;
    this.rows++;
    const get = (name: string): string => {
      const i = this.col.get(name);
      return i === undefined ? '' : (record.fields[i] ?? '').trim();
    };
    const at = `${this.file}:${record.line}`;
    const createdAt = parseTimestamp(get('created_at'));
    if (createdAt === undefined)
      return `${at}: created_at '${get('created_at')}' is not a timestamp (use 2025-12-07T16:45:09Z)`;
    const id = get('id_build');
    if (!/^\d+$/.test(id)) return `${at}: id_build '${id}' is not a run id (digits)`;
    const conclusion = get('conclusion');
    const status = this.col.has('status') ? get('status') : conclusion === '' ? 'in_progress' : 'completed';
    const completed = status === 'completed';
    let completedAt: number | undefined;
    if (completed) {
      completedAt = this.completionTime(get('updated_at'), get('build_duration'), createdAt, at);
      if (completedAt === undefined) {
        this.issues.skip(NO_FINISH, at);
        return undefined;
      }
    }
    const actor = this.intern(get('issuer_name'));
    this.runs.push({
      id: detached(id),
      repo: this.intern(get('repo')),
      workflowId: this.intern(get('workflow_id')),
      workflowName: this.intern(get('workflow_name')),
      workflowPath: undefined,
      actor,
      actorIsBot: looksLikeBot(actor),
      branch: this.intern(get('branch')),
      sha: this.intern(get('commit_sha')),
      event: this.intern(get('workflow_event_trigger')),
      createdAt,
      completedAt,
      conclusion: completed ? this.intern(conclusion) : '',
      source: at,
    });
    return undefined;
  }

  /** Whether the header line was read (an empty file has none). */
  sawHeader(): boolean {
    return this.hasHeader;
  }

  notes(): RunLoadNotes {
    return this.issues.result(this.rows);
  }

  /** `updated_at` of a completed run is when it finished; failing that, created + duration; failing both, undefined:
   * taking its creation instead would let runs created before it really finished see its outcome. */
  private completionTime(updatedAt: string, duration: string, createdAt: number, at: string): number | undefined {
    const updated = parseTimestamp(updatedAt);
    const seconds = duration === '' ? Number.NaN : Number(duration);
    const usable = Number.isFinite(seconds) && seconds >= 0;
    if (updated !== undefined && updated >= createdAt) {
      if (!usable && this.col.has('build_duration')) this.issues.note(DURATION_UNUSED, at);
      return updated;
    }
    return usable ? createdAt + seconds * 1000 : undefined;
  }

  private intern(text: string): string {
    let kept = this.strings.get(text);
    if (kept === undefined) {
      kept = detached(text);
      this.strings.set(kept, kept);
    }
    return kept;
  }
}

function finish(reader: CsvRecordReader, rows: CsvRunRows, file: string): LoadResult<RunHistoryLoad> {
  const tail = reader.end();
  if (!tail.ok) return { ok: false, error: `${file}:${tail.line}: ${tail.error}` };
  for (const record of tail.records) {
    const error = rows.add(record);
    if (error) return { ok: false, error };
  }
  return { ok: true, value: { runs: rows.runs, notes: rows.notes() } };
}

function feed(reader: CsvRecordReader, rows: CsvRunRows, chunk: string, file: string): string | undefined {
  const step = reader.push(chunk);
  if (!step.ok) return `${file}:${step.line}: ${step.error}`;
  for (const record of step.records) {
    const error = rows.add(record);
    if (error) return error;
  }
  return undefined;
}

/** Runs from CSV text already in memory. */
export function loadRunsCsvText(text: string, file: string): LoadResult<RunHistoryLoad> {
  const reader = new CsvRecordReader();
  const rows = new CsvRunRows(file);
  const error = feed(reader, rows, text, file);
  if (error) return { ok: false, error };
  const loaded = finish(reader, rows, file);
  if (loaded.ok && !rows.sawHeader())
    return { ok: false, error: `${file}:1: the file is empty (expected a header line)` };
  return loaded;
}

export function loadRunsCsv(text: string, file: string): LoadResult<RunRecord[]> {
  const loaded = loadRunsCsvText(text, file);
  return loaded.ok ? { ok: true, value: loaded.value.runs } : loaded;
}

/** Runs from a CSV file read in pieces; `label` names it in messages. `chunkBytes` is for tests of piece boundaries. */
export async function loadRunsCsvFile(
  file: string,
  label: string,
  onProgress?: (p: ReadProgress) => void,
  chunkBytes?: number,
): Promise<LoadResult<RunHistoryLoad>> {
  const reader = new CsvRecordReader();
  const rows = new CsvRunRows(label);
  const error = await readInPieces(file, label, (piece) => feed(reader, rows, piece, label), {
    rows: () => rows.runs.length,
    onProgress,
    chunkBytes,
  });
  if (error !== undefined) return { ok: false, error };
  const loaded = finish(reader, rows, label);
  if (loaded.ok && !rows.sawHeader())
    return { ok: false, error: `${label}:1: the file is empty (expected a header line)` };
  return loaded;
}
