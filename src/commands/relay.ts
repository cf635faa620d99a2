import { describeChange, describeCondition, startRelay, type NetChange, type Relay } from '../relay/index.js';
import { relayCommand } from './catalog.js';
import { readCommandLine, StartError, UsageError, type Env } from './flags.js';
import { KEYS_LINES, RELAY_KEYS } from './relay-keys.js';

/** What `termchat relay` runs. */
export interface RelayPlan {
  readonly to: string;
  readonly listenPort: number;
  /** The changes --net asked for, from clean. */
  readonly net: readonly NetChange[];
}

/** Resolves `termchat relay`'s options; the server is required. */
export function resolveRelayOptions(args: readonly string[], env: Env): RelayPlan {
  const { to, listen, net } = readCommandLine(relayCommand, args, env).values;
  if (to === undefined) throw new UsageError('--to is required: the server to relay to, e.g. --to http://127.0.0.1:4000');
  return { to, listenPort: listen, net: net ?? [] };
}

/** Where the relay reads keys and writes its lines; the process's own by default, a test's otherwise. */
export interface RelayIo {
  /** Read key by key in raw mode when it is a terminal; left alone otherwise. */
  readonly input: NodeJS.ReadStream;
  readonly print: (line: string) => void;
}

/** After stopping, time for the last lines to go out before the process is made to exit. */
const EXIT_GRACE_MS = 1000;
/** Ctrl+C as raw mode delivers it: a byte, not a signal. */
const CTRL_C = '\u0003';

/**
 * Runs `termchat relay` until q, Ctrl+C, SIGINT or SIGTERM: prints where it listens and the
 * condition, then one line per change, from a key or from `down` coming back by itself. On the way
 * out every relayed socket is closed and the port let go.
 */
export async function runRelay(args: readonly string[], env: Env = process.env, io: RelayIo = { input: process.stdin, print: console.log }): Promise<void> {
  const plan = resolveRelayOptions(args, env);
  const started = Date.now();
  const relay = await startRelay({ to: plan.to, listenPort: plan.listenPort, net: plan.net }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === undefined) throw error;
    const why = error.code === 'EADDRINUSE' ? 'the port is in use' : error.message;
    throw new StartError(`cannot listen on 127.0.0.1:${plan.listenPort}: ${why}`);
  });
  let cutting = false;
  let resetBefore = 0;
  relay.on('change', (next) => {
    const reset = relay.stats().reset - resetBefore;
    resetBefore += reset;
    io.print(describeChange(next, Date.now(), reset, cutting));
  });
  const apply = (change: NetChange): void => {
    cutting = change.kind === 'cut';
    relay.apply(change);
    cutting = false;
  };
  const keyboard = io.input.isTTY === true;
  // Listening for keys and signals before saying how to stop, so that the lines tell the truth.
  const ended = untilEnded(relay, keyboard ? io.input : undefined, apply);
  io.print(`termchat relay: listening on ${relay.url}, relaying to ${plan.to}`);
  io.print(describeCondition(relay.condition, Date.now()));
  for (const line of keyboard ? KEYS_LINES : ['no terminal, so no keys: the condition stays; Ctrl+C or SIGTERM stops']) io.print(line);

  const ending = await ended;
  const { accepted } = relay.stats();
  await relay.close();
  io.print(`${ending}: stopped after ${((Date.now() - started) / 1000).toFixed(1)} s; ${accepted} ${accepted === 1 ? 'connection' : 'connections'} relayed`);
  setTimeout(() => process.exit(process.exitCode ?? 0), EXIT_GRACE_MS).unref();
}

/**
 * Resolves with what ended the relay: a signal, or, from a terminal in raw mode, q or Ctrl+C.
 * Every other key of RELAY_KEYS is a change, applied at once; keys it does not know are ignored.
 */
function untilEnded(relay: Relay, keys: NodeJS.ReadStream | undefined, apply: (change: NetChange) => void): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => finish(signal);
    const onData = (data: Buffer): void => {
      for (const typed of data.toString()) {
        if (typed === CTRL_C) return finish('Ctrl+C');
        const act = RELAY_KEYS.find(({ key }) => key === typed.toLowerCase())?.act(relay.condition);
        if (act === 'quit') return finish('q');
        if (act !== undefined) apply(act);
      }
    };
    const finish = (why: string): void => {
      process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
      if (keys !== undefined) {
        keys.off('data', onData);
        keys.setRawMode(false);
        keys.pause();
      }
      resolve(why);
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
    if (keys !== undefined) {
      keys.setRawMode(true);
      keys.on('data', onData);
      keys.resume();
    }
  });
}
