import { describe, expect, it } from 'vitest';
import { resolveJoinOptions } from '../../../src/commands/join-options.js';
import { checkServer } from '../../../src/commands/join-values.js';
import { UsageError } from '../../../src/commands/usage-error.js';

describe('resolveJoinOptions', () => {
  it('uses defaults and leaves a missing name to the UI', () => {
    const plan = resolveJoinOptions({}, {}, {});
    expect(plan.options).toEqual({ server: 'http://127.0.0.1:4000', room: 'lobby', transport: 'auto' });
    expect(plan.remember).toEqual({});
  });

  it('uses remembered settings when no flag is given', () => {
    const stored = { user: 'alice', server: 'http://chat:4000', transport: 'sse', room: 'dev' } as const;
    expect(resolveJoinOptions({}, stored, {}).options).toEqual({ user: 'alice', server: 'http://chat:4000', transport: 'sse', room: 'dev' });
  });

  it('lets flags win over variables, and variables over remembered settings', () => {
    const stored = { user: 'alice', transport: 'sse', room: 'dev' } as const;
    const env = { TERMCHAT_USER: 'carol', TERMCHAT_TRANSPORT: 'poll' };
    const plan = resolveJoinOptions({ as: 'bob' }, stored, env);
    expect(plan.options).toMatchObject({ user: 'bob', transport: 'poll', room: 'dev' });
  });

  it('remembers only what came from flags', () => {
    const plan = resolveJoinOptions({ as: 'bob', room: 'ops', interval: '250', keepalive: true, token: 's3cret' }, {}, { TERMCHAT_SERVER: 'http://x:1' });
    expect(plan.remember).toEqual({ user: 'bob', room: 'ops' });
    expect(plan.options).toMatchObject({ interval: 250, keepalive: true, token: 's3cret', server: 'http://x:1' });
  });

  it.each([
    [{ transport: 'pigeon' }, '--transport must be one of ws, sse, longpoll, poll, auto; got "pigeon"'],
    [{ room: 'Bad Room' }, '--room must be 1-32 of a-z, 0-9, _ and -, starting with a letter or digit; got "Bad Room"'],
    [{ server: 'ftp://example.com' }, '--server must be an http:// or https:// URL like http://127.0.0.1:4000; got "ftp://example.com"'],
    [{ server: 'http://' }, '--server must be a URL like http://127.0.0.1:4000; got "http://"'],
    [{ interval: 'fast' }, '--interval must be a whole number of milliseconds from 50 to 600000; got "fast"'],
    [{ as: '   ' }, '--as must be 1-32 printable characters, not blank; got "   "'],
  ])('rejects %o with a one-line message naming what is allowed', (flags, message) => {
    expect(() => resolveJoinOptions(flags, {}, {})).toThrow(new UsageError(message));
  });

  it('names the variable when a variable is bad', () => {
    expect(() => resolveJoinOptions({}, {}, { TERMCHAT_TRANSPORT: 'x' })).toThrow('TERMCHAT_TRANSPORT must be one of');
  });
});

describe('checkServer', () => {
  it.each([
    ['http://127.0.0.1:4000/', 'http://127.0.0.1:4000'],
    ['localhost:4000', 'http://localhost:4000'],
    ['wss://chat.example.com', 'https://chat.example.com'],
    ['https://example.com/chat/', 'https://example.com/chat'],
  ])('normalises %s', (raw, server) => {
    expect(checkServer(raw)).toEqual({ ok: true, value: server });
  });

  it.each(['ht!tp://x', 'http://exa mple.com', 'http://ex!ample.com', ':4000', ''])('refuses %j as unparseable', (raw) => {
    expect(checkServer(raw).ok).toBe(false);
  });

  it('accepts IPv6 literals', () => {
    expect(checkServer('http://[::1]:4000')).toEqual({ ok: true, value: 'http://[::1]:4000' });
  });

  it('refuses query strings and credentials', () => {
    expect(checkServer('http://a:b@host:1').ok).toBe(false);
    expect(checkServer('http://host:1/?x=1').ok).toBe(false);
  });
});
