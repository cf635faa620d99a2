import type { RememberPatch, SessionOptions } from '../ui/session-options.js';
import { joinCommand } from './catalog.js';
import { runChatScreen } from './chat-screen.js';
import { readCommandLine, UsageError, type Env } from './flags.js';
import { openSettings, type Remembered, type StoredSettings } from './settings.js';
import type { NetPlan } from './values.js';
import { checkWireLogPath, openWireLog } from './wire-log.js';

/** What to connect with, and which of it came from flags and should be remembered. */
export interface JoinPlan {
  readonly options: SessionOptions;
  /** Every room to open, in order, `options.room` among them: --rooms, else those open last time. */
  readonly rooms: readonly string[];
  /** Raise desktop notifications for mentions too (--notify). */
  readonly notify: boolean;
  /** Remembered once the chat is up. */
  readonly remember: Remembered;
  /** The server came from --server: remember it once a connection to it opens (the chat says when). */
  readonly rememberServer: boolean;
  /** The network to start in; never remembered: a condition is for one session. */
  readonly net: NetPlan;
  /** --wire-log: where every network event goes, as NDJSON. */
  readonly wireLog: string | undefined;
}

/** After the UI ends, time for the WebSocket close (1000) to go out before the process is made to exit. */
const EXIT_GRACE_MS = 1000;

/** When the flags are written to the settings, after start. */
const REMEMBER_AFTER_MS = 1000;

/**
 * Resolves join options: a flag wins, then its TERMCHAT_* variable, then the remembered setting,
 * then the default. A bad flag or variable throws a UsageError naming what is allowed; a name
 * that is missing everywhere is not an error (the UI asks for it).
 */
export function resolveJoinOptions(args: readonly string[], stored: StoredSettings, env: Env): JoinPlan {
  const { values, fromFlags } = readCommandLine(joinCommand, args, env, stored);
  const { as: user, server, transport, room, rooms, notify, noReceipts, interval, keepalive, token, net, wireLog } = values;
  return {
    rooms: rooms === undefined || rooms.includes(room) ? (rooms ?? [room]) : [...rooms, room],
    notify: notify === true,
    wireLog,
    options: {
      server,
      room,
      transport,
      ...(user === undefined ? {} : { user }),
      ...(interval === undefined ? {} : { interval }),
      ...(keepalive === true ? { keepalive } : {}),
      ...(token === undefined ? {} : { token }),
      ...(noReceipts === true ? { receipts: false } : {}),
    },
    // What the command line said is kept for next time; a variable is the environment's, not a choice to keep.
    // The server waits for a connection to it to open: one that never answers is no default.
    remember: {
      ...(fromFlags.has('as') ? { user } : {}),
      ...(fromFlags.has('transport') ? { transport } : {}),
      ...(fromFlags.has('room') ? { room } : {}),
      ...(fromFlags.has('rooms') && rooms !== undefined ? { rooms: rooms.join(',') } : {}),
    },
    rememberServer: fromFlags.has('server'),
    net: net ?? [],
  };
}

/** Runs `termchat join` until /quit or Ctrl+C, then closes every client it made. */
export async function runJoin(args: readonly string[], version: string, env: Env = process.env): Promise<void> {
  const settings = openSettings(env);
  // Flags are checked first, so a bad value is reported as such even without a terminal.
  const plan = resolveJoinOptions(args, settings.read(), env);
  if (plan.wireLog !== undefined) checkWireLogPath(plan.wireLog);
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError('termchat join needs an interactive terminal (stdin and stdout must be a TTY)');
  const wireLog = plan.wireLog === undefined ? undefined : openWireLog(plan.wireLog);

  // The flags are remembered a moment after the chat is up rather than first: writing means
  // loading conf, which would otherwise delay connecting. Quitting sooner still writes them, and a
  // change made in the chat (/nick, /join) is written after them, never overwritten by them.
  // An unwritable settings file must not end the chat; the next run simply will not remember.
  let planWritten: Promise<void> | undefined;
  const writePlan = (): Promise<void> => (planWritten ??= settings.remember(plan.remember).catch(() => undefined));
  const remember = ({ server, rooms, ...rest }: RememberPatch): void => {
    const patch: Remembered = { ...rest, ...(server !== undefined && plan.rememberServer ? { server } : {}), ...(rooms === undefined ? {} : { rooms: rooms.join(',') }) };
    if (Object.keys(patch).length > 0) void writePlan().then(() => settings.remember(patch).catch(() => undefined));
  };
  const timer = setTimeout(writePlan, REMEMBER_AFTER_MS);
  try {
    await runChatScreen({ options: plan.options, rooms: plan.rooms, notify: plan.notify, version, env, remember, net: plan.net, wireLog });
  } finally {
    clearTimeout(timer);
    await Promise.all([writePlan(), wireLog?.close()]);
  }
  setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
}
