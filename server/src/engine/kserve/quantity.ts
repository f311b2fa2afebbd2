// Kubernetes resource quantities (`500m`, `1.5`, `2Gi`, `1e3`), parsed to numbers so requests and limits compare as
// Kubernetes compares them: 500m < 1 and 1Gi (1073741824) > 1000Mi (1048576000).

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]))?$/;
const BINARY: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const DECIMAL: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** The quantity's value, or undefined when Kubernetes would reject the text. */
export function parseQuantity(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const m = QUANTITY.exec(value.trim() === value ? value : '');
  if (!m) return undefined;
  const [, sign, digits = '', exponent, binary, decimal] = m;
  let n = Number(digits);
  if (exponent) n *= 10 ** Number(exponent.slice(1));
  else if (binary) n *= BINARY[binary] ?? 1;
  else if (decimal) n *= DECIMAL[decimal] ?? 1;
  return sign === '-' ? -n : n;
}

/**
 * Extended resources (a domain-qualified name outside kubernetes.io, e.g. `nvidia.com/gpu`) are counted in whole units,
 * and Kubernetes requires their requests to equal their limits.
 */
export function isExtendedResource(name: string): boolean {
  return (
    name.includes('/') &&
    !name.startsWith('kubernetes.io/') &&
    !name.includes('.kubernetes.io/') &&
    !name.startsWith('requests.')
  );
}

/** Compare with a tolerance for binary floating point (0.1 + 0.2). */
export function exceeds(a: number, b: number): boolean {
  return a - b > Math.max(Math.abs(a), Math.abs(b)) * 1e-12;
}
