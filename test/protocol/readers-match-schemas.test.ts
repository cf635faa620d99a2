import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  getMessagesResponseSchema,
  messageSchema,
  onlineEntrySchema,
  postMessageResponseSchema,
  presenceEventSchema,
  presenceResponseSchema,
  readMessage,
  readMessagesPage,
  readOnlineEntry,
  readPostAnswer,
  readPresenceAnswer,
  readPresenceEvent,
  readServerFrame,
  readTyping,
  readWelcome,
  serverFrameSchema,
  sseEventSchemas,
  type Reader,
} from '../../src/protocol/index.js';

/*
 * The clients' plain readers of what a server sends against the protocol's schemas: on every
 * input both accept, with the same value (known fields only), or both refuse. Inputs are JSON
 * text, as they arrive, so that -0, 1e400 and 2^53 + 1 are among them.
 */

const RUNS = { numRuns: 150 };

/** A field's raw JSON: what the schema takes, and what it refuses. */
interface Field {
  readonly valid: fc.Arbitrary<string>;
  readonly invalid: fc.Arbitrary<string>;
  readonly optional?: boolean;
}

const json = (arbitrary: fc.Arbitrary<unknown>) => arbitrary.map((value) => JSON.stringify(value));
const notNumbers = ['null', '"1"', 'true', '[]', '{}', '[1]'];
const string: Field = { valid: json(fc.string({ maxLength: 6 })), invalid: fc.constantFrom('5', 'null', 'true', '[]', '{}', '["a"]') };
const number: Field = {
  valid: fc.oneof(fc.constantFrom('0', '-0', '-1.5', '1e308', '5e-324', '1795330242022.125'), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String)),
  invalid: fc.constantFrom('1e400', '-1e400', ...notNumbers),
};
const id: Field = {
  valid: fc.oneof(fc.constantFrom('1', '9007199254740991', '1e3', '2.0'), fc.integer({ min: 1, max: 2 ** 31 }).map(String)),
  invalid: fc.constantFrom('0', '-0', '-1', '1.5', '9007199254740992', '1e400', ...notNumbers),
};
const count: Field = { valid: fc.constantFrom('0', '-0', '1', '42', '9007199254740991'), invalid: fc.constantFrom('-1', '0.5', '9007199254740993', '1e400', ...notNumbers) };
const positive: Field = { valid: fc.constantFrom('5000', '0.5', '5e-324', '1e308'), invalid: fc.constantFrom('0', '-0', '-5', '1e400', ...notNumbers) };
const transport: Field = { valid: fc.constantFrom('"ws"', '"sse"', '"longpoll"', '"poll"'), invalid: fc.constantFrom('"WS"', '"auto"', '""', '5', 'null') };
const optional = (field: Field): Field => ({ ...field, optional: true });
const literal = (value: string): Field => ({ valid: fc.constant(JSON.stringify(value)), invalid: fc.constantFrom(JSON.stringify(`${value}x`), '5', 'null') });

const messageFields = { id, room: string, user: string, text: string, sentAt: number, serverAt: number, clientId: optional(string) };
const entryFields = { user: string, transport };

/** An object's raw JSON from its fields' raw JSON, with a few members no reader knows. */
function objectOf(members: Readonly<Record<string, fc.Arbitrary<string | undefined>>>): fc.Arbitrary<string> {
  const extras = fc.array(fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', ''), json(fc.jsonValue({ maxDepth: 1 }))), { maxLength: 2 });
  return fc.tuple(fc.record(members), extras).map(([known, more]) => {
    const present = [...Object.entries(known), ...more].filter((member): member is [string, string] => member[1] !== undefined);
    return `{${present.map(([key, raw]) => `${JSON.stringify(key)}:${raw}`).join(',')}}`;
  });
}

/** Valid members, an optional one sometimes absent. */
const validMembers = (fields: Readonly<Record<string, Field>>) =>
  Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.optional ? fc.option(field.valid, { nil: undefined }) : field.valid]));

/** An object of `fields` whose field `wrong` is refused: given a value its schema refuses, or (when required) left out. */
function wrongIn(fields: Readonly<Record<string, Field>>, wrong: string): fc.Arbitrary<string> {
  const field = fields[wrong]!;
  return objectOf({ ...validMembers(fields), [wrong]: field.optional ? field.invalid : fc.option(field.invalid, { nil: undefined }) });
}

/** A field that holds a nested value: valid and invalid are the nested object's. */
const nested = (fields: Readonly<Record<string, Field>>): Field => ({
  valid: objectOf(validMembers(fields)),
  invalid: fc.oneof(fc.constantFrom('null', '5', '"x"', '[]'), ...Object.keys(fields).map((key) => wrongIn(fields, key))),
});
const listOf = (item: Field): Field => ({
  valid: fc.array(item.valid, { maxLength: 3 }).map((items) => `[${items.join(',')}]`),
  invalid: fc.oneof(fc.constantFrom('null', '{}', '"[]"'), fc.tuple(fc.array(item.valid, { maxLength: 2 }), item.invalid).map(([items, bad]) => `[${[...items, bad].join(',')}]`)),
});

const message = nested(messageFields);
const welcomeFields = { epoch: string, lastId: count, online: listOf(nested(entryFields)), firstId: optional(id), heartbeatMs: optional(positive) };
const presenceFields = { event: { valid: fc.constantFrom('"join"', '"leave"'), invalid: fc.constantFrom('"Join"', '"left"', '5') }, user: string, transport, online: count };

interface Case {
  readonly name: string;
  readonly read: Reader<unknown>;
  readonly schema: z.ZodType;
  readonly fields: Readonly<Record<string, Field>>;
}

const frame = (type: string, fields: Readonly<Record<string, Field>>): Readonly<Record<string, Field>> => ({ type: literal(type), ...fields });

const cases: readonly Case[] = [
  { name: 'readMessage', read: readMessage, schema: messageSchema, fields: messageFields },
  { name: 'readOnlineEntry', read: readOnlineEntry, schema: onlineEntrySchema, fields: entryFields },
  { name: 'readPresenceEvent', read: readPresenceEvent, schema: presenceEventSchema, fields: presenceFields },
  { name: 'readWelcome', read: readWelcome, schema: sseEventSchemas.welcome, fields: welcomeFields },
  { name: 'readTyping', read: readTyping, schema: sseEventSchemas.typing, fields: { user: string } },
  { name: 'readServerFrame (welcome)', read: readServerFrame, schema: serverFrameSchema, fields: frame('welcome', welcomeFields) },
  { name: 'readServerFrame (message)', read: readServerFrame, schema: serverFrameSchema, fields: frame('message', { message }) },
  { name: 'readServerFrame (ack)', read: readServerFrame, schema: serverFrameSchema, fields: frame('ack', { clientId: string, id }) },
  { name: 'readServerFrame (presence)', read: readServerFrame, schema: serverFrameSchema, fields: frame('presence', presenceFields) },
  { name: 'readServerFrame (typing)', read: readServerFrame, schema: serverFrameSchema, fields: frame('typing', { user: string }) },
  { name: 'readServerFrame (pong)', read: readServerFrame, schema: serverFrameSchema, fields: frame('pong', { t: number }) },
  {
    name: 'readServerFrame (error)',
    read: readServerFrame,
    schema: serverFrameSchema,
    fields: frame('error', { code: string, message: string, clientId: optional(string), retryAfterMs: optional(number) }),
  },
  {
    name: 'readMessagesPage',
    read: readMessagesPage,
    schema: getMessagesResponseSchema,
    fields: { messages: listOf(message), epoch: string, hasMore: { valid: fc.constantFrom('true', 'false'), invalid: fc.constantFrom('0', '"true"', 'null') }, firstId: optional(id), heartbeatMs: optional(positive) },
  },
  { name: 'readPostAnswer', read: readPostAnswer, schema: postMessageResponseSchema, fields: { message, epoch: string } },
  { name: 'readPresenceAnswer', read: readPresenceAnswer, schema: presenceResponseSchema, fields: { room: string, online: listOf(nested(entryFields)) } },
];

/** Whether the reader accepted `raw`, having failed unless the schema said the same and gave the same value. */
function agreed({ read, schema }: Case, raw: string): boolean {
  const value: unknown = JSON.parse(raw);
  const parsed = schema.safeParse(value);
  const result = read(value);
  expect(result !== undefined, raw).toBe(parsed.success);
  if (parsed.success) expect(result, raw).toEqual(parsed.data);
  return parsed.success;
}

function agreeOn(subject: Case, inputs: fc.Arbitrary<string>, verdict?: boolean): void {
  fc.assert(
    fc.property(inputs, (raw) => {
      const accepted = agreed(subject, raw);
      if (verdict !== undefined) expect(accepted, raw).toBe(verdict);
    }),
    RUNS,
  );
}

const anything = fc.oneof(json(fc.jsonValue({ maxDepth: 2 })), fc.constantFrom('null', '[]', '"x"', '5', '{"type":"welcome"}', '{"type":"unknown"}'));

describe.each(cases)('$name and its schema', (subject) => {
  it('accept the same valid input, as the same value', () => agreeOn(subject, objectOf(validMembers(subject.fields)), true));

  it.each(Object.keys(subject.fields))('both refuse input whose %s is wrong', (key) => agreeOn(subject, wrongIn(subject.fields, key), false));

  it('agree on anything else', () => {
    const mixed = Object.fromEntries(Object.entries(subject.fields).map(([key, field]) => [key, fc.option(fc.oneof(field.valid, field.invalid, anything), { nil: undefined })]));
    agreeOn(subject, fc.oneof(objectOf(mixed), anything));
  });
});
