import type { RunSetup } from '../running/plan.js';

/** Number formats shared by the bench's tables; null is a figure with no meaning here ("—"). */

const DASH = '—';

/** 9,008 */
export function count(n: number | null): string {
  return n === null ? DASH : Math.round(n).toLocaleString('en-US');
}

/** The study's rates: 0.50, 5.00, 49.4, 900.8. */
export function rate(n: number | null): string {
  if (n === null) return DASH;
  return n < 10 ? n.toFixed(2) : n.toFixed(1);
}

/** The study's table latencies: 64.11ms, 0.86ms. */
export function ms(n: number | null): string {
  return n === null ? DASH : `${n.toFixed(2)}ms`;
}

/** Compact latencies for narrow columns: 0.9ms, 4.7ms, 64ms. */
export function msShort(n: number | null): string {
  if (n === null) return DASH;
  return n < 10 ? `${n.toFixed(1)}ms` : `${Math.round(n)}ms`;
}

/** 83% */
export function percent(n: number | null): string {
  return n === null ? DASH : `${Math.round(n)}%`;
}

/** 75.8 MB, 812 KB, 317 B. */
export function bytes(n: number | null): string {
  if (n === null) return DASH;
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 10 * 1024) return `${Math.round(n / 1024)} KB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${Math.round(n)} B`;
}

/** 1.8 (ms of CPU and the like, one decimal under 100). */
export function decimal(n: number | null): string {
  if (n === null) return DASH;
  return n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US');
}

/** ×1.84, the way termchat compares to the baseline. */
export function ratio(n: number | null): string {
  return n === null || !Number.isFinite(n) ? DASH : `×${n.toFixed(2)}`;
}

/** +0.8ms, −2.0ms, +12ms: a latency difference, signed, as compact as msShort (never "−0.0ms"). */
export function msDelta(n: number | null): string {
  if (n === null) return DASH;
  const text = msShort(Math.abs(n));
  return `${n < 0 && text !== msShort(0) ? '−' : '+'}${text}`;
}

/** "1 instance", "2 instances". */
export function instancesLabel(instances: number): string {
  return `${instances} instance${instances === 1 ? '' : 's'}`;
}

/** " · 2 instances", " · RTT 25 ms", or nothing: a run's setup after its tier and transport. */
export function setupLabel(setup: RunSetup): string {
  if (setup.instances !== undefined) return ` · ${instancesLabel(setup.instances)}`;
  return setup.rttMs === undefined ? '' : ` · RTT ${setup.rttMs} ms`;
}
