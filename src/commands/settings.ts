import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Conf from 'conf';
import envPaths from 'env-paths';
import type { TransportChoice } from '../transports/types.js';
import { configCommand, joinCommand } from './catalog.js';
import { readCommandLine, UsageError, type Env } from './flags.js';

/**
 * What `termchat join` remembers between runs, as the file holds it: each setting is read through
 * the option that remembers it, so one a hand edit broke is passed over, never believed.
 */
export type StoredSettings = Readonly<Record<string, unknown>>;

/** Settings to remember: what `termchat join` was told on its command line or chose in the chat. */
export interface Remembered {
  readonly user?: string;
  readonly server?: string;
  readonly transport?: TransportChoice;
  readonly room?: string;
  /** The rooms open, comma-separated, reopened next time. */
  readonly rooms?: string;
}

/** The settings file. */
export interface SettingsStore {
  readonly path: string;
  /** The remembered settings as written; a file that is not a JSON object is a UsageError. */
  read(): StoredSettings;
  /** Writes through conf (atomic, one file), loaded on first write: a start that only reads does not pay for it. */
  remember(patch: Remembered): Promise<void>;
  /** Forgets everything. */
  reset(): void;
}

/** Variable that moves the settings directory, for tests and for people who keep dotfiles elsewhere. */
export const CONFIG_DIR_VARIABLE = 'TERMCHAT_CONFIG_DIR';

// Same directory naming as the server's history database (env-paths without the "-nodejs" suffix).
const PROJECT = 'termchat';

/** The settings file conf uses, known without opening it (a corrupt file must still be removable). */
export function settingsPath(env: Env = process.env): string {
  return join(configDir(env), 'config.json');
}

function configDir(env: Env): string {
  const dir = env[CONFIG_DIR_VARIABLE];
  return dir !== undefined && dir !== '' ? dir : envPaths(PROJECT, { suffix: '' }).config;
}

/**
 * Opens the settings store in TERMCHAT_CONFIG_DIR when set. Reading is a JSON.parse of conf's
 * file; conf itself (with its schema validator, a good part of `termchat join`'s start-up time
 * when loaded up front) is imported only when something is remembered.
 */
export function openSettings(env: Env = process.env): SettingsStore {
  let conf: Promise<Conf<Record<string, unknown>>> | undefined;
  const open = (): Promise<Conf<Record<string, unknown>>> => {
    conf ??= import('conf').then(({ default: Store }) => new Store<Record<string, unknown>>({ projectName: PROJECT, projectSuffix: '', cwd: configDir(env), accessPropertiesByDotNotation: false }));
    return conf;
  };
  const path = settingsPath(env);
  return {
    path,
    read: () => readStore(path),
    remember: async (patch) => {
      const store = await open();
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) store.set(key, value);
    },
    reset: () => {
      // A file that is not JSON cannot be opened, which is when forgetting matters most.
      rmSync(path, { force: true });
      conf = undefined;
    },
  };
}

/** The file's object; none yet is an empty one, as for conf. */
function readStore(path: string): Readonly<Record<string, unknown>> {
  const fail = (why: string): UsageError => new UsageError(`cannot read settings ${path}: ${why}; fix the file or run termchat config --reset`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw fail((error as Error).message);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw fail((error as Error).message);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail('not a JSON object');
  return parsed as Readonly<Record<string, unknown>>;
}

/** Prints where the settings live and what they are, or forgets them with --reset: `termchat config`. */
export function runConfig(args: readonly string[], env: Env = process.env, print: (line: string) => void = console.log): void {
  const settings = openSettings(env);
  if (readCommandLine(configCommand, args, env).values.reset) {
    settings.reset();
    print(`forgot the settings in ${settings.path}`);
    return;
  }
  print(`settings file: ${settings.path}`);
  const stored = settings.read();
  // What join would take from the file, read by the options that remember it.
  const known = Object.values(joinCommand.options).flatMap((spec) => {
    const raw = spec.remember === undefined ? undefined : stored[spec.remember];
    const parsed = typeof raw === 'string' ? spec.parse(raw) : undefined;
    return parsed?.ok === true ? [[spec.remember!, String(parsed.value)] as const] : [];
  });
  if (known.length === 0) {
    print('  nothing remembered yet; termchat join --as NAME remembers name, server, transport and rooms');
    return;
  }
  for (const [field, value] of known) print(`  ${field.padEnd(10)} ${value}`);
}
