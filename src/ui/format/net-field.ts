import { isClean, type NetCondition, type Shaping } from '../../relay/condition.js';
import { describeCondition, formatRate } from '../../relay/net-text.js';
import type { Tone } from './theme.js';

/** The status bar's word on the network. */
export interface NetField {
  readonly text: string;
  readonly tone: Tone;
}

/** Delay and rate in fewer columns: `net 100±20 ms · 56 kbit/s`. */
function shortShaping({ delayMs, jitterMs, rateBitsPerSecond }: Shaping): string {
  const parts: string[] = [];
  if (delayMs > 0) parts.push(`${delayMs}${jitterMs > 0 ? `±${jitterMs}` : ''} ms`);
  if (rateBitsPerSecond !== undefined) parts.push(formatRate(rateBitsPerSecond));
  return `net ${parts.join(' · ')}`;
}

/**
 * What the status bar says of the network: nothing while it is clean; else the condition in
 * force, `net delay 100 ms ±20 · rate 56 kbit/s`, `net blackhole`, `net down 7 s` (counting down
 * to `now`), shortened to `net 100±20 ms · 56 kbit/s` when it would take more than `columns`. A
 * link that passes nothing is an error's colour, one merely slowed a warning's.
 */
export function netField(condition: NetCondition, now: number, columns = Number.POSITIVE_INFINITY): NetField | undefined {
  if (isClean(condition)) return undefined;
  if (condition.mode !== 'flowing') return { text: describeCondition(condition, now), tone: 'error' };
  const full = describeCondition(condition, now);
  return { text: full.length <= columns ? full : shortShaping(condition.shaping), tone: 'warn' };
}
