import { describe, expect, it } from 'vitest';
import { formatClockTime } from '../../../src/ui/format/entry-lines.js';
import { headerText } from '../../../src/ui/format/header.js';
import { describeWho, formatOnline } from '../../../src/ui/format/online.js';
import { screenLayout } from '../../../src/ui/format/screen-layout.js';

const online = [
  { user: 'carol', transport: 'poll' },
  { user: 'alice', transport: 'ws' },
  { user: 'bob', transport: 'sse' },
  { user: 'alice', transport: 'sse' },
] as const;

describe('online list', () => {
  it('lists each user once, sorted, with +N for those that do not fit', () => {
    expect(formatOnline(online, 40)).toBe('alice, bob, carol');
    expect(formatOnline(online, 14)).toBe('alice, bob +1');
    expect(formatOnline(online, 3)).toBe('+3');
    expect(formatOnline([], 10)).toBe('');
  });

  it('answers /who', () => {
    expect(describeWho([])).toBe('nobody is online');
  });
});

const lobby = { name: 'lobby', unread: 0, mentions: 0 };

describe('headerText', () => {
  it('fits room, identity, transport and who is online', () => {
    const text = headerText({ rooms: [lobby], active: 0, user: 'alice', server: 'http://127.0.0.1:4000', transport: 'ws (auto)', online, width: 100 });
    expect(text).toEqual({ rooms: [{ text: '#lobby', state: 'active' }], identity: 'alice @ http://127.0.0.1:4000', transport: 'ws (auto)', online: 'online 3: alice, bob, carol' });
  });

  it('drops names before the count on a narrow terminal', () => {
    const text = headerText({ rooms: [lobby], active: 0, user: 'alice', server: 'http://127.0.0.1:4000', transport: 'ws', online, width: 60 });
    expect(text.online).toBe('online 3');
  });

  it('lists every open room, with what is new in the others: unread, and @ those naming you', () => {
    const rooms = [lobby, { name: 'dev', unread: 3, mentions: 0 }, { name: 'ops', unread: 1, mentions: 1 }, { name: 'qa', unread: 4, mentions: 2 }];
    const text = headerText({ rooms, active: 0, user: 'alice', server: 'http://127.0.0.1:4000', transport: 'ws', online: [], width: 100 });
    expect(text.rooms).toEqual([
      { text: '#lobby', state: 'active' },
      { text: '#dev 3', state: 'unread' },
      { text: '#ops @1', state: 'mention' },
      { text: '#qa 4 @2', state: 'mention' },
    ]);
    // The room on screen has no counts of its own; it is the one being read.
    expect(headerText({ rooms, active: 1, user: 'alice', server: 's', transport: 'ws', online: [], width: 100 }).rooms[1]).toEqual({ text: '#dev', state: 'active' });
  });

  it('keeps the room on screen and those nearest it when the rooms do not all fit', () => {
    const rooms = Array.from({ length: 12 }, (_, i) => ({ name: `room${i}`, unread: 0, mentions: 0 }));
    const text = headerText({ rooms, active: 9, user: 'alice', server: 'http://127.0.0.1:4000', transport: 'ws', online: [], width: 60 });
    const names = text.rooms.map((tab) => tab.text);
    expect(names).toContain('#room9');
    expect(names.at(-1)).toMatch(/^\+\d+$/);
    expect(names.join('  ').length).toBeLessThanOrEqual(60 - 'ws'.length - 8 - 4);
  });
});

describe('screen layout', () => {
  it('gives the messages what the fixed parts leave, keeping one row free', () => {
    expect(screenLayout(24)).toEqual({ header: 1, typing: 1, input: 1, status: 2, messages: 18, wire: 0 });
    expect(screenLayout(24, 3).messages).toBe(17);
    expect(screenLayout(24, 2, true)).toEqual({ header: 1, typing: 1, input: 1, status: 2, messages: 9, wire: 9 });
    expect(screenLayout(3).messages).toBe(1);
  });
});

describe('clock time', () => {
  it('is local HH:MM', () => {
    expect(formatClockTime(new Date(2025, 5, 1, 7, 3).getTime())).toBe('07:03');
  });
});
