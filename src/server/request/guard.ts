import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../../protocol/index.js';
import { requestScheme } from './client.js';
import { hostName } from './hosts.js';
import type { Identities, Identity, IdentityRefusal } from './identity.js';

/**
 * Who a request is, once let through: with signed identities on, the user its token names
 * (`subject`) and until when it may act as them (`expiresAt`, epoch ms); else nobody in
 * particular. `corsOrigin` is the request's Origin once it passed the origin check, to echo in
 * CORS headers.
 */
export interface Caller {
  readonly ok: true;
  readonly corsOrigin?: string;
  readonly subject?: string;
  readonly expiresAt?: number;
}

export type GuardResult = Caller | { readonly ok: false; readonly status: 401 | 403; readonly code: string; readonly error: string; readonly corsOrigin?: string };

/** A request aimed at a host name this server does not answer for. */
export interface HostRefusal {
  readonly status: 421;
  readonly code: typeof ErrorCode.forbiddenHost;
  readonly error: string;
}

/** A name a request gave that its token does not name. */
export interface NameRefusal {
  readonly status: 403;
  readonly code: typeof ErrorCode.nameMismatch;
  readonly error: string;
}

const PASS: Caller = { ok: true };

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Normalises `--allow-origin` values to `scheme://host[:port]`, keeping `*`. */
export function normaliseOrigins(values: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const value of values) out.add(value === '*' ? '*' : new URL(value).origin);
  return out;
}

/**
 * Undefined when `caller` may act as `user`: always without signed identities, else only as the
 * user its token names.
 */
export function checkName(caller: Caller, user: string): NameRefusal | undefined {
  if (caller.subject === undefined || caller.subject === user) return undefined;
  return { status: 403, code: ErrorCode.nameMismatch, error: `the token is ${JSON.stringify(caller.subject)}'s; it cannot act as ${JSON.stringify(user)}` };
}

/** What a server lets in. */
export interface GuardPolicy {
  /** The shared secret every client must send (`--token`). */
  readonly token?: string | undefined;
  /** Signed identities every client must send one of (`--jwt-secret`); excludes `token`. */
  readonly identities?: Identities | undefined;
  /** `--allow-origin`, normalised (normaliseOrigins). */
  readonly origins: ReadonlySet<string>;
  /** Host names answered for (hosts.ts); undefined for any. */
  readonly hosts: ReadonlySet<string> | undefined;
  /** Whether X-Forwarded-Proto says which scheme a page used. */
  readonly trustProxy: boolean;
}

/**
 * Decides whether a request may go on: first its Host (against DNS rebinding), then its Origin
 * (against cross-site WebSocket hijacking), then its credentials: the shared token, or a signed
 * identity. Terminal clients send no Origin and pass the second check.
 */
export class Guard {
  readonly #token: Buffer | undefined;
  readonly #identities: Identities | undefined;
  readonly #origins: ReadonlySet<string>;
  readonly #hosts: ReadonlySet<string> | undefined;
  readonly #trustProxy: boolean;
  /** The last Host header found allowed, as sent: most requests repeat it, and skip parsing it. */
  #lastHost: string | undefined;

  constructor(policy: GuardPolicy) {
    this.#token = policy.token === undefined ? undefined : digest(policy.token);
    this.#identities = policy.identities;
    this.#origins = policy.origins;
    this.#hosts = policy.hosts;
    this.#trustProxy = policy.trustProxy;
  }

  /**
   * Undefined when the request names a host this server answers for, else why not. A page that
   * made its own name resolve to this server still sends that name as Host. Browsers always send
   * Host, so a request without one (HTTP/1.0 from a terminal) passes.
   */
  checkHost(req: IncomingMessage): HostRefusal | undefined {
    const host = req.headers.host;
    if (host === undefined || host === this.#lastHost || this.#hosts === undefined) return undefined;
    const name = hostName(host);
    if (this.#hosts.has(name)) {
      this.#lastHost = host;
      return undefined;
    }
    const shown = name.slice(0, 80);
    return { status: 421, code: ErrorCode.forbiddenHost, error: `this server does not answer for the host name ${JSON.stringify(shown)}; start it with --allow-host ${shown} to allow it` };
  }

  /**
   * `needToken` is false for a CORS preflight: browsers never send credentials on one, so it is
   * judged on its origin alone and the real request that follows is checked in full. A signed
   * identity not seen before is verified asynchronously; everything else is decided at once.
   */
  check(req: IncomingMessage, url: URL, needToken = true): GuardResult | Promise<GuardResult> {
    const origin = req.headers.origin;
    let corsOrigin: string | undefined;
    if (origin !== undefined) {
      if (!this.#originAllowed(origin, req)) {
        return { ok: false, status: 403, code: ErrorCode.forbiddenOrigin, error: `origin ${origin} is not allowed; start the server with --allow-origin ${origin} to allow it` };
      }
      corsOrigin = origin;
    }
    if (!needToken || (this.#token === undefined && this.#identities === undefined)) return corsOrigin === undefined ? PASS : { ok: true, corsOrigin };
    const given = bearer(req.headers.authorization) ?? url.searchParams.get('token');
    if (given === null) return refused({ status: 401, code: ErrorCode.unauthorized, error: 'a token is required: send Authorization: Bearer <token> or ?token=<token>' }, corsOrigin);
    if (this.#identities !== undefined) {
      const identity = this.#identities.verify(given);
      return identity instanceof Promise ? identity.then((settled) => admitted(settled, corsOrigin)) : admitted(identity, corsOrigin);
    }
    if (!timingSafeEqual(digest(given), this.#token!)) return refused({ status: 401, code: ErrorCode.unauthorized, error: 'the token is not valid' }, corsOrigin);
    return corsOrigin === undefined ? PASS : { ok: true, corsOrigin };
  }

  #originAllowed(origin: string, req: IncomingMessage): boolean {
    if (this.#origins.has('*')) return true;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false;
    }
    // The page's own origin: the host it asked for, over the scheme it came by.
    const host = req.headers.host;
    if (host !== undefined && parsed.protocol === requestScheme(req, this.#trustProxy) && sameHost(parsed, host)) return true;
    return this.#origins.has(parsed.origin);
  }
}

/** A refusal, readable by an allowed page: it carries the origin to echo. */
function refused(refusal: { readonly status: 401 | 403; readonly code: string; readonly error: string }, corsOrigin: string | undefined): GuardResult {
  return { ok: false, ...refusal, ...(corsOrigin === undefined ? {} : { corsOrigin }) };
}

function admitted(identity: Identity | IdentityRefusal, corsOrigin: string | undefined): GuardResult {
  if (!identity.ok) return refused(identity, corsOrigin);
  // An identity is a Caller already: most requests pass the one their token was first accepted as.
  if (corsOrigin === undefined) return identity;
  return { ok: true, subject: identity.subject, expiresAt: identity.expiresAt, ...(corsOrigin === undefined ? {} : { corsOrigin }) };
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
