// Where failure risk keeps what must survive a restart, in the extension's storage folder (the client passes it at
// initialisation): the models retrained on a repository (workflow-level and job-level) and the log of predictions shown
// for it. Editors without a
// storage folder get the default model and an in-memory log.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FailureModel } from './failureModel';
import { readFailureModelOnnx, writeFailureModelOnnx } from './failureModelOnnx';
import type { LoggedPrediction } from './predictionLog';

/**
 * The shipped model: next to the bundled server (dist/), or in the sources when the compiled tree runs
 * (out/server/src/engine/model/failure/ is six folders below the repository, as the sources' data/ folder is five).
 */
const DEFAULT_MODEL_FILES = [
  path.join(__dirname, 'defaultFailureModel.onnx'),
  path.join(
    __dirname,
    '..',
    '..',
    '..',
    '..',
    '..',
    '..',
    'server',
    'src',
    'engine',
    'model',
    'data',
    'defaultFailureModel.onnx',
  ),
];

export interface ModelInUse {
  readonly model: FailureModel;
  /** Stable id for the prediction log. */
  readonly id: string;
  /** Words for tooltips. */
  readonly label: string;
  /** How it compared with the default, for the panel's Model section. */
  readonly detail: string;
}

export async function loadDefaultModel(): Promise<ModelInUse> {
  const file = DEFAULT_MODEL_FILES.find((f) => existsSync(f));
  if (file === undefined)
    throw new Error(`the default failure model is missing (looked in ${DEFAULT_MODEL_FILES.join(', ')})`);
  const read = readFailureModelOnnx(await readFile(file), file);
  if (!read.ok) throw new Error(read.error);
  return {
    model: read.value,
    id: `default:${read.value.training.trainedAt}`,
    label: 'the default model',
    detail: `trained on ${read.value.training.trainRuns + read.value.training.validRuns} runs of public repositories`,
  };
}

/** Workflow-level (trained on runs) or job-level (trained on the jobs of those runs). */
export type ModelLevel = 'runs' | 'jobs';
const LEVEL_SUFFIX: Readonly<Record<ModelLevel, string>> = { runs: '', jobs: '.jobs' };

interface RepoModelMeta {
  readonly comparison: string;
  readonly trainedAt: string;
}

/** A repository's file names: owner and name are validated GitHub names ([A-Za-z0-9._-]), so they are safe in a path. */
function base(repo: string): string {
  return repo.replace('/', '__');
}

export class FailureRiskStore {
  constructor(private readonly folder: string | undefined) {}

  private file(repo: string, suffix: string): string | undefined {
    return this.folder === undefined ? undefined : path.join(this.folder, 'failure-risk', `${base(repo)}${suffix}`);
  }

  private async write(file: string | undefined, data: string | Uint8Array): Promise<void> {
    if (file === undefined) return;
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename: a crash mid-write never leaves a half model that fails to load next time.
    await writeFile(`${file}.tmp`, data);
    await rename(`${file}.tmp`, file);
  }

  async loadRepoModel(repo: string, level: ModelLevel = 'runs'): Promise<ModelInUse | undefined> {
    const onnx = this.file(repo, `${LEVEL_SUFFIX[level]}.onnx`);
    const meta = this.file(repo, `${LEVEL_SUFFIX[level]}.json`);
    if (onnx === undefined || meta === undefined || !existsSync(onnx) || !existsSync(meta)) return undefined;
    const read = readFailureModelOnnx(await readFile(onnx), onnx);
    if (!read.ok) return undefined; // features changed since it was trained: the default serves until the next retrain
    const facts = JSON.parse(await readFile(meta, 'utf8')) as RepoModelMeta;
    return repoModel(repo, read.value, facts.comparison, level);
  }

  async saveRepoModel(
    repo: string,
    model: FailureModel,
    comparison: string,
    level: ModelLevel = 'runs',
  ): Promise<ModelInUse> {
    await this.write(this.file(repo, `${LEVEL_SUFFIX[level]}.onnx`), writeFailureModelOnnx(model));
    await this.write(
      this.file(repo, `${LEVEL_SUFFIX[level]}.json`),
      JSON.stringify({ comparison, trainedAt: model.training.trainedAt } satisfies RepoModelMeta),
    );
    return repoModel(repo, model, comparison, level);
  }

  /** Forgets a stored model. */
  async removeRepoModel(repo: string, level: ModelLevel): Promise<void> {
    for (const suffix of ['.onnx', '.json']) {
      const file = this.file(repo, `${LEVEL_SUFFIX[level]}${suffix}`);
      if (file !== undefined) await rm(file, { force: true });
    }
  }

  async loadLog(repo: string): Promise<LoggedPrediction[]> {
    const file = this.file(repo, '.predictions.json');
    if (file === undefined || !existsSync(file)) return [];
    try {
      const records = JSON.parse(await readFile(file, 'utf8')) as LoggedPrediction[];
      // JSON has no NaN: unknown feature values were written as null.
      return Array.isArray(records)
        ? records.map((r) => ({ ...r, features: r.features.map((v) => (typeof v === 'number' ? v : Number.NaN)) }))
        : [];
    } catch {
      return [];
    }
  }

  saveLog(repo: string, records: readonly LoggedPrediction[]): Promise<void> {
    return this.write(this.file(repo, '.predictions.json'), JSON.stringify(records));
  }
}

function repoModel(repo: string, model: FailureModel, comparison: string, level: ModelLevel): ModelInUse {
  const what = level === 'runs' ? 'model' : 'job model';
  const rows = level === 'runs' ? 'runs' : 'job results';
  return {
    model,
    id: `${repo}${level === 'runs' ? '' : ':jobs'}:${model.training.trainedAt}`,
    label: `the ${what} retrained on ${repo} (${model.training.trainedAt.slice(0, 10)})`,
    detail: `trained on ${model.training.trainRuns + model.training.validRuns} ${rows} of ${repo}; ${comparison}`,
  };
}
