import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { openClient, renderApp } from '../app-harness.js';
import { makeMessage } from '../fake-client.js';
import { keys } from '../ink-helpers.js';

afterEach(() => cleanup());

const ctrlR = '\u0012';
const escape = '\u001b';
const inputOf = (frame: string): string => frame.split('\n').find((line) => /^(alice|search \d+\/\d+) ›/.test(line))?.trimEnd() ?? '';

async function history() {
  const app = await renderApp({}, { columns: 80, rows: 16 });
  const client = app.client();
  openClient(client);
  client.emit('message', makeMessage({ user: 'bob', text: 'the deploy is at noon' }));
  for (let i = 0; i < 20; i++) client.emit('message', makeMessage({ user: 'carol', text: `chatter ${i}` }));
  client.emit('message', makeMessage({ user: 'bob', text: 'deploy failed, rolling back' }));
  for (let i = 20; i < 40; i++) client.emit('message', makeMessage({ user: 'carol', text: `chatter ${i}` }));
  await app.frame((f) => f.includes('chatter 39'));
  return app;
}

describe('search', () => {
  it('Ctrl+R searches as you type, shows the newest match, goes older with Ctrl+R and back with Esc', async () => {
    const app = await history();
    await app.type('half a message');
    await app.type(ctrlR);
    await app.frame((f) => inputOf(f) === 'search 0/0 ›' && f.includes('Esc goes back'));
    await app.type('dep');
    let frame = await app.frame((f) => inputOf(f) === 'search 2/2 › dep' && f.includes('deploy failed'));
    expect(frame).not.toContain('chatter 39');
    await app.type(ctrlR);
    await app.frame((f) => inputOf(f) === 'search 1/2 › dep' && f.includes('the deploy is at noon'));
    await app.type(keys.down);
    await app.frame((f) => inputOf(f) === 'search 2/2 › dep');
    await app.type(escape);
    frame = await app.frame((f) => f.includes('chatter 39') && inputOf(f) === 'alice › half a message');
    expect(frame).not.toContain('deploy failed');
  });

  it('/search WORD jumps to the newest match and Enter stays there', async () => {
    const app = await history();
    await app.type('/search noon', keys.enter);
    await app.frame((f) => inputOf(f) === 'search 1/1 › noon' && f.includes('the deploy is at noon'));
    await app.type(keys.enter);
    const frame = await app.frame((f) => inputOf(f) === 'alice ›');
    expect(frame).toContain('the deploy is at noon');
    expect(frame).toContain('more below');
  });
});
