// The type of each context where an expression is written, from GitHub's "Contexts" reference (the shapes) and the
// workflow itself (matrix rows, declared inputs). Where the workflow cannot tell, a type is `any` or a map of `any`,
// so the type checks stay quiet rather than guess.
import { GITHUB_PROPERTIES, JOB_PROPERTIES, RUNNER_PROPERTIES } from './contextProperties';
import type { ContextName } from './contexts';
import type { Scope } from './scope';
import { ANY, BOOL, NUMBER, STRING, closedObjectOf, mapOf, objectOf, withIdentifierKeys, type ExprType } from './types';

// `github.event` is the webhook payload: an object whose fields we do not know. The contexts' own property names, and
// the names of secrets, variables, environment variables, steps and jobs, are identifiers (never numbers).
const GITHUB = withIdentifierKeys(
  objectOf(
    GITHUB_PROPERTIES.map((p) => [p, p === 'event' ? mapOf(ANY) : STRING] as const),
    ANY,
  ),
);
const RUNNER = withIdentifierKeys(
  objectOf(
    RUNNER_PROPERTIES.map((p) => [p, STRING] as const),
    ANY,
  ),
);
const CONTAINER = closedObjectOf(
  [
    ['id', STRING],
    ['network', STRING],
  ],
  "'job.container'",
);
const SERVICE = closedObjectOf(
  [
    ['id', STRING],
    ['network', STRING],
    ['ports', mapOf(STRING)],
  ],
  'a service of `job.services`',
);
const JOB = withIdentifierKeys(
  objectOf(
    JOB_PROPERTIES.map((p) => [p, p === 'container' ? CONTAINER : p === 'services' ? mapOf(SERVICE) : STRING] as const),
    ANY,
  ),
);
const STRATEGY = withIdentifierKeys(
  objectOf(
    [
      ['fail-fast', BOOL],
      ['job-index', NUMBER],
      ['job-total', NUMBER],
      ['max-parallel', NUMBER],
    ],
    ANY,
  ),
);
const STEP = objectOf([
  ['outputs', mapOf(STRING)],
  ['outcome', STRING],
  ['conclusion', STRING],
]);
const JOB_RESULT = objectOf([
  ['outputs', mapOf(STRING)],
  ['result', STRING],
]);
const NAMED_STRINGS = withIdentifierKeys(mapOf(STRING));
const STEPS = withIdentifierKeys(mapOf(STEP));
const JOB_RESULTS = withIdentifierKeys(mapOf(JOB_RESULT));
const UNKNOWN_INPUTS = withIdentifierKeys(mapOf(ANY));

export function contextType(name: ContextName, scope: Scope): ExprType {
  switch (name) {
    case 'github':
      return GITHUB;
    case 'runner':
      return RUNNER;
    case 'job':
      return JOB;
    case 'strategy':
      return STRATEGY;
    case 'env':
    case 'vars':
    case 'secrets':
      return NAMED_STRINGS;
    case 'steps':
      return STEPS;
    case 'needs':
    case 'jobs':
      return JOB_RESULTS;
    case 'matrix':
      return scope.matrixType ?? mapOf(ANY);
    case 'inputs':
      return scope.inputTypes ?? UNKNOWN_INPUTS;
  }
}
