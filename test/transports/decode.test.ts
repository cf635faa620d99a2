import { describe, expect, it } from 'vitest';
import {
  decodeCloseReason,
  decodeErrorAnswer,
  decodeMessagesPage,
  decodePostAnswer,
  decodePresence,
  decodeServerFrame,
  decodeSseEvent,
  excerpt,
} from '../../src/transports/decode.js';
import { HOSTILE, isUnsafe, laced, replaceAt, stringsOf } from '../helpers/hostile.js';

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

/** What is left on screen of the hostile characters once they are removed: the printable tails of the escape sequences. */
const withoutLeftovers = (text: string): string => text.replace(/\]0;PWNED-TITLE|\]52;c;ZXZpbA==|\[2J\[31m\[6n|6n/g, '');

/** Every decoder, with one well-formed input of each shape it reads. */
const decoders: readonly { readonly name: string; readonly sample: unknown; readonly decode: (value: unknown) => unknown }[] = [
  ...[
    { type: 'welcome', epoch: 'e1', lastId: 0, online },
    { type: 'message', message },
    { type: 'ack', clientId: 'c-1', id: 44 },
    { type: 'presence', ...presence },
    { type: 'typing', user: 'Bob' },
    { type: 'error', code: 'rate_limited', message: 'slow down', clientId: 'c-1', retryAfterMs: 1200 },
  ].map((sample) => ({ name: `a ${sample.type} frame`, sample, decode: (value: unknown) => decodeServerFrame(JSON.stringify(value)) })),
  ...(
    [
      ['welcome', { epoch: 'e1', lastId: 43, online }],
      ['message', message],
      ['presence', presence],
      ['typing', { user: 'Carol' }],
    ] as const
  ).map(([event, sample]) => ({ name: `an sse ${event} event`, sample, decode: (value: unknown) => decodeSseEvent(event, JSON.stringify(value)) })),
  { name: 'a page of messages', sample: { messages: [message, { ...message, id: 43 }], epoch: 'e1', hasMore: false }, decode: (value) => decodeMessagesPage(JSON.stringify(value)) },
  { name: 'a POST answer', sample: { message, epoch: 'e1' }, decode: (value) => decodePostAnswer(JSON.stringify(value)) },
  { name: 'the online list', sample: { room: 'lobby', online: [...online, { user: 'Bob', transport: 'poll' }] }, decode: (value) => decodePresence(JSON.stringify(value)) },
  { name: 'an error answer', sample: { error: 'too many messages', code: 'rate_limited', retryAfterMs: 1200 }, decode: (value) => decodeErrorAnswer(JSON.stringify(value)) },
];

/** Fields whose value is one of a few words: a laced one is not that word, and the whole is refused. */
const ENUMS = new Set(['type', 'event', 'transport']);

describe('the decode boundary makes every string from the server safe to draw', () => {
  for (const { name, sample, decode } of decoders) {
    it.each(stringsOf(sample).map(([path]) => path))(`${name}: %s, laced with escapes and invisible characters`, (path) => {
      const original = stringsOf(sample).find(([at]) => at === path)![1];
      const decoded = decode(replaceAt(sample, path, laced));
      if (ENUMS.has(path.split('.').at(-1)!)) return expect(decoded === undefined || decoded === 'unknown').toBe(true);
      expect(decoded).toBeDefined();
      for (const [at, text] of stringsOf(decoded)) expect(isUnsafe(text, !at.endsWith('text')), `${at}: ${JSON.stringify(text)}`).toBe(false);
      // The laced field, unless the decoder does not hand it on (a POST answer's epoch), is what it
      // was between what the removal left of the sequences.
      const touched = stringsOf(decoded).filter(([, text]) => withoutLeftovers(text) !== text);
      expect(touched.map(([, text]) => withoutLeftovers(text))).toEqual(touched.length === 0 ? [] : [original]);
    });
  }

  it("keeps a message's lines, puts every other string on one line, and leaves clean strings as they are", () => {
    const frame = decodeServerFrame(JSON.stringify({ type: 'message', message: { ...message, user: 'Ali\nce', text: 'one\r\ntwo\rthree\tfour' } }));
    expect(frame).toMatchObject({ message: { user: 'Ali ce', text: 'one\ntwo\nthree    four' } });
    const clean = { ...message, user: 'Ярослав 中文 שלום', text: 'مرحبا 👩\u200d💻 🇫🇷 ✓\nnext line' };
    expect(decodeSseEvent('message', JSON.stringify(clean))).toEqual({ type: 'message', message: clean });
  });

  it('makes a WebSocket close reason and an excerpt of a bad frame safe too', () => {
    // UTF-8 cannot carry the lone surrogate: it arrives as U+FFFD, which is drawn as itself.
    expect(decodeCloseReason(Buffer.from(`bye${HOSTILE}\nnow`))).toBe('bye]0;PWNED-TITLE]52;c;ZXZpbA==[2J[31m[6n6n\ufffd now');
    expect(isUnsafe(excerpt(`{"type":${HOSTILE}`), true)).toBe(false);
    expect(excerpt('x'.repeat(200))).toHaveLength(80);
  });

  it('reads what it can of an error answer, and nothing of a body that is not JSON', () => {
    expect(decodeErrorAnswer('{"code":"rate_limited","error":7,"retryAfterMs":-1}')).toEqual({ code: 'rate_limited' });
    expect(decodeErrorAnswer('<html>502 Bad Gateway</html>')).toEqual({});
    expect(decodeErrorAnswer('null')).toEqual({});
  });
});
