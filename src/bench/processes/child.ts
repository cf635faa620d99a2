import { fork, type ChildProcess } from 'node:child_process';
import createDebug from 'debug';

/** DEBUG=termchat:bench narrates the processes a bench starts and stops. */
const debug = createDebug('termchat:bench');

/** Every child a bench started and has not seen exit: killed on Ctrl+C, on errors and at exit. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Kills every child still running (synchronous, so it also works in an exit handler). */
export function killAllChildren(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}

/** How many children are running now (0 after a bench, whatever happened). */
export function liveChildren(): number {
  return live.size;
}

/**
 * Counts `child` among the bench's children until it exits, so that Ctrl+C, errors and the exit of
 * the bench end it too; for children not forked as a Child (the bench's own redis-server).
 */
export function trackChild(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', killAllChildren);
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
  // One that never started has nothing to kill and may never emit 'exit'.
  child.once('error', () => {
    if (child.pid === undefined) live.delete(child);
  });
}

/** How long a child's last words (stderr) are kept for an error message. */
const STDERR_KEEP = 4000;

/**
 * A forked bench process speaking typed messages over IPC: requests `In`, replies `Out`, each a
 * union discriminated by `type`.
 */
export class Child<In extends { type: string }, Out extends { type: string }> {
  readonly #child: ChildProcess;
  readonly #name: string;
  readonly #listeners = new Set<(message: Out) => void>();
  readonly #exited: Promise<void>;
  #stderr = '';
  #exitInfo: string | undefined;

  constructor(entry: string, args: readonly string[], name: string, execArgv: readonly string[] = []) {
    this.#name = name;
    // 'advanced' serialisation carries large reports (arrays of ranges, series) faster than JSON.
    this.#child = fork(entry, [...args], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced', execArgv: [...execArgv] });
    trackChild(this.#child);
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-STDERR_KEEP);
    });
    this.#child.on('message', (message: Out) => {
      for (const listener of [...this.#listeners]) listener(message);
    });
    this.#exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.#exitInfo = signal === null ? `exit code ${code}` : `signal ${signal}`;
        debug('%s (pid %d) ended: %s', this.#name, this.#child.pid, this.#exitInfo);
        resolve();
      });
    });
    // An error spawning is reported by the exit path and the waits below.
    this.#child.on('error', (error) => debug('%s: %s', this.#name, error.message));
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  send(message: In): void {
    if (this.#child.connected) this.#child.send(message);
  }

  /** Listens to every reply; returns the unsubscribe. */
  onMessage(listener: (message: Out) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * The next reply of type `type`. Rejects on an `error` reply (with its message), when the child
   * ends first, or after `timeoutMs`.
   */
  next<T extends Out['type']>(type: T, timeoutMs: number): Promise<Extract<Out, { type: T }>> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        off();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`${this.#name} sent no ${type} within ${timeoutMs} ms${this.#lastWords()}`));
      }, timeoutMs);
      const off = this.onMessage((message) => {
        if (message.type === type) {
          done();
          resolve(message as Extract<Out, { type: T }>);
        } else if (message.type === 'error') {
          done();
          reject(new Error(`${this.#name}: ${(message as { message?: string }).message ?? 'failed'}`));
        }
      });
      void this.#exited.then(() => {
        done();
        reject(new Error(`${this.#name} ended (${this.#exitInfo}) before sending ${type}${this.#lastWords()}`));
      });
    });
  }

  /** Asks the child to go (closing IPC, or `farewell` first) and kills it after `graceMs`; resolves once it is gone. */
  async stop(graceMs = 2000, farewell?: In): Promise<void> {
    if (!live.has(this.#child)) return this.#exited;
    if (farewell !== undefined) this.send(farewell);
    else if (this.#child.connected) this.#child.disconnect();
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }

  #lastWords(): string {
    const text = this.#stderr.trim();
    return text === '' ? '' : `; it said:\n${text}`;
  }
}
