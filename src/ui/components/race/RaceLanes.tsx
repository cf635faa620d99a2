import { Box, Text } from 'ink';
import { memo } from 'react';
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
      {rows.map((row, i) => (
        <Text key={i}>{row === '' ? ' ' : row}</Text>
      ))}
    </Box>
  );
});
