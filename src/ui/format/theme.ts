import { nickColour } from './nick-colour.js';

/** What a piece of text means; the theme decides how that looks. */
export type Tone = 'ok' | 'warn' | 'error' | 'info' | 'muted' | 'accent';

/** Colours for components. Without colour every lookup is undefined, so Ink adds no colour codes. */
export interface Theme {
  readonly colour: boolean;
  /** Whether addresses are drawn as terminal hyperlinks (OSC 8), where the terminal shows them. */
  readonly hyperlinks: boolean;
  tone(tone: Tone): string | undefined;
  nick(name: string): string | undefined;
}

const TONES: Readonly<Record<Tone, string>> = {
  ok: 'green',
  warn: 'yellow',
  error: 'red',
  info: 'cyan',
  muted: 'gray',
  accent: 'magenta',
};

/** A theme with colour, or one that honours NO_COLOR by answering undefined everywhere; hyperlinks where the terminal shows them. */
export function createTheme(colour: boolean, hyperlinks = false): Theme {
  return colour
    ? { colour, hyperlinks, tone: (tone) => TONES[tone], nick: (name) => nickColour(name) }
    : { colour, hyperlinks, tone: () => undefined, nick: () => undefined };
}

/** Whether the environment asks for no colour (https://no-color.org: set and not empty). */
export function colourWanted(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}
