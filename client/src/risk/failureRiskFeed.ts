// Carries the server's failure-risk updates to the pipeline panel: the latest next-run risks and model health, plus the
// explanation the user last asked for with "why?". It rides along the Runs tab's participant, so the panel needs no
// new wiring: whatever page the Runs tab attaches to also gets the risk.
import type * as vscode from 'vscode';
import type { FailureRiskMessage, RiskExplanationView } from '../../../protocol/failureRisk';
import type { FailureRiskNotification } from '../../../protocol/failureRiskLsp';
import type { ToWebview } from '../../../protocol/webview';
import type { PanelRunsParticipant } from '../panel/panelRunsParticipant';

export class FailureRiskFeed {
  private latest: FailureRiskNotification.Params | undefined;
  private focus: RiskExplanationView | null = null;
  private readonly pages = new Set<(message: ToWebview) => void>();

  constructor(onFailureRisk: vscode.Event<FailureRiskNotification.Params>, subscriptions: { dispose(): void }[]) {
    subscriptions.push(onFailureRisk((params) => {
      this.latest = params;
      // A new branch or repository makes an old explanation misleading.
      if (this.focus && (params.branch !== this.focus.branch || !params.workflows.some((w) => w.workflowPath === this.focus?.workflowPath))) this.focus = null;
      this.send();
    }));
  }

  /** Shows an explanation as the panel's waterfall (the "why?" of a lens). */
  showExplanation(view: RiskExplanationView): void {
    this.focus = view;
    this.send();
  }

  private message(): FailureRiskMessage {
    return { type: 'failureRisk', branch: this.latest?.branch ?? null, workflows: this.latest?.workflows ?? [], monitoring: this.latest?.monitoring ?? null, jobMonitoring: this.latest?.jobMonitoring ?? null, focus: this.focus };
  }

  private send(): void {
    const message = this.message();
    for (const post of this.pages) post(message);
  }

  /** The Runs participant, also posting risk messages to the pages it is attached to. */
  alongside(runs: PanelRunsParticipant): PanelRunsParticipant {
    let page: ((message: ToWebview) => void) | undefined;
    return {
      attach: (post) => {
        runs.attach(post);
        if (page) this.pages.delete(page);
        page = post;
        this.pages.add(post);
        post(this.message());
      },
      detach: () => {
        runs.detach();
        if (page) this.pages.delete(page);
        page = undefined;
      },
      handle: (message) => { runs.handle(message); },
    };
  }
}
