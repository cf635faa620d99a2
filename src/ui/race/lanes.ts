import type { TransportKind } from '../../protocol/plain.js';

/**
 * The ways of doing real time termchat race compares: the four transports, and short polling once
 * more on kept-alive connections, which shows what a new TCP connection per poll costs.
 */
export const RACE_LANES = ['ws', 'sse', 'longpoll', 'poll', 'poll-keepalive'] as const;

export type RaceLane = (typeof RACE_LANES)[number];

/** How a lane's client connects. */
export function laneTransport(lane: RaceLane): { readonly transport: TransportKind; readonly keepalive: boolean } {
  return lane === 'poll-keepalive' ? { transport: 'poll', keepalive: true } : { transport: lane, keepalive: false };
}

/** The name a lane's client chats under: race-ws, race-poll-keepalive… */
export function laneUser(lane: RaceLane): string {
  return `race-${lane}`;
}

/** The name of the one client that sends what is typed, once, for every lane to receive. */
export const RACE_SENDER = 'race';
