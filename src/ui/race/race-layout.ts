import { COLUMN_FIGURE_LINES } from './lane-lines.js';

/** At this width and more the lanes stand side by side; narrower, they stack in rows. */
export const SIDE_BY_SIDE_COLUMNS = 100;

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
 * Messages a lane shows at most: side by side, its last eight; in rows, its last two. Every frame
 * redraws the whole screen, each character of it, and the same messages in five columns are
 * most of a tall screen's characters: kept to these, a frame costs half as much, which is what
 * keeps a keystroke's echo quick while twenty bots chat.
 */
export const MAX_COLUMN_MESSAGES = 8;
export const MAX_ROW_MESSAGES = 2;

/**
 * Splits a terminal of `columns` × `rows` between `lanes` lanes. One row stays free, as in the chat,
 * so that Ink never redraws the whole terminal on each frame. The lanes take what their figures
 * and messages need; the wire pane, when open, takes the rest.
 */
export function raceLayout(columns: number, rows: number, lanes: number, wireOpen: boolean): RaceLayout {
  const fixed = { header: 1, scoreboard: 2, notice: 1, input: 1 };
  const free = Math.max(lanes, rows - 1 - fixed.header - fixed.scoreboard - fixed.notice - fixed.input);
  const count = Math.max(1, lanes);
  // With the pane open the lanes keep at least their figures and a message or two, the pane at least five rows.
  const room = wireOpen ? Math.max(Math.min(free, lanes), free - 5) : free;
  const fit = (laneHeight: number, messages: number, mode: RaceLayout['mode'], laneWidth: number): RaceLayout => {
    const used = mode === 'columns' ? laneHeight : laneHeight * count;
    return { mode, laneWidth, laneHeight, messages, ...fixed, wire: wireOpen ? Math.max(0, free - used) : 0 };
  };
  if (columns >= SIDE_BY_SIDE_COLUMNS && room >= COLUMN_FIGURE_LINES) {
    const messages = Math.min(MAX_COLUMN_MESSAGES, room - COLUMN_FIGURE_LINES);
    return fit(COLUMN_FIGURE_LINES + messages, messages, 'columns', Math.floor(columns / count));
  }
  const laneHeight = Math.max(1, Math.min(1 + MAX_ROW_MESSAGES, Math.floor(room / count)));
  return fit(laneHeight, laneHeight - 1, 'rows', columns);
}
