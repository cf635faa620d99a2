import type { ChatEntry } from '../state/conversation.js';
import type { Room } from '../rooms/room.js';
import type { RoomList } from '../rooms/room-list.js';
import { actionOf } from '../format/entry-lines.js';
import type { TerminalSignals } from '../terminal-signals.js';
import { useClientEffect } from './use-client-effect.js';
import { useRoomListValue } from './use-rooms.js';

/**
 * Rings the terminal bell, and with --notify raises a desktop notification, for a message naming
 * you that came while you were not looking at its room (another room on screen, scrolled up, or
 * the terminal out of focus).
 */
export function useMentionSignals(rooms: RoomList, terminal: TerminalSignals): void {
  const open = useRoomListValue(rooms, (list) => list.rooms);
  useClientEffect(() => {
    const listeners = open.map((room: Room) => {
      const onMentioned = (entry: ChatEntry): void => {
        terminal.bell();
        const action = actionOf(entry.text);
        terminal.notify(`#${room.name}`, action === undefined ? `${entry.user}: ${entry.text}` : `* ${entry.user} ${action}`);
      };
      room.on('mentioned', onMentioned);
      return () => room.off('mentioned', onMentioned);
    });
    return () => {
      for (const off of listeners) off();
    };
  }, [open, terminal]);
}
