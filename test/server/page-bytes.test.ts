import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAGE_MAX_BYTES, type GetMessagesResponse, type Message } from '../../src/protocol/index.js';
import { messageJsonBytes } from '../../src/server/store/page-bytes.js';
import { http, postMessage } from '../helpers/http.js';
import { startTestServer } from '../helpers/server.js';

// 4,000 characters that JSON escapes to six bytes each: 24 KB a message as the server writes it.
const HEAVY = '\u0001'.repeat(4000);
const COUNT = 60;

async function page(url: string, query: string): Promise<{ bytes: number; body: GetMessagesResponse }> {
  const answer = await http(`${url}/messages?room=lobby&${query}`);
  expect(answer.status).toBe(200);
  return { bytes: Buffer.byteLength(answer.text), body: JSON.parse(answer.text) as GetMessagesResponse };
}

describe('GET /messages pages', () => {
  it('stay under the byte cap however heavily their texts escape, and hasMore leads to the rest', async () => {
    const server = await startTestServer({ rate: undefined });
    for (let i = 1; i <= COUNT; i++) await postMessage(server.url, { user: 'u', text: HEAVY, clientId: `c${i}` });

    const seen: number[] = [];
    let pages = 0;
    for (let since = 0, more = true; more; pages++) {
      const { bytes, body } = await page(server.url, `since=${since}`);
      // The cap is on the messages; the envelope around them is a few dozen bytes more.
      expect(bytes).toBeLessThanOrEqual(PAGE_MAX_BYTES + 200);
      expect(body.messages.length).toBeGreaterThan(0);
      seen.push(...body.messages.map((m) => m.id));
      since = seen.at(-1)!;
      more = body.hasMore;
    }
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(Array.from({ length: COUNT }, (_, i) => i + 1));

    // A long poll that finds history at once answers under the same cap.
    const held = await page(server.url, 'since=0&wait=5000');
    expect(held.bytes).toBeLessThanOrEqual(PAGE_MAX_BYTES + 200);
    expect(held.body.hasMore).toBe(true);
  });
});

describe('messageJsonBytes', () => {
  // Every kind of UTF-16 unit: escaped controls, quotes and backslashes, one- to three-byte
  // characters, pairs, and lone halves, which JSON.stringify writes as \udXXX.
  const unit = fc.oneof(
    fc.constantFrom('\u0000', '\u0001', '\b', '\t', '\n', '\f', '\r', '\u001f', '"', '\\', '/', '\u007f', 'é', '\u2028', '中', '\ud800', '\udfff', '\u{1F600}'),
    fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  );
  const text = fc.string({ unit, maxLength: 40 });
  const number = fc.oneof(fc.nat(), fc.double({ min: 0, max: Number.MAX_SAFE_INTEGER, noNaN: true }));
  const message: fc.Arbitrary<Message> = fc
    .record({ id: fc.integer({ min: 1 }), room: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,31}$/), user: text, text, sentAt: number, serverAt: number, clientId: fc.option(text, { nil: undefined }) })
    .map(({ clientId, ...rest }) => (clientId === undefined ? rest : { ...rest, clientId }));

  it('counts exactly the bytes of JSON.stringify in UTF-8, without making it', () => {
    fc.assert(
      fc.property(message, (m) => messageJsonBytes(m) === Buffer.byteLength(JSON.stringify(m))),
      { numRuns: 500 },
    );
  });
});
