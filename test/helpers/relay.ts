import { connect } from 'node:net';
import { afterEach } from 'vitest';
import { startRelay, type Relay, type RelayOptions } from '../../src/relay/relay.js';

const running = new Set<Relay>();

afterEach(async () => {
  await Promise.all([...running].map((relay) => relay.close()));
  running.clear();
});

/** A fault relay in front of `to`, closed after the test (every socket, timer and its port). */
export async function startTestRelay(to: string, options: Omit<RelayOptions, 'to'> = {}): Promise<Relay> {
  const relay = await startRelay({ to, ...options });
  running.add(relay);
  return relay;
}

/** Opens a TCP connection to a loopback port and closes it: resolves if it was accepted, rejects with the connect's error (ECONNREFUSED…). */
export function tryConnect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}
