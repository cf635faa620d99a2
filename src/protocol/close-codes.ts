/**
 * WebSocket close codes the server sends and what a client should do on each.
 * 44xx mirror HTTP statuses for refusals that retrying cannot fix.
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  abnormal: 1006,
  invalidPayload: 1007,
  policyViolation: 1008,
  messageTooBig: 1009,
  internalError: 1011,
  serviceRestart: 1012,
  tryAgainLater: 1013,
  unauthorized: 4401,
  forbidden: 4403,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

const RECONNECT_CODES: ReadonlySet<number> = new Set([
  CloseCode.goingAway,
  CloseCode.abnormal,
  CloseCode.internalError,
  CloseCode.serviceRestart,
  CloseCode.tryAgainLater,
]);

/** Whether a client should reconnect after the server closed with `code`. */
export function shouldReconnect(code: number): boolean {
  if (RECONNECT_CODES.has(code)) return true;
  // 1008 (policy, e.g. flooding) and 1009 (frame too big) are the client's fault but not permanent:
  // reconnecting with backoff lets an honest client go on after a bug or a burst.
  if (code === CloseCode.policyViolation || code === CloseCode.messageTooBig || code === CloseCode.invalidPayload) return true;
  return false;
}
