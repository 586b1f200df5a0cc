// Order statistics for benchmark samples. Quantiles use the nearest rank on sorted data, the
// same rule as the Rust examples (index = round((n - 1) * q)).

/** @param {number[]} xs @param {number} q in [0, 1] */
export function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.round((s.length - 1) * q))];
}

/** @param {number[]} xs */
export function summary(xs) {
  return { n: xs.length, p50: quantile(xs, 0.5), p90: quantile(xs, 0.9), p99: quantile(xs, 0.99), max: xs.length ? Math.max(...xs) : NaN };
}
