import { waitFor } from '../helpers/wait.js';

/** Escape sequences a terminal sends for keys. */
export const keys = {
  enter: '\r',
  altEnter: '\u001b\r',
  backspace: '\u007f',
  left: '\u001b[D',
  right: '\u001b[C',
  up: '\u001b[A',
  down: '\u001b[B',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  ctrlA: '\u0001',
  ctrlC: '\u0003',
  ctrlE: '\u0005',
  ctrlU: '\u0015',
  ctrlW: '\u0017',
  pasteStart: '\u001b[200~',
  pasteEnd: '\u001b[201~',
} as const;

/** Resolves with the last frame once `check` accepts it, failing after `timeoutMs` with the frame in the message. */
export async function frameWhere(lastFrame: () => string | undefined, check: (frame: string) => boolean, timeoutMs = 2000): Promise<string> {
  try {
    return await waitFor(() => {
      const frame = lastFrame() ?? '';
      return check(frame) ? frame : undefined;
    }, timeoutMs, 'frame', 5);
  } catch {
    throw new Error(`no frame matched within ${timeoutMs} ms; last frame:\n${lastFrame() ?? '(none)'}`);
  }
}

/** Lets Ink handle what was written to stdin and re-render: input is read on the next turns of the event loop. */
export function tick(ms = 10): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
