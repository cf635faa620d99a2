import { checkNonNegativeInt, checkRoom, checkUser, ErrorCode, type Checked } from '../../protocol/index.js';

export interface RoomQuery {
  readonly room: string;
  /** Who is asking, when they said (`&user=`); pollers and streams use it for presence. */
  readonly user: string | undefined;
}

/** Reads `room` and an optional `user` from a request URL. */
export function checkRoomQuery(url: URL, userRequired = false): Checked<RoomQuery> {
  const room = checkRoom(url.searchParams.get('room'));
  if (!room.ok) return room;
  const rawUser = url.searchParams.get('user');
  if (rawUser === null) {
    if (userRequired) return { ok: false, code: ErrorCode.invalidUser, error: 'user is required: add &user=NAME (1-32 printable characters)' };
    return { ok: true, value: { room: room.value, user: undefined } };
  }
  const user = checkUser(rawUser);
  if (!user.ok) return user;
  return { ok: true, value: { room: room.value, user: user.value } };
}

export function checkSince(url: URL): Checked<number> {
  return checkNonNegativeInt('since', url.searchParams.get('since'), 0);
}

/** The request target as a URL, or undefined when it cannot be parsed. */
export function parseTarget(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://localhost');
  } catch {
    return undefined;
  }
}
