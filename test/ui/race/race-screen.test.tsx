import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../../../src/transports/wire-events.js';
import { WIRE_REFRESH_MS } from '../../../src/ui/hooks/use-wire-pane.js';
import { RACE_LANES, type RaceLane } from '../../../src/ui/race/lanes.js';
import { resize } from '../app-harness.js';
import { makeMessage } from '../fake-client.js';
import { keys, tick } from '../ink-helpers.js';
import { RACE_AFTER_KEY_MS, RACE_FRAME_MS, RACE_TYPING_HOLD_MS, RACE_TYPING_STALE_MS } from '../../../src/ui/hooks/use-race-view.js';
import { renderRace } from './race-harness.js';

const CTRL_O = '\u000f';
const TAB = '\t';
const SHIFT_TAB = '\u001b[Z';

const lineWith = (frame: string, text: string): string => frame.split('\n').find((line) => line.includes(text)) ?? '';

describe('termchat race on screen', () => {
  it('puts the five lanes side by side at 100 columns and more, each with its state and figures', async () => {
    for (const columns of [140, 100]) {
      const race = await renderRace({ columns, rows: 30 });
      const frame = await race.frame((f) => f.includes('poll-keepalive'));
      const names = lineWith(frame, 'longpoll');
      // The first lane has the focus, marked without colour too.
      expect(names.trim().split(/\s+/)).toEqual(['▸', 'ws', 'sse', 'longpoll', 'poll', 'poll-keepalive']);
      expect(lineWith(frame, '● open').match(/● open/g)).toHaveLength(5);
      expect(lineWith(frame, 'req/s').match(/req\/s/g)).toHaveLength(5);
      expect(lineWith(frame, 'recv').match(/recv 0\/0/g)).toHaveLength(5);
      expect(frame).toContain('tcp 9');
      expect(frame.split('\n').every((line) => line.length <= columns)).toBe(true);
      race.unmount();
    }
  });

  it('stacks the lanes in rows when narrower, one line of figures each, cut to the width', async () => {
    for (const columns of [99, 80, 60]) {
      const race = await renderRace({ columns, rows: 30 });
      const frame = await race.frame((f) => f.includes('poll-keepalive'));
      const lines = frame.split('\n');
      for (const lane of RACE_LANES) expect(lines.some((line) => line.startsWith(`${(lane === 'ws' ? '▸ ws' : lane).padEnd(14)} ● open`)), `${lane} at ${columns}:\n${frame}`).toBe(true);
      expect(lines.every((line) => line.length <= columns)).toBe(true);
      // The count comes first after the state, so that even a narrow row shows it.
      expect(lineWith(frame, 'poll-keepalive ')).toContain('recv 0/0');
      race.unmount();
    }
  });

  it('resizes cleanly from side by side to rows and back', async () => {
    const race = await renderRace({ columns: 120, rows: 30 });
    await race.frame((f) => lineWith(f, 'longpoll').trim().startsWith('▸ ws'));
    resize(race.stdout, { columns: 70, rows: 24 });
    let frame = await race.frame((f) => f.includes('longpoll       ● open'));
    expect(frame.split('\n').every((line) => line.length <= 70)).toBe(true);
    resize(race.stdout, { columns: 120, rows: 30 });
    frame = await race.frame((f) => lineWith(f, 'longpoll').trim().startsWith('▸ ws'));
    expect(frame).not.toContain('longpoll       ● open');
    race.unmount();
  });

  it('sends a typed line once and the scoreboard ranks where it landed, with each lane its delay and its cost per message', async () => {
    const race = await renderRace({ columns: 120, rows: 30 });
    await race.type('hello racers', keys.enter);
    // Sent once the key's frame is drawn.
    expect(race.sender.sent).toEqual([]);
    race.clock.advance(0);
    expect(race.sender.sent.map((entry) => entry.text)).toEqual(['hello racers']);
    const entry = race.sender.sent[0]!;
    const message = makeMessage({ id: 7, user: 'race', text: 'hello racers', clientId: entry.clientId, sentAt: race.clock.now() });
    const land = (lane: RaceLane, afterMs: number): void => {
      race.clock.advance(afterMs);
      const { client } = race.lanes.find((one) => one.lane === lane)!;
      client.currentStats = { ...client.currentStats, messagesReceived: 1, bytesSent: 100, bytesReceived: 300, requests: lane.startsWith('poll') ? 8 : 1 };
      client.emit('message', message);
    };
    land('ws', 1.1);
    land('sse', 0.7);
    land('longpoll', 1.2);
    land('poll-keepalive', 37.9);
    land('poll', 36);
    await race.nextFrame();
    const frame = await race.frame((f) => f.includes('"hello racers": ws 1.1 ms · sse 1.8 · longpoll 3.0 · poll-keepalive 41 · poll 77'));
    expect(frame).toContain('per message: ws 400 B 1.0 req · sse 400 B 1.0 req · longpoll 400 B 1.0 req · poll 400 B 8.0 req');
    // Each column lists the message with how long it took to reach it.
    // Cut at the column's edge, as a terminal cuts a line.
    expect(lineWith(frame, 'hello')).toMatch(/^1\.1 ms race hello racer +1\.8 ms race hello racer +3\.0 ms race hello racer +77 ms race hello racers +41 ms race hello racers$/);
    race.unmount();
  });

  it('draws a key\'s echo alone, and what reached the lanes meanwhile just after it, between keys', async () => {
    // At the test terminal's own width: a resize would draw the lanes at once, whenever it is taken in.
    const race = await renderRace({ columns: 100, rows: 30 });
    const { client } = race.lanes[0]!;
    client.emit('message', makeMessage({ id: 1, user: 'bot-ws-1', text: 'k1', sentAt: race.clock.now() }));
    // A key comes before the lanes' frame: its own frame shows the key, not the message.
    await race.type('x');
    await race.frame((f) => f.includes('race › x'));
    expect(race.lastFrame()).not.toContain('bot-ws-1 k1');
    race.clock.advance(RACE_AFTER_KEY_MS - 1);
    await tick(20);
    expect(race.lastFrame()).not.toContain('bot-ws-1 k1');
    race.clock.advance(1);
    await race.frame((f) => f.includes('bot-ws-1 k1') && f.includes('race › x'));
    // What comes after that frame waits for the next key's gap, or for the hold to pass.
    race.clock.advance(10);
    client.emit('message', makeMessage({ id: 2, user: 'bot-ws-1', text: 'k2', sentAt: race.clock.now() }));
    race.clock.advance(RACE_TYPING_HOLD_MS - RACE_AFTER_KEY_MS - 11);
    await tick(20);
    expect(race.lastFrame()).not.toContain('bot-ws-1 k2');
    race.clock.advance(1);
    await race.frame((f) => f.includes('bot-ws-1 k2'));
    // Keys faster than the gap (a paste) hold the lanes back no longer than RACE_TYPING_STALE_MS.
    race.clock.advance(RACE_FRAME_MS);
    client.emit('message', makeMessage({ id: 3, user: 'bot-ws-1', text: 'k3', sentAt: race.clock.now() }));
    const keys = RACE_TYPING_STALE_MS / (RACE_AFTER_KEY_MS / 2);
    for (let i = 0; i < keys; i++) {
      if (i > 0) race.clock.advance(RACE_AFTER_KEY_MS / 2);
      await race.type('y');
    }
    await race.frame((f) => f.includes(`race › x${'y'.repeat(keys)}`));
    expect(race.lastFrame()).not.toContain('bot-ws-1 k3');
    race.clock.advance(RACE_AFTER_KEY_MS / 2);
    await race.frame((f) => f.includes('bot-ws-1 k3'));
    race.unmount();
  });

  it('opens the focused lane\'s wire pane, Tab moving the focus, and listens to that lane alone', async () => {
    const race = await renderRace({ columns: 120, rows: 36 });
    const [ws, sse] = race.lanes.map((lane) => lane.client);
    await race.type(TAB);
    await race.type(CTRL_O);
    await race.frame((f) => f.includes('wire · sse · 0 events'));
    expect(sse!.wireListeners.size).toBe(1);
    expect(ws!.wireListeners.size).toBe(0);
    sse!.emitWire({ kind: 'frame', opcode: 'text', type: 'message', at: race.clock.now(), transport: 'sse', conn: 1, dir: 'in', bytes: 191, payload: 5, overhead: 186 } as unknown as WireEvent);
    sse!.emitWire({ kind: 'sse', events: ['message'], messages: 1, at: race.clock.now(), transport: 'sse', conn: 1, dir: 'in', bytes: 191, payload: 5, overhead: 186 });
    race.clock.advance(WIRE_REFRESH_MS);
    await race.frame((f) => f.includes('sse message') && f.includes('2 events'));
    // The focus moves on: the pane follows it, from empty.
    await race.type(TAB);
    await race.frame((f) => f.includes('wire · longpoll · 0 events'));
    expect(sse!.wireListeners.size).toBe(0);
    // Shift+Tab goes back, to a pane that starts empty again; from the first column, to the last.
    await race.type(SHIFT_TAB);
    await race.frame((f) => f.includes('wire · sse · 0 events') && /▸ sse/.test(f));
    await race.type(SHIFT_TAB);
    await race.frame((f) => f.includes('wire · ws · ') && /▸ ws/.test(f));
    await race.type(SHIFT_TAB);
    await race.frame((f) => f.includes('wire · poll-keepalive · 0 events'));
    await race.type(CTRL_O);
    await race.frame((f) => !f.includes('wire · '));
    expect(race.lanes.every(({ client }) => client.wireListeners.size === 0)).toBe(true);
    race.unmount();
  });

  it('runs /bots, /server and /help through its levers, and refuses what it does not take', async () => {
    const race = await renderRace({ columns: 120, rows: 30 });
    await race.type('/bots 20', keys.enter);
    await race.frame((f) => f.includes('20 bots chatting') && f.includes('· 20 bots ·'));
    await race.type('/server stop', keys.enter);
    await race.frame((f) => f.includes('server stopped: watch each column reconnect'));
    await race.type('/bots 51', keys.enter);
    await race.frame((f) => f.includes('/bots takes a number from 0 to 50; got "51"'));
    await race.type('/net pigeons', keys.enter);
    await race.frame((f) => f.includes('/net: "pigeons" is not'));
    await race.type('/net delay 100 20', keys.enter);
    const frame = await race.frame((f) => f.includes('net delay 100 ms ±20') && f.split('\n')[0]!.includes('net delay 100 ms ±20'));
    expect(race.net.applied).toEqual([{ kind: 'delay', ms: 100, jitterMs: 20 }]);
    expect(frame).toContain('race ›');
    await race.type('/net', keys.enter);
    await race.frame((f) => f.includes('net delay 100 ms ±20 on every column; /net heal makes it clean'));
    await race.type('/help', keys.enter);
    await race.frame((f) => f.includes('/bots N  background chatter'));
    await race.type('/quit', keys.enter);
    expect(race.asked).toEqual(['bots 20', 'stop', 'quit']);
    race.unmount();
  });
});
