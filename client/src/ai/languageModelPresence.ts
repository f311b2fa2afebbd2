// Whether the editor has a chat language model, as the Runs panel and the explain command need to know it. Kept free
// of the VS Code API so the panel controller can be tested with a scripted presence (vscodeLanguageModels.ts is the
// real one).

export interface LanguageModelPresence {
  /** Asks the editor now (a provider may have come or gone since the last change event). */
  available(): Promise<boolean>;
  /** Called with the new answer whenever the editor's set of chat models changes. */
  onDidChange(listener: (available: boolean) => void): { dispose(): void };
}

/** What the user is told when an AI action is asked for with no model: why, and what to do about it. */
export const NO_LANGUAGE_MODEL_MESSAGE =
  'Preflight cannot explain the failure: no language model is available in this editor. Install or enable a chat model provider (e.g. GitHub Copilot Chat), then try again.';
