// The shape of each GitLab job: something to run, only known keywords, and no mix of the old `only`/`except` with
// `rules`. Plus local includes, which must exist in the repository. GitLab rejects the pipeline for each of these.
import { existsSync } from 'node:fs';
import { isCheckableLocalPath, localIncludeFile, repositoryRoot } from '../../gitlab/ciIncludes';
import { effectiveJob } from '../../gitlab/ciPipeline';
import { pipelineOf } from './pipelineOf';
import { JOB_KEYWORDS, RUNNABLE_KEYS } from '../../gitlab/gitlabKeywords';
import { gitlabCiModel } from '../../gitlab/gitlabModel';
import type { RuleFinding } from '../../findings';
import { closestMatch } from '../../text/didYouMean';
import { entries, nodeRange } from '../../yaml/nodes';
import type { Rule } from '../rule';
import { effectiveLocalJobs } from './referenceRules';

export const gitlabJobWithoutScript: Rule = {
  id: 'gitlab-job-without-script',
  kinds: ['gitlab-ci'],
  defaultSeverity: 'error',
  docs: {
    title: 'Job has nothing to run',
    description:
      'A visible job needs `script`, `trigger` or `run`, itself or through the templates it `extends` ' +
      '(`default:` cannot provide one). GitLab rejects the pipeline otherwise ("config should implement the script:, run:, ' +
      'or trigger: keyword"). To keep a job as a template only, start its name with a dot.',
  },
  check(ctx) {
    const pipeline = pipelineOf(ctx);
    // An unread include may define the same job with a script (a file often just overrides an included job's settings).
    if (!pipeline?.complete) return [];
    const findings: RuleFinding[] = [];
    for (const job of pipeline.model.jobs) {
      if (job.hidden) continue;
      const effective = effectiveJob(pipeline, job.name);
      if (effective.status !== 'known' || RUNNABLE_KEYS.some((k) => effective.keys.has(k))) continue;
      const via = job.extends.length > 0 ? ', and the templates it extends provide none' : '';
      findings.push({
        message: `Job '${job.name}' has no 'script', 'trigger' or 'run'${via}. Start its name with '.' if it is a template.`,
        range: nodeRange(ctx.parsed.lines, job.keyNode),
      });
    }
    return findings;
  },
};

export const gitlabOnlyExceptWithRules: Rule = {
  id: 'gitlab-only-except-with-rules',
  kinds: ['gitlab-ci'],
  defaultSeverity: 'error',
  docs: {
    title: '`only`/`except` used together with `rules`',
    description:
      'A job uses either `rules` or the older `only`/`except`, never both, also when one comes from a template ' +
      'it `extends`. GitLab rejects the pipeline ("may not be used with rules"). Rewrite the conditions as `rules`.',
  },
  check(ctx) {
    const pipeline = pipelineOf(ctx);
    if (!pipeline) return [];
    const findings: RuleFinding[] = [];
    for (const job of pipeline.model.jobs) {
      if (job.hidden) continue;
      const effective = effectiveJob(pipeline, job.name);
      const keys =
        effective.status === 'known' ? effective.keys : new Map([...job.keys.keys()].map((k) => [k, job.name]));
      const old = ['only', 'except'].filter((k) => keys.has(k));
      if (!keys.has('rules') || old.length === 0) continue;
      const own = old.find((k) => job.keys.has(k));
      const at = own !== undefined ? job.keys.get(own) : (job.keys.get('rules') ?? job.extends[0]?.node ?? job.keyNode);
      const from = (k: string): string => (keys.get(k) === job.name ? '' : ` (from '${keys.get(k) ?? ''}')`);
      findings.push({
        message: `Job '${job.name}' uses ${old.map((k) => `'${k}'${from(k)}`).join(' and ')} together with 'rules'${from('rules')}; use 'rules' only.`,
        range: nodeRange(ctx.parsed.lines, at),
      });
    }
    return findings;
  },
};

export const gitlabUnknownKeyword: Rule = {
  id: 'gitlab-unknown-keyword',
  kinds: ['gitlab-ci'],
  defaultSeverity: 'error',
  docs: {
    title: 'Unknown keyword in a job',
    description:
      "A job may only use GitLab's job keywords (`script`, `stage`, `rules`, `needs`, `artifacts`, …); GitLab " +
      'rejects the pipeline for any other key ("config contains unknown keys"). Hidden `.templates` are checked only when a ' +
      'job extends them. A near miss comes with a quick fix.',
  },
  check(ctx) {
    const pipeline = pipelineOf(ctx);
    if (!pipeline) return [];
    const findings: RuleFinding[] = [];
    for (const job of effectiveLocalJobs(pipeline)) {
      for (const e of entries(job.node)) {
        if (e.key === undefined || e.key === '<<' || JOB_KEYWORDS.includes(e.key) || !e.keyNode) continue;
        const range = nodeRange(ctx.parsed.lines, e.keyNode);
        const suggestion = closestMatch(
          e.key,
          JOB_KEYWORDS.filter((k) => !job.keys.has(k)),
        );
        findings.push({
          message: `Unknown keyword '${e.key}' in job '${job.name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
          range,
          ...(suggestion
            ? { fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] }
            : {}),
        });
      }
    }
    return findings;
  },
};

export const gitlabMissingInclude: Rule = {
  id: 'gitlab-missing-include',
  kinds: ['gitlab-ci'],
  defaultSeverity: 'error',
  docs: {
    title: 'Local include does not exist',
    description:
      '`include: local` (or a plain path) names a file relative to the repository root; GitLab rejects the ' +
      'pipeline when it does not exist on the branch. Checked only for a file saved inside a git checkout; paths with ' +
      'wildcards or variables are not checked.',
  },
  check(ctx) {
    const model = gitlabCiModel(ctx.parsed);
    const root = model && model.includes.length > 0 ? repositoryRoot(ctx.path) : undefined;
    if (!model || root === undefined) return [];
    return model.includes
      .filter(
        (i) =>
          i.kind === 'local' &&
          i.path !== undefined &&
          isCheckableLocalPath(i.path) &&
          !existsSync(localIncludeFile(root, i.path)),
      )
      .map((i) => ({
        message: `The included file '${i.path ?? ''}' does not exist in the repository.`,
        range: nodeRange(ctx.parsed.lines, i.node),
      }));
  },
};
