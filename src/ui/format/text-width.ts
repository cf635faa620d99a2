/** Terminal column widths of text, grapheme by grapheme, close to what terminals and Ink draw. */

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The user-perceived characters of `text`, so a cursor or a wrap never splits an emoji or an accent. */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

// Combining marks, zero-width and format characters occupy no column of their own.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\p{Regional_Indicator}{2}/u;

/** East Asian Wide and Fullwidth blocks (Hangul, CJK, kana, fullwidth forms, CJK extensions). */
function isWideCodePoint(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Columns one grapheme takes: 0, 1 or 2. */
export function graphemeWidth(grapheme: string): number {
  if (grapheme === '' || ZERO_WIDTH.test(grapheme)) return 0;
  if (EMOJI_PRESENTATION.test(grapheme)) return 2;
  return isWideCodePoint(grapheme.codePointAt(0) ?? 0) ? 2 : 1;
}

/** Columns `text` takes on one line. */
export function textWidth(text: string): number {
  // Plain ASCII is the common case and needs no segmentation.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const grapheme of graphemes(text)) width += graphemeWidth(grapheme);
  return width;
}

/**
 * Characters one column wide each, whatever follows them: ASCII, Latin-1 and Latin Extended,
 * general punctuation (· — …), arrows, box drawing, block elements (a sparkline's bars) and
 * geometric shapes (●) but the two drawn as emoji, without any combining mark or soft hyphen.
 * Text of these alone needs no segmentation.
 */
const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc]*$/;

/**
 * What textWidth says, sooner for a line of figures: the narrow symbols a status line uses
 * (· — ● ▁▂▃) are counted without segmentation. For screens that measure hundreds of such lines
 * a frame (termchat race).
 */
export function columnsOf(text: string): number {
  return NARROW.test(text) ? text.length : textWidth(text);
}

/** `text` cut to at most `width` columns, as a terminal cuts a line at its edge. */
export function cutToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (NARROW.test(text)) return text.slice(0, width);
  let out = '';
  let used = 0;
  for (const grapheme of graphemes(text)) {
    const w = graphemeWidth(grapheme);
    if (used + w > width) break;
    out += grapheme;
    used += w;
  }
  return out;
}

/** `text` cut to at most `width` columns, ending in `…` when something was cut. */
export function truncateToWidth(text: string, width: number): string {
  if (width <= 0) return '';
  if (textWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const grapheme of graphemes(text)) {
    const w = graphemeWidth(grapheme);
    if (used + w > width - 1) break;
    out += grapheme;
    used += w;
  }
  return `${out}…`;
}
