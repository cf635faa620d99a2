import { ErrorCode } from '../../protocol/index.js';
import type { ServerContext } from '../room/context.js';

/** A request refused because the server holds as many connections as it may. */
export interface CapacityRefusal {
  readonly status: 503;
  readonly code: typeof ErrorCode.tooManyConnections;
  readonly error: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Seconds a refused client is asked to wait: connections come and go, and a wave of retries at once would find the server as full. */
const RETRY_AFTER_S = 5;

/**
 * Undefined while the server holds at most `--max-connections` TCP connections, this request's
 * own included; else a refusal, answered before anything else is done (before an upgrade too).
 */
export function checkCapacity(ctx: ServerContext): CapacityRefusal | undefined {
  const max = ctx.options.maxConnections;
  if (max === 0 || ctx.connections.open <= max) return undefined;
  return {
    status: 503,
    code: ErrorCode.tooManyConnections,
    error: `the server holds its limit of ${max} connections; try again later`,
    headers: { 'Retry-After': String(RETRY_AFTER_S) },
  };
}
