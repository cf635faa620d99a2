import { useState } from 'react';
import type { OnlineEntry } from '../../protocol/index.js';
import type { ChatClient } from '../../transports/types.js';
import { useClientEffect } from './use-client-effect.js';

/** Who is online in the room, as the client last heard. */
export function useOnline(client: ChatClient): readonly OnlineEntry[] {
  const [online, setOnline] = useState(client.online);
  useClientEffect(() => {
    setOnline(client.online);
    const onOnline = (next: readonly OnlineEntry[]): void => setOnline(next);
    client.on('online', onOnline);
    return () => {
      client.off('online', onOnline);
    };
  }, [client]);
  return online;
}
