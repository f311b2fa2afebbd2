// One input of `workflow_dispatch` or `workflow_call` as written, and whether its default fits its type. GitHub reads a
// boolean input's default as true/false (its workflow parser asserts a boolean and rejects the file otherwise) and gives
// a number input's default to the run as a number.
import { asMap, entries, getEntry, isScalar, scalarText, type MapEntry, type Node, type YAMLMap } from '../yaml/nodes';

export interface WorkflowInputSpec {
  readonly name: string;
  readonly keyNode: Node | null;
  readonly spec: YAMLMap;
  /** `type:` as written, or undefined when absent (GitHub then treats the input as a string). */
  readonly type: string | undefined;
  readonly typeEntry: MapEntry | undefined;
  readonly defaultEntry: MapEntry | undefined;
  readonly optionsEntry: MapEntry | undefined;
  readonly requiredEntry: MapEntry | undefined;
}

/** The inputs under `on.<event>.inputs`, skipping entries that are not mappings (the schema check reports those). */
export function workflowInputSpecs(eventConfig: Node | null | undefined): WorkflowInputSpec[] {
  const config = asMap(eventConfig);
  const inputs = config ? asMap(getEntry(config, 'inputs')?.value) : undefined;
  if (!inputs) return [];
  const out: WorkflowInputSpec[] = [];
  for (const entry of entries(inputs)) {
    const spec = asMap(entry.value);
    if (entry.key === undefined || !spec) continue;
    const typeEntry = getEntry(spec, 'type');
    out.push({
      name: entry.key,
      keyNode: entry.keyNode,
      spec,
      type: scalarText(typeEntry?.value),
      typeEntry,
      defaultEntry: getEntry(spec, 'default'),
      optionsEntry: getEntry(spec, 'options'),
      requiredEntry: getEntry(spec, 'required'),
    });
  }
  return out;
}

/** The default as a scalar worth checking: absent, `null` and `${{ }}` defaults (evaluated later) give undefined. */
export function literalDefault(
  input: WorkflowInputSpec,
): { readonly node: Node; readonly text: string; readonly value: unknown } | undefined {
  const node = input.defaultEntry?.value;
  if (!isScalar(node) || node.value === null) return undefined;
  const text = scalarText(node);
  if (text === undefined || text.includes('${{')) return undefined;
  return { node, text, value: node.value };
}

/**
 * Why a literal default cannot be a value of a `boolean` or `number` input, as a sentence fragment naming the fix;
 * undefined when it can. Lenient where GitHub's readers may be: `'true'` quoted is accepted, and any finite JavaScript
 * number (`1e3`, `0x10`) counts as a number.
 */
export function defaultTypeProblem(type: string | undefined, value: unknown, text: string): string | undefined {
  if (type === 'boolean') {
    if (typeof value === 'boolean' || /^(true|false)$/i.test(text)) return undefined;
    return `its default must be true or false, not '${text}'`;
  }
  if (type === 'number') {
    if (typeof value === 'number' || (text.trim() !== '' && Number.isFinite(Number(text)))) return undefined;
    return `its default '${text}' is not a number: write a number (e.g. default: 10), or make the input a string`;
  }
  return undefined;
}

/** `required: true` written as a literal. */
export function isRequired(input: WorkflowInputSpec): boolean {
  const node = input.requiredEntry?.value;
  return isScalar(node) && node.value === true;
}
