/** What /help prints, one system line each. */
export const HELP_LINES: readonly string[] = [
  'commands: /help  /join ROOM  /nick NAME  /transport ws|sse|longpoll|poll|auto  /who  /reconnect  /clear  /quit',
  'keys: Enter send · Alt+Enter newline · ←/→ Ctrl+A/E move · Alt+B/F word · Ctrl+U/K/W delete · ↑/↓ history',
  'scroll: PgUp/PgDn page · Home oldest · End newest · Ctrl+C quit · start a message with // to send a leading /',
];
