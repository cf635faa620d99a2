import { hostname, networkInterfaces } from 'node:os';
import { isIP } from 'node:net';

/**
 * The name a Host header (or an `--allow-host` value) gives: lower case, without the port or a
 * final dot, an IPv6 address in brackets. `Host: LocalHost.:4000` names `localhost`.
 */
export function hostName(value: string): string {
  const text = value.trim();
  let name: string;
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    name = end < 0 ? text : text.slice(0, end + 1);
  } else {
    const colon = text.indexOf(':');
    // More than one colon is a bare IPv6 address, as `--host ::1` gives it.
    name = colon < 0 ? text : text.indexOf(':', colon + 1) < 0 ? text.slice(0, colon) : `[${text}]`;
  }
  if (name.endsWith('.')) name = name.slice(0, -1);
  return name.toLowerCase();
}

/** Addresses that mean "every interface" when bound to. */
const WILDCARDS: ReadonlySet<string> = new Set(['', '0.0.0.0', '[::]', '[::0]']);

function isLoopback(name: string): boolean {
  return name === 'localhost' || name === '[::1]' || (isIP(name) === 4 && name.startsWith('127.'));
}

/**
 * The host names a server bound to `bind` answers for: `localhost`, `127.0.0.1`, `[::1]` and the
 * bind address itself; bound elsewhere than loopback, the machine's own name too (and, bound to
 * every interface, each interface's address), since that is how others reach it; then `extra`
 * (`--allow-host`). Undefined when `extra` has `*`: any name. A page that rebinds its own name to
 * the server's address still sends its own name, so the check refuses it.
 */
export function allowedHosts(bind: string, extra: readonly string[]): ReadonlySet<string> | undefined {
  if (extra.includes('*')) return undefined;
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  const own = hostName(bind);
  if (!WILDCARDS.has(own)) names.add(own);
  if (!isLoopback(own)) {
    const machine = hostname().toLowerCase();
    names.add(machine);
    names.add(machine.split('.')[0]!);
    if (WILDCARDS.has(own)) {
      for (const addresses of Object.values(networkInterfaces())) {
        for (const { address, family } of addresses ?? []) names.add(family === 'IPv6' ? `[${address.replace(/%.*$/, '')}]` : address);
      }
    }
  }
  for (const name of extra) names.add(hostName(name));
  return names;
}
