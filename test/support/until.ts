// Polls until `get` has an answer: for server state the tests can only ask about (lenses, files), not be told of.
export async function until<T>(what: string, get: () => Promise<T | undefined> | T | undefined, { tries = 100, everyMs = 100 } = {}): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await get();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
