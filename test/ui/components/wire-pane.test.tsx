import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../../../src/transports/wire-events.js';
import { openClient, renderApp } from '../app-harness.js';
import { keys } from '../ink-helpers.js';
import type { FakeChatClient } from '../fake-client.js';
import { WIRE_REFRESH_MS } from '../../../src/ui/hooks/use-wire-pane.js';

const CTRL_O = '\u000f';

const base = { transport: 'poll', dir: 'out', payload: 0 } as const;
const at = (ms: number): number => new Date(2025, 0, 1, 12, 0, 0).getTime() + ms;
const event = (patch: Partial<WireEvent> & Pick<WireEvent, 'kind'>, ms: number, conn = 3): WireEvent =>
  ({ ...base, at: at(ms), conn, bytes: 0, overhead: 0, ...patch }) as WireEvent;

/** A poll's life on the wire: connect, GET, a page of one message, close. */
const poll: readonly WireEvent[] = [
  event({ kind: 'connect', ms: 0.4 }, 0),
  event({ kind: 'request', method: 'GET', what: 'poll', bytes: 98, overhead: 98 }, 1),
  event({ kind: 'response', dir: 'in', what: 'poll', status: 200, ms: 3.2, messages: 1, bytes: 402, payload: 5, overhead: 397 }, 4),
  event({ kind: 'close', dir: 'none' }, 5),
];

/** Events as the client tells them; the pane draws them at its next refresh. */
function tell(client: FakeChatClient, ...events: WireEvent[]): void {
  for (const one of events) client.emitWire(one);
  client.clock.advance(WIRE_REFRESH_MS);
}

describe('the wire pane', () => {
  it('opens with Ctrl+O, lists events newest at the bottom with their bytes, and listens only while open', async () => {
    const app = await renderApp({ transport: 'poll' }, { columns: 100, rows: 24 });
    const client = app.client();
    openClient(client, 'poll');
    expect(client.wireListeners.size).toBe(0);
    await app.type(CTRL_O);
    await app.frame((frame) => frame.includes('wire · poll · 0 events'));
    expect(client.wireListeners.size).toBe(1);
    tell(client, ...poll);
    const frame = await app.frame((f) => f.includes('4 events'));
    const lines = frame.split('\n');
    const rows = ['TCP connect', 'GET poll', '200 poll: 1 message', 'TCP close'].map((what) => lines.findIndex((line) => line.includes(what)));
    expect(rows.every((row) => row > 0)).toBe(true);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    const answer = lines[rows[2]!]!;
    expect(answer).toMatch(/← #3\s+200 poll: 1 message\s+5 B\s+397 B\s+200\s+3\.2 ms/);
    expect(lines[rows[1]!]).toMatch(/→ #3\s+GET poll\s+0 B\s+98 B/);
    expect(frame).toContain('500 B, 5 B of it message text');
    expect(frame).toContain('payload overhead status');

    await app.type(CTRL_O);
    await app.frame((f) => !f.includes('wire · poll'));
    expect(client.wireListeners.size).toBe(0);
    app.unmount();
  });

  it('opens and closes with /wire too, starting empty each time', async () => {
    const app = await renderApp({ transport: 'poll' }, { columns: 100, rows: 24 });
    const client = app.client();
    openClient(client, 'poll');
    await app.type('/wire', keys.enter);
    await app.frame((frame) => frame.includes('wire · poll · 0 events'));
    tell(client, poll[0]!);
    await app.frame((frame) => frame.includes('wire · poll · 1 events'));
    await app.type('/wire', keys.enter);
    await app.frame((frame) => !frame.includes('wire · poll'));
    await app.type('/wire', keys.enter);
    await app.frame((frame) => frame.includes('wire · poll · 0 events'));
    app.unmount();
  });

  it('follows live, scrolls back a page with PgUp and returns with End', async () => {
    const app = await renderApp({ transport: 'poll' }, { columns: 100, rows: 24 });
    const client = app.client();
    openClient(client, 'poll');
    await app.type(CTRL_O);
    tell(client, ...Array.from({ length: 40 }, (_, i) => event({ kind: 'connect', ms: i + 1 }, i + 1, i + 1)));
    let frame = await app.frame((f) => f.includes('40 events'));
    expect(frame).toContain('#40');
    expect(frame).not.toContain('#20 ');
    await app.type(keys.pageUp);
    frame = await app.frame((f) => f.includes('scrolled'));
    expect(frame).not.toContain('#40');
    // New events do not move a scrolled pane.
    tell(client, event({ kind: 'connect', ms: 41 }, 41, 41));
    frame = await app.frame((f) => f.includes('41 events'));
    expect(frame).not.toContain('#41');
    await app.type(keys.end);
    frame = await app.frame((f) => f.includes('#41'));
    expect(frame).toContain('live');
    app.unmount();
  });

  it('abbreviates to time, bytes and time taken on a narrow terminal', async () => {
    const app = await renderApp({ transport: 'poll' }, { columns: 60, rows: 24 });
    const client = app.client();
    openClient(client, 'poll');
    await app.type(CTRL_O);
    tell(client, poll[2]!);
    const frame = await app.frame((f) => f.includes('1 events'));
    const line = frame.split('\n').find((l) => l.includes('200 poll'))!;
    expect(line).toMatch(/^00\.004 ← #3\s+200 poll: 1 message\s+402 B\s+3\.2 ms\s*$/);
    expect(line.length).toBeLessThanOrEqual(60);
    app.unmount();
  });
});
