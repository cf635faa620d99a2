/** Which server a benchmark process runs. */
export type ServerKind = 'termchat' | 'baseline';

export type HostRequest =
  /** `gc`: collect garbage first, so that memory per connection is not hidden by what is not freed yet. */
  | { readonly type: 'usage'; readonly gc?: boolean }
  | { readonly type: 'stop' };

/** A server process's resource use since it started. */
export interface Usage {
  /** User + system CPU time. */
  readonly cpuMs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** The largest RSS so far. */
  readonly peakRssBytes: number;
}

export type HostReply = { readonly type: 'ready'; readonly port: number } | ({ readonly type: 'usage' } & Usage);
