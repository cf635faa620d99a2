import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSettings, runConfig, settingsPath } from '../../src/commands/settings.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function env(): { TERMCHAT_CONFIG_DIR: string } {
  const dir = mkdtempSync(join(tmpdir(), 'termchat-ui-settings-'));
  dirs.push(dir);
  return { TERMCHAT_CONFIG_DIR: dir };
}

describe('settings', () => {
  it('lives in TERMCHAT_CONFIG_DIR and remembers across opens', async () => {
    const e = env();
    const first = openSettings(e);
    expect(first.path).toBe(join(e.TERMCHAT_CONFIG_DIR, 'config.json'));
    expect(first.read()).toEqual({});
    await first.remember({ user: 'alice', transport: 'sse' });
    await first.remember({ room: 'dev' });
    expect(openSettings(e).read()).toEqual({ user: 'alice', transport: 'sse', room: 'dev' });
    expect(JSON.parse(readFileSync(settingsPath(e), 'utf8'))).toMatchObject({ user: 'alice' });
  });

  it('shows only the values join would take, leaving out what a hand edit broke', () => {
    const e = env();
    writeFileSync(settingsPath(e), JSON.stringify({ user: 'alice', transport: 'pigeon', room: 'Bad Room', server: 42 }));
    const out: string[] = [];
    runConfig([], e, (line) => out.push(line));
    expect(out).toEqual([`settings file: ${settingsPath(e)}`, '  user       alice']);
  });

  it('reports a file that is not JSON with the way out, and reset still works', () => {
    const e = env();
    writeFileSync(settingsPath(e), '{ not json');
    expect(() => openSettings(e).read()).toThrow(/config --reset/);
    writeFileSync(settingsPath(e), '["alice"]');
    expect(() => openSettings(e).read()).toThrow(/not a JSON object.*config --reset/);
    openSettings(e).reset();
    expect(openSettings(e).read()).toEqual({});
  });
});

describe('runConfig', () => {
  it('shows where settings live and what they are', async () => {
    const e = env();
    const out: string[] = [];
    runConfig([], e, (line) => out.push(line));
    expect(out).toEqual([`settings file: ${settingsPath(e)}`, '  nothing remembered yet; termchat join --as NAME remembers name, server, transport and rooms']);
    await openSettings(e).remember({ user: 'alice', server: 'http://127.0.0.1:4000' });
    out.length = 0;
    runConfig([], e, (line) => out.push(line));
    expect(out).toEqual([`settings file: ${settingsPath(e)}`, '  user       alice', '  server     http://127.0.0.1:4000']);
  });

  it('forgets them with --reset', async () => {
    const e = env();
    await openSettings(e).remember({ user: 'alice' });
    const out: string[] = [];
    runConfig(['--reset'], e, (line) => out.push(line));
    expect(out).toEqual([`forgot the settings in ${settingsPath(e)}`]);
    expect(openSettings(e).read()).toEqual({});
  });
});
