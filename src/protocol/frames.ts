import type { Message, OnlineEntry, PresenceEvent } from './types.js';

/** Frames the server sends over WebSocket. */
export type ServerFrame =
  | { readonly type: 'welcome'; readonly epoch: string; readonly lastId: number; readonly online: readonly OnlineEntry[] }
  | { readonly type: 'message'; readonly message: Message }
  | { readonly type: 'ack'; readonly clientId: string; readonly id: number }
  | ({ readonly type: 'presence' } & PresenceEvent)
  | { readonly type: 'typing'; readonly user: string }
  | { readonly type: 'pong'; readonly t: number }
  | { readonly type: 'error'; readonly code: string; readonly message: string; readonly clientId?: string; readonly retryAfterMs?: number };

/** Frames a client sends over WebSocket. */
export type ClientFrame =
  | { readonly type: 'send'; readonly text: string; readonly clientId: string; readonly sentAt?: number }
  | { readonly type: 'typing' }
  | { readonly type: 'ping'; readonly t: number };
