// A synchronous tmux driver for timing: each call is one short tmux client run (~2–5 ms). Each
// poll of the screen costs a process and a redraw of the pane, CPU taken from the program being
// measured on a two-core machine; waitScreen's `gapMs` trades resolution against that.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
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
