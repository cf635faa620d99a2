import { afterEach } from 'vitest';
import type { GetMessagesResponse, Message } from '../../src/protocol/index.js';
import { http } from './http.js';

const running = new Set<PollClient>();

afterEach(() => {
  for (const client of running) client.stop();
  running.clear();
});

export interface PollOptions {
  readonly room?: string;
  readonly user?: string;
  /** Long poll with this `wait`; a short poll when absent. */
  readonly waitMs?: number;
  /** Pause between short polls. */
  readonly everyMs?: number;
}

/**
 * A short or long poller for tests: asks GET /messages from its last id again and again, keeping
 * every message in the order received and every refusal, until stopped (after each test at the
 * latest). Each request has a deadline; a failed one is retried after a pause.
 */
export class PollClient {
  readonly messages: Message[] = [];
  /** When each message id arrived (Date.now()), for latency figures. */
  readonly receivedAt = new Map<number, number>();
  /** Each answer that was not 200, or a request that failed, as `status text` or the error. */
  readonly failures: string[] = [];
  epoch: string | undefined;
  #lastId = 0;
  #stopped = false;

  private constructor(
    private readonly baseUrl: string,
    private readonly options: PollOptions,
  ) {}

  static start(baseUrl: string, options: PollOptions = {}): PollClient {
    const client = new PollClient(baseUrl, options);
    running.add(client);
    void client.#loop();
    return client;
  }

  get lastId(): number {
    return this.#lastId;
  }

  stop(): void {
    this.#stopped = true;
    running.delete(this);
  }

  async #loop(): Promise<void> {
    const { room = 'lobby', user, waitMs, everyMs = 50 } = this.options;
    while (!this.#stopped) {
      const query = `room=${room}&since=${this.#lastId}${user === undefined ? '' : `&user=${encodeURIComponent(user)}`}${waitMs === undefined ? '' : `&wait=${waitMs}`}`;
      try {
        const answer = await http(`${this.baseUrl}/messages?${query}`, { timeoutMs: (waitMs ?? 0) + 5000 });
        if (this.#stopped) return;
        if (answer.status !== 200) {
          this.failures.push(`${answer.status} ${answer.text}`);
          await pause(everyMs);
          continue;
        }
        const body = JSON.parse(answer.text) as GetMessagesResponse;
        if (this.epoch !== undefined && body.epoch !== this.epoch) this.#lastId = 0;
        this.epoch = body.epoch;
        const now = Date.now();
        for (const message of body.messages) {
          this.messages.push(message);
          this.receivedAt.set(message.id, now);
          this.#lastId = message.id;
        }
        if (waitMs === undefined && !body.hasMore) await pause(everyMs);
      } catch (error) {
        if (this.#stopped) return;
        this.failures.push(String(error));
        await pause(everyMs);
      }
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
