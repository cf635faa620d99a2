import type { OnlineEntry } from './schemas.js';

/**
 * The order of `localeCompare`, made once: the first `localeCompare` of a process loads the
 * collation data, and every later one looks the collator up again.
 */
const collator = new Intl.Collator();

/** The order of an online list: by user, then by transport. */
export function byUserThenTransport(a: OnlineEntry, b: OnlineEntry): number {
  return collator.compare(a.user, b.user) || collator.compare(a.transport, b.transport);
}
