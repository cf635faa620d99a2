import type { OnlineEntry } from '../../protocol/plain.js';
import { formatOnline, onlineUsers } from './online.js';
import { roomTabs, tabsWidth, type RoomSummary, type RoomTab } from './room-tabs.js';
import { textWidth, truncateToWidth } from './text-width.js';

/** The header's pieces, already fitted to the width. */
export interface HeaderText {
  /** The open rooms, the one on screen among them, with what is new in the others. */
  readonly rooms: readonly RoomTab[];
  readonly identity: string;
  readonly transport: string;
  /** "online 3: alice, bob +1", or "" when there is no room left. */
  readonly online: string;
}

const GAP = 2;
/** Columns the identity keeps at least, however many rooms are open. */
const MIN_IDENTITY = 8;

/**
 * Fits "#lobby  #dev 3  #ops @1  alice @ server  transport  online N: names" into `width`: the rooms
 * first (around the one on screen when they do not all fit), then who and where, shortened, then
 * the transport; who is online gets what is left, names before the count.
 */
export function headerText(input: { rooms: readonly RoomSummary[]; active: number; user: string; server: string; transport: string; online: readonly OnlineEntry[]; width: number }): HeaderText {
  const transportWidth = textWidth(input.transport);
  const rooms = roomTabs(input.rooms, input.active, Math.max(1, input.width - transportWidth - MIN_IDENTITY - GAP * 2));
  const roomsWidth = tabsWidth(rooms);
  const identity = `${input.user} @ ${input.server}`;
  const used = roomsWidth + GAP + textWidth(identity) + GAP + transportWidth + GAP;
  const count = onlineUsers(input.online).length;
  const label = `online ${count}`;
  const namesWidth = input.width - used - textWidth(label) - 2;
  // A names list that fits not even one name says no more than the count.
  const names = count > 0 && namesWidth > 0 ? formatOnline(input.online, namesWidth) : '';
  let online = '';
  if (names !== '' && !names.startsWith('+')) online = `${label}: ${names}`;
  else if (input.width - used >= textWidth(label)) online = label;
  const identityRoom = Math.max(MIN_IDENTITY, input.width - roomsWidth - transportWidth - GAP * 2);
  return { rooms, identity: truncateToWidth(identity, identityRoom), transport: input.transport, online };
}
