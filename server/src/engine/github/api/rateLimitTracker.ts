// What GitHub said about our rate limit (x-ratelimit-* on every reply, retry-after on secondary limits), so the client stops
// asking until the limit resets instead of spending requests that can only fail.

export interface RateLimitState {
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  /** Epoch ms when the primary limit resets. */
  readonly resetAt: number | undefined;
  /** Epoch ms before which no request should be sent (primary limit exhausted or a retry-after); undefined when free. */
  readonly blockedUntil: number | undefined;
}

type Headers = Readonly<Record<string, string | number | undefined>>;

function numberHeader(headers: Headers, name: string): number | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

export class RateLimitTracker {
  private limit: number | undefined;
  private remaining: number | undefined;
  private resetAt: number | undefined;
  private blockedUntil: number | undefined;

  /** Reads x-ratelimit-* from any reply (success, 304 or error). */
  observe(headers: Headers, now: number): void {
    const limit = numberHeader(headers, 'x-ratelimit-limit');
    const remaining = numberHeader(headers, 'x-ratelimit-remaining');
    const reset = numberHeader(headers, 'x-ratelimit-reset');
    if (limit !== undefined) this.limit = limit;
    if (remaining !== undefined) this.remaining = remaining;
    if (reset !== undefined) this.resetAt = reset * 1000;
    if (remaining === 0 && this.resetAt !== undefined && this.resetAt > now) this.block(this.resetAt);
  }

  /** A secondary limit: GitHub's retry-after (seconds), or a minute when it gave none (GitHub's documented advice). */
  observeSecondaryLimit(headers: Headers, now: number): void {
    const retryAfter = numberHeader(headers, 'retry-after');
    this.block(now + (retryAfter ?? 60) * 1000);
  }

  /** The primary limit answered 403/429 with remaining 0: wait for the reset (a minute when GitHub gave no reset). */
  observePrimaryLimit(headers: Headers, now: number): void {
    this.observe(headers, now);
    this.block(this.resetAt !== undefined && this.resetAt > now ? this.resetAt : now + 60_000);
  }

  private block(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil ?? 0, until);
  }

  /** When requests may go again, or undefined when they may go now. */
  blockedAt(now: number): number | undefined {
    if (this.blockedUntil !== undefined && this.blockedUntil <= now) this.blockedUntil = undefined;
    return this.blockedUntil;
  }

  state(now: number): RateLimitState {
    return { limit: this.limit, remaining: this.remaining, resetAt: this.resetAt, blockedUntil: this.blockedAt(now) };
  }
}
