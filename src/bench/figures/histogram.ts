/** A histogram as it travels between processes and into the JSON file. */
export interface HistogramData {
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  /** [value, count] pairs, values as kept (see `keyOf`). */
  readonly buckets: readonly (readonly [number, number])[];
}

/**
 * The value a sample is kept as: to 0.01 ms under 10 ms, 0.1 ms under 1 s, 1 ms above, so a
 * millisecond's latency keeps the clocks' fraction (see preciseNow), and a million samples still
 * take a few thousand entries.
 */
export function keyOf(ms: number): number {
  const v = Math.max(0, ms);
  if (v < 10) return Math.round(v * 100) / 100;
  if (v < 1000) return Math.round(v * 10) / 10;
  return Math.round(v);
}

/**
 * Latency samples from any number of processes, merged without keeping every sample: count, sum,
 * min and max exact, percentiles at the precision of `keyOf`.
 */
export class LatencyHistogram {
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;
  readonly #buckets = new Map<number, number>();

  static from(data: HistogramData): LatencyHistogram {
    const histogram = new LatencyHistogram();
    histogram.merge(data);
    return histogram;
  }

  get count(): number {
    return this.#count;
  }

  add(ms: number): void {
    // One host's clock read twice can still step back a little; a negative trip is zero.
    const value = Math.max(0, ms);
    this.#count++;
    this.#sum += value;
    if (value < this.#min) this.#min = value;
    if (value > this.#max) this.#max = value;
    const key = keyOf(value);
    this.#buckets.set(key, (this.#buckets.get(key) ?? 0) + 1);
  }

  merge(data: HistogramData): void {
    if (data.count === 0) return;
    this.#count += data.count;
    this.#sum += data.sum;
    this.#min = Math.min(this.#min, data.min);
    this.#max = Math.max(this.#max, data.max);
    for (const [key, n] of data.buckets) this.#buckets.set(key, (this.#buckets.get(key) ?? 0) + n);
  }

  mean(): number | undefined {
    return this.#count === 0 ? undefined : this.#sum / this.#count;
  }

  /** The `p`-quantile (0-1) by nearest rank; undefined without samples. */
  percentile(p: number): number | undefined {
    if (this.#count === 0) return undefined;
    const rank = Math.max(1, Math.ceil(Math.min(Math.max(p, 0), 1) * this.#count));
    const keys = [...this.#buckets.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const key of keys) {
      seen += this.#buckets.get(key)!;
      if (seen >= rank) return Math.min(Math.max(key, this.#min), this.#max);
    }
    return this.#max;
  }

  max(): number | undefined {
    return this.#count === 0 ? undefined : this.#max;
  }

  toJSON(): HistogramData {
    return {
      count: this.#count,
      sum: this.#sum,
      min: this.#count === 0 ? 0 : this.#min,
      max: this.#count === 0 ? 0 : this.#max,
      buckets: [...this.#buckets.entries()].sort((a, b) => a[0] - b[0]),
    };
  }
}
