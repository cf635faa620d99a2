import { useState } from 'react';
import type { TransportKind } from '../../protocol/index.js';
import type { ChatClient, ConnectionState } from '../../transports/types.js';
import { useClientEffect } from './use-client-effect.js';

function transportOf(state: ConnectionState): TransportKind | undefined {
  return state.status === 'open' || state.status === 'connecting' ? state.transport : undefined;
}

/**
 * The transport in use or last tried, kept through reconnecting and closed states (which do not
 * carry one), so `auto` can show what it settled on.
 */
export function useCurrentTransport(client: ChatClient): TransportKind | undefined {
  const [transport, setTransport] = useState(() => transportOf(client.state));
  useClientEffect(() => {
    setTransport(transportOf(client.state));
    const onState = (next: ConnectionState): void => {
      const kind = transportOf(next);
      if (kind !== undefined) setTransport(kind);
    };
    const onFallback = (info: { readonly to: TransportKind }): void => setTransport(info.to);
    client.on('state', onState);
    client.on('fallback', onFallback);
    return () => {
      client.off('state', onState);
      client.off('fallback', onFallback);
    };
  }, [client]);
  return transport;
}
