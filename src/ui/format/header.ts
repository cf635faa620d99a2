import type { OnlineEntry } from '../../protocol/plain.js';
import { formatOnline, onlineUsers } from './online.js';
import { textWidth, truncateToWidth } from './text-width.js';

/** The header's pieces, already fitted to the width. */
export interface HeaderText {
  readonly room: string;
  readonly identity: string;
  readonly transport: string;
  /** "online 3: alice, bob +1", or "" when there is no room left. */
  readonly online: string;
}

const GAP = 2;

/** Fits "#room  alice @ server  transport  online N: names" into `width`, shortening the names list first. */
export function headerText(input: { room: string; user: string; server: string; transport: string; online: readonly OnlineEntry[]; width: number }): HeaderText {
  const room = `#${input.room}`;
  const identity = `${input.user} @ ${input.server}`;
  const used = textWidth(room) + GAP + textWidth(identity) + GAP + textWidth(input.transport) + GAP;
  const count = onlineUsers(input.online).length;
  const label = `online ${count}`;
  const namesWidth = input.width - used - textWidth(label) - 2;
  // A names list that fits not even one name says no more than the count.
  const names = count > 0 && namesWidth > 0 ? formatOnline(input.online, namesWidth) : '';
  let online = '';
  if (names !== '' && !names.startsWith('+')) online = `${label}: ${names}`;
  else if (input.width - used >= textWidth(label)) online = label;
  const identityRoom = Math.max(8, input.width - textWidth(room) - textWidth(input.transport) - GAP * 2);
  return { room, identity: truncateToWidth(identity, identityRoom), transport: input.transport, online };
}
