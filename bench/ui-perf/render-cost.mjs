// Frame costs of the real chat screen (App → ChatScreen) with a given history, measured in this
// process through ink-testing-library: from the cause (a key, a message, a status sample) to the
// frame that shows it. No terminal and no network, so what is left is the UI's own work.
import { setTimeout as sleep, setImmediate as turn } from 'node:timers/promises';
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

/** The fake clients' clock starts here: history was written before, live messages come at it. */
const NOW = Date.UTC(2025, 0, 1, 12);

function message(id, user, text, room = 'lobby', at = NOW) {
  return { id, room, user, text, sentAt: at, serverAt: at };
}

/**
 * Renders the app with `rooms` rooms (`lobby`, or r0…r9) of `history` messages each and measures:
 * a keystroke, a new message, a status refresh and, when `pages` > 0, that many PageUps; with
 * several rooms also a message in a room out of sight (the header's count) and Alt+2…9 to another
 * room. Returns samples in ms per kind.
 */
export async function measureFrames(dist, history, { samples = 30, pages = 0, rooms = 1 } = {}) {
  const React = (await import('react')).default;
  const { render, cleanup } = await import('ink-testing-library');
  const { App } = await import(pathToFileURL(`${dist}/ui/components/App.js`).href);

  const names = rooms === 1 ? ['lobby'] : Array.from({ length: rooms }, (_, i) => `r${i}`);
  const clients = new Map();
  const app = render(
    React.createElement(App, {
      options: { server: 'http://127.0.0.1:4000', room: names[0], transport: 'ws', user: 'alice' },
      rooms: names,
      createClient: (options) => {
        const made = new FakeClient(options);
        clients.set(options.room, made);
        return made;
      },
      colour: false,
    }),
  );
  const client = clients.get(names[0]);
  Object.defineProperty(app.stdout, 'rows', { value: ROWS, configurable: true });
  Object.defineProperty(app.stdout, 'columns', { value: COLUMNS, configurable: true });
  app.stdout.emit('resize');
  await frameAfter(app.lastFrame, performance.now(), (f) => f.includes('● open'), 'the open status', 15_000);

  const users = ['bob', 'carol', 'dave'];
  for (const [room, each] of clients) {
    for (let id = 1; id <= history; id++) each.emit('message', message(id, users[id % 3], `message number ${id} of #${room}, long enough to look like chat`, room, NOW - 86_400_000 + id * 1000));
  }
  const newest = (room) => `message number ${history} of #${room},`;
  await frameAfter(app.lastFrame, performance.now(), (f) => f.includes(newest(names[0])), 'the last of the history', 60_000);
  // The rooms out of sight took theirs in the same turn; what that left for the collector is
  // collected in the pause a person takes before typing, not in the first frames measured.
  await sleep(2000);

  const result = { keystroke: [], message: [], status: [], pageUp: [], background: [], switch: [] };
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
    client.emit('message', message(id, 'bob', `fresh message ${id}`, names[0]));
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
  if (rooms > 1) {
    const other = clients.get(names[1]);
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      other.emit('message', message(history + 1 + i, 'bob', `elsewhere ${i}`, names[1]));
      result.background.push(await frameAfter(app.lastFrame, t0, (f) => f.split('\n')[0].includes(`#${names[1]} ${i + 1} `), 'the count in the header'));
      await turn();
    }
    // Alt+2…9, each to a room of its own history, then Alt+1 back to the first.
    for (let i = 0; i < samples; i++) {
      const index = i % 2 === 1 ? 0 : 1 + ((i / 2) % (Math.min(rooms, 9) - 1));
      const shown = index === 1 ? `elsewhere ${samples - 1}` : index === 0 ? `fresh message ${history + samples}` : newest(names[index]);
      const t0 = performance.now();
      app.stdin.write(`\u001b${index + 1}`);
      result.switch.push(await frameAfter(app.lastFrame, t0, (f) => f.includes(shown), `room ${names[index]}`));
      await turn();
    }
    app.stdin.write('\u001b1');
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
