// Carries the server's failure-risk updates to the pipeline panel: the latest next-run risks and model health, plus the
// explanation the user last asked for with "why?". It rides along the Runs tab's participant, so the panel needs no
// new wiring: whatever page the Runs tab attaches to also gets the risk.
//
// An explanation follows the model: each update (a retrained model, a finished run, another branch) asks the server
// for the same lens's explanation again before the panel hears of it, so the open waterfall never disagrees with the
// lens. When it cannot be asked (the server is restarting), the explanation is sent marked stale rather than as current.
import type * as vscode from 'vscode';
import type { FailureRiskMessage, RiskExplanationView } from '../../../protocol/failureRisk';
import type { ExplainRiskRequest, FailureRiskNotification } from '../../../protocol/failureRiskLsp';
import type { ToWebview } from '../../../protocol/webview';
import type { PanelRunsParticipant } from '../panel/panelRunsParticipant';

/** Which lens was asked "why?": the workflow file and, for a job's lens, the job key. */
export type RiskLensTarget = ExplainRiskRequest.Params;

/** Asks the server for a lens's explanation now; null when there is none any more, undefined when it cannot answer. */
export type ExplainAgain = (target: RiskLensTarget) => Promise<RiskExplanationView | null | undefined>;

interface Focus {
  readonly view: RiskExplanationView;
  readonly target: RiskLensTarget;
}

export class FailureRiskFeed {
  private latest: FailureRiskNotification.Params | undefined;
  private focus: Focus | null = null;
  private focusStale = false;
  /** "why?" requests so far: the page reveals an explanation whose number it has not seen. */
  private focusRequest = 0;
  /** Bumped by every update and request, so an answer to an older re-explanation is dropped. */
  private generation = 0;
  private readonly pages = new Set<(message: ToWebview) => void>();

  constructor(
    onFailureRisk: vscode.Event<FailureRiskNotification.Params>,
    private readonly explainAgain: ExplainAgain,
    subscriptions: { dispose(): void }[],
  ) {
    subscriptions.push(
      onFailureRisk((params) => {
        void this.update(params);
      }),
    );
  }

  /** Shows an explanation as the panel's waterfall (the "why?" of a lens). */
  showExplanation(view: RiskExplanationView, target: RiskLensTarget): void {
    this.generation++;
    this.focus = { view, target };
    this.focusStale = false;
    this.focusRequest++;
    this.send();
  }

  private async update(params: FailureRiskNotification.Params): Promise<void> {
    const generation = ++this.generation;
    this.latest = params;
    const focus = this.focus;
    if (focus) {
      let fresh: RiskExplanationView | null | undefined;
      try {
        fresh = await this.explainAgain(focus.target);
      } catch {
        fresh = undefined;
      }
      // A newer update or a new "why?" came meanwhile: it sends.
      if (generation !== this.generation) return;
      if (fresh === null) this.focus = null;
      else if (fresh === undefined) this.focusStale = true;
      else {
        this.focus = { view: fresh, target: focus.target };
        this.focusStale = false;
      }
    }
    this.send();
  }

  private message(): FailureRiskMessage {
    return {
      type: 'failureRisk',
      branch: this.latest?.branch ?? null,
      workflows: this.latest?.workflows ?? [],
      monitoring: this.latest?.monitoring ?? null,
      jobMonitoring: this.latest?.jobMonitoring ?? null,
      focus: this.focus?.view ?? null,
      focusRequest: this.focusRequest,
      focusStale: this.focus !== null && this.focusStale,
    };
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
      handle: (message) => {
        runs.handle(message);
      },
    };
  }
}
