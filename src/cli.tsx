#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { COMMANDS, MAIN_EXAMPLES } from './commands/catalog.js';
import { parseCommandLine, StartError, UsageError, type Command } from './commands/flags.js';
import { commandHelp, mainHelp } from './commands/help.js';

// The manifest as it is (dist/ and src/ both sit one level below it), read for one version string.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { readonly version?: string };
const version = pkg.version ?? '0.0.0';

/** What `termchat` takes before a command: help and version only. */
const TOP: Command = { name: '', summary: '', usage: '', about: '', options: {}, examples: [] };

const find = (name: string): Command | undefined => COMMANDS.find((command) => command.name === name);

async function main(args: readonly string[]): Promise<void> {
  const [first, ...rest] = args;
  // The command comes first; without one only --help and --version are understood.
  if (first === undefined || first.startsWith('-')) {
    const line = parseCommandLine(TOP, args);
    if (line.version) return void console.log(version);
    console.log(mainHelp(COMMANDS, MAIN_EXAMPLES));
    if (!line.help) process.exitCode = 2;
    return;
  }
  if (first === 'help') {
    const about = rest[0] === undefined ? undefined : find(rest[0]);
    if (rest[0] !== undefined && about === undefined) throw new UsageError(`unknown command "${rest[0]}"; run termchat --help for the list`);
    return void console.log(about === undefined ? mainHelp(COMMANDS, MAIN_EXAMPLES) : commandHelp(about));
  }
  const command = find(first);
  if (command === undefined) throw new UsageError(`unknown command "${first}"; run termchat --help for the list`);
  // Unknown flags are refused before anything else, help included.
  const line = parseCommandLine(command, rest);
  if (line.help) return void console.log(commandHelp(command));
  if (line.version) return void console.log(version);
  // React and Ink load their development builds, several times slower, unless told otherwise;
  // commands are imported only when chosen, so this comes before React loads, and a command
  // does not pay for loading the others (start-up time is part of what the chat is judged on).
  process.env.NODE_ENV ??= 'production';
  const env = process.env;
  switch (command.name) {
    case 'serve':
      return (await import('./commands/serve.js')).runServe(rest, env, version);
    case 'join':
      return (await import('./commands/join.js')).runJoin(rest, version, env);
    case 'config':
      return (await import('./commands/settings.js')).runConfig(rest, env);
    case 'demo':
      return (await import('./commands/demo.js')).runDemo(rest, version, env);
    case 'race':
      return (await import('./commands/race.js')).runRace(rest, env);
    case 'bots':
      return (await import('./commands/bots.js')).runBots(rest, env);
    case 'relay':
      return (await import('./commands/relay.js')).runRelay(rest, env);
    case 'token':
      return (await import('./commands/token.js')).runToken(rest, env);
    case 'bench':
      // runBench sets the exit code itself when a delivery went missing or came twice.
      await (await import('./commands/bench.js')).runBench(rest);
      return;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof StartError) {
    console.error(`termchat: ${error.message}`);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
  console.error(`termchat: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
