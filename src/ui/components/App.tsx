import { useApp } from 'ink';
import { useMemo, useState } from 'react';
import type { ChatClient } from '../../transports/types.js';
import { createTheme } from '../format/theme.js';
import type { ClientFactory } from '../hooks/use-chat-session.js';
import { ThemeContext } from '../hooks/use-theme.js';
import { unavailableLever, type NetLever } from '../net-lever.js';
import type { RememberPatch, SessionOptions } from '../session-options.js';
import { ChatScreen } from './ChatScreen.js';
import { NameStep } from './NameStep.js';

export interface AppProps {
  /** How to connect; without `user` the app asks for a name first. */
  readonly options: SessionOptions;
  /** Makes the client; called again by /nick and /join. The app never speaks HTTP itself. */
  readonly createClient: ClientFactory;
  /** False honours NO_COLOR. */
  readonly colour?: boolean;
  /** Settings chosen in the UI (name, room, transport) to keep for next time. */
  readonly onRemember?: (patch: RememberPatch) => void;
  /** Defaults to exiting the Ink app. */
  readonly onQuit?: () => void;
  /** Status refresh period, ms. */
  readonly statsIntervalMs?: number;
  /** Shown in the welcome. */
  readonly version?: string;
  /** System lines the chat opens with (the demo's tour). */
  readonly greeting?: readonly string[] | undefined;
  /** The client for `options` (user included), made before the first frame; otherwise the chat makes it. */
  readonly client?: ChatClient | undefined;
  /** The network between the clients and the server, which /net moves; by default none to move. */
  readonly net?: NetLever | undefined;
}

const ignore = (): void => {};
const NO_RELAY = unavailableLever('this chat was started without a relay in front of its server');

/** termchat's terminal UI: a name prompt when needed, then the chat. */
export function App({ options, createClient, colour = true, onRemember = ignore, onQuit, statsIntervalMs, version, greeting, client, net = NO_RELAY }: AppProps) {
  const { exit } = useApp();
  const theme = useMemo(() => createTheme(colour), [colour]);
  const [user, setUser] = useState(options.user);
  const quit = onQuit ?? (() => exit());
  const onName = (name: string): void => {
    setUser(name);
    onRemember({ user: name });
  };
  return (
    <ThemeContext value={theme}>
      {user === undefined ? (
        <NameStep onName={onName} onQuit={quit} version={version} />
      ) : (
        <ChatScreen
          options={{ ...options, user }}
          createClient={createClient}
          net={net}
          onRemember={onRemember}
          onQuit={quit}
          statsIntervalMs={statsIntervalMs}
          greeting={greeting}
          client={client}
        />
      )}
    </ThemeContext>
  );
}
