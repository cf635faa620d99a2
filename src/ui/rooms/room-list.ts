import { TypedEmitter } from '../../transports/emitter.js';
import type { ChatClient, ClientOptions, TransportChoice } from '../../transports/types.js';
import { MAX_OPEN_ROOMS } from '../session-options.js';
import { Room } from './room.js';

/** Makes a client for some options; a room is made with one, /nick makes new ones. */
export type ClientFactory = (options: ClientOptions) => ChatClient;

export interface RoomListEvents {
  /** Rooms were opened or left, another one is on screen, or the options of all changed (a name, a transport). */
  rooms: [];
}


/**
 * The rooms the chat has open, each with its own client on the same server, transport and name,
 * and which one is on screen. Rooms are kept in the order they were opened; the first is where
 * the chat started. Everything the screen changes about the session as a whole (a new name, a
 * transport switch) is applied here to every room.
 */
export class RoomList extends TypedEmitter<RoomListEvents> {
  readonly #createClient: ClientFactory;
  #options: ClientOptions;
  #rooms: readonly Room[];
  #active = 0;
  #started = false;
  readonly #known = new Set<string>();

  /**
   * `options` is the client's of the room that comes on screen first, `options.room`; `first`, when
   * given, is that client, made (and perhaps connecting) already. `order` is every room to open, in
   * the order the header lists them (those remembered); `options.room` is put at the end when it is
   * not among them.
   */
  constructor(createClient: ClientFactory, options: ClientOptions, first?: ChatClient, order: readonly string[] = []) {
    super();
    this.#createClient = createClient;
    this.#options = options;
    const names = [...new Set(order.includes(options.room) ? order : [...order, options.room])];
    const kept = names.slice(0, MAX_OPEN_ROOMS);
    if (!kept.includes(options.room)) kept[kept.length - 1] = options.room;
    this.#rooms = kept.map((name) => new Room(name === options.room ? (first ?? createClient(options)) : createClient({ ...options, room: name, since: 0 })));
    this.#active = kept.indexOf(options.room);
    for (const name of names) this.#known.add(name);
  }

  get rooms(): readonly Room[] {
    return this.#rooms;
  }

  get active(): Room {
    return this.#rooms[this.#active]!;
  }

  get activeIndex(): number {
    return this.#active;
  }

  /** The options a new room's client would be made with, but for its room. */
  get options(): ClientOptions {
    return this.#options;
  }

  /** Connects every room's client; rooms opened later connect as they open. */
  start(): void {
    this.#started = true;
    for (const room of this.#rooms) room.start();
  }

  find(name: string): Room | undefined {
    return this.#rooms.find((room) => room.name === name);
  }

  /**
   * Opens `name` (or goes to it when open) and puts it on screen. Its client loads the room's
   * history from the start. Undefined when MAX_OPEN_ROOMS are open already.
   */
  join(name: string): Room | undefined {
    const open = this.#rooms.findIndex((room) => room.name === name);
    if (open !== -1) {
      this.select(open);
      return this.#rooms[open];
    }
    if (this.#rooms.length >= MAX_OPEN_ROOMS) return undefined;
    const room = new Room(this.#createClient({ ...this.#options, room: name, since: 0 }));
    this.#known.add(name);
    this.#rooms = [...this.#rooms, room];
    this.#active = this.#rooms.length - 1;
    if (this.#started) room.start();
    this.emit('rooms');
    return room;
  }

  /** Leaves `name` (closing its client); the room before it comes on screen. False for the last room, or one not open. */
  part(name: string): boolean {
    const index = this.#rooms.findIndex((room) => room.name === name);
    if (index === -1 || this.#rooms.length === 1) return false;
    const room = this.#rooms[index]!;
    this.#rooms = this.#rooms.filter((_, i) => i !== index);
    if (this.#active >= index && this.#active > 0) this.#active--;
    room.close();
    this.emit('rooms');
    return true;
  }

  /** Puts the room at `index` on screen; false when there is none there. */
  select(index: number): boolean {
    if (index < 0 || index >= this.#rooms.length) return false;
    if (index !== this.#active) {
      this.#active = index;
      this.emit('rooms');
    }
    return true;
  }

  /** The next room (1) or the previous one (-1), round the list. */
  step(step: 1 | -1): void {
    this.select((this.#active + step + this.#rooms.length) % this.#rooms.length);
  }

  /** Every room comes back under `user`: a new client each, resuming after the last message it showed. */
  rename(user: string): void {
    this.#options = { ...this.#options, user };
    for (const room of this.#rooms) room.replaceClient(this.#createClient({ ...this.#options, room: room.name, since: room.conversation.lastId }));
    this.emit('rooms');
  }

  /** Every room's client switches transport live, keeping its place; rooms opened later use it too. */
  switchTransport(transport: TransportChoice): void {
    this.#options = { ...this.#options, transport };
    for (const room of this.#rooms) room.client.switchTransport(transport);
    this.emit('rooms');
  }

  /** Rooms this chat knows of: open, opened and left, or remembered; what /join completes to. */
  get known(): readonly string[] {
    return [...this.#known];
  }

  /** Leaves every room: stops listening, closes each client. */
  close(): void {
    for (const room of this.#rooms) room.close();
  }
}
