import type { ClientStats, ConnectionState, TransportChoice } from '../transports/types.js';
import type { BotCounts } from './bot.js';

/** Everything one summary line is made from. */
export interface BotReport {
  readonly name: string;
  readonly choice: TransportChoice;
  readonly state: ConnectionState;
  readonly stats: ClientStats;
  readonly counts: BotCounts;
}

/** Where a figure means nothing (no polls on a WebSocket, no echo yet), as in the status bar. */
const NONE = '—';

/**
 * One line per bot, fields in a fixed order so that columns line up and a script can pick them:
 * `bot-ws-1  ws  open  said 12  stored 12  received 40  echo avg 1.2 ms p95 2.0 ms  requests 1  waste —  reconnects 0  pending 0`.
 * `nameWidth` pads the name so several bots' lines align.
 */
export function formatBotReport(report: BotReport, nameWidth = report.name.length): string {
  const { stats, counts } = report;
  const transport = stats.transport ?? report.choice;
  const echo = stats.echoLatency.count === 0 ? `echo ${NONE}` : `echo avg ${ms(stats.echoLatency.avg)} p95 ${ms(stats.echoLatency.p95)}`;
  const waste = stats.wastedPollsPercent === undefined || !Number.isFinite(stats.wastedPollsPercent) ? NONE : `${Math.round(stats.wastedPollsPercent)}%`;
  return [
    report.name.padEnd(nameWidth),
    transport.padEnd(8),
    report.state.status.padEnd(12),
    `said ${counts.said}`,
    `stored ${stats.messagesSent}`,
    `received ${stats.messagesReceived}`,
    echo,
    `requests ${stats.requests}`,
    `waste ${waste}`,
    `reconnects ${stats.reconnects}`,
    `pending ${stats.pending}`,
  ].join('  ');
}

function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NONE;
  return `${value < 10 ? value.toFixed(1) : String(Math.round(value))} ms`;
}
