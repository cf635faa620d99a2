import { startRelay, type Relay } from '../relay/index.js';
import { createClient } from '../transports/index.js';
import type { ChatClient, ClientOptions, DialTarget } from '../transports/types.js';
import { unavailableLever, type NetLever } from '../ui/net-lever.js';
import { StartError } from './flags.js';
import { relayLever } from './relay-lever.js';
import type { NetPlan } from './values.js';

/** What /net says in a chat started with --net off. */
export const DIRECT_WHY = 'this chat connects to the server directly (--net off), so there is no relay to change; start it without --net off to use /net';

/**
 * The network between a chat and its servers: a fault relay on loopback in front of each server
 * the chat may use, the lever that moves them all, and the client maker that routes through them.
 */
export interface ChatNet {
  readonly lever: NetLever;
  /** A client whose every TCP connection goes through the relay in front of its server; the server it names stays the real one. */
  readonly createClient: (options: ClientOptions) => ChatClient;
  /** Closes the relays: every socket through them, and their ports. */
  close(): Promise<void>;
}

/** The origin a client keys its servers by (ws:// taken as http://), for each of a comma-separated list. */
function originsOf(servers: string): string[] {
  const origins = servers
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => new URL(part.replace(/^ws/i, 'http')).origin);
  return [...new Set(origins)];
}

/**
 * Starts the chat's network for `servers` (one, or several instances comma-separated: a relay
 * each, moved together) in the condition `plan` asks for, or, for `off`, none: clients then
 * connect directly and the lever says why it cannot move. The relays are made before the first
 * client, so even the first connection goes through them, and /net works from the start.
 */
export async function openChatNet(servers: string, plan: NetPlan): Promise<ChatNet> {
  if (plan === 'off') return { lever: unavailableLever(DIRECT_WHY), createClient, close: async () => {} };
  const relays: Relay[] = [];
  const dials = new Map<string, DialTarget>();
  const close = async (): Promise<void> => void (await Promise.all(relays.map((relay) => relay.close())));
  try {
    for (const origin of originsOf(servers)) {
      const relay = await startRelay({ to: origin, net: plan });
      relays.push(relay);
      dials.set(origin, { host: new URL(relay.url).hostname, port: relay.port });
    }
  } catch (error) {
    await close();
    throw new StartError(`cannot start the network relay: ${(error as Error).message}`);
  }
  const dial = (origin: string): DialTarget | undefined => dials.get(origin);
  return { lever: relayLever(relays), createClient: (options) => createClient({ ...options, dial }), close };
}
