import { openSettings, type StoredSettings } from './settings.js';

/** `termchat config` flags. */
export interface ConfigFlags {
  readonly reset?: boolean | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

const FIELDS: readonly (keyof StoredSettings)[] = ['user', 'server', 'transport', 'room'];

/** Prints where the settings live and what they are, or forgets them with --reset. */
export function runConfig(flags: ConfigFlags, env: Env = process.env, print: (line: string) => void = console.log): void {
  const settings = openSettings(env);
  if (flags.reset === true) {
    settings.reset();
    print(`forgot the settings in ${settings.path}`);
    return;
  }
  print(`settings file: ${settings.path}`);
  const stored = settings.read();
  const known = FIELDS.filter((field) => stored[field] !== undefined);
  if (known.length === 0) {
    print('  nothing remembered yet; termchat join --as NAME remembers name, server, transport and room');
    return;
  }
  for (const field of known) print(`  ${field.padEnd(10)} ${stored[field]!}`);
}
