// Whether the editor has a chat language model to ask: the page offers AI actions (e.g. "Explain failure (AI)") only
// when one is there, since without a model the action is simply not offered (the host re-checks before acting).

export interface LanguageModelsMessage {
  readonly type: 'languageModels';
  readonly available: boolean;
}

export function parseLanguageModelsMessage(value: Record<string, unknown>): LanguageModelsMessage | undefined {
  const available = value['available'];
  return typeof available === 'boolean' ? { type: 'languageModels', available } : undefined;
}
