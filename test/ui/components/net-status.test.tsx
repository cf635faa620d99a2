import { Box } from 'ink';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { CLEAN, nextCondition, type NetChange, type NetCondition } from '../../../src/relay/condition.js';
import type { ClientStats, ConnectionState } from '../../../src/transports/types.js';
import { StatusBar } from '../../../src/ui/components/StatusBar.js';
import { statusView } from '../../../src/ui/format/status.js';
import { statusLines } from '../../../src/ui/format/status-lines.js';
import { unavailableLever } from '../../../src/ui/net-lever.js';
import { openClient, renderApp } from '../app-harness.js';
import { makeStats } from '../fake-client.js';
import { FakeLever } from '../fake-lever.js';
import { keys } from '../ink-helpers.js';
import { renderThemed } from '../render-themed.js';

afterEach(() => cleanup());

const after = (...changes: NetChange[]): NetCondition => changes.reduce((condition, change) => nextCondition(condition, change, 0), CLEAN);
const latency = { last: 212, avg: 215, p50: 215, p95: 230, recent: [212, 215, 230], count: 3 };

/** The status bar's first line at `width` columns. */
function firstLine(state: ConnectionState, stats: ClientStats, condition: NetCondition, width = 80): string {
  const view = statusView({ state, stats, choice: 'ws', transport: 'ws', now: 0, net: { condition, now: 0 }, width });
  const { lastFrame } = renderThemed(
    <Box width={width}>
      <StatusBar lines={statusLines(view, width)} />
    </Box>,
  );
  return lastFrame()!.split('\n')[0]!;
}

describe('the status bar at 80 columns', () => {
  const open: ConnectionState = { status: 'open', transport: 'ws', since: 0 };

  it('puts the network after the transport, leaving the latency whole', () => {
    expect(firstLine(open, makeStats({ transport: 'ws', echoLatency: latency }), after({ kind: 'delay', ms: 100, jitterMs: 0 }))).toMatch(/^● open {2}ws {2}net delay 100 ms {2}latency 212 · 215 · 230 ms [▁-█]{3}$/);
    expect(firstLine(open, makeStats({ transport: 'ws', quietMs: 4200, echoLatency: latency }), after({ kind: 'blackhole', on: true }))).toMatch(
      /^● open · quiet 4\.2 s {2}ws {2}net blackhole {2}latency 212 · 215 · 230 ms [▁-█]{3}$/,
    );
  });

  it('shortens delay and rate together when the line is crowded', () => {
    const line = firstLine(open, makeStats({ transport: 'ws', quietMs: 4200, echoLatency: latency }), after({ kind: 'delay', ms: 100, jitterMs: 20 }, { kind: 'rate', bitsPerSecond: 56_000 }));
    // The bars give way at the end of the line, the latency stays whole.
    expect(line.startsWith('● open · quiet 4.2 s  ws  net 100±20 ms · 56 kbit/s  latency 212 · 215 · 230 ms')).toBe(true);
    expect(line.length).toBeLessThanOrEqual(80);
  });

  it('keeps the network in sight while reconnecting, the latency shortening its label to stay whole', () => {
    const state: ConnectionState = { status: 'reconnecting', attempt: 3, delayMs: 4000, retryAt: 2400, reason: 'reset' };
    const line = firstLine(state, makeStats({ transport: 'ws', echoLatency: latency }), after({ kind: 'down', ms: 10_000 }));
    expect(line).toMatch(/^● reconnecting in 2\.4 s, attempt 3 {2}ws {2}net down 10 s {2}lat 212 · 215 · 230 ms$/);
    expect(line.length).toBeLessThanOrEqual(80);
  });
});

describe('the network in the chat', () => {
  it('shows the condition the lever is in, nothing while clean, and follows each change', async () => {
    const lever = new FakeLever();
    const app = await renderApp({}, { columns: 80, rows: 20 }, { net: lever });
    openClient(app.client());
    const bar = (): string => app.lastFrame()!.split('\n').at(-2)!;
    await app.frame(() => bar().startsWith('● open  ws  latency'));
    lever.apply({ kind: 'delay', ms: 100, jitterMs: 0 });
    await app.frame(() => bar().startsWith('● open  ws  net delay 100 ms  latency'));
    lever.apply({ kind: 'rate', bitsPerSecond: 56_000 });
    await app.frame(() => bar().includes('  net delay 100 ms · rate 56 kbit/s  '));
    lever.apply({ kind: 'blackhole', on: true });
    await app.frame(() => bar().includes('  ws  net blackhole  '));
    lever.apply({ kind: 'heal' });
    await app.frame(() => bar().startsWith('● open  ws  latency'));
  });

  it('counts a down network down with the status samples, and drops it when it comes back by itself', async () => {
    const lever = new FakeLever();
    const app = await renderApp({}, { columns: 80, rows: 20 }, { net: lever });
    const client = app.client();
    openClient(client);
    lever.apply({ kind: 'down', ms: 10_000 });
    await app.frame((f) => f.includes('net down 10 s'));
    lever.time += 3000;
    client.clock.advance(250);
    await app.frame((f) => f.includes('net down 7 s'));
    lever.set(CLEAN);
    await app.frame((f) => !f.includes('net down'));
  });

  it('takes /net from the input: the change reaches the lever, its line the chat, its word the status bar', async () => {
    const lever = new FakeLever();
    const app = await renderApp({}, { columns: 100, rows: 20 }, { net: lever });
    openClient(app.client());
    await app.type('/net blackhole', keys.enter);
    const frame = await app.frame((f) => f.includes('● open  ws  net blackhole'));
    expect(frame).toContain('net blackhole\n');
    expect(lever.applied).toEqual([{ kind: 'blackhole', on: true }]);
    await app.type('/net rate fast', keys.enter);
    await app.frame((f) => f.includes('/net: "rate fast" is not a rate of 1kbit to 10gbit a second'));
    expect(lever.applied).toHaveLength(1);
    await app.type('/net heal', keys.enter);
    await app.frame((f) => f.includes('net clean') && f.includes('● open  ws  latency'));
    expect(app.client().sent).toHaveLength(0);
  });

  it('says why /net does nothing in a chat without a relay, and shows no network', async () => {
    const app = await renderApp({}, undefined, { net: unavailableLever('this chat connects to the server directly (--net off), so there is no relay to change') });
    openClient(app.client());
    await app.type('/net delay 100', keys.enter);
    const frame = await app.frame((f) => f.includes('/net is unavailable: this chat connects to the server directly (--net off)'));
    expect(frame).not.toContain('net delay');
  });

  it('stops listening to the lever when the chat ends', async () => {
    const lever = new FakeLever();
    const app = await renderApp({}, undefined, { net: lever });
    expect(lever.listeners).toBe(1);
    app.unmount();
    expect(lever.listeners).toBe(0);
  });
});
