/**
 * The names of everything termchat keeps in Redis, all under one prefix so that several
 * deployments (or test runs) can share one Redis. Room names are `[a-z0-9_-]`, so they cannot
 * break out of their segment.
 */
export class RedisKeys {
  constructor(readonly prefix = 'termchat:') {}

  /** The history's epoch: set once, by whichever instance finds it missing. */
  get epoch(): string {
    return `${this.prefix}epoch`;
  }

  /** The room's id counter (INCR), apart from the messages so that an id is never reused. */
  seq(room: string): string {
    return `${this.prefix}room:${room}:seq`;
  }

  /** The room's messages: a Stream whose entry id `N-0` is message id N. */
  log(room: string): string {
    return `${this.prefix}room:${room}:log`;
  }

  /** The room's idempotency keys: a hash of dedupeKey(user, clientId) → message id. */
  clientIds(room: string): string {
    return `${this.prefix}room:${room}:cid`;
  }

  /** The rooms that keep history, which `--max-rooms` counts: a set of room names. */
  get rooms(): string {
    return `${this.prefix}rooms`;
  }

  /** Exists once the set of rooms was made from the Streams a Redis held before rooms were counted. */
  get roomsCounted(): string {
    return `${this.prefix}rooms:counted`;
  }

  /** The room whose log `key` is, or undefined for another key. */
  roomOfLog(key: string): string | undefined {
    const head = `${this.prefix}room:`;
    return key.startsWith(head) && key.endsWith(':log') ? key.slice(head.length, -':log'.length) : undefined;
  }

  /** Who is online in the room: a hash whose fields are `instance NUL transport NUL user`. */
  presence(room: string): string {
    return `${this.prefix}presence:${room}`;
  }

  /** Bumped on every change of the room's presence hash, so that a late read cannot undo a newer one. */
  presenceVersion(room: string): string {
    return `${this.prefix}presence:${room}:v`;
  }

  /** A user's recent sends in a room, for the shared send limit: a sorted set of send times (ms). */
  sends(rateKey: string): string {
    return `${this.prefix}sends:${rateKey}`;
  }

  /** Exists while the instance lives: set with an expiry that its heartbeat keeps pushing back. */
  alive(instance: string): string {
    return `${this.alivePrefix}${instance}`;
  }

  get alivePrefix(): string {
    return `${this.prefix}instance:`;
  }

  /** Pub/Sub: `room id payload` for each committed message, published by the append script itself. */
  get messagesChannel(): string {
    return `${this.prefix}messages`;
  }

  /** Pub/Sub: `{instance, room, user}` when someone types. */
  get typingChannel(): string {
    return `${this.prefix}typing`;
  }

  /** Pub/Sub: `{instance, room, reads}` when read positions moved in a room. */
  get readsChannel(): string {
    return `${this.prefix}reads`;
  }

  /** Pub/Sub: `room version` when a room's presence changed. */
  get presenceChannel(): string {
    return `${this.prefix}presence`;
  }
}
