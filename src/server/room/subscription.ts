import type { Duplex } from 'node:stream';
import type { ServerFrame } from '../../protocol/index.js';
import { debug } from '../base/log.js';
import { Announcement } from '../wire/announcement.js';
import type { Outgoing } from '../wire/outgoing.js';
import { SocketWriter } from '../wire/socket-writer.js';
import type { LiveSubscription, ServerContext, StreamKind } from './context.js';
import { Feed, type FeedSink } from './feed.js';
import { heartbeatMs } from './heartbeat.js';
import type { RoomListener } from './hub.js';
import type { PresenceHold } from './presence.js';

/** What `welcome` tells a client that has just subscribed: the epoch, the room's last id, who is online, the heartbeat. */
export type Welcome = Omit<Extract<ServerFrame, { type: 'welcome' }>, 'type'>;

/**
 * How one transport puts what a subscription hears on the wire. A framer holds no state: one
 * serves every connection of its transport, and a message or announcement is encoded once for
 * all of them (Outgoing, Announcement).
 */
export interface Framer {
  readonly kind: StreamKind;
  welcome(welcome: Welcome): Buffer;
  message(out: Outgoing): Buffer;
  /** A presence or typing event. */
  announcement(news: Announcement): Buffer;
}

/** Who listens to which room from where, as the endpoint checked the request. */
export interface Listener {
  readonly room: string;
  readonly user: string | undefined;
  /** The last id the client has; the feed starts after it. */
  readonly since: number;
  readonly address: string;
  readonly credentials: { readonly expiresAt?: number | undefined };
}

/** Why the server ends a subscription; each transport tells its client in its own way. */
export type Ending = 'slow-reader' | 'history-failed' | 'history-reset' | 'token-expired';

/**
 * A live listener of one room, over a WebSocket or an SSE stream: its place in the room's messages
 * (the Feed), its registration with the hub, its presence hold, its counts in the metrics and the
 * bound on what its client has not read. What differs between the transports is how bytes are
 * framed (the Framer) and how a connection greets, keeps alive and ends, which each transport's
 * subclass adds. A subclass rather than a member: an idle connection stays one object, as it was.
 */
export abstract class Subscription implements RoomListener, FeedSink, LiveSubscription {
  readonly #feed: Feed;
  readonly #writer: SocketWriter;
  #hold: PresenceHold | undefined;
  #ended = false;

  readonly room: string;
  /** Who listens, when they said; only a named listener is shown online. */
  readonly user: string | undefined;
  /** The client's address (request/client.ts), for the limits kept per address; '' when none is. */
  readonly address: string;
  /**
   * What the client's credentials say; with signed identities, when they expire (epoch ms). A
   * reference to what the guard let through, mostly one object shared by many connections.
   */
  readonly #credentials: { readonly expiresAt?: number | undefined };

  protected constructor(
    protected readonly ctx: ServerContext,
    socket: Duplex,
    { room, user, since, address, credentials }: Listener,
  ) {
    this.room = room;
    this.user = user;
    this.address = address;
    this.#credentials = credentials;
    this.#writer = new SocketWriter(socket);
    this.#feed = new Feed(ctx.store, room, since, this);
  }

  /** The transport's framing: a getter on its prototype, so that no connection holds even a reference. */
  protected abstract get framer(): Framer;

  get kind(): StreamKind {
    return this.framer.kind;
  }

  /**
   * Whether the signed identity the client opened with has expired. The heartbeat sweeps look, so
   * a connection outlives its token by at most one heartbeat, with no timer of its own.
   */
  protected get expired(): boolean {
    const { expiresAt } = this.#credentials;
    return expiresAt !== undefined && expiresAt <= this.ctx.options.now();
  }

  /** Once true, nothing more is written and nothing is released again. */
  protected get ended(): boolean {
    return this.#ended;
  }

  /**
   * Sends `welcome` and joins the room; `lastId` and `firstId` are the room's last id and the oldest
   * it keeps, read before the connection was accepted. `welcome` carries `firstId` when the client
   * resumes from before it, so that it can say what was trimmed, and the heartbeat of the
   * transport, so that the client knows how long a silence means a dead link. A transport writes what must
   * precede `welcome` first, then calls this.
   */
  open(lastId: number, firstId: number): void {
    const { ctx, room, user, kind } = this;
    ctx.metrics.requests[kind].inc();
    ctx.metrics.connections[kind].inc();
    ctx.subscriptions.add(this);
    // Over its address's quota, a stream still works, without being shown online.
    if (user !== undefined && (ctx.quota?.openStream(this.address) ?? true)) this.#hold = ctx.presence.connect(room, user, kind);
    const welcome: Welcome = { epoch: ctx.store.epoch, lastId, online: ctx.presence.list(room), heartbeatMs: heartbeatMs(ctx.options, kind) };
    this.write(this.framer.welcome(this.#feed.lastId + 1 < firstId ? { ...welcome, firstId } : welcome));
    // The read positions the room keeps, right after `welcome`: what moves later comes as it moves.
    const reads = ctx.reads.list(room);
    if (reads.length > 0) this.write(this.framer.announcement(new Announcement('reads', { reads })));
    ctx.hub.listen(room, this);
    // After listening, so that no message falls between the backlog and the live ones.
    this.#feed.start();
    debug[kind]('open %s as %s from %d', room, user ?? '(anonymous)', this.#feed.lastId);
  }

  message(out: Outgoing): void {
    this.#feed.offer(out);
  }

  presence(news: Announcement): void {
    this.write(this.framer.announcement(news));
  }

  typing(news: Announcement): void {
    if ('user' in news.data && news.data.user !== this.user) this.write(this.framer.announcement(news));
  }

  reads(news: Announcement): void {
    this.write(this.framer.announcement(news));
  }

  resync(): void {
    this.#feed.resync();
  }

  restart(reason: string): void {
    this.end('history-reset', reason);
  }

  abstract heartbeat(): void;

  abstract shutdown(): Promise<void>;

  deliver(out: Outgoing): void {
    if (this.write(this.framer.message(out))) this.ctx.metrics.delivered(this.kind, 1, out.message.serverAt, this.ctx.options.now());
  }

  feedFailed(error: unknown): void {
    this.end('history-failed', `history read failed: ${String(error)}`);
  }

  /**
   * Backlog goes out as the reader takes it: each message once the unread buffer is at most half
   * the limit. Bytes written in one turn all count as unread until the next, so a backlog written
   * at once would cut off the very reader that came back to catch up.
   */
  roomForBacklog(): Promise<void> | undefined {
    return this.#writer.drainedTo(this.ctx.options.maxBufferedBytes / 2, () => this.#ended);
  }

  /**
   * Writes a frame, already framed for the transport, unless the subscription has ended. Every
   * frame goes through here, whatever it is (message, error, ack, pong, presence, typing, welcome,
   * keep-alive), and counts against the bound on what the reader has not taken: a reader past it
   * is cut off rather than buffered, and comes back and resumes by id. False when not written.
   */
  protected write(frame: Buffer): boolean {
    if (this.#ended) return false;
    const limit = this.ctx.options.maxBufferedBytes;
    // A tick that wrote more than the bound hands it to the kernel now rather than at its end:
    // only what the kernel refuses says the reader is slow, not a burst to a reader keeping up.
    let unread = this.#writer.buffered;
    if (unread > limit) {
      this.#writer.flush();
      unread = this.#writer.buffered;
    }
    if (unread <= limit) {
      this.#writer.write(frame);
      return true;
    }
    this.end('slow-reader', `slow reader: over ${limit} bytes unread`);
    return false;
  }

  /** Puts what this tick wrote on the socket now, ahead of what the transport writes itself. */
  protected flush(): void {
    this.#writer.flush();
  }

  /** Ends the connection, the transport's way; `reason` says why, for the log. */
  protected abstract end(ending: Ending, reason: string): void;

  /**
   * Leaves the room: the feed stops, the hub and the server forget the listener, its presence is
   * released and it is no longer counted. False if it had left already, so each end happens once.
   */
  protected leave(reason: string): boolean {
    if (this.#ended) return false;
    this.#ended = true;
    this.#feed.close();
    this.ctx.hub.unlisten(this.room, this);
    // Released after whatever is being written to the room now: a leave is written to the other
    // listeners, any of which a write may find past its bound and end in turn; released at once,
    // each would end the next from within, as deep as there are such listeners.
    const hold = this.#hold;
    if (hold !== undefined) {
      queueMicrotask(() => hold.release());
      this.ctx.quota?.closeStream(this.address);
    }
    this.ctx.subscriptions.delete(this);
    this.ctx.metrics.connections[this.kind].dec();
    debug[this.kind]('closed %s as %s: %s', this.room, this.user ?? '(anonymous)', reason);
    return true;
  }
}
