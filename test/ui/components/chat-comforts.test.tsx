import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { openClient, renderApp } from '../app-harness.js';
import { makeMessage } from '../fake-client.js';
import { keys } from '../ink-helpers.js';

afterEach(() => cleanup());

const inputOf = (frame: string): string => frame.split('\n').find((line) => line.startsWith('alice ›'))?.trimEnd() ?? '';

describe('chat comforts', () => {
  it('completes the name of someone in the room with Tab, and cycles on the next Tab', async () => {
    const app = await renderApp();
    const client = app.client();
    openClient(client);
    client.setOnline([
      { user: 'alice', transport: 'ws' },
      { user: 'bob', transport: 'sse' },
      { user: 'bella', transport: 'poll' },
    ]);
    await app.type('b', '\t');
    await app.frame((f) => inputOf(f) === 'alice › bella:');
    await app.type('\t');
    await app.frame((f) => inputOf(f) === 'alice › bob:');
    await app.type('see you, bel', '\t');
    await app.frame((f) => inputOf(f) === 'alice › bob: see you, bella');
    await app.type(keys.ctrlU, '/tr', '\t', 'l', '\t');
    await app.frame((f) => inputOf(f) === 'alice › /transport longpoll');
  });

  it('shows /me as an action, and /time turns the timestamps off and on', async () => {
    const app = await renderApp();
    const client = app.client();
    openClient(client);
    client.emit('message', makeMessage({ user: 'bob', text: '/me waves' }));
    await app.frame((f) => f.includes('12:00 * bob waves'));
    await app.type('/time', keys.enter);
    await app.frame((f) => f.includes('\n* bob waves') && !f.includes('12:00'));
    await app.type('/time', keys.enter);
    await app.frame((f) => f.includes('12:00 * bob waves'));
    await app.type('/me nods', keys.enter);
    await app.frame((f) => f.includes('* alice nods'));
    expect(client.sent.map((entry) => entry.text)).toEqual(['/me nods']);
  });

  it('puts a day divider in history that spans days', async () => {
    const app = await renderApp({}, { columns: 80, rows: 20 });
    const client = app.client();
    openClient(client);
    const day = (date: number, hour: number): number => new Date(2025, 0, date, hour).getTime();
    client.emit('message', makeMessage({ user: 'bob', text: 'late on Monday', serverAt: day(6, 23) }));
    client.emit('message', makeMessage({ user: 'bob', text: 'early on Tuesday', serverAt: day(7, 8) }));
    const frame = await app.frame((f) => f.includes('early on Tuesday'));
    const lines = frame.split('\n');
    const divider = lines.findIndex((line) => line.includes('—— Tuesday 7 January 2025 ——'));
    expect(lines[divider - 1]).toContain('late on Monday');
    expect(lines[divider + 1]).toContain('early on Tuesday');
  });

  it('draws addresses as terminal hyperlinks where the terminal shows them, and as plain text elsewhere', async () => {
    const linked = await renderApp({}, undefined, { hyperlinks: true });
    openClient(linked.client());
    linked.client().emit('message', makeMessage({ user: 'bob', text: 'docs at https://example.com/docs ok' }));
    const frame = await linked.frame((f) => f.includes('https://example.com/docs'));
    expect(frame).toContain('\u001b]8;;https://example.com/docs\u001b\\https://example.com/docs\u001b]8;;\u001b\\');
    cleanup();
    const plain = await renderApp();
    openClient(plain.client());
    plain.client().emit('message', makeMessage({ user: 'bob', text: 'docs at https://example.com/docs ok' }));
    expect(await plain.frame((f) => f.includes('docs at https://example.com/docs ok'))).not.toContain('\u001b]8');
  });
});
