import { ErrorCode, type OnlineEntry } from '../protocol/plain.js';
import { fromHttpStatus, fromNetFailure, type CloseReport } from './close-report.js';
import { decodeErrorAnswer, decodePostAnswer, decodePresence } from './decode.js';
import { fetchText, type HttpConnections, type HttpResult } from './http.js';
import { authHeaders, requestTarget, type TransportContext, type TransportOwner } from './transport.js';
import type { OutboxEntry } from './types.js';

/** Retry delay for a send the server could not take just now (5xx) and did not say when. */
const UNAVAILABLE_RETRY_MS = 1000;

/**
 * How the HTTP transports talk upstream, having no socket to send on: POST /messages, POST
 * /typing and GET /presence, over connections the transport chose. A request that fails on the
 * network breaks the transport (`broken`), so the connection resends from the outbox, in order,
 * once it is open again.
 */
export class HttpSender {
  readonly #inFlight = new Set<() => void>();

  constructor(
    private readonly ctx: TransportContext,
    private readonly via: HttpConnections,
    private readonly owner: Pick<TransportOwner, 'ack' | 'sendFailed'>,
    private readonly broken: (report: CloseReport) => void,
  ) {}

  post(entry: OutboxEntry): void {
    const body = JSON.stringify({ user: this.ctx.user, text: entry.text, sentAt: entry.sentAt, clientId: entry.clientId });
    void this.#fetch('POST', '/messages', body).then((result) => {
      if (result === undefined) return;
      if (!result.ok) return this.broken(fromNetFailure('POST /messages', result.failure));
      const { status } = result;
      if (status === 200 || status === 201) {
        const message = decodePostAnswer(result.body);
        if (message !== undefined) return this.owner.ack(entry.clientId, message.id);
        return this.owner.sendFailed({ clientId: entry.clientId, code: 'bad_answer', message: 'POST /messages answered without a message', retryAfterMs: UNAVAILABLE_RETRY_MS });
      }
      const refusal = fromHttpStatus('POST /messages', status, result.body);
      if (refusal.code === 'unauthorized' || refusal.code === 'forbidden') return this.broken(refusal);
      const code = refusal.errorCode ?? String(status);
      // Too many rooms is a 429 that waiting does not fix: the entry fails, as it does over WebSocket.
      if (code === ErrorCode.tooManyRooms) return this.owner.sendFailed({ clientId: entry.clientId, code, message: refusal.reason, retryAfterMs: undefined });
      if (status === 429) {
        return this.owner.sendFailed({ clientId: entry.clientId, code: ErrorCode.rateLimited, message: refusal.reason, retryAfterMs: retryAfterMs(result.body, result.headers['retry-after']) });
      }
      const retryAfter = refusal.retry ? UNAVAILABLE_RETRY_MS : undefined;
      this.owner.sendFailed({ clientId: entry.clientId, code, message: refusal.reason, retryAfterMs: retryAfter });
    });
  }

  /** Best effort: a lost typing indicator is not worth a retry. */
  typing(): void {
    void this.#fetch('POST', '/typing', JSON.stringify({ user: this.ctx.user }));
  }

  /** Who is online, or undefined when the server could not say. */
  async presence(): Promise<readonly OnlineEntry[] | undefined> {
    const result = await this.#fetch('GET', '/presence');
    return result?.ok && result.status === 200 ? decodePresence(result.body) : undefined;
  }

  abortAll(): void {
    for (const abort of [...this.#inFlight]) abort();
    this.#inFlight.clear();
  }

  /** Resolves with the result, or undefined once aborted. */
  async #fetch(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpResult | undefined> {
    const { ctx } = this;
    const call = fetchText(
      { method, path: requestTarget(ctx, path), via: this.via, headers: authHeaders(ctx), timeoutMs: ctx.timing.requestTimeoutMs, ...(body === undefined ? {} : { body }) },
      ctx,
    );
    this.#inFlight.add(call.abort);
    const result = await call.result;
    this.#inFlight.delete(call.abort);
    return !result.ok && result.failure.kind === 'aborted' ? undefined : result;
  }
}

/** The exact wait from the 429's body when it says one, else Retry-After (whole seconds) as ms, else a second. */
function retryAfterMs(body: string, header: string | undefined): number {
  const exact = decodeErrorAnswer(body).retryAfterMs;
  if (exact !== undefined) return exact;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}
