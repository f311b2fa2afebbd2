// Registry credentials of a job container or service container that the runner would ignore: it logs in to the registry
// only when both `username` and `password` are set (actions/runner, ContainerOperationProvider.ContainerRegistryLogin
// returns without logging in when either is empty), so with one of them the image is pulled anonymously.
import type { RuleFinding } from '../../findings';
import { workflowModel } from '../../github/workflowModel';
import type { LineIndex } from '../../text/lineIndex';
import { asMap, entries, getEntry, nodeRange, type YAMLMap } from '../../yaml/nodes';
import type { Rule } from '../rule';

/** One container of a job with how messages name it: `container` or `service 'redis'`. */
interface JobContainer {
  readonly what: string;
  readonly node: YAMLMap;
}

function jobContainers(job: YAMLMap): JobContainer[] {
  const containers: JobContainer[] = [];
  const container = asMap(getEntry(job, 'container')?.value);
  if (container) containers.push({ what: 'the job container', node: container });
  const services = asMap(getEntry(job, 'services')?.value);
  for (const service of services ? entries(services) : []) {
    const node = asMap(service.value);
    if (node && service.key !== undefined) containers.push({ what: `service '${service.key}'`, node });
  }
  return containers;
}

function credentialsFinding(container: JobContainer, lines: LineIndex): RuleFinding | undefined {
  const entry = getEntry(container.node, 'credentials');
  const credentials = asMap(entry?.value);
  if (!entry || !credentials) return undefined;
  const hasUsername = getEntry(credentials, 'username') !== undefined;
  const hasPassword = getEntry(credentials, 'password') !== undefined;
  if (hasUsername === hasPassword) return undefined;
  const [given, missing, example] = hasUsername
    ? ['a username', 'password', 'password: ${{ secrets.REGISTRY_TOKEN }}']
    : ['a password', 'username', 'username: ${{ github.actor }}'];
  return {
    message: `The credentials of ${container.what} have ${given} but no ${missing}: the runner logs in to the registry only ` +
      `when both are set, so it pulls the image without logging in (a private image fails to pull). Add the ${missing} ` +
      `(e.g. ${example}).`,
    range: nodeRange(lines, entry.keyNode),
  };
}

export const containerCredentials: Rule = {
  id: 'container-credentials',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Container credentials with only a username or only a password',
    description: 'The runner logs in to a container registry only when `credentials` has both `username` and `password`. ' +
      'With one of the two it skips the login without a word and pulls the image anonymously, so a private image fails to ' +
      'pull and a public one is pulled under the anonymous rate limit. Give both (the password from a secret, e.g. ' +
      '`password: ${{ secrets.REGISTRY_TOKEN }}`), or remove `credentials`.',
  },
  check(ctx) {
    const model = workflowModel(ctx.yaml);
    if (!model) return [];
    return model.jobs
      .flatMap((job) => jobContainers(job.node))
      .map((container) => credentialsFinding(container, ctx.yaml.lines))
      .filter((f): f is RuleFinding => f !== undefined);
  },
};
