import { SSE_KEEPALIVE_MAX_MS, type TransportKind } from '../../protocol/index.js';
import type { ServerOptions } from '../base/options.js';

/**
 * How often the server lets a connection of `kind` go without a frame, ms: the period of its
 * transport's sweep, and what `welcome` (and a long poll's opening answer) announces, so that the
 * client times silence against what really comes. A WebSocket is pinged every heartbeat; an SSE
 * stream gets a keep-alive every heartbeat, and at least every SSE_KEEPALIVE_MAX_MS, since proxies
 * time idle streams out; a long poll should be held no longer than a heartbeat.
 */
export function heartbeatMs(options: Pick<ServerOptions, 'heartbeatSeconds'>, kind: TransportKind): number {
  const every = Math.round(options.heartbeatSeconds * 1000);
  return kind === 'sse' ? Math.min(SSE_KEEPALIVE_MAX_MS, every) : every;
}
