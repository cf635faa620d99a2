import type { MetricsSnapshot } from './metrics.js';

/** The periodic stats block, in the study's words, from two snapshots `seconds` apart. */
export function formatStatsBlock(previous: MetricsSnapshot, current: MetricsSnapshot, seconds: number): string {
  const delta = (key: keyof MetricsSnapshot): number => current[key] - previous[key];
  const polls = delta('polls');
  const empty = delta('emptyPolls');
  const wasted = polls === 0 ? 0 : Math.round((empty / polls) * 100);
  const rate = (n: number): string => (n / seconds).toFixed(2);
  const rows: [string, string][] = [
    ['Total connections opened', String(delta('tcpConnections'))],
    ['Connection rate', `${rate(delta('tcpConnections'))}/s`],
    ['Polls (GET requests)', String(polls)],
    ['Polls that were empty', `${empty} (${wasted}% wasted)`],
    ['Messages posted', String(delta('messages'))],
    ['Message rate', `${rate(delta('messages'))} msg/s`],
    ['Deliveries', `${delta('deliveries')} (${rate(delta('deliveries'))}/s)`],
    ['Open WebSockets', String(current.openWs)],
    ['Open SSE streams', String(current.openSse)],
    ['Held long polls', String(current.heldLongPolls)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = rows.map(([label, value]) => `[stats]  ${label.padEnd(width)} : ${value}`);
  return [`[stats] --- ${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s window ---`, ...lines].join('\n');
}
