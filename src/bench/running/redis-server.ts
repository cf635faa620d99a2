import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { trackChild } from '../processes/child.js';

/** How to get redis-server, for the one-line error when it is missing. */
export const REDIS_INSTALL_HINT = 'Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis';

/** Whether `redis-server` can be run here. */
export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A TCP port free on loopback now (another process may still take it before we bind it). */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Sends one inline command on a fresh connection; resolves with the first reply line, or rejects
 * within `timeoutMs`. Enough to ask PING or SHUTDOWN without a Redis client library.
 */
export function redisCommand(port: number, command: string, timeoutMs = 1000, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`redis on ${host}:${port} did not answer ${command} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('connect', () => socket.write(`${command}\r\n`));
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString();
      if (!data.includes('\r\n')) return;
      clearTimeout(timer);
      socket.destroy();
      resolve(data.slice(0, data.indexOf('\r\n')));
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    // SHUTDOWN answers by closing the connection.
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

/** redis-server arguments for a private instance: loopback only, nothing written unless asked (dumps go to `dir`). */
export function privateRedisArgs(port: number, dir: string): string[] {
  return ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--dbfilename', 'dump.rdb', '--protected-mode', 'no', '--loglevel', 'warning'];
}

/** Resolves once redis-server on `port` answers PING; rejects when `child` exits first or after `timeoutMs`. */
export async function waitForPong(port: number, child: ChildProcess, stderr: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) throw new Error(`redis-server exited (${child.exitCode ?? child.signalCode}) on port ${port}: ${stderr().trim()}`);
    if ((await redisCommand(port, 'PING', 200).catch(() => '')) === '+PONG') return;
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${port} within ${timeoutMs} ms: ${stderr().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A redis-server of the bench's own. */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  /** Kills it; resolves once it is gone. */
  stop(): Promise<void>;
}

/**
 * Starts a private, empty redis-server on a free loopback port, counted among the bench's children
 * so that Ctrl+C or a crash ends it too. Tries another port when one was taken under it.
 */
export async function startPrivateRedis(timeoutMs = 5000): Promise<PrivateRedis> {
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    // It never writes a file (no save points, nothing asks for a dump), so no directory of its own
    // is needed: none is left behind even when Ctrl+C kills it.
    const child = spawn('redis-server', privateRedisArgs(port, tmpdir()), { stdio: ['ignore', 'ignore', 'pipe'] });
    trackChild(child);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A child that could not be spawned at all emits 'error' and maybe never 'exit'.
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()).once('error', () => resolve()));
    child.on('error', (error) => (stderr += error.message));
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    };
    try {
      await waitForPong(port, child, () => stderr, timeoutMs);
      return { url: `redis://127.0.0.1:${port}`, port, stop };
    } catch (error) {
      await stop();
      if (attempt === 3) throw error;
    }
  }
}
