import type { TransportKind } from '../protocol/plain.js';

/** Which way bytes went: to the server, from it, or neither (a connection's end). */
export type WireDirection = 'out' | 'in' | 'none';

/** What an HTTP request is for, as the wire view names it. */
export type HttpPurpose = 'poll' | 'long poll' | 'send' | 'typing' | 'presence' | 'read' | 'reads' | 'events' | 'upgrade';

/** A WebSocket frame's opcode, as far as a chat tells them apart. */
export type FrameOpcode = 'text' | 'binary' | 'ping' | 'pong' | 'close';

/** What every wire event says. */
interface WireEventBase {
  /** Epoch ms, with a fraction, on the client's clock: when it happened (bytes arriving, a request going out). */
  readonly at: number;
  /** The transport whose connection it happened on. */
  readonly transport: TransportKind;
  /** The client's TCP connection, numbered from 1 in the order they were opened; 0 for a request that found none. */
  readonly conn: number;
  readonly dir: WireDirection;
  /** Bytes TCP carried for it: the same counts as the status bar's, so the events of a client add up to its totals. */
  readonly bytes: number;
  /** Of those, the chat's message text; the rest (`overhead`) is HTTP headers, WebSocket framing, SSE field names, JSON. */
  readonly payload: number;
  readonly overhead: number;
}

/** One thing that happened on the wire, as a browser's network and frames panels list them. */
export type WireEvent = WireEventBase &
  (
    | {
        /** A TCP connection opened; `ms` is its handshake, when known. */
        readonly kind: 'connect';
        readonly ms: number | undefined;
      }
    | {
        /** A TCP connection ended; its bytes are any not told in an event before. */
        readonly kind: 'close';
      }
    | {
        /** An HTTP request went out; a long poll says how long it asked the server to hold it. */
        readonly kind: 'request';
        readonly method: 'GET' | 'POST';
        readonly what: HttpPurpose;
        readonly waitMs?: number;
      }
    | {
        /**
         * An HTTP answer came (status), or none did (`failure`); `ms` from the request. A stream's
         * answer is its head: what follows comes as SSE events or WebSocket frames.
         */
        readonly kind: 'response';
        readonly what: HttpPurpose;
        readonly status: number | undefined;
        readonly ms: number;
        /** Messages it carried (a poll's page). */
        readonly messages?: number;
        readonly failure?: string;
      }
    | {
        /** A WebSocket frame; a text frame's `type` is the chat frame's (send, message, ack, ping…), a close's `code` its code. */
        readonly kind: 'frame';
        readonly opcode: FrameOpcode;
        readonly type?: string;
        readonly messages?: number;
        readonly code?: number;
        /** A pong's round trip. */
        readonly ms?: number;
      }
    | {
        /** What one chunk of an event stream brought: its events' types in order (`keep-alive` for a comment). */
        readonly kind: 'sse';
        readonly events: readonly string[];
        readonly messages: number;
      }
  );

/** A wire event without what every event says, as a transport describes it. */
export type WireDetail = Without<WireEvent, keyof WireEventBase>;

/** Omit over each member of a union, so that what is left is still a union. */
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Listens to a client's wire events. */
export type WireListener = (event: WireEvent) => void;
