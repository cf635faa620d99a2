import { HttpConnections } from './http.js';
import { PollingTransport } from './polling-transport.js';
import type { TransportContext, TransportOwner } from './transport.js';

/**
 * Short polling: GET /messages?since= every `pollIntervalMs`. Without `keepalive` every request
 * opens a new TCP connection, as the study measured; with it one connection is reused.
 */
export class PollTransport extends PollingTransport {
  readonly kind = 'poll';
  protected readonly opening = 'poll';

  constructor(ctx: TransportContext, owner: TransportOwner) {
    const via = new HttpConnections(ctx.server, ctx.keepalive, ctx.meter);
    super(ctx, owner, { poll: via, send: via });
  }

  protected waitMs(): undefined {
    return undefined;
  }

  protected pauseMs(): number {
    return this.ctx.timing.pollIntervalMs;
  }
}
