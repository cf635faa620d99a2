import type { TransportKind } from '../../protocol/index.js';
import type { ChatClient, ClientCounters } from '../../transports/index.js';

/** Running totals over a worker's clients, read from ClientCounters (bytes include HTTP headers and WebSocket framing). */
export interface CounterSample {
  readonly tcpConnections: number;
  readonly requests: number;
  readonly polls: number;
  readonly emptyPolls: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly reconnects: number;
  /** Duplicates a transport delivered and the client dropped at its edge. */
  readonly duplicatesDropped: number;
}

const NO_COUNTS: CounterSample = { tcpConnections: 0, requests: 0, polls: 0, emptyPolls: 0, bytesSent: 0, bytesReceived: 0, reconnects: 0, duplicatesDropped: 0 };

/**
 * A worker's clients' counters, summed, less what the warm-up added. TCP connections are taken
 * off only for short polling without keep-alive, where each one lives for one request; every
 * other transport's connections are kept open, and one the warm-up opened (the keep-alive
 * connection SSE and long polling send their POSTs on) serves the whole run.
 */
export class CounterTally {
  readonly #perRequest: boolean;
  /** Counters at the warm-up's start, then what the warm-up added (taken off every sample). */
  #warmStart: CounterSample | undefined;
  #warmCounts: CounterSample = NO_COUNTS;

  constructor(transport: TransportKind, keepalive: boolean) {
    this.#perRequest = transport === 'poll' && !keepalive;
  }

  /** Notes the counters as the warm-up starts. */
  warmUpStarts(members: readonly { readonly client: ChatClient }[]): void {
    this.#warmStart = this.sample(members);
  }

  /** Takes what the warm-up added, if there was one, off every later sample. */
  warmUpEnds(members: readonly { readonly client: ChatClient }[]): void {
    if (this.#warmStart !== undefined) this.#warmCounts = minus(this.sample(members), this.#warmStart);
  }

  /** The clients' counters now, less what the warm-up added. */
  sample(members: readonly { readonly client: ChatClient }[]): CounterSample {
    const total = { ...NO_COUNTS };
    for (const { client } of members) {
      // Counters alone: every client's latency summaries, sorted every second, would stall the
      // worker and delay the deliveries it is measuring (see bench/README.md).
      const counts: ClientCounters = client.counters();
      total.tcpConnections += counts.tcpConnections;
      total.requests += counts.requests;
      total.polls += counts.polls ?? 0;
      total.emptyPolls += counts.emptyPolls ?? 0;
      total.bytesSent += counts.bytesSent;
      total.bytesReceived += counts.bytesReceived;
      total.reconnects += counts.reconnects;
      total.duplicatesDropped += counts.duplicatesDropped;
    }
    const less = minus(total, this.#warmCounts);
    return this.#perRequest ? less : { ...less, tcpConnections: total.tcpConnections };
  }
}

function minus(a: CounterSample, b: CounterSample): CounterSample {
  return {
    tcpConnections: a.tcpConnections - b.tcpConnections,
    requests: a.requests - b.requests,
    polls: a.polls - b.polls,
    emptyPolls: a.emptyPolls - b.emptyPolls,
    bytesSent: a.bytesSent - b.bytesSent,
    bytesReceived: a.bytesReceived - b.bytesReceived,
    reconnects: a.reconnects - b.reconnects,
    duplicatesDropped: a.duplicatesDropped - b.duplicatesDropped,
  };
}
