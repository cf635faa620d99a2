import type { ClientOptions, TransportChoice } from '../transports/types.js';

/** Client options before a name is known: the UI asks for it when `user` is missing. */
export type SessionOptions = Omit<ClientOptions, 'user'> & { readonly user?: string | undefined };

/** Settings the UI changes and wants remembered for the next `termchat join`. */
export interface RememberPatch {
  readonly user?: string;
  /** Remembered only once a connection to it opened: a server that never answered is no default. */
  readonly server?: string;
  readonly room?: string;
  /** Every room open, in order, to open again next time. */
  readonly rooms?: readonly string[];
  readonly transport?: TransportChoice;
}

/** Rooms a chat opens at most at once: each is a client of its own, a connection or a poller on the server and here. */
export const MAX_OPEN_ROOMS = 20;
