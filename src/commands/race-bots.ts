import type { Bot } from '../bots/bot.js';
import { startFleet, type BotConnection } from '../bots/fleet.js';
import { TRANSPORT_KINDS } from '../protocol/index.js';
import type { ChatClient } from '../transports/types.js';
import type { BotsLever } from '../ui/race/levers.js';

/** A race bot's line every this many ms, on average: `termchat bots`' default pace. */
export const RACE_BOT_EVERY_MS = 3000;

/** The race's bots, and the way to stop them all. */
export interface RaceBots extends BotsLever {
  stopAll(): void;
}

/**
 * Bots chatting in the race's room, one per transport in turn (bot-ws-1, bot-sse-1, …). `set`
 * starts more, named on from the last, or stops the newest; `watch` is told of each bot's client
 * (the race counts what they send) and returns what stops watching it.
 */
export function raceBots(connection: BotConnection, max: number, watch: (client: ChatClient) => () => void, everyMs = RACE_BOT_EVERY_MS): RaceBots {
  const running: { readonly bot: Bot; readonly unwatch: () => void }[] = [];
  const stop = (one: (typeof running)[number]): void => {
    one.unwatch();
    one.bot.stop();
  };
  return {
    max,
    get count() {
      return running.length;
    },
    set: (count) => {
      const wanted = Math.max(0, Math.min(max, count));
      while (running.length > wanted) stop(running.pop()!);
      if (running.length === wanted) return;
      const fleet = startFleet({ count: wanted - running.length, first: running.length, transports: TRANSPORT_KINDS, everyMs, connection });
      for (const bot of fleet.bots) running.push({ bot, unwatch: watch(bot.client) });
    },
    stopAll: () => {
      while (running.length > 0) stop(running.pop()!);
    },
  };
}
