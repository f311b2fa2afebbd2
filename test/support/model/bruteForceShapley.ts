// Shapley values by definition: every coalition S of the M features, weighted |S|!(M-|S|-1)!/M!, for any set function
// v(S). Exponential in M and written for clarity, as the independent reference the fast algorithms are tested against.
export function shapleyByEnumeration(
  featureCount: number,
  value: (coalition: number) => number,
): { base: number; values: Float64Array } {
  const m = featureCount;
  const factorial = [1];
  for (let i = 1; i <= m; i++) factorial.push((factorial[i - 1] ?? 1) * i);
  const v = new Float64Array(1 << m);
  for (let s = 0; s < 1 << m; s++) v[s] = value(s);
  const values = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let phi = 0;
    for (let s = 0; s < 1 << m; s++) {
      if (s & (1 << i)) continue;
      let size = 0;
      for (let b = s; b; b &= b - 1) size++;
      const weight = ((factorial[size] ?? 1) * (factorial[m - size - 1] ?? 1)) / (factorial[m] ?? 1);
      phi += weight * ((v[s | (1 << i)] ?? 0) - (v[s] ?? 0));
    }
    values[i] = phi;
  }
  return { base: v[0] ?? 0, values };
}
