import type { Message, MessageInput } from '../../protocol/index.js';
import { makeMessage } from '../store/history-store.js';

/** What a room's log keeps of a message: all but `id` and `room`, which the entry id and the key hold. */
interface Payload {
  readonly user: string;
  readonly text: string;
  readonly sentAt: number;
  readonly serverAt: number;
  readonly clientId?: string;
}

export function encodePayload(input: MessageInput, serverAt: number): string {
  const payload: Payload = { user: input.user, text: input.text, sentAt: input.sentAt ?? serverAt, serverAt, clientId: input.clientId };
  return JSON.stringify(payload);
}

export function decodeMessage(room: string, id: number, payload: string): Message {
  const { user, text, sentAt, serverAt, clientId } = JSON.parse(payload) as Payload;
  return makeMessage(id, room, { user, text, sentAt, clientId }, serverAt);
}

/** A Stream entry id `N-0` back to the message id N. */
export function entryToId(entryId: string): number {
  return Number.parseInt(entryId, 10);
}

/**
 * Reads a message note, `room id payload`, as the append script publishes it. Room names have no
 * spaces, so the first two spaces end the room and the id. Undefined for anything else.
 */
export function decodeNote(note: string): Message | undefined {
  const first = note.indexOf(' ');
  const second = note.indexOf(' ', first + 1);
  if (first < 1 || second < 0) return undefined;
  const id = Number(note.slice(first + 1, second));
  if (!Number.isSafeInteger(id) || id < 1) return undefined;
  try {
    return decodeMessage(note.slice(0, first), id, note.slice(second + 1));
  } catch {
    return undefined;
  }
}
