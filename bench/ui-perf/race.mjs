// termchat race's own costs, in the same way as the chat's: the real binary in tmux, its CPU from
// /proc, its frames counted in what it writes to the terminal, a keystroke timed to its echo (both
// ways, see echo.mjs).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuSeconds } from './proc-cpu.mjs';
import { describe, quantile } from './stats.mjs';
import { measureEcho } from './echo.mjs';
import { waitScreen } from './tmux.mjs';

// Ink opens every frame it draws on a terminal with "begin synchronized update".
const FRAME = '\u001b[?2026h';

const fiveOpen = (screen) => (screen.match(/● open/g) ?? []).length === 5;

/** Seconds of the race's start left out of its idle figure. */
const IDLE_SETTLE_SECONDS = 30;

/** CPU of `pid` over `seconds`, in percent of one core. */
async function cpuOver(pid, seconds) {
  const before = cpuSeconds(pid);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  return ((cpuSeconds(pid) - before) / ((performance.now() - t0) / 1000)) * 100;
}

/** Frames drawn in each second of `seconds`, from the bytes the program wrote to its terminal. */
async function framesPerSecond(session, file, seconds) {
  session.record(file);
  const counts = [];
  let seen = 0;
  let offset = 0;
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    const size = statSync(file).size;
    const text = readFileSync(file, 'latin1').slice(offset, size);
    offset = size;
    const now = text.split(FRAME).length - 1;
    counts.push(now);
    seen += now;
  }
  session.stopRecording();
  return { counts, total: seen };
}

/**
 * (r) termchat race with its own server: idle, then with --bots 20 chatting. `command(args)`
 * is the shell command that starts it in a terminal.
 */
export async function measureRace({ command, open, close, report, dir, idleSeconds, frameSeconds }) {
  const session = open(command('race'), { width: 120, height: 36 });
  try {
    waitScreen(session, fiveOpen, 30_000, 'five open columns', 50);
    const pid = session.pid();
    // The first half minute includes one-off work: the code's first runs compiled, the first
    // collections of a young heap. Reported, but the target is for the race left idle after it.
    const warming = await cpuOver(pid, IDLE_SETTLE_SECONDS);
    report(`(r1) idle race, own server, 5 columns, its first ${IDLE_SETTLE_SECONDS} s open`, `${warming.toFixed(2)}% of one core`);
    const idle = await cpuOver(pid, idleSeconds);
    report(`(r1) idle race, own server, 5 columns, the ${idleSeconds} s after`, `${idle.toFixed(2)}% of one core`, '< 3%', idle < 3);

    session.type('/bots 20');
    session.keys('Enter');
    waitScreen(session, (screen) => screen.includes('20 bots chatting'), 10_000, '20 bots', 50);
    // Let every bot connect and the first lines flow.
    await sleep(5000);
    const busy = await cpuOver(pid, idleSeconds);
    report(`(r2) race with 20 bots chatting, ${idleSeconds} s`, `${busy.toFixed(1)}% of one core`);

    const { counts, total } = await framesPerSecond(session, join(dir, 'race-frames.out'), frameSeconds);
    const most = Math.max(...counts);
    report(`(r3) frames drawn with 20 bots, per second over ${frameSeconds} s`, `mean ${(total / frameSeconds).toFixed(1)} · max ${most} (${counts.join(' ')})`, '≤ 10 a second', most <= 10);

    const echo = await measureEcho(session, { prompt: 'race › ', letters: 'thequickbrownfoxjumpsoverthelazydogagain', pauseMs: 150, dir });
    report('(r4) keystroke → echo written, 20 bots chatting (pipe-pane)', describe(echo.written), '≤ 33 ms (p95)', quantile(echo.written, 0.95) <= 33);
    report('(r4) keystroke → echo on screen, 20 bots chatting (capture-pane poll)', describe(echo.screen));
    report('     one send-keys process (part of the on-screen figure)', describe(echo.sendKeys));
    report('     one capture-pane poll (part of the on-screen figure)', describe(echo.capture));
  } finally {
    close(session);
  }
}
