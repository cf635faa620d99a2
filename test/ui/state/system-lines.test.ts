import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../src/transports/types.js';
import { describeCatchUp, describeFallback, describePresence, describeTransition, freshMemory, type TransitionMemory } from '../../../src/ui/state/system-lines.js';

/** Runs states through describeTransition and collects the lines. */
function lines(states: ConnectionState[]): string[] {
  const out: string[] = [];
  let memory: TransitionMemory = freshMemory;
  let previous: ConnectionState = { status: 'idle' };
  for (const next of states) {
    const described = describeTransition(next, previous, memory);
    memory = described.memory;
    if (described.line) out.push(described.line.text);
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
