// Values several rules of one check derive from the same inputs (the parse, the disk as it is now): computed by the
// first rule that asks and kept for the rest of that check only, so the next check (after an edit or a save of a
// neighbouring file) looks at the disk afresh.

/** Names one memoised value and fixes its type; compared by identity, so declare each key once at module level. */
export interface MemoKey<T> {
  readonly description: string;
  /** Never set: carries T so that get() returns what the key's computations return. */
  readonly valueType?: T;
}

export function memoKey<T>(description: string): MemoKey<T> {
  return { description };
}

export class CheckMemo {
  private readonly values = new Map<MemoKey<unknown>, unknown>();

  get<T>(key: MemoKey<T>, compute: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T; // stored by this method under the same key, so a T
    const value = compute();
    this.values.set(key, value);
    return value;
  }
}
