import { startFleet, type BotFleet } from '../bots/fleet.js';
import { startServer, type RunningServer } from '../server/server.js';
import { TRANSPORT_KINDS } from '../protocol/index.js';
import type { RememberPatch, SessionOptions } from '../ui/session-options.js';
import { demoCommand } from './catalog.js';
import { runChatScreen } from './chat-screen.js';
import { readCommandLine, StartError, UsageError, type Env, type Values } from './flags.js';
import { openSettings, type StoredSettings } from './settings.js';

/** What the demo starts: the user's side and the bots'. */
export type DemoPlan = Values<typeof demoCommand.options>;

/** After the UI ends and everything is closed, time for the last frames to go out before exiting. */
const EXIT_GRACE_MS = 1000;
/** Bots say "typing" this long before a line, so the typing line has something to show. */
const BOT_TYPING_LEAD_MS = 1200;

/**
 * Resolves `termchat demo`'s options. The name may also come from TERMCHAT_USER or what join
 * remembered; nothing else is taken from join's settings or variables, since the demo's server is
 * its own (a TERMCHAT_TOKEN meant for the user's server would lock the demo's for no reason).
 */
export function resolveDemoOptions(args: readonly string[], stored: StoredSettings, env: Env): DemoPlan {
  return readCommandLine(demoCommand, args, env, stored).values;
}

/** The user's session options once the demo server listens at `server`. */
export function demoSession(plan: DemoPlan, server: string): SessionOptions {
  return {
    server,
    room: plan.room,
    transport: plan.transport,
    ...(plan.as === undefined ? {} : { user: plan.as }),
    ...(plan.interval === undefined ? {} : { interval: plan.interval }),
    ...(plan.keepalive === true ? { keepalive: true } : {}),
    ...(plan.token === undefined ? {} : { token: plan.token }),
  };
}

/**
 * Runs `termchat demo`: a server in this process on a free port (history in memory), a few bots
 * chatting on every transport, and the chat screen joined as the user. Quitting stops all three.
 */
export async function runDemo(args: readonly string[], version: string, env: Env = process.env): Promise<void> {
  const settings = openSettings(env);
  const plan = resolveDemoOptions(args, settings.read(), env);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError('termchat demo needs an interactive terminal (stdin and stdout must be a TTY); without one, try termchat serve and termchat bots');
  }

  const server = await startServer({ port: 0, host: '127.0.0.1', memory: true, statsIntervalSeconds: 0, log: () => {}, ...(plan.token === undefined ? {} : { token: plan.token }) }).catch(
    (error: unknown) => {
      throw new StartError(`cannot start the demo server: ${(error as Error).message}`);
    },
  );
  let fleet: BotFleet | undefined;
  try {
    fleet = startFleet({
      count: plan.count,
      transports: TRANSPORT_KINDS,
      everyMs: plan.every,
      typingLeadMs: BOT_TYPING_LEAD_MS,
      connection: { server: server.url, room: plan.room, ...(plan.token === undefined ? {} : { token: plan.token }) },
    });
    // Only a name typed at the prompt is kept: the demo's server, port and transport are not the user's own.
    const remember = (patch: RememberPatch): void => {
      // An unwritable settings file must not end the demo.
      if (patch.user !== undefined) settings.remember({ user: patch.user }).catch(() => undefined);
    };
    await runChatScreen({ options: demoSession(plan, server.url), version, env, remember, greeting: greeting(plan, server, fleet), net: plan.net ?? [] });
  } finally {
    fleet?.stop();
    await server.close();
  }
  console.log(`termchat demo: stopped the server on ${server.url} and ${plan.count === 1 ? 'its bot' : `its ${plan.count} bots`}.`);
  setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
}

/** The demo's first lines in the conversation: what is running and what to try. */
function greeting(plan: DemoPlan, server: RunningServer, fleet: BotFleet): string[] {
  const bots = fleet.bots.map((bot) => bot.name).join(', ');
  return [
    `demo: a server on ${server.url} (history in memory) and ${bots}, one line every ~${Math.round(plan.every / 1000)} s each.`,
    'Type to chat. Try /transport poll, then /transport ws, and watch req/s, waste and tcp in the status bar.',
    'Try /net delay 300, /net blackhole, /net cut and /net heal: your link to the server changes, the bots\' stays clean.',
    '/help lists the commands; Ctrl+C ends the demo, the server and the bots.',
  ];
}
