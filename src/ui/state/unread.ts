/**
 * What of a room you have not seen yet: how many messages of others came while you were not looking
 * at it (in another room, scrolled up, or away from the terminal), how many of those named you,
 * and where you left off, which the view marks "— new —".
 */
export interface UnreadState {
  /** The room is on screen, at its newest line, in a terminal that has focus. */
  readonly seeing: boolean;
  readonly unread: number;
  /** Unread messages that name you. */
  readonly mentions: number;
  /** The last entry (seq) on screen when you stopped looking; undefined while looking. */
  readonly leftAt: number | undefined;
  /** "— new —" goes after this entry: where you left off before the messages you had not seen. */
  readonly marker: number | undefined;
}

export type UnreadEvent =
  /** A message of someone else arrived as entry `seq` of the conversation. */
  | { readonly type: 'message'; readonly seq: number; readonly mention: boolean }
  /** Whether you look at the room changed; `lastSeq` is its newest entry now. */
  | { readonly type: 'seeing'; readonly seeing: boolean; readonly lastSeq: number }
  /** You wrote in the room: you are caught up, the marker has done its work. */
  | { readonly type: 'sent' };

/** A room nobody has looked at yet: what it holds is history, not news. */
export const unseenRoom: UnreadState = { seeing: false, unread: 0, mentions: 0, leftAt: undefined, marker: undefined };

/**
 * The one place unread counts change. Messages count while you are not looking; looking again
 * clears the counts and keeps the marker where you left off, until you look away again (it then
 * moves to where you are) or write in the room.
 */
export function unreadReducer(state: UnreadState, event: UnreadEvent): UnreadState {
  switch (event.type) {
    case 'message': {
      if (state.seeing) return state;
      // A room never looked at has no place you left off: the news begins before this message.
      return { ...state, unread: state.unread + 1, mentions: state.mentions + (event.mention ? 1 : 0), marker: state.marker ?? state.leftAt ?? event.seq - 1 };
    }
    case 'seeing': {
      if (event.seeing === state.seeing) return state;
      if (event.seeing) return { ...state, seeing: true, unread: 0, mentions: 0, leftAt: undefined };
      // Looking away: what was marked has been seen; a new streak begins here.
      return { ...state, seeing: false, leftAt: event.lastSeq, marker: undefined };
    }
    case 'sent':
      return state.marker === undefined ? state : { ...state, marker: undefined };
  }
}
