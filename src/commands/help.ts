import { flagName, type Command, type Option } from './flags.js';

/** Help is written for the narrowest common terminal. */
const WIDTH = 80;
const INDENT = '    ';

/** `text` in lines of at most `width` characters, broken at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Where else the value may come from, and its default, as help shows it: `[TERMCHAT_PORT, default 4000]`. */
function sources(spec: Option<unknown>): string | undefined {
  // No default worth showing: a switch is off, a list empty, unless told otherwise.
  const shown = spec.shownDefault ?? (spec.default === undefined || spec.default === false || String(spec.default) === '' ? undefined : String(spec.default));
  const parts = [spec.env, spec.remember === undefined ? undefined : 'remembered', shown === undefined ? undefined : `default ${shown}`].filter((part) => part !== undefined);
  return parts.length === 0 ? undefined : `[${parts.join(', ')}]`;
}

function optionLines(key: string, spec: Option<unknown>, column: number): string[] {
  const flag = `--${flagName(key)}${spec.arg === undefined ? '' : ` ${spec.arg}`}`;
  const [first = '', ...rest] = wrap(spec.help, WIDTH - INDENT.length - column);
  const more = ' '.repeat(INDENT.length + column + 2);
  const extra = sources(spec);
  return [
    `${INDENT}${flag.padEnd(column)}${first}`,
    ...wrap(rest.join(' '), WIDTH - more.length).map((line) => more + line),
    ...(extra === undefined ? [] : wrap(extra, WIDTH - more.length).map((line) => more + line)),
  ];
}

function paragraph(text: string): string {
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((block) => wrap(block, WIDTH - 2).map((line) => `  ${line}`).join('\n'))
    .join('\n\n');
}

/** A command's whole help: usage, what it does, its options by group with their sources, further sections, examples. */
export function commandHelp(command: Command): string {
  const keys = Object.keys(command.options);
  const groups = command.groups ?? [{ title: 'Options', keys }];
  const column = Math.max(...keys.map((key) => `--${flagName(key)} ${command.options[key]!.arg ?? ''}`.trimEnd().length)) + 2;
  const anyEnv = keys.some((key) => command.options[key]!.env !== undefined);
  const blocks = [
    `  Usage\n${INDENT}$ termchat ${command.name} ${command.usage}`.trimEnd(),
    paragraph(command.about),
    ...groups.map((group, i) => {
      const title = i === 0 && anyEnv ? `${group.title} (each also read from the environment variable in brackets)` : group.title;
      return [`  ${title}`, ...group.keys.flatMap((key) => optionLines(key, command.options[key]!, column))].join('\n');
    }),
    ...(command.sections ?? []).map((section) => `  ${section.title}\n${section.text.replace(/^/gm, INDENT)}`),
    `  Examples\n${command.examples.map((example) => `${INDENT}$ ${example}`).join('\n')}`,
  ];
  return `\n${blocks.join('\n\n')}\n`;
}

/** The list of commands, for `termchat --help`. */
export function mainHelp(commands: readonly Command[], examples: readonly string[]): string {
  const column = Math.max(...commands.map((c) => c.name.length)) + 4;
  return [
    '',
    '  Usage',
    `${INDENT}$ termchat <command> [options]`,
    '',
    '  Commands',
    ...commands.map((c) => `${INDENT}${c.name.padEnd(column)}${c.summary}`),
    '',
    '  Options',
    `${INDENT}--help     Show help (also: termchat <command> --help)`,
    `${INDENT}--version  Show the version`,
    '',
    '  Examples',
    ...examples.map((example) => `${INDENT}$ ${example}`),
    '',
  ].join('\n');
}
