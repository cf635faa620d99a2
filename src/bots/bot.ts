import createDebug from 'debug';
import type { Message } from '../protocol/index.js';
import type { ChatClient, Clock } from '../transports/types.js';
import { firstDelay, nextDelay, typingLead } from './schedule.js';
import type { Script } from './script.js';

/** Narration of what the bots do, on with DEBUG=termchat:bots. */
const debug = createDebug('termchat:bots');

/** What a bot needs; its client comes from transports' createClient, exactly as the UI's does. */
export interface BotOptions {
  readonly name: string;
  readonly client: ChatClient;
  readonly script: Script;
  /** Mean time between two lines, ms. */
  readonly everyMs: number;
  readonly clock: Clock;
  readonly random: () => number;
  /** Say "typing" this long before each line (0: never; benchmarks want no extra requests). */
  readonly typingLeadMs?: number;
  /** Read each message as it comes (read receipts): the client tells the server, at its own pace. */
  readonly readAlong?: boolean;
}

/** What a bot did, for its summary line. */
export interface BotCounts {
  /** Lines handed to the client. */
  readonly said: number;
  /** Turns let pass because the client was not open (lines are not queued up to flood a reconnect). */
  readonly skipped: number;
}

/**
 * A scripted chatter: connects its client, then says a line every `everyMs` on average while
 * the client is open. All timing goes through the injected clock and random source.
 */
export class Bot {
  readonly name: string;
  readonly client: ChatClient;
  readonly #options: BotOptions;
  #timer: unknown;
  #said = 0;
  #skipped = 0;
  #running = false;
  readonly #onMessage = (message: Message): void => this.client.markRead(message.id);

  constructor(options: BotOptions) {
    this.#options = options;
    this.name = options.name;
    this.client = options.client;
  }

  get counts(): BotCounts {
    return { said: this.#said, skipped: this.#skipped };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    if (this.#options.readAlong === true) this.client.on('message', this.#onMessage);
    this.client.connect();
    this.#schedule(firstDelay(this.#options.everyMs, this.#options.random));
  }

  /** Stops talking and closes the client (WebSocket close 1000). */
  stop(): void {
    this.#running = false;
    if (this.#timer !== undefined) this.#options.clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.client.off('message', this.#onMessage);
    this.client.close();
  }

  /** Waits `delayMs`, saying "typing" shortly before the line when asked to. */
  #schedule(delayMs: number): void {
    const lead = typingLead(delayMs, this.#options.typingLeadMs ?? 0);
    if (lead === 0) {
      this.#timer = this.#options.clock.setTimeout(() => this.#speak(), delayMs);
      return;
    }
    this.#timer = this.#options.clock.setTimeout(() => {
      if (this.client.state.status === 'open') this.client.typing();
      this.#timer = this.#options.clock.setTimeout(() => this.#speak(), lead);
    }, delayMs - lead);
  }

  #speak(): void {
    this.#timer = undefined;
    if (!this.#running) return;
    if (this.client.state.status === 'open') {
      const text = this.#options.script.next();
      this.client.send(text);
      this.#said++;
      debug('%s says %j', this.name, text);
    } else {
      this.#skipped++;
      debug('%s skips a turn (%s)', this.name, this.client.state.status);
    }
    this.#schedule(nextDelay(this.#options.everyMs, this.#options.random));
  }
}
