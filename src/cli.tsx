#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import meow from 'meow';
import { benchHelp } from './commands/bench-help.js';
import { botsHelp } from './commands/bots-help.js';
import { demoHelp } from './commands/demo-help.js';
import { mainHelp, serveHelp } from './commands/help.js';
import { configHelp, joinHelp } from './commands/join-help.js';
import { StartError, UsageError } from './commands/usage-error.js';

// Numbers are taken as strings so that a bad value is reported as typed, not as NaN.
const flags = {
  help: { type: 'boolean', shortFlag: 'h' },
  version: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  memory: { type: 'boolean' },
  redis: { type: 'string' },
  token: { type: 'string' },
  allowOrigin: { type: 'string', isMultiple: true },
  transports: { type: 'string' },
  heartbeat: { type: 'string' },
  statsInterval: { type: 'string' },
  maxText: { type: 'string' },
  rate: { type: 'string' },
  as: { type: 'string' },
  server: { type: 'string' },
  transport: { type: 'string' },
  room: { type: 'string' },
  interval: { type: 'string' },
  keepalive: { type: 'boolean' },
  reset: { type: 'boolean' },
  count: { type: 'string' },
  every: { type: 'string' },
  clients: { type: 'string' },
  duration: { type: 'string' },
  sendEvery: { type: 'string' },
  reps: { type: 'string' },
  warmup: { type: 'string' },
  workers: { type: 'string' },
  scale: { type: 'boolean' },
  idle: { type: 'string' },
  maxP99: { type: 'string' },
  json: { type: 'string' },
  charts: { type: 'string' },
} as const;

// The manifest as it is (dist/ and src/ both sit one level below it): meow's own `cli.pkg` is
// normalised on first use, spdx licence tables and all, tens of milliseconds of every start for
// one version string.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { readonly version?: string };

// booleanDefault undefined: an absent --memory must stay absent so that TERMCHAT_MEMORY can apply.
const cli = meow(mainHelp, { importMeta: import.meta, pkg, autoHelp: false, allowUnknownFlags: true, booleanDefault: undefined, flags });

const helps: Readonly<Record<string, string>> = { serve: serveHelp, join: joinHelp, config: configHelp, demo: demoHelp, bots: botsHelp, bench: benchHelp };

const camelCase = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const isFlag = (name: string): name is keyof typeof flags => name in flags;

/** meow's own message for an unknown flag spans lines; ours is one line with exit code 2. */
function checkFlags(argv: readonly string[]): void {
  for (const name of Object.keys(cli.unnormalizedFlags)) {
    if (name !== 'h' && !isFlag(camelCase(name))) {
      throw new UsageError(`unknown option ${name.length === 1 ? '-' : '--'}${name}; run termchat --help for the options`);
    }
  }
  // meow reads `--memory=yes` as false and goes on without a word; a switch takes no value
  // (true and false are let through, for scripts that spell them out).
  for (const arg of argv) {
    if (arg === '--') break;
    const match = /^--([a-z][a-z-]*)=(.*)$/s.exec(arg);
    if (match === null) continue;
    const [, name = '', value = ''] = match;
    const camel = camelCase(name);
    if (isFlag(camel) && flags[camel].type === 'boolean' && value !== 'true' && value !== 'false') {
      throw new UsageError(`--${name} is a switch and takes no value; got "${value}"`);
    }
  }
}

const version = pkg.version ?? '0.0.0';

async function main(): Promise<void> {
  checkFlags(process.argv.slice(2));
  const [command, ...rest] = cli.input;
  if (command === undefined || command === 'help') {
    console.log(helps[(command === 'help' ? rest[0] : undefined) ?? ''] ?? mainHelp);
    if (command === undefined && !cli.flags.help) process.exitCode = 2;
    return;
  }
  if (cli.flags.help) {
    console.log(helps[command] ?? mainHelp);
    return;
  }
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])} after "${command}"`);
  // React and Ink load their development builds, several times slower, unless told otherwise;
  // commands are imported only when chosen, so this comes before React loads, and a command
  // does not pay for loading the others (start-up time is part of what the chat is judged on).
  process.env.NODE_ENV ??= 'production';
  switch (command) {
    case 'serve': {
      const [{ runServe }, { resolveServeOptions }] = await Promise.all([import('./commands/serve.js'), import('./commands/serve-options.js')]);
      return runServe(resolveServeOptions(cli.flags, process.env), version);
    }
    case 'join':
      return (await import('./commands/join.js')).runJoin(cli.flags, version);
    case 'config':
      return (await import('./commands/config.js')).runConfig({ reset: cli.flags.reset });
    case 'demo':
      return (await import('./commands/demo.js')).runDemo(cli.flags, version);
    case 'bots':
      return (await import('./commands/bots.js')).runBots(cli.flags);
    case 'bench':
      // runBench sets the exit code itself when a delivery went missing or came twice.
      await (await import('./commands/bench.js')).runBench(cli.flags);
      return;
    default:
      throw new UsageError(`unknown command "${command}"; run termchat --help for the list`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`termchat: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof StartError) {
    console.error(`termchat: ${error.message}`);
    process.exit(1);
  }
  console.error(`termchat: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
