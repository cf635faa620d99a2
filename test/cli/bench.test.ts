import { describe, expect, it } from 'vitest';
import { itRefusesEach, runCli } from '../helpers/cli.js';

describe('termchat bench: help and usage errors of its network', () => {
  it('lists --rtt and --net under their own heading, within 80 columns', async () => {
    const { code, stdout, stderr } = await runCli(['bench', '--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^ {2}Through a network \(a relay in the bench's process\)$/m);
    expect(stdout).toMatch(/^ {4}--rtt LIST +Run each tier and transport once per round trip, in ms/m);
    expect(stdout).toMatch(/^ {4}--net CONDITION +Shape that relay, flowing conditions only/m);
    expect(stdout).toContain('$ termchat bench --rtt 0,25,100 --clients 50');
    expect(stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
  });

  itRefusesEach([
    { args: ['bench', '--net', 'blackhole'], says: /^termchat: --net: "blackhole" is not a flowing condition: delay=MS\[±JITTER\] and rate=RATE, .*; blackhole, down and cut stop the traffic a bench measures$/ },
    { args: ['bench', '--rtt', '0,100', '--net', 'down=10s'], says: /^termchat: --net: "down=10s" is not a flowing condition/ },
    { args: ['bench', '--net'], says: /^termchat: --net needs a value: a flowing condition/ },
    { args: ['bench', '--rtt', '0,100', '--net', 'delay=50'], says: /^termchat: --rtt sets each run's delay, half the round trip each way: leave delay= out of --net, and give a jitter as --net jitter=MS$/ },
    { args: ['bench', '--rtt', '0,100', '--redis'], says: /^termchat: --rtt puts one relay in front of one server, and --redis runs two instances on Redis: give one of them$/ },
    { args: ['bench', '--rtt', '-5'], says: /^termchat: --rtt: "-5" is not a comma-separated list of round trips in milliseconds/ },
  ]);
});
