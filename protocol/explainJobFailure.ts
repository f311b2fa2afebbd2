// The "Explain failure" CodeLens's command argument (server/src/lsp/jobLenses.ts builds it, the client's
// preflight.explainFailure command reads it): which job of which run to explain. Imports nothing, so the activation
// bundle can check it without loading any protocol library.

export interface ExplainJobFailureArgs {
  readonly runId: number;
  readonly jobId: number;
}

const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** The argument, checked (a command can be run with anything); undefined means the command's palette form. */
export function parseExplainJobFailureArgs(value: unknown): ExplainJobFailureArgs | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { runId, jobId } = value as Record<string, unknown>;
  return isId(runId) && isId(jobId) ? { runId, jobId } : undefined;
}
