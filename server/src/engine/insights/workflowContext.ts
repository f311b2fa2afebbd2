// A workflow file prepared for the insights: parsed model, job infos, the `needs` map and the API-name resolver.
import path from 'node:path';
import type { WorkflowRun } from '../../../../shared/githubApi';
import { workflowModel, type WorkflowModel } from '../github/workflowModel';
import { parseYaml } from '../yaml/parsedYaml';
import type { Parsed } from './historyInput';
import { jobIdResolver, workflowJobsOf, type WorkflowJobInfo } from './workflowJobs';
import type { WorkflowText } from './workflowEdits';

export interface WorkflowContext extends WorkflowText {
  /** As given (absolute in the editor, as typed in the CLI). */
  readonly path: string;
  readonly model: WorkflowModel;
  readonly jobs: readonly WorkflowJobInfo[];
  /** Job id -> ids of the jobs it needs. */
  readonly needs: ReadonlyMap<string, readonly string[]>;
  readonly jobIdOf: (group: string) => string | undefined;
}

export function workflowContext(file: string, text: string): Parsed<WorkflowContext> {
  const yaml = parseYaml(text);
  const error = yaml.documents.flatMap((d) => d.errors)[0];
  if (error) {
    const line = yaml.lines.positionAt(error.pos[0]).line + 1;
    return {
      ok: false,
      error: `${file}:${line}: not valid YAML (${error.message.split('\n')[0] ?? ''}); fix it (preflight check ${file}) and retry`,
    };
  }
  const model = workflowModel(yaml);
  if (!model || model.jobs.length === 0)
    return { ok: false, error: `${file}: no jobs found; is this a GitHub Actions workflow?` };
  const jobs = workflowJobsOf(model, yaml.lines);
  return {
    ok: true,
    value: {
      path: file,
      text,
      lines: yaml.lines,
      model,
      jobs,
      needs: new Map(jobs.map((j) => [j.id, j.needs])),
      jobIdOf: jobIdResolver(jobs),
    },
  };
}

/**
 * The runs of this workflow file, when the runs say which file they ran (`path`); a history without paths is taken
 * as it is. Matching is by file name under .github/workflows, so a local checkout path works too.
 */
export function runsOfWorkflow(runs: readonly WorkflowRun[], file: string): WorkflowRun[] {
  const name = path.basename(file);
  if (!runs.some((r) => typeof r.path === 'string')) return [...runs];
  return runs.filter((r) => typeof r.path === 'string' && path.posix.basename(r.path.split('@')[0] ?? '') === name);
}
