import { describe, expect, it } from 'vitest';
import { decodeMessagesPage, decodePostAnswer, decodePresence, decodeServerFrame, decodeSseEvent } from '../../src/transports/decode.js';

const message = { id: 42, room: 'lobby', user: 'Alice', text: 'hi', sentAt: 1795330242022.125, serverAt: 1795330242025, clientId: 'c-1' };
const online = [{ user: 'Alice', transport: 'sse' }];
const presence = { event: 'join', user: 'Carol', transport: 'ws', online: 2 };

describe('decodeServerFrame', () => {
  it.each([
    { type: 'welcome', epoch: 'e1', lastId: 0, online },
    { type: 'message', message },
    { type: 'message', message: { ...message, clientId: undefined } },
    { type: 'ack', clientId: 'c-1', id: 44 },
    { type: 'presence', ...presence },
    { type: 'typing', user: 'Bob' },
    { type: 'pong', t: -1.5 },
    { type: 'error', code: 'rate_limited', message: 'slow down', clientId: 'c-1', retryAfterMs: 1200 },
    { type: 'error', code: 'a_code_of_a_newer_server', message: 'no' },
  ])('reads a $type frame', (frame) => {
    expect(decodeServerFrame(JSON.stringify(frame))).toEqual(frame);
  });

  it('drops fields it does not know, at every depth', () => {
    const frame = { type: 'welcome', epoch: 'e1', lastId: 3, online: [{ user: 'a', transport: 'ws', since: 1 }], extra: true };
    expect(decodeServerFrame(JSON.stringify(frame))).toStrictEqual({ type: 'welcome', epoch: 'e1', lastId: 3, online: [{ user: 'a', transport: 'ws' }] });
  });

  it("calls a well-formed frame of a type it does not know 'unknown', so a newer server's frames are skipped", () => {
    expect(decodeServerFrame('{"type":"reaction","emoji":"+1"}')).toBe('unknown');
    expect(decodeServerFrame('{"type":""}')).toBe('unknown');
  });

  it.each([
    ['not JSON', '{"type":'],
    ['not an object', '["welcome"]'],
    ['no type', '{"epoch":"e"}'],
    ['a type that is not a string', '{"type":7}'],
    ['a known type with a field missing', '{"type":"ack","clientId":"c"}'],
    ['a message id of 0', JSON.stringify({ type: 'message', message: { ...message, id: 0 } })],
    ['a fractional ack id', '{"type":"ack","clientId":"c","id":1.5}'],
    ['a negative lastId', '{"type":"welcome","epoch":"e","lastId":-1,"online":[]}'],
    ['a transport it does not know', JSON.stringify({ type: 'presence', ...presence, transport: 'carrier-pigeon' })],
    ['a presence event that is neither join nor leave', JSON.stringify({ type: 'presence', ...presence, event: 'stay' })],
    ['an infinite number', '{"type":"pong","t":1e400}'],
    ['a null where a string belongs', '{"type":"typing","user":null}'],
  ])('refuses %s', (_, raw) => {
    expect(decodeServerFrame(raw)).toBeUndefined();
  });
});

describe('decodeSseEvent', () => {
  it('makes each event the frame the WebSocket would have carried', () => {
    expect(decodeSseEvent('welcome', JSON.stringify({ epoch: 'e1', lastId: 43, online }))).toEqual({ type: 'welcome', epoch: 'e1', lastId: 43, online });
    expect(decodeSseEvent('message', JSON.stringify(message))).toEqual({ type: 'message', message });
    expect(decodeSseEvent('presence', JSON.stringify(presence))).toEqual({ type: 'presence', ...presence });
    expect(decodeSseEvent('typing', '{"user":"Carol","extra":1}')).toStrictEqual({ type: 'typing', user: 'Carol' });
  });

  it.each([
    [undefined, JSON.stringify(message)],
    ['ack', '{"clientId":"c","id":1}'],
    ['message', '{"id":1}'],
    ['welcome', 'not json'],
    ['typing', '{}'],
  ])('refuses event %s with data %s', (event, data) => {
    expect(decodeSseEvent(event, data)).toBeUndefined();
  });
});

describe('the HTTP answers', () => {
  it('reads a page of messages, a stored message and the online list', () => {
    expect(decodeMessagesPage(JSON.stringify({ messages: [message], epoch: 'e1', hasMore: false }))).toEqual({ messages: [message], epoch: 'e1', hasMore: false });
    expect(decodePostAnswer(JSON.stringify({ message, epoch: 'e1' }))).toEqual(message);
    expect(decodePresence(JSON.stringify({ room: 'lobby', online }))).toEqual(online);
  });

  it('refuses malformed ones', () => {
    expect(decodeMessagesPage('{"messages":[],"epoch":"e1"}')).toBeUndefined();
    expect(decodeMessagesPage(JSON.stringify({ messages: [{ ...message, serverAt: '1' }], epoch: 'e1', hasMore: false }))).toBeUndefined();
    expect(decodePostAnswer(JSON.stringify({ message }))).toBeUndefined();
    expect(decodePresence('{"online":[]}')).toBeUndefined();
    expect(decodePresence('')).toBeUndefined();
  });
});
