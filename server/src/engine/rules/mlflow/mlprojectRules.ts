// MLproject checks beyond its schema: environment files that must exist, parameter specs MLflow would misread, and
// command placeholders that name no parameter. MLflow finds all of these only when `mlflow run` starts.
import path from 'node:path';
import { fileSpan, scalarTextOf } from '../../expressions/scalarText';
import type { Fix, Range, RuleFinding } from '../../findings';
import { parseCommandTemplate } from '../../mlflow/commandTemplate';
import { closestMatch } from '../../text/didYouMean';
import {
  asMap,
  entries,
  getEntry,
  isMap,
  isScalar,
  nodeRange,
  type MapEntry,
  type Node,
  type YAMLMap,
} from '../../yaml/nodes';
import { cleanDocuments } from '../../yaml/parsedYaml';
import { isFileInCheck } from '../checkFiles';
import { checkedOutDirOf } from './checkoutDir';
import type { Rule, RuleContext } from '../rule';

const PARAMETER_TYPES = ['string', 'float', 'path', 'uri'];

function rootOf(ctx: RuleContext): YAMLMap | undefined {
  return asMap(cleanDocuments(ctx.parsed)[0]?.contents);
}

function entryPoints(root: YAMLMap): { name: string; node: YAMLMap; parameters: MapEntry[] }[] {
  const eps = asMap(getEntry(root, 'entry_points')?.value);
  return (eps ? entries(eps) : []).flatMap((e) => {
    const node = asMap(e.value);
    if (e.key === undefined || !node) return [];
    const params = asMap(getEntry(node, 'parameters')?.value);
    return [{ name: e.key, node, parameters: params ? entries(params).filter((p) => p.key !== undefined) : [] }];
  });
}

export const mlflowMissingEnvFile: Rule = {
  id: 'mlflow-missing-env-file',
  kinds: ['mlflow-project'],
  defaultSeverity: 'error',
  docs: {
    title: 'Environment file of the MLproject does not exist',
    description:
      '`python_env` and `conda_env` name files relative to the MLproject; `mlflow run` stops with "no such file ' +
      'was found" when they are missing. Checked only for an MLproject saved inside a checkout (git or DVC).',
  },
  check(ctx) {
    const root = rootOf(ctx);
    const dir = checkedOutDirOf(ctx);
    if (!root || dir === undefined) return [];
    const findings: RuleFinding[] = [];
    for (const key of ['python_env', 'conda_env']) {
      const value = getEntry(root, key)?.value;
      if (!isScalar(value) || typeof value.value !== 'string' || value.value === '') continue;
      if (!isFileInCheck(ctx, path.resolve(dir, value.value)))
        findings.push({
          message: `The ${key} file '${value.value}' does not exist next to the MLproject.`,
          range: nodeRange(ctx.parsed.lines, value),
        });
    }
    return findings;
  },
};

/** `type float` read as one key: the colon (and its space) was left out. */
const MISSING_COLON = /^(type|default)\s+(\S.*)$/;

function checkSpec(ctx: RuleContext, ep: string, param: MapEntry): RuleFinding[] {
  const lines = ctx.parsed.lines;
  const name = param.key ?? '';
  const value = param.value;
  if (isScalar(value) && typeof value.value === 'string') return checkType(ctx, ep, name, value);
  if (!isMap(value)) {
    const empty = value === null || (isScalar(value) && value.value === null);
    return [
      {
        message: `Parameter '${name}' of entry point '${ep}' must be a mapping like '{type: float, default: 0.1}' or a type name; MLflow cannot read ${empty ? 'an empty value' : 'this'}.`,
        range: nodeRange(lines, empty ? param.keyNode : value),
      },
    ];
  }
  const findings: RuleFinding[] = [];
  const present = entries(value).map((e) => e.key);
  for (const e of entries(value)) {
    if (e.key === undefined || e.key === 'type' || e.key === 'default') {
      if (e.key === 'type' && isScalar(e.value) && typeof e.value.value === 'string')
        findings.push(...checkType(ctx, ep, name, e.value));
      continue;
    }
    const range = nodeRange(lines, e.keyNode);
    const slip = MISSING_COLON.exec(e.key);
    const empty =
      e.value === null || (isScalar(e.value) && e.value.value === null && e.value.range?.[0] === e.value.range?.[1]);
    if (slip && empty && !present.includes(slip[1])) {
      const fixed = `${slip[1] ?? ''}: ${slip[2] ?? ''}`;
      findings.push({
        message: `'${e.key}' in parameter '${name}' is missing a colon: MLflow reads it as an unknown key and ignores the ${slip[1] ?? ''}. Write '${fixed}'.`,
        range,
        fixes: [{ title: `Change to '${fixed}'`, edits: [{ range, newText: fixed }] }],
      });
      continue;
    }
    const suggestion = closestMatch(
      e.key,
      ['type', 'default'].filter((k) => !present.includes(k)),
    );
    findings.push({
      message: `Unknown key '${e.key}' in parameter '${name}' (ignored by MLflow).${suggestion ? ` Did you mean '${suggestion}'?` : ' Allowed: type, default.'}`,
      severity: 'warning',
      range,
      ...(suggestion
        ? { fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }] }
        : {}),
    });
  }
  return findings;
}

function checkType(ctx: RuleContext, ep: string, name: string, node: Node & { value: unknown }): RuleFinding[] {
  const type = String(node.value);
  if (PARAMETER_TYPES.includes(type)) return [];
  // MLflow passes unknown types through as strings, and real projects write `int` or `integer` on purpose: only a near
  // miss of a real type (`flaot`) is worth a word, since `path` and `uri` values are resolved only when spelled right.
  const suggestion = closestMatch(type, PARAMETER_TYPES);
  if (!suggestion) return [];
  const range = nodeRange(ctx.parsed.lines, node);
  return [
    {
      message: `'${type}' is not an MLflow parameter type (string, float, path, uri), so parameter '${name}' of entry point '${ep}' is passed through unchecked. Did you mean '${suggestion}'?`,
      severity: 'warning',
      range,
      fixes: [{ title: `Change to '${suggestion}'`, edits: [{ range, newText: suggestion }] }],
    },
  ];
}

export const mlflowParameterSpec: Rule = {
  id: 'mlflow-parameter-spec',
  kinds: ['mlflow-project'],
  defaultSeverity: 'error',
  docs: {
    title: 'Entry point parameter is written so MLflow misreads it',
    description:
      'A parameter is `{type: float|string|path|uri, default: …}` or just its type. A missing colon (`{type float}`) ' +
      'makes one unknown key that MLflow ignores, so the parameter silently becomes a required string (error, with a fix ' +
      'that adds the colon); an empty or numeric spec makes `mlflow run` crash (error); a misspelled type (`flaot`) or key ' +
      '(`defualt`) is ignored by MLflow (warning). Other type names such as `int` are passed through as strings and left alone.',
  },
  check(ctx) {
    const root = rootOf(ctx);
    if (!root) return [];
    return entryPoints(root).flatMap((ep) => ep.parameters.flatMap((p) => checkSpec(ctx, ep.name, p)));
  },
};

function span(
  ctx: RuleContext,
  text: NonNullable<ReturnType<typeof scalarTextOf>>,
  from: number,
  to: number,
): Range | undefined {
  if (!text.offsets) return undefined;
  const s = fileSpan(text, from, to);
  return ctx.parsed.lines.range(s.start, s.end);
}

export const mlflowUndefinedPlaceholder: Rule = {
  id: 'mlflow-undefined-placeholder',
  kinds: ['mlflow-project'],
  defaultSeverity: 'error',
  docs: {
    title: 'Command placeholder names no parameter',
    description:
      "MLflow fills an entry point's command with Python's `str.format`, using only the declared parameters: " +
      '`{name}` must be a parameter of that entry point, `{}` is never filled, and literal braces (shell `${VAR}`, `awk ' +
      "'{print $1}'`) must be doubled (`{{`, `}}`). Otherwise `mlflow run` fails with a KeyError before the command starts.",
  },
  check(ctx) {
    const root = rootOf(ctx);
    if (!root) return [];
    const findings: RuleFinding[] = [];
    for (const ep of entryPoints(root)) {
      const command = getEntry(ep.node, 'command')?.value;
      if (!isScalar(command)) continue;
      const text = scalarTextOf(ctx.parsed.text, command);
      if (!text) continue;
      const names = ep.parameters.map((p) => p.key ?? '');
      const whole = nodeRange(ctx.parsed.lines, command);
      const template = parseCommandTemplate(text.value);
      for (const field of template.fields) {
        if (names.includes(field.name)) continue;
        const written = text.value.slice(field.start, field.end);
        const range = span(ctx, text, field.start, field.end) ?? whole;
        const identifier = /^[A-Za-z_]\w*$/.test(field.name);
        const suggestion = identifier ? closestMatch(field.name, names) : undefined;
        const fixes: Fix[] = [];
        if (suggestion) {
          const nameRange = span(ctx, text, field.nameStart, field.nameStart + field.name.length);
          if (nameRange)
            fixes.push({ title: `Change to '{${suggestion}}'`, edits: [{ range: nameRange, newText: suggestion }] });
        } else if (!identifier && field.name !== '' && !/^\d+$/.test(field.name) && text.offsets) {
          // Not a name at all: these are literal braces (shell or awk), which format() needs doubled.
          fixes.push({ title: `Double the braces: '{${written}}'`, edits: [{ range, newText: `{${written}}` }] });
        }
        const what =
          field.name === '' || /^\d+$/.test(field.name)
            ? `'${written}' is a positional placeholder, which MLflow never fills`
            : identifier
              ? `'${written}' names no parameter of entry point '${ep.name}'`
              : `'${written}' is read as a placeholder; write '{${written}}' for literal braces`;
        findings.push({
          message: `${what}.${suggestion ? ` Did you mean '{${suggestion}}'?` : ''}`,
          range,
          ...(fixes.length > 0 ? { fixes } : {}),
        });
      }
      for (const at of template.strayBraces) {
        findings.push({
          message: `Unmatched '${text.value[at] ?? ''}' in the command of entry point '${ep.name}': write '{{' or '}}' for a literal brace.`,
          range: span(ctx, text, at, at + 1) ?? whole,
        });
      }
    }
    return findings;
  },
};
