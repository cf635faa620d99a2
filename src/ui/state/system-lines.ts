import type { PresenceEvent, TransportKind } from '../../protocol/plain.js';
import type { ConnectionState } from '../../transports/types.js';
import { formatSeconds } from '../format/numbers.js';
import type { Tone } from '../format/theme.js';
import type { FailureExplainer } from './connect-failure.js';

/** A line for the conversation, written by the client rather than a person. */
export interface SystemLine {
  readonly text: string;
  readonly tone: Tone;
}

/** What earlier transitions said that the next one's wording depends on. */
export interface TransitionMemory {
  /** The transport of the last open state, undefined before the first. */
  readonly lastOpen: TransportKind | undefined;
  /** Whether the connection dropped since it was last open. */
  readonly dropped: boolean;
  /** Whether this streak of failed tries (since the last open, or the start) was explained already. */
  readonly failureTold: boolean;
}

export const freshMemory: TransitionMemory = { lastOpen: undefined, dropped: false, failureTold: false };

/** What a transition's wording depends on besides earlier transitions. */
export interface TransitionContext {
  /** Whether a token was given, so a refusal can say which one is missing. */
  readonly hasToken: boolean;
  /**
   * How a failed connect (once per streak) and a stop are explained (connect-failure.ts): what
   * failed and what to do. Without it a failed connect is not told and a stop says its reason.
   */
  readonly explain?: FailureExplainer | undefined;
}

/**
 * The system lines a state change deserves, if any: "connected", "disconnected", "reconnected",
 * "now using sse" after a switch; for a try that failed, once per streak of failures, what
 * failed and how and what to do; when it gives up, why and what would fix it. Countdowns and
 * attempts belong to the status bar, not to the conversation.
 */
export function describeTransition(
  next: ConnectionState,
  previous: ConnectionState,
  memory: TransitionMemory,
  context: TransitionContext = { hasToken: false },
): { readonly lines: readonly SystemLine[]; readonly memory: TransitionMemory } {
  const failureContext = { everOpened: memory.lastOpen !== undefined, hasToken: context.hasToken };
  switch (next.status) {
    case 'open': {
      const after: TransitionMemory = { lastOpen: next.transport, dropped: false, failureTold: false };
      if (memory.lastOpen === undefined) return { lines: [{ text: `connected via ${next.transport}`, tone: 'ok' }], memory: after };
      if (memory.dropped) return { lines: [{ text: `reconnected via ${next.transport}`, tone: 'ok' }], memory: after };
      if (memory.lastOpen !== next.transport) return { lines: [{ text: `now using ${next.transport}`, tone: 'ok' }], memory: after };
      return { lines: [], memory: after };
    }
    case 'reconnecting': {
      const after: TransitionMemory = { ...memory, dropped: true };
      if (previous.status === 'open') return { lines: [{ text: `disconnected: ${next.reason}; reconnecting`, tone: 'warn' }], memory: after };
      if (memory.failureTold || next.failure === undefined || context.explain === undefined) return { lines: [], memory: after };
      return { lines: context.explain.retry(next.failure, next.reason, failureContext), memory: { ...after, failureTold: true } };
    }
    case 'closed':
      // Closing on purpose (quit, /nick, /join) needs no notice.
      if (next.cause === 'client') return { lines: [], memory };
      return { lines: context.explain?.closed(next.failure, next.reason, failureContext) ?? [{ text: `connection closed: ${next.reason}`, tone: 'error' }], memory };
    case 'connecting':
    case 'idle':
      return { lines: [], memory };
  }
}

/** "bob joined (sse)" / "bob left (poll)". */
export function describePresence(event: PresenceEvent): SystemLine {
  return { text: `${event.user} ${event.event === 'join' ? 'joined' : 'left'} (${event.transport})`, tone: 'muted' };
}

/** `auto` moved on to another transport. */
export function describeFallback(info: { readonly from: TransportKind; readonly to: TransportKind; readonly reason: string }): SystemLine {
  return { text: `${info.from} did not work (${info.reason}); trying ${info.to}`, tone: 'warn' };
}

/** The server no longer keeps messages this client had not seen; they will never come. */
export function describeTrimmed(firstId: number): SystemLine {
  return { text: `history before #${firstId} was trimmed`, tone: 'warn' };
}

/**
 * A reconnect brought the messages sent while the link was down: "caught up 3 messages from the
 * 8.1 s outage". They are not counted as latency, so the chat says what they are.
 */
export function describeCatchUp({ count, outageMs }: { readonly count: number; readonly outageMs: number }): SystemLine {
  return { text: `caught up ${count} ${count === 1 ? 'message' : 'messages'} from the ${formatSeconds(outageMs)} outage`, tone: 'muted' };
}

/** The server's history is new; what was shown is gone. */
export const HISTORY_RESET_TEXT = 'the server history was reset; showing it from the start';
