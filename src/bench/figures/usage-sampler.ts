import type { Usage } from '../processes/server-host-protocol.js';

/** What is sampled: a server process, or a group of them summed. */
export interface UsageSource {
  usage(): Promise<Usage>;
}

/** The server's CPU and RSS once a second from `origin`, as per-second CPU time and RSS. */
export class UsageSampler {
  readonly cpuMsPerSecond: number[] = [];
  readonly rssBytesPerSecond: number[] = [];
  readonly #server: UsageSource;
  readonly #origin: number;
  #lastCpuMs: number;
  #timer: NodeJS.Timeout | undefined;
  #pending: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(server: UsageSource, origin: number, startCpuMs: number) {
    this.#server = server;
    this.#origin = origin;
    this.#lastCpuMs = startCpuMs;
    this.#schedule(1);
  }

  /** Stops sampling, waiting for a sample in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#pending;
  }

  #schedule(k: number): void {
    this.#timer = setTimeout(
      () => {
        this.#pending = this.#server.usage().then(
          (usage) => {
            this.cpuMsPerSecond.push(usage.cpuMs - this.#lastCpuMs);
            this.rssBytesPerSecond.push(usage.rssBytes);
            this.#lastCpuMs = usage.cpuMs;
          },
          // A missed sample leaves a gap in a chart, not a failed run.
          () => undefined,
        );
        if (!this.#stopped) this.#schedule(k + 1);
      },
      Math.max(0, this.#origin + k * 1000 - Date.now()),
    );
  }
}
