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
  const start = at + key.length;
  const i = digitsFrom(text, start);
  if (i === start) return undefined;
  if (text.charCodeAt(i) === DOT) {
    const end = digitsFrom(text, i + 1);
    if (end > i + 1) return Number(text.slice(start, end));
  }
  let value = 0;
  for (let k = start; k < i; k++) value = value * 10 + text.charCodeAt(k) - ZERO;
  return value;
}

const ZERO = 48;
const DOT = 46;

/** The index of the first non-digit at or after `from`. */
function digitsFrom(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i) - ZERO;
    if (c < 0 || c > 9) break;
    i++;
  }
  return i;
}
