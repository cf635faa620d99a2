/** Lines each part of the chat screen gets. */
export interface ScreenLayout {
  readonly header: number;
  readonly messages: number;
  readonly typing: number;
  readonly input: number;
  readonly status: number;
  /** The wire pane, when open: its title lines and events. */
  readonly wire: number;
}

/**
 * Splits the terminal's rows; the status bar takes `statusRows` (two, or more on a narrow
 * terminal). One row stays free: Ink clears the whole terminal on every frame once its output is
 * as tall as the screen, which would flicker at each status refresh.
 */
export function screenLayout(rows: number, statusRows = 2, wireOpen = false): ScreenLayout {
  const fixed = { header: 1, typing: 1, input: 1, status: statusRows };
  const free = Math.max(1, rows - 1 - fixed.header - fixed.typing - fixed.input - fixed.status);
  if (!wireOpen) return { ...fixed, messages: free, wire: 0 };
  // The pane takes the lower half of the conversation's rows (its two title lines and three events at least), the chat keeps a line.
  const wire = Math.min(Math.max(5, Math.floor(free / 2)), Math.max(0, free - 1));
  return { ...fixed, messages: Math.max(1, free - wire), wire };
}
