import type { RememberPatch } from '../ui/session-options.js';
import { runChatScreen } from './join-screen.js';
import { resolveJoinOptions, type JoinFlags } from './join-options.js';
import { openSettings } from './settings.js';
import { UsageError } from './usage-error.js';

type Env = Readonly<Record<string, string | undefined>>;

/** After the UI ends, time for the WebSocket close (1000) to go out before the process is made to exit. */
const EXIT_GRACE_MS = 1000;

/** When the flags are written to the settings, after start. */
const REMEMBER_AFTER_MS = 1000;

/** Runs `termchat join` until /quit or Ctrl+C, then closes every client it made. */
export async function runJoin(flags: JoinFlags, version: string, env: Env = process.env): Promise<void> {
  const settings = openSettings(env);
  // Flags are checked first, so a bad value is reported as such even without a terminal.
  const plan = resolveJoinOptions(flags, settings.read(), env);
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError('termchat join needs an interactive terminal (stdin and stdout must be a TTY)');

  // The flags are remembered a moment after the chat is up rather than first: writing means
  // loading conf, which would otherwise delay connecting. Quitting sooner still writes them, and a
  // change made in the chat (/nick, /join) is written after them, never overwritten by them.
  // An unwritable settings file must not end the chat; the next run simply will not remember.
  let planWritten: Promise<void> | undefined;
  const writePlan = (): Promise<void> => (planWritten ??= settings.remember(plan.remember).catch(() => undefined));
  const remember = (patch: RememberPatch): void => void writePlan().then(() => settings.remember(patch).catch(() => undefined));
  const timer = setTimeout(writePlan, REMEMBER_AFTER_MS);
  try {
    await runChatScreen({ options: plan.options, version, env, remember });
  } finally {
    clearTimeout(timer);
    await writePlan();
  }
  setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
}
