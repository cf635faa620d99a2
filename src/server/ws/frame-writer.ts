import type { Duplex } from 'node:stream';

const dirty = new Set<FrameWriter>();
let scheduled = false;

function flushAll(): void {
  scheduled = false;
  for (const writer of dirty) writer.flush();
  dirty.clear();
}

/**
 * Writes whole, pre-encoded WebSocket frames to a connection's socket, coalescing what one tick
 * produced into one write: under load a socket gets one syscall per tick, not one per message.
 * Every frame of ours goes through here, so they keep their order; the ws library itself only
 * writes pings and the close frame, and `flush()` runs before a close.
 */
export class FrameWriter {
  #pending: Buffer[] = [];

  constructor(private readonly socket: Duplex) {}

  write(frame: Buffer): void {
    if (this.socket.destroyed) return;
    this.#pending.push(frame);
    dirty.add(this);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flushAll);
    }
  }

  flush(): void {
    const pending = this.#pending;
    if (pending.length === 0) return;
    this.#pending = [];
    if (this.socket.destroyed || !this.socket.writable) return;
    this.socket.write(pending.length === 1 ? pending[0]! : Buffer.concat(pending));
  }

  /**
   * Bytes written that the peer has not taken yet. What this tick produced is left out: it goes to
   * the kernel at the end of the tick, and only what the kernel then refuses says the reader is slow.
   */
  get buffered(): number {
    return this.socket.writableLength;
  }
}
