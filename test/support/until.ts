// Polls until `get` has an answer: for server state the tests can only ask about (lenses, files), not be told of.
// The default patience (two minutes) is no time budget: it only stops a broken build from hanging the run, and a busy
// machine never comes near it (tests must not race the clock).
export async function until<T>(
  what: string,
  get: () => Promise<T | undefined> | T | undefined,
  { tries = 1200, everyMs = 100 } = {},
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await get();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
