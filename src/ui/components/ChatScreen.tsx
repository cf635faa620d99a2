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
import { useClientValue } from '../hooks/use-client-value.js';
import { useCompletion } from '../hooks/use-completion.js';
import { useLineEditor } from '../hooks/use-line-editor.js';
import { useMentionSignals } from '../hooks/use-mention-signals.js';
import { useRememberServer } from '../hooks/use-remember-server.js';
import { useRoomView } from '../hooks/use-room-view.js';
import { useRoomList, useRoomListValue, useRoomSummaries, useRoomValue } from '../hooks/use-rooms.js';
import { useSeeing } from '../hooks/use-seeing.js';
import { useStatusRows } from '../hooks/use-status-rows.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { nickCandidates } from '../input/completion.js';
import { useWirePane } from '../hooks/use-wire-pane.js';
import { parseLine } from '../input/slash-commands.js';
import type { NetLever } from '../net-lever.js';
import type { ClientFactory } from '../rooms/room-list.js';
import type { RememberPatch } from '../session-options.js';
import { pasteLabels } from '../state/line-editor.js';
import { mentionTarget } from '../state/mention-jump.js';
import { typingLabel } from '../state/typing.js';
import { silentTerminal, type TerminalSignals } from '../terminal-signals.js';
import { Header } from './Header.js';
import { InputLine } from './InputLine.js';
import { LiveStatusBar } from './LiveStatusBar.js';
import { MessageList } from './MessageList.js';
import { TypingLine } from './TypingLine.js';
import { WIRE_PANE_CHROME, WirePaneView } from './WirePaneView.js';

export interface ChatScreenProps {
  /** Options of the first room's client; /nick, /join and /transport change later ones. */
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
  /** Every room to open, in the order the header lists them (those remembered); `options.room` is the one on screen. */
  readonly rooms?: readonly string[] | undefined;
  /** The terminal's bell and notifications, for mentions nobody saw. */
  readonly terminal?: TerminalSignals | undefined;
}

/** What the typing line says while searching. */
const SEARCH_KEYS = '↑ or Ctrl+R older · ↓ newer · Enter stays here · Esc goes back';

/**
 * The chat: header, conversation, typing line, input and status bar, for the room on screen of the
 * rooms open, each with its own live client.
 */
export function ChatScreen({ options, createClient, net, onRemember, onQuit, statsIntervalMs, greeting, client: first, rooms: order, terminal = silentTerminal }: ChatScreenProps) {
  const rooms = useRoomList({ createClient, options, first, order, greeting });
  const room = useRoomListValue(rooms, (list) => list.active);
  const activeIndex = useRoomListValue(rooms, (list) => list.activeIndex);
  const session = useRoomListValue(rooms, (list) => list.options);
  const summaries = useRoomSummaries(rooms);
  const client = useRoomValue(room, ['client'], (r) => r.client);
  const typing = useRoomValue(room, ['typing'], (r) => r.typing);
  const { user, server, transport: choice } = session;
  const { columns, rows } = useTerminalSize();
  const [statusRows, reportStatusRows] = useStatusRows(columns);
  // One object per opening of the wire pane, so that each opening starts empty.
  const [wire, setWire] = useState<object | undefined>(undefined);
  const toggleWire = useCallback(() => setWire((open) => (open === undefined ? {} : undefined)), []);
  const layout = screenLayout(rows, statusRows, wire !== undefined);
  const pane = useWirePane(client, wire, Math.max(0, layout.wire - WIRE_PANE_CHROME));
  const transport = useClientValue(client, ['state', 'fallback'], (c) => c.transport);
  const where = serverLabel(server, useClientValue(client, ['state'], (c) => c.server));
  const online = useClientValue(client, ['online'], (c) => c.online);
  const [showTime, setShowTime] = useState(true);
  const [focused, setFocused] = useState(true);
  const { conversation, window, search } = useRoomView(room, user, columns, layout.messages, showTime);
  useSeeing(rooms, room, window.state.mode === 'follow' && focused);
  useMentionSignals(rooms, terminal);
  useRememberServer(client, server, onRemember);
  const editor = useLineEditor();
  const host = chatCommandHost(rooms, net, onRemember, onQuit, { toggleTime: () => setShowTime((shown) => !shown), search: search.begin, toggleWire });
  const completeWord = useCompletion(editor, () => ({
    nicks: nickCandidates(conversation.entries, client.online, user),
    rooms: rooms.known,
    openRooms: rooms.rooms.map((open) => open.name),
  }));
  const goTo = (index: number): void => {
    if (rooms.select(index)) onRemember({ room: rooms.active.name });
  };

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
      if (text !== '' && !text.startsWith('/')) rooms.active.client.typing();
    },
    other: (intent) => {
      if (search.handle(intent)) return true;
      switch (intent.type) {
        case 'complete':
          completeWord(intent.backwards);
          return true;
        case 'room':
          goTo(intent.index);
          return true;
        case 'roomStep':
          goTo((rooms.activeIndex + intent.step + rooms.rooms.length) % rooms.rooms.length);
          return true;
        case 'mention': {
          const target = mentionTarget(conversation.entries, window.shown, intent.step, user);
          if (target === 'end') window.scroll({ type: 'end' });
          else if (target !== undefined) window.scroll({ type: 'reveal', seq: target });
          else room.say({ text: intent.step < 0 ? 'no earlier message names you' : 'no later message names you', tone: 'muted' });
          return true;
        }
        case 'focus':
          setFocused(intent.focused);
          return true;
        default:
          return false;
      }
    },
  });

  const searching = search.state.mode === 'on';
  const prompt = searching ? search.prompt : `${user} › `;
  const line = searching ? search.editor.state : editor.state;
  const label = transportLabel(choice, transport);
  const header = useMemo(() => headerText({ rooms: summaries, active: activeIndex, user, server: where, transport: label, online, width: columns }), [summaries, activeIndex, user, where, label, online, columns]);
  return (
    // No width of its own: Ink gives the root the terminal's at once on a resize (see RaceScreen).
    <Box flexDirection="column">
      <Header text={header} />
      <MessageList lines={window.lines} height={layout.messages} newCount={window.newCount} />
      {wire === undefined ? null : <WirePaneView pane={pane} source={label} width={columns} height={layout.wire} />}
      <TypingLine label={searching ? SEARCH_KEYS : typingLabel(typing)} />
      <InputLine prompt={prompt} viewport={inputViewport(line.text, line.cursor, columns - textWidth(prompt) - 1, pasteLabels(line))} />
      <LiveStatusBar client={client} choice={choice} transport={transport} net={net} width={columns} onRows={reportStatusRows} intervalMs={statsIntervalMs} />
    </Box>
  );
}
