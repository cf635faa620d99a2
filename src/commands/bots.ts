import { startFleet, type BotConnection, type BotFleet } from '../bots/fleet.js';
import type { ConnectionState, TransportChoice } from '../transports/types.js';
import { botsCommand } from './catalog.js';
import { readCommandLine, StartError, type Env } from './flags.js';

/** What `termchat bots` runs. */
export interface BotsPlan {
  readonly count: number;
  readonly transports: readonly TransportChoice[];
  readonly everyMs: number;
  readonly prefix: string;
  readonly connection: BotConnection;
}

/**
 * Resolves `termchat bots`' options: a flag wins, then the TERMCHAT_* variable join also reads
 * (server, room, interval, keepalive, token), then the default. Remembered join settings are not
 * used: bots go where they are told.
 */
export function resolveBotsOptions(args: readonly string[], env: Env): BotsPlan {
  const { count, transport, every, as, server, room, interval, keepalive, token } = readCommandLine(botsCommand, args, env).values;
  return {
    count,
    transports: transport,
    everyMs: every,
    prefix: as,
    connection: {
      server,
      room,
      ...(interval === undefined ? {} : { interval }),
      ...(keepalive === true ? { keepalive } : {}),
      ...(token === undefined ? {} : { token }),
    },
  };
}

/** How often the per-bot lines are printed while running. */
export const REPORT_EVERY_MS = 10_000;
/** After stopping, time for close frames to go out before the process is made to exit. */
const EXIT_GRACE_MS = 2000;

/** How the bots ended: a signal, or every client given up on by the server's answer. */
type Ending = { readonly kind: 'signal'; readonly signal: NodeJS.Signals } | { readonly kind: 'refused'; readonly reason: string };

/**
 * Runs `termchat bots` until SIGINT or SIGTERM: bots connect through the same client as the UI
 * and chat; one line per bot is printed every REPORT_EVERY_MS and once more on the way out.
 * Every client is closed (WebSocket 1000) before returning.
 */
export async function runBots(args: readonly string[], env: Env = process.env, print: (line: string) => void = console.log): Promise<void> {
  const plan = resolveBotsOptions(args, env);
  const started = Date.now();
  const fleet = startFleet(plan);
  print(`termchat bots: ${describePlan(plan, fleet)}; Ctrl+C stops`);
  const timer = setInterval(() => {
    print(`after ${elapsed(started)}:`);
    for (const line of fleet.report()) print(`  ${line}`);
  }, REPORT_EVERY_MS);

  const ending = await untilEnded(fleet);
  clearInterval(timer);
  fleet.stop();
  print(ending.kind === 'signal' ? `${ending.signal}: stopped after ${elapsed(started)}` : `stopped after ${elapsed(started)}: ${ending.reason}`);
  for (const line of fleet.report()) print(`  ${line}`);
  setTimeout(() => process.exit(process.exitCode ?? 0), EXIT_GRACE_MS).unref();
  if (ending.kind === 'refused') throw new StartError(`the server refused the bots: ${ending.reason}`);
}

function describePlan(plan: BotsPlan, fleet: BotFleet): string {
  const names = fleet.bots.map((bot) => bot.name);
  const shown = names.length <= 6 ? names.join(', ') : `${names.slice(0, 5).join(', ')}, … ${names.at(-1)}`;
  const bots = plan.count === 1 ? '1 bot' : `${plan.count} bots`;
  return `${bots} (${shown}) in room ${plan.connection.room} on ${plan.connection.server}, a line every ~${plan.everyMs} ms each`;
}

function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Resolves on SIGINT/SIGTERM, or once every bot's client was closed by the server's answer (a refused token). */
function untilEnded(fleet: BotFleet): Promise<Ending> {
  return new Promise((resolve) => {
    const refused = new Map<string, string>();
    const listeners = fleet.bots.map((bot) => {
      const onState = (next: ConnectionState): void => {
        if (next.status !== 'closed' || next.cause === 'client') return;
        refused.set(bot.name, next.reason);
        if (refused.size === fleet.bots.length) finish({ kind: 'refused', reason: next.reason });
      };
      bot.client.on('state', onState);
      return () => bot.client.off('state', onState);
    });
    const onSignal = (signal: NodeJS.Signals): void => finish({ kind: 'signal', signal });
    const finish = (ending: Ending): void => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      for (const stop of listeners) stop();
      resolve(ending);
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  });
}
