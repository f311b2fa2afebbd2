// The Runs tab: the failure risk of each workflow's next run above the live runs of the repository. It turns the tab
// bar on with the first runs message and is where the panel lands then; the newest run's status sits beside its label.
import { markRunsPainted } from '../runs/runsPaintMarks.js';
import { statusLook } from '../runs/runPresentation.js';
import { FailureRiskView } from '../runs/riskView.js';
import { RunsView } from '../runs/runsView.js';
import { panelTab, type TabContext, type TabView } from './panelTab.js';

function runsTabView(context: TabContext): TabView {
  const runs = new RunsView(
    {
      onAction: (action) => {
        context.post(action);
      },
      onSignIn: () => {
        context.post({ type: 'signIn' });
      },
      onExpansionChange: (expanded) => {
        context.save({ expanded });
      },
    },
    context.saved.expanded,
  );
  const risk = new FailureRiskView(
    {
      // "why?" from an editor lens: the explanation is drawn in this tab, so that is where the user must look.
      onReveal: () => {
        context.reveal();
      },
      onFocusState: (riskFocus) => {
        context.save({ riskFocus });
      },
    },
    context.saved.riskFocus,
  );
  return {
    elements: [risk.element, runs.element],
    receive: (message, source) => {
      if (message.type === 'runs') {
        runs.render(message);
        risk.setRuns(message);
        markRunsPainted(message, source);
        const latest = message.runs[0];
        const showsRuns = message.state.kind !== 'signedOut' && message.state.kind !== 'noRemote';
        const look = latest && showsRuns ? statusLook(latest.status, latest.conclusion) : undefined;
        context.setStatus(look && { ...look, label: `latest: ${look.label}` });
      } else if (message.type === 'failureRisk') risk.render(message);
      else if (message.type === 'languageModels') runs.setLanguageModelAvailable(message.available);
    },
  };
}

export const runsTab = panelTab({
  id: 'runs',
  label: 'Runs',
  codicon: 'github-action',
  shown: { on: 'runs', lands: true },
  view: runsTabView,
});
