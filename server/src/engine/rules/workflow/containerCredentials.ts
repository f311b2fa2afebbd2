// Registry credentials of a job container or service container that the runner would ignore: it logs in to the registry
// only when both `username` and `password` are set (actions/runner, ContainerOperationProvider.ContainerRegistryLogin
// returns without logging in when either is empty), so with one of them the image is pulled anonymously.
import type { RuleFinding } from '../../findings';
import { workflowModel, type ContainerModel } from '../../github/workflowModel';
import type { LineIndex } from '../../../../../shared/lineIndex';
import { asMap, getEntry, nodeRange } from '../../yaml/nodes';
import type { Rule } from '../rule';

function credentialsFinding(container: ContainerModel, lines: LineIndex): RuleFinding | undefined {
  // A service without an id (a broken key) is the structure check's to report.
  if (container.kind === 'service' && container.service === undefined) return undefined;
  const what = container.kind === 'job' ? 'the job container' : `service '${container.service ?? ''}'`;
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
    message:
      `The credentials of ${what} have ${given} but no ${missing}: the runner logs in to the registry only ` +
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
    description:
      'The runner logs in to a container registry only when `credentials` has both `username` and `password`. ' +
      'With one of the two it skips the login without a word and pulls the image anonymously, so a private image fails to ' +
      'pull and a public one is pulled under the anonymous rate limit. Give both (the password from a secret, e.g. ' +
      '`password: ${{ secrets.REGISTRY_TOKEN }}`), or remove `credentials`.',
  },
  check(ctx) {
    const model = workflowModel(ctx.parsed);
    if (!model) return [];
    return model.jobs
      .flatMap((job) => job.containers)
      .map((container) => credentialsFinding(container, ctx.parsed.lines))
      .filter((f): f is RuleFinding => f !== undefined);
  },
};
