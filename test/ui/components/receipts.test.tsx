import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { openClient, renderApp } from '../app-harness.js';
import { makeMessage } from '../fake-client.js';
import { keys } from '../ink-helpers.js';

afterEach(() => cleanup());

describe('read receipts in the app', () => {
  it('shows who has seen your message under it, moving to your newest message each reached', async () => {
    const app = await renderApp();
    const client = app.client();
    openClient(client);
    await app.type('first of mine', keys.enter);
    client.emit('message', makeMessage({ id: 10, user: 'alice', text: 'first of mine', clientId: client.sent[0]!.clientId }));
    await app.frame((f) => f.includes('alice first of mine ✓'));
    client.emit('reads', [{ user: 'bob', id: 10 }]);
    let frame = await app.frame((f) => f.includes('✓ seen by bob'));
    let lines = frame.split('\n');
    expect(lines[lines.findIndex((line) => line.includes('first of mine')) + 1]).toBe('      ✓ seen by bob');
    await app.type('second', keys.enter);
    client.emit('message', makeMessage({ id: 11, user: 'alice', text: 'second', clientId: client.sent[1]!.clientId }));
    client.emit('reads', [{ user: 'carol', id: 10 }, { user: 'bob', id: 11 }]);
    frame = await app.frame((f) => f.includes('✓ seen by carol') && f.includes('alice second ✓\n      ✓ seen by bob'));
    lines = frame.split('\n');
    expect(lines[lines.findIndex((line) => line.includes('first of mine')) + 1]).toBe('      ✓ seen by carol');
  });

  it('tells the client what was read while you look, and not while scrolled up', async () => {
    const app = await renderApp({}, { columns: 60, rows: 14 });
    const client = app.client();
    openClient(client);
    for (let id = 1; id <= 20; id++) client.emit('message', makeMessage({ id, user: 'bob', text: `m${id}` }));
    await app.frame((f) => f.includes('m20'));
    expect(client.markedRead.at(-1)).toBe(20);
    await app.type(keys.pageUp);
    await app.frame((f) => f.includes('more below'));
    client.emit('message', makeMessage({ id: 21, user: 'bob', text: 'while up there' }));
    await app.frame((f) => f.includes('— 1 new —'));
    expect(client.markedRead.at(-1)).toBe(20);
    await app.type(keys.end);
    await app.frame((f) => f.includes('while up there'));
    expect(client.markedRead.at(-1)).toBe(21);
  });
});
