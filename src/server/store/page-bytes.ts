import type { Message } from '../../protocol/index.js';
import type { HistoryPage } from './history-store.js';

/** Characters JSON writes as themselves, one byte each: printable ASCII but `"` and `\`. */
const NEEDS_COUNTING = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;

/** The bytes `JSON.stringify(text)` takes in UTF-8, quotes included. */
export function jsonStringBytes(text: string): number {
  if (!NEEDS_COUNTING.test(text)) return text.length + 2;
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) bytes += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    else if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6; // a lone surrogate is written as \udXXX
    } else if (c >= 0xdc00 && c <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

// `{"id":` `,"room":` `,"user":` `,"text":` `,"sentAt":` `,"serverAt":` `}`, and `,"clientId":` when there is one.
const FIXED_BYTES = 6 + 8 + 8 + 8 + 10 + 12 + 1;
const CLIENT_ID_KEY_BYTES = 12;

/** The bytes `JSON.stringify(message)` takes in UTF-8, counted without making it. */
export function messageJsonBytes(message: Message): number {
  const { id, room, user, text, sentAt, serverAt, clientId } = message;
  let bytes = FIXED_BYTES + String(id).length + jsonStringBytes(room) + jsonStringBytes(user) + jsonStringBytes(text) + String(sentAt).length + String(serverAt).length;
  if (clientId !== undefined) bytes += CLIENT_ID_KEY_BYTES + jsonStringBytes(clientId);
  return bytes;
}

/**
 * A page already cut by count, cut again where its messages' JSON would pass `maxBytes`: the first
 * message always stays, so that a reader can go on; `hasMore` is set when anything was left out.
 */
export function capPageBytes(messages: readonly Message[], hasMore: boolean, maxBytes: number): HistoryPage {
  // One message always stays: nothing to count, which is every live poll's page.
  if (messages.length <= 1) return { messages, hasMore };
  let bytes = 0;
  for (let i = 0; i < messages.length; i++) {
    bytes += messageJsonBytes(messages[i]!);
    if (bytes > maxBytes && i > 0) return { messages: messages.slice(0, i), hasMore: true };
  }
  return { messages, hasMore };
}
