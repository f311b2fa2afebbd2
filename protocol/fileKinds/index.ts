// Every kind of file Preflight understands, in one list: the order is the panel's and the CLI's. Adding a kind = one
// file here + one line in this list, and its engine side in server/src/engine/kinds/ (the same there).
import type { FileKindInfo } from './fileKindInfo';
import { dvcParams } from './dvcParams';
import { dvcPipeline } from './dvcPipeline';
import { githubAction } from './githubAction';
import { githubWorkflow } from './githubWorkflow';
import { gitlabCi } from './gitlabCi';
import { kserveInferenceService } from './kserveInferenceService';
import { mlflowModel } from './mlflowModel';
import { mlflowProject } from './mlflowProject';
import { preflightConfig } from './preflightConfig';

export type { FileKindInfo } from './fileKindInfo';

export const FILE_KIND_INFOS = [
  githubWorkflow,
  githubAction,
  gitlabCi,
  dvcPipeline,
  dvcParams,
  mlflowProject,
  mlflowModel,
  kserveInferenceService,
  preflightConfig,
] as const;

export type FileKind = (typeof FILE_KIND_INFOS)[number]['id'];

export const FILE_KINDS: readonly FileKind[] = FILE_KIND_INFOS.map((k) => k.id);

const BY_ID = new Map<string, FileKindInfo<FileKind>>(FILE_KIND_INFOS.map((k) => [k.id, k]));

export function isFileKind(value: unknown): value is FileKind {
  return typeof value === 'string' && BY_ID.has(value);
}

export function fileKindInfo(kind: FileKind): FileKindInfo<FileKind> {
  const info = BY_ID.get(kind);
  if (!info) throw new Error(`unknown file kind '${kind}'`);
  return info;
}
