import type { Message } from '../../protocol/index.js';
import { createClient, preciseNow, type ChatClient, type ClientOptions, type OutboxEntry } from '../../transports/index.js';
import type { MessageRecord } from '../figures/completeness.js';
import { LatencyHistogram } from '../figures/histogram.js';
import { PerSecond, secondIndex } from '../figures/series.js';
import { CounterTally, type CounterSample } from './client-counters.js';
import { newMember, noteState, receiverRecord, type Member } from './client-member.js';
import { clientName, instanceOf, type ClientConfig, type ClientProgress, type ClientReport, type ClientWarmUp } from './client-protocol.js';

/** Seams for tests; a worker uses the real ones. */
export interface ClientFleetDeps {
  readonly createClient: (options: ClientOptions) => ChatClient;
  readonly now: () => number;
  readonly random: () => number;
}

const realDeps: ClientFleetDeps = { createClient, now: preciseNow, random: Math.random };

/** What a warm-up message says first; its deliveries and acknowledgements are not measured. */
export const WARM_UP_TEXT = 'warm-up from ';
/** The fewest messages a warm-up sends in a room, however small the room. */
export const MIN_WARM_UP_MESSAGES = 300;

/**
 * One worker's share of a run: ChatClients made by createClient exactly as the UI makes them,
 * each sending on its schedule, every delivery timed (receiver's clock − sentAt) and recorded by
 * (message id, receiver) for the completeness check.
 */
export class ClientFleet {
  readonly #config: ClientConfig;
  readonly #deps: ClientFleetDeps;
  readonly #members: Member[] = [];
  readonly #latency = new LatencyHistogram();
  readonly #crossLatency = new LatencyHistogram();
  readonly #deliveries = new PerSecond();
  readonly #latencySum = new PerSecond();
  readonly #latencyMax = new PerSecond();
  /** Message id → commit time: serverAt when seen delivered, else when it was acknowledged. */
  readonly #committed = new Map<number, number>();
  readonly #counters: CounterTally;
  readonly #samples: CounterSample[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #atSendEnd: CounterSample | undefined;
  /** Warm-up deliveries so far, over all members. */
  #warmReceived = 0;
  #warmWaiter: (() => void) | undefined;
  #goAt = 0;
  #sent = 0;
  #acked = 0;
  #failed = 0;
  #delivered = 0;

  constructor(config: ClientConfig, deps: ClientFleetDeps = realDeps) {
    this.#config = config;
    this.#deps = deps;
    this.#counters = new CounterTally(config.transport, config.keepalive);
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
        // The study's clients tell no read positions and ask for none: every request is the workload's.
        const client = this.#deps.createClient({ server: config.server, room: config.room, user: name, transport: config.transport, keepalive: config.keepalive, interval: config.intervalMs, receipts: false });
        const member = newMember(name, client);
        this.#members.push(member);
        client.on('state', (next, previous) => {
          if (noteState(member, next, previous, this.#deps.now()) && --waiting === 0) {
            clearTimeout(timer);
            resolve();
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

  /**
   * The warm-up, unmeasured: the run's own schedule for `durationMs` (each client sends every
   * `sendEveryMs` from a random offset, at least once), sped up when that would make fewer than
   * `minMessages` in the room (`roomSize` clients over all workers). Resolves once every
   * client has received every warm-up message of the room. A freshly started process runs each
   * path slowly until V8 has optimised it, and only real traffic does that: the clients' request
   * path takes a while of it, and a server's receive path more messages than a small room sends
   * on its own schedule in the warm-up's time (bench/README.md has the measurements). A burst of
   * one message each would not do, as it arrives in a few batched polls. Nothing of the warm-up is
   * measured: its deliveries are left out, and what it added to the counters (TCP connections
   * excepted, see CounterTally) is taken off them when sending starts.
   */
  warmUp({ roomSize, durationMs, timeoutMs, minMessages = MIN_WARM_UP_MESSAGES }: ClientWarmUp): Promise<void> {
    this.#counters.warmUpStarts(this.#members);
    const { sendEveryMs } = this.#config;
    const perClient = Math.max(1, Math.round(durationMs / sendEveryMs), Math.ceil(minMessages / roomSize));
    const everyMs = Math.min(sendEveryMs, durationMs / perClient);
    const expected = roomSize * perClient * this.#members.length;
    const start = this.#deps.now();
    return new Promise((resolve, reject) => {
      // Tracked with the schedule's timers, so that finish() stops it too.
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#warmWaiter = undefined;
        reject(new Error(`warm-up: ${this.#warmReceived} of ${expected} deliveries within ${durationMs + timeoutMs} ms`));
      }, durationMs + timeoutMs);
      this.#timers.add(timer);
      this.#warmWaiter = () => {
        if (this.#warmReceived < expected) return;
        clearTimeout(timer);
        this.#timers.delete(timer);
        this.#warmWaiter = undefined;
        resolve();
      };
      for (const member of this.#members) {
        const first = start + this.#deps.random() * everyMs;
        for (let k = 0; k < perClient; k++) this.#after(first + k * everyMs, () => member.client.send(`${WARM_UP_TEXT}${member.name}`));
      }
    });
  }

  /** Starts sending at `goAt` (each client after a random offset within one period) until `sendUntil`. */
  go(goAt: number, sendUntil: number): void {
    this.#goAt = goAt;
    this.#counters.warmUpEnds(this.#members);
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
        this.#samples.push(this.#counters.sample(this.#members));
        sampleAt(k + 1);
      });
    sampleAt(1);
    this.#after(sendUntil, () => (this.#atSendEnd = this.#counters.sample(this.#members)));
  }

  progress(): ClientProgress {
    return {
      deliveries: this.#delivered,
      sent: this.#sent,
      acked: this.#acked,
      failed: this.#failed,
      open: this.#members.filter((m) => m.openSince !== undefined).length,
    };
  }

  /** Stops the schedule, reads the final totals, closes every client and returns what was measured. */
  finish(): ClientReport {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const final = this.#counters.sample(this.#members);
    // The tail's partial second gets its totals too, so every series covers the whole run.
    if (this.#samples.length < secondIndex(this.#deps.now(), this.#goAt) + 1) this.#samples.push(final);
    const progress = this.progress();
    for (const member of this.#members) member.client.close();
    const now = this.#deps.now();
    const receivers = this.#members.map((member) => receiverRecord(member, now));
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
    if (message.text.startsWith(WARM_UP_TEXT)) {
      if (member.warm.has(message.id)) return;
      member.warm.add(message.id);
      this.#warmReceived++;
      this.#warmWaiter?.();
      return;
    }
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
    if (entry.text.startsWith(WARM_UP_TEXT)) return;
    this.#acked++;
    if (entry.id !== undefined && !this.#committed.has(entry.id)) this.#committed.set(entry.id, this.#deps.now());
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
