import {
  readMessage,
  readMessagesPage,
  readPostAnswer,
  readPresenceAnswer,
  readPresenceEvent,
  readServerFrame,
  readTyping,
  readWelcome,
  SERVER_FRAME_TYPES,
  type GetMessagesResponse,
  type Message,
  type OnlineEntry,
  type Reader,
  type ServerFrame,
} from '../protocol/plain.js';
import { sanitizeLine, sanitizeText } from './sanitize.js';

// What the server sends is checked before it is believed: a proxy, an old server or a bug
// must show up as a protocol error, not as undefined fields deep in the UI. And every string in
// it is made safe to draw here, once, so that no part of the client can forget to. The readers
// are plain code, so that this runs in the web page as in the terminal.
function decode<T>(read: Reader<T>, raw: string): T | undefined {
  const value = read(readJson(raw));
  if (value !== undefined) sanitizeStrings(value);
  return value;
}

/** The value of JSON text, or undefined (which JSON cannot say) for text that is not JSON. */
function readJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * Replaces every string of a value that was just decoded (the reader's copy, which nothing else
 * holds) by its safe form, at every depth, whatever the field. A message's `text` keeps its lines;
 * every other string (names, codes, reasons, ids) is one line.
 */
function sanitizeStrings(value: unknown): void {
  // Written back only when changed, which nearly no string is.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'string') {
        const safe = sanitizeLine(item);
        if (safe !== item) value[i] = safe;
      } else if (typeof item === 'object' && item !== null) sanitizeStrings(item);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const field = record[key];
    if (typeof field === 'string') {
      const safe = key === 'text' ? sanitizeText(field) : sanitizeLine(field);
      if (safe !== field) record[key] = safe;
    } else if (typeof field === 'object' && field !== null) sanitizeStrings(field);
  }
}

/**
 * A WebSocket text frame from the server; 'unknown' for a well-formed frame of a type this client
 * does not know (a newer server: skip it), undefined for anything malformed.
 */
export function decodeServerFrame(raw: string): ServerFrame | 'unknown' | undefined {
  const value = readJson(raw);
  const frame = readServerFrame(value);
  if (frame !== undefined) {
    sanitizeStrings(frame);
    return frame;
  }
  const type = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { type?: unknown }).type : undefined;
  return typeof type === 'string' && !SERVER_FRAME_TYPES.has(type) ? 'unknown' : undefined;
}

/** An SSE event by name, as the frame the WebSocket would have carried; undefined for unknown or malformed ones. */
export function decodeSseEvent(event: string | undefined, data: string): ServerFrame | undefined {
  switch (event) {
    case 'welcome': {
      const value = decode(readWelcome, data);
      return value && { type: 'welcome', ...value };
    }
    case 'message': {
      const value = decode(readMessage, data);
      return value && { type: 'message', message: value };
    }
    case 'presence': {
      const value = decode(readPresenceEvent, data);
      return value && { type: 'presence', ...value };
    }
    case 'typing': {
      const value = decode(readTyping, data);
      return value && { type: 'typing', user: value.user };
    }
    default:
      return undefined;
  }
}

/** The body of GET /messages. */
export function decodeMessagesPage(raw: string): GetMessagesResponse | undefined {
  return decode(readMessagesPage, raw);
}

/** The stored message from the body of POST /messages. */
export function decodePostAnswer(raw: string): Message | undefined {
  return decode(readPostAnswer, raw)?.message;
}

/** The list from GET /presence. */
export function decodePresence(raw: string): readonly OnlineEntry[] | undefined {
  return decode(readPresenceAnswer, raw)?.online;
}

/** What an HTTP error answer says, `{error, code, retryAfterMs?}`: each part only when it is what it should be. */
export interface ErrorAnswer {
  readonly code?: string;
  readonly error?: string;
  readonly retryAfterMs?: number;
}

/** The body of an HTTP error answer; a body that is not JSON (a proxy's page) says nothing. */
export function decodeErrorAnswer(raw: string): ErrorAnswer {
  const value = readJson(raw);
  if (typeof value !== 'object' || value === null) return {};
  const { code, error, retryAfterMs } = value as { code?: unknown; error?: unknown; retryAfterMs?: unknown };
  return {
    ...(typeof code === 'string' ? { code: sanitizeLine(code) } : {}),
    ...(typeof error === 'string' ? { error: sanitizeLine(error) } : {}),
    ...(typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? { retryAfterMs } : {}),
  };
}

/** The reason of a WebSocket close frame from the server. */
export function decodeCloseReason(reason: Buffer): string {
  return sanitizeLine(reason.toString('utf8'));
}

/** The start of something the server sent that could not be decoded, to quote in a reason. */
export function excerpt(raw: string): string {
  return sanitizeLine(raw.slice(0, 80));
}
