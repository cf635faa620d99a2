/** Entry of a load generator process for `bench --scale` and `--idle`: a LoadFleet driven over IPC. */
import { LoadFleet } from './load-fleet.js';
import type { LoadReply, LoadRequest } from './load-protocol.js';

const PROGRESS_MS = 250;

const send = (reply: LoadReply): void => void process.send?.(reply);
let fleet: LoadFleet | undefined;
let progressTimer: NodeJS.Timeout | undefined;

// The parent owns this process: it stops us in order on Ctrl+C, and when it goes, so do we.
process.on('SIGINT', () => {});
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (error) => {
  send({ type: 'error', message: error.stack ?? String(error) });
  process.exit(1);
});

process.on('message', (request: LoadRequest) => {
  switch (request.type) {
    case 'connect': {
      const current = new LoadFleet(request.config);
      fleet = current;
      current.connect().then(
        (connectMs) => send({ type: 'connected', connectMs }),
        (error: unknown) => send({ type: 'error', message: (error as Error).message }),
      );
      progressTimer = setInterval(() => send({ type: 'progress', progress: current.progress() }), PROGRESS_MS);
      return;
    }
    case 'go':
      return fleet?.go(request.goAt, request.sendUntil, request.sendEveryMs);
    case 'finish':
      clearInterval(progressTimer);
      if (fleet === undefined) return send({ type: 'error', message: 'finish before connect' });
      return send({ type: 'report', report: fleet.finish() });
  }
});
