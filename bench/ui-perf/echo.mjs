// Keystroke to echo, read two ways on one session. Each key is timed from just before its
// `tmux send-keys` (a tmux client process, whose command the server runs by writing the key to the
// pane) to:
//   on screen: the typed text seen on a `capture-pane` poll. Besides the program's read of the key
//     and its frame (React, Ink's layout and output, the write), it holds tmux reading and parsing
//     that frame, up to one poll gap (2 ms) and one whole capture (a tmux client process and the
//     server rendering the pane to text, 7–9 ms here, printed on its own line). Those captures also
//     take CPU from the program while it draws, on a two-core machine.
//   written: the frame that carries the text, closed by its end of synchronized update, in the file
//     that tmux's pipe-pane feeds through `cat`: the program's read, frame and write, and tmux's read
//     of the pane and its hand-off to `cat`, up to one 1 ms poll gap; no capture-pane in the loop.
// The echo target is judged on the written figure: it is what the program does, the time until a
// terminal has the frame; a capture is tmux's own cost of showing it to the bench. Both figures
// include the send-keys (printed on its own line, as the capture is). The on-screen figure is read
// first, as it was before this file, then the written one on keys of their own, with no captures.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { paneOutput, waitScreen } from './tmux.mjs';

/**
 * Types `keys` letters of `letters` (twice that many in all) into `session`, `pauseMs` apart (keys
 * a person types are apart; back to back they would merge into one terminal read), each checked
 * as `prompt` followed by all typed so far. Returns samples in ms: { screen, written, sendKeys, capture }.
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
    screen.push(performance.now() - start + waitScreen(session, (s) => s.includes(needle), 5000, `echo of "${typed}"`));
    await sleep(pauseMs);
  }
  const output = paneOutput(session, join(dir, `echo-${process.pid}-${Date.now()}.out`));
  try {
    await sleep(pauseMs);
    for (const letter of letters.slice(keys, 2 * keys)) {
      typed += letter;
      const needle = `${prompt}${typed}`;
      output.mark();
      const start = performance.now();
      session.type(letter);
      sendKeys.push(performance.now() - start);
      written.push(output.waitWritten((text) => text.includes(needle), start, 5000, `echo of "${typed}"`));
      await sleep(pauseMs);
    }
  } finally {
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
