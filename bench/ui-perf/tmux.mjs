// A synchronous tmux driver for timing: each call is one short tmux client run (~2–5 ms). Each
// poll of the screen costs a process and a redraw of the pane, CPU taken from the program being
// measured on a two-core machine; waitScreen's `gapMs` trades resolution against that.
import { Buffer } from 'node:buffer';
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** A tmux server of our own (-L NAME, no user config) with one session running `command`. */
export function startSession(command, { width = 100, height = 30 } = {}) {
  const socket = `termchat-perf-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const tmux = (...args) => execFileSync('tmux', ['-f', '/dev/null', '-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  tmux('new-session', '-d', '-s', 'main', '-x', String(width), '-y', String(height), command);
  const socketPath = tmux('display-message', '-p', '-t', 'main', '#{socket_path}').trim();
  return {
    pid: () => Number(tmux('list-panes', '-t', 'main', '-F', '#{pane_pid}').trim()),
    capture: () => tmux('capture-pane', '-p', '-t', 'main'),
    /** Types `text` literally. */
    type: (text) => tmux('send-keys', '-t', 'main', '-l', text),
    keys: (...names) => tmux('send-keys', '-t', 'main', ...names),
    /**
     * A keyboard that is already attached: a tmux control-mode client (`-C`), told each key on its
     * standard input, so that a key reaches the pane without a tmux process started for it (6–13 ms
     * here), as a terminal's key reaches its program. It asks for no output of the pane, and has no
     * size of its own, so the window keeps the session's. `close()` detaches it.
     */
    keyboard: () => {
      const client = spawn('tmux', ['-f', '/dev/null', '-L', socket, '-C', 'attach-session', '-t', 'main'], { stdio: ['pipe', 'pipe', 'ignore'] });
      client.stdout.resume();
      client.stdin.write('refresh-client -f no-output\n');
      const quote = (text) => `'${text.replace(/'/g, `'\\''`)}'`;
      return {
        /** Types `text` literally; returns once the command is handed to the client's pipe. */
        type: (text) => void client.stdin.write(`send-keys -t main -l ${quote(text)}\n`),
        close: () => {
          client.stdin.end('detach-client\n');
          client.kill();
        },
      };
    },
    /** From now on appends every byte the program writes to the terminal to `path`. */
    record: (path) => tmux('pipe-pane', '-o', '-t', 'main', `cat >> '${path.replace(/'/g, `'\\''`)}'`),
    stopRecording: () => tmux('pipe-pane', '-t', 'main'),
    kill: () => {
      try {
        tmux('kill-server');
      } catch {
        // Already gone.
      }
      rmSync(socketPath, { force: true });
    },
  };
}

const gap = new Int32Array(new SharedArrayBuffer(4));

/**
 * Polls the screen until `check(screen)` holds, `gapMs` apart; returns ms waited, throwing after
 * `timeoutMs`. The figure is late by up to one gap plus one capture.
 */
export function waitScreen(session, check, timeoutMs, what, gapMs = 2) {
  const start = performance.now();
  for (;;) {
    const screen = session.capture();
    if (check(screen)) return performance.now() - start;
    if (performance.now() - start > timeoutMs) throw new Error(`no ${what} within ${timeoutMs} ms; screen:\n${screen}`);
    Atomics.wait(gap, 0, 0, gapMs);
  }
}

// Ink opens every frame it draws on a terminal with "begin synchronized update" and closes it with
// "end synchronized update"; a terminal shows the frame at the close.
const FRAME_END = '\u001b[?2026l';
// eslint-disable-next-line no-control-regex -- terminal control sequences, taken out for the check
const CONTROL = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)|[()][0-9A-Za-z]|[=>78])/g;

/**
 * What the program in `session` writes to its terminal, as tmux hands it on (pipe-pane) to a
 * `cat` appending to `path`: no capture-pane, no redraw of the pane. `mark()` forgets what was
 * written so far; `waitWritten(check)` then polls the file, `gapMs` apart (a read of a few bytes,
 * some microseconds), until the text of the frames written since, completed by their end of
 * synchronized update and with control sequences taken out, passes `check`; it returns ms from
 * `since`. The figure is late by up to one gap, and by tmux's reading of the pane and its pipe to
 * `cat` (the same read with which tmux updates its screen).
 */
export function paneOutput(session, path) {
  writeFileSync(path, '');
  session.record(path);
  const fd = openSync(path, 'r');
  const chunk = Buffer.alloc(1 << 16);
  let position = 0;
  let pending = [];
  return {
    mark() {
      position = fstatSync(fd).size;
      pending = [];
    },
    waitWritten(check, since, timeoutMs, what, gapMs = 1) {
      for (;;) {
        let read;
        while ((read = readSync(fd, chunk, 0, chunk.length, position)) > 0) {
          pending.push(Buffer.from(chunk.subarray(0, read)));
          position += read;
        }
        const now = performance.now();
        const written = Buffer.concat(pending).toString('utf8');
        const end = written.lastIndexOf(FRAME_END);
        // Without synchronized updates (not a TTY to Ink), whatever was written counts.
        const complete = end === -1 ? (written.includes('\u001b[?2026h') ? '' : written) : written.slice(0, end);
        if (check(complete.replace(CONTROL, ''))) return now - since;
        if (now - since > timeoutMs) throw new Error(`no ${what} written within ${timeoutMs} ms; written:\n${JSON.stringify(written.slice(-2000))}`);
        Atomics.wait(gap, 0, 0, gapMs);
      }
    },
    close() {
      session.stopRecording();
      closeSync(fd);
    },
  };
}
