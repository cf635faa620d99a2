import { Child } from './child.js';
import { benchEntry, benchNodeArgs } from './entry-path.js';
import type { HostReply, HostRequest, ServerKind, Usage } from './server-host-protocol.js';

const READY_TIMEOUT_MS = 20_000;
const USAGE_TIMEOUT_MS = 10_000;

/**
 * Node flags of every bench server, termchat's and the baseline's alike. --expose-gc lets a usage
 * request collect garbage first. --no-memory-reducer turns off V8's shrinking of a heap that has
 * gone quiet, which runs a while after start and after each full collection: within a short run
 * it lands inside one server's measurement and not the other's, and outweighs a small run's own
 * work (see bench/README.md). Flags in TERMCHAT_BENCH_SERVER_NODE_ARGS come after these
 * (`--memory-reducer` turns it back on).
 */
const SERVER_NODE_FLAGS = ['--expose-gc', '--no-memory-reducer'];

/** A server (termchat or the baseline) in a process of its own, whose CPU and memory can be asked for. */
export class ServerProcess {
  readonly kind: ServerKind;
  readonly port: number;
  readonly #child: Child<HostRequest, HostReply>;
  /** Usage requests one at a time: a reply carries no request id, so the order pairs them. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(kind: ServerKind, port: number, child: Child<HostRequest, HostReply>) {
    this.kind = kind;
    this.port = port;
    this.#child = child;
  }

  /** Forks the server host and resolves once the server listens; `redis` (termchat only) keeps its history there. */
  static async start(kind: ServerKind, redis?: string): Promise<ServerProcess> {
    const args = redis === undefined ? [kind] : [kind, redis];
    const child = new Child<HostRequest, HostReply>(benchEntry('server-host'), args, `${kind} server`, [...SERVER_NODE_FLAGS, ...benchNodeArgs('server')]);
    try {
      const ready = await child.next('ready', READY_TIMEOUT_MS);
      return new ServerProcess(kind, ready.port, child);
    } catch (error) {
      child.kill();
      throw error;
    }
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** CPU time and memory so far; `gc` collects garbage first (for memory per connection). */
  usage(gc = false): Promise<Usage> {
    const ask = async (): Promise<Usage> => {
      const reply = this.#child.next('usage', USAGE_TIMEOUT_MS);
      this.#child.send({ type: 'usage', gc });
      const { type: _type, ...usage } = await reply;
      return usage;
    };
    const result = this.#queue.then(ask, ask);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Graceful stop, killed if it takes longer than a few seconds. */
  stop(): Promise<void> {
    return this.#child.stop(3000, { type: 'stop' });
  }
}
