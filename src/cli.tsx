#!/usr/bin/env node
import meow from 'meow';
import { mainHelp, serveHelp } from './commands/help.js';
import { resolveServeOptions } from './commands/serve-options.js';
import { runServe } from './commands/serve.js';
import { StartError, UsageError } from './commands/usage-error.js';

// Numbers are taken as strings so that a bad value is reported as typed, not as NaN.
const flags = {
  help: { type: 'boolean', shortFlag: 'h' },
  version: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  db: { type: 'string' },
  memory: { type: 'boolean' },
  token: { type: 'string' },
  allowOrigin: { type: 'string', isMultiple: true },
  transports: { type: 'string' },
  heartbeat: { type: 'string' },
  statsInterval: { type: 'string' },
  maxText: { type: 'string' },
  rate: { type: 'string' },
} as const;

// booleanDefault undefined: an absent --memory must stay absent so that TERMCHAT_MEMORY can apply.
const cli = meow(mainHelp, { importMeta: import.meta, autoHelp: false, allowUnknownFlags: true, booleanDefault: undefined, flags });

const helps: Readonly<Record<string, string>> = { serve: serveHelp };

/** meow's own message for an unknown flag spans lines; ours is one line with exit code 2. */
function checkFlags(): void {
  for (const name of Object.keys(cli.unnormalizedFlags)) {
    const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    if (name !== 'h' && !(camel in flags)) {
      throw new UsageError(`unknown option ${name.length === 1 ? '-' : '--'}${name}; run termchat --help for the options`);
    }
  }
}

async function main(): Promise<void> {
  checkFlags();
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
  switch (command) {
    case 'serve':
      return runServe(resolveServeOptions(cli.flags, process.env), cli.pkg.version ?? '0.0.0');
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
