import { isIP } from 'node:net';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';

import type { DialTarget } from './types.js';

/** The connect options that send a socket meant for a server to its DialTarget instead. */
export interface DialOptions {
  readonly host: string;
  readonly port: number;
  /** SNI: the server's name (none for an address, as a direct connection sends none). */
  readonly servername?: string;
  /** TLS: the certificate is checked against the server's name, not the address connected to. */
  readonly checkServerIdentity: (host: string, cert: PeerCertificate) => Error | undefined;
}

/**
 * Connect options for a socket to `server` that goes to `dial` instead: only the address
 * changes; TLS still names and checks the server (plain TCP ignores the TLS options).
 */
export function dialOptions(server: URL, dial: DialTarget): DialOptions {
  const name = server.hostname.replace(/^\[(.*)\]$/, '$1');
  const isAddress = isIP(name) !== 0;
  return {
    host: dial.host,
    port: dial.port,
    ...(isAddress ? {} : { servername: name }),
    // Node checks the certificate against the host it connected to, which is now the relay's.
    checkServerIdentity: (_host, cert) => checkServerIdentity(name, cert),
  };
}
