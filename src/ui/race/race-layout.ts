/** At this width and more the lanes stand side by side; narrower, they stack in rows. */
export const SIDE_BY_SIDE_COLUMNS = 100;

/** Lines a lane's column gives its figures in side-by-side mode, before its messages. */
export const COLUMN_FIGURE_LINES = 10;

/** How the race screen's rows are shared. */
export interface RaceLayout {
  /**
   * columns: each lane a column `laneWidth` wide, its figures then its last messages;
   * rows: each lane `laneHeight` lines across the whole width, its figures on the first.
   */
  readonly mode: 'columns' | 'rows';
  readonly laneWidth: number;
  readonly laneHeight: number;
  /** Messages each lane shows. */
  readonly messages: number;
  /** Title line, scoreboard (2), notice line, input line. */
  readonly header: number;
  readonly scoreboard: number;
  readonly notice: number;
  readonly input: number;
  /** The wire pane of the focused lane, when open. */
  readonly wire: number;
}

/**
 * Splits a terminal of `columns` × `rows` between `lanes` lanes. One row stays free, as in the chat,
 * so that Ink never redraws the whole terminal on each frame.
 */
export function raceLayout(columns: number, rows: number, lanes: number, wireOpen: boolean): RaceLayout {
  const fixed = { header: 1, scoreboard: 2, notice: 1, input: 1 };
  const free = Math.max(lanes, rows - 1 - fixed.header - fixed.scoreboard - fixed.notice - fixed.input);
  const wire = wireOpen ? Math.min(Math.max(5, Math.floor(free * 0.4)), Math.max(0, free - lanes)) : 0;
  const area = free - wire;
  const count = Math.max(1, lanes);
  if (columns >= SIDE_BY_SIDE_COLUMNS && area >= COLUMN_FIGURE_LINES) {
    return { mode: 'columns', laneWidth: Math.floor(columns / count), laneHeight: area, messages: area - COLUMN_FIGURE_LINES, ...fixed, wire };
  }
  const laneHeight = Math.max(1, Math.floor(area / count));
  return { mode: 'rows', laneWidth: columns, laneHeight, messages: laneHeight - 1, ...fixed, wire };
}
