import { describe, expect, it } from 'vitest';
import { resolveBotsOptions } from '../../src/commands/bots-options.js';
import { demoSession, resolveDemoOptions } from '../../src/commands/demo-options.js';
import { UsageError } from '../../src/commands/usage-error.js';

describe('resolveBotsOptions', () => {
  it('defaults to four bots, one per transport, every 3 s, on the local server', () => {
    expect(resolveBotsOptions({}, {})).toEqual({
      count: 4,
      transports: ['ws', 'sse', 'longpoll', 'poll'],
      everyMs: 3000,
      prefix: 'bot',
      connection: { server: 'http://127.0.0.1:4000', room: 'lobby' },
    });
  });

  it('takes flags over the TERMCHAT_* variables join reads', () => {
    const env = { TERMCHAT_SERVER: 'http://a:1', TERMCHAT_ROOM: 'ops', TERMCHAT_TOKEN: 't', TERMCHAT_INTERVAL: '300', TERMCHAT_KEEPALIVE: 'yes' };
    expect(resolveBotsOptions({}, env).connection).toEqual({ server: 'http://a:1', room: 'ops', interval: 300, keepalive: true, token: 't' });
    const plan = resolveBotsOptions({ server: 'b:2,http://c:3/', room: 'dev', count: '7', transport: 'poll, ws', every: '250', as: 'load', interval: '100' }, env);
    expect(plan).toMatchObject({ count: 7, transports: ['poll', 'ws'], everyMs: 250, prefix: 'load', connection: { server: 'http://b:2,http://c:3', room: 'dev', interval: 100 } });
  });

  it.each([
    [{ count: '1001' }, '--count must be a whole number from 1 to 1000; got "1001"'],
    [{ count: '2.5' }, '--count must be a whole number from 1 to 1000; got "2.5"'],
    [{ every: '5' }, '--every must be a whole number of milliseconds from 10 to 3600000; got "5"'],
    [{ transport: '' }, '--transport must be one or more of ws, sse, longpoll, poll, auto, comma-separated; got ""'],
    [{ as: 'a-prefix-far-too-long-for-names' }, '--as must be 1-18 printable characters without spaces; got "a-prefix-far-too-long-for-names"'],
    [{ token: '' }, '--token must not be empty'],
  ])('rejects %o with one line', (flags, message) => {
    expect(() => resolveBotsOptions(flags, {})).toThrow(new UsageError(message));
  });
});

describe('resolveDemoOptions', () => {
  it('takes the name from the flag, the variable or what join remembered, and nothing else of join', () => {
    expect(resolveDemoOptions({}, undefined, {}).user).toBeUndefined();
    expect(resolveDemoOptions({}, 'carol', {}).user).toBe('carol');
    expect(resolveDemoOptions({}, 'carol', { TERMCHAT_USER: 'dave' }).user).toBe('dave');
    expect(resolveDemoOptions({ as: 'alice' }, 'carol', { TERMCHAT_USER: 'dave', TERMCHAT_TRANSPORT: 'poll', TERMCHAT_ROOM: 'x' })).toMatchObject({
      user: 'alice',
      transport: 'ws',
      room: 'lobby',
      bots: { count: 4, everyMs: 6000, transports: ['ws', 'sse', 'longpoll', 'poll'] },
    });
  });

  it('builds the session for the server it started', () => {
    const plan = resolveDemoOptions({ as: 'alice', transport: 'poll', interval: '250', token: 's3cret', count: '2', every: '1000' }, undefined, {});
    expect(demoSession(plan, 'http://127.0.0.1:5555')).toEqual({ server: 'http://127.0.0.1:5555', room: 'lobby', transport: 'poll', user: 'alice', interval: 250, token: 's3cret' });
    expect(plan.bots).toMatchObject({ count: 2, everyMs: 1000 });
  });

  it('refuses --server, since the demo brings its own', () => {
    expect(() => resolveDemoOptions({ server: 'http://x:1' }, undefined, {})).toThrow(/--server does not apply/);
  });
});
