import { ErrorCode, type TransportKind } from '../protocol/plain.js';
import type { TransportClosed } from './close-report.js';
import type { TransportChoice } from './types.js';

/** The order `auto` tries transports in: the best first. */
export const AUTO_ORDER: readonly TransportKind[] = ['ws', 'sse', 'longpoll', 'poll'];

/** Refusals that say something about the whole server or request, which another transport would get too. */
const SERVER_WIDE_CODES: ReadonlySet<string> = new Set([
  ErrorCode.unauthorized,
  ErrorCode.tokenExpired,
  ErrorCode.forbiddenOrigin,
  ErrorCode.forbiddenHost,
  ErrorCode.nameMismatch,
  ErrorCode.invalidRoom,
  ErrorCode.invalidUser,
  ErrorCode.invalidField,
]);

/** The transport a choice starts with. */
export function firstTransport(choice: TransportChoice): TransportKind {
  return choice === 'auto' ? AUTO_ORDER[0]! : choice;
}

/**
 * Where `auto` goes after `kind` ended with `report`, and why; undefined to stay (reconnect with
 * backoff, or stop). It moves on when the open was refused with an HTTP status (the transport is
 * disabled, or a proxy will not pass it) or did not finish in time (a proxy holding the upgrade).
 * It stays when the server is simply unreachable: every transport would fail the same way.
 */
export function autoFallback(kind: TransportKind, report: TransportClosed): { readonly to: TransportKind; readonly reason: string } | undefined {
  const next = AUTO_ORDER[AUTO_ORDER.indexOf(kind) + 1];
  if (next === undefined) return undefined;
  const refused = report.code === 'refused' && !(report.errorCode !== undefined && SERVER_WIDE_CODES.has(report.errorCode));
  const stuck = report.code === 'timeout' && !report.wasOpen;
  return refused || stuck ? { to: next, reason: report.reason } : undefined;
}
