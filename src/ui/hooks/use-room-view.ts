import { useMemo, useState } from 'react';
import type { ViewMarks } from '../format/view-lines.js';
import type { Room } from '../rooms/room.js';
import type { ConversationState } from '../state/conversation.js';
import { seenBy } from '../state/receipts.js';
import { useMessageWindow, type MessageWindow } from './use-message-window.js';
import { useRoomValue } from './use-rooms.js';
import { useSearch, type Search } from './use-search.js';

/** The room on screen as the conversation pane draws it. */
export interface RoomView {
  readonly conversation: ConversationState;
  readonly window: MessageWindow;
  readonly search: Search;
}

/**
 * The conversation of the room on screen, laid out for `width` × `height`: its entries, with the
 * timestamps or not, your name and a search's words drawn apart, "— new —" where you left off
 * while something you had not seen follows it, and under your messages who has seen them; the
 * window on it, scrolled as the room was left; and a search of it.
 */
export function useRoomView(room: Room, user: string, width: number, height: number, showTime: boolean): RoomView {
  const conversation = useRoomValue(room, ['conversation'], (r) => r.conversation);
  const unread = useRoomValue(room, ['unread'], (r) => r.unread);
  const reads = useRoomValue(room, ['reads'], (r) => r.reads);
  // The search's words, once there are some: they are drawn apart in the lines the window lays out.
  const [query, setQuery] = useState<string | undefined>(undefined);
  const style = useMemo(() => ({ time: showTime, self: user, query }), [showTime, user, query]);
  const newAfterSeq = unread.marker !== undefined && unread.marker < conversation.nextSeq - 1 ? unread.marker : undefined;
  const seen = useMemo(() => seenBy(conversation.entries, reads, user), [conversation.entries, reads, user]);
  const marks: ViewMarks = useMemo(() => ({ newAfterSeq, seen }), [newAfterSeq, seen]);
  const window = useMessageWindow(room.name, conversation.entries, width, height, style, marks);
  const search = useSearch(conversation.entries, window.state, window.scroll);
  // The search scrolls the window, the window draws the search's words: the words come back round as state.
  const sought = search.state.mode === 'on' && search.state.query !== '' ? search.state.query : undefined;
  if (sought !== query) setQuery(sought);
  return { conversation, window, search };
}
