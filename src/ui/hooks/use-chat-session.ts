import { useCallback, useRef, useState } from 'react';
import type { ChatClient, ClientOptions, TransportChoice } from '../../transports/types.js';

/** Makes a client for some options; /nick and /join make a new one. */
export type ClientFactory = (options: ClientOptions) => ChatClient;

/** The live client and the options the next one would be made with. */
export interface ChatSession {
  readonly client: ChatClient;
  readonly options: ClientOptions;
  /** Closes the current client and connects a new one with these options changed. */
  readonly rejoin: (change: Partial<ClientOptions>) => void;
  /** Records a live transport switch so a later rejoin keeps it. */
  readonly setTransport: (transport: TransportChoice) => void;
}

/**
 * Holds the current client and makes a new one when asked; useClientLifecycle connects and closes
 * them. `first`, when given, is the client for `initial`, made (and perhaps connected) already.
 */
export function useChatSession(createClient: ClientFactory, initial: ClientOptions, first?: ChatClient): ChatSession {
  const [session, setSession] = useState(() => ({ options: initial, client: first ?? createClient(initial) }));
  // Rejoins read the latest options synchronously; creating the client outside a state updater keeps updaters pure.
  const options = useRef(session.options);

  const rejoin = useCallback(
    (change: Partial<ClientOptions>) => {
      options.current = { ...options.current, ...change };
      setSession({ options: options.current, client: createClient(options.current) });
    },
    [createClient],
  );
  const setTransport = useCallback((transport: TransportChoice) => {
    options.current = { ...options.current, transport };
    setSession((current) => ({ ...current, options: options.current }));
  }, []);

  return { client: session.client, options: session.options, rejoin, setTransport };
}
