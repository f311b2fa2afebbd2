// `preflight fix [PATH...] [--dry-run] [--rule ID]`: applies every certain fix that passes the re-validation gate; with
// --rule, also that rule's on-request fixes (pinning actions to commit SHAs is one: nobody wants it done unasked).
// --dry-run prints a unified diff instead of writing; files are written only when they changed. Writing needs the files
// or folders named (`preflight fix .` for the current folder): with no path, the command only shows what it would change
// and how to apply it, and exits 2, so a bare `preflight fix` never rewrites a tree unasked. Each file is replaced whole
// and only if unchanged since it was read (replaceFile.ts); a file that cannot be written is reported and the rest go on.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { checkOptionsFrom } from '../../engine/check';
import { ProjectConfigCache } from '../../engine/config/projectConfig';
import { fixAll } from '../../engine/fixes/fixAll';
import { unifiedDiff } from '../../engine/fixes/unifiedDiff';
import { discoverPipelineFiles, kindOfFile } from '../../engine/workspace/discoverPipelineFiles';
import { parseArgs, stringFlag } from '../args';
import { endpointFrom } from '../llmClient';
import { replaceFileIfUnchanged } from '../replaceFile';
import { suggestFixes } from '../suggestFixes';
import { UsageError } from '../usageError';

export const FIX_USAGE =
  'preflight fix PATH... [--dry-run] [--rule RULE-ID] [--llm-url URL [--llm-model NAME] [--accept-suggestions]]   (no PATH: only shows what would change)';

async function targets(inputs: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new UsageError(`${input}: no such file or folder`);
    if (stat.isDirectory()) out.push(...(await discoverPipelineFiles(absolute)).map((f) => f.path));
    else out.push(absolute);
  }
  return out;
}

/** Replaces a file; injectable so tests can make one write fail the way a full disk or a read-only file would. */
export type FileReplacer = typeof replaceFileIfUnchanged;

export async function runFix(
  argv: readonly string[],
  cwd: string,
  replace: FileReplacer = replaceFileIfUnchanged,
): Promise<{ output: string; exitCode: number }> {
  const args = parseArgs(argv, ['rule', 'llm-url', 'llm-model'], ['dry-run', 'accept-suggestions']);
  const llmUrl = stringFlag(args, 'llm-url');
  const llm = llmUrl ? endpointFrom(llmUrl, stringFlag(args, 'llm-model')) : undefined;
  const acceptSuggestions = args.flags.has('accept-suggestions');
  if (acceptSuggestions && !llm) throw new UsageError('--accept-suggestions needs --llm-url');
  const noPath = args.positionals.length === 0;
  if (noPath && acceptSuggestions)
    throw new UsageError('--accept-suggestions writes files: name them, or `.` for the current folder');
  const dryRun = args.flags.has('dry-run') || noPath;
  const rule = stringFlag(args, 'rule');
  const only = rule ? new Set([rule]) : undefined;
  const configs = new ProjectConfigCache();
  const lines: string[] = [];
  let fixed = 0;
  let files = 0;
  const notWritten: string[] = [];
  for (const file of await targets(noPath ? ['.'] : args.positionals, cwd)) {
    const kind = await kindOfFile(file);
    if (kind === undefined) continue;
    const text = await fs.readFile(file, 'utf8');
    const config = await configs.forFile(file);
    const result = fixAll({ path: file, text, kind }, checkOptionsFrom(config), only);
    const display = path.relative(cwd, file).split(path.sep).join('/');
    let current = result.text;
    if (result.applied.length > 0) {
      const outcome = dryRun ? undefined : await replace(file, text, result.text);
      if (outcome !== undefined && !outcome.written) {
        notWritten.push(`${display}: not written: ${outcome.reason}`);
        continue;
      }
      files++;
      fixed += result.applied.length;
      if (dryRun) lines.push(unifiedDiff(display, text, result.text).trimEnd());
      for (const a of result.applied)
        lines.push(`${dryRun ? 'would fix' : 'fixed'} ${display}:${a.line + 1} [${a.rule}] ${a.title}`);
      if (dryRun) current = text;
    }
    if (llm) {
      for (const suggestion of await suggestFixes(llm, {
        path: file,
        display,
        kind,
        text: current,
        options: checkOptionsFrom(config),
        only,
      })) {
        lines.push(
          `AI-generated suggestion (${llm.model} via ${new URL(llm.url).host}) for ${display}:${suggestion.line + 1} [${suggestion.rule}], checked by Preflight (finding gone, no new error):`,
        );
        lines.push(unifiedDiff(display, current, suggestion.text).trimEnd());
        if (acceptSuggestions && !dryRun) {
          // The model's answer can take long: a line saved meanwhile must not be lost.
          const outcome = await replace(file, current, suggestion.text);
          if (!outcome.written) {
            notWritten.push(`${display}: suggestion not applied: ${outcome.reason}`);
            break;
          }
          current = suggestion.text;
          lines.push(`applied the suggestion to ${display} (--accept-suggestions)`);
        }
      }
    }
  }
  lines.push(...notWritten);
  lines.push(
    `${dryRun ? 'Would apply' : 'Applied'} ${fixed} fix${fixed === 1 ? '' : 'es'} in ${files} file${files === 1 ? '' : 's'}${notWritten.length > 0 ? `; ${notWritten.length} file${notWritten.length === 1 ? '' : 's'} not written (listed above)` : ''}.`,
  );
  if (noPath && !args.flags.has('dry-run')) {
    lines.push(
      'Nothing was written. To apply, name the files or folders: `preflight fix .` for the current folder (add --dry-run to only preview).',
    );
    return { output: lines.join('\n') + '\n', exitCode: 2 };
  }
  return { output: lines.join('\n') + '\n', exitCode: notWritten.length > 0 ? 1 : 0 };
}
