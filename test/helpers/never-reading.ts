import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach } from 'vitest';
import { WS_SUBPROTOCOL } from '../../src/protocol/index.js';
import { waitFor } from './wait.js';

const peers = new Set<Socket>();
/** Every TCP connection a server in this process accepted, by the client's port. */
const accepted = new Map<number, Socket>();
const onAccepted = (message: unknown): void => {
  const { socket } = message as { socket: Socket };
  if (socket.remotePort !== undefined) accepted.set(socket.remotePort, socket);
};
subscribe('net.server.socket', onAccepted);

afterEach(() => {
  for (const socket of peers) socket.destroy();
  peers.clear();
  accepted.clear();
});
afterAll(() => unsubscribe('net.server.socket', onAccepted));

/** The server's end of a connection, as the server writes to it: what it holds unread, at most and now. */
export interface ServerEnd {
  /** The most the server ever held for the peer, unread (its socket's writableLength after each write). */
  readonly peakUnread: () => number;
  readonly unread: () => number;
  /** Resolves at the server's next write to the peer. */
  nextWrite(timeoutMs?: number): Promise<void>;
}

/** A client that sends what it is told and never reads a byte: its kernel buffers fill, then the server's. */
export interface NeverReading {
  /** Sends raw bytes, resolving once they are handed to the kernel, or the connection is gone. */
  send(bytes: Uint8Array): Promise<void>;
  readonly server: ServerEnd;
}

/**
 * Opens a TCP connection to `port` on loopback, sends `request` (an HTTP request or a WebSocket
 * upgrade) and never reads. Watches the server's end of it (a server in this process) to know what
 * the server holds for it. Destroyed after the test.
 */
export async function neverReading(port: number, request: string): Promise<NeverReading> {
  const socket = connect(port, '127.0.0.1');
  peers.add(socket);
  socket.on('error', () => {
    // The server cutting it off is what the tests wait for.
  });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.pause();
  const end = await waitFor(() => accepted.get(socket.localPort!), 5000, 'the server to accept the connection');
  let peak = 0;
  let waiters: (() => void)[] = [];
  const write = end.write.bind(end) as (...args: unknown[]) => boolean;
  end.write = ((...args: unknown[]) => {
    const taken = write(...args);
    peak = Math.max(peak, end.writableLength);
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
    return taken;
  }) as typeof end.write;
  const send = (bytes: Uint8Array): Promise<void> =>
    new Promise((resolve) => {
      if (socket.destroyed || socket.write(bytes)) return resolve();
      const done = (): void => {
        socket.off('drain', done).off('close', done);
        resolve();
      };
      socket.on('drain', done).on('close', done);
    });
  await send(Buffer.from(request));
  return {
    send,
    server: {
      peakUnread: () => peak,
      unread: () => end.writableLength,
      nextWrite: (timeoutMs = 5000) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the server wrote nothing within ${timeoutMs} ms`)), timeoutMs);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        }),
    },
  };
}

/** The upgrade request of a WebSocket to `/ws?query`. */
export function upgradeRequest(query: string): string {
  const key = randomBytes(16).toString('base64');
  return `GET /ws?${query} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${WS_SUBPROTOCOL}\r\n\r\n`;
}

/** A client's WebSocket text frame (RFC 6455 §5.2: final, masked) carrying `text`. */
export function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x81, 0x80 | length]) : length < 65_536 ? Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]) : undefined;
  if (header === undefined) throw new Error('frames over 64 KiB are not needed here');
  const mask = randomBytes(4);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}
