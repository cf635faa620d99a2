import { describe, expect, it } from 'vitest';
import { canTransition, describeState } from '../../src/transports/state.js';
import type { ConnectionState } from '../../src/transports/types.js';

type Status = ConnectionState['status'];
const ALL: Status[] = ['idle', 'connecting', 'open', 'reconnecting', 'closed'];

describe('connection state transitions', () => {
  it('allows exactly the documented table', () => {
    const allowed = ALL.flatMap((from) => ALL.filter((to) => canTransition(from, to)).map((to) => `${from}→${to}`));
    expect(allowed).toEqual([
      'idle→connecting',
      'idle→closed',
      'connecting→connecting',
      'connecting→open',
      'connecting→reconnecting',
      'connecting→closed',
      'open→connecting',
      'open→reconnecting',
      'open→closed',
      'reconnecting→connecting',
      'reconnecting→closed',
    ]);
  });

  it('never leaves closed, and never reaches open except from connecting', () => {
    for (const to of ALL) expect(canTransition('closed', to)).toBe(false);
    for (const from of ALL) expect(canTransition(from, 'open')).toBe(from === 'connecting');
  });

  it('describes each state in one line', () => {
    expect(describeState({ status: 'reconnecting', attempt: 2, delayMs: 1500, retryAt: 0, reason: 'ws closed' })).toBe('reconnecting (attempt 2 in 1500 ms: ws closed)');
    expect(describeState({ status: 'connecting', attempt: 0, transport: 'sse' })).toBe('connecting (sse)');
    expect(describeState({ status: 'closed', cause: 'unauthorized', reason: 'bad token' })).toBe('closed (unauthorized: bad token)');
  });
});
