import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PageStartError } from '../../src/server/base/errors.js';
import { PAGE_CSP } from '../../src/server/http/web-page.js';
import { startServer } from '../../src/server/server.js';
import { errorBody, http } from '../helpers/http.js';
import { startTestServer, tempDir } from '../helpers/server.js';

const HTML = '<!doctype html><title>termchat</title><script type="module" src="/assets/page-abc123.js"></script>';
const SCRIPT = 'document.title = "ok";';
const STYLE = 'body { margin: 0 }';

/** A built page as `npm run build` leaves it, with a file the server does not serve beside. */
function builtPage(): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), HTML);
  writeFileSync(join(dir, 'assets', 'page-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'assets', 'page-abc123.css'), STYLE);
  writeFileSync(join(dir, 'assets', 'notes.txt'), 'not served');
  return dir;
}

describe('the web page', () => {
  it('serves its HTML at /, whatever the query, with a CSP that keeps it to its own server', async () => {
    const server = await startTestServer({ webRoot: builtPage() });
    for (const path of ['/', '/?room=dev&transport=sse&as=Ann']) {
      const answer = await http(`${server.url}${path}`);
      expect(answer.status).toBe(200);
      expect(answer.text).toBe(HTML);
      expect(answer.headers).toMatchObject({
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(HTML.length),
        'cache-control': 'no-cache',
        'content-security-policy': PAGE_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      });
      expect(answer.headers.etag).toMatch(/^"[\w-]{22}"$/);
    }
    expect(PAGE_CSP).toMatch(/default-src 'none'.*connect-src 'self'/);
  });

  it('serves its script and style under their hashed names for a year, and nothing else of the folder', async () => {
    const server = await startTestServer({ webRoot: builtPage() });
    const script = await http(`${server.url}/assets/page-abc123.js`);
    expect([script.status, script.text, script.headers['content-type'], script.headers['cache-control']]).toEqual([200, SCRIPT, 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable']);
    const style = await http(`${server.url}/assets/page-abc123.css`);
    expect([style.status, style.text, style.headers['content-type']]).toEqual([200, STYLE, 'text/css; charset=utf-8']);
    for (const path of ['/assets/notes.txt', '/assets/page-abc124.js', '/index.html', '/assets', '/assets/']) {
      const answer = await http(`${server.url}${path}`);
      expect([path, answer.status, errorBody(answer).code]).toEqual([path, 404, 'not_found']);
    }
  });

  it('answers HEAD with the headers alone and 304 to a client that holds the same version', async () => {
    const server = await startTestServer({ webRoot: builtPage() });
    const head = await http(`${server.url}/`, { method: 'HEAD' });
    expect([head.status, head.text, head.headers['content-length']]).toEqual([200, '', String(HTML.length)]);
    const etag = head.headers.etag!;
    for (const held of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await http(`${server.url}/`, { headers: { 'if-none-match': held } });
      expect([held, again.status, again.text, again.headers.etag]).toEqual([held, 304, '', etag]);
    }
    expect((await http(`${server.url}/`, { headers: { 'if-none-match': '"stale"' } })).status).toBe(200);
  });

  it('takes only GET and HEAD, saying so', async () => {
    const server = await startTestServer({ webRoot: builtPage() });
    const answer = await http(`${server.url}/`, { method: 'POST', body: '{}' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
    expect(errorBody(answer).code).toBe('method_not_allowed');
  });

  it('asks no token for its own files, which hold no chat, while everything it talks to does', async () => {
    const server = await startTestServer({ webRoot: builtPage(), token: 's3cret' });
    expect((await http(`${server.url}/`)).status).toBe(200);
    expect((await http(`${server.url}/assets/page-abc123.js`)).status).toBe(200);
    const messages = await http(`${server.url}/messages?room=lobby`);
    expect([messages.status, errorBody(messages).code]).toEqual([401, 'unauthorized']);
  });

  it('keeps the host and origin rules: another host name is refused, another origin too, its own origin passes', async () => {
    const server = await startTestServer({ webRoot: builtPage() });
    const host = await http(`${server.url}/`, { headers: { host: 'evil.example' } });
    expect([host.status, errorBody(host).code]).toEqual([421, 'forbidden_host']);
    const origin = await http(`${server.url}/assets/page-abc123.js`, { headers: { origin: 'http://evil.example' } });
    expect([origin.status, errorBody(origin).code]).toEqual([403, 'forbidden_origin']);
    const own = await http(`${server.url}/assets/page-abc123.js`, { headers: { origin: server.url } });
    expect(own.status).toBe(200);
  });

  it('is not there without a page to serve (--no-web): / is an unknown path as before', async () => {
    const server = await startTestServer();
    const answer = await http(`${server.url}/`);
    expect([answer.status, errorBody(answer)]).toEqual([404, { code: 'not_found', error: 'no endpoint at /; see docs/protocol.md' }]);
  });

  it('will not start on a page that was not built, saying how to build it or do without', async () => {
    const missing = join(tempDir(), 'page');
    const start = startServer({ port: 0, memory: true, statsIntervalSeconds: 0, log: () => {}, webRoot: missing });
    await expect(start).rejects.toThrow(PageStartError);
    await expect(start).rejects.toThrow(/^the web page is not built \(ENOENT.*\): run npm run build, or serve without it \(--no-web\)$/);
  });
});
