import { Histogram, type HistogramConfiguration } from 'prom-client';

/** One printed sample of the histogram, in the shape prom-client's registry prints. */
interface Sample {
  readonly value: number;
  readonly labels: { le?: number | string };
  /** Labels every sample of a metric shares; none here, but `get()` merges them in. */
  readonly sharedLabels: Record<string, never>;
  readonly metricName: string;
}

interface Exported {
  readonly name: string;
  readonly help: string;
  readonly type: 'histogram';
  readonly aggregator: 'sum';
  readonly values: Sample[];
}

/**
 * A Prometheus histogram, without labels, that counts many observations of one value in one call.
 * prom-client's Histogram takes one observation per call and hashes its labels on each, and the
 * delivery path observes once per recipient, so that work grows with every listener of a room
 * (bench/README.md, "Measurements behind the code"). This one keeps plain bucket counts
 * and hands them to the same registry in prom-client's format.
 */
export class TallyHistogram extends Histogram {
  readonly #name: string;
  readonly #help: string;
  readonly #bounds: readonly number[];
  /** Observations per bucket (not cumulative); the last is above every bound. */
  readonly #counts: Float64Array;
  #sum = 0;
  #count = 0;

  constructor(config: HistogramConfiguration<string> & { readonly buckets: number[] }) {
    super(config);
    this.#name = config.name;
    this.#help = config.help;
    this.#bounds = [...config.buckets].sort((a, b) => a - b);
    this.#counts = new Float64Array(this.#bounds.length + 1);
    // prom-client's constructor sets `observe` on the instance, which would hide the method below.
    this.observe = TallyHistogram.prototype.observe;
  }

  /** `times` observations of `value`. */
  observeMany(value: number, times: number): void {
    const bounds = this.#bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    this.#counts[i]! += times;
    this.#sum += value * times;
    this.#count += times;
  }

  /** One observation; labels and exemplars are refused, as this histogram has neither. */
  override observe(value: unknown): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${this.#name} observes finite numbers only`);
    this.observeMany(value, 1);
  }

  override reset(): void {
    // prom-client's constructor resets too, before this class's fields exist: there is nothing to clear then.
    if (!(#counts in this)) return;
    this.#counts.fill(0);
    this.#sum = 0;
    this.#count = 0;
  }

  /**
   * What prom-client reads a metric from: its registry prints from this method when a metric has
   * one (its own Histogram does), and its `get()` returns this with the labels merged.
   */
  getForPromString(): Promise<Exported> {
    return Promise.resolve({ name: this.#name, help: this.#help, type: 'histogram', aggregator: 'sum', values: this.#samples() });
  }

  #samples(): Sample[] {
    const name = this.#name;
    const samples: Sample[] = [];
    let cumulative = 0;
    this.#bounds.forEach((le, i) => {
      cumulative += this.#counts[i]!;
      samples.push({ value: cumulative, labels: { le }, sharedLabels: {}, metricName: `${name}_bucket` });
    });
    samples.push(
      { value: this.#count, labels: { le: '+Inf' }, sharedLabels: {}, metricName: `${name}_bucket` },
      { value: this.#sum, labels: {}, sharedLabels: {}, metricName: `${name}_sum` },
      { value: this.#count, labels: {}, sharedLabels: {}, metricName: `${name}_count` },
    );
    return samples;
  }
}
