import { createClient as createRealClient, realClock } from '../transports/index.js';
import type { ChatClient, ClientOptions, Clock, TransportChoice } from '../transports/types.js';
import { Bot } from './bot.js';
import { linesFor } from './lines.js';
import { planBots } from './names.js';
import { createScript } from './script.js';
import { formatBotReport } from './summary.js';

/** How the bots reach the server: everything of ClientOptions but who they are and how they connect. */
export type BotConnection = Omit<ClientOptions, 'user' | 'transport' | 'clock' | 'random'>;

export interface FleetOptions {
  readonly count: number;
  /** Taken in turn: ws,poll with count 3 gives bot-ws-1, bot-poll-1, bot-ws-2. */
  readonly transports: readonly TransportChoice[];
  /** Mean time between two lines of one bot, ms. */
  readonly everyMs: number;
  readonly connection: BotConnection;
  /** Names are `${prefix}-${transport}-${n}`. */
  readonly prefix?: string;
  /** Bots started before these, of the same transports and prefix: names and turns go on from there (default 0). */
  readonly first?: number;
  /** Say "typing" this long before each line; 0 (the default) never does. */
  readonly typingLeadMs?: number;
  /**
   * Read each message as it comes, telling the server (read receipts), as a person reading along
   * would; off by default, when the bots' clients neither tell nor ask for read positions.
   */
  readonly readAlong?: boolean;
  /** Seams for tests; by default the real transports, process clock and Math.random. */
  readonly createClient?: (options: ClientOptions) => ChatClient;
  /** Schedules the bots' lines only; the clients keep their own real clock. */
  readonly clock?: Clock;
  readonly random?: () => number;
}

/** Started bots and the way to stop them. */
export interface BotFleet {
  readonly bots: readonly Bot[];
  /** One line per bot, names padded so the lines align. */
  report(): string[];
  /** Stops every bot and closes its client (WebSocket close 1000). */
  stop(): void;
}

/** Creates `count` bots, each with its own client from transports' createClient, and starts them. */
export function startFleet(options: FleetOptions): BotFleet {
  const make = options.createClient ?? createRealClient;
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const first = options.first ?? 0;
  const bots = planBots(first + options.count, options.transports, options.prefix)
    .slice(first)
    .map(
      (plan) =>
        new Bot({
          name: plan.name,
          client: make({ ...options.connection, user: plan.name, transport: plan.transport, receipts: options.readAlong === true }),
          script: createScript(linesFor(plan.transport), random),
          everyMs: options.everyMs,
          clock,
          random,
          typingLeadMs: options.typingLeadMs ?? 0,
          readAlong: options.readAlong === true,
        }),
    );
  for (const bot of bots) bot.start();
  const width = Math.max(0, ...bots.map((bot) => bot.name.length));
  return {
    bots,
    report: () =>
      bots.map((bot) =>
        formatBotReport({ name: bot.name, choice: bot.client.options.transport, state: bot.client.state, stats: bot.client.stats(), counts: bot.counts }, width),
      ),
    stop: () => {
      for (const bot of bots) bot.stop();
    },
  };
}
