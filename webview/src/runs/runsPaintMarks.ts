// Performance marks for the Runs tab's first paints with data, so the time from the panel opening to runs on screen can
// be read from the page itself (the E2E reads them; anyone can in the webview's developer tools). Marked in the next
// animation frame after the rows are in the DOM, i.e. when the frame that shows them is produced.
import type { RunsMessage } from '../../../protocol/runsView.js';
import type { MessageSource } from '../tabs/panelTab.js';

/** The first rows drawn at all (kept or saved ones count), then the first rows of a fresh fetch. */
export const FIRST_RUNS_MARK = 'preflight.runs.firstData';
export const FRESH_RUNS_MARK = 'preflight.runs.freshData';

const marked = new Set<string>();

function markOnce(name: string, detail: Record<string, unknown>): void {
  if (marked.has(name)) return;
  marked.add(name);
  requestAnimationFrame(() => {
    performance.mark(name, { detail });
  });
}

/** Call after a runs message was drawn; `source` says whether it came from the page's saved state or the host. */
export function markRunsPainted(message: RunsMessage, source: MessageSource): void {
  if (message.runs.length === 0) return;
  const cached = message.cached === true;
  markOnce(FIRST_RUNS_MARK, { source, cached });
  if (source === 'host' && !cached) markOnce(FRESH_RUNS_MARK, { source, cached });
}
