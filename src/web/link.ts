import { checkRoom, checkUser, DEFAULT_ROOM, TRANSPORT_KINDS, type TransportKind } from '../protocol/plain.js';

/** A short poll's interval when the link says none, ms: the client's own default. */
export const DEFAULT_INTERVAL_MS = 1000;

/** What a link says: `/?room=dev&transport=sse&as=Ann&interval=500`. */
export interface Link {
  readonly room: string;
  readonly transport: TransportKind;
  /** The name to join as at once; undefined asks (or takes the remembered one). */
  readonly as: string | undefined;
  readonly intervalMs: number;
  /** What was wrong with the link, one sentence per part, for the join form to say. */
  readonly problems: readonly string[];
}

/** Reads a link's query; each part that is wrong is left at its default and said in `problems`. */
export function readLink(search: string): Link {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const room = checkRoom(params.get('room') ?? DEFAULT_ROOM);
  if (!room.ok) problems.push(`the link's room is not one: ${room.error}`);
  const asked = params.get('transport');
  const transport = TRANSPORT_KINDS.find((kind) => kind === asked);
  if (asked !== null && transport === undefined) problems.push(`the link's transport ${JSON.stringify(asked.slice(0, 20))} is not one of ${TRANSPORT_KINDS.join(', ')}`);
  const name = params.get('as');
  const user = name === null ? undefined : checkUser(name);
  if (user !== undefined && !user.ok) problems.push(`the link's name is not one: ${user.error}`);
  const interval = params.get('interval');
  const intervalMs = interval === null ? DEFAULT_INTERVAL_MS : Number(interval);
  const intervalOk = Number.isInteger(intervalMs) && intervalMs >= 50 && intervalMs <= 600_000;
  if (!intervalOk) problems.push(`the link's interval ${JSON.stringify(interval!.slice(0, 20))} is not a number of milliseconds from 50 to 600000`);
  return {
    room: room.ok ? room.value : DEFAULT_ROOM,
    transport: transport ?? 'ws',
    as: user?.ok === true ? user.value : undefined,
    intervalMs: intervalOk ? intervalMs : DEFAULT_INTERVAL_MS,
    problems,
  };
}

/** The query of a link to where the page is: room and transport, the interval for a short poll, and any other part kept as it was. */
export function linkQuery(search: string, room: string, transport: TransportKind, intervalMs: number): string {
  const params = new URLSearchParams(search);
  params.set('room', room);
  params.set('transport', transport);
  if (transport === 'poll') params.set('interval', String(intervalMs));
  else params.delete('interval');
  return `?${params.toString()}`;
}
