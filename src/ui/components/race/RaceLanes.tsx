import { Box, Text, Transform } from 'ink';
import { memo } from 'react';
import { columnsOf } from '../../format/text-width.js';
import { useTheme } from '../../hooks/use-theme.js';
import { laneGrid } from '../../race/lane-grid.js';
import type { RaceLayout } from '../../race/race-layout.js';
import type { LaneView } from '../../race/race-view.js';

export interface RaceLanesProps {
  readonly views: readonly LaneView[];
  readonly layout: Pick<RaceLayout, 'mode' | 'laneWidth' | 'laneHeight' | 'messages'>;
  /** The lane Tab moved to, its name drawn inverse. */
  readonly focus: number;
  /** Rows in all. */
  readonly height: number;
}

// eslint-disable-next-line no-control-regex -- the SGR escapes paint() puts in a row
const SGR = /\u001b\[[0-9;]*m/g;

/**
 * One row of the lanes, styled and cut to the width already. Ink measures a Text's text again on
 * every frame, and a row holding a symbol (· ● — ▁▂▃) is measured grapheme by grapheme: some 2 ms
 * of each frame for the race's rows, keystrokes' frames included, although the rows did not
 * change. Ink is given as many spaces as the row is wide to lay out and measure, and the row takes
 * their place as the line is written out. Its text was made safe to draw on the way (race-view's
 * sanitizeLine, on top of what the client does to all it receives): what paint() puts in, SGR
 * alone, is all Ink's own sanitising would have kept. A screen reader is read the row itself. In a
 * frame laid out narrower than the rows (the one Ink draws on a resize, before the screen's own
 * at the new width), Ink cuts or wraps the spaces and those are drawn, where the rows themselves
 * were wrapped across the lanes below them.
 */
function LaneRow({ row }: { readonly row: string }) {
  const blank = ' '.repeat(columnsOf(row.replace(SGR, '')));
  return (
    <Transform accessibilityLabel={row} transform={(line) => (line === blank ? row : line)}>
      {blank}
    </Transform>
  );
}

/**
 * Every lane, as rows of text already styled and cut to the width: one Text a row, nothing to
 * measure, wrap or clip. A race screen is dense, and Ink's work per frame grows with its elements
 * and with every line it must cut again; drawn so, a frame costs a fraction of one built from a
 * Text per figure. Memoised: a keystroke does not draw the lanes again.
 */
export const RaceLanes = memo(function RaceLanes({ views, layout, focus, height }: RaceLanesProps) {
  const theme = useTheme();
  const rows = laneGrid(views, layout, focus, theme);
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      {rows.map((row, i) => (row === '' ? <Text key={i}> </Text> : <LaneRow key={i} row={row} />))}
    </Box>
  );
});
