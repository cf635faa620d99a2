// What a server sends is drawn on a terminal, which obeys what it is handed. Removed:
// - C0 and C1 controls but the newline, ESC above all: it moves the cursor, clears the screen,
//   retitles the window (ESC ] 0) and writes the clipboard (ESC ] 52);
// - format characters: zero-width ones (U+200B–U+200D, U+2060, U+FEFF), direction marks,
//   embeddings, overrides and isolates, the Arabic letter mark U+061C, the soft hyphen, and the
//   tag characters (U+E0000–U+E007F): unseen, they hide text or reorder the line around them;
// - U+2028 and U+2029, which a terminal does not break on, and lone surrogates (half a character).
// A zero-width joiner between two emoji stays: it makes 👩‍💻 one picture.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /\r\n?|\n|\t|(?!\u200d)[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u{e0000}-\u{e007f}]|\u200d(?!\p{Extended_Pictographic})|(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f])\u200d/gu;

// One character class each, what UNSAFE may change: a string without any (nearly every one) is
// passed over once, at a quarter of what the replace costs even when it finds nothing.
// eslint-disable-next-line no-control-regex -- as above
const SUSPECT_IN_TEXT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u{e0000}-\u{e007f}]/u;
// eslint-disable-next-line no-control-regex -- as above
const SUSPECT_IN_LINE = /[\u0000-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u{e0000}-\u{e007f}]/u;

const keepLines = (match: string): string => (match === '\t' ? '    ' : match[0] === '\r' || match === '\n' ? '\n' : '');
const oneLine = (match: string): string => (match === '\t' ? '    ' : match[0] === '\r' || match === '\n' ? ' ' : '');

/**
 * Text that is safe to draw, keeping its lines: the characters above removed, tabs as four
 * spaces, CR LF and CR as LF. A string with nothing to change comes back as it was.
 */
export function sanitizeText(text: string): string {
  return SUSPECT_IN_TEXT.test(text) ? text.replace(UNSAFE, keepLines) : text;
}

/** The same on one line, for names, codes and reasons: each line end becomes a space. */
export function sanitizeLine(text: string): string {
  return SUSPECT_IN_LINE.test(text) ? text.replace(UNSAFE, oneLine) : text;
}
