import { describe, expect, it } from 'vitest';
import { pageContent, purposeOf, sentText, waitOf } from '../../src/transports/wire-reading.js';

describe('what the wire view reads from a request', () => {
  it('names what a request is for from its method and path', () => {
    expect(purposeOf('GET', '/messages?room=lobby&user=a&since=3')).toBe('poll');
    expect(purposeOf('GET', '/messages?room=lobby&user=a&since=3&wait=0')).toBe('poll');
    expect(purposeOf('GET', '/messages?room=lobby&user=a&since=3&wait=5000')).toBe('long poll');
    expect(purposeOf('POST', '/messages?room=lobby&user=a')).toBe('send');
    expect(purposeOf('POST', '/typing?room=lobby&user=a')).toBe('typing');
    expect(purposeOf('GET', '/presence?room=lobby&user=a')).toBe('presence');
    expect(purposeOf('POST', '/read?room=lobby')).toBe('read');
    expect(purposeOf('GET', '/reads?room=lobby')).toBe('reads');
    expect(purposeOf('GET', '/events?room=lobby&user=a&since=0')).toBe('events');
    expect(purposeOf('GET', '/chat/ws')).toBe('upgrade');
  });

  it("reads a long poll's wait, a send's text bytes and a page's messages, and nothing from anything else", () => {
    expect(waitOf('/messages?since=1&wait=25000')).toBe(25000);
    expect(waitOf('/messages?since=1')).toBeUndefined();
    expect(sentText(JSON.stringify({ user: 'a', text: 'héllo', clientId: 'c' }))).toBe(6);
    expect(sentText('{"user":"a"}')).toBe(0);
    expect(sentText('not json')).toBe(0);
    expect(sentText(undefined)).toBe(0);
    const page = { epoch: 'e', messages: [{ id: 1, room: 'r', user: 'u', text: 'hi', sentAt: 1, serverAt: 1 }, { id: 2, room: 'r', user: 'u', text: 'é', sentAt: 1, serverAt: 1 }], hasMore: false };
    expect(pageContent(JSON.stringify(page))).toEqual({ messages: 2, payload: 4 });
    expect(pageContent('{"error":"x","code":"y"}')).toBeUndefined();
  });
});
