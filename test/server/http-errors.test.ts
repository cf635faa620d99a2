import { describe, expect, it } from 'vitest';
import type { TransportKind } from '../../src/protocol/index.js';
import type { RunningServer } from '../../src/server/server.js';
import { errorBody, http, postMessage, rawExchange, type HttpAnswer } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';

const MAX_TEXT = 10;

interface BadInput {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string | Uint8Array;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly code: string;
  /** Something the error sentence must say. */
  readonly says?: RegExp;
}

const json = (value: unknown): string => JSON.stringify(value);

const badInputs: BadInput[] = [
  // POST /messages bodies
  { name: 'invalid JSON', method: 'POST', path: '/messages', body: '{"user": "a", ', status: 400, code: 'invalid_json' },
  { name: 'an empty body', method: 'POST', path: '/messages', body: '', status: 400, code: 'invalid_json' },
  { name: 'a JSON array', method: 'POST', path: '/messages', body: '[]', status: 400, code: 'bad_request' },
  { name: 'JSON null', method: 'POST', path: '/messages', body: 'null', status: 400, code: 'bad_request' },
  { name: 'a JSON string', method: 'POST', path: '/messages', body: '"hello"', status: 400, code: 'bad_request' },
  { name: 'a missing user', method: 'POST', path: '/messages', body: json({ text: 'hi' }), status: 400, code: 'invalid_user' },
  { name: 'a numeric user', method: 'POST', path: '/messages', body: json({ user: 5, text: 'hi' }), status: 400, code: 'invalid_user' },
  { name: 'an empty user', method: 'POST', path: '/messages', body: json({ user: '', text: 'hi' }), status: 400, code: 'invalid_user' },
  { name: 'a blank user', method: 'POST', path: '/messages', body: json({ user: '   ', text: 'hi' }), status: 400, code: 'invalid_user' },
  { name: 'a 33-character user', method: 'POST', path: '/messages', body: json({ user: 'u'.repeat(33), text: 'hi' }), status: 400, code: 'invalid_user' },
  { name: 'a user with a control character', method: 'POST', path: '/messages', body: json({ user: 'a\u0007b', text: 'hi' }), status: 400, code: 'invalid_user' },
  { name: 'a missing text', method: 'POST', path: '/messages', body: json({ user: 'a' }), status: 400, code: 'invalid_field' },
  { name: 'a numeric text', method: 'POST', path: '/messages', body: json({ user: 'a', text: 42 }), status: 400, code: 'invalid_field' },
  { name: 'a blank text', method: 'POST', path: '/messages', body: json({ user: 'a', text: ' \n ' }), status: 400, code: 'invalid_field' },
  { name: 'a text with NUL', method: 'POST', path: '/messages', body: json({ user: 'a', text: 'a\u0000b' }), status: 400, code: 'invalid_field' },
  { name: 'a text with a lone surrogate', method: 'POST', path: '/messages', body: '{"user":"a","text":"a\\ud800b"}', status: 400, code: 'invalid_field', says: /surrogate/ },
  { name: 'a string sentAt', method: 'POST', path: '/messages', body: json({ user: 'a', text: 'hi', sentAt: '1' }), status: 400, code: 'invalid_field', says: /sentAt/ },
  { name: 'a negative sentAt', method: 'POST', path: '/messages', body: json({ user: 'a', text: 'hi', sentAt: -1 }), status: 400, code: 'invalid_field' },
  { name: 'a sentAt past 2^53', method: 'POST', path: '/messages', body: json({ user: 'a', text: 'hi', sentAt: 2 ** 53 }), status: 400, code: 'invalid_field', says: /sentAt/ },
  { name: 'an empty clientId', method: 'POST', path: '/messages', body: json({ user: 'a', text: 'hi', clientId: '' }), status: 400, code: 'invalid_field', says: /clientId/ },
  { name: 'a numeric clientId', method: 'POST', path: '/messages', body: json({ user: 'a', text: 'hi', clientId: 7 }), status: 400, code: 'invalid_field' },
  { name: 'a 65-character clientId', method: 'POST', path: '/messages', body: json({ user: 'a', text: 'hi', clientId: 'c'.repeat(65) }), status: 400, code: 'invalid_field' },
  { name: 'a text over maxText', method: 'POST', path: '/messages', body: json({ user: 'a', text: 'x'.repeat(MAX_TEXT + 1) }), status: 400, code: 'text_too_long', says: new RegExp(`limit is ${MAX_TEXT}\\b`) },
  { name: 'invalid UTF-8', method: 'POST', path: '/messages', body: Buffer.concat([Buffer.from('{"user":"a","text":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), status: 400, code: 'invalid_utf8' },
  { name: 'a truncated UTF-8 sequence', method: 'POST', path: '/messages', body: Buffer.concat([Buffer.from('{"user":"a","text":"ok"}'), Buffer.from([0xe2, 0x82])]), status: 400, code: 'invalid_utf8' },
  { name: 'a body over 64 KiB', method: 'POST', path: '/messages', body: json({ user: 'a', text: 'x'.repeat(65 * 1024) }), status: 413, code: 'payload_too_large', says: /65536/ },
  { name: 'a bad room on POST', method: 'POST', path: '/messages?room=Bad!', body: json({ user: 'a', text: 'hi' }), status: 400, code: 'invalid_room' },
  // GET /messages queries
  { name: 'an upper-case room', method: 'GET', path: '/messages?room=Lobby', status: 400, code: 'invalid_room' },
  { name: 'an empty room', method: 'GET', path: '/messages?room=', status: 400, code: 'invalid_room' },
  { name: 'a 33-character room', method: 'GET', path: `/messages?room=${'r'.repeat(33)}`, status: 400, code: 'invalid_room' },
  { name: 'a room starting with -', method: 'GET', path: '/messages?room=-x', status: 400, code: 'invalid_room' },
  { name: 'a negative since', method: 'GET', path: '/messages?since=-1', status: 400, code: 'invalid_field', says: /since/ },
  { name: 'a fractional since', method: 'GET', path: '/messages?since=1.5', status: 400, code: 'invalid_field' },
  { name: 'a word since', method: 'GET', path: '/messages?since=abc', status: 400, code: 'invalid_field' },
  { name: 'an empty since', method: 'GET', path: '/messages?since=', status: 400, code: 'invalid_field' },
  { name: 'an exponent since', method: 'GET', path: '/messages?since=1e3', status: 400, code: 'invalid_field' },
  { name: 'a since past the safe integers', method: 'GET', path: '/messages?since=9999999999999999', status: 400, code: 'invalid_field' },
  { name: 'a negative wait', method: 'GET', path: '/messages?wait=-5', status: 400, code: 'invalid_field', says: /wait/ },
  { name: 'a wait over 60000', method: 'GET', path: '/messages?wait=60001', status: 400, code: 'invalid_field', says: /60000/ },
  { name: 'a word wait', method: 'GET', path: '/messages?wait=soon', status: 400, code: 'invalid_field' },
  { name: 'an empty user on GET', method: 'GET', path: '/messages?user=', status: 400, code: 'invalid_user' },
  // GET /events
  { name: 'a bad room on /events', method: 'GET', path: '/events?room=a.b', status: 400, code: 'invalid_room' },
  { name: 'a bad since on /events', method: 'GET', path: '/events?since=x', status: 400, code: 'invalid_field' },
  { name: 'a bad Last-Event-ID', method: 'GET', path: '/events?since=0', headers: { 'last-event-id': 'seven' }, status: 400, code: 'invalid_field', says: /Last-Event-ID/ },
  // GET /presence and POST /typing
  { name: 'a bad room on /presence', method: 'GET', path: '/presence?room=%20', status: 400, code: 'invalid_room' },
  { name: 'invalid JSON typing', method: 'POST', path: '/typing', body: '{', status: 400, code: 'invalid_json' },
  { name: 'a typing body without user', method: 'POST', path: '/typing', body: json({}), status: 400, code: 'invalid_user' },
  { name: 'a null typing body', method: 'POST', path: '/typing', body: 'null', status: 400, code: 'invalid_user' },
  { name: 'a typing body over 64 KiB', method: 'POST', path: '/typing', body: json({ user: 'a', pad: 'x'.repeat(65 * 1024) }), status: 413, code: 'payload_too_large' },
  { name: 'invalid UTF-8 typing', method: 'POST', path: '/typing', body: Buffer.from([0x7b, 0xff, 0x7d]), status: 400, code: 'invalid_utf8' },
  { name: 'a bad room on /typing', method: 'POST', path: '/typing?room=UP', body: json({ user: 'a' }), status: 400, code: 'invalid_room' },
  // Paths and methods
  { name: 'an unknown path', method: 'GET', path: '/nope', status: 404, code: 'not_found' },
  { name: 'the root path', method: 'GET', path: '/', status: 404, code: 'not_found' },
  { name: 'a path with a trailing slash', method: 'GET', path: '/messages/', status: 404, code: 'not_found' },
];

function expectError(answer: HttpAnswer, status: number, code: string): string {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  const body = errorBody(answer);
  expect(body.code).toBe(code);
  expect(body.error.length).toBeGreaterThan(0);
  return body.error;
}

/** The server still answers and stored nothing in the rooms the inputs named. */
async function expectUnharmed(server: RunningServer): Promise<void> {
  expect((await http(`${server.url}/healthz`)).status).toBe(200);
  for (const room of ['lobby', 'up']) expect(await server.store.lastId(room)).toBe(0);
}

describe('bad input', () => {
  it.each(badInputs)('answers $name with $status $code', async ({ method, path, body, headers, status, code, says }) => {
    const server = await startTestServer({ maxText: MAX_TEXT });
    const answer = await http(`${server.url}${path}`, { method, body, headers: { 'content-type': 'application/json', ...headers } });
    const error = expectError(answer, status, code);
    if (says !== undefined) expect(error).toMatch(says);
    await expectUnharmed(server);
  });

  it('refuses a chunked body over 64 KiB without a Content-Length', async () => {
    const server = await startTestServer();
    const big = Buffer.alloc(70 * 1024, 'x');
    const answer = await http(`${server.url}/messages`, { method: 'POST', body: big, headers: { 'transfer-encoding': 'chunked' } });
    expectError(answer, 413, 'payload_too_large');
    await expectUnharmed(server);
  });

  it('counts text in characters: maxText emoji pass, one more does not', async () => {
    const server = await startTestServer({ maxText: MAX_TEXT });
    const ok = await postMessage(server.url, { user: 'a', text: '🙂'.repeat(MAX_TEXT) });
    expect(ok.status).toBe(201);
    const tooLong = await http(`${server.url}/messages`, { method: 'POST', body: json({ user: 'a', text: '🙂'.repeat(MAX_TEXT + 1) }) });
    expectError(tooLong, 400, 'text_too_long');
    expect(await server.store.lastId('lobby')).toBe(1);
  });

  it('accepts the largest wait, 60000', async () => {
    const server = await startTestServer();
    await postMessage(server.url, { user: 'a', text: 'so it answers at once' });
    const answer = await http(`${server.url}/messages?since=0&wait=60000`);
    expect(answer.status).toBe(200);
  });

  it('answers a request target that is not a URL with 400 and keeps serving', async () => {
    const server = await startTestServer();
    for (const target of ['//x:99999/messages', '//[/messages', '//a b@/messages']) {
      const raw = await rawExchange(server.port, `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
      expect(raw, target).toMatch(/^HTTP\/1\.1 400 /);
    }
    const garbage = await rawExchange(server.port, 'HELLO THERE\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
    await expectUnharmed(server);
  });
});

describe('wrong method', () => {
  it.each([
    ['DELETE', '/messages', 'GET, POST'],
    ['PUT', '/messages', 'GET, POST'],
    ['POST', '/events', 'GET'],
    ['DELETE', '/presence', 'GET'],
    ['GET', '/typing', 'POST'],
    ['POST', '/metrics', 'GET'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const server = await startTestServer();
    const answer = await http(`${server.url}${path}`, { method, body: method === 'GET' ? undefined : '{}' });
    expectError(answer, 405, 'method_not_allowed');
    expect(answer.headers.allow).toBe(allow);
    await expectUnharmed(server);
  });
});

describe('disabled transports', () => {
  const only = (...kinds: TransportKind[]): Set<TransportKind> => new Set(kinds);

  it('answers short and long polls with 404 transport_disabled when both are off, but still takes POSTs', async () => {
    const server = await startTestServer({ transports: only('ws', 'sse') });
    expectError(await http(`${server.url}/messages?since=0`), 404, 'transport_disabled');
    expectError(await http(`${server.url}/messages?since=0&wait=100`), 404, 'transport_disabled');
    expect((await postMessage(server.url, { user: 'a', text: 'SSE clients send by POST' })).status).toBe(201);
  });

  it('turns long polling off alone', async () => {
    const server = await startTestServer({ transports: only('poll') });
    expectError(await http(`${server.url}/messages?wait=100`), 404, 'transport_disabled');
    expect((await http(`${server.url}/messages`)).status).toBe(200);
  });

  it('turns short polling off alone', async () => {
    const server = await startTestServer({ transports: only('longpoll') });
    expectError(await http(`${server.url}/messages`), 404, 'transport_disabled');
    expect((await http(`${server.url}/messages?wait=0`)).status).toBe(200);
  });

  it('answers GET /events with 404 transport_disabled when sse is off', async () => {
    const server = await startTestServer({ transports: only('ws', 'poll') });
    const error = expectError(await http(`${server.url}/events`), 404, 'transport_disabled');
    expect(error).toMatch(/sse/);
    expect((await server.metrics.snapshot()).openSse).toBe(0);
  });
});

describe('flood', () => {
  it('answers 429 with Retry-After past the rate, stores nothing, and lets the sender go on once the window slides', async () => {
    let clock = 1_700_000_000_000;
    const server = await startTestServer({ rate: { count: 3, perSeconds: 10 }, now: () => clock });
    for (let i = 1; i <= 3; i++) {
      expect((await postMessage(server.url, { user: 'flood', text: `m${i}` })).status).toBe(201);
      clock += 1000;
    }
    const refused = await http(`${server.url}/messages`, { method: 'POST', body: json({ user: 'flood', text: 'm4' }) });
    expectError(refused, 429, 'rate_limited');
    // The oldest of the three was 3 s ago: room again in 7 s, exactly 7000 ms in the body.
    expect(refused.headers['retry-after']).toBe('7');
    expect((JSON.parse(refused.text) as { retryAfterMs?: number }).retryAfterMs).toBe(7000);
    expect(await server.store.lastId('lobby')).toBe(3);

    // Other users and other rooms have their own allowance.
    expect((await postMessage(server.url, { user: 'calm', text: 'hi' })).status).toBe(201);
    expect((await postMessage(server.url, { user: 'flood', text: 'elsewhere' }, 'other')).status).toBe(201);

    clock += 7000;
    expect((await postMessage(server.url, { user: 'flood', text: 'm5' })).status).toBe(201);
    const texts = (await server.store.since('lobby', 0, 10)).messages.map((m) => m.text);
    expect(texts).toEqual(['m1', 'm2', 'm3', 'hi', 'm5']);
  });

  it('answers a retry of a stored clientId with the first message even past the rate', async () => {
    const clock = 1_700_000_000_000;
    const server = await startTestServer({ rate: { count: 2, perSeconds: 10 }, now: () => clock });
    const first = await http(`${server.url}/messages`, { method: 'POST', body: json({ user: 'flood', text: 'm1', clientId: 'k1' }) });
    expect(first.status).toBe(201);
    expect((await postMessage(server.url, { user: 'flood', text: 'm2' })).status).toBe(201);
    const retry = await http(`${server.url}/messages`, { method: 'POST', body: json({ user: 'flood', text: 'm1', clientId: 'k1' }) });
    expect(retry.status).toBe(200);
    expect((JSON.parse(retry.text) as { message: { id: number } }).message.id).toBe(1);
    expectError(await http(`${server.url}/messages`, { method: 'POST', body: json({ user: 'flood', text: 'm3', clientId: 'k3' }) }), 429, 'rate_limited');
    expect(await server.store.lastId('lobby')).toBe(2);
  });

  it('limits at 30 per 10 s per user by default', async () => {
    const clock = 1_700_000_000_000;
    const server = await startTestServer({ now: () => clock });
    for (let i = 1; i <= 30; i++) expect((await postMessage(server.url, { user: 'busy', text: `m${i}` })).status).toBe(201);
    const refused = await http(`${server.url}/messages`, { method: 'POST', body: json({ user: 'busy', text: 'm31' }) });
    expectError(refused, 429, 'rate_limited');
    expect(refused.headers['retry-after']).toBe('10');
    expect(await server.store.lastId('lobby')).toBe(30);
  });
});
