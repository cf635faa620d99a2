import { render } from 'ink';
import { createClient } from '../transports/index.js';
import type { ChatClient, ClientOptions } from '../transports/types.js';
import { App } from '../ui/components/App.js';
import { colourWanted } from '../ui/format/theme.js';
import type { RememberPatch } from '../ui/session-options.js';
import { resolveJoinOptions, type JoinFlags } from './join-options.js';
import { openSettings } from './settings.js';
import { UsageError } from './usage-error.js';

type Env = Readonly<Record<string, string | undefined>>;

// The alternate screen gives the chat the whole terminal and hands the shell's scrollback back on
// exit; bracketed paste lets a pasted newline be part of a message instead of sending it.
const ENTER_SCREEN = '\u001b[?1049h\u001b[?2004h';
const LEAVE_SCREEN = '\u001b[?2004l\u001b[?1049l';

/** After the UI ends, time for the WebSocket close (1000) to go out before the process is made to exit. */
const EXIT_GRACE_MS = 1000;

/** Runs `termchat join` until /quit or Ctrl+C, then closes every client it made. */
export async function runJoin(flags: JoinFlags, version: string, env: Env = process.env): Promise<void> {
  const settings = openSettings(env);
  // Flags are checked first, so a bad value is reported as such even without a terminal.
  const plan = resolveJoinOptions(flags, settings.read(), env);
  if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UsageError('termchat join needs an interactive terminal (stdin and stdout must be a TTY)');

  const clients = new Set<ChatClient>();
  const factory = (options: ClientOptions): ChatClient => {
    const client = createClient(options);
    clients.add(client);
    return client;
  };
  const remember = (patch: RememberPatch): void => {
    try {
      settings.remember(patch);
    } catch {
      // An unwritable settings file must not end the chat; the next run simply will not remember.
    }
  };
  remember(plan.remember);

  process.stdout.write(ENTER_SCREEN);
  const instance = render(<App options={plan.options} createClient={factory} colour={colourWanted(env)} onRemember={remember} version={version} />, { exitOnCtrlC: false });
  const stop = (): void => instance.unmount();
  process.once('SIGTERM', stop).once('SIGHUP', stop);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', stop).off('SIGHUP', stop);
    for (const client of clients) client.close();
    process.stdout.write(LEAVE_SCREEN);
  }
  setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
}
