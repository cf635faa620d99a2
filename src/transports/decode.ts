import { z } from 'zod';
import {
  getMessagesResponseSchema,
  postMessageResponseSchema,
  presenceResponseSchema,
  serverFrameSchema,
  sseEventSchemas,
  type GetMessagesResponse,
  type Message,
  type OnlineEntry,
  type ServerFrame,
} from '../protocol/index.js';

// What the server sends is checked before it is believed: a proxy, an old server or a bug
// must show up as a protocol error, not as undefined fields deep in the UI.
function parse<T>(schema: z.ZodType<T>, raw: string): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const result = schema.safeParse(value);
  return result.success ? result.data : undefined;
}

const FRAME_TYPES: ReadonlySet<unknown> = new Set(serverFrameSchema.options.map((option) => option.shape.type.value));
const anyFrame = z.object({ type: z.string() });

/**
 * A WebSocket text frame from the server; 'unknown' for a well-formed frame of a type this client
 * does not know (a newer server: skip it), undefined for anything malformed.
 */
export function decodeServerFrame(raw: string): ServerFrame | 'unknown' | undefined {
  const frame = parse(serverFrameSchema, raw);
  if (frame !== undefined) return frame;
  const type = parse(anyFrame, raw)?.type;
  return type !== undefined && !FRAME_TYPES.has(type) ? 'unknown' : undefined;
}

/** An SSE event by name, as the frame the WebSocket would have carried; undefined for unknown or malformed ones. */
export function decodeSseEvent(event: string | undefined, data: string): ServerFrame | undefined {
  switch (event) {
    case 'welcome': {
      const value = parse(sseEventSchemas.welcome, data);
      return value && { type: 'welcome', ...value };
    }
    case 'message': {
      const value = parse(sseEventSchemas.message, data);
      return value && { type: 'message', message: value };
    }
    case 'presence': {
      const value = parse(sseEventSchemas.presence, data);
      return value && { type: 'presence', ...value };
    }
    case 'typing': {
      const value = parse(sseEventSchemas.typing, data);
      return value && { type: 'typing', user: value.user };
    }
    default:
      return undefined;
  }
}

/** The body of GET /messages. */
export function decodeMessagesPage(raw: string): GetMessagesResponse | undefined {
  return parse(getMessagesResponseSchema, raw);
}

/** The stored message from the body of POST /messages. */
export function decodePostAnswer(raw: string): Message | undefined {
  return parse(postMessageResponseSchema, raw)?.message;
}

/** The list from GET /presence. */
export function decodePresence(raw: string): readonly OnlineEntry[] | undefined {
  return parse(presenceResponseSchema, raw)?.online;
}
