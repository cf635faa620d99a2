// Frame costs of the real chat screen (App → ChatScreen) with a given history, measured in this
// process through ink-testing-library: from the cause (a key, a message, a status sample) to the
// frame that shows it. No terminal and no network, so what is left is the UI's own work.
import { setImmediate as turn } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { FakeClient, stats } from './fake-client.mjs';
import { performance } from 'node:perf_hooks';

const COLUMNS = 100;
const ROWS = 30;
const PAGE_UP = '\u001b[5~';

/** Waits, a turn of the event loop at a time, until `check` holds; ms from `since`. */
async function frameAfter(lastFrame, since, check, what, timeoutMs = 5000) {
  for (;;) {
    const frame = lastFrame() ?? '';
    if (check(frame)) return performance.now() - since;
    if (performance.now() - since > timeoutMs) throw new Error(`no frame with ${what} within ${timeoutMs} ms; last frame:\n${frame}`);
    await turn();
  }
}

function message(id, user, text) {
  const at = Date.UTC(2025, 0, 1, 11) + id * 1000;
  return { id, room: 'lobby', user, text, sentAt: at, serverAt: at };
}

/**
 * Renders the app with `history` messages and measures: a keystroke, a new message, a status
 * refresh and, when `pages` > 0, that many PageUps. Returns samples in ms per kind.
 */
export async function measureFrames(dist, history, { samples = 30, pages = 0 } = {}) {
  const React = (await import('react')).default;
  const { render, cleanup } = await import('ink-testing-library');
  const { App } = await import(pathToFileURL(`${dist}/ui/components/App.js`).href);

  let client;
  const app = render(
    React.createElement(App, {
      options: { server: 'http://127.0.0.1:4000', room: 'lobby', transport: 'ws', user: 'alice' },
      createClient: (options) => (client = new FakeClient(options)),
      colour: false,
    }),
  );
  Object.defineProperty(app.stdout, 'rows', { value: ROWS, configurable: true });
  Object.defineProperty(app.stdout, 'columns', { value: COLUMNS, configurable: true });
  app.stdout.emit('resize');
  await frameAfter(app.lastFrame, performance.now(), (f) => f.includes('● open'), 'the open status', 15_000);

  const users = ['bob', 'carol', 'dave'];
  for (let id = 1; id <= history; id++) client.emit('message', message(id, users[id % 3], `message number ${id} of the history, long enough to look like chat`));
  await frameAfter(app.lastFrame, performance.now(), (f) => f.includes(`message number ${history} `), 'the last of the history', 30_000);

  const result = { keystroke: [], message: [], status: [], pageUp: [] };
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let typed = '';
  for (let i = 0; i < samples; i++) {
    const letter = letters[i % letters.length];
    typed += letter;
    const t0 = performance.now();
    app.stdin.write(letter);
    result.keystroke.push(await frameAfter(app.lastFrame, t0, (f) => f.includes(`alice › ${typed}`), 'the typed text'));
    await turn();
  }
  for (let i = 0; i < samples; i++) {
    const id = history + 1 + i;
    const t0 = performance.now();
    client.emit('message', message(id, 'bob', `fresh message ${id}`));
    result.message.push(await frameAfter(app.lastFrame, t0, (f) => f.includes(`fresh message ${id}`), 'the new message'));
    await turn();
  }
  for (let i = 0; i < samples; i++) {
    client.current = stats({ tcpConnections: 100 + i });
    const t0 = performance.now();
    client.options.clock.advance(250);
    result.status.push(await frameAfter(app.lastFrame, t0, (f) => f.includes(`tcp ${100 + i}`), 'the new status'));
    await turn();
  }
  let previous = app.lastFrame();
  for (let i = 0; i < pages; i++) {
    const t0 = performance.now();
    app.stdin.write(PAGE_UP);
    const ms = await frameAfter(app.lastFrame, t0, (f) => f !== previous, 'a scrolled page', 2000).catch(() => undefined);
    // At the top a PageUp changes nothing: the walk is over.
    if (ms === undefined) break;
    result.pageUp.push(ms);
    previous = app.lastFrame();
  }
  app.unmount();
  cleanup();
  return result;
}
