/** What the parent knows of a worker's sending while a run goes on. */
export interface TailCounts {
  readonly sent: number;
  readonly acked: number;
  /** Sends the server refused for good (0 where there are none). */
  readonly failed?: number;
  readonly deliveries: number;
}

/**
 * Whether the tail of a run has arrived: every send was answered (acknowledged or refused) and
 * every acknowledged message reached every client. Missing deliveries are found exactly later;
 * this only decides when waiting longer is pointless.
 */
export function tailArrived(progress: readonly TailCounts[], clients: number): boolean {
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let deliveries = 0;
  for (const p of progress) {
    sent += p.sent;
    acked += p.acked;
    failed += p.failed ?? 0;
    deliveries += p.deliveries;
  }
  return sent === acked + failed && deliveries >= acked * clients;
}
