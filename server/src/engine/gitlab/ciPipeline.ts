// The pipeline GitLab would build from a .gitlab-ci.yml: its own jobs merged over those of its local includes, the
// effective stage list, and each job's keys after `extends`. `complete` says whether every include could be read;
// without it, a name we cannot find may simply live in a file we did not see. A fragment (a file the root includes) is
// checked within the root's whole pipeline; a CI file no root includes has an unknown context (stages and templates
// may come from wherever it is included), so only its own shape is checked.
import path from 'node:path';
import { cleanDocuments, type ParsedYaml } from '../yaml/parsedYaml';
import {
  includeEntries,
  mergeJobs,
  readInclude,
  repositoryRoot,
  resolveIncludes,
  stagesOf,
  type IncludedConfig,
} from './ciIncludes';
import { includingRoot, ROOT_CONFIG_NAMES, type FragmentOf } from './ciFragments';
import { ALWAYS_STAGES, DEFAULT_STAGES, MAX_EXTENDS_DEPTH } from './gitlabKeywords';
import { configDocument, gitlabCiModel, type GitlabCiModel, type JobDef } from './gitlabModel';

export interface JobView {
  readonly name: string;
  readonly hidden: boolean;
  readonly keys: ReadonlySet<string>;
  readonly extends: readonly string[];
  readonly stage: string | undefined;
  /** The definition in the checked file, when the job is (also) defined there. */
  readonly local: JobDef | undefined;
  readonly mergeUnknown: boolean;
}

export interface CiPipeline {
  readonly model: GitlabCiModel;
  readonly complete: boolean;
  readonly jobs: ReadonlyMap<string, JobView>;
  /** Stages jobs may use; undefined when they come from an include we could not read. */
  readonly stages: ReadonlySet<string> | undefined;
}

interface Context {
  readonly included: IncludedConfig;
  /** The stages the pipeline runs, or undefined when an unread file may set them. */
  readonly stages: readonly string[] | undefined;
}

/** The whole pipeline a fragment belongs to: the root's includes (this file as edited), with the root merged last. */
function fragmentContext(yaml: ParsedYaml, filePath: string, fragment: FragmentOf): Context {
  const own: unknown = configDocument(cleanDocuments(yaml))?.toJS();
  const overrides = new Map<string, Record<string, unknown>>();
  if (typeof own === 'object' && own !== null && !Array.isArray(own))
    overrides.set(path.resolve(filePath), own as Record<string, unknown>);
  const root = readInclude(fragment.rootFile);
  const fromIncludes = resolveIncludes(fragment.repo, includeEntries(root.data['include']), overrides);
  const jobs = new Map(fromIncludes.jobs);
  mergeJobs(jobs, root.data);
  const included = { ...fromIncludes, jobs };
  // GitLab merges the root over its includes, so the root's `stages` wins.
  return {
    included,
    stages: stagesOf(root.data) ?? (included.complete ? (included.stages ?? DEFAULT_STAGES) : undefined),
  };
}

/** A file no root includes: a root configuration when named like one, else a CI file of unknown context. */
function ownContext(model: GitlabCiModel, filePath: string): Context {
  const includeValues = model.includes.map((i) => (i.kind === 'local' ? i.path : { [i.kind]: true }));
  const resolved: IncludedConfig =
    model.includes.length === 0
      ? { complete: true, jobs: new Map(), stages: undefined, files: [] }
      : resolveIncludes(repositoryRoot(filePath), includeValues);
  if (!ROOT_CONFIG_NAMES.includes(path.basename(filePath)))
    return { included: { ...resolved, complete: false }, stages: undefined };
  // The file's own `stages` wins over included ones; those count only when every include was read (the last one wins).
  const stages =
    model.stages?.map((s) => s.name) ?? (resolved.complete ? (resolved.stages ?? DEFAULT_STAGES) : undefined);
  return { included: resolved, stages };
}

export function ciPipeline(yaml: ParsedYaml, filePath: string): CiPipeline | undefined {
  const model = gitlabCiModel(yaml);
  if (!model) return undefined;
  const fragment = includingRoot(filePath);
  const { included, stages: declared } = fragment
    ? fragmentContext(yaml, filePath, fragment)
    : ownContext(model, filePath);
  const jobs = new Map<string, JobView>();
  for (const job of included.jobs.values()) {
    jobs.set(job.name, {
      name: job.name,
      hidden: job.name.startsWith('.'),
      keys: job.keys,
      extends: job.extends,
      stage: job.stage,
      local: undefined,
      mergeUnknown: false,
    });
  }
  for (const job of model.jobs) {
    const earlier = jobs.get(job.name);
    const keys = new Set([...job.keys.keys(), ...(earlier?.keys ?? [])]);
    jobs.set(job.name, {
      name: job.name,
      hidden: job.hidden,
      keys,
      extends: job.extends.length > 0 ? job.extends.map((e) => e.name) : (earlier?.extends ?? []),
      stage: job.stage?.name ?? earlier?.stage,
      local: job,
      mergeUnknown: job.mergeUnknown,
    });
  }
  return {
    model,
    complete: included.complete,
    jobs,
    stages: declared ? new Set([...declared, ...ALWAYS_STAGES]) : undefined,
  };
}

export type Effective =
  | { readonly status: 'known'; readonly keys: ReadonlyMap<string, string>; readonly stage: string | undefined }
  /** A template is missing, loops, or nests too deep (reported by `gitlab-unknown-extends`), or may be in an unread include. */
  | { readonly status: 'unknown' };

/** A job's keys after `extends` (key -> the job that provides it), as GitLab merges them: templates first, the job last. */
export function effectiveJob(pipeline: CiPipeline, name: string, seen: readonly string[] = []): Effective {
  const job = pipeline.jobs.get(name);
  if (!job || seen.includes(name) || seen.length > MAX_EXTENDS_DEPTH || job.mergeUnknown) return { status: 'unknown' };
  const keys = new Map<string, string>();
  let stage: string | undefined;
  for (const parent of job.extends) {
    const resolved = effectiveJob(pipeline, parent, [...seen, name]);
    if (resolved.status === 'unknown') return resolved;
    for (const [k, from] of resolved.keys) keys.set(k, from);
    stage = resolved.stage ?? stage;
  }
  for (const k of job.keys) if (k !== 'extends') keys.set(k, name);
  return { status: 'known', keys, stage: job.stage ?? stage };
}
