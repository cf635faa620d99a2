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

  /** The server welcomed us. */
  welcome(info: OpenedInfo = { epoch: 'e1' }): void {
    this.#open = true;
    this.owner.opened(info);
  }

  deliver(...messages: Message[]): void {
    for (const message of messages) this.owner.message(message);
  }

  /** The transport ended on its own; `wasOpen` follows whether welcome() was called. */
  end(report: Partial<CloseReport> = {}): void {
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
