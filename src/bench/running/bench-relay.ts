import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { startRelay, type Relay } from '../../relay/index.js';
import type { NetworkMeasure } from '../figures/run-figures.js';
import { relayChanges, type RunNetwork } from './network.js';

/** How often the event loop's lag is sampled, ms: often enough for a p99 over seconds, rarely enough to cost nothing. */
const LAG_RESOLUTION_MS = 10;

/**
 * One run's fault relay, in the bench's own process, between every client and the server. That
 * process does nothing else while a run goes on but tick its progress line, so its CPU and the
 * lag of its event loop are the relay's: they say whether the relay kept up, that is whether a
 * run measured the network asked for or a busy relay. Every new connection's first bytes are held
 * one more round trip, for TCP's handshake, as on a real link.
 */
export class BenchRelay {
  readonly #relay: Relay;
  readonly #network: RunNetwork;
  #lag: IntervalHistogram | undefined;
  #cpuFrom: NodeJS.CpuUsage | undefined;
  #wallFrom = 0;

  private constructor(relay: Relay, network: RunNetwork) {
    this.#relay = relay;
    this.#network = network;
  }

  /** A relay to the server at `to`, in `network`'s condition from its first connection. */
  static async start(to: string, network: RunNetwork): Promise<BenchRelay> {
    return new BenchRelay(await startRelay({ to, net: relayChanges(network), handshake: true }), network);
  }

  /** What clients are given as their server. */
  get url(): string {
    return this.#relay.url;
  }

  /** Starts measuring this process, when sending starts. */
  measure(): void {
    this.#lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    this.#lag.enable();
    this.#cpuFrom = process.cpuUsage();
    this.#wallFrom = performance.now();
  }

  /** Stops measuring, and says what the run's network was and what relaying cost. */
  measured(): NetworkMeasure {
    const cpu = process.cpuUsage(this.#cpuFrom);
    const wallMs = performance.now() - this.#wallFrom;
    this.#lag?.disable();
    // The histogram holds whole intervals between samples (ns): the lag is what exceeds the resolution.
    const lagP99Ms = this.#lag === undefined || this.#lag.count === 0 ? 0 : Math.max(0, this.#lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS);
    return {
      rttMs: this.#network.rttMs,
      jitterMs: this.#network.jitterMs,
      rateBitsPerSecond: this.#network.rateBitsPerSecond ?? null,
      relayedConnections: this.#relay.stats().accepted,
      relayCpuPercent: this.#cpuFrom === undefined || wallMs <= 0 ? 0 : ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
      relayLagP99Ms: lagP99Ms,
    };
  }

  /** Closes every relayed socket and frees the port. */
  close(): Promise<void> {
    this.#lag?.disable();
    return this.#relay.close();
  }
}
