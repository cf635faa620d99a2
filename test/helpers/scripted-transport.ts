import type { Message, TransportKind } from '../../src/protocol/index.js';
import type { CloseReport } from '../../src/transports/close-report.js';
import type { OpenedInfo, TransportContext, TransportFactory, TransportHandle, TransportOwner } from '../../src/transports/transport.js';
import type { OutboxEntry } from '../../src/transports/types.js';

/**
 * A transport the test drives by hand, for unit tests of the connection's logic (state machine,
 * backoff, resume, outbox). It talks to no server; the integration tests use real ones.
 */
export class ScriptedTransport implements TransportHandle {
  readonly written: OutboxEntry[] = [];
  typings = 0;
  /** What `quietFor()` answers: the test says how overdue the server is. */
  quiet: number | undefined;
  opened = false;
  closedByOwner = false;
  #open = false;
  #closed = false;

  constructor(
    readonly kind: TransportKind,
    readonly context: TransportContext,
    readonly owner: TransportOwner,
    readonly pipelined: boolean,
  ) {}

  open(): void {
    this.opened = true;
  }

  close(): void {
    this.closedByOwner = true;
    this.#closed = true;
  }

  send(entry: OutboxEntry): boolean {
    if (!this.#open || this.#closed) return false;
    this.written.push(entry);
    return true;
  }

  typing(): void {
    this.typings++;
  }

  quietFor(): number | undefined {
    return this.quiet;
  }

  /**
   * The server welcomed us. With `backlog`, messages delivered until `caughtUp()` are the backlog
   * the transport opened on; without, there is none, as when nothing was missed.
   */
  welcome(info: OpenedInfo = { epoch: 'e1' }, { backlog = false } = {}): void {
    this.#open = true;
    this.owner.opened(info);
    if (!backlog && !this.#closed) this.owner.caughtUp();
  }

  deliver(...messages: Message[]): void {
    for (const message of messages) this.owner.message(message);
  }

  /** The backlog the transport opened on is delivered. */
  caughtUp(): void {
    this.owner.caughtUp();
  }

  /** The open link dropped and the transport retries by itself in `retryMs`, as a page's EventSource does. */
  lose(retryMs: number, report: Partial<CloseReport> = {}): void {
    this.#open = false;
    this.owner.lost({ code: 'dropped', reason: 'connection lost', retry: true, unreachable: false, ...report, wasOpen: true }, retryMs);
  }

  /** A lost transport tries to open again. */
  reopen(): void {
    this.owner.reopening();
  }

  /** The transport ended on its own; `wasOpen` follows whether welcome() was called, `heardAt` is when the server was last heard. */
  end(report: Partial<CloseReport> & { readonly heardAt?: number } = {}): void {
    this.#closed = true;
    this.owner.closed({ code: 'dropped', reason: 'connection lost', retry: true, unreachable: false, ...report, wasOpen: this.#open });
  }
}

/** A factory that records every transport it makes. */
export function scripted(pipelined = true): { readonly factory: TransportFactory; readonly made: ScriptedTransport[]; last(): ScriptedTransport } {
  const made: ScriptedTransport[] = [];
  return {
    made,
    factory: (kind, context, owner) => {
      const transport = new ScriptedTransport(kind, context, owner, pipelined);
      made.push(transport);
      return transport;
    },
    last: () => made.at(-1)!,
  };
}

let nextId = 0;
/** A stored message as the server would deliver it. */
export function message(id: number, fields: Partial<Message> = {}): Message {
  return { id, room: 'lobby', user: 'bob', text: `message ${id}`, sentAt: 1_700_000_000_000, serverAt: 1_700_000_000_000, clientId: `other-${++nextId}`, ...fields };
}
