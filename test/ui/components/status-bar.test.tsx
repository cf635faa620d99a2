import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransportKind } from '../../../src/protocol/index.js';
import type { ClientStats, ConnectionState, TransportChoice } from '../../../src/transports/types.js';
import { StatusBar } from '../../../src/ui/components/StatusBar.js';
import { statusView } from '../../../src/ui/format/status.js';
import { lineWidth, statusLines } from '../../../src/ui/format/status-lines.js';
import { openClient, renderApp } from '../app-harness.js';
import { makeStats } from '../fake-client.js';
import { renderThemed } from '../render-themed.js';

afterEach(() => cleanup());

function bar(state: ConnectionState, stats: ClientStats | undefined, choice: TransportChoice, transport: TransportKind | undefined, now = 0, width = 120): string {
  const { lastFrame } = renderThemed(<StatusBar lines={statusLines(statusView({ state, stats, choice, transport, now }), width)} />);
  return lastFrame()!;
}

const latency = { last: 4, avg: 5.5, p50: 5, p95: 9, recent: [4, 5, 9], count: 3 };

describe('StatusBar', () => {
  it('shows an open ws connection with latency, ping and "—" for poll waste', () => {
    const frame = bar({ status: 'open', transport: 'ws', since: 0 }, makeStats({ transport: 'ws', echoLatency: latency, pingRtt: 1.2, tcpConnections: 1, overheadBytesPerMessage: 12 }), 'ws', 'ws');
    expect(frame.split('\n')).toEqual(['● open  ws  latency 4.0 · 5.0 · 9.0 ms ▄▅█', 'ping 1.2 ms  waste —  req/s 0.0  tcp 1  overhead 12 B/msg  reconnects 0  pending 0']);
  });

  it('shows poll waste and request rate for short polling', () => {
    const frame = bar({ status: 'open', transport: 'poll', since: 0 }, makeStats({ transport: 'poll', polls: 10, emptyPolls: 9, wastedPollsPercent: 90, requestsPerSecond: 1, tcpConnections: 10 }), 'poll', 'poll');
    expect(frame).toContain('waste 90%  req/s 1.0  tcp 10');
    expect(frame).toContain('ping —');
  });

  it('shows which transport auto settled on', () => {
    expect(bar({ status: 'open', transport: 'longpoll', since: 0 }, makeStats({ transport: 'longpoll' }), 'auto', 'longpoll')).toContain('● open  longpoll (auto)');
  });

  it('shows an open link that has gone quiet', () => {
    const frame = bar({ status: 'open', transport: 'ws', since: 0 }, makeStats({ transport: 'ws', quietMs: 4200 }), 'ws', 'ws');
    expect(frame.split('\n')[0]).toMatch(/^● open · quiet 4\.2 s {2}ws {2}latency —/);
  });

  it('counts down while reconnecting', () => {
    const state: ConnectionState = { status: 'reconnecting', attempt: 4, delayMs: 8000, retryAt: 10_000, reason: 'refused' };
    expect(bar(state, makeStats({ reconnects: 3 }), 'sse', 'sse', 6_800)).toContain('● reconnecting in 3.2 s, attempt 4  sse');
  });

  it('shows connecting and closed with the reason', () => {
    expect(bar({ status: 'connecting', attempt: 0, transport: 'sse' }, undefined, 'sse', 'sse')).toMatch(/^● connecting {2}sse {2}latency —/);
    expect(bar({ status: 'closed', reason: 'token refused (401)', cause: 'unauthorized' }, makeStats(), 'ws', 'ws')).toContain('● closed: token refused (401)');
  });
});

describe('the status bar at 80 and 60 columns', () => {
  const busy = makeStats({ transport: 'ws', echoLatency: { last: 12, avg: 15.5, p50: 16, p95: 30, recent: [12, 15, 30], count: 3 }, pingRtt: 0.4, requestsPerSecond: 0.2, tcpConnections: 1, overheadBytesPerMessage: 58 });
  const open: ConnectionState = { status: 'open', transport: 'ws', since: 0 };

  it('fits every figure in two lines at 80 columns, with short labels where the full ones do not fit', () => {
    const lines = bar(open, busy, 'ws', 'ws', 0, 80).split('\n');
    expect(lines).toEqual(['● open  ws  latency 12 · 16 · 30 ms ▄▅█', 'ping 0.4 ms  waste —  req/s 0.2  tcp 1  ovh 58 B/msg  recon 0  pend 0']);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('keeps state, transport and latency on the first line at 60 columns and wraps the figures to a third', () => {
    const view = statusView({ state: { status: 'reconnecting', attempt: 3, delayMs: 1700, retryAt: 1700, reason: 'refused' }, stats: busy, choice: 'ws', transport: 'ws', now: 0 });
    const lines = statusLines(view, 60);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(lineWidth(line)).toBeLessThanOrEqual(60);
    const frame = renderThemed(<StatusBar lines={lines} />).lastFrame()!.split('\n');
    expect(frame[0], frame.join('\n')).toBe('● reconnecting in 1.7 s, attempt 3  ws  lat 12 · 16 · 30 ms');
    expect(frame.slice(1).join('  ')).toBe('ping 0.4 ms  waste —  req/s 0.2  tcp 1  ovh 58 B/msg  recon 0  pend 0');
  });

  it('moves the latency down rather than cut it when even the short first line does not fit', () => {
    const view = statusView({ state: { status: 'closed', reason: 'ws upgrade refused, 401 unauthorized: the token is not valid', cause: 'unauthorized' }, stats: busy, choice: 'ws', transport: 'ws', now: 0 });
    const lines = statusLines(view, 60);
    expect(lines[0]!.map((piece) => piece.kind)).toEqual(['connection', 'transport']);
    expect(lines[1]![0]).toMatchObject({ kind: 'field', value: '12 · 16 · 30 ms' });
  });
});

describe('status bar in the app', () => {
  it('gives the bar a third row on a narrow terminal, and every figure is on screen', async () => {
    const app = await renderApp({}, { columns: 60, rows: 20 });
    const client = app.client();
    openClient(client);
    client.currentStats = makeStats({ transport: 'ws', pingRtt: 0.4, overheadBytesPerMessage: 58, pending: 2 });
    client.clock.advance(250);
    const frame = await app.frame((f) => f.includes('pend 2'));
    const lines = frame.split('\n');
    expect(lines).toHaveLength(19);
    expect(lines.at(-3)).toMatch(/^● open {2}ws {2}latency —/);
    expect(frame).toContain('ovh 58 B/msg');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
  });

  it('refreshes from the stats on the client clock, a few times a second', async () => {
    const app = await renderApp();
    const client = app.client();
    openClient(client);
    client.currentStats = makeStats({ transport: 'ws', tcpConnections: 7 });
    // Nothing changes on screen until the next sample is due.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(app.lastFrame()).not.toContain('tcp 7');
    client.clock.advance(250);
    await app.frame((f) => f.includes('tcp 7'));
  });

  it('shows the link going quiet as the samples say, and open again once it is heard', async () => {
    const app = await renderApp();
    const client = app.client();
    openClient(client);
    client.currentStats = makeStats({ transport: 'ws', quietMs: 7600 });
    client.clock.advance(250);
    await app.frame((f) => f.includes('● open · quiet 7.6 s'));
    client.currentStats = makeStats({ transport: 'ws', quietMs: 7900 });
    client.clock.advance(250);
    await app.frame((f) => f.includes('● open · quiet 7.9 s'));
    client.currentStats = makeStats({ transport: 'ws' });
    client.clock.advance(250);
    await app.frame((f) => f.includes('● open  ws'));
  });

  it('counts the reconnect delay down as time passes', async () => {
    const app = await renderApp();
    const client = app.client();
    openClient(client);
    const now = client.clock.now();
    client.setState({ status: 'reconnecting', attempt: 2, delayMs: 2000, retryAt: now + 2000, reason: 'server went away' });
    await app.frame((f) => f.includes('reconnecting in 2.0 s, attempt 2'));
    client.clock.advance(500);
    await app.frame((f) => f.includes('reconnecting in 1.5 s, attempt 2'));
  });
});
