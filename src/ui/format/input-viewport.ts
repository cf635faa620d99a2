import { graphemes, graphemeWidth } from './text-width.js';

/** The part of the input line that fits, split around the cursor. */
export interface InputViewport {
  readonly before: string;
  /** The grapheme under the cursor, or a space at the end of the line. */
  readonly atCursor: string;
  readonly after: string;
}

/** How a newline inside the input (from a paste) is drawn on the one input line. */
export const NEWLINE_GLYPH = '⏎';

/**
 * What to draw of `text` in `width` columns with the cursor at UTF-16 index `cursor`: the whole
 * line when it fits, otherwise a slice that scrolls so the cursor is always visible.
 */
export function inputViewport(text: string, cursor: number, width: number): InputViewport {
  const columns = Math.max(1, width);
  const parts = graphemes(text.replace(/\n/g, NEWLINE_GLYPH));
  // Map the cursor to a grapheme index; the glyph replacing \n has the same UTF-16 length.
  let at = parts.length;
  for (let i = 0, offset = 0; i < parts.length; offset += parts[i]!.length, i++) {
    if (offset >= cursor) {
      at = i;
      break;
    }
  }
  const widths = parts.map(graphemeWidth);
  const cursorWidth = Math.max(1, widths[at] ?? 1);
  let start = 0;
  let used = widths.slice(0, at).reduce((sum, w) => sum + w, 0) + cursorWidth;
  while (used > columns && start < at) used -= widths[start++]!;
  let end = at + 1;
  while (end < parts.length && used + widths[end]! <= columns) used += widths[end++]!;
  return { before: parts.slice(start, at).join(''), atCursor: parts[at] ?? ' ', after: parts.slice(at + 1, end).join('') };
}
