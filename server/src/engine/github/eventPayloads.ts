// What `github.event` holds for the events a workflow runs on: the webhook payloads GitHub documents, generated into
// syntax/eventPayloads.json by `npm run generate:syntax` from GitHub's own language service (see the script). Used to
// complete `github.event.` chains; property names only, with the first sentence of GitHub's description.
import data from './syntax/eventPayloads.json';

interface PayloadNode {
  readonly n: string;
  readonly d?: string;
  readonly c?: readonly PayloadNode[];
}

/** A property of the payload: a node, or the index of a shared one. */
type Param = PayloadNode | number;

const PAYLOADS = data as unknown as {
  readonly objects: readonly PayloadNode[];
  readonly events: Readonly<Record<string, readonly Param[]>>;
};

export interface PayloadProperty {
  readonly name: string;
  readonly description?: string;
  /** For messages: the events whose payload has it. */
  readonly events: readonly string[];
}

function resolve(param: Param): PayloadNode | undefined {
  return typeof param === 'number' ? PAYLOADS.objects[param] : param;
}

/**
 * The properties of `github.event.<path...>` for a workflow triggered by `events`, the union over the events that
 * document one (events GitHub does not describe as webhooks, like `schedule`, add nothing).
 */
export function eventPayloadProperties(events: readonly string[], path: readonly string[]): PayloadProperty[] {
  const found = new Map<string, { description?: string; events: string[] }>();
  for (const event of events) {
    let level: readonly PayloadNode[] | undefined = PAYLOADS.events[event]
      ?.map(resolve)
      .filter((n): n is PayloadNode => n !== undefined);
    for (const name of path) level = level?.find((n) => n.n === name)?.c;
    for (const node of level ?? []) {
      const entry = found.get(node.n) ?? { ...(node.d === undefined ? {} : { description: node.d }), events: [] };
      entry.events.push(event);
      found.set(node.n, entry);
    }
  }
  return [...found]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, e]) => ({
      name,
      ...(e.description === undefined ? {} : { description: e.description }),
      events: e.events,
    }));
}
