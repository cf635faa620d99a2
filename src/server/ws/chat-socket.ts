import { WebSocket } from 'ws';

/** What a socket reports to the connection it serves. */
export interface SocketEvents {
  /** A data frame arrived. */
  received(data: Buffer, isBinary: boolean): void;
  /** The peer answered a ping. */
  answered(): void;
  /** The socket closed, whoever closed it. */
  closed(code: number, reason: string): void;
  /** The socket failed; ws closes it and reports that as `closed` too. */
  failed(error: Error): void;
}

/**
 * A ws WebSocket that knows the connection it serves. Its listeners are the functions below,
 * shared by every socket, as ws does with its own (`socketOnData`): an idle connection holds no
 * closures of its own for them.
 */
export class ChatSocket extends WebSocket {
  events: SocketEvents | undefined;

  /** Reports this socket's events to `events` from now on. */
  serve(events: SocketEvents): void {
    this.events = events;
    this.on('message', chatSocketOnMessage);
    this.on('pong', chatSocketOnPong);
    this.on('close', chatSocketOnClose);
    this.on('error', chatSocketOnError);
  }
}

/** The listeners are typed as ws's own (`this` a WebSocket); only ChatSockets register them. */
function eventsOf(ws: WebSocket): SocketEvents | undefined {
  return ws instanceof ChatSocket ? ws.events : undefined;
}

function chatSocketOnMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  eventsOf(this)?.received(data, isBinary);
}

function chatSocketOnPong(this: WebSocket): void {
  eventsOf(this)?.answered();
}

function chatSocketOnClose(this: WebSocket, code: number, reason: Buffer): void {
  eventsOf(this)?.closed(code, reason.toString());
}

function chatSocketOnError(this: WebSocket, error: Error): void {
  eventsOf(this)?.failed(error);
}
