// The alternate screen gives a screen the whole terminal and hands the shell's scrollback back on
// exit; bracketed paste lets a pasted newline be part of a message instead of sending it.
const ENTER_SCREEN = '\u001b[?1049h\u001b[?2004h';
const LEAVE_SCREEN = '\u001b[?2004l\u001b[?1049l';

/** Runs `show` on the alternate screen, with bracketed paste, and gives the terminal back however it ends. */
export async function onAlternateScreen<T>(show: () => Promise<T>): Promise<T> {
  process.stdout.write(ENTER_SCREEN);
  try {
    return await show();
  } finally {
    process.stdout.write(LEAVE_SCREEN);
  }
}
