import { useCallback, useSyncExternalStore } from 'react';
import type { ChatClient, ChatClientEvents } from '../../transports/types.js';

/** What tells of its changes by named events: a chat client, a room. */
interface EventSource<K extends string> {
  on(event: K, listener: () => void): unknown;
  off(event: K, listener: () => void): unknown;
}

/**
 * A value `source` holds, read at every render and again after each of `events`; the component
 * renders anew only when it reads something else (by Object.is). `read` must return the same
 * object until one of `events` fires: a fresh object on every read would render for ever.
 */
export function useSourceValue<K extends string, S extends EventSource<K>, T>(source: S, events: readonly K[], read: (source: S) => T): T {
  // Kept while the names are the same, so a list written inline does not subscribe again on every render.
  const subscribe = useCallback(
    (changed: () => void) => {
      for (const event of events) source.on(event, changed);
      return () => {
        for (const event of events) source.off(event, changed);
      };
    },
    [source, events.join(',')],
  );
  return useSyncExternalStore(subscribe, () => read(source));
}

/**
 * A value the client holds (its transport, its server, who is online), as useSourceValue reads
 * one; a client's own fields stay the same object until their event.
 *
 * React subscribes once the frame is committed, after useClientEffect's listeners, and reads the
 * value once more as it does, so a change in between (connect()'s first state) is not missed. A
 * value built from events rather than held by the client needs useClientEffect instead.
 */
export function useClientValue<T>(client: ChatClient, events: readonly (keyof ChatClientEvents)[], read: (client: ChatClient) => T): T {
  return useSourceValue(client, events, read);
}
