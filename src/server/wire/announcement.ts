import type { ReadPosition } from '../../protocol/index.js';
import { encodeTextFrame, httpChunk } from './framing.js';

/** What an announcement says: a presence change or a typist (`user` says whose news it is), or read positions. */
export type AnnouncementData = { readonly user: string } | { readonly reads: readonly ReadPosition[] };

/**
 * A presence, typing or read-receipts event with its wire encodings, each made at most once
 * however many listeners hear it: a join in a room of N is one serialisation, not N.
 */
export class Announcement {
  #wsWire: Buffer | undefined;
  #sseWire: Buffer | undefined;

  constructor(
    readonly type: 'presence' | 'typing' | 'reads',
    readonly data: AnnouncementData,
  ) {}

  /** `{"type":…, …data}` as a complete WebSocket frame. */
  get wsWire(): Buffer {
    return (this.#wsWire ??= encodeTextFrame(Buffer.from(JSON.stringify({ type: this.type, ...this.data }))));
  }

  /** One SSE event named after the type, blank line included, as one HTTP chunk. */
  get sseWire(): Buffer {
    return (this.#sseWire ??= httpChunk(Buffer.from(`event: ${this.type}\ndata: ${JSON.stringify(this.data)}\n\n`)));
  }
}
