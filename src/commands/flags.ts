import { parseArgs } from 'node:util';

export type Env = Readonly<Record<string, string | undefined>>;

/** A mistake in how a command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command was called right but cannot run (the port is taken, the history file is unusable): one line, exit code 1. */
export class StartError extends Error {
  override readonly name = 'StartError';
}

/** A value read from text, or what a valid one looks like ("a number from 0 to 65535"). */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };
export type Parser<T> = (raw: string) => Parsed<T>;

export const accept = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const refuse = (expected: string): Parsed<never> => ({ ok: false, expected });

/**
 * One option of one command, declared once: the parser's flag, its line of help and where its
 * value may come from besides the flag, in this order: the flag, the TERMCHAT_* variable, the
 * remembered setting, the default.
 */
export interface Option<T> {
  /** One sentence of help, wrapped to the help's width. */
  readonly help: string;
  /** The value's name in help (`--port N`); an option without one is a switch. */
  readonly arg?: string;
  readonly parse: Parser<T>;
  /** Read when the flag is absent; an empty variable counts as unset. */
  readonly env?: string;
  /** The key of the remembered setting read when flag and variable are absent (`termchat join`). */
  readonly remember?: string;
  /** Not a source of T's type: the parser alone says what the option's values are. */
  readonly default?: NoInfer<T>;
  /** How help shows the default, where `String(default)` would not say it. */
  readonly shownDefault?: string;
  /** Given more than once, the values are one comma-separated list, as in the variable. */
  readonly repeatable?: boolean;
  /** The flag may stand without a value (`--redis` alone), which is read as the empty string. */
  readonly valueOptional?: boolean;
}

type Options = Readonly<Record<string, Option<unknown>>>;

/** Declares an option; with a default its value is never undefined. */
export function option<T>(spec: Option<T> & { readonly default: NoInfer<T> }): Option<T> & { readonly default: T };
export function option<T>(spec: Option<T>): Option<T>;
export function option<T>(spec: Option<T>): Option<T> {
  return spec;
}

/** A group of options under a heading of the help, by their keys. */
export interface OptionGroup {
  readonly title: string;
  readonly keys: readonly string[];
}

/** A command: its options, and the words its help is made of. */
export interface Command<S extends Options = Options> {
  readonly name: string;
  /** One line in the list of commands. */
  readonly summary: string;
  /** What follows `$ termchat NAME` in the usage line. */
  readonly usage: string;
  /** The paragraph(s) under the usage line. */
  readonly about: string;
  readonly options: S;
  /** Headed groups of options; by default one, "Options", with all of them in declared order. */
  readonly groups?: readonly OptionGroup[];
  /** Further sections of help after the options, e.g. the chat's own commands. */
  readonly sections?: readonly { readonly title: string; readonly text: string }[];
  readonly examples: readonly string[];
  /** Flags of other commands worth a pointer when given here: flag name → the sentence to print. */
  readonly elsewhere?: Readonly<Record<string, string>>;
}

export type ValueOf<O> = O extends Option<infer T> ? (O extends { readonly default: unknown } ? T : T | undefined) : never;
export type Values<S extends Options> = { readonly [K in keyof S]: ValueOf<S[K]> };

/** The command line of one command, checked against its options but not yet resolved. */
export interface CommandLine<S extends Options> {
  /** The raw text of each option given, by key; a switch given is "true" or "false". */
  readonly given: ReadonlyMap<keyof S & string, string>;
  readonly help: boolean;
  readonly version: boolean;
}

/** What every command takes besides its own options. */
const GLOBAL = { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean' } } as const;

/** `maxText` → `max-text`, the flag's name. */
export const flagName = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const quote = (raw: string): string => JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);

/**
 * Reads `args` (what follows the command's name) against the command's options, strictly: a flag
 * it does not take, a switch given a value, a missing value or a stray argument is a UsageError
 * of one line. Node's own parser splits the words; this decides what they mean.
 */
export function parseCommandLine<S extends Options>(command: Command<S>, args: readonly string[]): CommandLine<S> {
  const byFlag = new Map<string, keyof S & string>(Object.keys(command.options).map((key) => [flagName(key), key]));
  const who = command.name === '' ? 'termchat' : `termchat ${command.name}`;
  const unknown = (flag: string): string => `unknown option ${flag}${command.name === '' ? '' : ` for ${command.name}`}; see ${who} --help`;
  const words = args.flatMap((word, i) => {
    // `--redis` alone, or before another flag: the empty value it stands for, said explicitly.
    const key = word.startsWith('--') ? byFlag.get(word.slice(2)) : undefined;
    const next = args[i + 1];
    return key !== undefined && command.options[key]!.valueOptional === true && (next === undefined || next.startsWith('-')) ? [`${word}=`] : [word];
  });
  const config = Object.fromEntries([...byFlag].map(([flag, key]) => [flag, { type: command.options[key]!.arg === undefined ? 'boolean' : 'string' } as const]));
  const { tokens } = parseArgs({ args: words, options: { ...config, ...GLOBAL }, strict: false, allowPositionals: true, tokens: true });
  const given = new Map<keyof S & string, string>();
  let help = false;
  let version = false;
  for (const token of tokens) {
    if (token.kind === 'positional') throw new UsageError(`unexpected argument ${quote(token.value)}${command.name === '' ? '' : ` after "${command.name}"`}; see ${who} --help`);
    if (token.kind !== 'option') continue;
    if (token.name === 'help') help = true;
    else if (token.name === 'version') version = true;
    const key = byFlag.get(token.name);
    if (key === undefined) {
      if (token.name === 'help' || token.name === 'version') continue;
      const pointer = command.elsewhere?.[token.name];
      throw new UsageError(pointer === undefined ? unknown(token.rawName) : `${token.rawName} does not apply: ${pointer}`);
    }
    const spec = command.options[key]!;
    if (spec.arg === undefined) {
      // true and false are let through, for scripts that spell them out.
      if (token.value !== undefined && token.value !== 'true' && token.value !== 'false') throw new UsageError(`${token.rawName} is a switch and takes no value; got ${quote(token.value)}`);
      given.set(key, token.value ?? 'true');
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && value.startsWith('--'))) {
      const expected = spec.parse('');
      throw new UsageError(`${token.rawName} needs a value${expected.ok ? '' : `: ${expected.expected}`}`);
    }
    const earlier = given.get(key);
    given.set(key, earlier !== undefined && spec.repeatable === true ? `${earlier},${value}` : value);
  }
  return { given, help, version };
}

/** Where a value came from, for its error: the flag or the variable, as the user wrote it. */
function read<T>(spec: Option<T>, raw: string, source: string): T {
  const parsed = spec.parse(raw);
  if (!parsed.ok) throw new UsageError(`${source}: ${quote(raw)} is not ${parsed.expected}`);
  return parsed.value;
}

/** What resolving a command line gave: every option's value, and which of them the command line set. */
export interface Resolved<S extends Options> {
  readonly values: Values<S>;
  readonly fromFlags: ReadonlySet<keyof S & string>;
}

/**
 * Each option's value: the flag, else its variable, else its remembered setting, else its default.
 * A bad flag or variable is a UsageError naming it; a remembered setting that no longer parses (a
 * hand edit) is passed over, so that a broken settings file never stops a command.
 */
function resolve<S extends Options>(command: Command<S>, line: CommandLine<S>, env: Env, remembered: Readonly<Record<string, unknown>> = {}): Resolved<S> {
  const values: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(command.options)) {
    const flag = line.given.get(key);
    const variable = spec.env === undefined ? undefined : env[spec.env];
    const stored = spec.remember === undefined ? undefined : remembered[spec.remember];
    if (flag !== undefined) values[key] = read(spec, flag, `--${flagName(key)}`);
    else if (variable !== undefined && variable !== '') values[key] = read(spec, variable, spec.env!);
    else {
      const kept = typeof stored === 'string' ? spec.parse(stored) : undefined;
      values[key] = kept?.ok === true ? kept.value : spec.default;
    }
  }
  return { values: values as Values<S>, fromFlags: new Set(line.given.keys()) };
}

/** Parses and resolves in one: what a command's run function starts with. */
export function readCommandLine<S extends Options>(command: Command<S>, args: readonly string[], env: Env, remembered?: Readonly<Record<string, unknown>>): Resolved<S> {
  return resolve(command, parseCommandLine(command, args), env, remembered);
}
