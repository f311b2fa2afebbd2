// Which files the Graph tab draws: the workflow and the dvc.yaml last active in an editor. Switching to some other file
// keeps the graphs on screen (so reading a script beside the graph does not blank it); a newly active pipeline file of
// the same kind replaces its graph. Kinds by path, as the server's detectKind decides them for these two.
import { endsInWorkflowFile } from '../../../protocol/workflowPaths';

export interface GraphTargets {
  readonly workflowUri: string | null;
  readonly dvcUri: string | null;
}

const DVC = /\/dvc\.ya?ml$/;

/** The targets after `uri` became the active editor's document (undefined: no editor, nothing changes). */
export function nextGraphTargets(current: GraphTargets, uri: string | undefined): GraphTargets {
  if (uri === undefined || !uri.startsWith('file:')) return current;
  const path = uri.split(/[?#]/)[0] ?? '';
  if (endsInWorkflowFile(path)) return { ...current, workflowUri: uri };
  if (DVC.test(path)) return { ...current, dvcUri: uri };
  return current;
}
