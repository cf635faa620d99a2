import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { UsageError } from '../../src/commands/flags.js';
import { shellQuote } from './tmux.js';

/** The built CLI; `npm test` builds before running the suite. */
export const CLI = fileURLToPath(new URL('../../dist/termchat.js', import.meta.url));

const children = new Set<ChildProcess>();

afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process ends, rejecting after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL, resolving once the process is gone (so the port is free again). */
  kill(): Promise<void>;
}

/** `termchat join` as a person would start it, for a terminal's shell. CI variables are dropped: with them Ink draws nothing until exit. */
export function joinCommand(configDir: string, args: readonly string[]): string {
  const words = [process.execPath, CLI, 'join', ...args].map(shellQuote).join(' ');
  return `exec env -u CI -u CONTINUOUS_INTEGRATION TERMCHAT_CONFIG_DIR=${shellQuote(configDir)} ${words}`;
}

/** Runs `termchat serve --port 0 …` as a child process and resolves once it printed its URL. */
export function spawnServe(args: readonly string[], timeoutMs = 10_000, port = 0): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--stats-interval', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const exited = (ms = 5000) =>
    Promise.race([exit, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`process did not exit within ${ms} ms; output:\n${out}`)), ms).unref())]);
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exit;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`termchat serve did not start within ${timeoutMs} ms; output:\n${out}`)), timeoutMs);
    const onData = (): void => {
      const match = /listening on (http:\/\/[^\s]+:(\d+))/.exec(out);
      if (match === null) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ child, url: match[1]!, port: Number(match[2]), output: () => out, exited, kill });
    };
    child.stdout!.on('data', onData);
    void exit.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`termchat serve exited (${code ?? signal}) before listening; output:\n${out}`));
    });
  });
}

/** Runs the CLI to completion and returns its exit code and output. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 10_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`termchat ${args.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The one line a CLI error must be ("termchat: …"), failing the test when there is more or less. */
export function oneErrorLine(stderr: string): string {
  const lines = stderr.split('\n').filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^termchat: /);
  return lines[0]!;
}

/** A command line the CLI must refuse, and what its one line of error says. */
export interface RefusedCase {
  readonly args: string[];
  readonly env?: Record<string, string>;
  readonly says: RegExp;
}

/** One test per case: the CLI prints nothing on stdout, one matching line on stderr, and exits 2. */
export function itRefusesEach(cases: readonly RefusedCase[]): void {
  for (const { args, env, says } of cases) {
    const name = [...Object.entries(env ?? {}).map(([k, v]) => `${k}=${v}`), ...args].join(' ');
    it(`"${name}" prints one line and exits 2`, async () => {
      const { code, stdout, stderr } = await runCli(args, env);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(oneErrorLine(stderr)).toMatch(says);
    });
  }
}

/** The one-line message of the UsageError `run` throws, failing the test when it throws none or another. */
export function usageErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError, and nothing was thrown');
}
