/** Lines each part of the chat screen gets. */
export interface ScreenLayout {
  readonly header: number;
  readonly messages: number;
  readonly typing: number;
  readonly input: number;
  readonly status: number;
}

/**
 * Splits the terminal's rows; the status bar takes `statusRows` (two, or more on a narrow
 * terminal). One row stays free: Ink clears the whole terminal on every frame once its output is
 * as tall as the screen, which would flicker at each status refresh.
 */
export function screenLayout(rows: number, statusRows = 2): ScreenLayout {
  const fixed = { header: 1, typing: 1, input: 1, status: statusRows };
  const messages = Math.max(1, rows - 1 - fixed.header - fixed.typing - fixed.input - fixed.status);
  return { ...fixed, messages };
}
