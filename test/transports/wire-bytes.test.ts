import { describe, expect, it } from 'vitest';
import { connected } from '../helpers/chat-clients.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

/** RFC 6455 frame header: 2 bytes, +2 for 126-65535 bytes of payload, +8 beyond; clients add a 4-byte mask. */
const frameBytes = (payload: string, fromClient: boolean): number => {
  const n = Buffer.byteLength(payload);
  return (n < 126 ? 2 : n < 65536 ? 4 : 10) + (fromClient ? 4 : 0) + n;
};

describe('bytes on the wire are measured from the sockets', () => {
  it('ws: a send costs its frame header and mask, its echo and ack their frame headers, to the byte', async () => {
    const server = await startTestServer();
    const { client, log } = await connected({ server: server.url, room: 'lobby', user: 'alice', transport: 'ws', pingIntervalMs: 60_000 });
    const before = client.stats();
    // The upgrade: a request and a 101 answer of a few hundred bytes, no more.
    expect(before.bytesSent).toBeGreaterThan(150);
    expect(before.bytesSent).toBeLessThan(400);

    const entry = client.send('é'.repeat(100)); // 200 bytes of UTF-8: a 4-byte header
    await waitFor(() => log.acks.length === 1 && log.messages.length === 1, 5000, 'ack and echo');
    const after = client.stats();
    const sendFrame = JSON.stringify({ type: 'send', text: entry.text, clientId: entry.clientId, sentAt: entry.sentAt });
    const messageFrame = JSON.stringify({ type: 'message', message: log.messages[0] });
    const ackFrame = JSON.stringify({ type: 'ack', clientId: entry.clientId, id: 1 });
    expect(after.bytesSent - before.bytesSent).toBe(frameBytes(sendFrame, true));
    expect(after.bytesReceived - before.bytesReceived).toBe(frameBytes(messageFrame, false) + frameBytes(ackFrame, false));
  });

  it('http: every poll pays for its request line, headers and status line on top of the body', async () => {
    const server = await startTestServer();
    // Without read receipts, whose positions the poller would ask for after the presence.
    const { client } = await connected({ server: server.url, room: 'lobby', user: 'alice', transport: 'poll', interval: 60_000, presenceIntervalMs: 60_000, receipts: false });
    // Both answered: the first poll and the presence fetch that follows it.
    await waitFor(() => client.stats().requests === 2 && client.stats().polls === 1 && client.online.length === 1, 5000, 'the first poll and presence fetch');
    const stats = client.stats();
    const request = `GET /messages?room=lobby&user=alice&since=0 HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\n\r\n`;
    expect(stats.bytesSent).toBeGreaterThan(2 * request.length - 20);
    // Two JSON bodies of a few dozen bytes each, under a status line and five headers each.
    expect(stats.bytesReceived).toBeGreaterThan(2 * 'HTTP/1.1 200 OK\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: 40\r\ncache-control: no-store\r\n\r\n'.length);
    expect(stats.tcpConnections).toBe(2);
  });
});
