import type { NetChange, Relay } from '../relay/index.js';
import type { NetApplied, NetLever, NetListener } from '../ui/net-lever.js';

/**
 * One lever over relays that move together: each change goes to every relay, so that clients
 * spread over several servers (or several clients on one) feel one network. Listeners hear each
 * change once, after every relay took it, and the changes that come by themselves (a `down`
 * ending), told by the first relay: all share one condition. Closing the relays is the caller's.
 */
export function relayLever(relays: readonly Relay[]): NetLever {
  const first = relays[0];
  if (first === undefined) throw new TypeError('a relay lever needs at least one relay');
  const listeners = new Set<NetListener>();
  const tell: NetListener = (next, previous) => {
    for (const listener of [...listeners]) listener(next, previous);
  };
  let applying = false;
  first.on('change', (next, previous) => {
    if (!applying) tell(next, previous);
  });
  const resets = (): number => relays.reduce((sum, relay) => sum + relay.stats().reset, 0);

  return {
    unavailable: undefined,
    get condition() {
      return first.condition;
    },
    // The relays' clock (systemClock), which a `down` condition's end is read against.
    now: () => Date.now(),
    apply(change: NetChange): NetApplied {
      const previous = first.condition;
      const before = resets();
      applying = true;
      try {
        // Every relay checks a change alike, so a refusal comes from the first, before any changed.
        for (const relay of relays) relay.apply(change);
      } catch (error) {
        if (error instanceof RangeError) return { ok: false, reason: error.message };
        throw error;
      } finally {
        applying = false;
      }
      tell(first.condition, previous);
      return { ok: true, condition: first.condition, reset: resets() - before };
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
