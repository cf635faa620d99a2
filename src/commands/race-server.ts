import { defaultServerOptions, type ServerOptions } from '../server/base/options.js';
import { startServer, type RunningServer } from '../server/server.js';
import { storeLimits } from '../server/store/limits.js';
import { MemoryStore } from '../server/store/memory-store.js';
import type { ServerLever } from '../ui/race/levers.js';

/** The race's own server: started, stopped and started again on one port and one history. */
export interface OwnServer extends ServerLever {
  /** Stops it for good and lets its history go. */
  close(): Promise<void>;
}

/**
 * A server in this process on a free port, history in memory, for termchat race. It keeps one
 * history across a stop and a start, so that the columns' resume points stay good and each can
 * show it lost nothing. Limits fit one machine racing itself: no bound on the names of one
 * address (the lanes, the sender and up to 50 bots are all from 127.0.0.1) nor on its send rate.
 */
export async function startOwnServer(token: string | undefined): Promise<OwnServer> {
  const options: Partial<ServerOptions> = {
    port: 0,
    host: '127.0.0.1',
    memory: true,
    statsIntervalSeconds: 0,
    namesPerAddress: 0,
    addressRate: undefined,
    log: () => {},
    ...(token === undefined ? {} : { token }),
  };
  const store = new MemoryStore(storeLimits({ ...defaultServerOptions, ...options }));
  let running: RunningServer | undefined = await startServer(options, { store });
  const { port, url } = running;
  return {
    url,
    own: true,
    get running() {
      return running !== undefined;
    },
    stop: async () => {
      const stopping = running;
      running = undefined;
      await stopping?.close();
    },
    start: async () => {
      if (running !== undefined) return;
      running = await startServer({ ...options, port }, { store });
    },
    close: async () => {
      const stopping = running;
      running = undefined;
      await stopping?.close();
      await store.close();
    },
  };
}

/** Someone else's server: the race talks to it and leaves its running to them. */
export function otherServer(url: string): ServerLever {
  const refuse = (): Promise<void> => Promise.reject(new Error(`the server at ${url} is not the race's`));
  return { url, own: false, running: true, stop: refuse, start: refuse };
}
