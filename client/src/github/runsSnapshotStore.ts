// The last runs seen per repository and branch, kept across window reloads so the Runs tab can draw them the moment it
// opens, while the first fetch is still in flight. One small JSON file in the extension's workspace storage, bounded
// (entries, runs per entry, bytes), holding the page's view data only (protocol/runsView.ts): never a token. What is read
// back is validated like any input from outside: a corrupt file is ignored, a malformed entry dropped. Node only.
import fs from 'node:fs';
import path from 'node:path';
import { parseRunsMessage, type RunsMessage } from '../../../protocol/runsView';
import type { RunsTarget } from './runsBackend';

export interface SnapshotLimits {
  /** Repository+branch pairs kept; the least recently saved go first. */
  readonly maxEntries: number;
  /** Newest runs kept per pair: enough to fill the first screen. */
  readonly maxRunsPerEntry: number;
  /** The whole file; older entries (then older runs) are dropped to fit. */
  readonly maxBytes: number;
}

export const DEFAULT_SNAPSHOT_LIMITS: SnapshotLimits = { maxEntries: 8, maxRunsPerEntry: 25, maxBytes: 512 * 1024 };

const FILE_VERSION = 1;
const MAX_KEY = 600;

/** What the controller needs: the kept runs for a key, and a newer list to keep. */
export interface RunsSnapshotCache {
  get(key: string): RunsMessage | undefined;
  put(key: string, message: RunsMessage): void;
}

/**
 * The cache key of a target: API, repository and branch (a detached HEAD: its commit). Not the HEAD commit of a branch,
 * so a new commit still finds the branch's runs. undefined when there is neither branch nor commit.
 */
export function snapshotKey(
  target: Omit<RunsTarget, 'headSha'> & { readonly headSha: string | null },
): string | undefined {
  const ref =
    target.branch !== null ? `branch:${target.branch}` : target.headSha !== null ? `sha:${target.headSha}` : undefined;
  return ref === undefined ? undefined : `${target.baseUrl} ${target.owner}/${target.repo} ${ref}`;
}

interface Entry {
  readonly key: string;
  readonly savedAt: number;
  readonly message: RunsMessage;
}

function parseEntry(value: unknown): Entry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { key, savedAt, message } = value as Record<string, unknown>;
  if (typeof key !== 'string' || key.length > MAX_KEY || typeof savedAt !== 'number' || !Number.isFinite(savedAt))
    return undefined;
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const parsed = parseRunsMessage(message as Record<string, unknown>);
  return parsed ? { key, savedAt, message: parsed } : undefined;
}

export class RunsSnapshotStore implements RunsSnapshotCache {
  /** In save order: the first is the least recently saved. */
  private readonly entries = new Map<string, Entry>();
  private loading: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private writeQueued = false;

  /** `file` undefined keeps the snapshots in memory only (a window without workspace storage). */
  constructor(
    private readonly file: string | undefined,
    private readonly limits: SnapshotLimits = DEFAULT_SNAPSHOT_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Reads the file once; snapshots saved before it is read are newer and win. */
  load(): Promise<void> {
    this.loading ??= this.read();
    return this.loading;
  }

  /** The kept runs for the key, marked as cached; undefined when none were kept. */
  get(key: string): RunsMessage | undefined {
    const entry = this.entries.get(key);
    return entry ? { ...entry.message, cached: true } : undefined;
  }

  put(key: string, message: RunsMessage): void {
    if (key.length > MAX_KEY) return;
    const kept: RunsMessage = {
      type: 'runs',
      state: message.state,
      repository: message.repository,
      branch: message.branch,
      runs: message.runs.slice(0, this.limits.maxRunsPerEntry),
      updatedAt: message.updatedAt,
    };
    this.entries.delete(key);
    this.entries.set(key, { key, savedAt: this.now(), message: kept });
    this.fit();
    this.scheduleWrite();
  }

  /** Resolves when every write asked for so far is done (tests, shutdown). */
  flush(): Promise<void> {
    return this.writing;
  }

  private async read(): Promise<void> {
    if (this.file === undefined) return;
    let text: string;
    try {
      const stat = await fs.promises.stat(this.file);
      // A file far over the bound was not written by this store: not worth parsing.
      if (stat.size > this.limits.maxBytes * 2) return;
      text = await fs.promises.readFile(this.file, 'utf8');
    } catch {
      return; // no file yet
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return; // corrupt (a torn write, an edit): start afresh, the next snapshot rewrites it
    }
    if (typeof data !== 'object' || data === null || (data as Record<string, unknown>)['version'] !== FILE_VERSION)
      return;
    const listed = (data as Record<string, unknown>)['entries'];
    if (!Array.isArray(listed)) return;
    const read = listed
      .map(parseEntry)
      .filter((e): e is Entry => e !== undefined)
      .sort((a, b) => a.savedAt - b.savedAt);
    const newer = [...this.entries.values()];
    this.entries.clear();
    for (const entry of [...read, ...newer]) {
      this.entries.delete(entry.key);
      this.entries.set(entry.key, entry);
    }
    this.fit();
  }

  private serialize(): string {
    return JSON.stringify({ version: FILE_VERSION, entries: [...this.entries.values()] });
  }

  /** Enforces the bounds: entry count, then bytes (oldest entries first, then the last one's oldest runs). */
  private fit(): void {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries) break;
      this.entries.delete(key);
    }
    while (Buffer.byteLength(this.serialize()) > this.limits.maxBytes) {
      const oldest = this.entries.values().next().value;
      if (oldest === undefined) return;
      if (this.entries.size > 1 || oldest.message.runs.length === 0) {
        this.entries.delete(oldest.key);
        continue;
      }
      const runs = oldest.message.runs.slice(0, Math.floor(oldest.message.runs.length / 2));
      this.entries.set(oldest.key, { ...oldest, message: { ...oldest.message, runs } });
    }
  }

  /** One write per burst of puts; a put during a write queues one more. Written to a temp file, then renamed. */
  private scheduleWrite(): void {
    const file = this.file;
    if (file === undefined || this.writeQueued) return;
    this.writeQueued = true;
    this.writing = this.writing
      .then(async () => {
        this.writeQueued = false;
        const temp = `${file}.${process.pid}.tmp`;
        await fs.promises.mkdir(path.dirname(file), { recursive: true });
        await fs.promises.writeFile(temp, this.serialize(), 'utf8');
        await fs.promises.rename(temp, file);
      })
      .catch(() => {
        // The cache only speeds up the first paint; a failed write costs nothing else.
      });
  }
}
