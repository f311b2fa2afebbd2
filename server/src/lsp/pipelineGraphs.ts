// Answers the panel's Graph tab: the job graph of a workflow and the stage graph of a dvc.yaml, from the cached parse
// of an open document (else the file on disk), with the runs the watcher last reported on the job graph.
import { answerPanelRequest } from './panelRequestHandler';
import type { ServerContext } from './serverContext';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PIPELINE_GRAPHS, type PipelineGraphs } from '../../../protocol/graphView';
import type { PipelineRun } from '../../../protocol/pipelineRuns';
import { detectKind, parseFile, type FileKind } from '../engine/kinds';
import { dvcGraph, workflowGraph } from '../engine/insights/panelGraphs';
import type { ParsedYaml } from '../engine/yaml/parsedYaml';
import { pathToUri, uriToPath } from './uris';

interface LoadedFile {
  readonly uri: string;
  readonly file: string;
  readonly yaml: ParsedYaml;
}

/** Path relative to the workspace folder holding it (posix), or undefined outside every folder. */
function relativeTo(folders: readonly string[], file: string): string | undefined {
  for (const folder of folders) {
    const relative = path.relative(folder, file);
    if (relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative))
      return relative.split(path.sep).join('/');
  }
  return undefined;
}

/** `runs`: the watcher's latest runs (newest first); empty when signed out. */
export function registerPipelineGraphs(ctx: ServerContext, runs: () => readonly PipelineRun[]): void {
  /** The open document's cached parse, else the disk's text; only files of the expected kind. */
  async function load(uri: string, want: FileKind): Promise<LoadedFile | undefined> {
    const file = uriToPath(uri);
    if (file === undefined) return undefined;
    const open = ctx.documents.get(uri);
    const text = open?.getText() ?? (await readFile(file, 'utf8').catch(() => undefined));
    if (text === undefined || detectKind(file, text) !== want) return undefined;
    return { uri, file, yaml: open ? ctx.parses.get(open, want) : parseFile(want, text) };
  }

  async function workspaceDvc(): Promise<LoadedFile | undefined> {
    for (const folder of ctx.workspace.folderPaths) {
      const found = await load(pathToUri(path.join(folder, 'dvc.yaml')), 'dvc-pipeline');
      if (found) return found;
    }
    return undefined;
  }

  answerPanelRequest(
    ctx,
    PIPELINE_GRAPHS,
    'pipeline graphs',
    { jobs: null, dvc: null },
    async (params): Promise<PipelineGraphs> => {
      const folders = ctx.workspace.folderPaths;
      const title = (file: string): string => relativeTo(folders, file) ?? path.basename(file);
      // Params come off the wire: checked, not trusted to match their type.
      const { workflowUri, dvcUri } = params as { workflowUri: unknown; dvcUri: unknown };
      const workflow = typeof workflowUri === 'string' ? await load(workflowUri, 'github-workflow') : undefined;
      const dvc =
        typeof dvcUri === 'string'
          ? await load(dvcUri, 'dvc-pipeline')
          : dvcUri === null
            ? await workspaceDvc()
            : undefined;
      return {
        jobs:
          (workflow &&
            workflowGraph({
              yaml: workflow.yaml,
              uri: workflow.uri,
              title: title(workflow.file),
              workflowPath: relativeTo(folders, workflow.file),
              runs: runs(),
            })) ??
          null,
        dvc: (dvc && dvcGraph(dvc.yaml, dvc.file, dvc.uri, title(dvc.file))) ?? null,
      };
    },
  );
}
