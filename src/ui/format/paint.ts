import type { Theme, Tone } from './theme.js';

/** A piece of a line in one style. */
export interface Span {
  readonly text: string;
  readonly tone?: Tone | undefined;
  readonly dim?: boolean;
  readonly bold?: boolean;
  readonly inverse?: boolean;
}

/** SGR foreground codes of the colour names a theme gives. */
const FOREGROUND: Readonly<Record<string, number>> = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90, grey: 90 };

/**
 * `spans` as one string with their styles as SGR escapes, each span closing what it opened, as
 * Ink's own Text would write them. For screens dense enough that one Text per line, rather than
 * one per span, is what keeps a frame cheap (termchat race). A theme without colour (NO_COLOR)
 * paints plain text: no colour, and no bold, dim or inverse either.
 */
export function paint(spans: readonly Span[], theme: Theme): string {
  if (!theme.colour) return spans.map((span) => span.text).join('');
  let out = '';
  for (const span of spans) {
    if (span.text === '') continue;
    const colour = span.tone === undefined ? undefined : FOREGROUND[theme.tone(span.tone) ?? ''];
    const open: number[] = [];
    const close: number[] = [];
    if (span.bold === true) open.push(1);
    if (span.dim === true) open.push(2);
    if (span.bold === true || span.dim === true) close.push(22);
    if (span.inverse === true) {
      open.push(7);
      close.push(27);
    }
    if (colour !== undefined) {
      open.push(colour);
      close.push(39);
    }
    out += open.length === 0 ? span.text : `\u001b[${open.join(';')}m${span.text}\u001b[${close.join(';')}m`;
  }
  return out;
}
