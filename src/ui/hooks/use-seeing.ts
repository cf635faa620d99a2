import type { Room } from '../rooms/room.js';
import type { RoomList } from '../rooms/room-list.js';
import { useRoomListValue } from './use-rooms.js';
import { useClientEffect } from './use-client-effect.js';

/**
 * Tells each room whether you look at it: only the room on screen can be seen, and only while its
 * view follows the newest line (`looking`: not scrolled up, the terminal focused). The others count
 * what comes as unread.
 */
export function useSeeing(rooms: RoomList, active: Room, looking: boolean): void {
  const open = useRoomListValue(rooms, (list) => list.rooms);
  useClientEffect(() => {
    // Rooms out of sight first, so that one leaving the screen marks where it was left before another is seen.
    for (const room of open) if (room !== active) room.setSeeing(false);
    active.setSeeing(looking);
  }, [open, active, looking]);
}
