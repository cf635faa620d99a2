import { NodeConnections } from './node-connections.js';
import { PollingTransport } from './polling-transport.js';
import type { TransportContext, TransportOwner } from './transport.js';
import { UndiciConnections } from './undici-connections.js';

/**
 * Long polling: GET /messages?since=&wait=, held by the server until a message comes or the wait
 * ends, and re-issued at once. The held request has a keep-alive connection of its own, as a
 * browser would, so sends never queue behind it, and only one: a poll is made when the last is over.
 * The wait is no longer than the server's heartbeat: an empty answer is the long poll's heartbeat,
 * and a dead link is noticed as soon as on a stream.
 */
export class LongPollTransport extends PollingTransport {
  readonly kind = 'longpoll';
  protected readonly opening = 'long poll';

  constructor(ctx: TransportContext, owner: TransportOwner) {
    super(ctx, owner, { poll: new UndiciConnections(ctx.server, true, ctx.meter, { maxConnections: 1, dial: ctx.dial }), send: new NodeConnections(ctx.server, true, ctx.meter, { dial: ctx.dial }) });
  }

  protected waitMs(opened: boolean): number {
    return opened ? this.cadenceMs() : 0;
  }

  protected pauseMs(): number {
    return 0;
  }

  protected cadenceMs(): number {
    return Math.min(this.ctx.timing.longPollWaitMs, this.heartbeatMs);
  }
}
