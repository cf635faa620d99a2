import { describe, expect, it } from 'vitest';
import { applyPresence, diffPresence, sortOnline } from '../../src/transports/presence-list.js';

describe('online list', () => {
  it('adds on join and removes on leave, one entry per user and transport', () => {
    let online = applyPresence([], { event: 'join', user: 'bob', transport: 'ws', online: 1 });
    online = applyPresence(online, { event: 'join', user: 'alice', transport: 'sse', online: 2 });
    online = applyPresence(online, { event: 'join', user: 'bob', transport: 'ws', online: 2 });
    online = applyPresence(online, { event: 'join', user: 'bob', transport: 'poll', online: 3 });
    expect(online).toEqual([
      { user: 'alice', transport: 'sse' },
      { user: 'bob', transport: 'poll' },
      { user: 'bob', transport: 'ws' },
    ]);
    online = applyPresence(online, { event: 'leave', user: 'bob', transport: 'ws', online: 2 });
    expect(online).toEqual([
      { user: 'alice', transport: 'sse' },
      { user: 'bob', transport: 'poll' },
    ]);
  });

  it('turns two snapshots into join and leave events', () => {
    const before = [
      { user: 'alice', transport: 'poll' as const },
      { user: 'bob', transport: 'ws' as const },
    ];
    const after = [
      { user: 'alice', transport: 'poll' as const },
      { user: 'carol', transport: 'sse' as const },
    ];
    expect(diffPresence(before, after)).toEqual([
      { event: 'leave', user: 'bob', transport: 'ws', online: 2 },
      { event: 'join', user: 'carol', transport: 'sse', online: 2 },
    ]);
    expect(diffPresence(after, after)).toEqual([]);
  });
});

describe('online list in a large room', () => {
  const transports = ['ws', 'sse', 'longpoll', 'poll'] as const;
  /** A deterministic shuffle of `n` entries, with names of mixed case and accents. */
  function entries(n: number) {
    const names = Array.from({ length: n }, (_, i) => ({ user: `${['ana', 'Émile', 'bob', 'Zoë', 'carl'][i % 5]}${(i * 7919) % n}`, transport: transports[i % 4]! }));
    return names;
  }

  it('keeps the order a full sort gives, however the joins and leaves come', () => {
    const all = entries(400);
    let online = sortOnline([]);
    for (const e of all) online = applyPresence(online, { event: 'join', ...e, online: 0 });
    for (const e of all.filter((_, i) => i % 3 === 0)) online = applyPresence(online, { event: 'leave', ...e, online: 0 });
    const expected = [...all.filter((_, i) => i % 3 !== 0)].sort((a, b) => new Intl.Collator().compare(a.user, b.user) || new Intl.Collator().compare(a.transport, b.transport));
    expect(online).toEqual(expected);
  });

  it('diffs two snapshots of thousands, each change once', () => {
    const before = sortOnline(entries(3000));
    const newcomers = entries(100).map((e) => ({ ...e, user: `new-${e.user}` }));
    const after = sortOnline([...before.slice(0, 2000), ...newcomers]);
    const events = diffPresence(before, after);
    expect(events.filter((e) => e.event === 'leave').map((e) => e.user)).toEqual(before.slice(2000).map((e) => e.user));
    expect(events.filter((e) => e.event === 'join').map((e) => e.user).sort()).toEqual(newcomers.map((e) => e.user).sort());
    expect(events.every((e) => e.online === after.length)).toBe(true);
  });

  it('sorts a server snapshot into this process’s order', () => {
    expect(sortOnline([{ user: 'bob', transport: 'ws' }, { user: 'alice', transport: 'sse' }, { user: 'alice', transport: 'poll' }])).toEqual([
      { user: 'alice', transport: 'poll' },
      { user: 'alice', transport: 'sse' },
      { user: 'bob', transport: 'ws' },
    ]);
  });
});
