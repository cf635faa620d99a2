import { describe, expect, it } from 'vitest';
import { applyPresence, diffPresence } from '../../src/transports/presence-list.js';

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
