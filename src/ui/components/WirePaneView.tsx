import { Box, Text } from 'ink';
import { formatBytes } from '../format/numbers.js';
import { wireRow, wireTitles } from '../format/wire-row.js';
import type { WirePane } from '../hooks/use-wire-pane.js';
import { useTheme } from '../hooks/use-theme.js';

/** Rows the pane takes besides its events: its title line and the column titles. */
export const WIRE_PANE_CHROME = 2;

export interface WirePaneViewProps {
  readonly pane: WirePane;
  /** Whose wire it is: "ws", "race-poll (poll)". */
  readonly source: string;
  readonly width: number;
  /** Rows in all, the two title lines included. */
  readonly height: number;
}

/**
 * The last network events, newest at the bottom, as a browser's network panel lists them: time,
 * direction, connection, what, payload and overhead bytes, status, how long it took.
 */
export function WirePaneView({ pane, source, width, height }: WirePaneViewProps) {
  const theme = useTheme();
  const { log, shown, following } = pane;
  const rows = Math.max(0, height - WIRE_PANE_CHROME);
  const where = following ? 'live' : `scrolled · End for live`;
  const summary = `wire · ${source} · ${log.total} events · ${formatBytes(log.bytes)}, ${formatBytes(log.payload)} of it message text · ${where} · PgUp/PgDn · Ctrl+O closes`;
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      <Text wrap="truncate-end" color={theme.tone('accent')} bold>
        {summary}
      </Text>
      <Text wrap="truncate-end" dimColor>
        {wireTitles(width)}
      </Text>
      {Array.from({ length: Math.max(0, rows - shown.length) }, (_, i) => (
        <Text key={`pad-${i}`}> </Text>
      ))}
      {shown.map((event, i) => {
        const row = wireRow(event, width);
        return (
          <Text key={pane.from + i} wrap="truncate-end">
            <Text dimColor>{row.time}</Text> <Text color={theme.tone(row.arrowTone)}>{row.arrow}</Text>{' '}
            <Text color={row.tone === undefined ? undefined : theme.tone(row.tone)}>{row.text}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
