import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { HELP_LINES } from '../../../src/ui/commands/run-command.js';
import { waitFor } from '../../helpers/wait.js';
import { openClient, renderApp } from '../app-harness.js';
import { makeMessage } from '../fake-client.js';
import { keys } from '../ink-helpers.js';

afterEach(() => cleanup());

describe('slash commands in the app', () => {
  it('/help lists the commands', async () => {
    const app = await renderApp({}, { columns: 140, rows: 20 });
    await app.type('/help', keys.enter);
    const frame = await app.frame((f) => f.includes('commands: /help'));
    expect(frame).toContain(HELP_LINES[0]);
    expect(app.client().sent).toHaveLength(0);
  });

  it('/who lists who is online', async () => {
    const app = await renderApp();
    app.client().setOnline([
      { user: 'alice', transport: 'ws' },
      { user: 'bob', transport: 'poll' },
    ]);
    await app.type('/who', keys.enter);
    await app.frame((f) => f.includes('2 online: alice (ws), bob (poll)'));
  });

  it('says so for an unknown command', async () => {
    const app = await renderApp();
    await app.type('/frobnicate', keys.enter);
    await app.frame((f) => f.includes('unknown command /frobnicate; /help lists the commands'));
  });

  it('/transport switches live, keeps the conversation and is remembered', async () => {
    const app = await renderApp({ transport: 'auto' });
    const client = app.client();
    openClient(client);
    client.emit('message', makeMessage({ user: 'bob', text: 'still here' }));
    await app.type('/transport sse', keys.enter);
    await app.frame((f) => f.includes('switching to sse…'));
    expect(client.switches).toEqual(['sse']);
    expect(app.clients).toHaveLength(1);
    client.setState({ status: 'connecting', attempt: 0, transport: 'sse' });
    client.setState({ status: 'open', transport: 'sse', since: 1 });
    const frame = await app.frame((f) => f.includes('now using sse'));
    expect(frame).toContain('still here');
    expect(frame.split('\n')[0]).toContain('  sse  ');
    expect(app.remembered).toEqual([{ server: 'http://127.0.0.1:4000' }, { transport: 'sse' }]);
  });

  it('/nick makes a new client under the new name, resuming after the last message, and keeps the conversation', async () => {
    const app = await renderApp();
    const first = app.client();
    openClient(first);
    first.emit('message', makeMessage({ id: 41, user: 'bob', text: 'before the rename' }));
    await app.frame((f) => f.includes('before the rename'));
    await app.type('/nick alicia', keys.enter);
    await app.frame((f) => f.includes('alicia ›'));
    expect(app.clients).toHaveLength(2);
    const second = app.client();
    await waitFor(() => second.connectCalls === 1, 2000, 'connect() of the new client');
    expect(first.closeCalls).toBe(1);
    expect(first.listenerCount()).toBe(0);
    expect(second.options).toMatchObject({ user: 'alicia', room: 'lobby', since: 41 });
    const frame = await app.frame((f) => f.includes('you are now alicia'));
    expect(frame).toContain('before the rename');
    expect(app.remembered).toEqual([{ server: 'http://127.0.0.1:4000' }, { user: 'alicia' }]);
  });

  it('/join opens another room beside the first, with a conversation of its own', async () => {
    const app = await renderApp();
    const lobby = app.client();
    openClient(lobby);
    app.client().emit('message', makeMessage({ user: 'bob', text: 'lobby talk' }));
    await app.frame((f) => f.includes('lobby talk'));
    await app.type('/join dev', keys.enter);
    const frame = await app.frame((f) => f.includes('#dev'));
    expect(frame).not.toContain('lobby talk');
    expect(frame).toContain('joining #dev…');
    expect(app.client().options).toMatchObject({ room: 'dev', since: 0, user: 'alice' });
    expect(app.remembered).toEqual([{ server: 'http://127.0.0.1:4000' }, { room: 'dev', rooms: ['lobby', 'dev'] }]);
    expect(frame.split('\n')[0]).toMatch(/^#lobby {2}#dev {2}alice @/);
    expect(lobby.closeCalls).toBe(0);
  });

  it('/join with a bad room name says what is allowed', async () => {
    const app = await renderApp({}, { columns: 140, rows: 20 });
    await app.type('/join Not Valid', keys.enter);
    await app.frame((f) => f.includes('room must match'));
    expect(app.clients).toHaveLength(1);
  });

  it('/reconnect retries now', async () => {
    const app = await renderApp();
    app.client().setState({ status: 'reconnecting', attempt: 1, delayMs: 1000, retryAt: app.client().clock.now() + 1000, reason: 'down' });
    await app.type('/reconnect', keys.enter);
    await app.frame((f) => f.includes('retrying now'));
    expect(app.client().retryCalls).toBe(1);
  });

  it('/clear empties the screen and nothing comes back', async () => {
    const app = await renderApp();
    openClient(app.client());
    const message = makeMessage({ user: 'bob', text: 'soon gone' });
    app.client().emit('message', message);
    await app.frame((f) => f.includes('soon gone'));
    await app.type('/clear', keys.enter);
    await app.frame((f) => !f.includes('soon gone'));
    app.client().emit('message', message);
    app.client().emit('message', makeMessage({ user: 'bob', text: 'fresh' }));
    const frame = await app.frame((f) => f.includes('fresh'));
    expect(frame).not.toContain('soon gone');
  });

  it('/quit and Ctrl+C quit', async () => {
    const app = await renderApp();
    await app.type('/quit', keys.enter);
    expect(app.quits()).toBe(1);
    await app.type(keys.ctrlC);
    expect(app.quits()).toBe(2);
  });

  it('sends "//" lines as a message starting with /', async () => {
    const app = await renderApp();
    await app.type('//shrug', keys.enter);
    await app.frame((f) => f.includes('alice /shrug'));
    expect(app.client().sent.map((e) => e.text)).toEqual(['/shrug']);
  });
});
