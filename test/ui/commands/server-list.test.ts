import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveJoinOptions } from '../../../src/commands/join-options.js';
import { checkServers } from '../../../src/commands/join-values.js';
import { openSettings, settingsPath } from '../../../src/commands/settings.js';
import { UsageError } from '../../../src/commands/usage-error.js';

describe('checkServers', () => {
  it('takes one server as checkServer does', () => {
    expect(checkServers('localhost:4000/')).toEqual({ ok: true, value: 'http://localhost:4000' });
  });

  it('takes several, comma-separated, each normalised, in the order given', () => {
    expect(checkServers(' 127.0.0.1:4001 , ws://127.0.0.1:4002/ ,https://chat.example.com/c/')).toEqual({
      ok: true,
      value: 'http://127.0.0.1:4001,http://127.0.0.1:4002,https://chat.example.com/c',
    });
  });

  it.each([
    ['http://a:4001,ftp://b:4002', 'must be an http:// or https:// URL like http://127.0.0.1:4000; got "ftp://b:4002"'],
    ['http://a:4001,http://exa mple:1', 'must be a URL like http://127.0.0.1:4000; got "http://exa mple:1"'],
    ['http://a:4001,,http://b:4002', 'must be comma-separated URLs like http://127.0.0.1:4000; got an empty entry in "http://a:4001,,http://b:4002"'],
    ['http://a:4001,', 'must be comma-separated URLs like http://127.0.0.1:4000; got an empty entry in "http://a:4001,"'],
  ])('names the bad entry of %j', (raw, error) => {
    expect(checkServers(raw)).toEqual({ ok: false, error });
  });
});

describe('termchat join with several servers', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a list from --server and remembers it', () => {
    const plan = resolveJoinOptions({ server: 'localhost:4001,localhost:4002' }, {}, {});
    expect(plan.options.server).toBe('http://localhost:4001,http://localhost:4002');
    expect(plan.remember).toEqual({ server: 'http://localhost:4001,http://localhost:4002' });
  });

  it('accepts a list from TERMCHAT_SERVER', () => {
    expect(resolveJoinOptions({}, {}, { TERMCHAT_SERVER: 'http://a:1,http://b:2' }).options.server).toBe('http://a:1,http://b:2');
  });

  it('refuses a list with a bad entry in one line naming it and where it came from', () => {
    expect(() => resolveJoinOptions({ server: 'http://a:1,b:x' }, {}, {})).toThrow(new UsageError('--server must be a URL like http://127.0.0.1:4000; got "b:x"'));
    expect(() => resolveJoinOptions({}, {}, { TERMCHAT_SERVER: 'http://a:1,mailto:x@y' })).toThrow(/^TERMCHAT_SERVER must be .*; got "mailto:x@y"$/);
  });

  it('keeps a remembered list, and drops a remembered list a hand edit broke', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'termchat-server-list-'));
    dirs.push(dir);
    const env = { TERMCHAT_CONFIG_DIR: dir };
    await openSettings(env).remember({ user: 'alice', server: 'http://a:1,http://b:2' });
    const stored = openSettings(env).read();
    expect(stored).toEqual({ user: 'alice', server: 'http://a:1,http://b:2' });
    expect(resolveJoinOptions({}, stored, {}).options.server).toBe('http://a:1,http://b:2');

    writeFileSync(settingsPath(env), JSON.stringify({ user: 'alice', server: 'http://a:1,ftp://b' }));
    expect(openSettings(env).read()).toEqual({ user: 'alice' });
  });
});
