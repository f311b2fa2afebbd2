// A container image without a tag, or tagged `latest`, changes under a running service: a restart or a new replica may
// pull different code than the one that was tested. Pin a version tag or a digest.
import { inferenceServices } from '../../kserve/inferenceServices';
import type { RuleFinding } from '../../findings';
import { entries, getEntry, isMap, isScalar, isSeq, nodeRange, type Node, type Scalar } from '../../yaml/nodes';
import type { Rule } from '../rule';

/** `image:` values of containers (in `containers`/`initContainers` lists) anywhere under the spec. */
function images(node: Node | null | undefined, inContainerList: boolean, out: Scalar[]): Scalar[] {
  if (isMap(node)) {
    const image = getEntry(node, 'image')?.value;
    if (inContainerList && isScalar(image) && typeof image.value === 'string') out.push(image);
    for (const e of entries(node)) {
      images(e.value, e.key === 'containers' || e.key === 'initContainers', out);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) images(item as Node, inContainerList, out);
  }
  return out;
}

/** The tag of an image reference; undefined when untagged; 'digest' when pinned by digest. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return 'digest';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  return colon === -1 ? undefined : image.slice(colon + 1);
}

export const kserveImageTag: Rule = {
  id: 'kserve-image-tag',
  kinds: ['kserve-inference-service'],
  defaultSeverity: 'warning',
  docs: {
    title: 'Container image is untagged or `latest`',
    description:
      'An image without a tag means `:latest`, which moves: a restart or a new replica may run different code ' +
      'than the one that was tested, and Kubernetes pulls it on every start. Pin a version tag or a digest (`@sha256:…`).',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const isvc of inferenceServices(ctx.parsed)) {
      for (const node of images(isvc.spec ?? null, false, [])) {
        const image = String(node.value);
        if (image === '' || /[$]|\{\{/.test(image)) continue;
        const tag = imageTag(image);
        if (tag === undefined)
          findings.push({
            message: `'${image}' has no tag, so it means '${image}:latest'; pin a version or digest.`,
            range: nodeRange(ctx.parsed.lines, node),
          });
        else if (tag === 'latest')
          findings.push({
            message: `'${image}' uses the moving tag 'latest'; pin a version or digest.`,
            range: nodeRange(ctx.parsed.lines, node),
          });
      }
    }
    return findings;
  },
};
