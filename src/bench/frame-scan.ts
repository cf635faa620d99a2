/** What a load generator needs of a server frame, and nothing more. */
export type ScannedFrame = { readonly kind: 'message'; readonly id: number; readonly sentAt: number } | { readonly kind: 'ack'; readonly id: number } | { readonly kind: 'other' };

const MESSAGE = '{"type":"message"';
const ACK = '{"type":"ack"';
const OTHER: ScannedFrame = { kind: 'other' };

/**
 * Reads a message frame's id and sentAt, or an ack's id, without parsing the JSON — as a load
 * tool would, so the measurement is of the server and not of the client's parser. Both servers
 * write `type` first. A key inside message text cannot be mistaken for a field: JSON escapes
 * its quotes (`\"id\":`).
 */
export function scanFrame(text: string): ScannedFrame {
  if (text.startsWith(MESSAGE)) {
    const id = numberAfter(text, '"id":');
    const sentAt = numberAfter(text, '"sentAt":');
    return id === undefined || sentAt === undefined ? OTHER : { kind: 'message', id, sentAt };
  }
  if (text.startsWith(ACK)) {
    const id = numberAfter(text, '"id":');
    return id === undefined ? OTHER : { kind: 'ack', id };
  }
  return OTHER;
}

/** The non-negative integer right after the first `key`, if any. */
export function numberAfter(text: string, key: string): number | undefined {
  const at = text.indexOf(key);
  if (at === -1) return undefined;
  let i = at + key.length;
  let value = 0;
  const start = i;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
  }
  return i === start ? undefined : value;
}
