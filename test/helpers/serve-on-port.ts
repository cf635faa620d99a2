import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach } from 'vitest';
import { CLI } from './cli.js';

const children = new Set<ChildProcess>();

afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

export interface PortServe {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  output(): string;
  /** SIGKILL, resolving once the process is gone (so the port is free again). */
  kill(): Promise<void>;
}

/**
 * A free TCP port below the ephemeral range (32768+ on Linux). Ports handed out by the kernel
 * for port 0 are ephemeral ones, and a client reconnecting to a dead ephemeral port can, rarely,
 * be given that very port as its source and connect to itself — holding the port the restarted
 * server needs. Below the range that cannot happen.
 */
export async function freeLowPort(): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port found in 20000-32000');
}

/**
 * Runs `termchat serve --port PORT …` (spawnServe always asks for port 0, and the CLI takes
 * --port once) and resolves once it listens; for restarting a server where clients expect it.
 */
export function spawnServeOnPort(port: number, args: readonly string[], timeoutMs = 15_000): Promise<PortServe> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(port), '--stats-interval', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
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
      resolve({ child, url: match[1]!, port: Number(match[2]), output: () => out, kill });
    };
    child.stdout!.on('data', onData);
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`termchat serve exited (${child.exitCode ?? child.signalCode}) before listening; output:\n${out}`));
    });
  });
}
