import { useState } from 'react';
import type { ChatClient, ConnectionState } from '../../transports/types.js';
import { useClientEffect } from './use-client-effect.js';

function serverOf(state: ConnectionState): string | undefined {
  return state.status === 'open' || state.status === 'connecting' ? state.server : undefined;
}

/**
 * The server (origin) in use or last tried, kept through reconnecting and closed states (which do
 * not carry one), so that with several servers the header follows a failover.
 */
export function useCurrentServer(client: ChatClient): string | undefined {
  const [server, setServer] = useState(() => serverOf(client.state));
  useClientEffect(() => {
    setServer(serverOf(client.state));
    const onState = (next: ConnectionState): void => {
      const current = serverOf(next);
      if (current !== undefined) setServer(current);
    };
    client.on('state', onState);
    return () => {
      client.off('state', onState);
    };
  }, [client]);
  return server;
}
