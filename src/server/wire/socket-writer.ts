import type { Duplex } from 'node:stream';

/** How often a paced writer looks whether its reader has taken enough. */
const DRAIN_POLL_MS = 5;

/** Writers with frames pending, each listed once (when its first frame of the tick came). */
let dirty: SocketWriter[] = [];

function flushAll(): void {
  const writers = dirty;
  dirty = [];
  for (const writer of writers) writer.flush();
}

/**
 * Resolves once the frames written in this tick are on their sockets. POST /messages answers
 * after it, so that the room's copies of a message leave before the sender's acknowledgment, as
 * on a WebSocket (and a process holding both ends reads the copies first).
 */
export function framesWritten(): Promise<void> {
  return dirty.length === 0 ? Promise.resolve() : new Promise((resolve) => setImmediate(resolve));
}

/**
 * Writes whole, pre-encoded frames (WebSocket frames, SSE's HTTP chunks) to a connection's socket,
 * coalescing what one tick produced into one write: under load a socket gets one syscall per
 * tick, not one per message (a tick that writes past the reader's bound hands it over early, by
 * `flush()`). Every frame of ours goes through here, so they keep their order;
 * besides, ws only writes pings and the close frame, Node only an SSE response's headers and its
 * last chunk, and `flush()` runs before either closes.
 */
export class SocketWriter {
  /** The tick's first frame, usually its only one: no array is made for it. */
  #first: Buffer | undefined;
  #more: Buffer[] | undefined;
  /** Bytes of the frames held for the end of the tick. */
  #held = 0;

  constructor(private readonly socket: Duplex) {}

  write(frame: Buffer): void {
    this.#held += frame.length;
    if (this.#first === undefined) {
      this.#first = frame;
      if (dirty.length === 0) setImmediate(flushAll);
      dirty.push(this);
    } else {
      (this.#more ??= []).push(frame);
    }
  }

  flush(): void {
    const first = this.#first;
    if (first === undefined) return;
    const more = this.#more;
    this.#first = undefined;
    this.#more = undefined;
    this.#held = 0;
    // A socket that went meanwhile drops what was meant for it.
    if (this.socket.destroyed || !this.socket.writable) return;
    this.socket.write(more === undefined ? first : Buffer.concat([first, ...more]));
  }

  /**
   * Bytes written that the peer has not taken yet: what the socket holds because the kernel would
   * not, and what this tick wrote, held until its end. A peer that sends many frames in one read
   * gets every answer in the same tick, so the tick's bytes count too, or they could grow without
   * bound before the socket showed any of them.
   */
  get buffered(): number {
    return this.socket.writableLength + this.#held;
  }

  /**
   * Undefined when at most `bytes` are unread; else a promise that resolves once they are, or once
   * `gone()` says the connection ended. It is polled: a socket tells when it has drained, not when
   * it is below a mark.
   */
  drainedTo(bytes: number, gone: () => boolean): Promise<void> | undefined {
    if (this.buffered <= bytes) return undefined;
    return (async () => {
      while (!gone() && this.buffered > bytes) {
        // What this tick wrote leaves at its end, the turn after which is soon enough to look
        // again; what the kernel then refused takes the reader's time.
        await new Promise((resolve) => (this.#held > 0 ? setImmediate(resolve) : setTimeout(resolve, DRAIN_POLL_MS)));
      }
    })();
  }
}
