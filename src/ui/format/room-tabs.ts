import { textWidth } from './text-width.js';

/** A room as the header lists it. */
export interface RoomSummary {
  readonly name: string;
  readonly unread: number;
  readonly mentions: number;
}

/** One room in the header: "#dev 3", "#ops @1", "#lobby"; how it is drawn follows its state. */
export interface RoomTab {
  readonly text: string;
  /** active: on screen; mention: something names you; unread: news; quiet: nothing new. */
  readonly state: 'active' | 'mention' | 'unread' | 'quiet';
}

const GAP = 2;

/** "#dev 3 @1": the room, its unread messages and, after @, how many name you. The room on screen has no counts. */
export function roomTab(room: RoomSummary, active: boolean): RoomTab {
  if (active) return { text: `#${room.name}`, state: 'active' };
  const counts = `${room.unread > 0 && room.unread !== room.mentions ? ` ${room.unread}` : ''}${room.mentions > 0 ? ` @${room.mentions}` : ''}`;
  return { text: `#${room.name}${counts}`, state: room.mentions > 0 ? 'mention' : room.unread > 0 ? 'unread' : 'quiet' };
}

/**
 * The rooms' tabs that fit in `width` columns, the room on screen always among them: rooms are
 * dropped from the far end first, and a last tab "+N" says how many are not shown.
 */
export function roomTabs(rooms: readonly RoomSummary[], active: number, width: number): RoomTab[] {
  const tabs = rooms.map((room, i) => roomTab(room, i === active));
  const widthOf = (list: readonly RoomTab[]): number => list.reduce((sum, tab, i) => sum + textWidth(tab.text) + (i === 0 ? 0 : GAP), 0);
  if (widthOf(tabs) <= width) return tabs;
  // Keep the active one and as many around it as fit, nearest first.
  const kept = new Set([active]);
  for (let distance = 1; distance < tabs.length; distance++) {
    for (const i of [active + distance, active - distance]) {
      if (i < 0 || i >= tabs.length) continue;
      const trial = new Set(kept).add(i);
      const shown = tabs.filter((_, j) => trial.has(j));
      const more: RoomTab = { text: `+${tabs.length - shown.length}`, state: 'quiet' };
      if (widthOf(shown.length < tabs.length ? [...shown, more] : shown) <= width) kept.add(i);
    }
  }
  const shown = tabs.filter((_, i) => kept.has(i));
  return shown.length < tabs.length ? [...shown, { text: `+${tabs.length - shown.length}`, state: 'quiet' }] : shown;
}

/** Columns the tabs take, joined by their gaps. */
export function tabsWidth(tabs: readonly RoomTab[]): number {
  return tabs.reduce((sum, tab, i) => sum + textWidth(tab.text) + (i === 0 ? 0 : GAP), 0);
}
