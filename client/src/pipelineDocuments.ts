// The documents Preflight checks: YAML by language, and the files that are YAML without a YAML name (MLproject,
// MLmodel) by name as well, in case the user's file associations open them as something else. From the file kinds.
import { FILE_KIND_INFOS } from '../../protocol/fileKinds/index';

export interface PipelineDocumentFilter {
  readonly scheme: 'file';
  readonly language?: string;
  readonly pattern?: string;
}

export const PIPELINE_DOCUMENTS: PipelineDocumentFilter[] = [
  { scheme: 'file', language: 'yaml' },
  ...FILE_KIND_INFOS.filter((k) => k.yamlWithoutExtension === true).flatMap((k) =>
    k.globs.map((pattern) => ({ scheme: 'file' as const, pattern })),
  ),
];
