import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WriteQueue } from '../../src/server/store/write-queue.js';

const BUSY = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
const isBusy = (error: unknown): boolean => error === BUSY;

describe('WriteQueue', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('runs a write at once while nothing waits', async () => {
    const queue = new WriteQueue(isBusy, Date.now);
    const order: string[] = [];
    const done = queue.run(() => order.push('a'));
    order.push('after run');
    await done;
    expect(order).toEqual(['a', 'after run']);
  });

  it('keeps writes in order behind one the file refused as busy, and runs them once it is free', async () => {
    const queue = new WriteQueue(isBusy, Date.now);
    let locked = true;
    const order: string[] = [];
    const write = (name: string) => () => {
      if (locked) throw BUSY;
      order.push(name);
      return name;
    };
    const first = queue.run(write('first'));
    // Free by now, but it must not overtake the one that waits.
    locked = false;
    const second = queue.run(write('second'));
    expect(order).toEqual([]);
    await vi.advanceTimersByTimeAsync(20);
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
    expect(order).toEqual(['first', 'second']);
  });

  it('gives up on writes that waited 250 ms with the busy error, and goes on with the rest', async () => {
    const queue = new WriteQueue(isBusy, Date.now);
    let locked = true;
    const write = (name: string) => () => {
      if (locked) throw BUSY;
      return name;
    };
    const early = queue.run(write('early'));
    const refused = expect(early).rejects.toBe(BUSY);
    await vi.advanceTimersByTimeAsync(200);
    const late = queue.run(write('late'));
    await vi.advanceTimersByTimeAsync(60);
    await refused;
    locked = false;
    await vi.advanceTimersByTimeAsync(20);
    expect(await late).toBe('late');
  });

  it('fails a write for any other error at once, without holding the others', async () => {
    const queue = new WriteQueue(isBusy, Date.now);
    const bug = new Error('constraint');
    await expect(
      queue.run(() => {
        throw bug;
      }),
    ).rejects.toBe(bug);
    expect(await queue.run(() => 'next')).toBe('next');
  });
});
