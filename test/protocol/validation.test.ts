import { describe, expect, it } from 'vitest';
import { checkClientFrame, checkPostBody, checkUser, CLIENT_ID_MAX_LENGTH, ErrorCode, USER_MAX_LENGTH } from '../../src/protocol/index.js';

const MAX_TEXT = 100;

// Frames are written by hand where JSON.stringify could not say it: 1e400 parses as Infinity.
const sentAtAccepted: [string, number][] = [
  ['0', 0],
  ['-0', -0],
  ['1795330242022.125', 1795330242022.125],
  [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
];
const sentAtRefused = ['-1', '-1e-300', '9007199254740993', '1e308', '1e400', 'null', '"1795330242022"', 'true', '[]', '{}'];

const emoji = '\u{1F600}';
const clientIdAccepted = ['c', 'x'.repeat(CLIENT_ID_MAX_LENGTH), emoji.repeat(CLIENT_ID_MAX_LENGTH), `${'x'.repeat(CLIENT_ID_MAX_LENGTH - 1)}\ud800`];
const clientIdRefused = ['""', JSON.stringify('x'.repeat(CLIENT_ID_MAX_LENGTH + 1)), JSON.stringify(emoji.repeat(CLIENT_ID_MAX_LENGTH + 1)), '5', 'null', '["c"]'];

/**
 * Both ways in for a message, as JSON with `fields` (raw JSON members) added, and what each makes
 * of a well-formed one.
 */
const senders = [
  {
    name: 'a send frame',
    check: (fields: string) => checkClientFrame(`{"type":"send","text":"hi",${fields}}`, MAX_TEXT),
    accepted: (clientId: string | undefined, sentAt: number | undefined) => ({ type: 'send', text: 'hi', clientId, sentAt }),
  },
  {
    name: 'a POST body',
    check: (fields: string) => checkPostBody(`{"user":"alice","text":"hi",${fields}}`, MAX_TEXT),
    accepted: (clientId: string | undefined, sentAt: number | undefined) => ({ user: 'alice', text: 'hi', sentAt, clientId }),
  },
];

// A refusal must name the field: only the schema's description does, so these fail if the plain
// checks accept more, or less, than the schema.
describe.each(senders)('$name', ({ check, accepted }) => {
  it.each(sentAtAccepted)('accepts sentAt %s', (raw, value) => {
    expect(check(`"clientId":"c","sentAt":${raw}`)).toEqual({ ok: true, value: accepted('c', value) });
  });

  it.each(sentAtRefused)('refuses sentAt %s, naming sentAt', (raw) => {
    expect(check(`"clientId":"c","sentAt":${raw}`)).toEqual({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/^sentAt: /) });
  });

  it.each(clientIdAccepted)('accepts clientId %j', (clientId) => {
    expect(check(`"clientId":${JSON.stringify(clientId)}`)).toEqual({ ok: true, value: accepted(clientId, undefined) });
  });

  it.each(clientIdRefused)('refuses clientId %s, naming clientId', (raw) => {
    expect(check(`"clientId":${raw}`)).toEqual({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/^clientId: /) });
  });
});

describe('checkClientFrame', () => {
  it('names every wrong field of a send at once, and a missing clientId', () => {
    const both = checkClientFrame('{"type":"send","text":"hi","clientId":"","sentAt":-1}', MAX_TEXT);
    expect(both).toEqual({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/^clientId: .*; sentAt: /) });
    const missing = checkClientFrame('{"type":"send","text":"hi"}', MAX_TEXT);
    expect(missing).toEqual({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/^clientId: /) });
  });

  it('checks the text of a send once its fields are right, and drops unknown keys', () => {
    expect(checkClientFrame('{"type":"send","text":"  ","clientId":"c"}', MAX_TEXT)).toMatchObject({ ok: false, code: ErrorCode.invalidField });
    expect(checkClientFrame(JSON.stringify({ type: 'send', text: 'x'.repeat(MAX_TEXT + 1), clientId: 'c' }), MAX_TEXT)).toMatchObject({ ok: false, code: ErrorCode.textTooLong });
    // Half a character (JSON can escape one, UTF-8 cannot store it) is refused; a whole one is a text.
    expect(checkClientFrame('{"type":"send","text":"a\\ud83db","clientId":"c"}', MAX_TEXT)).toMatchObject({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/surrogate/) });
    expect(checkClientFrame('{"type":"send","text":"\\ud83d\\ude00","clientId":"c"}', MAX_TEXT)).toMatchObject({ ok: true, value: { text: '\u{1F600}' } });
    expect(checkClientFrame('{"type":"send","text":"hi","clientId":"c","extra":1}', MAX_TEXT)).toEqual({
      ok: true,
      value: { type: 'send', text: 'hi', clientId: 'c', sentAt: undefined },
    });
  });

  it.each([
    ['0', 0],
    ['-1.5', -1.5],
    ['1e308', 1e308],
  ])('accepts a ping with t %s', (raw, t) => {
    expect(checkClientFrame(`{"type":"ping","t":${raw}}`, MAX_TEXT)).toEqual({ ok: true, value: { type: 'ping', t } });
  });

  it.each(['1e400', '-1e400', 'null', '"1"', '{}'])('refuses a ping with t %s, naming t', (raw) => {
    expect(checkClientFrame(`{"type":"ping","t":${raw}}`, MAX_TEXT)).toEqual({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/^t: /) });
  });

  it('refuses a ping without t and accepts typing with anything else in it', () => {
    expect(checkClientFrame('{"type":"ping"}', MAX_TEXT)).toEqual({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/^t: /) });
    expect(checkClientFrame('{"type":"typing","t":"x"}', MAX_TEXT)).toEqual({ ok: true, value: { type: 'typing' } });
  });
});

describe('checkPostBody', () => {
  it('checks the fields before the user and the text', () => {
    expect(checkPostBody('{"text":"hi","sentAt":-1}', MAX_TEXT)).toEqual({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/^sentAt: /) });
    expect(checkPostBody('{"text":"hi"}', MAX_TEXT)).toMatchObject({ ok: false, code: ErrorCode.invalidUser });
    expect(checkPostBody('{"user":"alice"}', MAX_TEXT)).toMatchObject({ ok: false, code: ErrorCode.invalidField });
  });
});

describe('checkUser', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(checkUser(emoji.repeat(USER_MAX_LENGTH))).toEqual({ ok: true, value: emoji.repeat(USER_MAX_LENGTH) });
    expect(checkUser(emoji.repeat(USER_MAX_LENGTH + 1))).toMatchObject({ ok: false, code: ErrorCode.invalidUser });
  });

  // A JSON escape can carry half a surrogate pair; it is no printable character.
  it.each(['a\ud800', '\udc00b', '\ude00\ud83d'])('refuses a lone surrogate in %j', (user) => {
    expect(checkUser(user)).toEqual({ ok: false, code: ErrorCode.invalidUser, error: 'user must contain only printable characters' });
  });
});
