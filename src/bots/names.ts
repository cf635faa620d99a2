import type { TransportChoice } from '../transports/types.js';

/** The name bots get unless told otherwise: bot-ws-1, bot-poll-2, … */
export const DEFAULT_BOT_PREFIX = 'bot';

/** One bot to start: its name and the transport it connects with. */
export interface BotPlan {
  readonly name: string;
  readonly transport: TransportChoice;
}

/**
 * `count` bots taking the transports in turn, each named after its transport and numbered within
 * it, so a name says how the bot connects: ws, sse, ws → bot-ws-1, bot-sse-1, bot-ws-2.
 */
export function planBots(count: number, transports: readonly TransportChoice[], prefix = DEFAULT_BOT_PREFIX): BotPlan[] {
  if (transports.length === 0) throw new RangeError('planBots needs at least one transport');
  const seen = new Map<TransportChoice, number>();
  const plans: BotPlan[] = [];
  for (let i = 0; i < count; i++) {
    const transport = transports[i % transports.length]!;
    const n = (seen.get(transport) ?? 0) + 1;
    seen.set(transport, n);
    plans.push({ name: `${prefix}-${transport}-${n}`, transport });
  }
  return plans;
}
