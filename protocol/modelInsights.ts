// Explanations of the user's own ONNX models: the request the client sends to the language server (which does the heavy
// work in its own process, off the editor's thread) and the progress it reports. The report's shape is in modelReport.ts.
// Declared once here and used by client and server.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { ModelReport } from './modelReport';

/** Summary of a model and, with data, its SHAP explanation and fairness checks. Cancellable. */
export namespace ModelReportRequest {
  export const method = 'preflight/modelReport';
  export interface Params {
    readonly modelUri: string;
    /** A data file (CSV or Parquet) to explain; otherwise the one named by the model's MLmodel or the settings. */
    readonly dataUri?: string;
    /** Identifies progress notifications for this request. */
    readonly progressId: string;
  }
  export type Result =
    { readonly ok: true; readonly report: ModelReport } | { readonly ok: false; readonly error: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/** Progress of a running ModelReportRequest. */
export namespace ModelReportProgressNotification {
  export const method = 'preflight/modelReportProgress';
  export interface Params {
    readonly progressId: string;
    readonly message: string;
    /** 0..1 when known. */
    readonly fraction?: number;
  }
  export const type = new NotificationType<Params>(method);
}
