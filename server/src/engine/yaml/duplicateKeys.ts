// Duplicate mapping keys, found in one pass. The `yaml` library can check them itself (`uniqueKeys: true`), but it
// compares each key with every earlier key of its mapping: quadratic, so a `jobs:` mapping of 20,000 jobs spent most of
// its check time there (issue 25). We parse with that check off and add the same errors here, with a set per mapping:
// the same code, message and position the library gives, so everything downstream (the yaml-syntax rule, the rules
// that skip documents with errors) is unchanged. Equality is the library's: scalar keys by value (`1` and `"1"` differ),
// other keys only by identity.
import { isMap, isPair, isScalar, isSeq, YAMLParseError, type Document } from 'yaml';

const MESSAGE = 'Map keys must be unique';

/** Adds a DUPLICATE_KEY error for each key repeated in its mapping, at the position of the repeat. */
export function addDuplicateKeyErrors(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  // Iterative: a deeply nested document must not overflow the stack here (the parser reports its own limits).
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          // NaN is never equal to itself for the library (===), so a repeated `.nan` key is no duplicate there either.
          const value = key.value;
          if (seen.has(value) && !Number.isNaN(value)) {
            const at = key.range?.[0];
            if (at !== undefined) found.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', MESSAGE));
          }
          seen.add(value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    }
  }
  // Where the parser would have reported each: before the first of its own errors that lies further on. Its other errors
  // keep their order (it is not always text order). For repeats in text order that place only moves forward, so one
  // merge pass places them all (a search per repeat was quadratic in a file of many repeats).
  const own = doc.errors.splice(0);
  let next = 0;
  const keepOwnUpTo = (offset: number): void => {
    for (let e = own[next]; e !== undefined && e.pos[0] <= offset; e = own[++next]) doc.errors.push(e);
  };
  for (const error of found.sort((a, b) => a.pos[0] - b.pos[0])) {
    keepOwnUpTo(error.pos[0]);
    doc.errors.push(error);
  }
  keepOwnUpTo(Number.POSITIVE_INFINITY);
}
