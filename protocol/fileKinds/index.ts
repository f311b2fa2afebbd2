// Every kind of file Preflight understands, as every layer knows it, in one list: the order is the panel's and the
// CLI's. The list is generated (fileKinds.generated.ts) from the kinds the engine describes, one file each, in
// server/src/engine/kinds/: add or change a kind there, not here.
import type { FileKindInfo } from './fileKindInfo';
import { FILE_KIND_INFOS as GENERATED_INFOS } from './fileKinds.generated';

export type { FileKindInfo } from './fileKindInfo';

export type FileKind = (typeof GENERATED_INFOS)[number]['id'];

export const FILE_KIND_INFOS: readonly FileKindInfo<FileKind>[] = GENERATED_INFOS;

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
