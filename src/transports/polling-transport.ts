import { jittered } from './backoff.js';
import { dropped, fromHttpStatus, fromNetFailure, type CloseReport, type NetFailure } from './close-report.js';
import { decodeMessagesPage } from './decode.js';
import { fetchText, type HttpConnections, type HttpResult } from './http.js';
import { HttpSender } from './http-sender.js';
import { believedHeartbeat, slowestAnswer } from './liveness.js';
import { authHeaders, requestTarget, Transport, type TransportContext, type TransportOwner } from './transport.js';
import type { OutboxEntry } from './types.js';

/** Runs `fn` once the I/O already in hand is handled: Node's setImmediate; a browser, which has none, runs it as a task of its own. */
const afterIo: (fn: () => void) => void = typeof setImmediate === 'function' ? (fn) => void setImmediate(fn) : (fn) => void setTimeout(fn, 0);

/** The connections a polling transport uses: one set for GET /messages, one for everything else (may be the same). */
export interface PollingConnections {
  readonly poll: HttpConnections;
  readonly send: HttpConnections;
}

/**
 * What short and long polling share: GET /messages?since= in a loop, the cursor advanced by
 * what came back, POSTs to send, GET /presence now and then for a presence picture. The
 * transport is open once the first answer gave the epoch; a long poll makes that first request
 * with wait=0 so opening never waits on a quiet room, and learns the server's heartbeat from it.
 * Once open, each poll has a deadline, the wait it asked for and a grace, so that a poll into a
 * dead link is abandoned rather than waited on.
 */
export abstract class PollingTransport extends Transport {
  readonly pipelined = false;
  readonly #via: PollingConnections;
  readonly #sender: HttpSender;
  #cursor: number;
  #epoch: string | undefined;
  #abortPoll: (() => void) | undefined;
  /** When the current poll went out, so that short polls keep to their interval whatever a request takes. */
  #pollStartedAt = 0;
  /** The server's heartbeat, from its opening answer (a long poll's), else the one assumed. */
  #heartbeatMs: number;
  /** The slowest recent answer, less the time the server was asked to hold it: a slow link's polls get a longer grace. */
  #slowestMs = 0;
  #nextPoll: unknown;
  #nextPresence: unknown;

  constructor(ctx: TransportContext, owner: TransportOwner, via: PollingConnections) {
    super(ctx, owner);
    this.#via = via;
    this.#cursor = ctx.since;
    this.#heartbeatMs = ctx.timing.heartbeatMs;
    this.#sender = new HttpSender(ctx, via.send, owner, (report) => this.onClose(report));
  }

  /** The `wait` a poll asks the server to hold it, or undefined for a short poll. */
  protected abstract waitMs(opened: boolean): number | undefined;
  /** Pause between an answer and the next poll. */
  protected abstract pauseMs(): number;
  /** The longest a healthy link goes between two answers once open: the interval, or the wait. */
  protected abstract cadenceMs(): number;

  /** The server's heartbeat, once the opening answer said it. */
  protected get heartbeatMs(): number {
    return this.#heartbeatMs;
  }

  protected doOpen(): void {
    this.#poll();
  }

  protected doClose(): void {
    const { clock } = this.ctx;
    if (this.#nextPoll !== undefined) clock.clearTimeout(this.#nextPoll);
    if (this.#nextPresence !== undefined) clock.clearTimeout(this.#nextPresence);
    this.#abortPoll?.();
    this.#sender.abortAll();
    this.#via.poll.destroy();
    this.#via.send.destroy();
  }

  protected write(entry: OutboxEntry): void {
    this.#sender.post(entry);
  }

  protected writeTyping(): void {
    this.#sender.typing();
  }

  #poll(): void {
    this.#nextPoll = undefined;
    this.#pollStartedAt = this.ctx.clock.now();
    const wait = this.waitMs(this.isOpen);
    const params: Record<string, string> = { since: String(this.#cursor) };
    if (wait !== undefined) params.wait = String(wait);
    const { ctx } = this;
    // Opening, the open timeout governs; once open, the wait and a grace, which also bounds any
    // pause inside the answer, so that a slow page is not taken for a dead link.
    const graceMs = this.isOpen ? this.silence.graceMs : ctx.timing.requestTimeoutMs;
    const call = fetchText(
      { method: 'GET', path: requestTarget(ctx, '/messages', params), via: this.#via.poll, headers: authHeaders(ctx), timeoutMs: (wait ?? 0) + graceMs, idleMs: graceMs },
      ctx,
    );
    this.#abortPoll = call.abort;
    void call.result.then((result) => this.#onAnswer(result, wait));
  }

  #onAnswer(result: HttpResult, wait: number | undefined): void {
    this.#abortPoll = undefined;
    if (!this.live) return;
    if (!result.ok) return this.onClose(this.#failed(result.failure));
    if (result.status !== 200) return this.onClose(fromHttpStatus(this.opening, result.status, result.body));
    const page = decodeMessagesPage(result.body);
    if (page === undefined) return this.onClose(dropped(`${this.opening}: the answer is not a page of messages`));
    this.alive();
    this.ctx.meter.poll(page.messages.length === 0);
    this.#timed(wait, page.messages.length === 0);
    if (!this.isOpen) {
      this.#epoch = page.epoch;
      this.#heartbeatMs = believedHeartbeat(page.heartbeatMs, this.ctx.timing.heartbeatMs);
      this.onOpen({ epoch: page.epoch });
      this.#refreshPresence(true);
    } else if (page.epoch !== this.#epoch) {
      // Each poll is a new request: a restarted server with new history shows only here.
      return this.onClose(dropped(`the server's history changed (epoch ${page.epoch})`));
    }
    if (page.firstId !== undefined && page.firstId > this.#cursor + 1) {
      // What came between was trimmed: the next poll asks from where the history begins.
      this.#cursor = page.firstId - 1;
      this.owner.trimmed(page.firstId);
    }
    for (const message of page.messages) {
      if (!this.live) return;
      if (message.id <= this.#cursor) continue;
      this.#cursor = message.id;
      this.owner.message(message);
    }
    if (!this.live) return;
    // The opening answer and the pages it said were more: the backlog; later answers are live.
    if (!page.hasMore) this.caughtUp();
    if (!this.live) return;
    this.expect(this.cadenceMs(), this.#slowestMs);
    // The interval runs from the start of the poll: time spent connecting and waiting for the
    // answer is part of it, so a short poll goes out every interval, not every interval + RTT.
    const pause = page.hasMore ? 0 : this.pauseMs() - (this.ctx.clock.now() - this.#pollStartedAt);
    if (pause > 0) this.#nextPoll = this.ctx.clock.setTimeout(() => this.#poll(), pause);
    else this.#pollAfterIo();
  }

  /** A poll past its deadline on an open transport means a dead link, not an unreachable server. */
  #failed(failure: NetFailure): CloseReport {
    return this.isOpen && failure.kind === 'timeout' ? dropped(`${this.opening}: ${failure.message}`) : fromNetFailure(this.opening, failure);
  }

  /**
   * Notes how long the answer took beyond what the server was asked to hold it: a poll with no
   * wait, or a long poll that came back empty after its whole wait. A long poll answered with
   * messages was held for an unknown part of its wait, and says nothing.
   */
  #timed(wait: number | undefined, empty: boolean): void {
    const elapsed = this.ctx.clock.now() - this.#pollStartedAt;
    if (!wait) this.#slowestMs = slowestAnswer(this.#slowestMs, elapsed);
    else if (empty) this.#slowestMs = slowestAnswer(this.#slowestMs, Math.max(0, elapsed - wait));
  }

  /**
   * Polls again once the answers already read are handed out: a process with many pollers (bots,
   * the bench) then delivers every answer that came in before it spends time on new requests,
   * and a poll that goes out later finds more messages to carry.
   */
  #pollAfterIo(): void {
    afterIo(() => {
      if (this.live) this.#poll();
    });
  }

  #refreshPresence(initial: boolean): void {
    if (!this.live) return;
    void this.#sender.presence().then((list) => {
      if (!this.live) return;
      if (list !== undefined) this.owner.online(list, initial);
      // Spread over half to one and a half intervals: pollers that opened together (a room after a
      // server restart) would otherwise ask together, every interval, for ever.
      const delay = jittered(this.ctx.timing.presenceIntervalMs, 0.5, this.ctx.random);
      this.#nextPresence = this.ctx.clock.setTimeout(() => this.#refreshPresence(false), delay);
    });
  }
}
