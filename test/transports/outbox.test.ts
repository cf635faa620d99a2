import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/transports/outbox.js';

function filled(): Outbox {
  const outbox = new Outbox();
  outbox.add('a', 'first', 1);
  outbox.add('b', 'second', 2);
  outbox.add('c', 'third', 3);
  return outbox;
}

const ids = (entries: readonly { clientId: string }[]): string[] => entries.map((e) => e.clientId);

describe('Outbox', () => {
  it('hands out everything pending, in order, on a pipelined transport', () => {
    const outbox = filled();
    expect(ids(outbox.due(0, true))).toEqual(['a', 'b', 'c']);
    outbox.markSent('a');
    expect(ids(outbox.due(0, true))).toEqual(['b', 'c']);
  });

  it('keeps one in flight at a time otherwise', () => {
    const outbox = filled();
    expect(ids(outbox.due(0, false))).toEqual(['a']);
    outbox.markSent('a');
    expect(outbox.due(0, false)).toEqual([]);
    expect(outbox.ack('a', 7)).toMatchObject({ clientId: 'a', id: 7, status: 'acked' });
    expect(ids(outbox.due(0, false))).toEqual(['b']);
  });

  it('acks once and forgets the entry', () => {
    const outbox = filled();
    expect(outbox.ack('b', 2)).toBeDefined();
    expect(outbox.ack('b', 2)).toBeUndefined();
    expect(outbox.ack('nobody', 1)).toBeUndefined();
    expect(ids(outbox.entries())).toEqual(['a', 'c']);
  });

  it('puts sent entries back to pending when their transport is gone, keeping the clientId', () => {
    const outbox = filled();
    outbox.markSent('a');
    outbox.markSent('b');
    expect(outbox.requeueAll()).toBe(true);
    expect(outbox.entries().map((e) => e.status)).toEqual(['pending', 'pending', 'pending']);
    expect(outbox.requeueAll()).toBe(false);
  });

  it('holds back a rate-limited entry, and everything behind it, until its time', () => {
    const outbox = filled();
    outbox.markSent('a');
    outbox.defer('a', 1000);
    expect(outbox.get('a')?.status).toBe('pending');
    expect(outbox.due(999, true)).toEqual([]);
    expect(outbox.blockedUntil(999)).toBe(1000);
    expect(ids(outbox.due(1000, true))).toEqual(['a', 'b', 'c']);
    expect(outbox.blockedUntil(1000)).toBeUndefined();
    outbox.markSent('a');
    expect(outbox.blockedUntil(0)).toBeUndefined();
  });

  it('waits for the first held-back entry in order, even when a later one may go sooner', () => {
    const outbox = filled();
    outbox.defer('a', 1000);
    outbox.defer('b', 999);
    expect(outbox.blockedUntil(0)).toBe(1000);
    expect(outbox.due(999, true)).toEqual([]);
    expect(outbox.blockedUntil(999)).toBe(1000);
    expect(ids(outbox.due(1000, true))).toEqual(['a', 'b', 'c']);
  });

  it('fails an entry for good with the server error', () => {
    const outbox = filled();
    expect(outbox.fail('b', { code: 'text_too_long', message: 'too long' })).toMatchObject({ status: 'failed', error: { code: 'text_too_long' } });
    expect(ids(outbox.entries())).toEqual(['a', 'c']);
    expect(outbox.size).toBe(2);
  });
});
