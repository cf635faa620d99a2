import { debug } from './log.js';
import type { Outbox } from './outbox.js';
import type { TransportHandle } from './transport.js';
import type { Clock } from './types.js';

/** What the pump needs from the connection that owns it. */
export interface PumpHooks {
  /** The open transport, if there is one: only an open transport is written to. */
  transport(): TransportHandle | undefined;
  /** An entry went on the wire at `at` (again, for a retry). */
  written(clientId: string, at: number): void;
  /** The outbox changed (statuses), for the 'outbox' event. */
  changed(): void;
}

/**
 * Moves outbox entries onto the open transport, in order, and keeps their time: an entry whose
 * ack does not come within `ackTimeoutMs` is sent again (same clientId, the server stores it
 * once), and a held-back entry (rate limited) is written when its time comes.
 */
export class OutboxPump {
  readonly #ackTimers = new Map<string, unknown>();
  #wakeTimer: unknown;

  constructor(
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly ackTimeoutMs: number,
    private readonly hooks: PumpHooks,
  ) {}

  /** Writes what may go now, and arranges to come back when a held-back entry may go. */
  flush(): void {
    const transport = this.hooks.transport();
    if (transport === undefined) return;
    const now = this.clock.now();
    let wrote = false;
    for (const entry of this.outbox.due(now, transport.pipelined)) {
      if (!transport.send(entry)) break;
      this.outbox.markSent(entry.clientId);
      this.hooks.written(entry.clientId, now);
      this.#armAckTimer(entry.clientId);
      wrote = true;
    }
    if (wrote) this.hooks.changed();
    this.#clearWake();
    const blockedUntil = this.outbox.blockedUntil(now);
    if (blockedUntil !== undefined) this.#wakeTimer = this.clock.setTimeout(() => this.flush(), blockedUntil - now);
  }

  /** The entry was acknowledged or failed: no more waiting for its ack. */
  settled(clientId: string): void {
    const timer = this.#ackTimers.get(clientId);
    if (timer !== undefined) this.clock.clearTimeout(timer);
    this.#ackTimers.delete(clientId);
  }

  /** The transport is gone: what was in flight goes back to pending, to be sent on the next one. */
  transportGone(): void {
    for (const timer of this.#ackTimers.values()) this.clock.clearTimeout(timer);
    this.#ackTimers.clear();
    if (this.outbox.requeueAll()) this.hooks.changed();
  }

  stop(): void {
    this.transportGone();
    this.#clearWake();
  }

  #armAckTimer(clientId: string): void {
    this.settled(clientId);
    const timer = this.clock.setTimeout(() => {
      this.#ackTimers.delete(clientId);
      if (!this.outbox.requeue(clientId)) return;
      debug.client('no ack for %s in %d ms: sending again', clientId, this.ackTimeoutMs);
      this.hooks.changed();
      this.flush();
    }, this.ackTimeoutMs);
    this.#ackTimers.set(clientId, timer);
  }

  #clearWake(): void {
    if (this.#wakeTimer !== undefined) this.clock.clearTimeout(this.#wakeTimer);
    this.#wakeTimer = undefined;
  }
}
