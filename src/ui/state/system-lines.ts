import type { PresenceEvent, TransportKind } from '../../protocol/plain.js';
import type { ConnectionState } from '../../transports/types.js';
import { formatSeconds } from '../format/numbers.js';
import type { Tone } from '../format/theme.js';

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
}

export const freshMemory: TransitionMemory = { lastOpen: undefined, dropped: false };

/**
 * The system line a state change deserves, if any: "connected", "disconnected", "reconnected",
 * "now using sse" after a switch, "closed" when it gives up. Countdowns and attempts belong to
 * the status bar, not to the conversation.
 */
export function describeTransition(next: ConnectionState, previous: ConnectionState, memory: TransitionMemory): { readonly line?: SystemLine; readonly memory: TransitionMemory } {
  switch (next.status) {
    case 'open': {
      const after: TransitionMemory = { lastOpen: next.transport, dropped: false };
      if (memory.lastOpen === undefined) return { line: { text: `connected via ${next.transport}`, tone: 'ok' }, memory: after };
      if (memory.dropped) return { line: { text: `reconnected via ${next.transport}`, tone: 'ok' }, memory: after };
      if (memory.lastOpen !== next.transport) return { line: { text: `now using ${next.transport}`, tone: 'ok' }, memory: after };
      return { memory: after };
    }
    case 'reconnecting':
      if (previous.status !== 'open') return { memory: { ...memory, dropped: true } };
      return { line: { text: `disconnected: ${next.reason}; reconnecting`, tone: 'warn' }, memory: { ...memory, dropped: true } };
    case 'closed':
      // Closing on purpose (quit, /nick, /join) needs no notice.
      return next.cause === 'client' ? { memory } : { line: { text: `connection closed: ${next.reason}`, tone: 'error' }, memory };
    case 'connecting':
    case 'idle':
      return { memory };
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
