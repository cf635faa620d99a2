import { describe, expect, it } from 'vitest';
import { usageErrorOf } from '../helpers/cli.js';
import { COMMANDS, demoCommand, joinCommand } from '../../src/commands/catalog.js';
import { flagName, option, parseCommandLine, readCommandLine, type Command } from '../../src/commands/flags.js';
import { commandHelp, mainHelp } from '../../src/commands/help.js';
import { integer, listOf, onOff, ownOrRedisUrl, text } from '../../src/commands/values.js';

const toy = {
  name: 'toy',
  summary: 'A command for the tests',
  usage: '[options]',
  about: 'Takes a size, a name, a switch and a list.',
  options: {
    size: option({ arg: 'N', parse: integer(1, 9), env: 'TOY_SIZE', remember: 'size', default: 5, help: 'How big' }),
    label: option({ arg: 'TEXT', parse: text('a label'), env: 'TOY_LABEL', help: 'What to call it' }),
    loud: option({ parse: onOff, env: 'TOY_LOUD', default: false, help: 'Shout' }),
    tag: option({ arg: 'TAG', parse: listOf(text('a tag'), 'comma-separated tags'), repeatable: true, default: [], help: 'A tag; repeatable' }),
    redis: option({ arg: '[URL]', parse: ownOrRedisUrl, valueOptional: true, help: 'A Redis, or one of its own' }),
  },
  examples: ['termchat toy --size 3'],
  elsewhere: { server: 'toys bring their own' },
} satisfies Command;


describe('reading a command line', () => {
  it('takes a value from the flag, then the variable, then the remembered setting, then the default', () => {
    expect(readCommandLine(toy, ['--size', '2'], { TOY_SIZE: '3' }, { size: '4' }).values.size).toBe(2);
    expect(readCommandLine(toy, [], { TOY_SIZE: '3' }, { size: '4' }).values.size).toBe(3);
    expect(readCommandLine(toy, [], { TOY_SIZE: '' }, { size: '4' }).values.size).toBe(4);
    expect(readCommandLine(toy, [], {}, { size: 'nine' }).values.size).toBe(5);
    expect(readCommandLine(toy, [], {}, {}).values).toEqual({ size: 5, label: undefined, loud: false, tag: [], redis: undefined });
  });

  it('says which options the command line set, apart from variables and remembered ones', () => {
    expect([...readCommandLine(toy, ['--loud', '--size=2'], { TOY_LABEL: 'x' }).fromFlags].sort()).toEqual(['loud', 'size']);
  });

  it('reads switches, =values, repeated flags and a value that may be left out', () => {
    const { values } = readCommandLine(toy, ['--loud', '--label=a b', '--tag', 'x', '--tag=y,z', '--redis'], {});
    expect(values).toEqual({ size: 5, label: 'a b', loud: true, tag: ['x', 'y', 'z'], redis: '' });
    expect(readCommandLine(toy, ['--redis', '--loud'], {}).values).toMatchObject({ redis: '', loud: true });
    expect(readCommandLine(toy, ['--redis', 'redis://h:1'], {}).values.redis).toBe('redis://h:1');
    expect(readCommandLine(toy, ['--loud=false'], { TOY_LOUD: 'on' }).values.loud).toBe(false);
    expect(readCommandLine(toy, [], { TOY_LOUD: 'on' }).values.loud).toBe(true);
  });

  it.each([
    [['--size', 'abc'], {}, '--size: "abc" is not a number from 1 to 9'],
    [['--size', '2.5'], {}, '--size: "2.5" is not a whole number from 1 to 9'],
    [[], { TOY_SIZE: '10' }, 'TOY_SIZE: "10" is not a number from 1 to 9'],
    [[], { TOY_LOUD: 'loudly' }, 'TOY_LOUD: "loudly" is not one of 1, true, yes, on, 0, false, no, off'],
    [['--size'], {}, '--size needs a value: a number from 1 to 9'],
    [['--label', '--loud'], {}, '--label needs a value: a label, not empty'],
    [['--loud=very'], {}, '--loud is a switch and takes no value; got "very"'],
    [['--colour'], {}, 'unknown option --colour for toy; see termchat toy --help'],
    [['-q'], {}, 'unknown option -q for toy; see termchat toy --help'],
    [['--server', 'x'], {}, '--server does not apply: toys bring their own'],
    [['stray'], {}, 'unexpected argument "stray" after "toy"; see termchat toy --help'],
    [['--size', '1'.repeat(70)], {}, `--size: "${'1'.repeat(60)}…" is not a number from 1 to 9`],
  ])('refuses %j %j in one line', (args, env, message) => {
    expect(usageErrorOf(() => readCommandLine(toy, args, env))).toBe(message);
  });

  it('finds --help and --version on any command, whatever else is given', () => {
    expect(parseCommandLine(toy, ['--size', '2', '--help'])).toMatchObject({ help: true, version: false });
    expect(parseCommandLine(toy, ['-h'])).toMatchObject({ help: true });
    expect(parseCommandLine(toy, ['--version'])).toMatchObject({ version: true });
    // A typo is still a typo when help is asked for too.
    expect(usageErrorOf(() => parseCommandLine(toy, ['--sise', '2', '--help']))).toMatch(/unknown option --sise/);
  });
});

describe('help made from the declarations', () => {
  it('shows each option with its value, its variable, "remembered" and its default', () => {
    const help = commandHelp(toy);
    expect(help).toContain('$ termchat toy [options]');
    expect(help).toMatch(/^ {4}--size N {2,}How big\n {6,}\[TOY_SIZE, remembered, default 5\]$/m);
    expect(help).toMatch(/^ {4}--loud {2,}Shout\n {6,}\[TOY_LOUD\]$/m);
    expect(help).toMatch(/^ {4}--redis \[URL\] {2,}A Redis, or one of its own$/m);
    expect(help).toContain('$ termchat toy --size 3');
  });

  for (const command of COMMANDS) {
    it(`termchat ${command.name}: every option in one group, every line within 80 columns`, () => {
      const grouped = (command.groups ?? [{ title: 'Options', keys: Object.keys(command.options) }]).flatMap((group) => group.keys);
      expect([...grouped].sort()).toEqual(Object.keys(command.options).sort());
      const help = commandHelp(command);
      for (const line of help.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
      for (const [key, spec] of Object.entries(command.options)) {
        expect(help).toContain(`--${flagName(key)}`);
        if (spec.env !== undefined) expect(help).toContain(spec.env);
      }
    });
  }

  it("lists the chat's /net and --net in the help of both commands that open the chat", () => {
    for (const command of [joinCommand, demoCommand]) {
      const help = commandHelp(command);
      expect(help).toContain('--net CONDITION');
      for (const word of ['/net delay MS [JITTER]', '/net rate RATE', '/net cut', '/net blackhole', '/net down SECONDS', '/net heal']) expect(help).toMatch(new RegExp(`^ {4}${word.replace(/[[\]]/g, '\\$&')} `, 'm'));
    }
  });

  it('lists every command in the main help', () => {
    const help = mainHelp(COMMANDS, []);
    for (const command of COMMANDS) expect(help).toMatch(new RegExp(`^ {4}${command.name} +${command.summary}$`, 'm'));
  });
});
