import { describe, expect, it } from 'vitest';
import { checkClientFrame, checkPostBody, CLIENT_ID_MAX_LENGTH, ErrorCode } from '../../src/protocol/index.js';

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

describe('checkClientFrame', () => {
  // A refusal names the field: the schema that describes it agrees that the field is wrong.
  it.each(sentAtAccepted)('accepts a send with sentAt %s', (raw, value) => {
    expect(checkClientFrame(`{"type":"send","text":"hi","clientId":"c","sentAt":${raw}}`, MAX_TEXT)).toEqual({
      ok: true,
      value: { type: 'send', text: 'hi', clientId: 'c', sentAt: value },
    });
  });

  it.each(sentAtRefused)('refuses a send with sentAt %s, naming sentAt', (raw) => {
    expect(checkClientFrame(`{"type":"send","text":"hi","clientId":"c","sentAt":${raw}}`, MAX_TEXT)).toEqual({
      ok: false,
      code: ErrorCode.invalidField,
      error: expect.stringMatching(/^sentAt: /),
    });
  });

  it.each(clientIdAccepted)('accepts a send with clientId %j', (clientId) => {
    expect(checkClientFrame(JSON.stringify({ type: 'send', text: 'hi', clientId }), MAX_TEXT)).toEqual({
      ok: true,
      value: { type: 'send', text: 'hi', clientId, sentAt: undefined },
    });
  });

  it.each(clientIdRefused)('refuses a send with clientId %s, naming clientId', (raw) => {
    expect(checkClientFrame(`{"type":"send","text":"hi","clientId":${raw}}`, MAX_TEXT)).toEqual({
      ok: false,
      code: ErrorCode.invalidField,
      error: expect.stringMatching(/^clientId: /),
    });
  });

  it('names every wrong field of a send at once, and a missing clientId', () => {
    const both = checkClientFrame('{"type":"send","text":"hi","clientId":"","sentAt":-1}', MAX_TEXT);
    expect(both).toEqual({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/^clientId: .*; sentAt: /) });
    const missing = checkClientFrame('{"type":"send","text":"hi"}', MAX_TEXT);
    expect(missing).toEqual({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/^clientId: /) });
  });

  it('checks the text of a send once its fields are right, and drops unknown keys', () => {
    expect(checkClientFrame('{"type":"send","text":"  ","clientId":"c"}', MAX_TEXT)).toMatchObject({ ok: false, code: ErrorCode.invalidField });
    expect(checkClientFrame(JSON.stringify({ type: 'send', text: 'x'.repeat(MAX_TEXT + 1), clientId: 'c' }), MAX_TEXT)).toMatchObject({ ok: false, code: ErrorCode.textTooLong });
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
  it.each(sentAtAccepted)('accepts sentAt %s', (raw, value) => {
    expect(checkPostBody(`{"user":"alice","text":"hi","sentAt":${raw}}`, MAX_TEXT)).toEqual({
      ok: true,
      value: { user: 'alice', text: 'hi', sentAt: value, clientId: undefined },
    });
  });

  it.each(sentAtRefused)('refuses sentAt %s, naming sentAt', (raw) => {
    expect(checkPostBody(`{"user":"alice","text":"hi","sentAt":${raw}}`, MAX_TEXT)).toEqual({
      ok: false,
      code: ErrorCode.invalidField,
      error: expect.stringMatching(/^sentAt: /),
    });
  });

  it.each(clientIdAccepted)('accepts clientId %j', (clientId) => {
    expect(checkPostBody(JSON.stringify({ user: 'alice', text: 'hi', clientId }), MAX_TEXT)).toEqual({
      ok: true,
      value: { user: 'alice', text: 'hi', sentAt: undefined, clientId },
    });
  });

  it.each(clientIdRefused)('refuses clientId %s, naming clientId', (raw) => {
    expect(checkPostBody(`{"user":"alice","text":"hi","clientId":${raw}}`, MAX_TEXT)).toEqual({
      ok: false,
      code: ErrorCode.invalidField,
      error: expect.stringMatching(/^clientId: /),
    });
  });

  it('checks the fields before the user and the text', () => {
    expect(checkPostBody('{"text":"hi","sentAt":-1}', MAX_TEXT)).toEqual({ ok: false, code: ErrorCode.invalidField, error: expect.stringMatching(/^sentAt: /) });
    expect(checkPostBody('{"text":"hi"}', MAX_TEXT)).toMatchObject({ ok: false, code: ErrorCode.invalidUser });
    expect(checkPostBody('{"user":"alice"}', MAX_TEXT)).toMatchObject({ ok: false, code: ErrorCode.invalidField });
  });
});
