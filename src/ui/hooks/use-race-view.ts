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
 * A key's frame draws the input line alone; what changed in the lanes meanwhile is drawn this long
 * after the key, in the gap before the next one. A frame of the whole race costs several of a
 * chat's, and a key that arrives while one is being drawn waits for it: drawn between keys, the
 * lanes keep up with a typist without slowing the echo.
 */
export const RACE_AFTER_KEY_MS = 50;
/**
 * For this long after a key, what changes after the lanes' frame waits for the next key's gap (or
 * for this to pass), rather than come at RACE_FRAME_MS and meet the next key: one frame of lanes
 * per key while someone types.
 */
export const RACE_TYPING_HOLD_MS = 250;
/** Someone typing faster than RACE_AFTER_KEY_MS (a paste) holds the lanes back no longer than this. */
export const RACE_TYPING_STALE_MS = 1000;

/** What the race screen draws. */
export interface RaceView {
  readonly lanes: readonly LaneView[];
  readonly board: Scoreboard;
}

/** The race's view, and what a keystroke calls so that the lanes keep out of its frame. */
export interface RaceViewHandle {
  readonly view: RaceView;
  /** Moves the lanes' next frame into the gap after this key, and holds them back while typing goes on. */
  readonly keystroke: () => void;
  /** The same for Enter, which ends the typing: what lands afterwards is drawn at the usual pace. */
  readonly submitted: () => void;
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

  const typed = useRef((_typing: boolean): void => {});
  useEffect(() => {
    let frame: unknown;
    let lastFrameAt = Number.NEGATIVE_INFINITY;
    let lastKeyAt = Number.NEGATIVE_INFINITY;
    let typingUntil = Number.NEGATIVE_INFINITY;
    // When the changes waiting for the next frame began: typing holds them back only so long.
    let pendingSince = 0;
    const draw = (): void => {
      frame = undefined;
      lastFrameAt = clock.now();
      refresh.current();
    };
    const delay = (now: number): number => {
      // Just after a key, its frame goes first; after that, while typing goes on, the next key's gap.
      const afterKey = now <= lastKeyAt + RACE_AFTER_KEY_MS || now >= typingUntil ? lastKeyAt + RACE_AFTER_KEY_MS : typingUntil;
      return Math.max(0, lastFrameAt + RACE_FRAME_MS - now, Math.min(afterKey, pendingSince + RACE_TYPING_STALE_MS) - now);
    };
    const changed = (): void => {
      if (frame !== undefined) return;
      pendingSince = clock.now();
      frame = clock.setTimeout(draw, delay(pendingSince));
    };
    typed.current = (typing) => {
      lastKeyAt = clock.now();
      typingUntil = typing ? lastKeyAt + RACE_TYPING_HOLD_MS : Number.NEGATIVE_INFINITY;
      if (frame === undefined) return;
      clock.clearTimeout(frame);
      frame = clock.setTimeout(draw, delay(lastKeyAt));
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
  const keystroke = useCallback(() => typed.current(true), []);
  const submitted = useCallback(() => typed.current(false), []);
  return { view, keystroke, submitted };
}
