// How a run, job or step looks: its codicon, colour class and words for its status, its duration and "5 min ago".
// Pure functions of the data and the current time, so the ticking clock and the tests use the very same code.
import { formatDuration } from '../../../protocol/durationText.js';
import { rerunAsFailed, type RunConclusionView, type RunStatusView } from '../../../protocol/runsView.js';

export interface StatusLook {
  readonly icon: string;
  /** A CSS class that picks the theme colour: passed, failed, running, neutral, queued. */
  readonly tone: 'passed' | 'failed' | 'running' | 'neutral' | 'queued' | 'warning';
  readonly label: string;
  readonly spin: boolean;
}

const CONCLUSION_LOOK: Record<RunConclusionView, StatusLook> = {
  success: { icon: 'pass-filled', tone: 'passed', label: 'Succeeded', spin: false },
  failure: { icon: 'error', tone: 'failed', label: 'Failed', spin: false },
  startup_failure: { icon: 'error', tone: 'failed', label: 'Failed to start', spin: false },
  timed_out: { icon: 'watch', tone: 'failed', label: 'Timed out', spin: false },
  cancelled: { icon: 'circle-slash', tone: 'neutral', label: 'Cancelled', spin: false },
  skipped: { icon: 'debug-step-over', tone: 'neutral', label: 'Skipped', spin: false },
  neutral: { icon: 'circle-filled', tone: 'neutral', label: 'Neutral', spin: false },
  stale: { icon: 'history', tone: 'neutral', label: 'Stale', spin: false },
  action_required: { icon: 'warning', tone: 'warning', label: 'Action required', spin: false },
};

const PENDING_LOOK: Record<Exclude<RunStatusView, 'completed'>, StatusLook> = {
  in_progress: { icon: 'loading', tone: 'running', label: 'In progress', spin: true },
  queued: { icon: 'circle-large-outline', tone: 'queued', label: 'Queued', spin: false },
  pending: { icon: 'circle-large-outline', tone: 'queued', label: 'Pending', spin: false },
  requested: { icon: 'circle-large-outline', tone: 'queued', label: 'Requested', spin: false },
  waiting: { icon: 'clock', tone: 'warning', label: 'Waiting', spin: false },
};

export function statusLook(status: RunStatusView, conclusion: RunConclusionView | null): StatusLook {
  if (status !== 'completed') return PENDING_LOOK[status];
  return conclusion
    ? CONCLUSION_LOOK[conclusion]
    : { icon: 'circle-filled', tone: 'neutral', label: 'Completed', spin: false };
}

/** Failed in the sense that a re-run of failed jobs would pick it up. */
export function isFailed(conclusion: RunConclusionView | null): boolean {
  return rerunAsFailed(conclusion);
}

/** Statuses of something no runner has picked up yet. */
const NOT_STARTED: ReadonlySet<RunStatusView> = new Set(['queued', 'waiting', 'pending', 'requested']);

/** Whether no runner has picked it up yet (GitHub fills in `started_at` of a queued job all the same). */
export function notStarted(status: RunStatusView): boolean {
  return NOT_STARTED.has(status);
}

/**
 * The time a run, job or step took, or has been taking: start to end, or start to now while it runs. Nothing when it has
 * not started (a queued job's `started_at` is when it was queued: counting from it would pass waiting off as running),
 * and nothing for a completed item without an end (the API leaves it null on skipped steps).
 */
export function elapsed(
  startedAt: string | null,
  completedAt: string | null,
  status: RunStatusView,
  now: number,
): string {
  if (startedAt === null || notStarted(status)) return '';
  const start = Date.parse(startedAt);
  if (completedAt !== null) return formatDuration((Date.parse(completedAt) - start) / 1000, 'ticking');
  return status === 'completed' ? '' : formatDuration((now - start) / 1000, 'ticking');
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", then the date. */
export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 10) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 30) return `${days} day${days === 1 ? '' : 's'} ago`;
  return new Date(then).toISOString().slice(0, 10);
}

/** "in 12 min" for the rate limit's reset time. */
export function timeUntil(iso: string, now: number): string {
  const seconds = Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
  if (seconds < 60) return `in ${seconds} s`;
  return `in ${Math.ceil(seconds / 60)} min`;
}

/** The trigger as people say it. */
export function eventLabel(event: string): string {
  const known: Record<string, string> = {
    push: 'push',
    pull_request: 'pull request',
    pull_request_target: 'pull request (target)',
    schedule: 'schedule',
    workflow_dispatch: 'manual',
    workflow_run: 'workflow run',
    workflow_call: 'called',
    merge_group: 'merge queue',
    release: 'release',
  };
  return known[event] ?? event.replace(/_/g, ' ');
}
