/**
 * Entry of a client worker process: runs its share of a run's clients (a Fleet) and reports over
 * IPC, so that client work never competes with the server inside one process.
 */
import { Fleet } from './fleet.js';
import { ownedByParent } from './owned-process.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

const PROGRESS_MS = 250;

const send = ownedByParent<WorkerReply>((message) => ({ type: 'error', message }));
let fleet: Fleet | undefined;
let progressTimer: NodeJS.Timeout | undefined;

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
    case 'warmUp': {
      if (fleet === undefined) return send({ type: 'error', message: 'warm-up before connect' });
      fleet.warmUp(request.roomSize, request.durationMs, request.timeoutMs).then(
        () => send({ type: 'warm' }),
        (error: unknown) => send({ type: 'error', message: (error as Error).message }),
      );
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
