import { jittered } from './backoff.js';
import { PollingTransport } from './polling-transport.js';

/**
 * Short polling: GET /messages?since= every `pollIntervalMs` (±10%), sends on the same
 * connections (the factory gives them: in Node, without `keepalive` every request opens a new TCP
 * connection, as the study measured; with it one connection is reused).
 */
export class PollTransport extends PollingTransport {
  readonly kind = 'poll';
  protected readonly opening = 'poll';

  protected waitMs(): undefined {
    return undefined;
  }

  /**
   * The interval, give or take a tenth, drawn for each poll. Pollers that opened together (a room
   * after a server restart) would otherwise ask together for ever; and a poller whose interval
   * divides a sender's period (100 ms against 2 s) would see every message of that sender at the
   * same point of its wait, so a short run's average latency would depend on a few chance phases.
   */
  protected pauseMs(): number {
    return jittered(this.ctx.timing.pollIntervalMs, 0.1, this.ctx.random);
  }

  protected cadenceMs(): number {
    return this.ctx.timing.pollIntervalMs;
  }
}
