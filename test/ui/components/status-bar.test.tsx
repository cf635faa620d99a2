import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { TransportKind } from '../../../src/protocol/index.js';
import type { ClientStats, ConnectionState, TransportChoice } from '../../../src/transports/types.js';
import { StatusBar } from '../../../src/ui/components/StatusBar.js';
import { statusView } from '../../../src/ui/format/status.js';
import { openClient, renderApp } from '../app-harness.js';
import { makeStats } from '../fake-client.js';
import { renderThemed } from '../render-themed.js';

afterEach(() => cleanup());

function bar(state: ConnectionState, stats: ClientStats | undefined, choice: TransportChoice, transport: TransportKind | undefined, now = 0): string {
  const { lastFrame } = renderThemed(<StatusBar view={statusView({ state, stats, choice, transport, now })} />);
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

describe('status bar in the app', () => {
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
