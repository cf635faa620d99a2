import type { WireEvent } from '../../transports/wire-events.js';
import { formatBytes, formatMs, formatSeconds } from './numbers.js';
import { truncateToWidth } from './text-width.js';
import type { Tone } from './theme.js';

/** One line of the wire pane, in the pieces drawn in their own colours. */
export interface WireRow {
  /** Local time to the millisecond, "13:31:44.123", or just "44.123" when narrow. */
  readonly time: string;
  /** → to the server, ← from it, · neither. */
  readonly arrow: string;
  readonly arrowTone: Tone;
  /** Connection, what happened, bytes, status and how long it took, fitted to the width left. */
  readonly text: string;
  readonly tone: Tone | undefined;
}

/** At this width and more, payload and overhead, status and time taken get columns of their own. */
export const WIDE_WIRE = 72;

const ARROWS = { out: '→', in: '←', none: '·' } as const;
const ARROW_TONES: Readonly<Record<WireEvent['dir'], Tone>> = { out: 'info', in: 'ok', none: 'muted' };

/** The pane's column titles, for the width given. */
export function wireTitles(width: number): string {
  const wide = width >= WIDE_WIRE;
  const head = `${wide ? 'time        ' : 'time  '}   ${'conn'.padEnd(5)}`;
  const tail = wide ? `${'payload'.padStart(8)}${'overhead'.padStart(9)}${'status'.padStart(7)}${'took'.padStart(9)}` : `${'bytes'.padStart(9)}${'took'.padStart(8)}`;
  return `${head}${'what'.padEnd(Math.max(0, width - head.length - tail.length))}${tail}`.slice(0, width);
}

/** How an event reads in the pane at `width` columns. */
export function wireRow(event: WireEvent, width: number): WireRow {
  const wide = width >= WIDE_WIRE;
  const time = clockTime(event.at, wide);
  const conn = (event.conn === 0 ? '–' : `#${event.conn}`).padEnd(5);
  const took = tookMs(event);
  const tail = wide
    ? `${amount(event.payload, event.bytes).padStart(8)}${amount(event.overhead, event.bytes).padStart(9)}${status(event).padStart(7)}${took.padStart(9)}`
    : `${amount(event.bytes, event.bytes).padStart(9)}${took.padStart(8)}`;
  // time, a space, the arrow, a space, then the text.
  const room = Math.max(1, width - time.length - 3 - conn.length - tail.length);
  const text = `${conn}${truncateToWidth(describe(event), room).padEnd(room)}${tail}`;
  return { time, arrow: ARROWS[event.dir], arrowTone: ARROW_TONES[event.dir], text, tone: toneOf(event) };
}

/** What happened, in words: "GET long poll, held ≤ 5.0 s", "200 poll: 2 messages", "ws message", "sse keep-alive". */
export function describe(event: WireEvent): string {
  switch (event.kind) {
    case 'connect':
      return 'TCP connect';
    case 'close':
      return 'TCP close';
    case 'request':
      return `${event.method} ${event.what}${event.waitMs === undefined || event.waitMs === 0 ? '' : `, held ≤ ${formatSeconds(event.waitMs)}`}`;
    case 'response': {
      if (event.failure !== undefined) return `${event.what} failed: ${event.failure}`;
      const carried = event.messages === undefined ? '' : event.messages === 0 ? ': empty' : `: ${event.messages} message${event.messages === 1 ? '' : 's'}`;
      return `${event.status ?? ''} ${event.what}${carried}`;
    }
    case 'frame':
      if (event.opcode === 'close') return `ws close${event.code === undefined ? '' : ` ${event.code}`}`;
      if (event.opcode === 'text') return `ws ${event.type ?? 'text'}`;
      return `ws ${event.opcode} frame`;
    case 'sse':
      return event.events.length === 0 ? 'sse (part of an event)' : `sse ${event.events.join(' ')}`;
  }
}

function toneOf(event: WireEvent): Tone | undefined {
  if (event.kind === 'response' && (event.failure !== undefined || (event.status !== undefined && event.status >= 400))) return 'error';
  if (event.kind === 'connect' || event.kind === 'close') return 'muted';
  return event.payload > 0 ? 'accent' : undefined;
}

function status(event: WireEvent): string {
  if (event.kind === 'response') return event.status === undefined ? '✗' : String(event.status);
  if (event.kind === 'frame' && event.code !== undefined) return String(event.code);
  return '';
}

function tookMs(event: WireEvent): string {
  const ms = event.kind === 'connect' || event.kind === 'response' || event.kind === 'frame' ? event.ms : undefined;
  return ms === undefined ? '' : `${formatMs(ms)} ms`;
}

/** Bytes, or nothing for an event that moved none (a connect). */
function amount(bytes: number, total: number): string {
  return total === 0 ? '' : formatBytes(bytes);
}

function clockTime(at: number, full: boolean): string {
  const date = new Date(at);
  const two = (n: number): string => String(n).padStart(2, '0');
  const seconds = `${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
  return full ? `${two(date.getHours())}:${two(date.getMinutes())}:${seconds}` : seconds;
}
