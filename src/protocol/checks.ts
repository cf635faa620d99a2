import { CLIENT_ID_MAX_LENGTH, DEFAULT_ROOM, MAX_WAIT_MS, ROOM_PATTERN, USER_MAX_LENGTH } from './constants.js';
import { ErrorCode } from './error-codes.js';
import { charLength, hasLoneSurrogate, hasNul, isBlank, isPrintable } from './fields.js';

// The checks of single values, in plain code: the server runs them on every request, and a
// client (a browser page among them) checks what it is about to send with them, without loading
// the schema library.

/** The outcome of checking untrusted input: the value, or a stable code and a sentence for a human. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: ErrorCode; readonly error: string };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, error: string): Checked<never> => ({ ok: false, code, error });

export function checkRoom(value: string | null | undefined): Checked<string> {
  const room = value ?? DEFAULT_ROOM;
  if (!ROOM_PATTERN.test(room)) {
    return fail(ErrorCode.invalidRoom, `room must match ${ROOM_PATTERN.source} (lowercase letters, digits, _ and -, 1-32 long); got ${JSON.stringify(room.slice(0, 40))}`);
  }
  return ok(room);
}

export function checkUser(value: unknown): Checked<string> {
  if (typeof value !== 'string') return fail(ErrorCode.invalidUser, 'user must be a string of 1-32 printable characters');
  const n = charLength(value);
  if (n < 1 || n > USER_MAX_LENGTH || isBlank(value)) {
    return fail(ErrorCode.invalidUser, `user must be 1-32 printable characters, not blank; got ${n}`);
  }
  if (!isPrintable(value)) return fail(ErrorCode.invalidUser, 'user must contain only printable characters');
  return ok(value);
}

export function checkText(value: unknown, maxText: number): Checked<string> {
  if (typeof value !== 'string') return fail(ErrorCode.invalidField, 'text must be a string');
  if (isBlank(value)) return fail(ErrorCode.invalidField, 'text must not be empty');
  const n = charLength(value);
  if (n > maxText) return fail(ErrorCode.textTooLong, `text is ${n} characters; the limit is ${maxText}`);
  if (hasNul(value)) return fail(ErrorCode.invalidField, 'text must not contain NUL characters');
  if (hasLoneSurrogate(value)) return fail(ErrorCode.invalidField, 'text must not contain lone surrogates (half of a UTF-16 pair, as a JSON escape such as "\\ud800" can carry)');
  return ok(value);
}

/** A query parameter that must be a non-negative integer when present. */
export function checkNonNegativeInt(name: string, value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): Checked<number> {
  if (value === null) return ok(fallback);
  if (!/^\d{1,16}$/.test(value)) return fail(ErrorCode.invalidField, `${name} must be a non-negative integer; got ${JSON.stringify(value.slice(0, 40))}`);
  const n = Number(value);
  if (n > max) return fail(ErrorCode.invalidField, `${name} must be at most ${max}; got ${n}`);
  return ok(n);
}

export function checkWait(value: string | null): Checked<number | undefined> {
  if (value === null) return ok(undefined);
  return checkNonNegativeInt('wait', value, 0, MAX_WAIT_MS);
}

/** A usable clientId: 1–64 characters, counted in code points as zod counts them. */
export const isClientId = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 1 && (value.length <= CLIENT_ID_MAX_LENGTH || charLength(value) <= CLIENT_ID_MAX_LENGTH);
