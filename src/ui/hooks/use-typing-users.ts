import { useState } from 'react';
import type { Message } from '../../protocol/plain.js';
import type { ChatClient } from '../../transports/types.js';
import { clockOf } from '../clock.js';
import { nextExpiry, noteMessage, noteTyping, pruneTyping, type TypingState } from '../state/typing.js';
import { useClientEffect } from './use-client-effect.js';

/** Names of others typing now, in the order they started; each expires unless repeated. */
export function useTypingUsers(client: ChatClient, self: string): readonly string[] {
  const [typing, setTyping] = useState<TypingState>(() => new Map());
  const clock = clockOf(client);

  useClientEffect(() => {
    setTyping((state) => (state.size === 0 ? state : new Map()));
    const onTyping = (user: string): void => {
      if (user !== self) setTyping((state) => noteTyping(state, user, clock.now()));
    };
    const onMessage = (message: Message): void => setTyping((state) => noteMessage(state, message.user));
    client.on('typing', onTyping).on('message', onMessage);
    return () => {
      client.off('typing', onTyping).off('message', onMessage);
    };
  }, [client, clock, self]);

  // One timer for the soonest expiry, rescheduled whenever the set changes.
  useClientEffect(() => {
    const soonest = nextExpiry(typing);
    if (soonest === undefined) return;
    // Timers may fire a moment before the wall clock reaches `soonest`; prune as of then at least, or nothing would expire and no timer follow.
    const handle = clock.setTimeout(() => setTyping((state) => pruneTyping(state, Math.max(clock.now(), soonest))), Math.max(0, soonest - clock.now()));
    return () => clock.clearTimeout(handle);
  }, [typing, clock]);

  return [...typing.keys()];
}
