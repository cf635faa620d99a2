import { z } from 'zod';
import { CLIENT_ID_MAX_LENGTH, TRANSPORT_KINDS, USER_MAX_LENGTH } from './constants.js';
import { hasLoneSurrogate, hasNul, isBlank, isPrintable } from './fields.js';

/**
 * Every shape on the wire, declared once; the TypeScript types are read off these schemas.
 *
 * What a server sends is checked for its structure only (a client decodes it with these): names
 * and texts follow rules the server enforces when it accepts them, and a client must still show a
 * message stored under older rules or another server's `--max-text`. What a client sends carries
 * every rule the server enforces, so the server's hand-written checks can be proved equal to them.
 */

/** A schema's value as a type, readonly at every depth: what came off the wire is not changed in place. */
type Wire<Schema extends z.ZodType> = ReadonlyDeep<z.output<Schema>>;
type ReadonlyDeep<T> = T extends readonly (infer Item)[]
  ? readonly ReadonlyDeep<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> }
    : T;

/** A user name: 1–32 printable characters, not blank. */
export const userSchema = z
  .string()
  .min(1)
  .max(USER_MAX_LENGTH)
  .refine((user) => !isBlank(user), 'must not be blank')
  .refine(isPrintable, 'must contain only printable characters');

/** A message's text: not blank, at most `maxText` characters, no NUL, no lone surrogate. */
export function textSchema(maxText: number) {
  return z
    .string()
    .refine((text) => !isBlank(text), 'must not be empty')
    .max(maxText)
    .refine((text) => !hasNul(text), 'must not contain NUL characters')
    .refine((text) => !hasLoneSurrogate(text), 'must not contain lone surrogates');
}

/** The sender's idempotency key: 1–64 characters. */
export const clientIdSchema = z.string().min(1).max(CLIENT_ID_MAX_LENGTH);

/** Epoch ms; a fraction is allowed, since whole milliseconds are too coarse for latency on one host. */
export const sentAtSchema = z.number().nonnegative().max(Number.MAX_SAFE_INTEGER);

const transportSchema = z.enum(TRANSPORT_KINDS);

/** A message as `message` frames, SSE message events and the HTTP answers carry it. */
export const messageSchema = z.object({
  /** Per room, strictly increasing from 1, never reused. */
  id: z.number().int().positive(),
  room: z.string(),
  user: z.string(),
  text: z.string(),
  /** The sender's clock, epoch ms, as the sender said it. */
  sentAt: z.number(),
  /** The server's clock, epoch ms, when the message was committed. */
  serverAt: z.number(),
  /** The sender's idempotency key. */
  clientId: z.string().optional(),
});
/** A chat message as stored and delivered. */
export type Message = Wire<typeof messageSchema>;

/** An entry of the online list in `welcome` and GET /presence. */
export const onlineEntrySchema = z.object({ user: z.string(), transport: transportSchema });
/** One `{user, transport}` entry of a room's online list. */
export type OnlineEntry = Wire<typeof onlineEntrySchema>;

/** A `presence` frame's fields and an SSE presence event's data. */
export const presenceEventSchema = z.object({
  event: z.enum(['join', 'leave']),
  user: z.string(),
  /** The transport of the entry that appeared or went away. */
  transport: transportSchema,
  /**
   * How many `{user, transport}` entries are online in the room after the change. The full list
   * comes in `welcome` and from GET /presence; a client keeps it current from these events.
   */
  online: z.number().int().nonnegative(),
});
/** Payload of a presence change, the same over WebSocket (`presence` frame) and SSE (`event: presence`). */
export type PresenceEvent = Wire<typeof presenceEventSchema>;

/**
 * Where the history a server keeps begins, in an answer to a client resuming from before it: the
 * messages after `since` and before `firstId` were trimmed (`--history`, `--history-ttl`) and will
 * never come. Present only then; a server without it trims nothing.
 */
const firstIdSchema = z.number().int().positive().optional();

/**
 * How often, at most, the server lets this connection go without a frame, ms: WebSocket pings (or
 * pongs to the client's own pings) every heartbeat, SSE keep-alives at that period. Silence for
 * much longer means the link is dead. Absent from servers that did not say it.
 */
const heartbeatMsSchema = z.number().positive().optional();

/** The `data:` of each SSE event by its name; a message event's data is the message itself. */
export const sseEventSchemas = {
  welcome: z.object({ epoch: z.string(), lastId: z.number().int().nonnegative(), online: z.array(onlineEntrySchema), firstId: firstIdSchema, heartbeatMs: heartbeatMsSchema }),
  message: messageSchema,
  presence: presenceEventSchema,
  typing: z.object({ user: z.string() }),
};

/** Frames the server sends over WebSocket: each SSE event's payload with its name as `type`, and three of its own. */
export const serverFrameSchema = z.discriminatedUnion('type', [
  sseEventSchemas.welcome.extend({ type: z.literal('welcome') }),
  z.object({ type: z.literal('message'), message: messageSchema }),
  z.object({ type: z.literal('ack'), clientId: z.string(), id: z.number().int().positive() }),
  z.object({ type: z.literal('presence'), ...presenceEventSchema.shape }),
  sseEventSchemas.typing.extend({ type: z.literal('typing') }),
  z.object({ type: z.literal('pong'), t: z.number() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string(), clientId: z.string().optional(), retryAfterMs: z.number().optional() }),
]);
/** Frames the server sends over WebSocket. */
export type ServerFrame = Wire<typeof serverFrameSchema>;

/**
 * The body of a 200 answer to GET /messages. A long poll asked with `wait=0`, as a client opens,
 * is told the heartbeat too: a held poll should wait no longer, so that its silence means what a
 * stream's does.
 */
export const getMessagesResponseSchema = z.object({ messages: z.array(messageSchema), epoch: z.string(), hasMore: z.boolean(), firstId: firstIdSchema, heartbeatMs: heartbeatMsSchema });
/** The answer to GET /messages, short or long poll. */
export type GetMessagesResponse = Wire<typeof getMessagesResponseSchema>;

/** The body of a 200 or 201 answer to POST /messages. */
export const postMessageResponseSchema = z.object({ message: messageSchema, epoch: z.string() });
/** The answer to POST /messages: the stored message, or the first one stored under its clientId. */
export type PostMessageResponse = Wire<typeof postMessageResponseSchema>;

/** The body of a 200 answer to GET /presence. */
export const presenceResponseSchema = z.object({ room: z.string(), online: z.array(onlineEntrySchema) });
/** The answer to GET /presence. */
export type PresenceResponse = Wire<typeof presenceResponseSchema>;

/** The body of an HTTP error answer, `{error, code}`. */
export const errorBodySchema = z.object({
  error: z.string(),
  code: z.string(),
  /** With 429: the exact wait, where Retry-After can only say whole seconds. */
  retryAfterMs: z.number().optional(),
});
/** The body of every HTTP error answer. */
export type ErrorBody = Wire<typeof errorBodySchema>;

/**
 * What a client sends, under a server's `--max-text`: `messageInput` is the body of POST
 * /messages, `clientFrame` a WebSocket frame, `send` and `ping` two of its kinds.
 */
export function clientSchemas(maxText: number) {
  const text = textSchema(maxText);
  const messageInput = z.object({ user: userSchema, text, sentAt: sentAtSchema.optional(), clientId: clientIdSchema.optional() });
  const send = z.object({ type: z.literal('send'), text, clientId: clientIdSchema, sentAt: sentAtSchema.optional() });
  const ping = z.object({ type: z.literal('ping'), t: z.number() });
  const clientFrame = z.discriminatedUnion('type', [send, z.object({ type: z.literal('typing') }), ping]);
  return { messageInput, send, ping, clientFrame };
}
type ClientSchemas = ReturnType<typeof clientSchemas>;

/** What a sender supplies; the server adds id, room and serverAt. */
export type MessageInput = Wire<ClientSchemas['messageInput']>;
/** Frames a client sends over WebSocket. */
export type ClientFrame = Wire<ClientSchemas['clientFrame']>;
