import type { Message } from '../protocol/index.js';
import { createClient, type ChatClient, type ClientOptions, type ClientStats, type OutboxEntry } from '../transports/index.js';
import type { MessageRecord, ReceiverRecord } from './completeness.js';
import { LatencyHistogram } from './histogram.js';
import { toRanges } from './ranges.js';
import { PerSecond, secondIndex } from './series.js';
import type { CounterSample, FleetConfig, FleetProgress, WorkerReport } from './worker-protocol.js';

/** Seams for tests; a worker uses the real ones. */
export interface FleetDeps {
  readonly createClient: (options: ClientOptions) => ChatClient;
  readonly now: () => number;
  readonly random: () => number;
}

const realDeps: FleetDeps = { createClient, now: Date.now, random: Math.random };

/** A client's name: `c12`, or `c12@1` for a client of instance 1 when clients are spread over several. */
export function clientName(index: number, instance: number | undefined): string {
  return instance === undefined ? `c${index}` : `c${index}@${instance}`;
}

/** The instance a client name carries, if any. */
export function instanceOf(name: string): number | undefined {
  const at = name.lastIndexOf('@');
  return at < 0 ? undefined : Number(name.slice(at + 1));
}

interface Member {
  readonly name: string;
  readonly client: ChatClient;
  /** Closed open-intervals [from, to]. */
  readonly open: [number, number][];
  openSince: number | undefined;
  everOpened: boolean;
  readonly received: Set<number>;
  duplicates: number;
}

/**
 * One worker's share of a run: ChatClients made by createClient exactly as the UI makes them,
 * each sending on its schedule, every delivery timed (receiver's clock − sentAt) and recorded by
 * (message id, receiver) for the completeness check.
 */
export class Fleet {
  readonly #config: FleetConfig;
  readonly #deps: FleetDeps;
  readonly #members: Member[] = [];
  readonly #latency = new LatencyHistogram();
  readonly #crossLatency = new LatencyHistogram();
  readonly #deliveries = new PerSecond();
  readonly #latencySum = new PerSecond();
  readonly #latencyMax = new PerSecond();
  /** Message id → commit time: serverAt when seen delivered, else when it was acknowledged. */
  readonly #committed = new Map<number, number>();
  readonly #samples: CounterSample[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #atSendEnd: CounterSample | undefined;
  #goAt = 0;
  #sent = 0;
  #acked = 0;
  #failed = 0;
  #delivered = 0;

  constructor(config: FleetConfig, deps: FleetDeps = realDeps) {
    this.#config = config;
    this.#deps = deps;
  }

  /** Creates and connects every client; resolves once all are open. */
  connect(): Promise<void> {
    const config = this.#config;
    return new Promise((resolve, reject) => {
      let waiting = config.count;
      const timer = setTimeout(() => {
        const states = this.#members.filter((m) => !m.everOpened).map((m) => `${m.name}: ${m.client.state.status}`);
        reject(new Error(`${waiting} of ${config.count} ${config.transport} clients did not open within ${config.connectTimeoutMs} ms (${states.slice(0, 5).join(', ')})`));
      }, config.connectTimeoutMs);
      for (let i = 0; i < config.count; i++) {
        const name = clientName(config.firstIndex + i, config.instance);
        const client = this.#deps.createClient({ server: config.server, room: config.room, user: name, transport: config.transport, keepalive: config.keepalive, interval: config.intervalMs });
        const member: Member = { name, client, open: [], openSince: undefined, everOpened: false, received: new Set(), duplicates: 0 };
        this.#members.push(member);
        client.on('state', (next, previous) => {
          const now = this.#deps.now();
          if (next.status === 'open') {
            member.openSince = now;
            if (!member.everOpened) {
              member.everOpened = true;
              if (--waiting === 0) {
                clearTimeout(timer);
                resolve();
              }
            }
          } else if (previous.status === 'open' && member.openSince !== undefined) {
            member.open.push([member.openSince, now]);
            member.openSince = undefined;
          }
          if (next.status === 'closed' && next.cause !== 'client') {
            clearTimeout(timer);
            reject(new Error(`client ${name} (${config.transport}) closed: ${next.reason}`));
          }
        });
        client.on('message', (message) => this.#onMessage(member, message));
        client.on('ack', (entry) => this.#onAck(entry));
        client.on('failed', () => this.#failed++);
        client.connect();
      }
    });
  }

  /** Starts sending at `goAt` (each client after a random offset within one period) until `sendUntil`. */
  go(goAt: number, sendUntil: number): void {
    this.#goAt = goAt;
    const { sendEveryMs } = this.#config;
    for (const member of this.#members) {
      let seq = 0;
      let nextAt = goAt + this.#deps.random() * sendEveryMs;
      const sendNext = (): void => {
        if (nextAt >= sendUntil) return;
        this.#after(nextAt, () => {
          member.client.send(`bench message ${++seq} from ${member.name}`);
          this.#sent++;
          nextAt += sendEveryMs;
          sendNext();
        });
      };
      sendNext();
    }
    const sampleAt = (k: number): void =>
      this.#after(goAt + k * 1000, () => {
        this.#samples.push(this.#sample());
        sampleAt(k + 1);
      });
    sampleAt(1);
    this.#after(sendUntil, () => (this.#atSendEnd = this.#sample()));
  }

  progress(): FleetProgress {
    return {
      deliveries: this.#delivered,
      sent: this.#sent,
      acked: this.#acked,
      failed: this.#failed,
      open: this.#members.filter((m) => m.openSince !== undefined).length,
    };
  }

  /** Stops the schedule, reads the final totals, closes every client and returns what was measured. */
  finish(): WorkerReport {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const final = this.#sample();
    // The tail's partial second gets its totals too, so every series covers the whole run.
    if (this.#samples.length < secondIndex(this.#deps.now(), this.#goAt) + 1) this.#samples.push(final);
    const progress = this.progress();
    for (const member of this.#members) member.client.close();
    const now = this.#deps.now();
    const receivers: ReceiverRecord[] = this.#members.map((m) => ({
      name: m.name,
      open: m.openSince === undefined ? m.open : [...m.open, [m.openSince, now]],
      received: toRanges(m.received),
      duplicates: m.duplicates,
    }));
    const messages: MessageRecord[] = [...this.#committed].map(([id, committedAt]) => ({ id, committedAt }));
    return {
      receivers,
      messages,
      latency: this.#latency.toJSON(),
      ...(this.#config.instance === undefined ? {} : { crossLatency: this.#crossLatency.toJSON() }),
      deliveries: this.#deliveries.values,
      latencySum: this.#latencySum.values,
      latencyMax: this.#latencyMax.values,
      samples: this.#samples,
      atSendEnd: this.#atSendEnd ?? final,
      final,
      progress,
    };
  }

  #onMessage(member: Member, message: Message): void {
    const now = this.#deps.now();
    this.#committed.set(message.id, message.serverAt);
    if (member.received.has(message.id)) {
      member.duplicates++;
      return;
    }
    member.received.add(message.id);
    this.#delivered++;
    const latency = Math.max(0, now - message.sentAt);
    this.#latency.add(latency);
    const { instance } = this.#config;
    if (instance !== undefined && instanceOf(message.user) !== instance) this.#crossLatency.add(latency);
    const second = secondIndex(now, this.#goAt);
    this.#deliveries.add(second, 1);
    this.#latencySum.add(second, latency);
    this.#latencyMax.max(second, latency);
  }

  #onAck(entry: OutboxEntry): void {
    this.#acked++;
    if (entry.id !== undefined && !this.#committed.has(entry.id)) this.#committed.set(entry.id, this.#deps.now());
  }

  #sample(): CounterSample {
    const total = { tcpConnections: 0, requests: 0, polls: 0, emptyPolls: 0, bytesSent: 0, bytesReceived: 0, reconnects: 0, duplicatesDropped: 0 };
    for (const { client } of this.#members) {
      const stats: ClientStats = client.stats();
      total.tcpConnections += stats.tcpConnections;
      total.requests += stats.requests;
      total.polls += stats.polls ?? 0;
      total.emptyPolls += stats.emptyPolls ?? 0;
      total.bytesSent += stats.bytesSent;
      total.bytesReceived += stats.bytesReceived;
      total.reconnects += stats.reconnects;
      total.duplicatesDropped += stats.duplicatesDropped;
    }
    return total;
  }

  /** Runs `fn` at epoch ms `at`, or at once when that has passed. */
  #after(at: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, Math.max(0, at - this.#deps.now()));
    this.#timers.add(timer);
  }
}
