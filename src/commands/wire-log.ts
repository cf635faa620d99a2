import { accessSync, closeSync, constants, createWriteStream, openSync, statSync, type WriteStream } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ChatClient } from '../transports/types.js';
import type { WireEvent } from '../transports/wire-events.js';
import { UsageError } from './flags.js';

/** Where --wire-log writes: every wire event of the clients it is given, one JSON object a line. */
export interface WireLogFile {
  /** Writes `client`'s events from now on, with `source` (the chat's user, a race column) on each line. */
  watch(client: ChatClient, source: string): void;
  /**
   * Once the connections it saw open have closed (the clients were closed: their close frames and
   * TCP closes are the last lines), or after `waitMs` at most, stops listening and flushes. Called
   * again, it is the same closing.
   */
  close(waitMs?: number): Promise<void>;
}

/** One NDJSON line of the log: the event as the client told it, and whose it is. */
export function wireLogLine(event: WireEvent, source: string): string {
  return `${JSON.stringify({ source, ...event })}\n`;
}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'its directory does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of its path is not a directory',
};

const refusal = (path: string, error: unknown): UsageError =>
  new UsageError(`--wire-log: cannot write ${JSON.stringify(path)}: ${REASONS[(error as NodeJS.ErrnoException).code ?? ''] ?? (error as Error).message}`);

/**
 * Refuses a log path that cannot be written, in one line (a UsageError, exit code 2), without
 * touching it: a command checks this first, before it knows it can run, and opens the log later.
 */
export function checkWireLogPath(path: string): void {
  try {
    let exists = true;
    try {
      if (statSync(path).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      exists = false;
    }
    accessSync(exists ? path : dirname(resolve(path)), constants.W_OK);
  } catch (error) {
    throw refusal(path, error);
  }
}

/** Opens `path` for the log, emptying it; a path that cannot be written is refused as checkWireLogPath does. */
export function openWireLog(path: string): WireLogFile {
  let fd: number;
  try {
    fd = openSync(path, 'w', 0o600);
  } catch (error) {
    throw refusal(path, error);
  }
  let stream: WriteStream;
  try {
    stream = createWriteStream('', { fd, autoClose: true });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const stops: (() => void)[] = [];
  // A write that fails later (the disk filled) ends the log, never the chat.
  let failed = false;
  stream.on('error', () => (failed = true));
  let closing: Promise<void> | undefined;
  const finish = async (waitMs: number): Promise<void> => {
    if (open.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        allClosed = resolve;
        timer = setTimeout(resolve, waitMs);
      });
      clearTimeout(timer);
    }
    for (const stop of stops.splice(0)) stop();
    await new Promise<void>((resolve) => {
      stream.once('close', () => resolve());
      stream.end();
    });
  };
  /** Connections seen opening and not yet closing, by client and number. */
  const open = new Set<string>();
  let allClosed: (() => void) | undefined;
  return {
    watch: (client, source) => {
      const id = stops.length;
      stops.push(
        client.watchWire((event) => {
          if (event.kind === 'connect') open.add(`${id}#${event.conn}`);
          else if (event.kind === 'close' && open.delete(`${id}#${event.conn}`) && open.size === 0) allClosed?.();
          if (!failed) stream.write(wireLogLine(event, source));
        }),
      );
    },
    close: (waitMs = 1000) => (closing ??= finish(waitMs)),
  };
}
