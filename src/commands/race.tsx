import { render } from 'ink';
import { createClient, realClock } from '../transports/index.js';
import type { ChatClient, ClientOptions } from '../transports/types.js';
import { RaceApp } from '../ui/components/race/RaceApp.js';
import { colourWanted } from '../ui/format/theme.js';
import { laneTransport, laneUser, RACE_SENDER, type RaceLane } from '../ui/race/lanes.js';
import type { ServerLever } from '../ui/race/levers.js';
import { Race } from '../ui/race/race.js';
import { raceCommand } from './catalog.js';
import { readCommandLine, StartError, UsageError, type Env, type Values } from './flags.js';
import { onAlternateScreen } from './full-screen.js';
import { raceBots } from './race-bots.js';
import { otherServer, startOwnServer, type OwnServer } from './race-server.js';
import { MAX_RACE_BOTS } from './values.js';
import { checkWireLogPath, openWireLog } from './wire-log.js';
import { openChatNet, type ChatNet } from './chat-net.js';

export type RacePlan = Values<typeof raceCommand.options>;

/** Ink's cap on frames: high enough that its throttle never holds a keystroke back behind one of the race's own frames. */
const RACE_MAX_FPS = 120;

/** After the screen ends and everything is closed, time for the last frames to go out before exiting. */
const EXIT_GRACE_MS = 1000;

/** Resolves `termchat race`'s options: flags only, and the defaults; the race chooses its own server unless told. */
export function resolveRaceOptions(args: readonly string[], env: Env): RacePlan {
  return readCommandLine(raceCommand, args, env).values;
}

/**
 * The clients of a race on `server`: one per lane, made by `laneClient` (through the race's relay),
 * and the sender, which connects directly, so that /net shapes what each lane receives, not what
 * is sent. Not connected yet.
 */
export function raceClients(
  plan: Pick<RacePlan, 'room' | 'transports' | 'interval' | 'token'>,
  server: string,
  laneClient: (options: ClientOptions) => ChatClient = createClient,
): { lanes: { lane: RaceLane; client: ChatClient }[]; sender: ChatClient } {
  const connection = { server, room: plan.room, ...(plan.interval === undefined ? {} : { interval: plan.interval }), ...(plan.token === undefined ? {} : { token: plan.token }) };
  return {
    lanes: plan.transports.map((lane) => ({ lane, client: laneClient({ ...connection, user: laneUser(lane), ...laneTransport(lane) }) })),
    sender: createClient({ ...connection, user: RACE_SENDER, transport: 'auto' }),
  };
}

/**
 * Runs `termchat race` until /quit, Ctrl+C, SIGTERM or SIGHUP: its own server unless --server
 * names one, a client per lane and a sender in one room, the bots, and the race screen. Everything
 * it started is stopped on the way out.
 */
export async function runRace(args: readonly string[], env: Env = process.env): Promise<void> {
  const plan = resolveRaceOptions(args, env);
  if (plan.wireLog !== undefined) checkWireLogPath(plan.wireLog);
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError('termchat race needs an interactive terminal (stdin and stdout must be a TTY)');

  let own: OwnServer | undefined;
  if (plan.server === undefined) {
    own = await startOwnServer(plan.token).catch((error: unknown) => {
      throw new StartError(`cannot start the race's server: ${(error as Error).message}`);
    });
  }
  const server: ServerLever = own ?? otherServer(plan.server!);
  let net: ChatNet;
  try {
    net = await openChatNet(server.url, plan.net ?? []);
  } catch (error) {
    await own?.close();
    throw error;
  }
  const wireLog = plan.wireLog === undefined ? undefined : openWireLog(plan.wireLog);
  const { lanes, sender } = raceClients(plan, server.url, net.createClient);
  const race = new Race({ lanes, sender, clock: realClock });
  for (const { lane, client } of lanes) wireLog?.watch(client, laneUser(lane));
  const connection = { server: server.url, room: plan.room, ...(plan.interval === undefined ? {} : { interval: plan.interval }), ...(plan.token === undefined ? {} : { token: plan.token }) };
  const bots = raceBots(connection, MAX_RACE_BOTS, (client) => race.watchSender(client));
  const clients = [sender, ...lanes.map(({ client }) => client)];
  try {
    for (const client of clients) client.connect();
    bots.set(plan.bots);
    await onAlternateScreen(async () => {
      // The race limits its own redraws (at most ten a second); Ink's throttle, on top, would hold a
      // keystroke's frame back for up to 33 ms after each of them.
      const instance = render(<RaceApp race={race} room={plan.room} server={server} bots={bots} net={net.lever} clock={realClock} colour={colourWanted(env)} />, {
        exitOnCtrlC: false,
        maxFps: RACE_MAX_FPS,
      });
      const stop = (): void => instance.unmount();
      process.once('SIGTERM', stop).once('SIGHUP', stop);
      try {
        await instance.waitUntilExit();
      } finally {
        process.off('SIGTERM', stop).off('SIGHUP', stop);
      }
    });
  } finally {
    bots.stopAll();
    for (const client of clients) client.close();
    race.dispose();
    await wireLog?.close();
    // After the lanes' closes (WebSocket 1000) went through it.
    await net.close();
    await own?.close();
  }
  console.log(own === undefined ? `termchat race: left ${server.url}.` : `termchat race: stopped its server on ${server.url}.`);
  setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
}
