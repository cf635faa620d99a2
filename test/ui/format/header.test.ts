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

describe('headerText', () => {
  it('fits room, identity, transport and who is online', () => {
    const text = headerText({ room: 'lobby', user: 'alice', server: 'http://127.0.0.1:4000', transport: 'ws (auto)', online, width: 100 });
    expect(text).toEqual({ room: '#lobby', identity: 'alice @ http://127.0.0.1:4000', transport: 'ws (auto)', online: 'online 3: alice, bob, carol' });
  });

  it('drops names before the count on a narrow terminal', () => {
    const text = headerText({ room: 'lobby', user: 'alice', server: 'http://127.0.0.1:4000', transport: 'ws', online, width: 60 });
    expect(text.online).toBe('online 3');
  });
});

describe('screen layout', () => {
  it('gives the messages what the fixed parts leave, keeping one row free', () => {
    expect(screenLayout(24)).toEqual({ header: 1, typing: 1, input: 1, status: 2, messages: 18, wire: 0 });
    expect(screenLayout(24, true)).toEqual({ header: 1, typing: 1, input: 1, status: 2, messages: 9, wire: 9 });
    expect(screenLayout(3).messages).toBe(1);
  });
});

describe('clock time', () => {
  it('is local HH:MM', () => {
    expect(formatClockTime(new Date(2025, 5, 1, 7, 3).getTime())).toBe('07:03');
  });
});
