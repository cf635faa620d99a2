import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Conf from 'conf';
import envPaths from 'env-paths';
import type { TransportChoice } from '../transports/types.js';
import { checkJoinRoom, checkName, checkServers, checkTransport } from './join-values.js';
import { UsageError } from './usage-error.js';

/** What `termchat join` remembers between runs. */
export interface StoredSettings {
  readonly user?: string;
  readonly server?: string;
  readonly transport?: TransportChoice;
  readonly room?: string;
}

/** The settings file. */
export interface SettingsStore {
  readonly path: string;
  /** The remembered settings; values a hand edit broke are left out rather than failing the join. */
  read(): StoredSettings;
  /** Writes through conf (atomic, one file), loaded on first write: a start that only reads does not pay for it. */
  remember(patch: StoredSettings): Promise<void>;
  /** Forgets everything. */
  reset(): void;
}

type Env = Readonly<Record<string, string | undefined>>;

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
    read: () => validate(readStore(path)),
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

function validate(raw: Readonly<Record<string, unknown>>): StoredSettings {
  const pick = <T>(value: unknown, check: (raw: string) => { ok: true; value: T } | { ok: false }): T | undefined => {
    if (typeof value !== 'string') return undefined;
    const checked = check(value);
    return checked.ok ? checked.value : undefined;
  };
  const user = pick(raw.user, checkName);
  const server = pick(raw.server, checkServers);
  const transport = pick(raw.transport, checkTransport);
  const room = pick(raw.room, checkJoinRoom);
  return {
    ...(user === undefined ? {} : { user }),
    ...(server === undefined ? {} : { server }),
    ...(transport === undefined ? {} : { transport }),
    ...(room === undefined ? {} : { room }),
  };
}
