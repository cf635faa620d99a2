import WebSocket from 'ws';
import { LatencyHistogram } from '../figures/histogram.js';
import { scanFrame } from './frame-scan.js';
import type { LoadConfig, LoadProgress, LoadReport } from './load-protocol.js';

/**
 * The clients' clock: epoch ms with a fraction, as termchat's clients stamp them (preciseNow), but
 * one read instead of two. A run lasts a minute, too short for the system clock to be set under
 * it, and at the rates where the generator is the limit a second read per delivery takes a share
 * of its core that shows (see bench/README.md).
 */
const loadClock = (): number => performance.timeOrigin + performance.now();

interface Conn {
  readonly ws: WebSocket;
  readonly name: string;
  lastId: number;
  seq: number;
}

/**
 * Raw WebSocket connections that send on a schedule and read only each message's id and sentAt:
 * the scale and idle load, kept cheap so that the server, not the client, is what runs out.
 */
export class LoadFleet {
  readonly #config: LoadConfig;
  readonly #conns: Conn[] = [];
  readonly #latency = new LatencyHistogram();
  /** Receivers per message id. */
  readonly #receivers = new Map<number, number>();
  readonly #acked: number[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();
  #duplicates = 0;
  #deliveries = 0;
  #sent = 0;
  #closed = 0;
  #finishing = false;
  #cpuAtGo: NodeJS.CpuUsage | undefined;
  #wallAtGo = 0;

  constructor(config: LoadConfig) {
    this.#config = config;
  }

  /** Opens every connection, `concurrency` handshakes at a time. */
  async connect(): Promise<void> {
    const { count, concurrency, connectTimeoutMs } = this.#config;
    let next = 0;
    const deadline = new Promise<never>((_, reject) => {
      const timer = setTimeout(() => reject(new Error(`${count - this.#conns.length} of ${count} connections did not open within ${connectTimeoutMs} ms`)), connectTimeoutMs);
      this.#timers.add(timer);
    });
    const lane = async (): Promise<void> => {
      while (next < count) await this.#open(next++);
    };
    try {
      await Promise.race([Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane)), deadline]);
    } finally {
      // A connection that failed ends the wait too: its deadline must not outlive it.
      for (const timer of this.#timers) clearTimeout(timer);
      this.#timers.clear();
    }
  }

  /** Each connection sends every `sendEveryMs` from a random offset after `goAt` until `sendUntil`. */
  go(goAt: number, sendUntil: number): void {
    const { sendEveryMs } = this.#config;
    this.#cpuAtGo = process.cpuUsage();
    this.#wallAtGo = Date.now();
    for (const conn of this.#conns) {
      let nextAt = goAt + Math.random() * sendEveryMs;
      const tick = (): void => {
        if (nextAt >= sendUntil) return;
        const timer = setTimeout(() => {
          this.#timers.delete(timer);
          this.#send(conn);
          nextAt += sendEveryMs;
          tick();
        }, Math.max(0, nextAt - Date.now()));
        this.#timers.add(timer);
      };
      tick();
    }
  }

  progress(): LoadProgress {
    return { deliveries: this.#deliveries, sent: this.#sent, acked: this.#acked.length, closed: this.#closed };
  }

  /** Stops sending, closes every connection and returns what was measured. */
  finish(): LoadReport {
    this.#finishing = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const progress = this.progress();
    const cpu = process.cpuUsage(this.#cpuAtGo);
    const wallMs = this.#cpuAtGo === undefined ? 0 : Date.now() - this.#wallAtGo;
    for (const { ws } of this.#conns) ws.terminate();
    return {
      latency: this.#latency.toJSON(),
      receivers: [...this.#receivers],
      ackedIds: this.#acked,
      duplicates: this.#duplicates,
      progress,
      cpuMs: this.#cpuAtGo === undefined ? 0 : (cpu.user + cpu.system) / 1000,
      wallMs,
    };
  }

  #open(index: number): Promise<void> {
    const { url, room, roomSize, firstIndex } = this.#config;
    const name = `u${firstIndex + index}`;
    const roomName = roomSize === undefined ? room : `${room}-${Math.floor((firstIndex + index) / roomSize)}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${url}?room=${roomName}&user=${name}`, { perMessageDeflate: false });
      const conn: Conn = { ws, name, lastId: 0, seq: 0 };
      ws.once('open', () => {
        this.#conns.push(conn);
        resolve();
      });
      ws.once('error', (error) => reject(new Error(`connection ${name}: ${error.message}`)));
      ws.on('message', (data: Buffer) => this.#onFrame(conn, data));
      ws.once('close', () => {
        if (!this.#finishing) this.#closed++;
      });
    });
  }

  #onFrame(conn: Conn, data: Buffer): void {
    // Latin-1 keeps byte offsets; the fields read are ASCII.
    const frame = scanFrame(data.toString('latin1'));
    if (frame.kind === 'message') {
      const now = loadClock();
      if (frame.id <= conn.lastId) {
        this.#duplicates++;
        return;
      }
      conn.lastId = frame.id;
      this.#deliveries++;
      this.#latency.add(now - frame.sentAt);
      this.#receivers.set(frame.id, (this.#receivers.get(frame.id) ?? 0) + 1);
    } else if (frame.kind === 'ack') {
      this.#acked.push(frame.id);
    }
  }

  #send(conn: Conn): void {
    if (conn.ws.readyState !== WebSocket.OPEN) return;
    conn.ws.send(`{"type":"send","text":"load ${++conn.seq}","clientId":"${conn.name}-${conn.seq}","sentAt":${loadClock()}}`);
    this.#sent++;
  }
}
