import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Clock } from '../../../transports/types.js';
import { inputViewport } from '../../format/input-viewport.js';
import { textWidth } from '../../format/text-width.js';
import { useChatKeys } from '../../hooks/use-chat-keys.js';
import { useLineEditor } from '../../hooks/use-line-editor.js';
import { useRaceView } from '../../hooks/use-race-view.js';
import { useTerminalSize } from '../../hooks/use-terminal-size.js';
import { useTheme } from '../../hooks/use-theme.js';
import { useWirePane } from '../../hooks/use-wire-pane.js';
import { netField } from '../../format/net-field.js';
import type { NetLever } from '../../net-lever.js';
import { RACE_SENDER } from '../../race/lanes.js';
import type { BotsLever, ServerLever } from '../../race/levers.js';
import type { Race } from '../../race/race.js';
import { parseRaceLine, RACE_HELP } from '../../race/race-commands.js';
import { raceLayout } from '../../race/race-layout.js';
import { runRaceCommand, type Notice } from '../../race/run-race-command.js';
import { InputLine } from '../InputLine.js';
import { WIRE_PANE_CHROME, WirePaneView } from '../WirePaneView.js';
import { RaceLanes } from './RaceLanes.js';

export interface RaceScreenProps {
  readonly race: Race;
  readonly room: string;
  readonly server: ServerLever;
  readonly bots: BotsLever;
  /** The network every lane goes through, which /net moves. */
  readonly net: NetLever;
  readonly clock: Clock;
  readonly onQuit: () => void;
}

const FIRST_NOTICE: Notice = { text: 'Tab focuses a column · Ctrl+O its network events · /bots N · /server stop · /help', tone: 'muted' };

/**
 * termchat race: one column per lane, each a real client in the same room, racing on the same
 * messages; the scoreboard under them, then what was last said back, then the input line.
 */
export function RaceScreen({ race, room, server, bots, net, clock, onQuit }: RaceScreenProps) {
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const clients = race.clients;
  const [focus, setFocus] = useState(0);
  const [wire, setWire] = useState<object | undefined>(undefined);
  const [help, setHelp] = useState(false);
  const [notice, setNotice] = useState<Notice>(FIRST_NOTICE);
  // The server lever changes under the screen: drawn again when a stop or a start is done.
  const [, setServerRuns] = useState(server.running);
  // So does the network: drawn again on each change, the end of a `down` included.
  const [, setNetChanges] = useState(0);
  useEffect(() => net.subscribe(() => setNetChanges((n) => n + 1)), [net]);
  const layout = raceLayout(columns, rows, clients.length, wire !== undefined);
  const sparkWidth = layout.mode === 'columns' ? Math.max(1, layout.laneWidth - 2) : 8;
  const { view, keystroke, submitted } = useRaceView(race, clock, sparkWidth);
  const focused = clients[Math.min(focus, clients.length - 1)]!;
  const focusedLane = view.lanes[Math.min(focus, view.lanes.length - 1)]!.lane;
  const pane = useWirePane(focused, wire, Math.max(0, layout.wire - WIRE_PANE_CHROME));
  const editor = useLineEditor();
  const toggleWire = useCallback(() => setWire((open) => (open === undefined ? {} : undefined)), []);
  const stepFocus = useCallback((step: 1 | -1) => setFocus((at) => (at + step + clients.length) % Math.max(1, clients.length)), [clients.length]);

  useChatKeys(editor, {
    submit: (text) => {
      const command = parseRaceLine(text, bots.max);
      if (command === undefined) return;
      submitted();
      setHelp(command.type === 'help' ? (shown) => !shown : false);
      const run = (): void =>
        runRaceCommand(command, {
          race,
          server,
          bots,
          net,
          say: setNotice,
          toggleWire,
          focus: (lane) => setFocus(Math.max(0, view.lanes.findIndex((one) => one.lane === lane))),
          serverChanged: () => setServerRuns(server.running),
          quit: onQuit,
        });
      // A message goes once this key's frame is drawn: the race's clients live in this process,
      // and a frame drawn while the message travels would be counted in every lane's delay.
      if (command.type === 'send') clock.setTimeout(run, 0);
      else run();
    },
    scroll: wire === undefined ? undefined : pane.scroll,
    // A key's frame draws the input line alone: the lanes' changes follow just after, between keys.
    edited: keystroke,
    wire: toggleWire,
    // Tab (Shift+Tab back) moves the focus to the next column: there are no names to complete here.
    other: (intent) => {
      if (intent.type !== 'complete') return false;
      stepFocus(intent.backwards ? -1 : 1);
      return true;
    },
    quit: onQuit,
  });

  const where = server.own ? `${server.url} (race's own, ${server.running ? 'running' : 'stopped'})` : server.url;
  const title = `termchat race · #${room} · ${where} · ${bots.count === 0 ? 'no bots' : `${bots.count} bot${bots.count === 1 ? '' : 's'}`} · sender "${RACE_SENDER}"`;
  const condition = netField(net.condition, net.now());
  const prompt = `${RACE_SENDER} › `;
  const lanesHeight = layout.mode === 'columns' ? layout.laneHeight : layout.laneHeight * view.lanes.length;
  const { mode, laneWidth, laneHeight, messages } = layout;
  // Kept while the layout is the same, so that the memoised lanes are not drawn again on a keystroke.
  const lanesLayout = useMemo(() => ({ mode, laneWidth, laneHeight, messages }), [mode, laneWidth, laneHeight, messages]);
  return (
    // No width of its own: Ink gives the root the terminal's, at once on a resize, before this screen renders
    // again at the new size; a frame of the old width would be wrapped by the terminal into lines Ink cannot erase.
    <Box flexDirection="column">
      <Text wrap="truncate-end">
        <Text bold color={theme.tone('accent')}>
          {title}
        </Text>
        {condition === undefined ? null : (
          <Text bold color={theme.tone(condition.tone)}>
            {'  '}
            {condition.text}
          </Text>
        )}
      </Text>
      {help ? (
        <Box flexDirection="column" height={lanesHeight} flexShrink={0} overflow="hidden">
          {RACE_HELP.map((line) => (
            <Text key={line} wrap="wrap">
              {line}
            </Text>
          ))}
        </Box>
      ) : (
        <RaceLanes views={view.lanes} layout={lanesLayout} focus={focus} height={lanesHeight} />
      )}
      <Text wrap="truncate-end">
        <Text dimColor>order </Text>
        {view.board.order}
      </Text>
      <Text wrap="truncate-end" dimColor>
        {view.board.cost}
      </Text>
      {wire === undefined ? null : <WirePaneView pane={pane} source={focusedLane} width={columns} height={layout.wire} />}
      <Text wrap="truncate-end" color={notice.tone === undefined ? undefined : theme.tone(notice.tone)}>
        {notice.text}
      </Text>
      <InputLine prompt={prompt} viewport={inputViewport(editor.state.text, editor.state.cursor, columns - textWidth(prompt) - 1)} />
    </Box>
  );
}
