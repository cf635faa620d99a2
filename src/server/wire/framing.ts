/**
 * The two framings the server's bytes take on the wire, each applied once to bytes that many
 * connections then share: a WebSocket text frame and an HTTP chunk.
 */

const CRLF = Buffer.from('\r\n');

/**
 * An unmasked, final WebSocket text frame (RFC 6455 §5.2) around `payload`, header and payload in
 * one buffer. Server frames are never masked, so one encoding serves every recipient.
 */
export function encodeTextFrame(payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 0x10000 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // FIN + opcode 1 (text)
  if (length < 126) {
    frame[1] = length;
  } else if (length < 0x10000) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 0x100000000), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  payload.copy(frame, headerLength);
  return frame;
}

/**
 * `payload` as one chunk of a `Transfer-Encoding: chunked` body: its size in hex, CRLF, the bytes,
 * CRLF. Streams that write straight to the socket frame their bytes with this, as Node would have.
 */
export function httpChunk(payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`, 'latin1'), payload, CRLF]);
}
