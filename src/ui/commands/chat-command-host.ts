import type { NetLever } from '../net-lever.js';
import type { RoomList } from '../rooms/room-list.js';
import type { RememberPatch } from '../session-options.js';
import type { CommandHost } from './run-command.js';

/** What commands change of the screen itself rather than of the connection. */
export interface ScreenControls {
  readonly toggleTime: () => void;
  /** Searches the room on screen's history for `query`. */
  readonly search: (query: string) => void;
  /** Opens or closes the wire pane. */
  readonly toggleWire: () => void;
}

/**
 * The chat screen's side of the slash commands: the rooms, the one on screen, and the settings.
 * The room on screen is looked up as each command runs, not when the host is made: keys typed
 * right after Alt+2 may be handled before the screen has drawn the room they were meant for.
 */
export function chatCommandHost(rooms: RoomList, net: NetLever, remember: (patch: RememberPatch) => void, quit: () => void, screen: ScreenControls): CommandHost {
  const openRooms = (): string[] => rooms.rooms.map((open) => open.name);
  const say: CommandHost['say'] = (text, tone = 'info') => rooms.active.say({ text, tone });
  return {
    get client() {
      return rooms.active.client;
    },
    get room() {
      return rooms.active.name;
    },
    get user() {
      return rooms.active.self;
    },
    get rooms() {
      return openRooms();
    },
    net,
    say,
    send: (text) => rooms.active.send(text),
    join: (name) => {
      const joined = rooms.join(name);
      if (joined === undefined) return say(`${rooms.rooms.length} rooms are open, the most at once; /part one first`, 'error');
      joined.say({ text: `joining #${name}…`, tone: 'info' });
      remember({ room: name, rooms: openRooms() });
    },
    part: (name) => {
      if (!rooms.part(name)) return say(rooms.rooms.length === 1 ? `#${name} is the only room open; /quit to leave` : `#${name} is not open`, 'error');
      rooms.active.say({ text: `left #${name}`, tone: 'info' });
      remember({ room: rooms.active.name, rooms: openRooms() });
    },
    rename: (user) => {
      // Every room comes back under the new name, resuming after the last message it showed.
      rooms.rename(user);
      say(`you are now ${user}`);
      remember({ user });
    },
    transportChanged: (transport) => {
      rooms.switchTransport(transport);
      remember({ transport });
    },
    clear: () => rooms.active.record({ type: 'clear' }),
    toggleTime: screen.toggleTime,
    search: screen.search,
    toggleWire: screen.toggleWire,
    quit,
  };
}
