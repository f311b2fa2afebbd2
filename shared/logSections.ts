// A GitHub Actions job log split into its steps. The log GitHub serves for a job is one text: every line starts with an
// ISO timestamp; each workflow step opens with a `##[group]Run …` header, post steps with "Post job cleanup.", the last
// step with "Cleaning up orphan processes"; failures are marked `##[error]`. When the job's steps from the API are
// given, their start times decide which header belongs to which step (a script can print its own `##[group]`s).
// Pure: text in, sections and display text out. Line numbers are 0-based and the same in the raw and the display text.

export interface LogStep {
  readonly number: number;
  readonly name: string;
  readonly startedAt: string | null;
  readonly conclusion: string | null;
}

export interface LogSection {
  readonly title: string;
  /** The API step this section is, when steps were given. */
  readonly stepNumber: number | undefined;
  readonly startLine: number;
  /** Exclusive. */
  readonly endLine: number;
  /** Lines marked `##[error]`, in order. */
  readonly errorLines: readonly number[];
}

export interface LogLine {
  /** Milliseconds since the epoch, or undefined for a line without a timestamp (a continuation). */
  readonly time: number | undefined;
  /** The line without its timestamp (and without a leading byte-order mark). */
  readonly text: string;
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) ?/;
// eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters by definition
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function parseLogLines(log: string): LogLine[] {
  const text = log.startsWith('\uFEFF') ? log.slice(1) : log;
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => {
    const match = TIMESTAMP.exec(line);
    if (!match?.[1]) return { time: undefined, text: line };
    return { time: Date.parse(match[1]), text: line.slice(match[0].length) };
  });
}

/** Where GitHub starts a step: a top-level `##[group]Run …`, "Post job cleanup.", or the job's clean-up. */
function stepStarts(lines: readonly LogLine[]): number[] {
  const starts = [0];
  let depth = 0;
  lines.forEach((line, index) => {
    const text = line.text;
    if (text.startsWith('##[endgroup]')) {
      depth = Math.max(0, depth - 1);
      return;
    }
    const isStart =
      (depth === 0 && text.startsWith('##[group]Run ')) ||
      text === 'Post job cleanup.' ||
      text === 'Cleaning up orphan processes';
    if (isStart && index > 0) starts.push(index);
    if (text.startsWith('##[group]')) depth++;
  });
  return starts;
}

function titleAt(lines: readonly LogLine[], start: number): string {
  const text = lines[start]?.text ?? '';
  if (start === 0) return 'Set up job';
  if (text.startsWith('##[group]')) return text.slice('##[group]'.length);
  if (text === 'Post job cleanup.') return 'Post job cleanup';
  return 'Complete job';
}

function errorsIn(lines: readonly LogLine[], start: number, end: number): number[] {
  const errors: number[] = [];
  for (let i = start; i < end; i++) if (lines[i]?.text.startsWith('##[error]')) errors.push(i);
  return errors;
}

/** Seconds, as the API's step times are: a log line at 10:00:05.9 belongs to a step started at 10:00:05. */
function second(ms: number): number {
  return Math.floor(ms / 1000);
}

/**
 * Pairs each started step with a header line. With as many headers as started steps they pair in order; otherwise each
 * step takes the first header (or, failing that, the first line) at or after its start second.
 */
function startsForSteps(lines: readonly LogLine[], headers: readonly number[], steps: readonly LogStep[]): number[] {
  if (headers.length === steps.length) return [...headers];
  const starts: number[] = [];
  let from = 0;
  for (const step of steps) {
    const at = second(Date.parse(step.startedAt ?? ''));
    const onOrAfter = (i: number): boolean => {
      const time = lines[i]?.time;
      return i >= from && time !== undefined && second(time) >= at;
    };
    let start = headers.find(onOrAfter);
    if (start === undefined) {
      const index = lines.findIndex((_, i) => onOrAfter(i));
      start = index === -1 ? lines.length : index;
    }
    starts.push(start);
    from = start + 1;
  }
  if (starts.length > 0) starts[0] = 0;
  return starts;
}

export function splitLogSections(log: string, steps?: readonly LogStep[]): LogSection[] {
  const lines = parseLogLines(log);
  if (lines.length === 0) return [];
  const headers = stepStarts(lines);
  // Skipped steps and steps that never started leave nothing in the log.
  const started = (steps ?? [])
    .filter((s) => s.startedAt !== null && !Number.isNaN(Date.parse(s.startedAt)) && s.conclusion !== 'skipped')
    .sort((a, b) => a.number - b.number);
  const useSteps = started.length > 0;
  const starts = useSteps ? startsForSteps(lines, headers, started) : headers;
  const sections: LogSection[] = [];
  starts.forEach((start, i) => {
    const end = Math.max(start, Math.min(starts[i + 1] ?? lines.length, lines.length));
    const step = useSteps ? started[i] : undefined;
    sections.push({
      title: step?.name ?? titleAt(lines, start),
      stepNumber: step?.number,
      startLine: start,
      endLine: end,
      errorLines: errorsIn(lines, start, end),
    });
  });
  return sections;
}

export interface LogFailure {
  readonly section: LogSection;
  /** The first `##[error]` line of the section, or its last line when nothing is marked. */
  readonly line: number;
}

/**
 * The failed step's section and where to look in it: the section of `failedStepNumber` when given (the API knows which
 * step failed), else the first section with an error mark that is not a post or clean-up step.
 */
export function findFailure(sections: readonly LogSection[], failedStepNumber?: number): LogFailure | undefined {
  const section =
    failedStepNumber !== undefined
      ? sections.find((s) => s.stepNumber === failedStepNumber)
      : (sections.find((s) => s.errorLines.length > 0 && !/^(Post |Complete job)/.test(s.title)) ??
        sections.find((s) => s.errorLines.length > 0));
  if (!section) return undefined;
  return { section, line: section.errorLines[0] ?? Math.max(section.startLine, section.endLine - 1) };
}

const MARKER_WORDS: Readonly<Record<string, string>> = {
  group: '▼ ',
  error: 'Error: ',
  warning: 'Warning: ',
  notice: 'Notice: ',
  debug: 'Debug: ',
  command: '$ ',
  section: '',
};

/** The log as people read it: no timestamps, no colour codes, markers as words; one display line per log line. */
export function displayLog(log: string): string {
  return parseLogLines(log)
    .map((line) => {
      const text = line.text.replace(ANSI, '');
      const marker = /^##\[(group|endgroup|error|warning|notice|debug|command|section)\](.*)$/s.exec(text);
      if (!marker) return text;
      if (marker[1] === 'endgroup') return '';
      return `${MARKER_WORDS[marker[1] ?? ''] ?? ''}${marker[2] ?? ''}`;
    })
    .join('\n');
}
