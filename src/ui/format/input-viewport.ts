import { graphemes, textWidth } from './text-width.js';

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
 * line when it fits, otherwise a slice that scrolls so the cursor is always visible. A grapheme
 * `labels` names is drawn as its label: a paste of many lines as "[pasted 12 lines]".
 */
export function inputViewport(text: string, cursor: number, width: number, labels: ReadonlyMap<string, string> = new Map()): InputViewport {
  const columns = Math.max(1, width);
  const source = graphemes(text);
  // Map the cursor to a grapheme index of the text as it is, before anything is drawn otherwise.
  let at = source.length;
  for (let i = 0, offset = 0; i < source.length; offset += source[i]!.length, i++) {
    if (offset >= cursor) {
      at = i;
      break;
    }
  }
  const parts = source.map((part) => labels.get(part) ?? part.replace(/\n/g, NEWLINE_GLYPH));
  const widths = parts.map(textWidth);
  const cursorWidth = Math.max(1, widths[at] ?? 1);
  let start = 0;
  let used = widths.slice(0, at).reduce((sum, w) => sum + w, 0) + cursorWidth;
  while (used > columns && start < at) used -= widths[start++]!;
  let end = at + 1;
  while (end < parts.length && used + widths[end]! <= columns) used += widths[end++]!;
  return { before: parts.slice(start, at).join(''), atCursor: parts[at] ?? ' ', after: parts.slice(at + 1, end).join('') };
}
