import { LongPollTransport } from '../../transports/longpoll-transport.js';
import { PollTransport } from '../../transports/poll-transport.js';
import type { TransportFactory } from '../../transports/transport.js';
import type { PageWire } from '../wire/page-wire.js';
import { FetchConnections } from './fetch-connections.js';
import { PageSseTransport } from './page-sse.js';
import { PageWsTransport } from './page-ws.js';

/**
 * The page's transports, each on the browser's own API: WebSocket, EventSource, and fetch for
 * both pollings, which are the client's own (polling-transport.ts) on fetch's connections. A
 * short poll takes the interval the page holds when it starts (`intervalMs`), so that a new
 * interval is a switch to poll again, keeping the place like any switch.
 */
export function pageTransports(wire: PageWire, intervalMs: () => number): TransportFactory {
  return (kind, context, owner) => {
    switch (kind) {
      case 'ws':
        return new PageWsTransport(context, owner, wire, new FetchConnections(context.server, wire));
      case 'sse':
        return new PageSseTransport(context, owner, wire);
      case 'longpoll':
        return new LongPollTransport(context, owner, { poll: new FetchConnections(context.server, wire), send: new FetchConnections(context.server, wire) });
      case 'poll': {
        const via = new FetchConnections(context.server, wire);
        return new PollTransport({ ...context, timing: { ...context.timing, pollIntervalMs: intervalMs() } }, owner, { poll: via, send: via });
      }
    }
  };
}
