/** What the chat asks of the terminal itself, besides drawing: the bell, and a desktop notification. */
export interface TerminalSignals {
  /** Rings the terminal bell (BEL). */
  bell(): void;
  /** A desktop notification, where the terminal shows them (--notify); otherwise nothing. */
  notify(title: string, body: string): void;
}

/** A terminal that is told nothing: for tests, and for a chat drawn where no one listens. */
export const silentTerminal: TerminalSignals = { bell: () => {}, notify: () => {} };

const BEL = '\u0007';

/**
 * A notification's title or body as a terminal may be handed it: on one line, without a control
 * character (a BEL or ESC would end the sequence and let the rest be read as commands), without
 * the `;` that separates OSC 777's fields, and short. What the server sent was made safe to draw
 * as it was decoded; this is the second lock on the one place text goes into a control sequence.
 */
export function notificationText(text: string, limit = 120): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f;]/g, ' ').replace(/\s+/g, ' ').trim();
  return clean.length > limit ? `${clean.slice(0, limit - 1)}…` : clean;
}

/**
 * The escape that raises a desktop notification: OSC 777 (`notify;title;body`) for the terminals
 * that read it (urxvt, foot, VTE ones such as GNOME Terminal, Ghostty), else OSC 9 (iTerm2,
 * Windows Terminal, kitty, WezTerm, ConEmu), which takes one message. Terminals that know neither
 * ignore both.
 */
export function notificationSequence(env: Readonly<Record<string, string | undefined>>, title: string, body: string): string {
  const [safeTitle, safeBody] = [notificationText(title, 60), notificationText(body)];
  const term = env.TERM ?? '';
  const osc777 = env.VTE_VERSION !== undefined || /^(rxvt|foot)/.test(term) || env.TERM_PROGRAM === 'ghostty';
  return osc777 ? `\u001b]777;notify;${safeTitle};${safeBody}${BEL}` : `\u001b]9;${safeTitle}: ${safeBody}${BEL}`;
}

/**
 * Signals written straight to the terminal, between the frames Ink draws: a BEL moves no cursor,
 * and an OSC notification shows nothing on the screen.
 */
export function terminalSignals(write: (data: string) => void, options: { readonly notify: boolean; readonly env: Readonly<Record<string, string | undefined>> }): TerminalSignals {
  return {
    bell: () => write(BEL),
    notify: (title, body) => {
      if (options.notify) write(notificationSequence(options.env, title, body));
    },
  };
}
