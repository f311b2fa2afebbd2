// Model reports (SHAP, fairness) for the model view, computed here in the server process so the editor never waits on
// them. Progress goes out as notifications tagged with the request's progress id; the client's cancellation aborts the
// computation between batches. The last report per model is kept (keyed by model path, data path and file times) for
// the MLmodel hover, so hovering never recomputes what the view already showed.
import type { ServerContext } from './serverContext';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import { ModelReportProgressNotification, ModelReportRequest } from '../../../protocol/modelInsights';
import type { ModelReport } from '../../../protocol/modelReport';
import { buildModelReport, type ModelReportOptions } from '../engine/model/report/buildModelReport';
import type { SettingsStore } from './settingsStore';
import { pathToUri, uriToPath } from './uris';

interface CachedReport {
  readonly key: string;
  readonly report: ModelReport;
}

async function stamp(file: string | undefined): Promise<string> {
  if (file === undefined) return '-';
  try {
    const s = await fs.stat(file);
    return `${file}:${s.mtimeMs}:${s.size}`;
  } catch {
    return `${file}:missing`;
  }
}

export class ModelReports {
  private readonly latest = new Map<string, CachedReport>();

  constructor(private readonly settings: SettingsStore) {}

  /** The data file the `preflight.models.data` setting names for this model (keys are workspace-relative paths). */
  private async settingsDataPath(modelPath: string): Promise<string | undefined> {
    const settings = await this.settings.get(pathToUri(modelPath));
    for (const [model, data] of Object.entries(settings.modelData)) {
      // The setting is relative to a workspace folder we do not know here: match by path suffix, resolve alongside.
      const normalized = model.split(/[\\/]/).join(path.sep);
      if (modelPath.endsWith(path.sep + normalized)) {
        const root = modelPath.slice(0, modelPath.length - normalized.length);
        return path.resolve(root, data);
      }
    }
    return undefined;
  }

  async build(
    modelPath: string,
    options: Omit<ModelReportOptions, 'settingsDataPath' | 'toUri'>,
  ): Promise<ModelReportRequest.Result> {
    const settingsDataPath = await this.settingsDataPath(modelPath);
    const result = await buildModelReport(modelPath, {
      ...options,
      ...(settingsDataPath ? { settingsDataPath } : {}),
      toUri: pathToUri,
    });
    if (!result.ok) return result;
    const dataPath = result.report.dataUri ? uriToPath(result.report.dataUri) : undefined;
    this.latest.set(modelPath, { key: `${await stamp(modelPath)}|${await stamp(dataPath)}`, report: result.report });
    return result;
  }

  /** The last report for this model if neither the model nor its data changed since; otherwise a fresh one. */
  async current(modelPath: string, signal?: AbortSignal): Promise<ModelReport | undefined> {
    const cached = this.latest.get(modelPath);
    if (cached) {
      const dataPath = cached.report.dataUri ? uriToPath(cached.report.dataUri) : undefined;
      if (cached.key === `${await stamp(modelPath)}|${await stamp(dataPath)}`) return cached.report;
    }
    const result = await this.build(modelPath, signal ? { signal } : {});
    return result.ok ? result.report : undefined;
  }

  register(ctx: ServerContext): void {
    const { connection, logError } = ctx;
    connection.onRequest(
      ModelReportRequest.type,
      async (params, token: CancellationToken): Promise<ModelReportRequest.Result> => {
        const modelPath = uriToPath(params.modelUri);
        if (modelPath === undefined)
          return { ok: false, error: `Only files on disk can be explained (${params.modelUri}).` };
        const dataPath = params.dataUri === undefined ? undefined : uriToPath(params.dataUri);
        const abort = new AbortController();
        const listener = token.onCancellationRequested(() => {
          abort.abort();
        });
        let lastSent = 0;
        try {
          return await this.build(modelPath, {
            ...(dataPath ? { dataPath } : {}),
            signal: abort.signal,
            onProgress: (message, fraction) => {
              // At most ~10 notifications a second: progress is for people, not a log.
              const now = Date.now();
              if (fraction !== undefined && fraction < 1 && now - lastSent < 100) return;
              lastSent = now;
              void connection.sendNotification(ModelReportProgressNotification.type, {
                progressId: params.progressId,
                message,
                ...(fraction === undefined ? {} : { fraction }),
              });
            },
          });
        } catch (error) {
          logError('model report', error);
          return {
            ok: false,
            error: `${path.basename(modelPath)}: the report failed (${error instanceof Error ? error.message : String(error)}); see the Preflight output for details`,
          };
        } finally {
          listener.dispose();
        }
      },
    );
  }
}
