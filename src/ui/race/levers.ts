// What the race screen can do besides its clients, handed to it by the command that runs it: the
// UI itself never starts a server nor speaks to the network.

/** The server the race runs on. */
export interface ServerLever {
  /** Where it answers. */
  readonly url: string;
  /** The race started it in this process, so it can stop and start it; otherwise it is someone else's. */
  readonly own: boolean;
  readonly running: boolean;
  /** Stops it as `termchat serve` stops on Ctrl+C (WebSockets closed with 1001, streams ended, polls answered); then connects are refused. History is kept. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same history. */
  start(): Promise<void>;
}

/** The background chatter. */
export interface BotsLever {
  readonly count: number;
  /** The most /bots takes. */
  readonly max: number;
  /** Starts or stops bots until `count` are chatting. */
  set(count: number): void;
}
