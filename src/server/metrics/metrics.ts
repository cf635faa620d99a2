import { Counter, Gauge, Registry } from 'prom-client';
import { TRANSPORT_KINDS, type TransportKind } from '../../protocol/index.js';
import { TallyHistogram } from './tally-histogram.js';

type PerTransport<T> = Record<TransportKind, T>;

function perTransport<T>(make: (kind: TransportKind) => T): PerTransport<T> {
  return Object.fromEntries(TRANSPORT_KINDS.map((kind) => [kind, make(kind)])) as PerTransport<T>;
}

/** Makes a labelled child print as 0 before its first event. */
function zeroed<T extends { inc(value?: number): void }>(child: T): T {
  child.inc(0);
  return child;
}

/**
 * The server's counters, one registry per server so that several servers in one process (tests,
 * benchmarks) do not mix. Labelled children are resolved once here. Deliveries, counted once per
 * recipient, are plain additions that reach prom-client when the metrics are read.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  /** Deliveries not yet added to their counter; every read of the counter adds them first. */
  readonly #uncounted = perTransport(() => 0);
  readonly #connections = new Gauge({ name: 'termchat_connections', help: 'Open connections by transport (held long polls count while held).', labelNames: ['transport'], registers: [this.registry] });
  readonly #requests = new Counter({ name: 'termchat_requests_total', help: 'Requests by transport (a WebSocket or SSE stream counts once when it opens; "post" counts HTTP sends).', labelNames: ['transport'], registers: [this.registry] });
  readonly #polls = new Counter({ name: 'termchat_polls_total', help: 'GET /messages answers, short and long polls, by whether they carried messages.', labelNames: ['result'], registers: [this.registry] });
  readonly #messages = new Counter({ name: 'termchat_messages_total', help: 'Messages committed.', registers: [this.registry] });
  readonly #deliveries = new Counter({
    name: 'termchat_deliveries_total',
    help: 'Messages handed to a client, by transport.',
    labelNames: ['transport'],
    registers: [this.registry],
    collect: () => this.#countDeliveries(),
  });
  readonly #tcp = new Counter({ name: 'termchat_tcp_connections_total', help: 'TCP connections accepted.', registers: [this.registry] });
  readonly #latency = new TallyHistogram({
    name: 'termchat_delivery_latency_seconds',
    help: 'From commit to hand-over to a client connection.',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  // Each labelled series is set to 0 up front: prom-client prints a series only once it has a
  // value, and a series missing until its first event breaks rate() and dashboards.
  readonly connections = perTransport((kind) => zeroed(this.#connections.labels(kind)));
  readonly requests = perTransport((kind) => zeroed(this.#requests.labels(kind)));
  /** POST /messages and /typing: how HTTP transports send. */
  readonly posts = zeroed(this.#requests.labels('post'));
  readonly #deliveriesBy = perTransport((kind) => zeroed(this.#deliveries.labels(kind)));
  readonly emptyPolls = zeroed(this.#polls.labels('empty'));
  readonly dataPolls = zeroed(this.#polls.labels('data'));
  readonly messages = this.#messages;
  readonly tcpConnections = this.#tcp;
  readonly latency = this.#latency;

  /** Counts `count` deliveries of a message committed at `serverAt`. */
  delivered(kind: TransportKind, count: number, serverAt: number, now: number): void {
    if (count === 0) return;
    this.#uncounted[kind] += count;
    this.#latency.observeMany(Math.max(0, now - serverAt) / 1000, count);
  }

  #countDeliveries(): void {
    for (const kind of TRANSPORT_KINDS) {
      const count = this.#uncounted[kind];
      if (count === 0) continue;
      this.#uncounted[kind] = 0;
      this.#deliveriesBy[kind].inc(count);
    }
  }

  /** Plain numbers for the stats block. */
  async snapshot(): Promise<MetricsSnapshot> {
    const sum = async (metric: Counter | Gauge, label?: string): Promise<Record<string, number>> => {
      const out: Record<string, number> = {};
      for (const v of (await metric.get()).values) {
        const key = label === undefined ? 'all' : String(v.labels[label]);
        out[key] = (out[key] ?? 0) + v.value;
      }
      return out;
    };
    const [connections, requests, polls, messages, deliveries, tcp] = await Promise.all([
      sum(this.#connections, 'transport'),
      sum(this.#requests, 'transport'),
      sum(this.#polls, 'result'),
      sum(this.#messages),
      sum(this.#deliveries, 'transport'),
      sum(this.#tcp),
    ]);
    const total = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
    return {
      tcpConnections: tcp.all ?? 0,
      polls: total(polls),
      emptyPolls: polls.empty ?? 0,
      messages: messages.all ?? 0,
      deliveries: total(deliveries),
      openWs: connections.ws ?? 0,
      openSse: connections.sse ?? 0,
      heldLongPolls: connections.longpoll ?? 0,
      requests: total(requests),
    };
  }
}

export interface MetricsSnapshot {
  readonly tcpConnections: number;
  readonly polls: number;
  readonly emptyPolls: number;
  readonly messages: number;
  readonly deliveries: number;
  readonly openWs: number;
  readonly openSse: number;
  readonly heldLongPolls: number;
  readonly requests: number;
}
