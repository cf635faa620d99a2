import { useCallback, useSyncExternalStore } from 'react';
import type { ChatClient, ChatClientEvents } from '../../transports/types.js';

/**
 * A value the client holds (its transport, its server, who is online), read at every render and
 * again after each of `events`; the component renders anew only when it reads something else
 * (by Object.is). `read` must return the same object until one of `events` fires, as a client's
 * own fields do: a fresh object on every read would render for ever.
 *
 * React subscribes once the frame is committed, after useClientEffect's listeners, and reads the
 * value once more as it does, so a change in between (connect()'s first state) is not missed. A
 * value built from events rather than held by the client needs useClientEffect instead.
 */
export function useClientValue<T>(client: ChatClient, events: readonly (keyof ChatClientEvents)[], read: (client: ChatClient) => T): T {
  // Kept while the names are the same, so a list written inline does not subscribe again on every render.
  const subscribe = useCallback(
    (changed: () => void) => {
      for (const event of events) client.on(event, changed);
      return () => {
        for (const event of events) client.off(event, changed);
      };
    },
    [client, events.join(',')],
  );
  return useSyncExternalStore(subscribe, () => read(client));
}
