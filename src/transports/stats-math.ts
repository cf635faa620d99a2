import type { LatencySummary } from './types.js';

/** The last `capacity` numbers pushed, oldest first. */
export class SampleWindow {
  readonly #values: number[] = [];

  constructor(readonly capacity: number) {}

  push(value: number): void {
    this.#values.push(value);
    // Trimming in batches keeps push O(1) amortised.
    if (this.#values.length > this.capacity * 2) this.#values.splice(0, this.#values.length - this.capacity);
  }

  values(): number[] {
    return this.#values.slice(-this.capacity);
  }
}

/** The `p`-quantile (0-1) of `values` by nearest rank; undefined for none. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(Math.min(Math.max(p, 0), 1) * sorted.length);
  return sorted[Math.max(rank - 1, 0)];
}

/** Running latency figures: last and average over all samples, median and p95 over a recent window. */
export class LatencyTracker {
  #count = 0;
  #sum = 0;
  #last: number | undefined;
  readonly #window: SampleWindow;

  constructor(
    windowSize = 200,
    private readonly recentSize = 30,
  ) {
    this.#window = new SampleWindow(windowSize);
  }

  add(ms: number): void {
    // Clocks of two hosts may disagree; a negative one-way figure means skew, not time travel.
    const value = Math.max(0, ms);
    this.#count++;
    this.#sum += value;
    this.#last = value;
    this.#window.push(value);
  }

  summary(): LatencySummary {
    const window = this.#window.values();
    return {
      last: this.#last,
      avg: this.#count === 0 ? undefined : this.#sum / this.#count,
      p50: percentile(window, 0.5),
      p95: percentile(window, 0.95),
      recent: window.slice(-this.recentSize),
      count: this.#count,
    };
  }
}

/** Share of polls that came back empty, in percent; undefined without polls. */
export function wastedPercent(polls: number, emptyPolls: number): number | undefined {
  return polls === 0 ? undefined : (emptyPolls / polls) * 100;
}

/** Wire bytes per delivered message that were not message text; undefined before the first message. */
export function overheadPerMessage(bytesSent: number, bytesReceived: number, payloadBytes: number, messages: number): number | undefined {
  if (messages === 0) return undefined;
  return Math.max(0, bytesSent + bytesReceived - payloadBytes) / messages;
}

/** A running total per delivered message (bytes, requests): what each message cost; undefined before the first. */
export function perMessage(total: number, messages: number): number | undefined {
  return messages === 0 ? undefined : total / messages;
}

/**
 * Events per second over the last `windowMs`, from their times (ascending). A client younger
 * than the window is divided by its age (at least a second), not by the whole window.
 */
export function ratePerSecond(times: readonly number[], now: number, windowMs: number, startedAt: number): number {
  const from = now - windowMs;
  let n = 0;
  for (let i = times.length - 1; i >= 0 && times[i]! > from; i--) n++;
  const span = Math.max(1000, Math.min(windowMs, now - startedAt));
  return n / (span / 1000);
}

/**
 * The bytes of `text` in UTF-8, as Buffer.byteLength counts them (a lone surrogate as the three
 * bytes of U+FFFD), on any platform: the web page has no Buffer.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) continue;
    if (unit < 0x800) bytes += 1;
    else if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A pair: two units, four bytes.
      bytes += 2;
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Bytes of the messages' text: what a chat is for, the rest of the wire being overhead. */
export function textBytes(messages: readonly { readonly text: string }[]): number {
  let bytes = 0;
  for (const message of messages) bytes += utf8Length(message.text);
  return bytes;
}
