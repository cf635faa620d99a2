import { decodeErrorAnswer } from '../transports/decode.js';

/** Whether the server lets the page in: yes, not without a (better) token, or not at all (host, origin). */
export type Access = { readonly kind: 'open' } | { readonly kind: 'token'; readonly problem: string } | { readonly kind: 'refused'; readonly problem: string };

/**
 * Asks the server whether it lets this page in with `token`, before any transport tries: GET
 * /presence of the room, which goes through every check a request goes through (host, origin,
 * token) and reads nothing else. A server that cannot be reached lets nobody in or out yet: the
 * client will say so, and retry.
 */
export async function checkAccess(server: string, room: string, token: string | undefined): Promise<Access> {
  let response: Response;
  try {
    response = await fetch(new URL(`/presence?room=${encodeURIComponent(room)}`, server), { headers: token === undefined ? {} : { authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    return { kind: 'open' };
  }
  if (response.ok) return { kind: 'open' };
  const said = decodeErrorAnswer(await response.text().catch(() => '')).error ?? `${response.status} ${response.statusText}`;
  if (response.status === 401) return { kind: 'token', problem: token === undefined ? 'This server asks for a token.' : `The server refused the token: ${said}` };
  if (response.status === 403 || response.status === 421) return { kind: 'refused', problem: `The server refused this page: ${said}` };
  return { kind: 'open' };
}
