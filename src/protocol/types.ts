import type { TransportKind } from './constants.js';

/** A chat message as stored and delivered. */
export interface Message {
  /** Per room, strictly increasing from 1, never reused. */
  readonly id: number;
  readonly room: string;
  readonly user: string;
  readonly text: string;
  /** The sender's clock, epoch ms, as the sender said it. */
  readonly sentAt: number;
  /** The server's clock, epoch ms, when the message was committed. */
  readonly serverAt: number;
  /** The sender's idempotency key. */
  readonly clientId?: string;
}

/** What a sender supplies; the server adds id, room and serverAt. */
export interface MessageInput {
  readonly user: string;
  readonly text: string;
  readonly sentAt?: number;
  readonly clientId?: string;
}

export interface OnlineEntry {
  readonly user: string;
  readonly transport: TransportKind;
}

export interface PostMessageResponse {
  readonly message: Message;
  readonly epoch: string;
}

export interface GetMessagesResponse {
  readonly messages: readonly Message[];
  readonly epoch: string;
  readonly hasMore: boolean;
}

export interface PresenceResponse {
  readonly room: string;
  readonly online: readonly OnlineEntry[];
}

/** Payload of a presence change, the same over WebSocket (`presence` frame) and SSE (`event: presence`). */
export interface PresenceEvent {
  readonly event: 'join' | 'leave';
  readonly user: string;
  /** The transport of the entry that appeared or went away. */
  readonly transport: TransportKind;
  /**
   * How many `{user, transport}` entries are online in the room after the change. The full list
   * comes in `welcome` and from GET /presence; a client keeps it current from these events.
   */
  readonly online: number;
}

export interface ErrorBody {
  readonly error: string;
  readonly code: string;
  /** With 429: the exact wait, where Retry-After can only say whole seconds. */
  readonly retryAfterMs?: number;
}
