import type { ReadPosition } from '../../protocol/index.js';
import type { HistoryStore } from '../store/history-store.js';
import type { Bus } from './bus.js';
import type { Hub } from './hub.js';
import type { Presence } from './presence.js';
import type { SendLimiter } from './rate-limiter.js';

/**
 * Where a server keeps history and presence, and how news of messages reaches its listeners. The
 * embedded backend and Redis's both provide it; which one a server gets is chosen above both
 * (open-backend.ts), so that neither knows of the other.
 */
export interface Backend {
  readonly store: HistoryStore;
  readonly bus: Bus;
  readonly presence: Presence;
  /** Where history is kept, for the start-up lines: a file path, "memory" or a Redis URL. */
  readonly storage: string;
  /** Why the backend cannot serve now, or undefined when it can. */
  problem(): string | undefined;
  /** A send limiter shared with the other instances; without one, each server keeps its own. */
  sharedLimiter?(count: number, windowMs: number, now: () => number): SendLimiter;
  close(): Promise<void>;
}

/** What a backend is given of the server it serves. */
export interface BackendHooks {
  readonly hub: Hub;
  /** The shared history was lost and began anew (Redis restarted empty): every client must start over. */
  readonly onHistoryReset: () => void;
  /** Read positions another instance told its room: to keep and tell this instance's listeners. */
  readonly onReads: (room: string, reads: readonly ReadPosition[]) => void;
}
