import { describe, expect, it } from 'vitest';
import { http } from '../helpers/http.js';
import { maskedTextFrame, neverReading, upgradeRequest } from '../helpers/never-reading.js';
import { NO_SEND_LIMITS, startTestServer } from '../helpers/server.js';
import { TestClient, wsUrl } from '../helpers/ws.js';

/*
 * The bound on what a WebSocket or SSE reader has not read counts every frame the server queues
 * for it, not only chat messages: a client that never reads is closed once the error frames it
 * provokes, or the presence and typing news of others, pass the bound, and the server never holds
 * much more than the bound for it.
 */

const leftRoom = (observer: TestClient, user: string): boolean => observer.of('presence').some((f) => f.user === user && f.event === 'leave');

/** A server with the bound `maxBufferedBytes`, a reader that keeps up (the observer), and one over `transport` that never reads. */
async function roomWithAReaderThatNeverReads(maxBufferedBytes: number, transport: 'ws' | 'sse') {
  // Floods of names and typists from one address: the per-address bounds would stop them short of the byte bound.
  const server = await startTestServer({ ...NO_SEND_LIMITS, namesPerAddress: 0, maxBufferedBytes, maxText: 8000, heartbeatSeconds: 60 });
  const observer = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'observer' }));
  const request = transport === 'ws' ? upgradeRequest('room=lobby&user=victim') : 'GET /events?room=lobby&user=victim HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n';
  const victim = await neverReading(server.port, request);
  await observer.waitForType('presence', (f) => f.user === 'victim' && f.event === 'join');
  return { server, observer, victim };
}

describe('a WebSocket that never reads and sends frames the server refuses', () => {
  it('is closed once the error frames it provokes pass the bound', async () => {
    const limit = 256 * 1024;
    const { observer, victim } = await roomWithAReaderThatNeverReads(limit, 'ws');
    // Each one answered with an unknown_frame error that quotes its 60 kB type.
    const frame = maskedTextFrame(JSON.stringify({ type: 'x'.repeat(60_000) }));
    let sent = 0;
    while (!leftRoom(observer, 'victim')) {
      if (sent >= 400) throw new Error(`still connected after ${sent} frames of 60 kB; the server holds ${victim.server.unread()} bytes for it`);
      await victim.send(frame);
      sent++;
    }
    // Past the bound by at most the frame that found it full.
    expect(victim.server.peakUnread()).toBeLessThanOrEqual(limit + 64 * 1024);
    await observer.roundTrip();
  });
});

describe.each(['ws', 'sse'] as const)('a %s reader that never reads', (transport) => {
  it.each(['typing', 'presence'] as const)('is closed once a flood of %s news passes the bound', async (kind) => {
    const limit = 16 * 1024;
    const { server, observer, victim } = await roomWithAReaderThatNeverReads(limit, transport);

    // Messages of 4 kB fill its kernel buffers until the server holds part of one: whatever the
    // server holds for it beyond that is the news.
    const filler = await TestClient.join(wsUrl(server.url, { room: 'lobby', user: 'filler' }));
    let lastId = 0;
    while (victim.server.unread() === 0) {
      if (lastId >= 5000) throw new Error('the kernel took 20 MB for a reader that never reads');
      const written = victim.server.nextWrite();
      filler.send({ type: 'send', text: 'f'.repeat(4000), clientId: `f${++lastId}` });
      await written;
    }
    expect(leftRoom(observer, 'victim')).toBe(false);

    // Each from a new name of 32 four-byte characters: a typing signal, or a poller's join.
    let sent = 0;
    while (!leftRoom(observer, 'victim')) {
      if (sent >= 400) throw new Error(`still connected after ${sent} ${kind} events; the server holds ${victim.server.unread()} bytes for it`);
      const user = `${String(++sent).padStart(4, '0')}${'𝕏'.repeat(28)}`;
      const answer =
        kind === 'typing'
          ? await http(`${server.url}/typing?room=lobby`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user }) })
          : await http(`${server.url}/messages?room=lobby&since=${lastId}&user=${encodeURIComponent(user)}`);
      expect(answer.status).toBeLessThan(300);
    }
    expect(victim.server.peakUnread()).toBeLessThanOrEqual(limit + 1024);
    await observer.roundTrip();
  });
});
