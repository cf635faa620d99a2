import { parseNetWords } from '../../relay/net-text.js';
import type { NetCommand } from '../../relay/net-text.js';
import { splitLine } from '../input/slash-commands.js';
import { RACE_LANES, type RaceLane } from './lanes.js';

/** What a line typed into the race's input means. */
export type RaceCommand =
  | { readonly type: 'send'; readonly text: string }
  | { readonly type: 'bots'; readonly count: number }
  | { readonly type: 'server'; readonly action: 'stop' | 'start' }
  | { readonly type: 'net'; readonly net: NetCommand }
  | { readonly type: 'wire' }
  | { readonly type: 'focus'; readonly lane: RaceLane }
  | { readonly type: 'reconnect' }
  | { readonly type: 'help' }
  | { readonly type: 'quit' }
  | { readonly type: 'unknown'; readonly name: string }
  /** A known command with a missing or bad argument; `error` says what is allowed. */
  | { readonly type: 'invalid'; readonly error: string };

/** What /help says in the race, one line each. */
export const RACE_HELP: readonly string[] = [
  'Type a message and Enter: it is sent once, by one sender, and each column shows when it lands; the scoreboard ranks them.',
  '/bots N  background chatter (0 to stop)  ·  /server stop, /server start  the race\'s own server, to watch the reconnects',
  '/net  every column\'s network at once: /net delay 100 [20] · rate 56kbit · cut · blackhole [off] · down 10 · heal; /net alone shows it',
  '/wire or Ctrl+O  the focused column\'s network events  ·  Tab or /focus LANE  focus the next column  ·  PgUp/PgDn scroll the pane',
  '/reconnect  retry every column now  ·  /quit or Ctrl+C  leave  ·  // sends a message starting with /',
];

/**
 * Parses a submitted line as the chat does (splitLine): "/" starts a command, "//" sends a message
 * starting with "/", a blank line is nothing (undefined). `maxBots` bounds /bots.
 */
export function parseRaceLine(line: string, maxBots: number): RaceCommand | undefined {
  const parts = splitLine(line);
  if (parts.type === 'blank') return undefined;
  if (parts.type === 'send') return parts;
  const { word, name, arg } = parts;
  switch (name) {
    case 'bots': {
      const count = /^\d+$/.test(arg) ? Number(arg) : NaN;
      return count <= maxBots ? { type: 'bots', count } : { type: 'invalid', error: `/bots takes a number from 0 to ${maxBots}${arg === '' ? '' : `; got ${JSON.stringify(arg)}`}` };
    }
    case 'server':
      return arg === 'stop' || arg === 'start' ? { type: 'server', action: arg } : { type: 'invalid', error: `/server takes stop or start${arg === '' ? '' : `; got ${JSON.stringify(arg)}`}` };
    case 'net': {
      const net = parseNetWords(arg);
      return net.ok ? { type: 'net', net: net.value } : { type: 'invalid', error: `/net: ${JSON.stringify(arg)} is not ${net.expected}` };
    }
    case 'focus': {
      const lane = RACE_LANES.find((one) => one === arg.toLowerCase());
      return lane === undefined ? { type: 'invalid', error: `/focus takes one of ${RACE_LANES.join(', ')}` } : { type: 'focus', lane };
    }
    case 'wire':
      return { type: 'wire' };
    case 'reconnect':
      return { type: 'reconnect' };
    case 'help':
    case '?':
      return { type: 'help' };
    case 'quit':
    case 'exit':
      return { type: 'quit' };
    default:
      return { type: 'unknown', name: word };
  }
}
