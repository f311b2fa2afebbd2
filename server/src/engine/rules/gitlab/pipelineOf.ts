// The checked file's GitLab pipeline, built once per check: finding the root that includes a fragment and reading the
// includes touch the disk, and every GitLab rule needs the same pipeline.
import { ciPipeline, type CiPipeline } from '../../gitlab/ciPipeline';
import { memoKey } from '../checkMemo';
import type { RuleContext } from '../rule';

const PIPELINE = memoKey<CiPipeline | undefined>('GitLab pipeline of the checked file');

export function pipelineOf(ctx: RuleContext): CiPipeline | undefined {
  return ctx.memo.get(PIPELINE, () => ciPipeline(ctx.parsed, ctx.path));
}
