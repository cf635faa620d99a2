import { useEffect, useState } from 'react';
import type { ChatClient, ConnectionState } from '../../transports/types.js';

/** The client's connection state, re-rendering on every change. */
export function useClientState(client: ChatClient): ConnectionState {
  const [state, setState] = useState(client.state);
  useEffect(() => {
    setState(client.state);
    const onState = (next: ConnectionState): void => setState(next);
    client.on('state', onState);
    return () => {
      client.off('state', onState);
    };
  }, [client]);
  return state;
}
