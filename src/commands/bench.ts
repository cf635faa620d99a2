import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { killAllChildren } from '../bench/processes/child.js';
import type { ServerKind } from '../bench/processes/server-host-protocol.js';
import type { BenchTransport } from '../bench/running/kinds.js';
import { writeChart } from '../bench/report/chart-files.js';
import { scaleChartSpec } from '../bench/report/chart-spec.js';
import { benchEntry } from '../bench/processes/entry-path.js';
import { runIdle, type IdleResult } from '../bench/running/idle.js';
import { machineInfo, writeJson } from '../bench/report/json-output.js';
import { benchDefaults, DEFAULT_SCALE_STEPS, DEFAULT_TIERS, MAX_TIER_CLIENTS, NETWORK_TRANSPORTS, REDIS_TRANSPORTS, type BenchOptions } from '../bench/running/options.js';
import { formatDuration } from '../bench/running/plan.js';
import { ProgressView, type ProgressStream } from '../bench/report/progress-view.js';
import { redisReport } from '../bench/report/redis-report.js';
import { finishedRuns, networkPlan, networkReport, writeNetworkCharts } from '../bench/report/network-report.js';
import { compareRtts } from '../bench/figures/network-figures.js';
import { shapingLabel } from '../bench/running/network.js';
import { REDIS_INSTALL_HINT, redisCommand, redisServerInstalled, startPrivateRedis, type PrivateRedis } from '../bench/running/redis-server.js';
import { runTiers, estimateTiersMs, type TiersResult } from '../bench/running/run-tiers.js';
import { estimateScaleMs, runScale, type ScaleResult } from '../bench/running/scale.js';
import { idleTable, largestHeld, scaleTable } from '../bench/report/scale-report.js';
import { tiersReport, writeTierCharts } from '../bench/report/tiers-report.js';
import { ensureDir } from '../server/store/ensure-dir.js';
import { resolveBenchNetwork } from './bench-network.js';
import { benchCommand } from './catalog.js';
import { readCommandLine, StartError, UsageError } from './flags.js';

/** Where a bench writes: the report to `stdout`, the live view to `stderr`. */
export interface BenchIo {
  readonly stdout: ProgressStream;
  readonly stderr: ProgressStream;
  /** Colour in the terminal charts; default: stdout is a terminal and NO_COLOR is unset. */
  readonly colour?: boolean;
  /** Set process.exitCode to 1 when completeness fails (default true; tests turn it off). */
  readonly setExitCode?: boolean;
}

/** What a bench produced, by mode; `ok` is false when a delivery went missing or a run failed. */
export type BenchOutcome =
  | { readonly mode: 'tiers' | 'redis' | 'network'; readonly ok: boolean; readonly options: BenchOptions; readonly result: TiersResult }
  | { readonly mode: 'scale'; readonly ok: boolean; readonly options: BenchOptions; readonly result: ScaleResult }
  | { readonly mode: 'idle'; readonly ok: boolean; readonly options: BenchOptions; readonly result: readonly IdleResult[] };

const defaultIo: BenchIo = { stdout: process.stdout, stderr: process.stderr };

/**
 * Makes the directories --json and --charts write to, and checks that they can be written, before
 * a run that may take many minutes: a bad path is refused at once rather than after the run.
 */
function prepareOutputs(options: BenchOptions): void {
  const outputs: [string, string | undefined][] = [
    ['--json', options.jsonPath === undefined ? undefined : dirname(options.jsonPath)],
    ['--charts', options.chartsDir],
  ];
  for (const [flag, dir] of outputs) {
    if (dir === undefined) continue;
    try {
      ensureDir(dir);
      accessSync(dir, constants.W_OK);
    } catch (error) {
      throw new UsageError(`${flag}: cannot write to ${dir}: ${(error as Error).message}`);
    }
  }
}

/** Turns the command line into bench options, or throws a UsageError naming what is allowed. */
export function resolveBenchOptions(args: readonly string[]): BenchOptions {
  const { values, fromFlags } = readCommandLine(benchCommand, args, {});
  const { scale, idle, redis } = values;
  if (scale && idle !== undefined) throw new UsageError('--scale and --idle are separate runs; give one of them');
  if (redis !== undefined && (scale || idle !== undefined)) throw new UsageError(`--redis runs the tiers on one and on two instances; it does not combine with ${scale ? '--scale' : '--idle'}`);
  const network = resolveBenchNetwork(values.rtt, values.net);
  if (network !== undefined) checkNetworkRun(fromFlags.has('rtt') ? '--rtt' : '--net', { scale, idle, redis });
  const mode = scale ? 'scale' : idle !== undefined ? 'idle' : redis !== undefined ? 'redis' : network !== undefined ? 'network' : 'tiers';
  const tiers = values.clients ?? (scale ? DEFAULT_SCALE_STEPS : DEFAULT_TIERS);
  const tooMany = mode === 'tiers' || mode === 'redis' || mode === 'network' ? tiers.find((clients) => clients > MAX_TIER_CLIENTS) : undefined;
  if (tooMany !== undefined) throw new UsageError(`--clients: a tier may have at most ${MAX_TIER_CLIENTS} clients; got ${tooMany}`);
  const transports = values.transports ?? (redis !== undefined ? REDIS_TRANSPORTS : network !== undefined ? NETWORK_TRANSPORTS : benchDefaults.transports);
  if (mode === 'redis') checkRedisRun(tiers, transports, values.charts);
  return {
    mode,
    tiers,
    durationMs: values.duration * 1000,
    sendEveryMs: values.sendEvery,
    intervalMs: values.interval,
    transports,
    servers: mode === 'scale' || mode === 'idle' ? serversOf(transports, fromFlags.has('transports')) : benchDefaults.servers,
    reps: values.reps,
    warmUpMs: values.warmup * 1000,
    workers: values.workers,
    maxP99Ms: values.maxP99,
    idleConnections: idle ?? 0,
    redisUrl: redis === '' ? undefined : redis,
    network,
    jsonPath: values.json,
    chartsDir: values.charts,
  };
}

/** Scale and idle runs measure WebSocket servers only: termchat (ws) and the baseline. */
function serversOf(transports: readonly BenchTransport[], given: boolean): ServerKind[] {
  if (!given) return [...benchDefaults.servers];
  const other = transports.find((kind) => kind !== 'ws' && kind !== 'baseline');
  if (other !== undefined) throw new UsageError(`--scale and --idle measure WebSocket servers: --transports may name ws and baseline; got ${other}`);
  return transports.map((kind) => (kind === 'ws' ? 'termchat' : 'baseline'));
}

/** --redis spreads each tier over two termchat instances: no baseline, at least a client each, no tier charts. */
function checkRedisRun(tiers: readonly number[], transports: readonly BenchTransport[], charts: string | undefined): void {
  if (transports.includes('baseline')) throw new UsageError(`--redis runs termchat on Redis: --transports may name ${REDIS_TRANSPORTS.join(', ')}; got baseline`);
  const small = tiers.find((clients) => clients < 2);
  if (small !== undefined) throw new UsageError(`--redis splits each tier over two instances: --clients needs at least 2 per tier; got ${small}`);
  if (charts !== undefined) throw new UsageError('--charts draws the tier charts, which --redis does not: leave one of them out');
}

/** A network bench runs the tiers through one relay in front of one server: none of the other modes. */
function checkNetworkRun(flag: '--rtt' | '--net', others: { readonly scale: boolean; readonly idle: number | undefined; readonly redis: string | undefined }): void {
  if (others.redis !== undefined) throw new UsageError(`${flag} puts one relay in front of one server, and --redis runs two instances on Redis: give one of them`);
  if (others.scale || others.idle !== undefined) throw new UsageError(`${flag} runs the tiers through a relay; it does not combine with ${others.scale ? '--scale' : '--idle'}`);
}

/** Runs `termchat bench`; sets a non-zero exit code when completeness fails. */
export async function runBench(args: readonly string[], io: BenchIo = defaultIo): Promise<BenchOutcome> {
  const options = resolveBenchOptions(args);
  if (options.mode === 'redis' && options.redisUrl === undefined && !redisServerInstalled()) {
    throw new UsageError(`--redis starts a redis-server of its own and none is installed: install it (${REDIS_INSTALL_HINT}) or give a running one, --redis redis://HOST:PORT`);
  }
  try {
    for (const entry of ['server-host', 'client-worker', 'load-generator']) benchEntry(entry);
  } catch (error) {
    throw new StartError((error as Error).message);
  }
  prepareOutputs(options);
  const out = (text: string): void => void io.stdout.write(`${text}\n`);
  const view = new ProgressView(io.stderr);
  const stopOnSignal = (signal: NodeJS.Signals): void => {
    killAllChildren();
    view.done();
    io.stderr.write(`\n${signal}: bench stopped, every server and client process ended; nothing was written\n`);
    process.exit(130);
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const outcome = await runMode(options, io, view, out);
    if (!outcome.ok && io.setExitCode !== false) process.exitCode = 1;
    return outcome;
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    killAllChildren();
  }
}

async function runMode(options: BenchOptions, io: BenchIo, view: ProgressView, out: (text: string) => void): Promise<BenchOutcome> {
  const startedAt = new Date().toISOString();
  const colour = io.colour ?? (io.stdout.isTTY === true && process.env.NO_COLOR === undefined);
  switch (options.mode) {
    case 'tiers': {
      const runs = options.tiers.length * options.transports.length * options.reps;
      out(`termchat bench: ${options.tiers.join(', ')} clients × ${options.transports.join(', ')}${options.reps > 1 ? `, ${options.reps} repetitions` : ''}`);
      out(workloadLines(options));
      out(`  server (rate limit off) and clients in separate processes; latency = receiver's clock − sentAt`);
      out(`  ${runs} runs, about ${formatDuration(estimateTiersMs(options))} in all\n`);
      const result = await runTiers(options, view);
      out(tiersReport(options, result, colour));
      const ok = complete(result);
      if (options.chartsDir !== undefined) out(`charts: ${(await writeTierCharts(options.chartsDir, options, result)).join(', ')}`);
      if (options.jsonPath !== undefined) {
        await writeJson(options.jsonPath, { tool: 'termchat bench', mode: 'tiers', startedAt, machine: machineInfo(), options, ok, ...result });
        out(`json: ${options.jsonPath}`);
      }
      out(`took ${formatDuration(result.wallMs)}`);
      return { mode: 'tiers', ok, options, result };
    }
    case 'redis': {
      // Before anything is printed: a Redis that is not there ends the bench with one line.
      const redis = await openRedis(options.redisUrl);
      const runs = options.tiers.length * options.transports.length * 2 * options.reps;
      out(`termchat bench --redis: ${options.tiers.join(', ')} clients × ${options.transports.join(', ')}, each on one termchat instance and on two${options.reps > 1 ? `, ${options.reps} repetitions` : ''}`);
      out(`  history in ${options.redisUrl === undefined ? 'a redis-server of the bench\'s own' : withoutPassword(options.redisUrl)}; on two instances half the clients are given one's URL, half the other's`);
      out(workloadLines(options));
      out(`  ${runs} runs, about ${formatDuration(estimateTiersMs(options))} in all\n`);
      let result: TiersResult;
      try {
        result = await runTiers(options, view, redis.url);
      } finally {
        await redis.own?.stop();
      }
      out(redisReport(options, result));
      const ok = complete(result);
      if (options.jsonPath !== undefined) {
        const shown = { ...options, redisUrl: options.redisUrl === undefined ? undefined : withoutPassword(options.redisUrl) };
        await writeJson(options.jsonPath, { tool: 'termchat bench', mode: 'redis', startedAt, machine: machineInfo(), options: shown, ok, ...result });
        out(`json: ${options.jsonPath}`);
      }
      out(`took ${formatDuration(result.wallMs)}`);
      return { mode: 'redis', ok, options, result };
    }
    case 'network': {
      const network = options.network!;
      const runs = options.tiers.length * options.transports.length * network.rttsMs.length * options.reps;
      const shaping = shapingLabel(network);
      out(`termchat bench through a relay: ${options.tiers.join(', ')} clients × ${options.transports.join(', ')}, each at a round trip of ${network.rttsMs.join(', ')} ms${options.reps > 1 ? `, ${options.reps} repetitions` : ''}`);
      out(`  every client reaches the server through a relay in this process${shaping === '' ? '' : ` (${shaping})`}: half the round trip each way, a new connection's first bytes one more`);
      out(workloadLines(options));
      out(`  ${runs} runs, about ${formatDuration(estimateTiersMs(options))} in all\n`);
      const result = await runTiers(options, view);
      out(networkReport(options, result));
      const ok = complete(result);
      if (options.chartsDir !== undefined) out(`charts: ${(await writeNetworkCharts(options.chartsDir, options, result)).join(', ')}`);
      if (options.jsonPath !== undefined) {
        const model = compareRtts(networkPlan(options), result.combined, finishedRuns(result)).map(({ row: _row, ...comparison }) => comparison);
        await writeJson(options.jsonPath, { tool: 'termchat bench', mode: 'network', startedAt, machine: machineInfo(), options, ok, model, ...result });
        out(`json: ${options.jsonPath}`);
      }
      out(`took ${formatDuration(result.wallMs)}`);
      return { mode: 'network', ok, options, result };
    }
    case 'scale': {
      out(`termchat bench --scale: one room of raw WebSocket clients, each sending every ${options.sendEveryMs} ms; ${options.servers.join(' and ')}`);
      out(`  sizes ${options.tiers.join(', ')}; ${options.durationMs / 1000} s each; a size holds while p99 ≤ ${options.maxP99Ms} ms and nothing is missing`);
      out(`  stops at the first size that does not hold: at most about ${formatDuration(estimateScaleMs(options))}\n`);
      const started = Date.now();
      let current = '';
      const result = await runScale(options, {
        onStep: (server, clients) => (current = `${clients} clients · ${server}`),
        onProgress: (p) => view.update(`${current} · ${p.phase} ${(p.elapsedMs / 1000).toFixed(1)} s · ${p.deliveries.toLocaleString('en-US')} deliveries · ${formatDuration(Date.now() - started)} so far`),
        onResult: (s) => view.log(`${s.held ? '✓' : '✗'} ${s.clients} clients · ${s.server}: ${s.held ? 'held' : s.reason}`),
        onError: (server, clients, error) => view.log(`✗ ${clients} clients · ${server} failed: ${error}`),
      });
      view.done();
      out(`\nSCALE: one room, raw WebSocket clients\n${scaleTable(result.steps)}\n\nLargest room that held\n${largestHeld(result.steps, options.servers)}`);
      if (result.errors.length > 0) out(`\nerrors:\n${result.errors.map((e) => `  ${e.clients} clients · ${e.server}: ${e.error}`).join('\n')}`);
      if (options.chartsDir !== undefined) {
        const points = result.steps.map((s) => ({ server: s.server, clients: s.clients, p99Ms: s.latencyP99Ms, cpuPercent: s.cpuPercent, rssPerConnectionKb: s.rssPerConnectionBytes / 1024 }));
        out(`charts: ${(await writeChart(options.chartsDir, 'scale', scaleChartSpec(points, options.maxP99Ms))).join(', ')}`);
      }
      if (options.jsonPath !== undefined) {
        await writeJson(options.jsonPath, { tool: 'termchat bench', mode: 'scale', startedAt, machine: machineInfo(), options, ...result });
        out(`json: ${options.jsonPath}`);
      }
      out(`took ${formatDuration(result.wallMs)}`);
      return { mode: 'scale', ok: result.errors.length === 0, options, result };
    }
    case 'idle': {
      out(`termchat bench --idle ${options.idleConnections}: idle WebSocket connections to ${options.servers.join(' and ')}, in rooms of 100\n`);
      const result = await runIdle(options, (server) => view.update(`opening ${options.idleConnections.toLocaleString('en-US')} idle connections to ${server}…`, true));
      view.done();
      out(`IDLE CONNECTIONS\n${idleTable(result)}`);
      if (options.jsonPath !== undefined) {
        await writeJson(options.jsonPath, { tool: 'termchat bench', mode: 'idle', startedAt, machine: machineInfo(), options, results: result });
        out(`json: ${options.jsonPath}`);
      }
      return { mode: 'idle', ok: result.every((r) => r.dropped === 0), options, result };
    }
  }
}

/** Every run finished, and every message reached every client once and was acknowledged. */
function complete(result: TiersResult): boolean {
  return result.runs.every((r) => r.error === undefined) && result.combined.every((r) => r.missing === 0 && r.duplicates === 0 && r.unacked === 0);
}

/** The Redis of a --redis bench: the one at `url`, checked to answer, or a redis-server of its own. */
async function openRedis(url: string | undefined): Promise<{ readonly url: string; readonly own?: PrivateRedis }> {
  if (url === undefined) {
    const own = await startPrivateRedis().catch((error: unknown) => {
      throw new StartError(`cannot start redis-server: ${(error as Error).message}`);
    });
    return { url: own.url, own };
  }
  const { hostname, port } = new URL(url);
  // Any answer will do (even NOAUTH): the servers log in themselves; this only finds a wrong address early.
  await redisCommand(port === '' ? 6379 : Number(port), 'PING', 2000, hostname.replace(/^\[|\]$/g, '')).catch((error: unknown) => {
    throw new StartError(`cannot reach Redis at ${withoutPassword(url)}: ${(error as Error).message}`);
  });
  return { url };
}

/** A Redis URL fit to print or save: its password, if any, left out. */
function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}

/** The workload of a tiers or Redis run, as its header states it. */
function workloadLines(options: BenchOptions): string {
  const warmUp = options.warmUpMs > 0 ? `warm-up: ${options.warmUpMs / 1000} s of the same sending first, not measured` : 'no warm-up: timed from the first message';
  return `  ${options.durationMs / 1000} s of sending per run; each client sends every ${options.sendEveryMs} ms from a random offset; short-poll interval ${options.intervalMs} ms\n  ${warmUp}`;
}
