import type { TransportKind } from '../protocol/plain.js';
import { LongPollTransport } from './longpoll-transport.js';
import { PollTransport } from './poll-transport.js';
import { SseTransport } from './sse-transport.js';
import type { TransportContext, TransportHandle, TransportOwner } from './transport.js';
import { WsTransport } from './ws-transport.js';

/** The real transports, by name. */
export function createTransport(kind: TransportKind, context: TransportContext, owner: TransportOwner): TransportHandle {
  switch (kind) {
    case 'ws':
      return new WsTransport(context, owner);
    case 'sse':
      return new SseTransport(context, owner);
    case 'longpoll':
      return new LongPollTransport(context, owner);
    case 'poll':
      return new PollTransport(context, owner);
  }
}
