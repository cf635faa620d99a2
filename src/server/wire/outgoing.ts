import type { Message } from '../../protocol/index.js';
import { encodeTextFrame, httpChunk } from './framing.js';

/**
 * A committed message with its wire encodings, each made at most once however many connections
 * receive it: fan-out copies bytes, it does not serialise per recipient.
 */
export class Outgoing {
  #json: string | undefined;
  #wsFrame: Buffer | undefined;
  #wsWire: Buffer | undefined;
  #sseChunk: Buffer | undefined;
  #sseWire: Buffer | undefined;

  constructor(readonly message: Message) {}

  get id(): number {
    return this.message.id;
  }

  get json(): string {
    return (this.#json ??= JSON.stringify(this.message));
  }

  /** `{"type":"message","message":{…}}` as UTF-8 bytes. */
  get wsFrame(): Buffer {
    return (this.#wsFrame ??= Buffer.from(`{"type":"message","message":${this.json}}`));
  }

  /** The `message` frame as a complete WebSocket frame, header included, ready for any socket. */
  get wsWire(): Buffer {
    return (this.#wsWire ??= encodeTextFrame(this.wsFrame));
  }

  /** One SSE event, blank line included. */
  get sseChunk(): Buffer {
    return (this.#sseChunk ??= Buffer.from(`id: ${this.message.id}\nevent: message\ndata: ${this.json}\n\n`));
  }

  /** The SSE event as one HTTP chunk, ready for any stream's socket. */
  get sseWire(): Buffer {
    return (this.#sseWire ??= httpChunk(this.sseChunk));
  }
}
