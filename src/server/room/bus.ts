import type { Message, ReadPosition } from '../../protocol/index.js';
import { Outgoing } from '../wire/outgoing.js';
import type { Hub, RoomListener } from './hub.js';

/**
 * Live fan-out of what the one send path committed, to the listeners of every server instance
 * that shares the store. History stays the store's; the bus only carries news of it, and a
 * connection that misses news catches up from the store (see Feed).
 */
export interface Bus {
  /** A message was committed: tell every instance's listeners (this instance's at once). */
  message(message: Message): void;
  /** `user` is typing in `room`; `from` (a WebSocket) is not told of itself. */
  typing(room: string, user: string, from?: RoomListener): void;
  /** Read positions in `room` moved (throttled already, see ReadPositions). */
  reads(room: string, reads: readonly ReadPosition[]): void;
}

/** One instance alone: news goes straight to this process's hub. */
export class LocalBus implements Bus {
  constructor(private readonly hub: Hub) {}

  message(message: Message): void {
    this.hub.publish(new Outgoing(message));
  }

  typing(room: string, user: string, from?: RoomListener): void {
    this.hub.typing(room, user, from);
  }

  reads(room: string, reads: readonly ReadPosition[]): void {
    this.hub.reads(room, reads);
  }
}
