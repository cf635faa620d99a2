import type { Worker, WorkerReply, WorkerRequest, WorkerTypes } from './worker-protocol.js';

/** How often a worker tells its parent how far it got: for the progress view, and to see the tail of a run arrive. */
const PROGRESS_MS = 250;

/**
 * The loop of a worker process, whatever its kind: `make` builds the worker from the config the
 * parent sends with `connect`; the worker then warms up, goes and finishes when asked, reports its
 * progress every 250 ms from connecting until it finishes, and replies with its report or an
 * error. The process is one its parent owns (see ownedByParent).
 */
export function serveWorker<T extends WorkerTypes>(make: (config: T['config']) => Worker<T>): void {
  const send = ownedByParent<WorkerReply<T>>((message) => ({ type: 'error', message }));
  const fail = (error: unknown): void => send({ type: 'error', message: (error as Error).message });
  let worker: Worker<T> | undefined;
  let progressTimer: NodeJS.Timeout | undefined;
  process.on('message', (request: WorkerRequest<T>) => {
    switch (request.type) {
      case 'connect': {
        const current = make(request.config);
        worker = current;
        const started = Date.now();
        current.connect().then(() => send({ type: 'connected', connectMs: Date.now() - started }), fail);
        progressTimer = setInterval(() => send({ type: 'progress', progress: current.progress() }), PROGRESS_MS);
        return;
      }
      case 'warmUp': {
        const current = worker;
        if (current === undefined) return send({ type: 'error', message: 'warm-up before connect' });
        if (current.warmUp === undefined) return send({ type: 'error', message: 'this worker has no warm-up' });
        current.warmUp(request.warmUp).then(() => send({ type: 'warm' }), fail);
        return;
      }
      case 'go':
        return worker?.go(request.goAt, request.sendUntil);
      case 'finish':
        clearInterval(progressTimer);
        if (worker === undefined) return send({ type: 'error', message: 'finish before connect' });
        return send({ type: 'report', report: worker.finish() });
    }
  });
}

/**
 * Makes this process a child its parent owns: Ctrl+C in the terminal is left to the parent, which
 * stops children in order; when the parent goes, so does this process; a crash is reported over
 * IPC before exiting. Returns the typed way to reply to the parent.
 */
function ownedByParent<Reply>(errorReply: (message: string) => Reply): (reply: Reply) => void {
  const send = (reply: Reply): void => void process.send?.(reply);
  process.on('SIGINT', () => {});
  process.on('disconnect', () => process.exit(0));
  process.on('uncaughtException', (error) => {
    send(errorReply(error.stack ?? String(error)));
    process.exit(1);
  });
  return send;
}
