import { execFile, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach } from 'vitest';

const run = promisify(execFile);

/** tmux's version ("tmux 3.3a"), or undefined when it is not installed. */
export function tmuxVersion(): string | undefined {
  const probe = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

const MISSING = 'tmux is needed for this test and is not installed; .ci/run installs it (apt-get install tmux)';

/** Whether tests in tmux run here: tmux is installed, or this is CI, where a missing tmux fails them instead of skipping them. */
export function tmuxTestsRun(): boolean {
  return tmuxVersion() !== undefined || process.env.CI === 'true';
}

/**
 * For a file of tests in tmux: kills each test's private tmux server after it, and returns what
 * starts one, which throws, saying how to install it, where tmux is missing.
 */
export function tmuxForEachTest(): () => Tmux {
  let current: Tmux | undefined;
  afterEach(async () => {
    await current?.kill();
    current = undefined;
  });
  return () => {
    if (tmuxVersion() === undefined) throw new Error(MISSING);
    current = createTmux();
    return current;
  };
}

/** Quotes a word for the shell tmux runs a session's command with. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** One pane of a private tmux server: a pseudo-terminal running a command. */
export interface TmuxSession {
  readonly name: string;
  /** The visible screen as text (no colours). */
  capture(): Promise<string>;
  /** Types `text` literally, as keystrokes. */
  type(text: string): Promise<void>;
  /** Presses keys by tmux name: Enter, C-c, PageUp… */
  press(...keys: string[]): Promise<void>;
  /**
   * Polls the screen every `everyMs` until `check` accepts it; resolves with that screen. Rejects
   * after `timeoutMs` with the last screen in the message, so a failure shows what was there.
   */
  waitFor(check: (screen: string) => boolean, timeoutMs: number, what: string, everyMs?: number): Promise<string>;
  /** From now on appends every byte the program writes to the terminal, escapes included, to `path`. */
  record(path: string): Promise<void>;
  /** The pane's title, which a program sets with an escape (OSC 0 or 2). */
  title(): Promise<string>;
  /** Resizes the window, as a person dragging the terminal's edge would. */
  resize(width: number, height: number): Promise<void>;
}

/** A tmux server of its own (`-L` a unique name, no user config), so tests never touch anyone's tmux. */
export interface Tmux {
  readonly socket: string;
  /** Starts `command` (run by sh) in a new detached session of `width`×`height`; the pane stays after the command ends, to be read. */
  start(name: string, command: string, size?: { readonly width: number; readonly height: number }): Promise<TmuxSession>;
  /** Kills the tmux server and every process in it, and removes its socket. Safe to call twice. */
  kill(): Promise<void>;
}

export function createTmux(): Tmux {
  const socket = `termchat-test-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  let socketPath: string | undefined;
  const tmux = async (...args: string[]): Promise<string> => (await run('tmux', ['-f', '/dev/null', '-L', socket, ...args], { encoding: 'utf8', timeout: 10_000 })).stdout;

  const session = (name: string): TmuxSession => ({
    name,
    capture: () => tmux('capture-pane', '-p', '-t', name),
    type: async (text) => void (await tmux('send-keys', '-t', name, '-l', text)),
    press: async (...keys) => void (await tmux('send-keys', '-t', name, ...keys)),
    waitFor: async (check, timeoutMs, what, everyMs = 50) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const screen = await tmux('capture-pane', '-p', '-t', name);
        if (check(screen)) return screen;
        if (Date.now() > deadline) throw new Error(`${name}: no ${what} within ${timeoutMs} ms; the screen was:\n${screen}`);
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    },
    record: async (path) => void (await tmux('pipe-pane', '-o', '-t', name, `cat >> ${shellQuote(path)}`)),
    title: async () => (await tmux('display-message', '-p', '-t', name, '#{pane_title}')).trim(),
    resize: async (width, height) => void (await tmux('resize-window', '-t', name, '-x', String(width), '-y', String(height))),
  });

  return {
    socket,
    start: async (name, command, size = { width: 100, height: 30 }) => {
      await tmux('new-session', '-d', '-s', name, '-x', String(size.width), '-y', String(size.height), command, ';', 'set-option', '-w', '-t', name, 'remain-on-exit', 'on');
      socketPath ??= (await tmux('display-message', '-p', '-t', name, '#{socket_path}')).trim();
      return session(name);
    },
    kill: async () => {
      await tmux('kill-server').catch(() => undefined);
      // tmux leaves its socket file behind.
      if (socketPath !== undefined) rmSync(socketPath, { force: true });
    },
  };
}
