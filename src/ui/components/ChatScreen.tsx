import { Box } from 'ink';
import { useCallback, useMemo, useState } from 'react';
import type { ChatClient, ClientOptions } from '../../transports/types.js';
import { chatCommandHost } from '../commands/chat-command-host.js';
import { runCommand } from '../commands/run-command.js';
import { headerText } from '../format/header.js';
import { inputViewport } from '../format/input-viewport.js';
import { screenLayout } from '../format/screen-layout.js';
import { serverLabel } from '../format/server-label.js';
import { textWidth } from '../format/text-width.js';
import { transportLabel } from '../format/transport-label.js';
import { useChatKeys } from '../hooks/use-chat-keys.js';
import { useChatSession, type ClientFactory } from '../hooks/use-chat-session.js';
import { useClientLifecycle } from '../hooks/use-client-lifecycle.js';
import { useClientValue } from '../hooks/use-client-value.js';
import { useConversation } from '../hooks/use-conversation.js';
import { useGreeting } from '../hooks/use-greeting.js';
import { useLineEditor } from '../hooks/use-line-editor.js';
import { useMessageWindow } from '../hooks/use-message-window.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTypingUsers } from '../hooks/use-typing-users.js';
import { useWirePane } from '../hooks/use-wire-pane.js';
import { parseLine } from '../input/slash-commands.js';
import type { NetLever } from '../net-lever.js';
import type { RememberPatch } from '../session-options.js';
import { typingLabel } from '../state/typing.js';
import { Header } from './Header.js';
import { InputLine } from './InputLine.js';
import { LiveStatusBar } from './LiveStatusBar.js';
import { MessageList } from './MessageList.js';
import { TypingLine } from './TypingLine.js';
import { WIRE_PANE_CHROME, WirePaneView } from './WirePaneView.js';

export interface ChatScreenProps {
  /** Options of the first client; /nick, /join and /transport change later ones. */
  readonly options: ClientOptions;
  readonly createClient: ClientFactory;
  /** The network the clients go through, which /net moves and the status bar shows. */
  readonly net: NetLever;
  readonly onRemember: (patch: RememberPatch) => void;
  readonly onQuit: () => void;
  /** Status refresh period, ms. */
  readonly statsIntervalMs?: number | undefined;
  /** System lines shown first (the demo's tour). */
  readonly greeting?: readonly string[] | undefined;
  /** The client for `options`, already made (and perhaps connecting); otherwise one is made. */
  readonly client?: ChatClient | undefined;
}

/** The chat: header, conversation, typing line, input and status bar, wired to one live client. */
export function ChatScreen({ options, createClient, net, onRemember, onQuit, statsIntervalMs, greeting, client: first }: ChatScreenProps) {
  const session = useChatSession(createClient, options, first);
  const { client } = session;
  const { room, user, server, transport: choice } = session.options;
  const { columns, rows } = useTerminalSize();
  // One object per opening of the wire pane, so that each opening starts empty.
  const [wire, setWire] = useState<object | undefined>(undefined);
  const toggleWire = useCallback(() => setWire((open) => (open === undefined ? {} : undefined)), []);
  const layout = screenLayout(rows, wire !== undefined);
  const pane = useWirePane(client, wire, Math.max(0, layout.wire - WIRE_PANE_CHROME));
  const transport = useClientValue(client, ['state', 'fallback'], (c) => c.transport);
  const where = serverLabel(server, useClientValue(client, ['state'], (c) => c.server));
  const online = useClientValue(client, ['online'], (c) => c.online);
  const typing = useTypingUsers(client, user);
  const conversation = useConversation(client, user);
  const window = useMessageWindow(conversation.state.entries, columns, layout.messages);
  const editor = useLineEditor();
  const host = chatCommandHost(session, conversation, net, onRemember, onQuit, toggleWire);
  useGreeting(greeting, conversation, client);
  useClientLifecycle(client);

  useChatKeys(editor, {
    submit: (text) => {
      const command = parseLine(text);
      if (command !== undefined) runCommand(command, host);
    },
    // With the wire pane open, the scroll keys are the pane's.
    scroll: wire === undefined ? window.scroll : pane.scroll,
    wire: toggleWire,
    quit: onQuit,
    // The client decides how often a typing signal goes out; commands are not typing a message.
    edited: (text) => {
      if (text !== '' && !text.startsWith('/')) client.typing();
    },
  });

  const prompt = `${user} › `;
  const label = transportLabel(choice, transport);
  const header = useMemo(() => headerText({ room, user, server: where, transport: label, online, width: columns }), [room, user, where, label, online, columns]);
  return (
    // No width of its own: Ink gives the root the terminal's at once on a resize (see RaceScreen).
    <Box flexDirection="column">
      <Header text={header} />
      <MessageList lines={window.lines} height={layout.messages} newCount={window.newCount} />
      {wire === undefined ? null : <WirePaneView pane={pane} source={label} width={columns} height={layout.wire} />}
      <TypingLine label={typingLabel(typing)} />
      <InputLine prompt={prompt} viewport={inputViewport(editor.state.text, editor.state.cursor, columns - textWidth(prompt) - 1)} />
      <LiveStatusBar client={client} choice={choice} transport={transport} net={net} width={columns} intervalMs={statsIntervalMs} />
    </Box>
  );
}
