import type { ChatClient, TransportChoice } from '../../transports/types.js';
import { describeWho } from '../format/online.js';
import type { Tone } from '../format/theme.js';
import type { ChatCommand } from '../input/slash-commands.js';
import type { NetLever } from '../net-lever.js';
import { runNetCommand } from './net-command.js';

/** What /help prints, one system line each. */
export const HELP_LINES: readonly string[] = [
  'commands: /help  /join ROOM  /part [ROOM]  /nick NAME  /transport ws|sse|longpoll|poll|auto  /who',
  'more commands: /me ACTION  /search WORD  /time  /wire  /reconnect  /clear  /quit',
  'network: /net shows it · /net delay MS [JITTER] · rate 56kbit|1mbit|off · cut · blackhole [off] · down SECONDS · heal',
  'keys: Enter send · Alt+Enter newline · Tab complete a name, command or argument (again: the next) · ←/→ Ctrl+A/E move',
  'edit: Alt+B/F word · Ctrl+U/K/W delete · ↑/↓ history · a paste of many lines is one message, shown as [pasted N lines]',
  'search: Ctrl+R or /search WORD · ↑ or Ctrl+R older · ↓ newer · Enter stays there · Esc goes back · Alt+P/N messages naming you',
  'rooms: Alt+1..9 go to a room · Ctrl+N/Ctrl+P next, previous · the header counts what is new in the others (#dev 3 @1: 3 unread, 1 names you)',
  'scroll: PgUp/PgDn page · Home oldest · End newest · Ctrl+C quit · start a message with // to send a leading /',
  'wire: Ctrl+O or /wire opens the pane of network events (→ sent, ← received, bytes, status, time); PgUp/PgDn/End then scroll it',
];

/** What commands act on; the chat screen provides it. */
export interface CommandHost {
  /** The client of the room on screen. */
  readonly client: ChatClient;
  /** The room on screen. */
  readonly room: string;
  readonly user: string;
  /** Every open room, in order. */
  readonly rooms: readonly string[];
  /** The network between the clients and their server, which /net moves. */
  readonly net: NetLever;
  /** Adds a system line to the conversation on screen. */
  say(text: string, tone?: Tone): void;
  /** Sends a chat message to the room on screen. */
  send(text: string): void;
  /** Opens another room beside the others (a client of its own) and puts it on screen. */
  join(room: string): void;
  /** Leaves an open room. */
  part(room: string): void;
  /** Comes back under another name: a new client in every room. */
  rename(user: string): void;
  /** Switches every room's client to another transport, live; the choice is remembered. */
  transportChanged(transport: TransportChoice): void;
  clear(): void;
  /** Timestamps on or off. */
  toggleTime(): void;
  /** Searches the loaded history of the room on screen (/search WORD). */
  search(query: string): void;
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
      host.join(command.room);
      return;
    case 'part':
      host.part(command.room ?? host.room);
      return;
    case 'nick':
      if (command.name === host.user) return host.say(`already called ${host.user}`, 'info');
      host.rename(command.name);
      return;
    case 'transport':
      host.say(`switching to ${command.transport}…`, 'info');
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
    case 'time':
      host.toggleTime();
      return;
    case 'search':
      host.search(command.query);
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
