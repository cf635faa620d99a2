import { useEffect, useState } from 'react';
import type { ChatClient, ClientStats } from '../../transports/types.js';
import { clockOf } from '../clock.js';

/** A stats sample and the time it was taken, on the client's clock. */
export interface StatsSample {
  readonly stats: ClientStats | undefined;
  readonly now: number;
}

/** Status-bar refreshes per second at most: enough for a countdown, cheap for the terminal. */
export const STATS_INTERVAL_MS = 250;

/**
 * Samples `client.stats()` every `intervalMs` (about 4 Hz). Stats change with every byte, so
 * sampling on a timer bounds the redraws however busy the connection is.
 */
export function useClientStats(client: ChatClient, intervalMs = STATS_INTERVAL_MS): StatsSample {
  const clock = clockOf(client);
  const [sample, setSample] = useState<StatsSample>(() => ({ stats: client.stats(), now: clock.now() }));
  useEffect(() => {
    let handle: unknown;
    const tick = (): void => {
      setSample({ stats: client.stats(), now: clock.now() });
      handle = clock.setTimeout(tick, intervalMs);
    };
    tick();
    return () => clock.clearTimeout(handle);
  }, [client, clock, intervalMs]);
  return sample;
}
