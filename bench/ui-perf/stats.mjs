// Small summaries of timing samples, ms.

/** The q-quantile (0–1) of `values`, nearest rank. */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** "median 3.1 · p95 5.0 · max 7.2 ms (n=30)". */
export function describe(values) {
  const f = (ms) => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));
  return `median ${f(quantile(values, 0.5))} · p95 ${f(quantile(values, 0.95))} · max ${f(Math.max(...values))} ms (n=${values.length})`;
}
