import { decodeMessagesPage } from './decode.js';
import { textBytes, utf8Length } from './stats-math.js';
import type { HttpPurpose } from './wire-events.js';

// What the wire view reads from an HTTP request or answer as it went over the wire: what it was
// for, from its method and path (docs/protocol.md); the message text it carried, from its body.
// Read only while someone watches, so that the transports need say nothing of it.

/** What a request to termchat's server is for, from its method and path. */
export function purposeOf(method: 'GET' | 'POST', path: string): HttpPurpose {
  const [route = '', query = ''] = path.split('?');
  if (route.endsWith('/ws')) return 'upgrade';
  if (route.endsWith('/events')) return 'events';
  if (route.endsWith('/presence')) return 'presence';
  if (route.endsWith('/typing')) return 'typing';
  // Read receipts: a position told (POST /read), the room's asked by a poller (GET /reads).
  if (route.endsWith('/reads')) return 'reads';
  if (route.endsWith('/read')) return 'read';
  if (method === 'POST') return 'send';
  return /(^|&)wait=[1-9]/.test(query) ? 'long poll' : 'poll';
}

/** How long a long poll asks to be held, from its `wait`; undefined for any other request. */
export function waitOf(path: string): number | undefined {
  const wait = /[?&]wait=(\d+)/.exec(path)?.[1];
  return wait === undefined ? undefined : Number(wait);
}

/** Bytes of message text a send's body carries; 0 for any other body. */
export function sentText(body: string | undefined): number {
  if (body === undefined) return 0;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && 'text' in parsed && typeof parsed.text === 'string' ? utf8Length(parsed.text) : 0;
  } catch {
    return 0;
  }
}

/** The messages a poll's answer carried, and the bytes of their text; undefined for an answer that is no page. */
export function pageContent(body: string): { readonly messages: number; readonly payload: number } | undefined {
  const page = decodeMessagesPage(body);
  return page === undefined ? undefined : { messages: page.messages.length, payload: textBytes(page.messages) };
}
