import { describe, expect, it } from 'vitest';
import { itRefusesEach, runCli } from '../helpers/cli.js';

describe('termchat race: help and refusals', () => {
  it('is in the main help and has a help of its own, within 80 columns', async () => {
    const main = await runCli(['--help']);
    expect(main.stdout).toMatch(/^ {4}race {6}\S/m);
    const { code, stdout, stderr } = await runCli(['race', '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('$ termchat race [options]');
    for (const flag of ['server', 'room', 'transports', 'interval', 'bots', 'token', 'wire-log']) expect(stdout).toContain(`--${flag}`);
    expect(stdout).toContain('/server stop|start');
    expect(stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
  });

  itRefusesEach([
    { args: ['race', '--transports', 'ws,pigeon'], says: /^termchat: --transports: "ws,pigeon" is not one or more of ws, sse, longpoll, poll, poll-keepalive, comma-separated, each once$/ },
    { args: ['race', '--transports', 'ws,ws'], says: /^termchat: --transports: "ws,ws" is not one or more of ws, sse, longpoll, poll, poll-keepalive, comma-separated, each once$/ },
    { args: ['race', '--bots', '51'], says: /^termchat: --bots: "51" is not a number from 0 to 50$/ },
    { args: ['race', '--interval', '10'], says: /^termchat: --interval: "10" is not a number of milliseconds from 50 to 600000$/ },
    { args: ['race', '--server', 'ftp://x'], says: /^termchat: --server: "ftp:\/\/x" is not a URL like http:\/\/127\.0\.0\.1:4000/ },
    { args: ['race', '--count', '3'], says: /^termchat: unknown option --count for race; see termchat race --help$/ },
    { args: ['race', '--wire-log', '/nonexistent/termchat-test/wire.ndjson'], says: /^termchat: --wire-log: cannot write "\/nonexistent\/termchat-test\/wire\.ndjson": its directory does not exist$/ },
    { args: ['race'], says: /^termchat: termchat race needs an interactive terminal \(stdin and stdout must be a TTY\)$/ },
  ]);
});
