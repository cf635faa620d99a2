import { describe, expect, it } from 'vitest';
import { MAX_COLUMN_MESSAGES, raceLayout } from '../../../src/ui/race/race-layout.js';

describe('the race layout', () => {
  it('stands five lanes side by side from 100 columns, their figures and last messages, the wire pane taking the rest', () => {
    expect(raceLayout(120, 36, 5, false)).toMatchObject({ mode: 'columns', laneWidth: 24, laneHeight: 10 + MAX_COLUMN_MESSAGES, messages: MAX_COLUMN_MESSAGES, wire: 0 });
    expect(raceLayout(100, 36, 5, false)).toMatchObject({ mode: 'columns', laneWidth: 20 });
    // 36 rows: 30 for lanes and pane once the title, scoreboard, notice, input and a spare row are taken.
    expect(raceLayout(120, 36, 5, true)).toMatchObject({ mode: 'columns', laneHeight: 18, wire: 12 });
    // A short terminal: fewer messages, the figures whole; the pane keeps five rows.
    expect(raceLayout(120, 20, 5, false)).toMatchObject({ mode: 'columns', messages: 4, laneHeight: 14 });
    expect(raceLayout(120, 24, 5, true)).toMatchObject({ mode: 'columns', messages: 3, wire: 5 });
  });

  it('stacks the lanes in rows below 100 columns, or when too short for the figures of a column', () => {
    expect(raceLayout(99, 36, 5, false)).toMatchObject({ mode: 'rows', laneWidth: 99, laneHeight: 3, messages: 2 });
    expect(raceLayout(80, 12, 5, false)).toMatchObject({ mode: 'rows', laneHeight: 1, messages: 0 });
    expect(raceLayout(140, 14, 5, false)).toMatchObject({ mode: 'rows' });
    expect(raceLayout(80, 30, 5, true)).toMatchObject({ mode: 'rows', laneHeight: 3, wire: 24 - 15 });
    expect(raceLayout(80, 30, 2, false)).toMatchObject({ mode: 'rows', laneHeight: 3 });
  });
});
