// The alternate screen gives a screen the whole terminal and hands the shell's scrollback back on
// exit; bracketed paste lets a pasted newline be part of a message instead of sending it; focus
// reporting (ESC [ I, ESC [ O) tells a screen whether you are looking, where the terminal says so.
const ENTER_SCREEN = '\u001b[?1049h\u001b[?2004h';
const LEAVE_SCREEN = '\u001b[?2004l\u001b[?1049l';
const FOCUS_ON = '\u001b[?1004h';
const FOCUS_OFF = '\u001b[?1004l';
const CLEAR_SCREEN = '\u001b[2J\u001b[H';

/**
 * Runs `show` on the alternate screen, with bracketed paste (and focus reports if asked), and gives the terminal back however
 * it ends. A resize starts from a clear screen: a terminal that narrows wraps again what was drawn
 * into more lines than Ink knows to erase, which would stay above the new frame. (This listener
 * comes before Ink's, which then draws the new frame from the top.)
 */
export async function onAlternateScreen<T>(show: () => Promise<T>, { focusReports = false } = {}): Promise<T> {
  process.stdout.write(focusReports ? ENTER_SCREEN + FOCUS_ON : ENTER_SCREEN);
  const clear = (): void => void process.stdout.write(CLEAR_SCREEN);
  process.stdout.on('resize', clear);
  try {
    return await show();
  } finally {
    process.stdout.off('resize', clear);
    process.stdout.write(focusReports ? FOCUS_OFF + LEAVE_SCREEN : LEAVE_SCREEN);
  }
}
