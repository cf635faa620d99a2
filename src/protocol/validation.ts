import type { z } from 'zod';
import { checkText, checkUser, fail, isClientId, ok, type Checked } from './checks.js';
import { DEFAULT_MAX_TEXT } from './constants.js';
import { ErrorCode } from './error-codes.js';
import { clientSchemas, type ClientFrame, type MessageInput } from './schemas.js';

// Every message and ping is checked by the plain tests below and in checks.ts, which accept exactly what the
// schemas accept (test/protocol pins the two together); the schemas run only on what the tests
// refuse, to name what is wrong. At a few messages a second this path never gets hot enough for
// V8 to optimise it, and there a zod parse of every frame costs the server a large share of its
// CPU per message (bench/README.md, "Measurements behind the code").
const isSentAt = (value: unknown): value is number | undefined =>
  value === undefined || (typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER);
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

// The parts of the schemas that name what the tests above refused. No field of theirs depends on
// --max-text, so one limit's schemas serve every server; user and text are named by checkUser and
// checkText, under their own codes.
const { messageInput, send, ping } = clientSchemas(DEFAULT_MAX_TEXT);
const postBodyFields = messageInput.pick({ sentAt: true, clientId: true });
const sendFields = send.pick({ clientId: true, sentAt: true });

/** What the schema finds wrong with a value the plain checks refused, field by field. */
function whatIsWrong(schema: z.ZodType, value: unknown): string {
  const parsed = schema.safeParse(value);
  // Unreachable while the plain checks and the schemas agree, which the tests pin down.
  if (parsed.success) return 'a field is out of range';
  return parsed.error.issues
    .map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
      return `${where}: ${issue.message}`;
    })
    .join('; ');
}

function parseJson(raw: string): Checked<unknown> {
  try {
    return ok(JSON.parse(raw) as unknown);
  } catch (error) {
    return fail(ErrorCode.invalidJson, `body is not valid JSON (${(error as Error).message})`);
  }
}

/** Checks the body of POST /messages. */
export function checkPostBody(raw: string, maxText: number): Checked<MessageInput> {
  const json = parseJson(raw);
  if (!json.ok) return json;
  if (typeof json.value !== 'object' || json.value === null || Array.isArray(json.value)) {
    return fail(ErrorCode.badRequest, 'body must be a JSON object {user, text, sentAt?, clientId?}');
  }
  const { user, text, sentAt, clientId } = json.value as { user?: unknown; text?: unknown; sentAt?: unknown; clientId?: unknown };
  if (!isSentAt(sentAt) || !(clientId === undefined || isClientId(clientId))) return fail(ErrorCode.invalidField, whatIsWrong(postBodyFields, json.value));
  const checkedUser = checkUser(user);
  if (!checkedUser.ok) return checkedUser;
  const checkedText = checkText(text, maxText);
  if (!checkedText.ok) return checkedText;
  return ok({ user: checkedUser.value, text: checkedText.value, sentAt, clientId });
}

/** Checks a WebSocket frame from a client. */
export function checkClientFrame(raw: string, maxText: number): Checked<ClientFrame> {
  const json = parseJson(raw);
  if (!json.ok) return json;
  const value = json.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail(ErrorCode.badRequest, 'a frame must be a JSON object with a "type"');
  }
  const type = (value as { type?: unknown }).type;
  switch (type) {
    case 'send': {
      const { text, clientId, sentAt } = value as { text?: unknown; clientId?: unknown; sentAt?: unknown };
      if (!isClientId(clientId) || !isSentAt(sentAt)) return fail(ErrorCode.invalidField, whatIsWrong(sendFields, value));
      const checked = checkText(text, maxText);
      return checked.ok ? ok({ type: 'send', text: checked.value, clientId, sentAt }) : checked;
    }
    case 'typing':
      return ok({ type: 'typing' });
    case 'ping': {
      const { t } = value as { t?: unknown };
      return isFiniteNumber(t) ? ok({ type: 'ping', t }) : fail(ErrorCode.invalidField, whatIsWrong(ping, value));
    }
    default:
      return fail(ErrorCode.unknownFrame, `unknown frame type ${JSON.stringify(type)}; expected one of "send", "typing", "ping"`);
  }
}
