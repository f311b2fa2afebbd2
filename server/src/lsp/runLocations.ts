// Answers "where is this job / step defined" for the pipeline panel: finds the run's workflow file in the workspace
// folders (the open editor's text first, else the disk) and maps GitHub's job and step names to a position.
import { guarded, type ServerContext } from './serverContext';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LocateRunStepRequest } from '../../../protocol/lsp';
import { locateRunStep } from '../engine/runs/runLocations';
import { parseYaml } from '../engine/yaml/parsedYaml';
import { pathToUri } from './uris';
import { isWorkflowFilePath } from '../../../protocol/workflowPaths';

export function registerRunLocations(ctx: ServerContext): void {
  const { connection, documents } = ctx;
  const folderPaths = (): readonly string[] => ctx.workspace.folderPaths;
  const failed: LocateRunStepRequest.Result = {
    ok: false,
    error: 'locating the step failed; the Preflight output has the details',
  };
  connection.onRequest(LocateRunStepRequest.type, (params) =>
    guarded(ctx, 'locating a run step', failed, async (): Promise<LocateRunStepRequest.Result> => {
      if (
        typeof params.workflowPath !== 'string' ||
        !isWorkflowFilePath(params.workflowPath) ||
        typeof params.jobName !== 'string'
      ) {
        return { ok: false, error: 'the request does not name a workflow file and a job' };
      }
      for (const folder of folderPaths()) {
        const file = path.join(folder, ...params.workflowPath.split('/'));
        const uri = pathToUri(file);
        const text = documents.get(uri)?.getText() ?? (await readFile(file, 'utf8').catch(() => undefined));
        if (text === undefined) continue;
        const step =
          params.step !== null &&
          typeof params.step === 'object' &&
          typeof params.step.name === 'string' &&
          Number.isInteger(params.step.number)
            ? params.step
            : undefined;
        const located = locateRunStep(parseYaml(text), params.jobName, step);
        return located.ok ? { ok: true, uri, ...located.location.position } : { ok: false, error: located.error };
      }
      return {
        ok: false,
        error: `${params.workflowPath} is not in this workspace (another branch, or a deleted workflow?)`,
      };
    }),
  );
}
