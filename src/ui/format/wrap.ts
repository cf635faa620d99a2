import { graphemes, graphemeWidth, textWidth } from './text-width.js';

/**
 * Breaks `text` into lines of at most `width` columns: at spaces where it can, inside a word
 * only when the word alone is wider than a line. Newlines in the text always break; an empty
 * text is one empty line. Spaces at a break are dropped, other spaces kept.
 */
export function wrapText(text: string, width: number): string[] {
  const limit = Math.max(1, Math.floor(width));
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) wrapParagraph(paragraph, limit, lines);
  return lines;
}

function wrapParagraph(paragraph: string, limit: number, lines: string[]): void {
  if (textWidth(paragraph) <= limit) {
    lines.push(paragraph);
    return;
  }
  let line = '';
  let used = 0;
  const flush = (): void => {
    lines.push(line.trimEnd());
    line = '';
    used = 0;
  };
  // Words with the spaces before them, so a paragraph's leading indentation survives.
  for (const token of paragraph.match(/\s*\S+|\s+$/g) ?? []) {
    const word = token.trimStart();
    const tokenWidth = textWidth(token);
    if (used + tokenWidth <= limit) {
      line += token;
      used += tokenWidth;
      continue;
    }
    const wordWidth = textWidth(word);
    if (used > 0) flush();
    if (wordWidth <= limit) {
      line = word;
      used = wordWidth;
      continue;
    }
    for (const grapheme of graphemes(word)) {
      const w = graphemeWidth(grapheme);
      if (used + w > limit && used > 0) flush();
      line += grapheme;
      used += w;
    }
  }
  if (line !== '' || lines.length === 0) flush();
}
