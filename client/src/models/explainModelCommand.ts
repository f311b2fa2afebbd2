// "Preflight: Explain Model": from an MLmodel (or any file next to a model), open the ONNX file it references in the
// model view. MLflow's onnx flavour names the file in `flavors.onnx.data`.
import * as vscode from 'vscode';
import { ONNX_EDITOR_VIEW_TYPE } from './onnxModelEditor';

/** `data: model.onnx` under the onnx flavour, read without a YAML parser (the activation bundle stays small). */
export function onnxFileFromMlmodel(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  let inOnnx = false;
  for (const line of lines) {
    if (/^ {2}onnx:\s*$/.test(line)) {
      inOnnx = true;
      continue;
    }
    if (inOnnx && /^ {0,2}\S/.test(line)) inOnnx = false;
    const match = inOnnx ? /^ {4}data:\s*['"]?([^'"#]+?)['"]?\s*(#.*)?$/.exec(line) : null;
    if (match?.[1]) return match[1];
  }
  return undefined;
}

export function explainModel() {
  return async (target?: vscode.Uri): Promise<void> => {
    const uri = target ?? vscode.window.activeTextEditor?.document.uri;
    if (uri?.path.endsWith('.onnx')) {
      await vscode.commands.executeCommand('vscode.openWith', uri, ONNX_EDITOR_VIEW_TYPE);
      return;
    }
    if (!uri || !uri.path.endsWith('/MLmodel')) {
      void vscode.window.showErrorMessage('Preflight: open an MLmodel file or an .onnx model to explain it.');
      return;
    }
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    const file = onnxFileFromMlmodel(text);
    if (!file) {
      void vscode.window.showErrorMessage(
        `Preflight: ${vscode.workspace.asRelativePath(uri)} has no onnx flavour (flavors.onnx.data); only ONNX models can be explained.`,
      );
      return;
    }
    await vscode.commands.executeCommand(
      'vscode.openWith',
      vscode.Uri.joinPath(uri, '..', file),
      ONNX_EDITOR_VIEW_TYPE,
      vscode.ViewColumn.Beside,
    );
  };
}
