import { CLEAN, type NetChange, type NetCondition } from '../relay/condition.js';

/** What pulling the lever did: the condition now in force and the connections it reset, or why nothing changed. */
export type NetApplied =
  | { readonly ok: true; readonly condition: NetCondition; readonly reset: number }
  | { readonly ok: false; readonly reason: string };

/** Told of every change of condition: the lever's own, and those that come by themselves (the end of `down`). */
export type NetListener = (next: NetCondition, previous: NetCondition) => void;

/**
 * The network between a view's clients and their server, as the view sees it: the condition in
 * force, a way to change it, and word of each change. The view never touches a socket: the
 * command that started it made the relay its clients go through and hands it this, so one /net
 * moves every client the view shows (one in the chat; several side by side on other screens).
 */
export interface NetLever {
  /** Why this lever moves nothing (the view's clients connect directly), or undefined when it works. */
  readonly unavailable: string | undefined;
  readonly condition: NetCondition;
  /** The clock a `down` condition's `until` is read against, for a countdown. */
  now(): number;
  /** Changes the condition for every connection through the relay, now and to come. */
  apply(change: NetChange): NetApplied;
  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: NetListener): () => void;
}

/** A lever for clients that connect directly: always clean, and every change refused with `why`. */
export function unavailableLever(why: string): NetLever {
  return {
    unavailable: why,
    condition: CLEAN,
    now: () => Date.now(),
    apply: () => ({ ok: false, reason: why }),
    subscribe: () => () => {},
  };
}
