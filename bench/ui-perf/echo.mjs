// Keystroke to echo, read two ways on one session:
//   on screen: from just before a `tmux send-keys` (a tmux client process, 6–13 ms here, whose
//     command the server runs by writing the key to the pane) to the typed text seen on a
//     `capture-pane` poll. Besides the send-keys and the program's read of the key
//     and its frame (React, Ink's layout and output, the write), it holds tmux reading and parsing
//     that frame, up to one poll gap (2 ms) and one whole capture (a tmux client process and the
//     server rendering the pane to text, 7–9 ms here, printed on its own line). Those captures also
//     take CPU from the program while it draws, on a two-core machine.
//   written: from the key handed to a tmux client already attached (control mode, as a terminal
//     hands a key to its program: no process started per key) to the frame that carries the text,
//     closed by its end of synchronized update, in the file that tmux's pipe-pane feeds through
//     `cat`: tmux writing the key to the pane, the program's read, frame and write, and tmux's read
//     of the pane and its hand-off to `cat`, up to one 1 ms poll gap; no capture-pane in the loop.
// The echo target is judged on the written figure: it is what the program does, the time until a
// terminal has the frame; a send-keys process and a capture are tmux's own costs of playing the
// keyboard and showing the screen to the bench (each printed on its own line). The on-screen
// figure is read first, as it was before this file, then the written one on keys of their own.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { paneOutput, waitScreen } from './tmux.mjs';

/**
 * Types `keys` letters of `letters` (twice that many in all) into `session`, `pauseMs` apart (keys
 * a person types are apart; back to back they would merge into one terminal read), each checked
 * as `prompt` followed by all typed so far. Returns samples in ms: { screen, written, sendKeys, capture },
 * sendKeys being the send-keys processes of the on-screen figure.
 */
export async function measureEcho(session, { prompt, letters, keys = 20, pauseMs, dir }) {
  if (letters.length < 2 * keys) throw new Error(`measureEcho needs ${2 * keys} letters`);
  const screen = [];
  const written = [];
  const sendKeys = [];
  let typed = '';
  for (const letter of letters.slice(0, keys)) {
    typed += letter;
    const needle = `${prompt}${typed}`;
    const start = performance.now();
    session.type(letter);
    sendKeys.push(performance.now() - start);
    screen.push(performance.now() - start + waitScreen(session, (s) => s.includes(needle), 5000, `echo of "${typed}"`));
    await sleep(pauseMs);
  }
  const output = paneOutput(session, join(dir, `echo-${process.pid}-${Date.now()}.out`));
  const keyboard = session.keyboard();
  try {
    await sleep(pauseMs);
    for (const letter of letters.slice(keys, 2 * keys)) {
      typed += letter;
      const needle = `${prompt}${typed}`;
      output.mark();
      const start = performance.now();
      keyboard.type(letter);
      written.push(output.waitWritten((text) => text.includes(needle), start, 5000, `echo of "${typed}"`));
      await sleep(pauseMs);
    }
  } finally {
    keyboard.close();
    output.close();
  }
  const capture = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    session.capture();
    capture.push(performance.now() - start);
  }
  return { screen, written, sendKeys, capture };
}
