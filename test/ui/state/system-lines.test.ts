import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../src/transports/types.js';
import { explainFailure } from '../../../src/ui/state/connect-failure.js';
import { describeCatchUp, describeFallback, describePresence, describeTransition, freshMemory, type TransitionMemory } from '../../../src/ui/state/system-lines.js';

/** Runs states through describeTransition and collects the lines. */
function lines(states: ConnectionState[], hasToken = false): string[] {
  const out: string[] = [];
  let memory: TransitionMemory = freshMemory;
  let previous: ConnectionState = { status: 'idle' };
  for (const next of states) {
    const described = describeTransition(next, previous, memory, { hasToken, explain: explainFailure });
    memory = described.memory;
    out.push(...described.lines.map((line) => line.text));
    previous = next;
  }
  return out;
}

describe('system lines', () => {
  it('says connected, disconnected and reconnected', () => {
    expect(
      lines([
        { status: 'connecting', attempt: 0, transport: 'ws' },
        { status: 'open', transport: 'ws', since: 0 },
        { status: 'reconnecting', attempt: 1, delayMs: 1000, retryAt: 1000, reason: 'server closed (1001)' },
        { status: 'connecting', attempt: 1, transport: 'ws' },
        { status: 'reconnecting', attempt: 2, delayMs: 2000, retryAt: 3000, reason: 'refused' },
        { status: 'connecting', attempt: 2, transport: 'ws' },
        { status: 'open', transport: 'ws', since: 4 },
      ]),
    ).toEqual(['connected via ws', 'disconnected: server closed (1001); reconnecting', 'reconnected via ws']);
  });

  it('says which transport a switch moved to', () => {
    expect(lines([{ status: 'open', transport: 'ws', since: 0 }, { status: 'connecting', attempt: 0, transport: 'sse' }, { status: 'open', transport: 'sse', since: 3 }])).toEqual(['connected via ws', 'now using sse']);
  });

  it('says nothing when we close on purpose, and why otherwise', () => {
    expect(lines([{ status: 'open', transport: 'ws', since: 0 }, { status: 'closed', reason: 'bye', cause: 'client' }])).toEqual(['connected via ws']);
    expect(lines([{ status: 'closed', reason: 'token refused', cause: 'unauthorized' }])).toEqual(['connection closed: token refused']);
  });

  it('says why a first connect fails and what to do, once per streak of failures', () => {
    const refused = (attempt: number, reason = 'ws upgrade failed: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:4000'): ConnectionState => ({
      status: 'reconnecting',
      attempt,
      delayMs: 1000,
      retryAt: 1000,
      reason,
      failure: { code: 'unreachable', server: 'http://127.0.0.1:4000', errno: 'ECONNREFUSED' },
    });
    const trying = (attempt: number): ConnectionState => ({ status: 'connecting', attempt, transport: 'ws' });
    expect(lines([trying(0), refused(1), trying(1), refused(2), trying(2), refused(3)])).toEqual([
      "can't reach http://127.0.0.1:4000: connection refused",
      'start one with termchat serve, or try termchat demo; retrying meanwhile',
    ]);
    // Once it was open, a new streak is told again, as a server coming back.
    const later = lines([trying(0), { status: 'open', transport: 'ws', since: 0 }, refused(1, 'ws connection failed: ECONNRESET'), trying(1), refused(2), trying(2), refused(3)]);
    expect(later).toEqual([
      'connected via ws',
      'disconnected: ws connection failed: ECONNRESET; reconnecting',
      "can't reach http://127.0.0.1:4000: connection refused",
      'retrying until it is back; /reconnect tries now',
    ]);
  });

  it('points a remote server that is not found at its address, and says a timeout as such', () => {
    const state = (failure: NonNullable<Extract<ConnectionState, { status: 'reconnecting' }>['failure']>): ConnectionState => ({ status: 'reconnecting', attempt: 1, delayMs: 1000, retryAt: 1000, reason: 'r', failure });
    expect(lines([state({ code: 'unreachable', server: 'http://chat.example:4000', errno: 'ENOTFOUND' })])).toEqual([
      "can't reach http://chat.example:4000: no such host",
      'check the address (--server), or try termchat demo for a server of your own; retrying meanwhile',
    ]);
    expect(lines([state({ code: 'timeout', server: 'http://10.0.0.9:4000' })])[0]).toBe("can't reach http://10.0.0.9:4000: no answer in time");
  });

  it('says a refused or expired token, or a refused name, instead of a status code', () => {
    const closed = (errorCode: string): ConnectionState => ({ status: 'closed', cause: 'unauthorized', reason: `ws upgrade refused, 401 ${errorCode}: …`, failure: { code: 'unauthorized', server: 'http://h:4000', errorCode } });
    expect(lines([closed('unauthorized')])).toEqual(['http://h:4000 needs a token', 'join with --token TOKEN (or TERMCHAT_TOKEN); its operator has it']);
    expect(lines([closed('unauthorized')], true)[0]).toBe('http://h:4000 refused the token: ws upgrade refused, 401 unauthorized: …');
    expect(lines([closed('token_expired')], true)[0]).toBe('http://h:4000 refused the token: it has expired');
    expect(lines([{ status: 'closed', cause: 'forbidden', reason: 'refused, 403 name_mismatch', failure: { code: 'forbidden', server: 'http://h:4000', errorCode: 'name_mismatch' } }])[1]).toBe(
      'join with the name your token holds (--as), or /nick to it',
    );
  });

  it('without an explainer (the web page), tells no failed connect and says a stop by its reason', () => {
    const failure = { code: 'unreachable', server: 'http://h:4000', errno: 'ECONNREFUSED' } as const;
    const quiet = describeTransition({ status: 'reconnecting', attempt: 1, delayMs: 1, retryAt: 1, reason: 'r', failure }, { status: 'connecting', attempt: 0, transport: 'ws' }, freshMemory);
    expect(quiet.lines).toEqual([]);
    expect(describeTransition({ status: 'closed', cause: 'unauthorized', reason: '401', failure }, { status: 'idle' }, freshMemory).lines).toEqual([{ text: 'connection closed: 401', tone: 'error' }]);
  });

  it('describes presence and fallback', () => {
    expect(describePresence({ event: 'join', user: 'bob', transport: 'sse', online: 2 }).text).toBe('bob joined (sse)');
    expect(describePresence({ event: 'leave', user: 'bob', transport: 'poll', online: 1 }).text).toBe('bob left (poll)');
    expect(describeFallback({ from: 'ws', to: 'sse', reason: 'upgrade refused' })).toEqual({ text: 'ws did not work (upgrade refused); trying sse', tone: 'warn' });
  });

  it('says what a reconnect caught up, and from how long an outage, in seconds to a tenth', () => {
    expect(describeCatchUp({ count: 3, outageMs: 8123.4 })).toEqual({ text: 'caught up 3 messages from the 8.1 s outage', tone: 'muted' });
    expect(describeCatchUp({ count: 1, outageMs: 650 }).text).toBe('caught up 1 message from the 0.7 s outage');
  });
});
