import { render } from 'ink';
import type { ChatClient, ClientOptions } from '../transports/types.js';
import { App } from '../ui/components/App.js';
import { supportsHyperlinks } from '../ui/format/links.js';
import { colourWanted } from '../ui/format/theme.js';
import type { RememberPatch, SessionOptions } from '../ui/session-options.js';
import { terminalSignals } from '../ui/terminal-signals.js';
import { openChatNet } from './chat-net.js';
import type { Env } from './flags.js';
import { onAlternateScreen } from './full-screen.js';
import type { NetPlan } from './values.js';
import type { WireLogFile } from './wire-log.js';

/** What the chat screen is started with, by join and by demo. */
export interface ChatScreenRun {
  readonly options: SessionOptions;
  readonly version: string;
  readonly env: Env;
  /** Settings chosen in the UI, to keep for next time. */
  readonly remember: (patch: RememberPatch) => void;
  /** System lines shown first, before the connection's own. */
  readonly greeting?: readonly string[];
  /** Every room to open, in order, `options.room` (the one on screen) among them. */
  readonly rooms?: readonly string[];
  /** Raise a desktop notification, besides the bell, for a mention you did not see (--notify). */
  readonly notify?: boolean;
  /** The network the chat starts in, through its relay, or `off` for none. */
  readonly net: NetPlan;
  /** --wire-log: every client made writes its wire events there from its start. */
  readonly wireLog?: WireLogFile | undefined;
}

/**
 * Shows the chat on the alternate screen until /quit, Ctrl+C, SIGTERM or SIGHUP, then closes
 * every client it made (WebSocket 1000), then the relay they went through, and gives the terminal
 * back. The caller checked for a TTY.
 */
export async function runChatScreen({ options, version, env, remember, greeting, rooms, notify = false, net: plan, wireLog }: ChatScreenRun): Promise<void> {
  // Every client the chat makes, for any server or transport it switches to, goes through the relay.
  const net = await openChatNet(options.server, plan);
  const clients = new Set<ChatClient>();
  const factory = (clientOptions: ClientOptions): ChatClient => {
    const client = net.createClient(clientOptions);
    clients.add(client);
    // Each room is a client of its own, with its own connections: the line says whose and which.
    wireLog?.watch(client, `${clientOptions.user ?? ''} #${clientOptions.room}`);
    return client;
  };

  // With the name known, the first client starts connecting before the first frame, so the
  // handshake overlaps with drawing it; the chat's hooks subscribe within that same render.
  const user = options.user;
  const first = user === undefined ? undefined : factory({ ...options, user });
  first?.connect();

  const terminal = terminalSignals((data) => process.stdout.write(data), { notify, env });
  await onAlternateScreen(
    async () => {
      let stop = (): void => {};
      try {
        const instance = render(
          <App
            options={options}
            createClient={factory}
            client={first}
            rooms={rooms}
            terminal={terminal}
            net={net.lever}
            colour={colourWanted(env)}
            hyperlinks={supportsHyperlinks(env)}
            onRemember={remember}
            version={version}
            greeting={greeting}
          />,
          { exitOnCtrlC: false },
        );
        stop = () => instance.unmount();
        process.once('SIGTERM', stop).once('SIGHUP', stop);
        await instance.waitUntilExit();
      } finally {
        process.off('SIGTERM', stop).off('SIGHUP', stop);
        for (const client of clients) client.close();
      }
    },
    { focusReports: true },
  );
  // The log waits for the clients' last closes, and the relay lets them through first.
  await wireLog?.close();
  await net.close();
}
