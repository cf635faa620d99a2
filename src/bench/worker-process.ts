import { Child } from './child.js';
import { benchEntry, benchNodeArgs } from './entry-path.js';
import type { FleetConfig, FleetProgress, WorkerReply, WorkerReport, WorkerRequest } from './worker-protocol.js';

const REPORT_TIMEOUT_MS = 30_000;

/** A client worker process as its parent sees it. */
export class WorkerProcess {
  readonly #child: Child<WorkerRequest, WorkerReply>;
  #progress: FleetProgress = { deliveries: 0, sent: 0, acked: 0, failed: 0, open: 0 };

  constructor(name: string) {
    this.#child = new Child<WorkerRequest, WorkerReply>(benchEntry('client-worker'), [], name, benchNodeArgs('worker'));
    this.#child.onMessage((message) => {
      if (message.type === 'progress') this.#progress = message.progress;
    });
  }

  /** The latest progress the worker sent. */
  get progress(): FleetProgress {
    return this.#progress;
  }

  /** Connects the worker's clients; resolves once all are open. */
  async connect(config: FleetConfig): Promise<void> {
    const connected = this.#child.next('connected', config.connectTimeoutMs + 5000);
    this.#child.send({ type: 'connect', config });
    await connected;
  }

  /** Runs the warm-up (see Fleet.warmUp); resolves once the worker's clients received all of the room's. */
  async warmUp(roomSize: number, durationMs: number, timeoutMs: number): Promise<void> {
    const warm = this.#child.next('warm', durationMs + timeoutMs + 5000);
    this.#child.send({ type: 'warmUp', roomSize, durationMs, timeoutMs });
    await warm;
  }

  go(goAt: number, sendUntil: number): void {
    this.#child.send({ type: 'go', goAt, sendUntil });
  }

  async finish(): Promise<WorkerReport> {
    const reply = this.#child.next('report', REPORT_TIMEOUT_MS);
    this.#child.send({ type: 'finish' });
    return (await reply).report;
  }

  stop(): Promise<void> {
    return this.#child.stop();
  }
}
