// Frame costs of the real race screen (RaceApp) with every column full, measured in this process
// through ink-testing-library: from the cause (messages landing, a key) to the frame that shows it.
import { setImmediate as turn } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { FakeClient, ManualClock, stats } from './fake-client.mjs';

const COLUMNS = 120;
const ROWS = Number(process.env.ROWS ?? 36);
const LANES = ['ws', 'sse', 'longpoll', 'poll', 'poll-keepalive'];

/** CPU this process spent since `from` (a process.cpuUsage()), ms. */
const cpuSince = (from) => {
  const { user, system } = process.cpuUsage(from);
  return (user + system) / 1000;
};

async function frameAfter(lastFrame, since, check, what, timeoutMs = 5000) {
  for (;;) {
    // eslint-disable-next-line no-control-regex -- colour codes, taken out for the check
    const frame = (lastFrame() ?? '').replace(/\u001b\[[0-9;]*m/g, '');
    if (check(frame)) return performance.now() - since;
    if (performance.now() - since > timeoutMs) throw new Error(`no frame with ${what} within ${timeoutMs} ms; last frame:\n${frame}`);
    await turn();
  }
}

const lever = { unavailable: undefined, condition: { mode: 'flowing', shaping: { delayMs: 0, jitterMs: 0, rateBitsPerSecond: undefined } }, now: () => 0, apply: () => ({ ok: false, reason: 'bench' }), subscribe: () => () => {} };

/** Renders the race with every column's messages full, then times message frames and keystroke frames. */
export async function measureRaceFrames(dist, { samples = 30 } = {}) {
  const React = (await import('react')).default;
  const { render, cleanup } = await import('ink-testing-library');
  const { RaceApp } = await import(pathToFileURL(`${dist}/ui/components/race/RaceApp.js`).href);
  const { Race } = await import(pathToFileURL(`${dist}/ui/race/race.js`).href);
  const clock = new ManualClock();
  // Each lane its own figures, as in a real race: no two columns draw the same lines.
  const lanes = LANES.map((lane, i) => {
    const client = new FakeClient({ user: `race-${lane}` }, clock);
    client.connect();
    const recent = Array.from({ length: 30 }, (_, j) => ((j * 7 + i * 13) % 40) + i * 50);
    client.current = stats({ transport: lane.startsWith('poll') ? 'poll' : lane, requestsPerSecond: 0.2 + i, tcpConnections: 1 + i * 40, bytesSent: 12_000 + i * 3000, bytesReceived: 40_000 + i * 9000, messagesReceived: 100, requests: 1 + i * 60, wastedPollsPercent: i > 1 ? 40 + i : undefined, oneWayLatency: { last: recent[29], avg: 4, p50: 3 + i * 40, p95: 9 + i * 90, recent, count: 100 } });
    return { lane, client };
  });
  const sender = new FakeClient({ user: 'race' }, clock);
  const race = new Race({ lanes, sender, clock });
  const server = { url: 'http://127.0.0.1:4000', own: true, running: true, stop: async () => {}, start: async () => {} };
  const bots = { count: 20, max: 50, set: () => {} };
  const app = render(React.createElement(RaceApp, { race, room: 'race', server, bots, net: lever, clock, colour: true }));
  Object.defineProperty(app.stdout, 'rows', { value: ROWS, configurable: true });
  Object.defineProperty(app.stdout, 'columns', { value: COLUMNS, configurable: true });
  app.stdout.emit('resize');
  let id = 0;
  // Each lane receives it a little later than the one before: every column's delays differ.
  const land = (text) => {
    id++;
    const message = { id, room: 'race', user: `bot-ws-${(id % 5) + 1}`, text, sentAt: clock.now() - 3, serverAt: clock.now() - 2 };
    for (const { client } of lanes) {
      clock.advance(1.7);
      client.emit('message', message);
    }
  };
  for (let i = 0; i < 40; i++) land(`l${i} an earlier line of chatter, as the bots say them`);
  clock.advance(100);
  await frameAfter(app.lastFrame, performance.now(), (f) => f.includes("l39 "), 'the history', 15_000);

  const result = { message: [], messageCpu: [], keystroke: [] };
  for (let i = 0; i < samples; i++) {
    const cpu = process.cpuUsage();
    land(`f${i} fresh line of chatter`);
    const t0 = performance.now();
    clock.advance(100);
    result.message.push(await frameAfter(app.lastFrame, t0, (f) => f.includes(`f${i} `), 'the new line'));
    result.messageCpu.push(cpuSince(cpu));
    await turn();
  }
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let typed = '';
  // As many keys as the input line shows whole.
  for (let i = 0; i < Math.min(samples, 60); i++) {
    typed += letters[i % letters.length];
    const t0 = performance.now();
    app.stdin.write(letters[i % letters.length]);
    result.keystroke.push(await frameAfter(app.lastFrame, t0, (f) => f.includes(`race › ${typed}`), 'the typed text'));
    await turn();
  }
  app.unmount();
  cleanup();
  race.dispose();
  return result;
}
