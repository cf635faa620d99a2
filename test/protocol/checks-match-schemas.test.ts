import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { checkClientFrame, checkPostBody, checkReadBody, clientSchemas, CLIENT_ID_MAX_LENGTH, USER_MAX_LENGTH, type Checked } from '../../src/protocol/index.js';

/*
 * The server's hand-written checks against the protocol's schemas: on every input both accept,
 * with the same value, or both refuse. Inputs are JSON text, as they arrive, since some of what
 * matters only JSON text can say: -0, 1e400, 2^53 + 1, a lone surrogate.
 */

const MAX_TEXT = 40;
const RUNS = { numRuns: 100 };
const { messageInput, readInput, clientFrame } = clientSchemas(MAX_TEXT);

// One code point each; a lone surrogate next to its other half makes one too.
const astral = fc.constantFrom('\u{1F600}', '\u{10348}', '\u{20000}');
const printable = fc.oneof(fc.constantFrom('a', 'Z', '7', '_', '.', ' ', 'é', 'ß', 'ж', '中', '\u0301'), astral);
// Spaces are printable, the rest of what trim() removes is not: a name of spaces alone is refused
// only for being blank.
const spaces = fc.constantFrom(' ', '\u00a0', '\u1680', '\u2003', '\u202f', '\u3000');
const whitespace = fc.oneof(spaces, fc.constantFrom('\t', '\n', '\r', '\u000b', '\u2028', '\u2029', '\ufeff'));
const unprintable = fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b', '\u202e', '\u2029', '\ue000', '\u{F0000}', '\u0378', '\ud800', '\udfff');
const anyChar = fc.oneof(
  printable,
  whitespace,
  unprintable,
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  fc.integer({ min: 0, max: 0x10ffff }).map((point) => String.fromCodePoint(point)),
);
// A text holds neither NUL nor half a character: no unit of a surrogate pair on its own, so that
// no two of them can meet and make one.
const loneSurrogate = fc.oneof(fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff'), fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)));
const textChar = anyChar.filter((char) => char !== '\u0000' && !/^\p{Cs}$/u.test(char));

/** `min` to `max` characters of `unit`; exactly `max` half the time, since the edge is where checks differ. */
const stringOf = (unit: fc.Arbitrary<string>, min: number, max: number) =>
  fc.oneof(fc.string({ unit, minLength: min, maxLength: max }), fc.string({ unit, minLength: max, maxLength: max }));
const notBlank = (text: string) => text.trim() !== '';
const json = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map((value) => JSON.stringify(value));
const around = (inside: fc.Arbitrary<string>, char: fc.Arbitrary<string>) =>
  fc.tuple(stringOf(inside, 0, 10), char, stringOf(inside, 0, 10)).map((parts) => parts.join(''));

const valid = {
  user: json(stringOf(printable, 1, USER_MAX_LENGTH).filter(notBlank)),
  text: json(stringOf(textChar, 1, MAX_TEXT).filter(notBlank)),
  clientId: json(fc.oneof(stringOf(anyChar, 1, CLIENT_ID_MAX_LENGTH), stringOf(astral, CLIENT_ID_MAX_LENGTH, CLIENT_ID_MAX_LENGTH))),
  sentAt: fc.oneof(
    fc.constantFrom('0', '-0', '0.5', '5e-324', '1795330242022.125', String(Number.MAX_SAFE_INTEGER), '9.007199254740991e15'),
    fc.double({ min: 0, max: Number.MAX_SAFE_INTEGER, noNaN: true }).map(String),
  ),
  t: fc.oneof(fc.constantFrom('-0', '1e308', '-1.5'), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)),
  id: fc.oneof(fc.constantFrom('1', '1.0', '1e3', String(Number.MAX_SAFE_INTEGER)), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).map(String)),
};

// Each refused for itself, whatever the other fields hold. Too-long strings are made of whole
// characters, so that no two halves of a pair can join and bring them back under the limit.
const notAString = fc.constantFrom('5', '0', 'null', 'true', '[]', '["a"]', '{}', '{"a":1}');
const empty = json(fc.constant(''));
const blank = json(fc.oneof(stringOf(spaces, 1, 5), stringOf(whitespace, 1, 5)));
const invalid = {
  user: fc.oneof(
    notAString,
    empty,
    { arbitrary: blank, weight: 2 },
    json(stringOf(printable, USER_MAX_LENGTH + 1, USER_MAX_LENGTH + 3)),
    { arbitrary: json(around(printable, unprintable)), weight: 4 },
  ),
  text: fc.oneof(
    notAString,
    empty,
    blank,
    json(stringOf(printable, MAX_TEXT + 1, MAX_TEXT + 3)),
    json(around(textChar, fc.constant('\u0000'))),
    { arbitrary: json(around(textChar, loneSurrogate)), weight: 2 },
  ),
  clientId: fc.oneof(notAString, empty, json(stringOf(printable, CLIENT_ID_MAX_LENGTH + 1, CLIENT_ID_MAX_LENGTH + 3))),
  sentAt: fc.constantFrom('-1', '-1e-300', '-5e-324', '9007199254740992', '9007199254740993', '1e308', '1e400', '-1e400', 'null', '"1"', 'true', '[]', '{}'),
  t: fc.constantFrom('1e400', '-1e400', 'null', '"1"', 'true', '[]', '{}'),
  id: fc.constantFrom('0', '-0', '-1', '1.5', '9007199254740992', '1e400', 'null', '"1"', 'true', '[]', '{}'),
};
const absentOr = (arbitrary: fc.Arbitrary<string>) => fc.option(arbitrary, { nil: undefined });

/** Raw JSON members by key; an undefined one is left out. */
type Fields = Record<string, fc.Arbitrary<string | undefined>>;

/** A JSON object's text from `fields`, with up to three members under `extraKeys` that no check reads. */
function objectText(fields: Fields, extraKeys: readonly string[]): fc.Arbitrary<string> {
  const extras = fc.array(fc.tuple(fc.constantFrom(...extraKeys), json(fc.jsonValue({ maxDepth: 2 }))), { maxLength: 3 });
  return fc.tuple(fc.record(fields), extras).map(([members, more]) => {
    const present = [...Object.entries(members), ...more].filter((member): member is [string, string] => member[1] !== undefined);
    return `{${present.map(([key, raw]) => `${JSON.stringify(key)}:${raw}`).join(',')}}`;
  });
}

const unread = ['extra', 'room', 'id', 'serverAt', '__proto__', 'constructor', ''];
const send = { type: fc.constant('"send"'), text: valid.text, clientId: valid.clientId, sentAt: absentOr(valid.sentAt) };
const sendExtras = [...unread, 'user', 't'];
const ping = { type: fc.constant('"ping"'), t: valid.t };
const read = { type: fc.constant('"read"'), id: valid.id };
const readBody = { user: valid.user, id: valid.id };
const body = { user: valid.user, text: valid.text, sentAt: absentOr(valid.sentAt), clientId: absentOr(valid.clientId) };
const bodyExtras = [...unread, 'type', 't'];
const notAnObject = fc.constantFrom('null', '[]', '[{"type":"typing"}]', '"typing"', '5', 'true');
const notJson = fc.constantFrom('', '{', '{"type":"typing",}', "{'type':'typing'}", 'NaN', '{"type":"ping","t":Infinity}');

// Anything, for the cases in between: several fields wrong at once, or right by accident.
const anything = fc.oneof(json(fc.jsonValue({ maxDepth: 2 })), json(stringOf(anyChar, 0, CLIENT_ID_MAX_LENGTH + 2)), ...Object.values(valid), ...Object.values(invalid));
const anyFields = { text: absentOr(anything), clientId: absentOr(anything), sentAt: absentOr(anything), t: absentOr(anything), user: absentOr(anything), id: absentOr(anything) };

/** A check, its schema, and inputs: valid, wrong in one named way, and anything at all. */
interface Case {
  readonly name: string;
  readonly check: (raw: string, maxText: number) => Checked<unknown>;
  readonly schema: z.ZodType;
  readonly valid: fc.Arbitrary<string>;
  readonly wrong: Readonly<Record<string, fc.Arbitrary<string>>>;
  readonly anything: fc.Arbitrary<string>;
}

const cases: readonly Case[] = [
  {
    name: 'checkClientFrame',
    check: checkClientFrame,
    schema: clientFrame,
    valid: fc.oneof(
      objectText(send, sendExtras),
      objectText({ type: fc.constant('"typing"') }, [...unread, 'text', 'clientId', 'sentAt', 't']),
      objectText(ping, [...unread, 'text', 'clientId']),
      objectText(read, [...unread.filter((key) => key !== 'id'), 'text', 'clientId', 't']),
    ),
    wrong: {
      "a send's text": objectText({ ...send, text: absentOr(invalid.text) }, sendExtras),
      "a send's clientId": objectText({ ...send, clientId: absentOr(invalid.clientId) }, sendExtras),
      "a send's sentAt": objectText({ ...send, sentAt: invalid.sentAt }, sendExtras),
      "a ping's t": objectText({ ...ping, t: absentOr(invalid.t) }, unread),
      "a read's id": objectText({ ...read, id: absentOr(invalid.id) }, unread.filter((key) => key !== 'id')),
      'the type': objectText({ type: absentOr(fc.constantFrom('"sned"', '"Send"', '""', 'null', '5', '["send"]')), ...anyFields }, unread),
      'the whole': fc.oneof(notAnObject, notJson),
    },
    anything: objectText({ type: fc.oneof(fc.constantFrom('"send"', '"typing"', '"ping"', '"read"'), anything), ...anyFields }, unread.filter((key) => key !== 'id')),
  },
  {
    name: 'checkReadBody',
    check: checkReadBody,
    schema: readInput,
    valid: objectText(readBody, [...unread.filter((key) => key !== 'id'), 'type', 'text']),
    wrong: {
      'the user': objectText({ ...readBody, user: absentOr(invalid.user) }, bodyExtras.filter((key) => key !== 'id')),
      'the id': objectText({ ...readBody, id: absentOr(invalid.id) }, bodyExtras.filter((key) => key !== 'id')),
      'the whole': fc.oneof(notAnObject, notJson),
    },
    anything: objectText({ user: absentOr(anything), id: absentOr(anything) }, bodyExtras.filter((key) => key !== 'id')),
  },
  {
    name: 'checkPostBody',
    check: checkPostBody,
    schema: messageInput,
    valid: objectText(body, bodyExtras),
    wrong: {
      'the user': objectText({ ...body, user: absentOr(invalid.user) }, bodyExtras),
      'the text': objectText({ ...body, text: absentOr(invalid.text) }, bodyExtras),
      'the sentAt': objectText({ ...body, sentAt: invalid.sentAt }, bodyExtras),
      'the clientId': objectText({ ...body, clientId: invalid.clientId }, bodyExtras),
      'the whole': fc.oneof(notAnObject, notJson),
    },
    anything: objectText(anyFields, bodyExtras),
  },
];

/**
 * Whether `check` accepted `raw`, having failed unless `schema` said the same of it and gave the
 * same value. toEqual, since a check spells an absent optional field as undefined.
 */
function agreed({ check, schema }: Case, raw: string): boolean {
  const checked = check(raw, MAX_TEXT);
  let parsed: { success: boolean; data?: unknown };
  try {
    parsed = schema.safeParse(JSON.parse(raw));
  } catch {
    parsed = { success: false };
  }
  expect(checked.ok, raw).toBe(parsed.success);
  if (checked.ok) expect(checked.value, raw).toEqual(parsed.data);
  return checked.ok;
}

/** Runs `agreed` over `inputs`: each must be accepted by both (true), refused by both (false), or either. */
function agreeOn(subject: Case, inputs: fc.Arbitrary<string>, verdict?: boolean): void {
  const property = fc.property(inputs, (raw) => {
    const accepted = agreed(subject, raw);
    if (verdict !== undefined) expect(accepted, raw).toBe(verdict);
  });
  fc.assert(property, RUNS);
}

describe.each(cases)('$name and its schema', (subject) => {
  it('accept the same valid input, as the same value', () => agreeOn(subject, subject.valid, true));

  it.each(Object.entries(subject.wrong))('both refuse input with %s wrong', (_, inputs) => agreeOn(subject, inputs, false));

  it('agree on anything else', () => agreeOn(subject, subject.anything));
});
