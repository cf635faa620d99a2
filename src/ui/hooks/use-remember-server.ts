import { useRef } from 'react';
import type { ChatClient, ConnectionState } from '../../transports/types.js';
import type { RememberPatch } from '../session-options.js';
import { useClientEffect } from './use-client-effect.js';

/**
 * Remembers `server` (as it was given, a list of instances included) the first time a connection
 * to it opens, and only then: a server that was mistyped or never answered must not become the
 * default for next time.
 */
export function useRememberServer(client: ChatClient, server: string, remember: (patch: RememberPatch) => void): void {
  const remembered = useRef<string | undefined>(undefined);
  useClientEffect(() => {
    const onState = (next: ConnectionState): void => {
      if (next.status !== 'open' || remembered.current === server) return;
      remembered.current = server;
      remember({ server });
    };
    // The client may have opened before the screen listened (it connects before the first frame).
    onState(client.state);
    client.on('state', onState);
    return () => {
      client.off('state', onState);
    };
  }, [client, server, remember]);
}
