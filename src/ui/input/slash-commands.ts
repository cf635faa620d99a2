import { checkRoom, checkUser } from '../../protocol/plain.js';
import { parseNetWords, type NetCommand } from '../../relay/net-text.js';
import { TRANSPORT_CHOICES, type TransportChoice } from '../../transports/types.js';

/** What a line typed into the input means. */
export type ChatCommand =
  | { readonly type: 'send'; readonly text: string }
  | { readonly type: 'help' }
  | { readonly type: 'join'; readonly room: string }
  /** Leaves `room`, or the room on screen. */
  | { readonly type: 'part'; readonly room?: string }
  | { readonly type: 'nick'; readonly name: string }
  | { readonly type: 'transport'; readonly transport: TransportChoice }
  | { readonly type: 'who' }
  | { readonly type: 'reconnect' }
  /** `/net …`: a change to the network, or to be shown it. */
  | { readonly type: 'net'; readonly net: NetCommand }
  | { readonly type: 'clear' }
  /** Timestamps on or off. */
  | { readonly type: 'time' }
  /** Search the room's loaded history. */
  | { readonly type: 'search'; readonly query: string }
  /** Open or close the wire pane. */
  | { readonly type: 'wire' }
  | { readonly type: 'quit' }
  | { readonly type: 'unknown'; readonly name: string }
  /** A known command with a missing or bad argument; `error` says what is allowed. */
  | { readonly type: 'invalid'; readonly name: string; readonly error: string };

/** A submitted line before its command is known: nothing, a message to send, or a command's name and argument. */
export type LineParts =
  | { readonly type: 'blank' }
  | { readonly type: 'send'; readonly text: string }
  /** `word` the command as typed, `name` lower-cased; `arg` the words after it joined by single spaces, `raw` as typed. */
  | { readonly type: 'command'; readonly word: string; readonly name: string; readonly arg: string; readonly raw: string };

/**
 * Splits a submitted line, for the chat's commands and the race's alike. A line starting with one
 * "/" is a command; "//" sends a message that starts with "/"; a line of spaces is blank.
 */
export function splitLine(line: string): LineParts {
  if (line.trim() === '') return { type: 'blank' };
  if (line.startsWith('//')) return { type: 'send', text: line.slice(1) };
  if (!line.startsWith('/')) return { type: 'send', text: line };
  const body = line.slice(1).trim();
  const [word = '', ...rest] = body.split(/\s+/);
  return { type: 'command', word, name: word.toLowerCase(), arg: rest.join(' '), raw: body.slice(word.length).trim() };
}

/** Parses a submitted line (see splitLine). Blank lines are undefined: nothing to do. */
export function parseLine(line: string): ChatCommand | undefined {
  const parts = splitLine(line);
  if (parts.type === 'blank') return undefined;
  if (parts.type === 'send') return parts;
  const { word, name, arg } = parts;
  switch (name) {
    case 'help':
    case '?':
      return { type: 'help' };
    case 'who':
      return { type: 'who' };
    case 'reconnect':
      return { type: 'reconnect' };
    case 'clear':
      return { type: 'clear' };
    case 'time':
      return { type: 'time' };
    case 'search':
      return { type: 'search', query: arg };
    case 'me':
      // An action travels as its text, "/me waves", which every termchat shows as "* alice waves".
      return arg === '' ? { type: 'invalid', name, error: '/me needs an action: /me waves' } : { type: 'send', text: `/me ${parts.raw}` };
    case 'wire':
      return { type: 'wire' };
    case 'quit':
    case 'exit':
      return { type: 'quit' };
    case 'join': {
      if (arg === '') return { type: 'invalid', name, error: '/join needs a room: /join ROOM' };
      const room = checkRoom(arg.replace(/^#/, ''));
      return room.ok ? { type: 'join', room: room.value } : { type: 'invalid', name, error: room.error };
    }
    case 'part':
    case 'leave': {
      if (arg === '') return { type: 'part' };
      const room = checkRoom(arg.replace(/^#/, ''));
      return room.ok ? { type: 'part', room: room.value } : { type: 'invalid', name, error: room.error };
    }
    case 'nick': {
      if (arg === '') return { type: 'invalid', name, error: '/nick needs a name: /nick NAME' };
      const user = checkUser(arg);
      return user.ok ? { type: 'nick', name: user.value } : { type: 'invalid', name, error: user.error };
    }
    case 'transport': {
      const choice = TRANSPORT_CHOICES.find((kind) => kind === arg.toLowerCase());
      return choice === undefined
        ? { type: 'invalid', name, error: `/transport takes one of ${TRANSPORT_CHOICES.join(', ')}${arg === '' ? '' : `; got ${JSON.stringify(arg)}`}` }
        : { type: 'transport', transport: choice };
    }
    case 'net': {
      const net = parseNetWords(arg);
      return net.ok ? { type: 'net', net: net.value } : { type: 'invalid', name, error: `/net: ${JSON.stringify(arg)} is not ${net.expected}` };
    }
    default:
      return { type: 'unknown', name: word };
  }
}
