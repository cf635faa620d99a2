import type { TransportKind } from '../protocol/plain.js';
import { LongPollTransport } from './longpoll-transport.js';
import { NodeConnections } from './node-connections.js';
import { PollTransport } from './poll-transport.js';
import { SseTransport } from './sse-transport.js';
import type { TransportContext, TransportHandle, TransportOwner } from './transport.js';
import { UndiciConnections } from './undici-connections.js';
import { WsTransport } from './ws-transport.js';

/**
 * The real transports, by name, on Node's connections. A long poll's held request has a
 * keep-alive connection of its own, as a browser's would, and only one: a poll is made when the
 * last is over; its sends go on others, so they never queue behind it. A short poll sends where
 * it polls, on a new connection per request unless `keepalive`.
 */
export function createTransport(kind: TransportKind, context: TransportContext, owner: TransportOwner): TransportHandle {
  switch (kind) {
    case 'ws':
      return new WsTransport(context, owner);
    case 'sse':
      return new SseTransport(context, owner);
    case 'longpoll':
      return new LongPollTransport(context, owner, {
        poll: new UndiciConnections(context.server, true, context.meter, { maxConnections: 1, dial: context.dial }),
        send: new NodeConnections(context.server, true, context.meter, { dial: context.dial }),
      });
    case 'poll': {
      const via = new UndiciConnections(context.server, context.keepalive, context.meter, { dial: context.dial });
      return new PollTransport(context, owner, { poll: via, send: via });
    }
  }
}
