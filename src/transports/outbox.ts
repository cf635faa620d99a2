import type { OutboxEntry } from './types.js';

/**
 * The messages the caller sent that the server has not acknowledged yet, in the order they were
 * sent. Pure bookkeeping: no timers and no I/O, the connection drives it. Acknowledged and
 * failed entries leave the outbox; everything else is sent again, with the same clientId, until
 * the server acknowledges it (the server stores a clientId once).
 */
export class Outbox {
  readonly #entries = new Map<string, OutboxEntry>();
  /** Entries the server asked to hold back (rate limit): not written before this time. */
  readonly #notBefore = new Map<string, number>();

  add(clientId: string, text: string, sentAt: number): OutboxEntry {
    const entry: OutboxEntry = { clientId, text, sentAt, status: 'pending' };
    this.#entries.set(clientId, entry);
    return entry;
  }

  get(clientId: string): OutboxEntry | undefined {
    return this.#entries.get(clientId);
  }

  /** The entries not acknowledged yet, oldest first. */
  entries(): readonly OutboxEntry[] {
    return [...this.#entries.values()];
  }

  get size(): number {
    return this.#entries.size;
  }

  /**
   * What may be written now, in order. A held-back entry stops the rest, so the server stores
   * them in the order they were sent. Unless the transport is `pipelined` (one ordered socket),
   * only one entry is in flight at a time: HTTP requests may overtake each other.
   */
  due(now: number, pipelined: boolean): OutboxEntry[] {
    const out: OutboxEntry[] = [];
    for (const entry of this.#entries.values()) {
      if (entry.status === 'sent') {
        if (!pipelined) return out;
        continue;
      }
      if ((this.#notBefore.get(entry.clientId) ?? 0) > now) break;
      out.push(entry);
      if (!pipelined) break;
    }
    return out;
  }

  /**
   * When the entry that holds the queue up may go, if one does: the first held-back entry in
   * order, not the earliest time of any (a later entry due sooner still waits behind it).
   */
  blockedUntil(now: number): number | undefined {
    for (const entry of this.#entries.values()) {
      if (entry.status !== 'pending') continue;
      const at = this.#notBefore.get(entry.clientId) ?? 0;
      if (at > now) return at;
    }
    return undefined;
  }

  markSent(clientId: string): void {
    const entry = this.#entries.get(clientId);
    if (entry?.status !== 'pending') return;
    this.#notBefore.delete(clientId);
    this.#entries.set(clientId, { ...entry, status: 'sent' });
  }

  /** A sent entry goes back to pending (no ack in time, or its transport closed); true if it was sent. */
  requeue(clientId: string): boolean {
    const entry = this.#entries.get(clientId);
    if (entry?.status !== 'sent') return false;
    this.#entries.set(clientId, { ...entry, status: 'pending' });
    return true;
  }

  /** Every sent entry back to pending, when the transport they were written to is gone. */
  requeueAll(): boolean {
    let changed = false;
    for (const clientId of this.#entries.keys()) changed = this.requeue(clientId) || changed;
    return changed;
  }

  /** Holds an entry back until `until` (the server said: rate limited, retry later). */
  defer(clientId: string, until: number): void {
    const entry = this.#entries.get(clientId);
    if (entry === undefined) return;
    this.#notBefore.set(clientId, until);
    if (entry.status === 'sent') this.#entries.set(clientId, { ...entry, status: 'pending' });
  }

  /** The acknowledged entry, removed from the outbox; undefined when it is not ours or was acked before. */
  ack(clientId: string, id: number): OutboxEntry | undefined {
    const entry = this.#entries.get(clientId);
    if (entry === undefined) return undefined;
    this.#entries.delete(clientId);
    this.#notBefore.delete(clientId);
    return { ...entry, id, status: 'acked' };
  }

  /** The failed entry, removed from the outbox; undefined when it is not ours. */
  fail(clientId: string, error: { readonly code: string; readonly message: string }): OutboxEntry | undefined {
    const entry = this.#entries.get(clientId);
    if (entry === undefined) return undefined;
    this.#entries.delete(clientId);
    this.#notBefore.delete(clientId);
    return { ...entry, status: 'failed', error };
  }
}
