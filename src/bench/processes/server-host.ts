/**
 * Entry of the benchmark's server process: starts termchat (or the baseline) on a free port and
 * answers usage requests over IPC, so that the server's CPU and memory are measured on their own,
 * apart from the clients'. Run with --expose-gc so a usage request can collect garbage first.
 * Arguments: the server kind, then for termchat an optional redis:// URL to keep the history in
 * (one of several instances sharing it) instead of memory.
 */
import type { HostReply, HostRequest, ServerKind } from './server-host-protocol.js';

async function main(): Promise<void> {
  const kind = process.argv[2] as ServerKind;
  const redis = process.argv[3];
  const send = (reply: HostReply): void => void process.send?.(reply);
  // The parent owns this process: Ctrl+C reaches the whole process group, and the parent stops us in order.
  process.on('SIGINT', () => {});
  // An orphan must not outlive the bench: when the parent goes, the IPC channel goes.
  process.on('disconnect', () => process.exit(0));
  // Each kind loads only its own code, so the baseline's memory is not termchat's modules.
  const server =
    kind === 'baseline'
      ? await (await import('./baseline-server.js')).startBaselineServer(0)
      : // Send limits, the names-per-address bound and the connection cap are off: the bench's
        // clients all come from one address, send faster than people do, and may be many, on purpose.
        // History is kept whole, as a room's every delivery is checked against what was sent.
        await (await import('../../server/server.js')).startServer({
          port: 0,
          host: '127.0.0.1',
          memory: true,
          ...(redis === undefined ? {} : { redis }),
          rate: undefined,
          addressRate: undefined,
          namesPerAddress: 0,
          maxConnections: 0,
          history: 0,
          statsIntervalSeconds: 0,
          log: () => {},
        });
  process.on('message', (request: HostRequest) => {
    if (request.type === 'usage') {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (request.gc === true && gc !== undefined) gc();
      const cpu = process.cpuUsage();
      const memory = process.memoryUsage();
      send({
        type: 'usage',
        cpuMs: (cpu.user + cpu.system) / 1000,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        // maxRSS is in kilobytes.
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      });
    } else if (request.type === 'stop') {
      void server.close().then(() => process.exit(0));
    }
  });
  send({ type: 'ready', port: server.port });
}

main().catch((error: unknown) => {
  console.error(`bench server: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
