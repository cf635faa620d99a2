import { Redis, type RedisOptions } from 'ioredis';
import { StoreStartError, UnavailableError } from '../base/errors.js';
import { debug } from '../base/log.js';

/** Told when service is lost and when it is back. */
export interface LinkWatcher {
  down?(reason: string): void;
  /** Both connections work again and the channels are subscribed: news may have been missed meanwhile. */
  up?(): void;
}

const CONNECT_TIMEOUT_MS = 3000;
/** A command Redis does not answer within this fails, rather than leaving a sender waiting. */
const COMMAND_TIMEOUT_MS = 2000;
const RECONNECT_MAX_MS = 1000;

/** The URL with any password replaced by `***`, for logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function describe(error: unknown): string {
  const { message, code } = error as NodeJS.ErrnoException;
  return (message || code) ?? String(error);
}

/**
 * An instance's two connections to Redis — one for commands, one subscribed to channels — and
 * whether both work. Opening fails fast with one clear line; once open it reconnects for ever,
 * telling watchers and the log when service is lost and when it is back.
 *
 * Commands never wait for a connection: while it is down they fail at once (no offline queue),
 * and a command in flight when it drops fails rather than being sent again, because a resent
 * append could store a message twice.
 */
export class RedisLink {
  readonly cmd: Redis;
  readonly #sub: Redis;
  readonly #handlers = new Map<string, (note: string) => void>();
  readonly #watchers = new Set<LinkWatcher>();
  #cmdReady = false;
  #subReady = false;
  /** Bumped on every (re)connection of the subscriber, so a late SUBSCRIBE answer of an old one is ignored. */
  #subGeneration = 0;
  #up = false;
  #opened = false;
  #closing = false;
  #reason = 'not connected yet';

  private constructor(
    /** The URL, password hidden. */
    readonly url: string,
    rawUrl: string,
    private readonly log: (line: string) => void,
    name: string,
  ) {
    const options: RedisOptions = {
      lazyConnect: true,
      connectionName: name,
      connectTimeout: CONNECT_TIMEOUT_MS,
      commandTimeout: COMMAND_TIMEOUT_MS,
      enableOfflineQueue: false,
      autoResendUnfulfilledCommands: false,
      // 0: a command in flight fails as soon as its connection drops.
      maxRetriesPerRequest: 0,
      // At start a failure is reported at once; once open, reconnect quickly and for ever.
      retryStrategy: (attempt) => (this.#opened && !this.#closing ? Math.min(50 * attempt, RECONNECT_MAX_MS) : null),
    };
    this.cmd = new Redis(rawUrl, options);
    // Subscriptions are renewed by hand on 'ready', so that `up` is told only once they are live.
    this.#sub = new Redis(rawUrl, { ...options, autoResubscribe: false, commandTimeout: undefined });
    this.cmd.on('ready', () => this.#set('cmd', true));
    this.#sub.on('ready', () => void this.#subscribeAll());
    for (const [which, client] of [['cmd', this.cmd], ['sub', this.#sub]] as const) {
      client.on('error', (error: unknown) => {
        this.#reason = describe(error);
        debug.redis('%s connection: %s', which, this.#reason);
      });
      client.on('close', () => this.#set(which, false));
    }
    this.#sub.on('message', (channel: string, note: string) => this.#handlers.get(channel)?.(note));
  }

  /** Connects both connections, or throws a StoreStartError naming the URL and what failed. */
  static async open(url: string, log: (line: string) => void, name = 'termchat'): Promise<RedisLink> {
    const link = new RedisLink(redactUrl(url), url, log, name);
    try {
      await Promise.all([link.cmd.connect(), link.#sub.connect()]);
      await link.#subscribeAll();
    } catch (error) {
      const reason = link.#reason === 'not connected yet' ? describe(error) : link.#reason;
      link.#disconnect();
      throw new StoreStartError(`cannot use Redis at ${link.url}: ${reason}`);
    }
    link.#opened = true;
    return link;
  }

  /** Why Redis cannot be used now, or undefined when it can. */
  problem(): string | undefined {
    return this.#up ? undefined : `Redis at ${this.url} is unreachable (${this.#reason})`;
  }

  watch(watcher: LinkWatcher): void {
    this.#watchers.add(watcher);
  }

  /** Calls `handler` with every note published on `channel` from now on. */
  async subscribe(channel: string, handler: (note: string) => void): Promise<void> {
    this.#handlers.set(channel, handler);
    if (this.#subReady) await this.#sub.subscribe(channel);
  }

  /**
   * What a failed command turns into: an UnavailableError when Redis could not be reached or did
   * not answer in time; Redis's own refusals (a script error: a bug) pass through unchanged.
   */
  failure(error: unknown): Error {
    if (error instanceof Error && error.name === 'ReplyError') return error;
    // A connection that has just dropped fails commands a moment before it reports 'close'.
    const reason = describe(error);
    const what = /timed out/i.test(reason) ? 'did not answer in time' : 'is unreachable';
    return new UnavailableError(this.problem() ?? `Redis at ${this.url} ${what} (${reason})`, { cause: error });
  }

  async close(): Promise<void> {
    this.#closing = true;
    await Promise.allSettled([this.cmd.quit(), this.#sub.quit()]);
    this.#disconnect();
  }

  #disconnect(): void {
    this.#closing = true;
    this.cmd.disconnect();
    this.#sub.disconnect();
  }

  async #subscribeAll(): Promise<void> {
    const generation = ++this.#subGeneration;
    const channels = [...this.#handlers.keys()];
    try {
      if (channels.length > 0) await this.#sub.subscribe(...channels);
    } catch (error) {
      // The connection dropped again; its next 'ready' tries once more.
      debug.redis('subscribe failed: %s', describe(error));
      return;
    }
    if (generation === this.#subGeneration) this.#set('sub', true);
  }

  #set(which: 'cmd' | 'sub', ready: boolean): void {
    if (which === 'cmd') this.#cmdReady = ready;
    else {
      this.#subReady = ready;
      if (!ready) this.#subGeneration++;
    }
    const up = this.#cmdReady && this.#subReady;
    if (up === this.#up) return;
    this.#up = up;
    if (up) this.#reason = 'connection closed';
    if (!this.#opened || this.#closing) return;
    if (up) {
      this.log(`redis: connected to ${this.url} again; serving`);
      for (const watcher of this.#watchers) watcher.up?.();
    } else {
      this.log(`redis: lost the connection to ${this.url} (${this.#reason}); /healthz answers 503 and sends are refused until it is back`);
      for (const watcher of this.#watchers) watcher.down?.(this.#reason);
    }
  }
}
