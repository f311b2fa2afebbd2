// `preflight check [PATH...] [--format text|json|sarif]`: the same engine as the editor, over files and folders.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FILE_KIND_INFOS } from '../../../../protocol/fileKinds/index';
import { findPyflakesSoon, findShellcheckSoon } from '../../engine/checkExternal';
import { compareFindings } from '../../engine/findings';
import { discoverPipelineFiles } from '../../engine/workspace/discoverPipelineFiles';
import { parseArgs, stringFlag } from '../args';
import { checkTargets } from '../checking/checkTargets';
import type { CheckTarget } from '../checking/fileChecker';
import { formatJson } from '../formats/jsonFormat';
import { countBySeverity, type CheckReport, type FileReport } from '../formats/report';
import { formatSarif } from '../formats/sarifFormat';
import { formatText } from '../formats/textFormat';
import { UsageError } from '../usageError';
import { externalNotes } from './externalNotes';

export const CHECK_USAGE =
  'preflight check [PATH...] [--format text|json|sarif] [--no-shellcheck] [--no-pyflakes] [--threads N]';

const FORMATS = ['text', 'json', 'sarif'] as const;
/** The files a folder could have held, as the panel's empty state names them. */
const KNOWN_FILES = FILE_KIND_INFOS.map((k) => k.example).join(', ');
type Format = (typeof FORMATS)[number];

async function collectTargets(inputs: readonly string[], cwd: string): Promise<CheckTarget[]> {
  const targets: CheckTarget[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new UsageError(`${input}: no such file or folder`);
    if (stat.isDirectory()) {
      const found = await discoverPipelineFiles(absolute);
      // A mistyped or wrong folder in CI must not pass as "nothing wrong".
      if (found.length === 0)
        throw new UsageError(`${input}: no pipeline files Preflight knows in this folder (${KNOWN_FILES})`);
      for (const file of found)
        targets.push({
          index: targets.length,
          absolute: file.path,
          display: path.relative(cwd, file.path) || file.path,
          explicit: false,
        });
    } else {
      targets.push({ index: targets.length, absolute, display: input, explicit: true });
    }
  }
  return targets;
}

/**
 * @param onTargets told the files about to be checked, before any is (the command line tunes its own process with it:
 *   shortRunTiering.ts); a caller in a long-lived process leaves it out.
 */
export async function runCheck(
  argv: readonly string[],
  cwd: string,
  version: string,
  onTargets?: (files: readonly string[]) => void,
): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, ['format', 'threads'], ['no-shellcheck', 'no-pyflakes']);
  const disabled = new Set((['shellcheck', 'pyflakes'] as const).filter((tool) => args.flags.has(`no-${tool}`)));
  // Looked for while the files are checked (each lookup starts a process), awaited before the scripts are linted.
  const tools = Promise.all([
    disabled.has('shellcheck') ? undefined : findShellcheckSoon(),
    disabled.has('pyflakes') ? undefined : findPyflakesSoon(),
  ]).then(([shellcheck, pyflakes]) => ({ shellcheck, pyflakes }));
  const format = (stringFlag(args, 'format') ?? 'text') as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${format}')`);
  const threads = threadsFlag(stringFlag(args, 'threads'));
  const inputs = args.positionals.length > 0 ? args.positionals : ['.'];
  const targets = await collectTargets(inputs, cwd);
  onTargets?.(targets.map((t) => t.absolute));
  const run = await checkTargets(targets, { tools, threads });
  for (const file of run.skipped)
    process.stderr.write(`preflight: skipping ${file}: not a pipeline file Preflight knows\n`);
  for (const reason of run.lostWorkers)
    process.stderr.write(`preflight: a check thread stopped (${reason}); its files were checked again\n`);
  for (const problem of run.configProblems) process.stderr.write(`preflight: ${problem}\n`);
  if (run.files.length === 0)
    throw new UsageError(`${inputs.join(', ')}: not a pipeline file Preflight knows (${KNOWN_FILES})`);
  const notes = externalNotes(
    run.external,
    run.files.map((f) => f.path),
    disabled,
  );
  for (const line of notes.lines) process.stderr.write(`preflight: ${line}\n`);
  const files: FileReport[] = run.files.map((c, i) => {
    const extra = run.external.findings[i] ?? [];
    return {
      path: c.path,
      kind: c.kind,
      findings: extra.length > 0 ? [...c.findings, ...extra].sort(compareFindings) : c.findings,
    };
  });
  const report: CheckReport = { files };
  const output =
    format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report, version) : formatText(report);
  // Findings missing because a linter failed: not a clean run, and not "only" findings either.
  return { output, exitCode: notes.incomplete ? 2 : countBySeverity(report).error > 0 ? 1 : 0 };
}

/** `--threads N`: threads to check on, at most (1: the main thread only). */
function threadsFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--threads must be a whole number of threads, 1 or more (got '${value}')`);
  return n;
}
