import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { PageStartError } from '../base/errors.js';
import type { PageFiles } from '../room/context.js';

/**
 * What the page may reach: its own files and its own server (`'self'` covers ws: and wss: to the
 * same host), nothing else. No inline script or style, no frames, no forms that post, no base.
 */
export const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** A file of the page, ready to send. */
interface PageFile {
  readonly body: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  readonly etag: string;
}

/** A year: an asset's name carries a hash of its content, so a changed asset is another URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The built web page (dist/page, `npm run build`), read once when the server starts and served
 * from memory: `/` is its HTML, asked again each time (`no-cache`, answered 304 while its ETag
 * holds), `/assets/NAME` its script and style, whose names change with their content.
 */
export class WebPage implements PageFiles {
  readonly #files: ReadonlyMap<string, PageFile>;

  private constructor(files: ReadonlyMap<string, PageFile>) {
    this.#files = files;
  }

  /** Reads the page from `dir`; a missing page is a PageStartError saying how to build it. */
  static async load(dir: string): Promise<WebPage> {
    const files = new Map<string, PageFile>();
    let html: Buffer;
    let assets: string[];
    try {
      html = await readFile(join(dir, 'index.html'));
      assets = await readdir(join(dir, 'assets'));
    } catch (error) {
      throw new PageStartError(`the web page is not built (${(error as Error).message}): run npm run build, or serve without it (--no-web)`);
    }
    files.set('/', pageFile(html, '.html', 'no-cache', { 'content-security-policy': PAGE_CSP, 'referrer-policy': 'no-referrer', 'cross-origin-opener-policy': 'same-origin' }));
    for (const name of assets) {
      const type = extname(name);
      if (TYPES[type] === undefined) continue;
      files.set(`/assets/${name}`, pageFile(await readFile(join(dir, 'assets', name)), type, IMMUTABLE));
    }
    return new WebPage(files);
  }

  /** Whether `path` is one of the page's files. */
  has(path: string): boolean {
    return this.#files.has(path);
  }

  /** Answers GET or HEAD of one of its files; 304 when the client holds it already. */
  send(req: IncomingMessage, res: ServerResponse, path: string): void {
    const file = this.#files.get(path);
    if (file === undefined) throw new Error(`no page file at ${path}`);
    if (matches(req.headers['if-none-match'], file.etag)) {
      res.writeHead(304, { etag: file.etag, 'cache-control': file.headers['cache-control']! }).end();
      return;
    }
    res.writeHead(200, file.headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }
}

function pageFile(body: Buffer, type: string, cache: string, extra: Readonly<Record<string, string>> = {}): PageFile {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  const headers = { 'content-type': TYPES[type]!, 'content-length': String(body.length), 'cache-control': cache, etag, 'x-content-type-options': 'nosniff', ...extra };
  return { body, headers, etag };
}

/** Whether If-None-Match names `etag` (or is `*`); weak tags match their strong twin, as RFC 9110 asks for GET. */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}
