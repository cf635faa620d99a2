import type { Message } from '../../protocol/plain.js';
import type { ChatClient, ClientStats, Clock, ConnectionState, OutboxEntry } from '../../transports/types.js';
import type { RaceLane } from './lanes.js';

/** Messages each lane keeps to show, newest last. */
export const RECENT_PER_LANE = 30;

/** A message as a lane received it. */
export interface Arrival {
  /** Numbers the race's arrivals, all lanes together: a key that no history reset repeats. */
  readonly seq: number;
  readonly id: number;
  readonly user: string;
  readonly text: string;
  /** How long after it was sent it arrived here, ms (sender and lane share this process's clock). */
  readonly delayMs: number;
}

/** One lane as it stands. */
export interface LaneSnapshot {
  readonly lane: RaceLane;
  readonly client: ChatClient;
  readonly state: ConnectionState;
  readonly stats: ClientStats;
  /** Messages the race sent (typed or a bot's) that this lane received. */
  readonly received: number;
  readonly recent: readonly Arrival[];
}

/** The last message typed, and where it has landed so far, first first. */
export interface LastTyped {
  readonly text: string;
  readonly arrivals: readonly { readonly lane: RaceLane; readonly delayMs: number }[];
}

/** Everything a race screen draws, read at one moment. */
export interface RaceSnapshot {
  readonly lanes: readonly LaneSnapshot[];
  /** Messages the race sent (typed, and the bots') that the server acknowledged: what every lane should receive. */
  readonly sent: number;
  readonly last: LastTyped | undefined;
}

interface LaneRecord {
  readonly lane: RaceLane;
  readonly client: ChatClient;
  received: number;
  /** The race's messages this lane has, whose acknowledgement has not reached their sender yet. */
  readonly early: Set<string>;
  recent: Arrival[];
}

export interface RaceOptions {
  readonly lanes: readonly { readonly lane: RaceLane; readonly client: ChatClient }[];
  /** Sends what is typed, once, for every lane to receive. */
  readonly sender: ChatClient;
  readonly clock: Clock;
}

/**
 * The race: one client per lane in one room, one sender, and the bots; it keeps what each lane
 * received of the race's messages, with how long each took, and the arrival order of the last one
 * typed. It listens to the clients; it does not connect or close them.
 */
export class Race {
  readonly #clock: Clock;
  readonly #sender: ChatClient;
  readonly #lanes: LaneRecord[];
  /** clientIds of the race's messages the server acknowledged. */
  readonly #sent = new Set<string>();
  /** clientIds the race's senders wrote, acknowledged or not: whose arrivals count. */
  readonly #ours = new Set<string>();
  readonly #listeners = new Set<() => void>();
  readonly #stops: (() => void)[] = [];
  #last: { clientId: string; text: string; arrivals: { lane: RaceLane; delayMs: number }[] } | undefined;
  #arrivals = 0;

  constructor({ lanes, sender, clock }: RaceOptions) {
    this.#clock = clock;
    this.#sender = sender;
    this.#lanes = lanes.map(({ lane, client }) => ({ lane, client, received: 0, early: new Set(), recent: [] }));
    for (const record of this.#lanes) {
      const onMessage = (message: Message): void => this.#arrived(record, message);
      const onState = (): void => this.#changed();
      record.client.on('message', onMessage).on('state', onState);
      this.#stops.push(() => void record.client.off('message', onMessage).off('state', onState));
    }
    this.watchSender(sender);
  }

  /** The lanes' clients, in order. */
  get clients(): readonly ChatClient[] {
    return this.#lanes.map((record) => record.client);
  }

  /** Sends `text` once, from the sender; every lane should receive it. */
  send(text: string): OutboxEntry {
    const entry = this.#sender.send(text);
    if (entry.status !== 'failed') {
      this.#ours.add(entry.clientId);
      this.#last = { clientId: entry.clientId, text, arrivals: [] };
    }
    this.#changed();
    return entry;
  }

  /** Counts what `client` (a bot) sends as the race's; returns what stops it. */
  watchSender(client: ChatClient): () => void {
    const onOutbox = (entries: readonly OutboxEntry[]): void => {
      for (const entry of entries) this.#ours.add(entry.clientId);
    };
    const onAck = (entry: OutboxEntry): void => this.#acked(entry.clientId);
    client.on('outbox', onOutbox).on('ack', onAck);
    const stop = (): void => void client.off('outbox', onOutbox).off('ack', onAck);
    this.#stops.push(stop);
    return stop;
  }

  /** Tells `listener` of every change; returns what stops it. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  snapshot(): RaceSnapshot {
    const last = this.#last;
    return {
      lanes: this.#lanes.map((record) => ({
        lane: record.lane,
        client: record.client,
        state: record.client.state,
        stats: record.client.stats(),
        received: record.received,
        recent: record.recent,
      })),
      sent: this.#sent.size,
      last: last === undefined ? undefined : { text: last.text, arrivals: [...last.arrivals] },
    };
  }

  /** Stops listening to every client. */
  dispose(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.#listeners.clear();
  }

  #arrived(record: LaneRecord, message: Message): void {
    const delayMs = Math.max(0, this.#clock.now() - message.sentAt);
    const recent = [...record.recent, { seq: ++this.#arrivals, id: message.id, user: message.user, text: message.text, delayMs }];
    record.recent = recent.length > RECENT_PER_LANE ? recent.slice(-RECENT_PER_LANE) : recent;
    const { clientId } = message;
    if (clientId !== undefined && this.#ours.has(clientId)) {
      if (this.#sent.has(clientId)) record.received++;
      else record.early.add(clientId);
      if (this.#last?.clientId === clientId) this.#last.arrivals.push({ lane: record.lane, delayMs });
    }
    this.#changed();
  }

  /** A message of the race's is stored: lanes that had it already count it now. */
  #acked(clientId: string): void {
    if (this.#sent.has(clientId)) return;
    this.#sent.add(clientId);
    for (const record of this.#lanes) if (record.early.delete(clientId)) record.received++;
    this.#changed();
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
