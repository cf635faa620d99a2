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

/** The non-negative number (digits, then perhaps a fraction) right after the first `key`, if any. */
export function numberAfter(text: string, key: string): number | undefined {
  const at = text.indexOf(key);
  if (at === -1) return undefined;
  let i = at + key.length;
  const start = i;
  let value = 0;
  for (let c = digitAt(text, i); c >= 0; c = digitAt(text, ++i)) value = value * 10 + c;
  if (i === start) return undefined;
  if (text.charCodeAt(i) !== DOT) return value;
  // Read without making a string of it: a load generator reads one per delivery.
  let fraction = 0;
  let scale = 1;
  for (let c = digitAt(text, ++i); c >= 0; c = digitAt(text, ++i)) {
    fraction = fraction * 10 + c;
    scale *= 10;
  }
  return value + fraction / scale;
}

const ZERO = 48;
const DOT = 46;

/** The digit at `i` (0–9), or −1 for anything else or past the end. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - ZERO;
  return c >= 0 && c <= 9 ? c : -1;
}
