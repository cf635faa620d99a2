import { useCallback, useEffect, useRef, useState } from 'react';
import type { Clock } from '../../transports/types.js';
import type { Race } from '../race/race.js';
import { laneView, scoreboard, type LaneView, type Scoreboard } from '../race/race-view.js';

/** The race redraws at most this often, however busy the room: changes wait and go together. */
export const RACE_FRAME_MS = 100;
/**
 * Figures that move without an event (requests per second, the bytes of a poll) are read again
 * this often while every lane is open: a frame of the whole race costs what a chat's does many
 * times over, and an idle race should not spend it every second on a request rate's last digit.
 * Anything that arrives is drawn at once (within RACE_FRAME_MS), and brings the figures along.
 */
export const RACE_SAMPLE_MS = 2000;
/** While a lane is not open, its countdown to the next try is read this often, as the status bar's is. */
export const RACE_COUNTDOWN_MS = 250;
/**
 * After a keystroke the lanes are not redrawn on their own for this long: the next keystroke's
 * frame brings them along. A frame of the race costs several of a chat's, and a key that arrives
 * while one is being drawn waits for it; so while someone types, the race draws once per key.
 */
export const RACE_TYPING_HOLD_MS = 250;

/** What the race screen draws. */
export interface RaceView {
  readonly lanes: readonly LaneView[];
  readonly board: Scoreboard;
}

/** The race's view, and what a keystroke calls so that its frame brings the lanes along. */
export interface RaceViewHandle {
  readonly view: RaceView;
  /** Brings the view up to date within the caller's render, and holds the lanes' own frames back a while. */
  readonly keystroke: () => void;
}

/**
 * The race's text, recomputed at most every RACE_FRAME_MS after a change and every RACE_SAMPLE_MS
 * regardless (RACE_COUNTDOWN_MS while a lane counts down to a reconnect); a view whose text did not change is dropped, so an idle race renders only when a
 * figure moves. Each lane's view keeps its identity while its text is the same, so a lane that
 * did not change is not drawn again.
 */
export function useRaceView(race: Race, clock: Clock, sparkWidth: number): RaceViewHandle {
  const compute = (): RaceView => {
    const snapshot = race.snapshot();
    const now = clock.now();
    return { lanes: snapshot.lanes.map((lane) => laneView(lane, snapshot.sent, now, sparkWidth)), board: scoreboard(snapshot) };
  };
  const shown = useRef<{ view: RaceView; texts: string[] } | undefined>(undefined);
  const [view, setView] = useState(() => {
    const first = compute();
    shown.current = { view: first, texts: first.lanes.map((lane) => JSON.stringify(lane)).concat(JSON.stringify(first.board)) };
    return first;
  });
  const refresh = useRef(() => {});
  refresh.current = () => {
    const next = compute();
    const texts = next.lanes.map((lane) => JSON.stringify(lane)).concat(JSON.stringify(next.board));
    const previous = shown.current!;
    if (texts.length === previous.texts.length && texts.every((text, i) => text === previous.texts[i])) return;
    // Unchanged lanes keep the object drawn before.
    const lanes = next.lanes.map((lane, i) => (texts[i] === previous.texts[i] ? previous.view.lanes[i]! : lane));
    const board = texts.at(-1) === previous.texts.at(-1) ? previous.view.board : next.board;
    const merged = { lanes, board };
    shown.current = { view: merged, texts };
    setView(merged);
  };

  const typed = useRef((): void => {});
  useEffect(() => {
    let frame: unknown;
    let lastFrameAt = Number.NEGATIVE_INFINITY;
    let holdUntil = Number.NEGATIVE_INFINITY;
    const draw = (): void => {
      frame = undefined;
      lastFrameAt = clock.now();
      refresh.current();
    };
    const changed = (): void => {
      if (frame !== undefined) return;
      const now = clock.now();
      frame = clock.setTimeout(draw, Math.max(0, RACE_FRAME_MS - (now - lastFrameAt), holdUntil - now));
    };
    typed.current = () => {
      // Only what changed since the last frame is worth drawing with the key.
      if (frame !== undefined) {
        clock.clearTimeout(frame);
        draw();
      }
      holdUntil = clock.now() + RACE_TYPING_HOLD_MS;
    };
    let sample: unknown;
    const period = (): number => (race.clients.every((client) => client.state.status === 'open') ? RACE_SAMPLE_MS : RACE_COUNTDOWN_MS);
    const tick = (): void => {
      changed();
      sample = clock.setTimeout(tick, period());
    };
    sample = clock.setTimeout(tick, period());
    const stop = race.subscribe(changed);
    return () => {
      stop();
      clock.clearTimeout(sample);
      if (frame !== undefined) clock.clearTimeout(frame);
      typed.current = () => {};
    };
  }, [race, clock]);

  useEffect(() => refresh.current(), [sparkWidth]);
  const keystroke = useCallback(() => typed.current(), []);
  return { view, keystroke };
}
