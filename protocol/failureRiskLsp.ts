// The LSP messages of failure risk between the VS Code client and the server (declared once, used on both sides).
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { FailureRiskUpdate, RiskExplanationView } from './failureRisk';

export namespace FailureRiskNotification {
  export const method = 'preflight/risk/update';
  export type Params = FailureRiskUpdate;
  export const type = new NotificationType<Params>(method);
}

/** The full explanation of one lens ("why?"): the workflow file's URI, and the job key for a job's lens. */
export namespace ExplainRiskRequest {
  export const method = 'preflight/risk/explain';
  export interface Params {
    readonly uri: string;
    readonly job: string | null;
  }
  export const type = new RequestType<Params, RiskExplanationView | null, void>(method);
}

/** Retrain the failure model on the signed-in repository's history now (the command); the answer says what happened. */
export namespace RetrainFailureModelRequest {
  export const method = 'preflight/risk/retrain';
  export interface Result {
    readonly ok: boolean;
    readonly message: string;
  }
  export const type = new RequestType0<Result, void>(method);
}
