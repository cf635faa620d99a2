import type { TransportKind } from '../../protocol/plain.js';
import type { NetCondition } from '../../relay/condition.js';
import type { ClientStats, ConnectionState, LatencySummary, TransportChoice } from '../../transports/types.js';
import { connectionLabel } from './connection-label.js';
import { netField, type NetField } from './net-field.js';
import { formatBytes, formatMs } from './numbers.js';
import { sparkline } from './sparkline.js';
import { textWidth } from './text-width.js';
import type { Tone } from './theme.js';
import { transportLabel } from './transport-label.js';

/** Shown where a figure means nothing for the transport, or has no data yet, instead of a misleading 0. */
export const NOT_APPLICABLE = '—';

/** One labelled figure of the status bar. */
export interface StatusField {
  readonly label: string;
  /** The label where the full one does not fit (narrow terminals); the full one when absent. */
  readonly short?: string;
  readonly value: string;
  readonly tone?: Tone;
}

/** Everything the status bar draws, already as text. */
export interface StatusView {
  readonly connection: { readonly text: string; readonly tone: Tone };
  readonly transport: string;
  /** The network's condition, when it is not clean. */
  readonly net: NetField | undefined;
  readonly latency: StatusField;
  readonly spark: string;
  readonly fields: readonly StatusField[];
}

/** What the status view is computed from. */
export interface StatusInput {
  readonly state: ConnectionState;
  /** Undefined before the first sample. */
  readonly stats: ClientStats | undefined;
  readonly choice: TransportChoice;
  /** The transport currently in use, if known. */
  readonly transport: TransportKind | undefined;
  /** Same clock as the state's `retryAt`. */
  readonly now: number;
  /** Bars in the latency sparkline. */
  readonly sparkWidth?: number;
  /** The network the client goes through, and the now (on its clock) a `down` counts down to. */
  readonly net?: { readonly condition: NetCondition; readonly now: number } | undefined;
  /** Columns of the terminal: the network's word is shortened to leave the latency its place. */
  readonly width?: number;
}

const POLLING: ReadonlySet<TransportKind> = new Set(['poll', 'longpoll']);

/** Computes the status bar's text: each figure formatted, and "—" where it means nothing. */
export function statusView({ state, stats, choice, transport, now, sparkWidth = 12, net, width }: StatusInput): StatusView {
  const kind = stats?.transport ?? transport ?? (choice === 'auto' ? undefined : choice);
  const { summary, label } = pickLatency(stats);
  const connection = connectionLabel(state, now, stats?.quietMs);
  const shown = transportLabel(choice, kind);
  const latency = { label, short: label.replace('latency', 'lat'), value: formatLatency(summary) };
  // The first line as the status bar draws it, but for the network's word and the bars.
  const used = textWidth(`● ${connection.text}  ${shown}  ${latency.label} ${latency.value}  `);
  return {
    connection,
    transport: shown,
    net: net === undefined ? undefined : netField(net.condition, net.now, width === undefined ? undefined : width - used),
    latency,
    spark: summary === undefined ? '' : sparkline(summary.recent, sparkWidth),
    fields: [
      { label: 'ping', value: kind === 'ws' && stats?.pingRtt !== undefined ? `${formatMs(stats.pingRtt)} ms` : NOT_APPLICABLE },
      { label: 'waste', value: formatWaste(kind, stats) },
      { label: 'req/s', value: stats === undefined ? NOT_APPLICABLE : stats.requestsPerSecond.toFixed(1) },
      { label: 'tcp', value: stats === undefined ? NOT_APPLICABLE : String(stats.tcpConnections) },
      { label: 'overhead', short: 'ovh', value: stats?.overheadBytesPerMessage === undefined ? NOT_APPLICABLE : `${formatBytes(stats.overheadBytesPerMessage)}/msg` },
      { label: 'reconnects', short: 'recon', value: stats === undefined ? NOT_APPLICABLE : String(stats.reconnects), tone: (stats?.reconnects ?? 0) > 0 ? 'warn' : undefined },
      { label: 'pending', short: 'pend', value: stats === undefined ? NOT_APPLICABLE : String(stats.pending), tone: (stats?.pending ?? 0) > 0 ? 'warn' : undefined },
    ],
  };
}

/**
 * Echo latency (send → own message back) is what a sender feels; a client that only listens has
 * none, so it shows the one-way latency of others' messages, labelled as such.
 */
function pickLatency(stats: ClientStats | undefined): { summary: LatencySummary | undefined; label: string } {
  if (stats === undefined) return { summary: undefined, label: 'latency' };
  if (stats.echoLatency.count === 0 && stats.oneWayLatency.count > 0) return { summary: stats.oneWayLatency, label: 'latency 1-way' };
  return { summary: stats.echoLatency, label: 'latency' };
}

/** "last · p50 · p95 ms", or "—" before the first sample. */
export function formatLatency(summary: LatencySummary | undefined): string {
  if (summary === undefined || summary.count === 0) return NOT_APPLICABLE;
  const part = (ms: number | undefined): string => (ms === undefined ? NOT_APPLICABLE : formatMs(ms));
  return `${part(summary.last)} · ${part(summary.p50)} · ${part(summary.p95)} ms`;
}

/** Empty polls as a percentage; only polling transports poll, so the others say "—". */
function formatWaste(kind: TransportKind | undefined, stats: ClientStats | undefined): string {
  if (kind === undefined || !POLLING.has(kind)) return NOT_APPLICABLE;
  const percent = stats?.wastedPollsPercent;
  return percent === undefined || !Number.isFinite(percent) ? NOT_APPLICABLE : `${Math.round(percent)}%`;
}
