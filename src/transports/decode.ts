import { z } from 'zod';
import { TRANSPORT_KINDS, type GetMessagesResponse, type Message, type OnlineEntry, type ServerFrame } from '../protocol/index.js';

// What the server sends is checked before it is believed: a proxy, an old server or a bug
// must show up as a protocol error, not as undefined fields deep in the UI.
const message = z.object({
  id: z.number().int().positive(),
  room: z.string(),
  user: z.string(),
  text: z.string(),
  sentAt: z.number(),
  serverAt: z.number(),
  clientId: z.string().optional(),
});
const transport = z.enum(TRANSPORT_KINDS);
const onlineEntry = z.object({ user: z.string(), transport });
const online = z.array(onlineEntry);
const presenceFields = { event: z.enum(['join', 'leave']), user: z.string(), transport, online: z.number().int().nonnegative() };
const presence = z.object(presenceFields);
const welcome = z.object({ epoch: z.string(), lastId: z.number().int().nonnegative(), online });
const typing = z.object({ user: z.string() });

const serverFrame = z.discriminatedUnion('type', [
  welcome.extend({ type: z.literal('welcome') }),
  z.object({ type: z.literal('message'), message }),
  z.object({ type: z.literal('ack'), clientId: z.string(), id: z.number().int().positive() }),
  z.object({ type: z.literal('presence'), ...presenceFields }),
  typing.extend({ type: z.literal('typing') }),
  z.object({ type: z.literal('pong'), t: z.number() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), clientId: z.string().optional(), retryAfterMs: z.number().optional() }),
]);

const messagesPage = z.object({ messages: z.array(message), epoch: z.string(), hasMore: z.boolean() });
const postAnswer = z.object({ message, epoch: z.string() });
const presenceAnswer = z.object({ room: z.string(), online });

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

const FRAME_TYPES: ReadonlySet<unknown> = new Set(['welcome', 'message', 'ack', 'presence', 'typing', 'pong', 'error']);

/**
 * A WebSocket text frame from the server; 'unknown' for a well-formed frame of a type this client
 * does not know (a newer server: skip it), undefined for anything malformed.
 */
export function decodeServerFrame(raw: string): ServerFrame | 'unknown' | undefined {
  const frame = parse(serverFrame, raw);
  if (frame !== undefined) return frame;
  const type = parse(z.object({ type: z.string() }), raw)?.type;
  return type !== undefined && !FRAME_TYPES.has(type) ? 'unknown' : undefined;
}

/** An SSE event by name, as the frame the WebSocket would have carried; undefined for unknown or malformed ones. */
export function decodeSseEvent(event: string | undefined, data: string): ServerFrame | undefined {
  switch (event) {
    case 'welcome': {
      const value = parse(welcome, data);
      return value && { type: 'welcome', ...value };
    }
    case 'message': {
      const value = parse(message, data);
      return value && { type: 'message', message: value };
    }
    case 'presence': {
      const value = parse(presence, data);
      return value && { type: 'presence', ...value };
    }
    case 'typing': {
      const value = parse(typing, data);
      return value && { type: 'typing', user: value.user };
    }
    default:
      return undefined;
  }
}

/** The body of GET /messages. */
export function decodeMessagesPage(raw: string): GetMessagesResponse | undefined {
  return parse(messagesPage, raw);
}

/** The stored message from the body of POST /messages. */
export function decodePostAnswer(raw: string): Message | undefined {
  return parse(postAnswer, raw)?.message;
}

/** The list from GET /presence. */
export function decodePresence(raw: string): readonly OnlineEntry[] | undefined {
  return parse(presenceAnswer, raw)?.online;
}
