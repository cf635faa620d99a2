import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../../protocol/index.js';
import { requestScheme } from './client.js';
import { hostName } from './hosts.js';

/** `corsOrigin` is the request's Origin once it passed the origin check, to echo in CORS headers. */
export type GuardResult =
  | { readonly ok: true; readonly corsOrigin?: string }
  | { readonly ok: false; readonly status: 401 | 403; readonly code: string; readonly error: string; readonly corsOrigin?: string };

/** A request aimed at a host name this server does not answer for. */
export interface HostRefusal {
  readonly status: 421;
  readonly code: typeof ErrorCode.forbiddenHost;
  readonly error: string;
}

const PASS: GuardResult = { ok: true };

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Normalises `--allow-origin` values to `scheme://host[:port]`, keeping `*`. */
export function normaliseOrigins(values: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const value of values) out.add(value === '*' ? '*' : new URL(value).origin);
  return out;
}

/**
 * Decides whether a request may go on: first its Host (against DNS rebinding), then its Origin
 * (against cross-site WebSocket hijacking), then its token. Terminal clients send no Origin and
 * pass the second check.
 */
export class Guard {
  readonly #token: Buffer | undefined;
  /** The last Host header found allowed, as sent: most requests repeat it, and skip parsing it. */
  #lastHost: string | undefined;

  constructor(
    token: string | undefined,
    private readonly allowedOrigins: ReadonlySet<string>,
    /** Undefined: any host name. */
    private readonly allowedHosts: ReadonlySet<string> | undefined,
    /** Whether X-Forwarded-Proto says which scheme the page used. */
    private readonly trustProxy = false,
  ) {
    this.#token = token === undefined ? undefined : digest(token);
  }

  /**
   * Undefined when the request names a host this server answers for, else why not. A page that
   * made its own name resolve to this server still sends that name as Host. Browsers always send
   * Host, so a request without one (HTTP/1.0 from a terminal) passes.
   */
  checkHost(req: IncomingMessage): HostRefusal | undefined {
    const host = req.headers.host;
    if (host === undefined || host === this.#lastHost || this.allowedHosts === undefined) return undefined;
    const name = hostName(host);
    if (this.allowedHosts.has(name)) {
      this.#lastHost = host;
      return undefined;
    }
    const shown = JSON.stringify(name.slice(0, 80));
    return { status: 421, code: ErrorCode.forbiddenHost, error: `this server does not answer for the host name ${shown}; start it with --allow-host ${name.slice(0, 80)} to allow it` };
  }

  /**
   * `needToken` is false for a CORS preflight: browsers never send credentials on one, so it is
   * judged on its origin alone and the real request that follows is checked in full.
   */
  check(req: IncomingMessage, url: URL, needToken = true): GuardResult {
    const origin = req.headers.origin;
    let corsOrigin: string | undefined;
    if (origin !== undefined) {
      if (!this.#originAllowed(origin, req)) {
        return { ok: false, status: 403, code: ErrorCode.forbiddenOrigin, error: `origin ${origin} is not allowed; start the server with --allow-origin ${origin} to allow it` };
      }
      corsOrigin = origin;
    }
    if (this.#token !== undefined && needToken) {
      const given = bearer(req.headers.authorization) ?? url.searchParams.get('token');
      if (given === null || !timingSafeEqual(digest(given), this.#token)) {
        const refusal = {
          ok: false,
          status: 401,
          code: ErrorCode.unauthorized,
          error: given === null ? 'a token is required: send Authorization: Bearer <token> or ?token=<token>' : 'the token is not valid',
        } as const;
        // An allowed page may read why it was refused.
        return corsOrigin === undefined ? refusal : { ...refusal, corsOrigin };
      }
    }
    return corsOrigin === undefined ? PASS : { ok: true, corsOrigin };
  }

  #originAllowed(origin: string, req: IncomingMessage): boolean {
    if (this.allowedOrigins.has('*')) return true;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false;
    }
    // The page's own origin: the host it asked for, over the scheme it came by.
    const host = req.headers.host;
    if (host !== undefined && parsed.protocol === requestScheme(req, this.trustProxy) && sameHost(parsed, host)) return true;
    return this.allowedOrigins.has(parsed.origin);
  }
}

function bearer(header: string | undefined): string | null {
  if (header === undefined) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match === null ? null : match[1]!;
}

/** Whether a Host header names the origin's host; parsed alike, so case and default ports do not matter. */
function sameHost(origin: URL, host: string): boolean {
  try {
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}
