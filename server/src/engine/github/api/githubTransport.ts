// One HTTP exchange with GitHub's REST API, bounded in every direction a misbehaving server or network can take it:
// a deadline covers the whole exchange (headers and body), so a server that never answers or drips a byte a second
// ends in a clear timeout instead of a hang; a reply is read up to a size limit, and a cut-off or unparsable JSON body is
// reported as broken rather than passed on as data. Redirects are followed by hand so that the token only ever goes to
// the API's own origin (a log's 302 to a blob store is fetched without it).
import type { Clock } from './clock';

export interface TransportRequest {
  readonly method: 'GET' | 'POST';
  /** Absolute URL. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The origin the token was issued for; the authorization header is sent to no other. */
  readonly tokenOrigin: string;
  readonly token: string | undefined;
  readonly timeoutMs: number;
  /** Runs the deadline's timer: the client's clock, so tests expire it by moving a virtual clock, not by waiting. */
  readonly timers: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  readonly maxBodyBytes: number;
}

export interface TransportReply {
  readonly status: number;
  /** Parsed JSON for JSON replies, text otherwise; undefined for bodiless replies (304, 204). */
  readonly data: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export type TransportProblemKind = 'timeout' | 'too-large' | 'broken' | 'network';

/** The exchange did not produce a usable reply. `maybeReachedGitHub` is false only when the request surely never left. */
export class TransportProblem extends Error {
  override readonly name = 'TransportProblem';
  constructor(
    readonly kind: TransportProblemKind,
    message: string,
    readonly maybeReachedGitHub: boolean,
  ) {
    super(message);
  }
}

const MAX_REDIRECTS = 5;
/** Errors from the socket layer that prove no byte of the request reached a server. */
const NEVER_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export async function exchange(request: TransportRequest): Promise<TransportReply> {
  const controller = new AbortController();
  const deadline = new Error('deadline');
  const timer = request.timers.setTimeout(() => {
    controller.abort(deadline);
  }, request.timeoutMs);
  try {
    let url = request.url;
    for (let hop = 0; ; hop++) {
      const sameOrigin = new URL(url).origin === request.tokenOrigin;
      const headers: Record<string, string> = { ...request.headers };
      if (request.token !== undefined && sameOrigin) headers['authorization'] = `Bearer ${request.token}`;
      const response = await fetch(url, {
        method: hop === 0 ? request.method : 'GET',
        headers,
        redirect: 'manual',
        signal: controller.signal,
      });
      const location = response.headers.get('location');
      if ([301, 302, 303, 307, 308].includes(response.status) && location !== null && hop < MAX_REDIRECTS) {
        await response.body?.cancel();
        url = new URL(location, url).toString();
        continue;
      }
      return await readReply(response, request.maxBodyBytes, controller);
    }
  } catch (error) {
    if (error instanceof TransportProblem) throw error;
    if (controller.signal.reason === deadline)
      throw new TransportProblem('timeout', `GitHub did not answer within ${seconds(request.timeoutMs)}`, true);
    const code = socketErrorCode(error);
    const neverSent = code !== undefined && NEVER_SENT.has(code);
    throw new TransportProblem('network', describeNetworkError(error), !neverSent);
  } finally {
    request.timers.clearTimeout(timer);
  }
}

async function readReply(
  response: Response,
  maxBodyBytes: number,
  controller: AbortController,
): Promise<TransportReply> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (response.body === null || response.status === 304 || response.status === 204)
    return { status: response.status, data: undefined, headers };
  const declared = Number(headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBodyBytes) {
    controller.abort();
    throw tooLarge(maxBodyBytes);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      if (controller.signal.aborted) throw error; // the deadline: reported by the caller as a timeout
      throw new TransportProblem('broken', 'the reply was cut off before its end', true);
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBodyBytes) {
      controller.abort();
      throw tooLarge(maxBodyBytes);
    }
    chunks.push(chunk.value);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (!/\bjson\b/i.test(headers['content-type'] ?? '')) return { status: response.status, data: text, headers };
  try {
    return { status: response.status, data: text === '' ? undefined : (JSON.parse(text) as unknown), headers };
  } catch {
    throw new TransportProblem('broken', 'the reply is not valid JSON (cut off or garbled)', true);
  }
}

function tooLarge(maxBodyBytes: number): TransportProblem {
  return new TransportProblem(
    'too-large',
    `the reply is larger than ${Math.round(maxBodyBytes / 1_048_576)} MB, far beyond any GitHub page`,
    true,
  );
}

function socketErrorCode(error: unknown): string | undefined {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
