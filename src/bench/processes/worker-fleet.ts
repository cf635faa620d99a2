import { Child } from './child.js';
import { benchEntry } from './entry-path.js';
import type { WorkerKind, WorkerReply, WorkerRequest, WorkerTypes } from './worker-protocol.js';

/** How long a worker may take to send its report once asked. */
const REPORT_TIMEOUT_MS = 30_000;
/** Beyond what a worker itself allows a step (its connect timeout, its warm-up), for its answer to come back. */
const REPLY_GRACE_MS = 5000;

/**
 * A bench's worker processes of one kind, forked together and driven in step: each is given its
 * own config, then all warm up, go and finish together, and their reports are gathered. Each is one
 * of the bench's children (see Child): an error reply, a timeout or a worker's end rejects a step
 * with the worker's name and last words, and Ctrl+C or the bench's exit kills every one.
 */
export class WorkerFleet<T extends WorkerTypes> {
  readonly #workers: Child<WorkerRequest<T>, WorkerReply<T>>[] = [];
  readonly #progress: T['progress'][] = [];

  /** Forks `count` workers of `kind`, Node given `nodeArgs`; if one cannot be forked, those that were are killed. */
  constructor(kind: WorkerKind<T>, count: number, nodeArgs: readonly string[] = []) {
    const entry = benchEntry(kind.entry);
    try {
      for (let i = 0; i < count; i++) {
        const worker = new Child<WorkerRequest<T>, WorkerReply<T>>(entry, [], `${kind.label} ${i + 1}`, nodeArgs);
        this.#workers.push(worker);
        this.#progress.push(kind.idle);
        worker.onMessage((message) => {
          if (message.type === 'progress') this.#progress[i] = message.progress;
        });
      }
    } catch (error) {
      for (const worker of this.#workers) worker.kill();
      throw error;
    }
  }

  /** The latest progress each worker sent, in fork order. */
  get progress(): readonly T['progress'][] {
    return this.#progress;
  }

  /** Gives each worker its config (one per worker, in fork order); resolves with how long each took to connect, in ms. */
  async connect(configs: readonly T['config'][]): Promise<number[]> {
    if (configs.length !== this.#workers.length) throw new Error(`${configs.length} configs for ${this.#workers.length} workers`);
    return Promise.all(
      this.#workers.map(async (worker, i) => {
        const config = configs[i]!;
        const connected = worker.next('connected', config.connectTimeoutMs + REPLY_GRACE_MS);
        worker.send({ type: 'connect', config });
        return (await connected).connectMs;
      }),
    );
  }

  /** Runs every worker's warm-up; resolves once each is done. */
  async warmUp(warmUp: T['warmUp']): Promise<void> {
    await Promise.all(
      this.#workers.map(async (worker) => {
        const warm = worker.next('warm', warmUp.durationMs + warmUp.timeoutMs + REPLY_GRACE_MS);
        worker.send({ type: 'warmUp', warmUp });
        await warm;
      }),
    );
  }

  /** Every worker sends from epoch ms `goAt` until `sendUntil`. */
  go(goAt: number, sendUntil: number): void {
    for (const worker of this.#workers) worker.send({ type: 'go', goAt, sendUntil });
  }

  /** Asks every worker to finish; resolves with their reports, in fork order. */
  finish(): Promise<T['report'][]> {
    return Promise.all(
      this.#workers.map(async (worker) => {
        const reply = worker.next('report', REPORT_TIMEOUT_MS);
        worker.send({ type: 'finish' });
        return (await reply).report;
      }),
    );
  }

  /** Stops every worker (see Child.stop); resolves once all are gone. */
  async stop(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.stop()));
  }
}
