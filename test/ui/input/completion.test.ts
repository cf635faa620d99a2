import { describe, expect, it } from 'vitest';
import { candidatesFor, complete, nickCandidates, type CompletionContext, type CompletionCycle } from '../../../src/ui/input/completion.js';
import type { ChatEntry } from '../../../src/ui/state/conversation.js';

const context: CompletionContext = {
  nicks: ['Bob', 'bella', 'Carol'],
  rooms: ['lobby', 'dev', 'ops'],
  openRooms: ['lobby'],
  commands: ['/help', '/join', '/nick', '/transport', '/me', '/time'],
};

/** Presses Tab `times` times on `text` with the cursor at its end (or at `cursor`), returning each line. */
function tabs(text: string, times: number, cursor = text.length, backwards = false): string[] {
  const seen: string[] = [];
  let line = text;
  let at = cursor;
  let cycle: CompletionCycle | undefined;
  for (let i = 0; i < times; i++) {
    const done = complete(line, at, cycle, context, backwards);
    if (done === undefined) break;
    ({ text: line, cursor: at, cycle } = done);
    seen.push(line);
  }
  return seen;
}

describe('completion', () => {
  it('completes a name at the start of a line as "Bob: " and elsewhere as "Bob", ignoring case', () => {
    expect(tabs('bo', 1)).toEqual(['Bob: ']);
    expect(tabs('thanks bo', 1)).toEqual(['thanks Bob']);
    expect(tabs('hi @ca', 1)).toEqual(['hi @Carol']);
  });

  it('cycles through the candidates on each Tab, and backwards with Shift+Tab', () => {
    expect(tabs('b', 3)).toEqual(['Bob: ', 'bella: ', 'Bob: ']);
    expect(tabs('b', 2, 1, true)).toEqual(['bella: ', 'Bob: ']);
  });

  it('completes in the middle of a line and keeps what follows', () => {
    const done = complete('hi ca, how are you', 5, undefined, context);
    expect(done).toMatchObject({ text: 'hi Carol, how are you', cursor: 8 });
  });

  it('completes commands and their arguments', () => {
    expect(tabs('/tr', 1)).toEqual(['/transport ']);
    expect(tabs('/transport l', 1)).toEqual(['/transport longpoll']);
    expect(tabs('/transport ', 5)).toEqual(['/transport ws', '/transport sse', '/transport longpoll', '/transport poll', '/transport auto']);
    expect(tabs('/join ', 3)).toEqual(['/join dev', '/join ops', '/join dev']);
    expect(tabs('/me waves at b', 1)).toEqual(['/me waves at Bob']);
  });

  it('does nothing when nothing fits', () => {
    expect(complete('zz', 2, undefined, context)).toBeUndefined();
    expect(candidatesFor('/nick ', 6, context).candidates).toEqual(['Bob', 'bella', 'Carol']);
  });

  it('starts afresh once the line was edited after a Tab', () => {
    const first = complete('b', 1, undefined, context)!;
    expect(complete('Bob: c', 6, first.cycle, context)?.text).toBe('Bob: Carol');
  });

  it('offers the latest speakers first, then everyone online by name, never yourself', () => {
    const said = (seq: number, user: string): ChatEntry => ({ kind: 'chat', seq, user, text: 'x', at: 0, own: user === 'alice' });
    const entries = [said(1, 'carol'), said(2, 'bob'), said(3, 'alice'), said(4, 'carol')];
    const online = [
      { user: 'zed', transport: 'ws' },
      { user: 'alice', transport: 'ws' },
      { user: 'bob', transport: 'sse' },
      { user: 'dave', transport: 'poll' },
    ] as const;
    expect(nickCandidates(entries, online, 'alice')).toEqual(['carol', 'bob', 'dave', 'zed']);
  });
});
