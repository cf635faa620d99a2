import { describe, expect, it } from 'vitest';
import type { TransportKind } from '../../../src/protocol/index.js';
import type { ConnectionState } from '../../../src/transports/types.js';
import { connectionLabel } from '../../../src/ui/format/connection-label.js';
import { formatBytes, formatMs } from '../../../src/ui/format/numbers.js';
import { formatLatency, NOT_APPLICABLE, statusView, type StatusView } from '../../../src/ui/format/status.js';
import { transportLabel } from '../../../src/ui/format/transport-label.js';
import { makeStats } from '../fake-client.js';

const open = (transport: TransportKind): ConnectionState => ({ status: 'open', transport, since: 0 });
const field = (view: StatusView, label: string): string | undefined => view.fields.find((f) => f.label === label)?.value;

describe('connection label', () => {
  it('describes each state with its tone', () => {
    expect(connectionLabel({ status: 'idle' }, 0)).toEqual({ text: 'not connected', tone: 'muted' });
    expect(connectionLabel(open('ws'), 0)).toEqual({ text: 'open', tone: 'ok' });
    expect(connectionLabel({ status: 'connecting', attempt: 0, transport: 'ws' }, 0)).toEqual({ text: 'connecting', tone: 'warn' });
    expect(connectionLabel({ status: 'connecting', attempt: 3, transport: 'ws' }, 0).text).toBe('connecting, attempt 3');
    expect(connectionLabel({ status: 'closed', reason: 'token refused', cause: 'unauthorized' }, 0)).toEqual({ text: 'closed: token refused', tone: 'error' });
  });

  it('shows an open link going quiet, in seconds to a tenth, before it is called dead', () => {
    expect(connectionLabel(open('sse'), 0, 4200)).toEqual({ text: 'open · quiet 4.2 s', tone: 'warn' });
    expect(connectionLabel(open('sse'), 0, undefined)).toEqual({ text: 'open', tone: 'ok' });
    expect(statusView({ state: open('poll'), stats: makeStats({ transport: 'poll', quietMs: 12_345.678 }), choice: 'poll', transport: 'poll', now: 0 }).connection).toEqual({ text: 'open · quiet 12.3 s', tone: 'warn' });
    expect(statusView({ state: open('poll'), stats: makeStats({ transport: 'poll' }), choice: 'poll', transport: 'poll', now: 0 }).connection.text).toBe('open');
  });

  it('counts down to the next reconnect and never below zero', () => {
    const state: ConnectionState = { status: 'reconnecting', attempt: 4, delayMs: 8000, retryAt: 10_000, reason: 'server went away' };
    expect(connectionLabel(state, 6_800).text).toBe('reconnecting in 3.2 s, attempt 4');
    expect(connectionLabel(state, 12_000).text).toBe('reconnecting in 0.0 s, attempt 4');
  });
});

describe('transport label', () => {
  it('names the transport, and for auto which one it settled on', () => {
    expect(transportLabel('sse', 'sse')).toBe('sse');
    expect(transportLabel('poll', undefined)).toBe('poll');
    expect(transportLabel('auto', undefined)).toBe('auto (choosing…)');
    expect(transportLabel('auto', 'longpoll')).toBe('longpoll (auto)');
  });
});

describe('numbers', () => {
  it('formats ms and bytes', () => {
    expect(formatMs(3.24)).toBe('3.2');
    expect(formatMs(12.6)).toBe('13');
    expect(formatBytes(312)).toBe('312 B');
    expect(formatBytes(2048)).toBe('2.0 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});

describe('statusView', () => {
  const latency = { last: 12.4, avg: 15, p50: 20, p95: 40.2, recent: [10, 20, 40], count: 3 };

  it('shows latency last · p50 · p95 with a sparkline', () => {
    const view = statusView({ state: open('ws'), stats: makeStats({ transport: 'ws', echoLatency: latency }), choice: 'ws', transport: 'ws', now: 0 });
    expect(view.latency).toEqual({ label: 'latency', short: 'lat', value: '12 · 20 · 40 ms' });
    expect(view.spark).toBe('▃▅█');
  });

  it('falls back to one-way latency, labelled, for a client that only listens', () => {
    const view = statusView({ state: open('sse'), stats: makeStats({ oneWayLatency: { ...latency, last: 2.5 } }), choice: 'sse', transport: 'sse', now: 0 });
    expect(view.latency.label).toBe('latency 1-way');
    expect(view.latency.value).toBe('2.5 · 20 · 40 ms');
  });

  it('says — rather than 0 before any sample', () => {
    const view = statusView({ state: { status: 'connecting', attempt: 0, transport: 'ws' }, stats: undefined, choice: 'auto', transport: undefined, now: 0 });
    expect(view.latency.value).toBe(NOT_APPLICABLE);
    expect(view.spark).toBe('');
    for (const f of view.fields) expect(f.value).toBe(NOT_APPLICABLE);
    expect(view.transport).toBe('auto (choosing…)');
  });

  it.each<[TransportKind, string]>([
    ['ws', '—'],
    ['sse', '—'],
    ['longpoll', '25%'],
    ['poll', '25%'],
  ])('shows poll waste only for polling transports (%s)', (transport, waste) => {
    const stats = makeStats({ transport, polls: 8, emptyPolls: 2, wastedPollsPercent: 25 });
    expect(field(statusView({ state: open(transport), stats, choice: transport, transport, now: 0 }), 'waste')).toBe(waste);
  });

  it('says — for waste before the first poll', () => {
    const stats = makeStats({ transport: 'poll', polls: 0, emptyPolls: 0, wastedPollsPercent: undefined });
    expect(field(statusView({ state: open('poll'), stats, choice: 'poll', transport: 'poll', now: 0 }), 'waste')).toBe('—');
  });

  it('shows ping only for ws', () => {
    const stats = makeStats({ pingRtt: 3.14 });
    expect(field(statusView({ state: open('ws'), stats: { ...stats, transport: 'ws' }, choice: 'ws', transport: 'ws', now: 0 }), 'ping')).toBe('3.1 ms');
    expect(field(statusView({ state: open('sse'), stats: { ...stats, transport: 'sse' }, choice: 'sse', transport: 'sse', now: 0 }), 'ping')).toBe('—');
  });

  it('shows requests/s, tcp, overhead per message, reconnects and pending', () => {
    const stats = makeStats({ transport: 'poll', requestsPerSecond: 2.04, tcpConnections: 17, overheadBytesPerMessage: 1536, reconnects: 2, pending: 1 });
    const view = statusView({ state: open('poll'), stats, choice: 'poll', transport: 'poll', now: 0 });
    expect(field(view, 'req/s')).toBe('2.0');
    expect(field(view, 'tcp')).toBe('17');
    expect(field(view, 'overhead')).toBe('1.5 KiB/msg');
    expect(view.fields.find((f) => f.label === 'reconnects')).toEqual({ label: 'reconnects', short: 'recon', value: '2', tone: 'warn' });
    expect(view.fields.find((f) => f.label === 'pending')).toEqual({ label: 'pending', short: 'pend', value: '1', tone: 'warn' });
  });

  it('says — for overhead before the first delivered message', () => {
    expect(field(statusView({ state: open('ws'), stats: makeStats({ transport: 'ws' }), choice: 'ws', transport: 'ws', now: 0 }), 'overhead')).toBe('—');
  });

  it('prefers the transport in the stats to the one remembered', () => {
    const view = statusView({ state: open('sse'), stats: makeStats({ transport: 'sse' }), choice: 'auto', transport: 'ws', now: 0 });
    expect(view.transport).toBe('sse (auto)');
  });

  it('formats a partial latency summary', () => {
    expect(formatLatency({ last: 5, avg: undefined, p50: undefined, p95: undefined, recent: [5], count: 1 })).toBe('5.0 · — · — ms');
  });
});
