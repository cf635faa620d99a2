import type { ChatClient } from '../../transports/types.js';
import { useClientEffect } from './use-client-effect.js';

/**
 * Connects the client when it appears and closes it (WebSocket 1000) when it is replaced or the
 * screen goes. Call it after the hooks that listen through useClientEffect: effects run in order,
 * so they are already listening when connect() emits its first events, and on the way out they
 * have stopped listening when close() emits its last.
 */
export function useClientLifecycle(client: ChatClient): void {
  useClientEffect(() => {
    client.connect();
    return () => client.close();
  }, [client]);
}
