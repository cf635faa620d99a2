import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import type { ChatClient, ClientOptions } from '../../transports/types.js';
import type { RoomSummary } from '../format/room-tabs.js';
import type { Room, RoomEvents } from '../rooms/room.js';
import { RoomList, type ClientFactory } from '../rooms/room-list.js';
import { useClientEffect } from './use-client-effect.js';
import { useSourceValue } from './use-client-value.js';

/** How the chat's rooms begin. */
export interface RoomsStart {
  readonly createClient: ClientFactory;
  /** The options of the client of the room on screen first. */
  readonly options: ClientOptions;
  /** The client for `options`, already made (and perhaps connecting). */
  readonly first?: ChatClient | undefined;
  /** Every room to open, in order (remembered ones); `options.room` among them or added. */
  readonly order?: readonly string[] | undefined;
  /** System lines the room on screen opens with (the demo's tour). */
  readonly greeting?: readonly string[] | undefined;
}

/**
 * The chat's rooms, made once: each room listens to its client from the moment it is made, so
 * nothing a client already connecting emits is missed; the clients are connected in the commit
 * that mounts the screen and closed (WebSocket 1000) when it goes.
 */
export function useRoomList({ createClient, options, first, order, greeting }: RoomsStart): RoomList {
  const [rooms] = useState(() => {
    const list = new RoomList(createClient, options, first, order);
    for (const text of greeting ?? []) list.active.say({ text, tone: 'info' });
    return list;
  });
  useClientEffect(() => {
    rooms.start();
    return () => rooms.close();
  }, [rooms]);
  return rooms;
}

/** A value of the room list, read again whenever rooms open, close or another comes on screen. */
export function useRoomListValue<T>(rooms: RoomList, read: (rooms: RoomList) => T): T {
  return useSourceValue(rooms, ROOM_LIST_EVENTS, read);
}

const ROOM_LIST_EVENTS = ['rooms'] as const;

/**
 * A value a room holds (its conversation, who is typing, what is unread, its client), read again
 * after each of `events`. As with useClientValue, `read` must return the same object until one of
 * them fires.
 */
export function useRoomValue<T>(room: Room, events: readonly (keyof RoomEvents)[], read: (room: Room) => T): T {
  return useSourceValue(room, events, read);
}

/**
 * Each open room's name and what is new in it, for the header: read again when rooms open or close
 * and when any room's unread counts change, and the same array as long as nothing it says changed.
 */
export function useRoomSummaries(rooms: RoomList): readonly RoomSummary[] {
  const cache = useRef<{ key: string; value: readonly RoomSummary[] }>({ key: '', value: [] });
  const subscribe = useCallback(
    (changed: () => void) => {
      let watched: readonly Room[] = [];
      const watch = (): void => {
        for (const room of watched) room.off('unread', changed);
        watched = rooms.rooms;
        for (const room of watched) room.on('unread', changed);
      };
      const onRooms = (): void => {
        watch();
        changed();
      };
      watch();
      rooms.on('rooms', onRooms);
      return () => {
        rooms.off('rooms', onRooms);
        for (const room of watched) room.off('unread', changed);
      };
    },
    [rooms],
  );
  const read = (): readonly RoomSummary[] => {
    const value = rooms.rooms.map((room) => ({ name: room.name, unread: room.unread.unread, mentions: room.unread.mentions }));
    const key = JSON.stringify(value);
    if (key !== cache.current.key) cache.current = { key, value };
    return cache.current.value;
  };
  return useSyncExternalStore(subscribe, read);
}
