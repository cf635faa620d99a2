import { Child } from './child.js';
import { benchEntry } from './entry-path.js';
import type { LoadConfig, LoadProgress, LoadReply, LoadReport, LoadRequest } from './load-protocol.js';

const REPORT_TIMEOUT_MS = 30_000;

/** A load generator process as its parent sees it. */
export class LoadProcess {
  readonly #child: Child<LoadRequest, LoadReply>;
  #progress: LoadProgress = { deliveries: 0, sent: 0, acked: 0, closed: 0 };

  constructor(name: string) {
    this.#child = new Child<LoadRequest, LoadReply>(benchEntry('load-generator'), [], name);
    this.#child.onMessage((message) => {
      if (message.type === 'progress') this.#progress = message.progress;
    });
  }

  get progress(): LoadProgress {
    return this.#progress;
  }

  /** Opens the connections; resolves with how long that took. */
  async connect(config: LoadConfig): Promise<number> {
    const connected = this.#child.next('connected', config.connectTimeoutMs + 5000);
    this.#child.send({ type: 'connect', config });
    return (await connected).connectMs;
  }

  go(goAt: number, sendUntil: number, sendEveryMs: number): void {
    this.#child.send({ type: 'go', goAt, sendUntil, sendEveryMs });
  }

  async finish(): Promise<LoadReport> {
    const reply = this.#child.next('report', REPORT_TIMEOUT_MS);
    this.#child.send({ type: 'finish' });
    return (await reply).report;
  }

  stop(): Promise<void> {
    return this.#child.stop();
  }
}
