import type { Span } from './spans.js';

/**
 * Web addresses in a message: http(s) followed by what a URL may hold (RFC 3986's characters, all
 * printable ASCII), so that nothing a terminal would read as a control can be part of one. Closing
 * punctuation at the end is the sentence's, not the address's.
 */
const URL = /\bhttps?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;
const TRAILING = /[.,;:!?'")\]]+$/;

/** Where the addresses in `text` are, each with the address it links to. */
export function findLinks(text: string): Span[] {
  if (!text.includes('http')) return [];
  const spans: Span[] = [];
  for (const match of text.matchAll(URL)) {
    let url = match[0];
    // A closing bracket the address opened is its own: https://en.wikipedia.org/wiki/Tmux_(software)
    const trimmed = url.replace(TRAILING, '');
    url = trimmed.length < url.length && url.slice(trimmed.length).startsWith(')') && trimmed.includes('(') ? `${trimmed})` : trimmed;
    if (/^https?:\/\/$/.test(url)) continue;
    spans.push({ start: match.index, end: match.index + url.length, link: url });
  }
  return spans;
}

/**
 * `text` as a terminal hyperlink to `url` (OSC 8): the terminal shows `text` and opens `url` on a
 * click. `url` comes from findLinks, so it holds printable ASCII only, nothing that ends the
 * sequence early.
 */
export function hyperlink(url: string, text: string): string {
  return `\u001b]8;;${url}\u001b\\${text}\u001b]8;;\u001b\\`;
}

/**
 * Whether the terminal shows OSC 8 hyperlinks: FORCE_HYPERLINK=1 or 0 decides; otherwise the
 * terminals known to (iTerm2, WezTerm, kitty, Ghostty, foot, Windows Terminal, VS Code, VTE ones
 * such as GNOME Terminal). Elsewhere an address stays plain text, which every terminal shows.
 */
export function supportsHyperlinks(env: Readonly<Record<string, string | undefined>>): boolean {
  const forced = env.FORCE_HYPERLINK;
  if (forced !== undefined && forced !== '') return forced !== '0';
  if (env.WT_SESSION !== undefined || env.KITTY_WINDOW_ID !== undefined) return true;
  if (Number(env.VTE_VERSION ?? 0) >= 5000) return true;
  const program = env.TERM_PROGRAM ?? '';
  if (['iTerm.app', 'WezTerm', 'vscode', 'ghostty'].includes(program)) return true;
  return /^(xterm-kitty|xterm-ghostty|foot|wezterm|alacritty)/.test(env.TERM ?? '');
}
