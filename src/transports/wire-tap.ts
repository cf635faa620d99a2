import type { Socket } from 'node:net';
import type { TransportKind } from '../protocol/plain.js';
import type { Clock } from './types.js';
import { claim, type SocketTally, type SocketWatcher, type TrackedSocket } from './socket-tally.js';
import type { FrameOpcode, HttpPurpose, WireDetail, WireDirection, WireEvent, WireListener } from './wire-events.js';
import { pageContent, purposeOf, sentText, waitOf } from './wire-reading.js';

/** An HTTP request as the wire view reads it. */
export interface WireRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query. */
  readonly path: string;
  readonly body?: string | undefined;
}

/** An event of arriving bytes, held until the reads in progress are done. */
interface Inbound {
  readonly at: number;
  readonly detail: WireDetail;
  readonly payload: number;
  /** The bytes it should take, as far as the transport can tell: a frame's size, a head's; Infinity for all there are. */
  readonly estimate: number;
}

/**
 * The wire view's source: what the transports do, told as WireEvents, with bytes taken from the
 * same socket counts as the status bar's (SocketTally). Outgoing bytes are known when they are
 * written, so their event goes at once. Arriving ones are read in chunks that may hold several
 * frames or events, or part of one: their events wait until the reads of this turn of the event
 * loop are done, then share what the socket read, each its own size and the last the rest, so
 * that no byte is told twice or left out.
 *
 * It exists only while someone listens: the transports ask the meter for it and do nothing more
 * when there is none.
 */
export class WireTap implements SocketWatcher {
  readonly #tally: SocketTally;
  readonly #clock: Clock;
  /** The transport of the attempt in progress, for a request that got no socket at all. */
  readonly #transport: () => TransportKind;
  readonly #listeners = new Set<WireListener>();
  readonly #inbound = new Map<TrackedSocket, Inbound[]>();
  /** Sockets that closed, told once what came in before the close is (a WebSocket's close frame is told after its socket's close). */
  readonly #closed = new Set<TrackedSocket>();
  #flushing = false;

  constructor(tally: SocketTally, clock: Clock, transport: () => TransportKind) {
    this.#tally = tally;
    this.#clock = clock;
    this.#transport = transport;
    tally.markAllTold();
    tally.watcher = this;
  }

  /** Adds a listener; returns what removes it. */
  listen(listener: WireListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get listening(): boolean {
    return this.#listeners.size > 0;
  }

  /** Nobody listens any more: the tally stops telling this tap anything. */
  detach(): void {
    if (this.#tally.watcher === this) this.#tally.watcher = undefined;
    this.#inbound.clear();
    this.#closed.clear();
  }

  connected(tracked: TrackedSocket): void {
    const ms = this.#clock.now() - tracked.connectingSince;
    this.#emitNow(tracked, 'out', 0, 0, { kind: 'connect', ms: ms > 0 ? ms : undefined });
  }

  closed(tracked: TrackedSocket): void {
    this.#closed.add(tracked);
    this.#flushSoon();
  }

  /** An HTTP request was written on `socket`. */
  request(socket: Socket, { method, path, body }: WireRequest): void {
    const tracked = this.#tally.find(socket);
    if (tracked === undefined) return;
    this.#flushAll(false);
    const waitMs = waitOf(path);
    const detail: WireDetail = { kind: 'request', method, what: purposeOf(method, path), ...(waitMs === undefined ? {} : { waitMs }) };
    this.#emit(tracked, 'out', this.#clock.now(), claim(tracked, 'sent', Infinity), method === 'POST' ? sentText(body) : 0, detail);
  }

  /** A whole HTTP answer (`body`) to a request is in: everything the socket read since, told once the reads are done. */
  answer(socket: Socket, { method, path }: WireRequest, status: number, startedAt: number, body: string): void {
    const now = this.#clock.now();
    const what = purposeOf(method, path);
    const page = status === 200 && (what === 'poll' || what === 'long poll') ? pageContent(body) : undefined;
    const detail: WireDetail = { kind: 'response', what, status, ms: now - startedAt, ...(page === undefined ? {} : { messages: page.messages }) };
    this.#hold(socket, now, detail, page?.payload ?? 0, Infinity);
  }

  /** A stream's head is in (`headBytes` of it, as far as can be told); its body follows as frames or events. */
  head(socket: Socket, what: HttpPurpose, status: number, startedAt: number, headBytes: number): void {
    const now = this.#clock.now();
    this.#hold(socket, now, { kind: 'response', what, status, ms: now - startedAt }, 0, headBytes);
  }

  /** No answer came to a request: the network failed, or the time ran out. Without a socket, the request never got one. */
  failed(socket: Socket | undefined, { method, path }: WireRequest, startedAt: number, failure: string): void {
    const now = this.#clock.now();
    const detail: WireDetail = { kind: 'response', what: purposeOf(method, path), status: undefined, ms: now - startedAt, failure };
    const tracked = socket === undefined ? undefined : this.#tally.find(socket);
    if (tracked !== undefined) return void this.#hold(socket!, now, detail, 0, Infinity);
    this.#flushAll(false);
    this.#deliver({ at: now, transport: this.#transport(), conn: 0, dir: 'in', bytes: 0, payload: 0, overhead: 0, ...detail });
  }

  /** A WebSocket frame was written on `socket`. */
  frameOut(socket: Socket, opcode: FrameOpcode, type: string | undefined, payload: number, code?: number): void {
    const tracked = this.#tally.find(socket);
    if (tracked === undefined) return;
    this.#flushAll(false);
    this.#emit(tracked, 'out', this.#clock.now(), claim(tracked, 'sent', Infinity), payload, frame(opcode, type, undefined, code, undefined));
  }

  /** A WebSocket frame of `size` bytes (header and payload) arrived on `socket`. */
  frameIn(socket: Socket, size: number, opcode: FrameOpcode, details: { type?: string; payload?: number; messages?: number; code?: number; ms?: number } = {}): void {
    this.#hold(socket, this.#clock.now(), frame(opcode, details.type, details.messages, details.code, details.ms), details.payload ?? 0, size);
  }

  /** A chunk of an event stream (`size` bytes with its HTTP chunk framing, as far as can be told) brought these events. */
  sse(socket: Socket, size: number, events: readonly string[], messages: number, payload: number): void {
    this.#hold(socket, this.#clock.now(), { kind: 'sse', events, messages }, payload, size);
  }

  #hold(socket: Socket, at: number, detail: WireDetail, payload: number, estimate: number): Inbound | undefined {
    const tracked = this.#tally.find(socket);
    if (tracked === undefined) return undefined;
    const held: Inbound = { at, detail, payload, estimate };
    const rows = this.#inbound.get(tracked);
    if (rows === undefined) this.#inbound.set(tracked, [held]);
    else rows.push(held);
    this.#flushSoon();
    return held;
  }

  #flushSoon(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    // The check phase comes after every read of this turn: what the sockets read is all in.
    setImmediate(() => {
      this.#flushing = false;
      this.#flushAll(true);
    });
  }

  /**
   * Tells the held events. `final` when the reads are done: the last event of a socket takes
   * whatever else it read (a chunk's framing, a frame not yet whole). Before that (an event going
   * out meanwhile, which must not overtake what came in before it), each takes its own size only.
   */
  #flushAll(final: boolean): void {
    for (const tracked of [...this.#inbound.keys()]) this.#flushSocket(tracked, final);
    if (!final) return;
    for (const tracked of [...this.#closed]) {
      this.#closed.delete(tracked);
      const bytes = claim(tracked, 'sent', Infinity) + claim(tracked, 'received', Infinity);
      this.#emit(tracked, 'none', this.#clock.now(), bytes, 0, { kind: 'close' });
    }
  }

  #flushSocket(tracked: TrackedSocket, final: boolean): void {
    const rows = this.#inbound.get(tracked);
    if (rows === undefined) return;
    this.#inbound.delete(tracked);
    rows.forEach((row, i) => {
      const bytes = claim(tracked, 'received', final && i === rows.length - 1 ? Infinity : row.estimate);
      this.#emit(tracked, 'in', row.at, bytes, row.payload, row.detail);
    });
  }

  #emitNow(tracked: TrackedSocket, dir: WireDirection, bytes: number, payload: number, detail: WireDetail): void {
    this.#flushAll(false);
    this.#emit(tracked, dir, this.#clock.now(), bytes, payload, detail);
  }

  #emit(tracked: TrackedSocket, dir: WireDirection, at: number, bytes: number, payload: number, detail: WireDetail): void {
    const carried = Math.min(payload, bytes);
    this.#deliver({ at, transport: tracked.transport, conn: tracked.conn, dir, bytes, payload: carried, overhead: bytes - carried, ...detail });
  }

  #deliver(event: WireEvent): void {
    for (const listener of [...this.#listeners]) listener(event);
  }
}

function frame(opcode: FrameOpcode, type: string | undefined, messages: number | undefined, code: number | undefined, ms: number | undefined): WireDetail {
  return {
    kind: 'frame',
    opcode,
    ...(type === undefined ? {} : { type }),
    ...(messages === undefined ? {} : { messages }),
    ...(code === undefined ? {} : { code }),
    ...(ms === undefined ? {} : { ms }),
  };
}
