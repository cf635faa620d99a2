import type { ServerKind, Usage } from '../processes/server-host-protocol.js';
import { ServerProcess } from '../processes/server-process.js';

/**
 * The servers of one run, measured as one: a single server, or several termchat instances sharing
 * one Redis. Usage is summed over them (CPU is the cost of the whole service; RSS and peak RSS
 * the memory it holds, each peak being its own process's).
 */
export class ServerGroup {
  readonly #servers: readonly ServerProcess[];

  private constructor(servers: readonly ServerProcess[]) {
    this.#servers = servers;
  }

  /** Starts `count` servers side by side; if one fails, the others are stopped before the error is thrown. */
  static async start(kind: ServerKind, count: number, redis?: string): Promise<ServerGroup> {
    const started = await Promise.allSettled(Array.from({ length: count }, () => ServerProcess.start(kind, redis)));
    const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed !== undefined) {
      await Promise.all(servers.map((server) => server.stop()));
      throw failed.reason;
    }
    return new ServerGroup(servers);
  }

  /** Each server's URL, in start order. */
  get urls(): readonly string[] {
    return this.#servers.map((server) => server.url);
  }

  async usage(gc = false): Promise<Usage> {
    const each = await Promise.all(this.#servers.map((server) => server.usage(gc)));
    return each.reduce((sum, u) => ({
      cpuMs: sum.cpuMs + u.cpuMs,
      rssBytes: sum.rssBytes + u.rssBytes,
      heapUsedBytes: sum.heapUsedBytes + u.heapUsedBytes,
      peakRssBytes: sum.peakRssBytes + u.peakRssBytes,
    }));
  }

  stop(): Promise<void> {
    return Promise.all(this.#servers.map((server) => server.stop())).then(() => undefined);
  }
}
