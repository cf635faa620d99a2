/** The one-second bucket `t` falls in, counted from `origin`; moments before it count in the first. */
export function secondIndex(t: number, origin: number): number {
  return Math.max(0, Math.floor((t - origin) / 1000));
}

/** Numbers added into one-second buckets, growing as time goes on. */
export class PerSecond {
  readonly values: number[] = [];

  add(index: number, value: number): void {
    while (this.values.length <= index) this.values.push(0);
    this.values[index]! += value;
  }

  /** Keeps the largest value seen in the bucket. */
  max(index: number, value: number): void {
    while (this.values.length <= index) this.values.push(0);
    if (value > this.values[index]!) this.values[index] = value;
  }
}

/** Per-second amounts from running totals (the first second's amount is its total). */
export function deltas(totals: readonly number[]): number[] {
  return totals.map((total, i) => total - (i === 0 ? 0 : totals[i - 1]!));
}

/** Element-wise sums of per-second amounts; a shorter series had nothing in its missing seconds. */
export function sumSeries(series: readonly (readonly number[])[]): number[] {
  const length = Math.max(0, ...series.map((s) => s.length));
  return Array.from({ length }, (_, i) => series.reduce((sum, s) => sum + (s[i] ?? 0), 0));
}

/** Element-wise sums of running totals; a shorter series keeps its last total. */
export function sumTotals(series: readonly (readonly number[])[]): number[] {
  const length = Math.max(0, ...series.map((s) => s.length));
  return Array.from({ length }, (_, i) => series.reduce((sum, s) => sum + (s[Math.min(i, s.length - 1)] ?? 0), 0));
}

/** Element-wise maxima. */
export function maxSeries(series: readonly (readonly number[])[]): number[] {
  const length = Math.max(0, ...series.map((s) => s.length));
  return Array.from({ length }, (_, i) => Math.max(0, ...series.map((s) => s[i] ?? 0)));
}

/** sum / count per second; null for a second without samples. */
export function averages(sums: readonly number[], counts: readonly number[]): (number | null)[] {
  return counts.map((count, i) => (count === 0 ? null : (sums[i] ?? 0) / count));
}

/** Gaps (null) filled with the value before them (0 at the start), for charts that cannot skip points. */
export function fillGaps(series: readonly (number | null)[]): number[] {
  let last = 0;
  return series.map((value) => (value === null ? last : (last = value)));
}
