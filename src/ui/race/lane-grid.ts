import { paint } from '../format/paint.js';
import type { Theme } from '../format/theme.js';
import { columnLines, rowLines, spansWidth, type LaneLine } from './lane-lines.js';
import type { RaceLayout } from './race-layout.js';
import type { LaneView } from './race-view.js';

/**
 * The lanes' part of the screen as rows of text, each already styled and cut to the width:
 * side by side, row r holds line r of every column, each padded to its column's width; stacked,
 * each lane's lines then blank rows to its band's height.
 */
export function laneGrid(views: readonly LaneView[], layout: Pick<RaceLayout, 'mode' | 'laneWidth' | 'laneHeight' | 'messages'>, focus: number, theme: Theme): string[] {
  const { mode, laneWidth, laneHeight, messages } = layout;
  if (mode === 'rows') {
    return views.flatMap((view, i) => {
      const lines = rowLines(view, laneWidth, messages, i === focus).slice(0, laneHeight);
      return [...lines.map((line) => paint(line.spans, theme)), ...Array.from({ length: laneHeight - lines.length }, () => '')];
    });
  }
  const columns: LaneLine[][] = views.map((view, i) => columnLines(view, laneWidth, messages, i === focus));
  const rows: string[] = [];
  for (let r = 0; r < laneHeight; r++) {
    let row = '';
    columns.forEach((lines, i) => {
      const spans = lines[r]?.spans ?? [];
      row += paint(spans, theme);
      // The last column needs no padding after it.
      if (i < columns.length - 1) row += ' '.repeat(Math.max(0, laneWidth - spansWidth(spans)));
    });
    rows.push(row.trimEnd());
  }
  return rows;
}
