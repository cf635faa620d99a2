import { PollingTransport } from './polling-transport.js';

/**
 * Long polling: GET /messages?since=&wait=, held by the server until a message comes or the wait
 * ends, and re-issued at once. The held request has a keep-alive connection of its own (the
 * factory gives it), so that sends never queue behind it. The wait is no longer than the server's
 * heartbeat: an empty answer is the long poll's heartbeat, and a dead link is noticed as soon as
 * on a stream.
 */
export class LongPollTransport extends PollingTransport {
  readonly kind = 'longpoll';
  protected readonly opening = 'long poll';

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
