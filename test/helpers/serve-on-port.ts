import { createServer, type AddressInfo } from 'node:net';
import { spawnServe, type ServeProcess } from './cli.js';

/** A `termchat serve` on a port of the test's choosing. */
export type PortServe = ServeProcess;

/**
 * A free TCP port below the ephemeral range (32768+ on Linux). Ports handed out by the kernel
 * for port 0 are ephemeral ones, and a client reconnecting to a dead ephemeral port can, rarely,
 * be given that very port as its source and connect to itself — holding the port the restarted
 * server needs. Below the range that cannot happen.
 */
export async function freeLowPort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port found in 20000-32000');
}

/** A loopback port that nothing listens on: one the system hands out for port 0, let go at once. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Runs `termchat serve --port PORT …` and resolves once it listens; for restarting a server where clients expect it. */
export function spawnServeOnPort(port: number, args: readonly string[], timeoutMs = 15_000): Promise<PortServe> {
  return spawnServe(args, timeoutMs, port);
}
