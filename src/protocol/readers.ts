import { TRANSPORT_KINDS, type TransportKind } from './constants.js';
import type { GetMessagesResponse, Message, OnlineEntry, PostMessageResponse, PresenceEvent, PresenceResponse, ServerFrame } from './schemas.js';

/*
 * What a server sends, read in plain code: each reader accepts exactly what its schema in
 * schemas.ts accepts and gives the same value, its known fields alone (test/protocol pins the two
 * together). Clients decode with these: the schema library alone weighs twice what the web page
 * may, and a plain check of a frame costs a fraction of a parse by schema.
 */

/** A value off the wire as the shape it should have, or undefined when it has not. */
export type Reader<T> = (value: unknown) => T | undefined;

type Fields = Readonly<Record<string, unknown>>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
/** An id: a positive safe integer. */
const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
const isPositive = (value: unknown): value is number => isNumber(value) && value > 0;
const isString = (value: unknown): value is string => typeof value === 'string';
const isTransport = (value: unknown): value is TransportKind => (TRANSPORT_KINDS as readonly unknown[]).includes(value);
/** An optional field: absent, or what `is` says. */
const optional = (value: unknown, is: (value: unknown) => boolean): boolean => value === undefined || is(value);
/** `{key: value}` when the value is there, else nothing: an absent optional field stays absent. */
const maybe = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

/** Every item read by `read`, or undefined when one is not what it should be. */
function readArray<T>(value: unknown, read: Reader<T>): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: T[] = [];
  for (const raw of value) {
    const item = read(raw);
    if (item === undefined) return undefined;
    out.push(item);
  }
  return out;
}

export const readMessage: Reader<Message> = (value) => {
  if (!isFields(value)) return undefined;
  const { id, room, user, text, sentAt, serverAt, clientId } = value;
  if (!isId(id) || !isString(room) || !isString(user) || !isString(text) || !isNumber(sentAt) || !isNumber(serverAt) || !optional(clientId, isString)) return undefined;
  return { id, room, user, text, sentAt, serverAt, ...maybe('clientId', clientId as string | undefined) };
};

export const readOnlineEntry: Reader<OnlineEntry> = (value) => {
  if (!isFields(value) || !isString(value.user) || !isTransport(value.transport)) return undefined;
  return { user: value.user, transport: value.transport };
};

export const readPresenceEvent: Reader<PresenceEvent> = (value) => {
  if (!isFields(value)) return undefined;
  const { event, user, transport, online } = value;
  if ((event !== 'join' && event !== 'leave') || !isString(user) || !isTransport(transport) || !isCount(online)) return undefined;
  return { event, user, transport, online };
};

/** `welcome`'s fields, as an SSE welcome event's data carries them. */
export const readWelcome: Reader<Omit<Extract<ServerFrame, { type: 'welcome' }>, 'type'>> = (value) => {
  if (!isFields(value)) return undefined;
  const { epoch, lastId, firstId, heartbeatMs } = value;
  const online = readArray(value.online, readOnlineEntry);
  if (!isString(epoch) || !isCount(lastId) || online === undefined || !optional(firstId, isId) || !optional(heartbeatMs, isPositive)) return undefined;
  return { epoch, lastId, online, ...maybe('firstId', firstId as number | undefined), ...maybe('heartbeatMs', heartbeatMs as number | undefined) };
};

export const readTyping: Reader<{ readonly user: string }> = (value) => (isFields(value) && isString(value.user) ? { user: value.user } : undefined);

/** Each WebSocket frame's reader by its `type`. */
const frameReaders: { readonly [T in ServerFrame['type']]: Reader<Extract<ServerFrame, { type: T }>> } = {
  welcome: (value) => {
    const welcome = readWelcome(value);
    return welcome && { type: 'welcome', ...welcome };
  },
  message: (value) => {
    const message = isFields(value) ? readMessage(value.message) : undefined;
    return message && { type: 'message', message };
  },
  ack: (value) => (isFields(value) && isString(value.clientId) && isId(value.id) ? { type: 'ack', clientId: value.clientId, id: value.id } : undefined),
  presence: (value) => {
    const event = readPresenceEvent(value);
    return event && { type: 'presence', ...event };
  },
  typing: (value) => {
    const typing = readTyping(value);
    return typing && { type: 'typing', user: typing.user };
  },
  pong: (value) => (isFields(value) && isNumber(value.t) ? { type: 'pong', t: value.t } : undefined),
  error: (value) => {
    if (!isFields(value)) return undefined;
    const { code, message, clientId, retryAfterMs } = value;
    if (!isString(code) || !isString(message) || !optional(clientId, isString) || !optional(retryAfterMs, isNumber)) return undefined;
    return { type: 'error', code, message, ...maybe('clientId', clientId as string | undefined), ...maybe('retryAfterMs', retryAfterMs as number | undefined) };
  },
};

/** The `type`s of the frames a server sends; a frame of another type comes from a newer server. */
export const SERVER_FRAME_TYPES: ReadonlySet<string> = new Set(Object.keys(frameReaders));

export const readServerFrame: Reader<ServerFrame> = (value) => {
  if (!isFields(value)) return undefined;
  const { type } = value;
  return isString(type) && SERVER_FRAME_TYPES.has(type) ? frameReaders[type as ServerFrame['type']](value) : undefined;
};

export const readMessagesPage: Reader<GetMessagesResponse> = (value) => {
  if (!isFields(value)) return undefined;
  const { epoch, hasMore, firstId, heartbeatMs } = value;
  const messages = readArray(value.messages, readMessage);
  if (messages === undefined || !isString(epoch) || typeof hasMore !== 'boolean' || !optional(firstId, isId) || !optional(heartbeatMs, isPositive)) return undefined;
  return { messages, epoch, hasMore, ...maybe('firstId', firstId as number | undefined), ...maybe('heartbeatMs', heartbeatMs as number | undefined) };
};

export const readPostAnswer: Reader<PostMessageResponse> = (value) => {
  if (!isFields(value) || !isString(value.epoch)) return undefined;
  const message = readMessage(value.message);
  return message && { message, epoch: value.epoch };
};

export const readPresenceAnswer: Reader<PresenceResponse> = (value) => {
  if (!isFields(value) || !isString(value.room)) return undefined;
  const online = readArray(value.online, readOnlineEntry);
  return online && { room: value.room, online };
};
