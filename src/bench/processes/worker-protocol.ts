/**
 * What differs between the kinds of worker process a bench forks: what one is told (`config`),
 * what it says while it runs (`progress`), what it measured (`report`), and what its warm-up is
 * told (`never` for a kind that has none). The rest of the exchange is the same for every kind.
 */
export interface WorkerTypes {
  readonly config: { readonly connectTimeoutMs: number };
  readonly progress: object;
  readonly report: object;
  /** How long it sends and how long its last messages may then take, whatever else it is told. */
  readonly warmUp: { readonly durationMs: number; readonly timeoutMs: number };
}

/** A kind of worker as its parent forks it. */
export interface WorkerKind<T extends WorkerTypes> {
  /** The entry to fork, by the name benchEntry knows it by. */
  readonly entry: string;
  /** What one is called in errors, numbered from 1: "client worker 2". */
  readonly label: string;
  /** Its progress until it first reports. */
  readonly idle: T['progress'];
}

/** What a parent asks of a worker, in this order: connect, perhaps warm up, go, finish. */
export type WorkerRequest<T extends WorkerTypes> =
  | { readonly type: 'connect'; readonly config: T['config'] }
  | { readonly type: 'warmUp'; readonly warmUp: T['warmUp'] }
  | { readonly type: 'go'; readonly goAt: number; readonly sendUntil: number }
  | { readonly type: 'finish' };

/** What a worker answers: one reply a request (connect, warm up, finish), progress as it runs, or an error. */
export type WorkerReply<T extends WorkerTypes> =
  /** `connectMs`: how long connecting took, measured in the worker. */
  | { readonly type: 'connected'; readonly connectMs: number }
  | { readonly type: 'warm' }
  | { readonly type: 'progress'; readonly progress: T['progress'] }
  | { readonly type: 'report'; readonly report: T['report'] }
  | { readonly type: 'error'; readonly message: string };

/** What a worker process runs, whatever its kind: connections that open, may warm up, send on a schedule and report. */
export interface Worker<T extends WorkerTypes> {
  /** Opens every connection; rejects when one fails or they take longer than the config allows. */
  connect(): Promise<void>;
  /** Sends unmeasured until `warmUp` is done; a kind without a warm-up leaves it out. */
  warmUp?(warmUp: T['warmUp']): Promise<void>;
  /** Sends on the schedule from epoch ms `goAt` until `sendUntil`. */
  go(goAt: number, sendUntil: number): void;
  progress(): T['progress'];
  /** Stops sending, closes every connection and returns what was measured. */
  finish(): T['report'];
}
