import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach } from 'vitest';

const proxies = new Set<BlackholeProxy>();

afterEach(async () => {
  await Promise.all([...proxies].map((proxy) => proxy.close()));
  proxies.clear();
});

/**
 * A TCP proxy on loopback in front of a server, for tests of dead links: `blackhole()` stops
 * forwarding both ways while every socket stays open, as a pulled cable does; connections keep
 * being accepted and forward nothing. `heal()` lets through what was held, in order, as TCP's
 * retransmissions would after the cable is back. Closed after the test.
 */
export class BlackholeProxy {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #holed = false;

  private constructor(
    server: Server,
    readonly url: string,
  ) {
    this.#server = server;
  }

  /** Listens on a free port and forwards every connection to `target` (http://host:port). */
  static async start(target: string): Promise<BlackholeProxy> {
    const { hostname, port } = new URL(target);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
    const proxy = new BlackholeProxy(server, `http://127.0.0.1:${address.port}`);
    server.on('connection', (client) => proxy.#relay(client, connect(Number(port), hostname)));
    proxies.add(proxy);
    return proxy;
  }

  /** Nothing passes either way from now on, on the connections open and those still to come. */
  blackhole(): void {
    this.#holed = true;
    for (const socket of this.#sockets) socket.pause();
  }

  /** Everything passes again, what was held first. */
  heal(): void {
    this.#holed = false;
    for (const socket of this.#sockets) socket.resume();
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #relay(client: Socket, upstream: Socket): void {
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.#sockets.add(from);
      if (this.#holed) from.pause();
      // A paused socket reads nothing more: what its peer sends waits in the kernel, unforwarded.
      from.on('data', (chunk: Buffer) => to.write(chunk));
      from.on('end', () => to.end());
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.#sockets.delete(from);
        to.destroy();
      });
    }
  }
}
