/** Entry of a load generator process for `bench --scale` and `--idle`: a LoadFleet driven over IPC. */
import { LoadFleet } from './load-fleet.js';
import { ownedByParent } from './owned-process.js';
import type { LoadReply, LoadRequest } from './load-protocol.js';

const PROGRESS_MS = 250;

const send = ownedByParent<LoadReply>((message) => ({ type: 'error', message }));
let fleet: LoadFleet | undefined;
let progressTimer: NodeJS.Timeout | undefined;

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
