import { ErrorCode } from '../../protocol/plain.js';
import type { ConnectFailure } from '../../transports/types.js';
import type { Tone } from '../format/theme.js';

/** A line for the conversation (system-lines.ts's SystemLine, which imports this module). */
interface SystemLine {
  readonly text: string;
  readonly tone: Tone;
}

/** What the chat knows of the connection that failed, for advice that fits. */
export interface FailureContext {
  /** Whether this chat was connected before: a server that was there is coming back, not missing. */
  readonly everOpened: boolean;
  /** Whether a token was given (--token or TERMCHAT_TOKEN). */
  readonly hasToken: boolean;
}

/** System error codes as a person would say them. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the name could not be looked up',
  EHOSTUNREACH: 'no route to the host',
  ENETUNREACH: 'the network is unreachable',
  EADDRNOTAVAIL: 'the address is not available',
  ETIMEDOUT: 'the connection timed out',
  EPIPE: 'the connection broke',
};

/** Whether `origin` is this machine: a server the user could start here. */
function isLoopback(origin: string): boolean {
  let host: string;
  try {
    host = new URL(origin).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
}

/** How the try failed, in a few words: the errno's, else what the transport reported. */
function how(failure: ConnectFailure, reason: string): string {
  if (failure.errno !== undefined && ERRNO_WORDS[failure.errno] !== undefined) return ERRNO_WORDS[failure.errno]!;
  if (failure.code === 'timeout') return 'no answer in time';
  return reason;
}

/**
 * What a failed connect deserves in the conversation, said once per streak of failures: what
 * failed and how, then what to do. A server that cannot be reached is the first-run case (no
 * server started yet), so it points at `termchat serve` and `termchat demo`; one that was there
 * before is simply being waited for.
 */
export function explainRetry(failure: ConnectFailure, reason: string, context: FailureContext): SystemLine[] {
  const { server } = failure;
  if (failure.code === 'unreachable' || failure.code === 'timeout') {
    const what: SystemLine = { text: `can't reach ${server}: ${how(failure, reason)}`, tone: 'warn' };
    if (context.everOpened) return [what, { text: 'retrying until it is back; /reconnect tries now', tone: 'info' }];
    const advice = isLoopback(server) ? 'start one with termchat serve, or try termchat demo' : 'check the address (--server), or try termchat demo for a server of your own';
    return [what, { text: `${advice}; retrying meanwhile`, tone: 'info' }];
  }
  if (failure.code === 'unavailable') return [{ text: `${server} cannot serve now: ${reason}; retrying`, tone: 'warn' }];
  return [{ text: `lost the connection to ${server}: ${how(failure, reason)}; retrying`, tone: 'warn' }];
}

/**
 * Why the chat stopped trying, and what would fix it: a refused or expired token and a refused
 * origin, host or name each say so, rather than a bare status code.
 */
export function explainClosed(failure: ConnectFailure | undefined, reason: string, context: FailureContext): SystemLine[] {
  if (failure === undefined) return [{ text: `connection closed: ${reason}`, tone: 'error' }];
  const { server } = failure;
  switch (failure.errorCode) {
    case ErrorCode.tokenExpired:
      return [{ text: `${server} refused the token: it has expired`, tone: 'error' }, { text: 'ask for a new one (termchat token) and join with --token', tone: 'info' }];
    case ErrorCode.unauthorized:
      return context.hasToken
        ? [{ text: `${server} refused the token: ${reason}`, tone: 'error' }, { text: 'check the token you gave (--token or TERMCHAT_TOKEN)', tone: 'info' }]
        : [{ text: `${server} needs a token`, tone: 'error' }, { text: 'join with --token TOKEN (or TERMCHAT_TOKEN); its operator has it', tone: 'info' }];
    case ErrorCode.forbiddenOrigin:
      return [{ text: `${server} refused this client's origin: ${reason}`, tone: 'error' }];
    case ErrorCode.forbiddenHost:
      return [{ text: `${server} does not answer for this host name: ${reason}`, tone: 'error' }, { text: 'use the address its operator gave, or ask them to allow this one (--allow-host)', tone: 'info' }];
    case ErrorCode.nameMismatch:
      return [{ text: `${server} refused the name: ${reason}`, tone: 'error' }, { text: 'join with the name your token holds (--as), or /nick to it', tone: 'info' }];
    default:
      return [{ text: `connection closed: ${reason}`, tone: 'error' }];
  }
}

/** What a failed connect and a stop are told with: the terminal's chat passes these; a view that passes none says less. */
export interface FailureExplainer {
  readonly retry: typeof explainRetry;
  readonly closed: typeof explainClosed;
}

export const explainFailure: FailureExplainer = { retry: explainRetry, closed: explainClosed };
