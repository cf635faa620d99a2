import type { TransportChoice } from '../transports/types.js';

/** Small talk any bot may say, in the spirit of the polling study termchat grew from. */
export const SMALL_TALK: readonly string[] = [
  'Morning, everyone! Coffee is on.',
  'Anyone catch the match last night? What a finish.',
  'How is everybody doing today?',
  'Lunch plans, anyone? I could go for noodles.',
  'Still here, just quietly watching the numbers.',
  'Weekend plans? I hear it is going to be sunny.',
  'What are you all working on today?',
  'Back in a minute, someone is at the door.',
  'Did anyone else find that last meeting a bit long?',
  'Try /transport poll and watch req/s climb, then /transport ws and watch it rest.',
  'Look at the waste figure in the status bar: how many questions came back empty?',
  'If your connection drops, watch the status bar count down: we all come back, nothing lost.',
  'How long did my last message take to reach you?',
  'Is it just me, or is it quiet in here today?',
];

/** What each transport would say about itself: the demo doubles as a lesson. */
const ABOUT_TRANSPORT: Readonly<Record<TransportChoice, readonly string[]>> = {
  poll: [
    'I ask the server every second whether there is news. Mostly there is not.',
    'Knock knock. Anything new? No? Fine, I will ask again in a second.',
    'This polling thing feels a bit wasteful, right? Every question is a new request.',
  ],
  longpoll: [
    'I ask once and the server holds my question until something happens.',
    'Long polling: the same question as the pollers, but I wait for the answer.',
    'Each answer costs me a fresh request, but at least the empty ones are rare.',
  ],
  sse: [
    'I just listen on one stream, like a radio. Talking back takes a POST.',
    'Server-Sent Events: the server pushes, I read. Cheap when nothing happens.',
    'My stream has been open the whole time; the keep-alives are all it costs.',
  ],
  ws: [
    'One WebSocket, open the whole time, both ways. Quiet when nothing happens.',
    'No polling here: the server pushes your message to me the moment it lands.',
    'My ping round trip is well under a millisecond on this machine.',
  ],
  auto: [
    'I took whatever worked first: WebSocket if it can, then SSE, then polling.',
  ],
};

/** The lines a bot on `transport` picks from: its own transport's and the small talk. */
export function linesFor(transport: TransportChoice): readonly string[] {
  return [...ABOUT_TRANSPORT[transport], ...SMALL_TALK];
}
