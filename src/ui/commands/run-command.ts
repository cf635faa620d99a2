import type { ChatClient, TransportChoice } from '../../transports/types.js';
import { describeWho } from '../format/online.js';
import type { Tone } from '../format/theme.js';
import type { ChatCommand } from '../input/slash-commands.js';
import type { NetLever } from '../net-lever.js';
import { runNetCommand } from './net-command.js';

/** What /help prints, one system line each. */
export const HELP_LINES: readonly string[] = [
  'commands: /help  /join ROOM  /nick NAME  /transport ws|sse|longpoll|poll|auto  /who  /reconnect  /wire  /clear  /quit',
  'network: /net shows it · /net delay MS [JITTER] · rate 56kbit|1mbit|off · cut · blackhole [off] · down SECONDS · heal',
  'keys: Enter send · Alt+Enter newline · ←/→ Ctrl+A/E move · Alt+B/F word · Ctrl+U/K/W delete · ↑/↓ history',
  'scroll: PgUp/PgDn page · Home oldest · End newest · Ctrl+C quit · start a message with // to send a leading /',
  'wire: Ctrl+O or /wire opens the pane of network events (→ sent, ← received, bytes, status, time); PgUp/PgDn/End then scroll it',
];

/** What commands act on; the chat screen provides it. */
export interface CommandHost {
  readonly client: ChatClient;
  readonly room: string;
  readonly user: string;
  /** The network between the client and its server, which /net moves. */
  readonly net: NetLever;
  /** Adds a system line to the conversation. */
  say(text: string, tone?: Tone): void;
  /** Sends a chat message. */
  send(text: string): void;
  /** Leaves for another room, or comes back under another name: a new client either way. */
  rejoin(change: { readonly room: string } | { readonly user: string }): void;
  /** The transport switched live; the new choice should be remembered. */
  transportChanged(transport: TransportChoice): void;
  clear(): void;
  /** Opens or closes the wire pane. */
  toggleWire(): void;
  quit(): void;
}

/** Carries out a parsed line. */
export function runCommand(command: ChatCommand, host: CommandHost): void {
  switch (command.type) {
    case 'send':
      host.send(command.text);
      return;
    case 'help':
      for (const line of HELP_LINES) host.say(line, 'info');
      return;
    case 'who':
      host.say(describeWho(host.client.online), 'info');
      return;
    case 'join':
      if (command.room === host.room) return host.say(`already in #${host.room}`, 'info');
      host.rejoin({ room: command.room });
      return;
    case 'nick':
      if (command.name === host.user) return host.say(`already called ${host.user}`, 'info');
      host.rejoin({ user: command.name });
      return;
    case 'transport':
      host.say(`switching to ${command.transport}…`, 'info');
      host.client.switchTransport(command.transport);
      host.transportChanged(command.transport);
      return;
    case 'reconnect':
      if (host.client.state.status === 'open') return host.say('already connected', 'info');
      host.say('retrying now', 'info');
      host.client.retryNow();
      return;
    case 'net': {
      const line = runNetCommand(command.net, host.net);
      host.say(line.text, line.tone);
      return;
    }
    case 'clear':
      host.clear();
      return;
    case 'wire':
      host.toggleWire();
      return;
    case 'quit':
      host.quit();
      return;
    case 'unknown':
      host.say(`unknown command /${command.name}; /help lists the commands`, 'error');
      return;
    case 'invalid':
      host.say(command.error, 'error');
      return;
  }
}
