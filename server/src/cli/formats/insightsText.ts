// `preflight insights --format text`: the report as a person reads it in a terminal, most actionable parts first.
import { formatDuration, durationLine } from '../../engine/insights/durationText';
import type { InsightsReport } from '../../engine/insights/insights';

const pct = (part: number, whole: number): string => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '–');
const minutes = (m: number): string => (m >= 100 ? m.toFixed(0) : m.toFixed(1));

function suggestionLines(report: InsightsReport): string[] {
  if (report.suggestions.length === 0) return ['Suggestions: none; nothing in this history points to a clear saving.'];
  const lines = ['Suggestions:'];
  report.suggestions.forEach((s, i) => {
    const saving = [
      s.savingSecondsPerRun === undefined
        ? ''
        : `${s.kind === 'cache-dependencies' ? 'up to ' : ''}${formatDuration(s.savingSecondsPerRun)} per run`,
      s.savingMinutes === undefined ? '' : `${minutes(s.savingMinutes)} runner minutes over this history`,
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(
      `  ${i + 1}. ${s.title}${saving ? ` (saves ${saving})` : ''}${s.line === undefined ? '' : ` [line ${s.line + 1}]`}`,
    );
    lines.push(`     ${s.evidence}`);
    if (s.fix)
      lines.push(`     fix available: ${s.fix.title} (re-validated; preview it in the editor or apply by hand)`);
    else if (s.fixUnavailable) lines.push(`     no automatic edit: ${s.fixUnavailable}`);
  });
  return lines;
}

export function formatInsightsText(report: InsightsReport, workflowLabel: string | undefined): string {
  const lines = [
    `Insights from ${report.runs} runs and ${report.jobs} jobs${workflowLabel ? ` of ${workflowLabel}` : ''}`,
    '',
  ];
  lines.push('Durations (completed attempts):');
  for (const d of report.durations) {
    const queue = d.queue
      ? `   queue median ${formatDuration(d.queue.medianSeconds)}, p90 ${formatDuration(d.queue.p90Seconds)}`
      : '';
    lines.push(`  ${d.job}: ${durationLine(d.summary)} (${d.summary.samples} samples)${queue}`);
    for (const leg of d.legs) lines.push(`    ${leg.name}: ${durationLine(leg.summary)}`);
    const slow = [...d.steps].sort((a, b) => b.summary.medianSeconds - a.summary.medianSeconds).slice(0, 3);
    if (slow.length > 0)
      lines.push(
        `    slowest steps: ${slow.map((s) => `${s.name} ${formatDuration(s.summary.medianSeconds)}`).join(', ')}`,
      );
  }
  const cp = report.criticalPath;
  lines.push('');
  if (cp) {
    lines.push(
      `Critical path${report.jobGraphKnown ? '' : ' (no --workflow: jobs taken as independent)'}: ${cp.usualPath.join(' → ')} (in ${cp.usualPathRuns} of ${cp.runs} runs)`,
    );
    lines.push(
      `  median ${formatDuration(cp.medianPathSeconds)} of job time on the path vs ${formatDuration(cp.medianWallSeconds)} wall time (${pct(cp.medianPathSeconds, cp.medianWallSeconds)}); the rest is queueing and scheduling`,
    );
  } else {
    lines.push('Critical path: no run with timed jobs.');
  }
  lines.push('');
  if (report.regressions.length === 0)
    lines.push('Regressions: none (recent runs vs their baseline, Mann–Whitney U, p < 0.01 and ≥ +20%).');
  else {
    lines.push('Regressions (recent runs markedly slower than the runs before them):');
    for (const r of report.regressions) {
      lines.push(
        `  ${r.job}: median ${formatDuration(r.recentMedianSeconds)} over the last ${r.recentSamples} runs vs ${formatDuration(r.baselineMedianSeconds)} over the ${r.baselineSamples} before (+${Math.round(r.increasePercent)}%, p=${r.pValue.toPrecision(2)})${r.sinceRunNumber === undefined ? '' : `, since run #${r.sinceRunNumber}`}`,
      );
    }
  }
  const rm = report.runnerMinutes;
  lines.push('', 'Runner minutes (each job rounded up to the minute; Linux ×1, Windows ×2, macOS ×10):');
  for (const u of rm.byRunner) {
    const billed =
      u.billableMinutes === undefined
        ? 'rate unknown (set --runner-rates)'
        : `billable ${u.billableMinutes} (×${u.multiplier ?? 0})`;
    lines.push(`  ${u.runner}: ${u.jobs} jobs, ${minutes(u.minutes)} min, ${billed}`);
  }
  lines.push(
    `  estimated billable minutes: ${rm.billableMinutes}${rm.unpricedMinutes > 0 ? ` (+ ${minutes(rm.unpricedMinutes)} min on runners without a rate)` : ''}`,
  );
  for (const q of rm.quickJobs)
    lines.push(
      `  always under a minute: ${q.job} (median ${formatDuration(q.medianSeconds)} over ${q.runs} runs, billed ${q.billableMinutes} min)`,
    );
  for (const leg of rm.idleLegs)
    lines.push(`  idle matrix leg: ${leg.name} (did no work in ${leg.runs} runs, billed ${leg.billableMinutes} min)`);
  if (report.cache.length > 0) {
    lines.push('', 'Cache steps:');
    for (const c of report.cache) {
      lines.push(
        `  ${c.job} / ${c.step}: ${c.hitRate === undefined ? `hit rate not reported (${c.runs} runs; the API does not carry step outputs)` : `hit rate ${pct(c.hits, c.reported)} (${c.hits} of ${c.reported})`}`,
      );
    }
  }
  lines.push('', ...suggestionLines(report));
  return `${lines.join('\n')}\n`;
}
