import { Box, Text } from 'ink';
import { memo } from 'react';
import type { StatusField } from '../../format/status.js';
import { truncateToWidth } from '../../format/text-width.js';
import { useTheme } from '../../hooks/use-theme.js';
import { stackedLabel, type LaneView } from '../../race/race-view.js';

export interface RaceLaneProps {
  readonly view: LaneView;
  readonly width: number;
  readonly height: number;
  /** Messages to show under the figures. */
  readonly messages: number;
  readonly focused: boolean;
}

/** "label value" with the value in its tone. */
function Figure({ field, label = field.label }: { readonly field: StatusField; readonly label?: string }) {
  const theme = useTheme();
  return (
    <>
      <Text dimColor>{label} </Text>
      <Text color={field.tone === undefined ? undefined : theme.tone(field.tone)}>{field.value}</Text>
    </>
  );
}

/** The figure a lane shows that the others do not need: a poller's waste, a WebSocket's ping. */
function special(view: LaneView): StatusField {
  if (view.figures.waste.value !== '—') return view.figures.waste;
  if (view.figures.ping.value !== '—') return view.figures.ping;
  return view.figures.waste;
}

/** "last · p50 · p95 ms" without the spaces, for a narrow column. */
const compact = (latency: string): string => latency.replace(/ · /g, '·');

/** One lane as a column: name, state, the status bar's figures, the count, then its last messages. */
export const RaceColumn = memo(function RaceColumn({ view, width, height, messages, focused }: RaceLaneProps) {
  const theme = useTheme();
  const inner = Math.max(1, width - 1);
  const recent = messages > 0 ? view.recent.slice(-messages) : [];
  return (
    // A column of space on the right keeps one column's text off the next.
    <Box flexDirection="column" width={width} height={height} flexShrink={0} overflow="hidden" paddingRight={1}>
      <Text wrap="truncate-end" bold inverse={focused} color={theme.tone('info')}>
        {truncateToWidth(view.lane, inner)}
      </Text>
      {stackedLabel(view.connection.text, inner).map((line, i) => (
        <Text key={i} color={theme.tone(view.connection.tone)} wrap="truncate-end">
          {line === '' ? ' ' : line}
        </Text>
      ))}
      <Text wrap="truncate-end">
        <Text dimColor>lat </Text>
        {compact(view.latency)}
      </Text>
      <Text wrap="truncate-end" color={theme.tone('info')}>
        {view.spark === '' ? ' ' : view.spark}
      </Text>
      <Text wrap="truncate-end">
        <Figure field={view.figures['req/s']} /> <Figure field={view.figures.tcp} />
      </Text>
      <Text wrap="truncate-end">
        <Figure field={view.figures.bytes} label="wire" />
      </Text>
      <Text wrap="truncate-end">
        <Figure field={view.figures['bytes/msg']} />
      </Text>
      <Text wrap="truncate-end">
        <Figure field={special(view)} />
      </Text>
      <Text wrap="truncate-end">
        <Text dimColor>recv </Text>
        <Text color={theme.tone(view.count.tone)}>{view.count.text}</Text>
        {view.figures.reconnects.value === '0' ? null : (
          <>
            {' '}
            <Figure field={view.figures.reconnects} label="rc" />
          </>
        )}
      </Text>
      {recent.map((arrival) => (
        <Text key={arrival.key} wrap="truncate-end">
          <Text color={theme.tone('info')}>{arrival.delay}</Text> <Text dimColor>{arrival.who}</Text> {arrival.text}
        </Text>
      ))}
    </Box>
  );
});

/** One lane as a row across the screen: its figures on a line, its last messages under it. */
export const RaceRow = memo(function RaceRow({ view, width, height, messages, focused }: RaceLaneProps) {
  const theme = useTheme();
  const recent = messages > 0 ? view.recent.slice(-messages) : [];
  const f = view.figures;
  return (
    <Box flexDirection="column" width={width} height={height} flexShrink={0} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold inverse={focused} color={theme.tone('info')}>
          {view.lane.padEnd(14)}
        </Text>{' '}
        <Text color={theme.tone(view.connection.tone)}>● {view.connection.text}</Text>
        {'  '}
        <Text dimColor>recv </Text>
        <Text color={theme.tone(view.count.tone)}>{view.count.text}</Text>
        {'  '}
        <Text dimColor>lat </Text>
        {compact(view.latency)}
        {view.spark === '' ? null : <Text color={theme.tone('info')}> {view.spark}</Text>}
        {'  '}
        <Figure field={f['req/s']} /> <Figure field={f.tcp} />
        {'  '}
        <Figure field={f.bytes} label="wire" /> <Figure field={f['bytes/msg']} />
        {'  '}
        <Figure field={special(view)} />
      </Text>
      {recent.map((arrival) => (
        <Text key={arrival.key} wrap="truncate-end">
          {'  '}
          <Text color={theme.tone('info')}>{arrival.delay}</Text> <Text dimColor>{arrival.who}</Text> {arrival.text}
        </Text>
      ))}
    </Box>
  );
});
