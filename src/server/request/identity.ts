import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { checkUser, ErrorCode } from '../../protocol/index.js';

/** The one algorithm of termchat's identities: HMAC-SHA256 with the operator's secret. */
const ALGORITHM = 'HS256';

/** A token a server accepted: whose it is, and until when (epoch ms). */
export interface Identity {
  readonly ok: true;
  readonly subject: string;
  readonly expiresAt: number;
}

/** Why a token was not accepted: it was missing, forged or broken (unauthorized), or expired. */
export interface IdentityRefusal {
  readonly ok: false;
  readonly status: 401;
  readonly code: typeof ErrorCode.unauthorized | typeof ErrorCode.tokenExpired;
  readonly error: string;
}

/** Tokens longer than this are not even looked at: a termchat token is a few hundred bytes. */
const MAX_TOKEN_LENGTH = 4096;
/** Accepted tokens remembered, so that a poller's hundredth request costs a lookup, not an HMAC. */
const CACHE_SIZE = 4096;

const secretBytes = (secret: string): Uint8Array => new TextEncoder().encode(secret);

/** The secret as a key, imported once: given raw bytes, jose would import them at every call. */
function importSecret(secret: string, usage: 'sign' | 'verify'): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('raw', secretBytes(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
}

function expired(expiresAt: number): IdentityRefusal {
  return { ok: false, status: 401, code: ErrorCode.tokenExpired, error: `the token expired at ${new Date(expiresAt).toISOString()}; ask for a new one (termchat token --user NAME)` };
}

const invalid = (why: string): IdentityRefusal => ({ ok: false, status: 401, code: ErrorCode.unauthorized, error: `the token is not valid: ${why}` });

/**
 * Signed identities: HS256 JWTs made with the server's secret, whose `sub` is the user name and
 * whose `exp` says until when. A token is verified once (jose), then remembered until it expires.
 */
export class Identities {
  readonly #accepted = new Map<string, Identity>();

  private constructor(
    private readonly key: webcrypto.CryptoKey,
    private readonly now: () => number,
  ) {}

  static async open(secret: string, now: () => number): Promise<Identities> {
    return new Identities(await importSecret(secret, 'verify'), now);
  }

  /** The identity `token` proves, or why it proves none; synchronous for a token already accepted. */
  verify(token: string): Identity | IdentityRefusal | Promise<Identity | IdentityRefusal> {
    const known = this.#accepted.get(token);
    if (known !== undefined) {
      if (known.expiresAt > this.now()) return known;
      this.#accepted.delete(token);
      return expired(known.expiresAt);
    }
    if (token.length > MAX_TOKEN_LENGTH) return invalid(`it is over ${MAX_TOKEN_LENGTH} characters`);
    return this.#check(token);
  }

  async #check(token: string): Promise<Identity | IdentityRefusal> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: [ALGORITHM], requiredClaims: ['sub', 'exp'], currentDate: new Date(this.now()) }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) return expired(Number(error.payload.exp) * 1000);
      if (error instanceof errors.JOSEError) return invalid(error.message);
      throw error;
    }
    const user = checkUser(payload.sub);
    if (!user.ok) return invalid(`its sub is no user name (${user.error})`);
    const identity: Identity = { ok: true, subject: user.value, expiresAt: payload.exp! * 1000 };
    if (this.#accepted.size >= CACHE_SIZE) this.#accepted.clear();
    this.#accepted.set(token, identity);
    return identity;
  }
}

/** A token for `user`, valid for `ttlMs` from `now`, signed with `secret`: what `termchat token` prints. */
export async function mintToken(secret: string, user: string, ttlMs: number, now: () => number = Date.now): Promise<string> {
  const issuedAt = Math.floor(now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(user)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + Math.ceil(ttlMs / 1000))
    .sign(await importSecret(secret, 'sign'));
}
