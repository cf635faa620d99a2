/** A mistake in how a command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command was called right but cannot run (the port is taken, the history file is unusable): one line, exit code 1. */
export class StartError extends Error {
  override readonly name = 'StartError';
}
