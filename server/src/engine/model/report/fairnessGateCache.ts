// The fairness gate runs the model over every data row. The editor re-checks an MLmodel after each typing pause, and
// typing anywhere else in the file changes nothing the gate reads, so its report is kept per (model file, data file,
// settings): the files by path, modification time and size, the settings as parsed from the MLmodel's current text.
// Editing the threshold, replacing the data or retraining the model runs it again; a pause elsewhere costs a few stats.
import { promises as fs } from 'node:fs';
import { buildModelReport, type ModelReportResult } from './buildModelReport';
import type { ModelExplainConfig } from './modelExplainConfig';

async function fileStamp(file: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(file);
    return `${file}\u0000${stat.mtimeMs}\u0000${stat.size}`;
  } catch {
    return undefined;
  }
}

export class FairnessGateCache {
  private readonly entries = new Map<string, Promise<ModelReportResult>>();
  /** How many times the model was actually run (entries computed), for tests and logs. */
  modelRuns = 0;

  constructor(private readonly capacity = 16) {}

  /** The model report without SHAP values, as the gate needs it, for a config that names both files. */
  async report(
    config: ModelExplainConfig & { readonly modelPath: string; readonly dataPath: string },
  ): Promise<ModelReportResult> {
    const [model, data] = await Promise.all([fileStamp(config.modelPath), fileStamp(config.dataPath)]);
    const run = (): Promise<ModelReportResult> => {
      this.modelRuns++;
      return buildModelReport(config.modelPath, { explain: false, config });
    };
    // A file that cannot be read is reported fresh every time: it may appear a moment later.
    if (model === undefined || data === undefined) return run();
    const key = JSON.stringify([model, data, config]);
    const cached = this.entries.get(key);
    if (cached) {
      // Most recently used last, so eviction drops the stalest entry.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const pending = run();
    this.entries.set(key, pending);
    pending.catch(() => this.entries.delete(key));
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
    return pending;
  }
}

/** One cache for the process (language server or CLI run): the gate's reports depend only on the key above. */
export const fairnessGateCache = new FairnessGateCache();
