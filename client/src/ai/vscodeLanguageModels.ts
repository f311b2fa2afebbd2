// LanguageModelPresence from vscode.lm: any chat model counts (Preflight asks whichever one the user has).
import * as vscode from 'vscode';
import type { LanguageModelPresence } from './languageModelPresence';

export const vscodeLanguageModels: LanguageModelPresence = {
  async available() {
    try {
      return (await vscode.lm.selectChatModels()).length > 0;
    } catch {
      return false; // no chat support in this editor build
    }
  },
  onDidChange(listener) {
    return vscode.lm.onDidChangeChatModels(() => {
      void vscodeLanguageModels.available().then(listener);
    });
  },
};
