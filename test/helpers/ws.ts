import type { IncomingMessage } from 'node:http';
import { afterEach } from 'vitest';
import WebSocket, { type ClientOptions } from 'ws';
import type { Message, ServerFrame } from '../../src/protocol/index.js';

const sockets = new Set<WebSocket>();

afterEach(() => {
  for (const ws of sockets) ws.terminate();
  sockets.clear();
});

export type FrameOf<T extends ServerFrame['type']> = Extract<ServerFrame, { type: T }>;

export interface Closed {
  readonly code: number;
  readonly reason: string;
}

/** `ws://host:port/ws?…` from a server's `http://` URL and query parameters. */
export function wsUrl(httpUrl: string, query: Readonly<Record<string, string | number>>): string {
  const url = new URL('/ws', httpUrl.replace(/^http/, 'ws'));
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  return url.toString();
}

function parseFrame(data: WebSocket.RawData): ServerFrame {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : data instanceof ArrayBuffer ? Buffer.from(data) : data;
  const text = buffer.toString('utf8');
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') {
    throw new Error(`server sent a frame that is not {type, …}: ${text.slice(0, 200)}`);
  }
  return value as ServerFrame;
}

/**
 * A WebSocket client for tests: records every frame the server sent, in order, and awaits frames
 * or the close with deadlines. Terminated after each test.
 */
export class TestClient {
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<Closed>;
  #closedValue: Closed | undefined;
  readonly #waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) throw new Error('server sent a binary frame');
      this.frames.push(parseFrame(data));
      this.#wake();
    });
    this.closed = new Promise((resolve) => {
      ws.once('close', (code, reason) => {
        this.#closedValue = { code, reason: reason.toString() };
        resolve(this.#closedValue);
        this.#wake();
      });
    });
    ws.on('error', () => {
      // Close codes are what the tests look at; an 'error' is followed by 'close'.
    });
  }

  /** Opens a socket and resolves once it is open (the handshake succeeded). */
  static connect(url: string, options: { protocols?: string[]; ws?: ClientOptions; timeoutMs?: number } = {}): Promise<TestClient> {
    const ws = new WebSocket(url, options.protocols ?? [], options.ws);
    sockets.add(ws);
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`WebSocket ${url} did not open within ${options.timeoutMs ?? 5000} ms`)), options.timeoutMs ?? 5000);
      ws.once('open', () => {
        clearTimeout(timer);
        resolve(client);
      });
      ws.once('unexpected-response', (_req, res: IncomingMessage) => {
        clearTimeout(timer);
        res.resume();
        reject(new Error(`WebSocket ${url} refused with HTTP ${res.statusCode}`));
      });
      ws.once('close', () => {
        clearTimeout(timer);
        reject(new Error(`WebSocket ${url} closed before opening`));
      });
    });
  }

  /** Connects and waits for `welcome`. */
  static async join(url: string, options: { protocols?: string[]; ws?: ClientOptions } = {}): Promise<TestClient> {
    const client = await TestClient.connect(url, options);
    await client.waitFor((f) => f.type === 'welcome', 'welcome');
    return client;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  get closedWith(): Closed | undefined {
    return this.#closedValue;
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  of<T extends ServerFrame['type']>(type: T): FrameOf<T>[] {
    return this.frames.filter((f): f is FrameOf<T> => f.type === type);
  }

  /** The messages received, in the order they came. */
  messages(): Message[] {
    return this.of('message').map((f) => f.message);
  }

  /** Resolves with the first frame (from index `from`) matching `match`; rejects at the deadline or if the socket closes first. */
  waitFor(match: (frame: ServerFrame) => boolean, what = 'frame', timeoutMs = 5000, from = 0): Promise<ServerFrame> {
    return this.until(() => this.frames.slice(from).find(match), what, timeoutMs);
  }

  /** Waits for a frame of `type` matching `match`. */
  async waitForType<T extends ServerFrame['type']>(type: T, match: (frame: FrameOf<T>) => boolean = () => true, timeoutMs = 5000): Promise<FrameOf<T>> {
    const frame = await this.waitFor((f) => f.type === type && match(f as FrameOf<T>), type, timeoutMs);
    return frame as FrameOf<T>;
  }

  /** Resolves once `check` returns a value, re-checked on every frame; rejects at the deadline or if the socket closes first. */
  until<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = (): boolean => {
        const value = check();
        if (value !== undefined && value !== false) {
          done();
          resolve(value);
          return true;
        }
        if (this.#closedValue !== undefined) {
          done();
          reject(new Error(`socket closed (${this.#closedValue.code} ${this.#closedValue.reason}) while waiting for ${what}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last frames: ${JSON.stringify(this.frames.slice(-3)).slice(0, 500)}`));
      }, timeoutMs);
      const waiter = (): void => void attempt();
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      if (!attempt()) this.#waiters.add(waiter);
    });
  }

  /** Resolves with the close, or rejects at the deadline. */
  closedWithin(timeoutMs = 5000): Promise<Closed> {
    return Promise.race([
      this.closed,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs).unref()),
    ]);
  }

  /** A round trip: proves the socket is open and every frame sent before was handled. */
  async roundTrip(timeoutMs = 5000): Promise<void> {
    const t = Math.random();
    this.send({ type: 'ping', t });
    await this.waitForType('pong', (f) => f.t === t, timeoutMs);
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

export interface Refusal {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly retryAfter: string | undefined;
  readonly body: unknown;
}

/** Attempts an upgrade that the server should refuse; resolves with the HTTP status and JSON body it answered with. */
export function expectRefusal(url: string, options: ClientOptions = {}, timeoutMs = 5000): Promise<Refusal> {
  const ws = new WebSocket(url, options);
  sockets.add(ws);
  ws.on('error', () => {
    // 'unexpected-response' is handled below; the abort that follows may report an error.
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to the upgrade of ${url} within ${timeoutMs} ms`)), timeoutMs);
    ws.once('open', () => {
      clearTimeout(timer);
      reject(new Error(`upgrade of ${url} was accepted; expected a refusal`));
    });
    ws.once('unexpected-response', (_req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], retryAfter: res.headers['retry-after'], body: JSON.parse(text) as unknown });
        } catch {
          reject(new Error(`refusal body is not JSON: ${text.slice(0, 200)}`));
        }
        ws.terminate();
      });
    });
  });
}
