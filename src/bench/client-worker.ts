/**
 * Entry of a client worker process: runs its share of a run's clients (a Fleet) and reports over
 * IPC, so that client work never competes with the server inside one process.
 */
import { Fleet } from './fleet.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

const PROGRESS_MS = 250;

const send = (reply: WorkerReply): void => void process.send?.(reply);
let fleet: Fleet | undefined;
let progressTimer: NodeJS.Timeout | undefined;

// The parent owns this process: it stops us in order on Ctrl+C, and when it goes, so do we.
process.on('SIGINT', () => {});
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (error) => {
  send({ type: 'error', message: error.stack ?? String(error) });
  process.exit(1);
});

process.on('message', (request: WorkerRequest) => {
  switch (request.type) {
    case 'connect': {
      const current = new Fleet(request.config);
      fleet = current;
      current.connect().then(
        () => send({ type: 'connected' }),
        (error: unknown) => send({ type: 'error', message: (error as Error).message }),
      );
      progressTimer = setInterval(() => send({ type: 'progress', progress: current.progress() }), PROGRESS_MS);
      return;
    }
    case 'go':
      return fleet?.go(request.goAt, request.sendUntil);
    case 'finish': {
      clearInterval(progressTimer);
      if (fleet === undefined) return send({ type: 'error', message: 'finish before connect' });
      return send({ type: 'report', report: fleet.finish() });
    }
  }
});
