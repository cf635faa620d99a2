#!/usr/bin/env node
// Measures what the chat UI costs, against the issue's targets. Run after `npm run build`:
//   node bench/ui-perf.mjs [--dist DIR] [--idle-seconds 20] [--runs 5] [--only terminal|frames|race] [--transport ws]
//                          [--rooms 10 --history 10000]
// (a) idle CPU of `termchat join` (ws unless --transport says another, local server, nothing happening), from /proc/<pid>/stat;
// (b) start to connected: Enter at a shell prompt in tmux → the status bar shows "open";
// (c) frame costs with 10 and 10,000 messages of history, and of the race with five full columns, in this process;
// (d) keystroke to echo: a key from an attached tmux client → the frame with the character written to the terminal (read
//     from tmux's pipe-pane), and → the character on a captured screen (see ui-perf/echo.mjs).
// (r) termchat race with its own server: idle CPU; with 20 bots chatting, CPU, frames drawn each
//     second (counted in what it writes to the terminal) and keystroke to echo, both ways as (d). --only race for these alone.
// --dist measures another build of termchat (for before/after comparisons).
// --rooms N --history M: the chat with N rooms open (r0…), each with M messages of history, put on
// the server first through its own send path; the frames with N rooms of M messages each, besides
// a message in a room out of sight and Alt+2…9 between them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { cpuSeconds } from './ui-perf/proc-cpu.mjs';
import { measureFrames } from './ui-perf/render-cost.mjs';
import { describe, quantile } from './ui-perf/stats.mjs';
import { populate } from './ui-perf/populate.mjs';
import { measureRace } from './ui-perf/race.mjs';
import { measureRaceFrames } from './ui-perf/race-frames.mjs';
import { measureEcho } from './ui-perf/echo.mjs';
import { startSession, waitScreen } from './ui-perf/tmux.mjs';
import { performance } from 'node:perf_hooks';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: resolve(import.meta.dirname, '../dist') },
    'idle-seconds': { type: 'string', default: '20' },
    runs: { type: 'string', default: '5' },
    'node-env': { type: 'string', default: 'production' },
    transport: { type: 'string', default: 'ws' },
    rooms: { type: 'string', default: '1' },
    history: { type: 'string', default: '0' },
    // "terminal" for (a), (b) and (d) only, "frames" for (c) only, "race" for (r) only.
    only: { type: 'string' },
    'frame-seconds': { type: 'string', default: '10' },
  },
});
const dist = resolve(values.dist);
const cli = join(dist, 'termchat.js');
const idleSeconds = Number(values['idle-seconds']);
const runs = Number(values.runs);
const roomCount = Number(values.rooms);
const historyCount = Number(values.history);
const roomNames = roomCount === 1 ? ['lobby'] : Array.from({ length: roomCount }, (_, i) => `r${i}`);
const roomsFlags = roomCount === 1 ? '' : `--room ${roomNames[0]} --rooms ${roomNames.join(',')}`;
// The in-process frames use React's build as the CLI would pick it.
process.env.NODE_ENV = values['node-env'];

const dir = mkdtempSync(join(tmpdir(), 'termchat-perf-'));
const sessions = new Set();
let server;

/** The CLI in tmux as a person would start it; CI variables would make Ink print nothing until exit. */
function joinCommand(url, extra = '') {
  return `exec env -u CI -u CONTINUOUS_INTEGRATION -u NODE_ENV TERMCHAT_CONFIG_DIR=${dir} ${process.execPath} ${cli} join --as alice --server ${url} --transport ${values.transport} ${roomsFlags} ${extra}`;
}

function open(command, size) {
  const session = startSession(command, size);
  sessions.add(session);
  return session;
}

function close(session) {
  session.kill();
  sessions.delete(session);
}

async function startServer() {
  // History of any length, sent as fast as the bench can: no history bound, no send limit.
  const child = spawn(process.execPath, [cli, 'serve', '--memory', '--port', '0', '--stats-interval', '0', '--history', '0', '--rate', '0', '--address-rate', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(20)) {
    const match = /listening on (http:\/\/\S+)/.exec(out);
    if (match) return { child, url: match[1] };
  }
  child.kill('SIGKILL');
  throw new Error(`termchat serve did not start: ${out}`);
}

/** With a history: how long the bench waits, once it is drawn, before idling is measured (see (a)). */
const AFTER_LOAD_MS = 40_000;

/** Screen polls while a join starts, ms apart (figures are late by up to this plus one capture). */
const START_POLL_GAP_MS = 20;

const results = [];
const report = (name, figure, target, pass) => {
  results.push({ name, figure, target, pass });
  console.log(`${pass === undefined ? ' ' : pass ? '✓' : '✗'} ${name}: ${figure}${target ? `   (target: ${target})` : ''}`);
};

try {
  console.log(`termchat build: ${dist}${roomCount > 1 || historyCount > 0 ? `; ${roomCount} room${roomCount === 1 ? '' : 's'} × ${historyCount} messages of history` : ''}\n`);
  if (values.only === undefined || values.only === 'terminal') await measureTerminal();
  if (values.only === 'frames') await measureFramesInProcess();
  // A fresh process for the frames, so nothing left from the terminal runs (timers, garbage,
  // modules) weighs on them.
  else if (values.only === undefined) framesInChild();
  if (values.only === undefined || values.only === 'race') {
    const command = (name) => `exec env -u CI -u CONTINUOUS_INTEGRATION -u NODE_ENV ${process.execPath} ${cli} ${name}`;
    await measureRace({ command, open, close, report, dir, idleSeconds, frameSeconds: Number(values['frame-seconds']) });
  }
} finally {
  for (const session of sessions) session.kill();
  server?.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = results.some((r) => r.pass === false) ? 1 : 0;

/** (a), (b) and (d): the real binary in tmux against a real server. */
async function measureTerminal() {
  server = await startServer();
  if (historyCount > 0) {
    const t0 = performance.now();
    await populate(server.url, roomNames, historyCount);
    console.log(`  (history: ${roomCount} × ${historyCount} messages sent in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  // The newest message of the room on screen: the history is loaded once it is drawn.
  const newest = historyCount > 0 ? `number ${historyCount} of #${roomNames[0]},` : undefined;

  // (b) start to connected, and to the first frame on the way: from Enter at a shell prompt, as a
  // person starts it (starting tmux itself is not part of it).
  const firstFrame = [];
  const connected = [];
  const loaded = [];
  for (let i = 0; i < runs; i++) {
    const session = open("env PS1='ready$ ' sh");
    waitScreen(session, (s) => s.includes('ready$'), 5000, 'shell prompt');
    const t0 = performance.now();
    session.type(joinCommand(server.url));
    session.keys('Enter');
    // Polled every 20 ms: finer polling takes enough CPU to slow the start measured.
    firstFrame.push(performance.now() - t0 + waitScreen(session, (s) => s.includes('●'), 20_000, 'first frame', START_POLL_GAP_MS));
    connected.push(performance.now() - t0 + waitScreen(session, (s) => s.includes('● open'), 20_000, 'open', START_POLL_GAP_MS));
    if (newest !== undefined) loaded.push(performance.now() - t0 + waitScreen(session, (s) => s.includes(newest), 120_000, 'the history', 100));
    close(session);
  }
  report('(b) start → first frame', describe(firstFrame));
  report('(b) start → connected ("● open")', describe(connected), '< 500 ms', quantile(connected, 0.5) < 500);
  if (newest !== undefined) report(`(b) start → the room on screen's ${historyCount} messages drawn`, describe(loaded));

  // (a) idle CPU, then (d) keystrokes, on one session.
  const session = open(joinCommand(server.url));
  waitScreen(session, (s) => s.includes('● open'), 20_000, 'open');
  if (newest !== undefined) waitScreen(session, (s) => s.includes(newest), 120_000, 'the history', 100);
  const pid = session.pid();
  if (historyCount > 0) {
    // Once a large history is in (the other rooms load out of sight), V8 gives back what loading
    // it took, in a few full collections some 10 to 30 s later, when it sees the allocation stop
    // (its memory reducer; --trace-gc shows them as "Mark-Compact (reduce)", the heap going from
    // some 160 MB to 75): a once-only cost of loading, reported on its own line, not idling's.
    await sleep(2000);
    const loadedAt = cpuSeconds(pid);
    const t = performance.now();
    await sleep(AFTER_LOAD_MS);
    report(`(a) join, ${roomCount} room${roomCount === 1 ? '' : 's'}, the ${AFTER_LOAD_MS / 1000} s after the history is drawn`, `${(((cpuSeconds(pid) - loadedAt) / ((performance.now() - t) / 1000)) * 100).toFixed(2)}% of one core`);
  } else {
    // The start's work is over.
    await sleep(2000);
  }
  const before = cpuSeconds(pid);
  const t0 = performance.now();
  await sleep(idleSeconds * 1000);
  const percent = ((cpuSeconds(pid) - before) / ((performance.now() - t0) / 1000)) * 100;
  report(`(a) idle join, ${values.transport}, ${roomCount} room${roomCount === 1 ? '' : 's'}, ${idleSeconds} s`, `${percent.toFixed(2)}% of one core`, '< 2%', percent < 2);

  // (d) both ways (see ui-perf/echo.mjs for what each figure holds); the target is judged on the
  // written one, the program's own, with tmux's capture beside it.
  const echo = await measureEcho(session, { prompt: 'alice › ', letters: 'thequickbrownfoxjumpsoverthelazydogagain', pauseMs: 120, dir });
  close(session);
  report('(d) keystroke → echo written to the terminal (pipe-pane)', describe(echo.written), '≤ one frame (33 ms at Ink\'s 30 fps), p95', quantile(echo.written, 0.95) <= 33);
  report('(d) keystroke → echo on screen (capture-pane poll)', describe(echo.screen));
  report('    one send-keys process (part of the on-screen figure)', describe(echo.sendKeys));
  report('    one capture-pane poll (part of the on-screen figure)', describe(echo.capture));

}

/** Runs this script again with --only frames, its lines printed as they come. */
function framesInChild() {
  const args = [import.meta.filename, '--only', 'frames', '--dist', dist, '--node-env', values['node-env'], '--rooms', values.rooms, '--history', values.history];
  const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  const lines = child.stdout.split('\n').filter((line) => line.startsWith('✓') || line.startsWith('✗') || line.startsWith('  ('));
  for (const line of lines) console.log(line);
  if (child.status !== 0) results.push({ name: '(c)', pass: false });
}

/** (c): frame costs in this process. */
async function measureFramesInProcess() {
  const histories = roomCount > 1 ? [historyCount || 10_000] : [10, 10_000];
  for (const history of histories) {
    const frames = await measureFrames(dist, history, { pages: history === 10_000 ? 1000 : 0, rooms: roomCount });
    const what = roomCount > 1 ? `${roomCount} rooms × ${history} messages` : `${history} messages`;
    report(`(c) ${what}: keystroke frame`, describe(frames.keystroke), '≤ 33 ms (p95)', quantile(frames.keystroke, 0.95) <= 33);
    report(`(c) ${what}: new-message frame`, describe(frames.message));
    report(`(c) ${what}: status refresh frame`, describe(frames.status));
    if (frames.background.length > 0) report(`(c) ${what}: a message in a room out of sight (its count)`, describe(frames.background));
    if (frames.switch.length > 0) report(`(c) ${what}: Alt+N to another room`, describe(frames.switch), '≤ 33 ms (p95)', quantile(frames.switch, 0.95) <= 33);
    if (frames.pageUp.length > 0) report(`(c) ${what}: PageUp frame, top to bottom of history`, describe(frames.pageUp), '≤ 33 ms each', quantile(frames.pageUp, 0.95) <= 33);
  }
  const race = await measureRaceFrames(dist);
  report('(c) race, five full columns at 120×36: keystroke frame', describe(race.keystroke));
  report('(c) race: new-message frame', describe(race.message));
  report('    its CPU, the lanes\' figures and text included', describe(race.messageCpu));
}
