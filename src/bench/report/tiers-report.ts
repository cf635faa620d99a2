import type { BenchOptions } from '../running/options.js';
import type { TiersResult } from '../running/run-tiers.js';
import { chartSeconds, tierPoints } from './chart-data.js';
import { chartFileName, writeChart } from './chart-files.js';
import { tierChartSpec } from './chart-spec.js';
import { tierTerminalCharts } from './terminal-charts.js';
import { completenessVerdict, detailTables, overheadLines, sideBySide, studyTables, type ReportInput } from './tiers-tables.js';

/** The whole text report of a tiers bench: the study's tables, the extra figures, the charts, the verdict. */
export function tiersReport(options: BenchOptions, result: TiersResult, colour: boolean): string {
  const input: ReportInput = { tiers: options.tiers, transports: options.transports, rows: result.combined };
  const reps = options.reps > 1 ? ` (medians of ${options.reps} repetitions; missing and duplicates summed over all)` : '';
  const sections = [
    `RESULTS${reps}`,
    studyTables(input),
    `SIDE-BY-SIDE\n${sideBySide(input)}\n  (Wasted% is 0 for push transports: they never ask in vain)`,
    `LATENCY, COMPLETENESS AND COST per tier\n  (CPU ms/1k: server CPU per 1,000 deliveries; Wire/delivery: client bytes both ways, headers and framing included)\n\n${detailTables(input)}`,
  ];
  const overhead = overheadLines(input);
  if (overhead !== undefined) sections.push(overhead);
  sections.push(
    `CHARTS per tier\n\n${options.tiers
      .map((clients) => tierTerminalCharts(clients, result.combined.filter((r) => r.clients === clients), { colour }))
      .join('\n\n')}`,
  );
  const failed = result.runs.filter((r) => r.error !== undefined);
  if (failed.length > 0) sections.push(`FAILED RUNS\n${failed.map((r) => `  ${r.clients} clients · ${r.transport}: ${r.error}`).join('\n')}`);
  sections.push(completenessVerdict(result.runs));
  return `\n${sections.join('\n\n')}\n`;
}

/** Writes one SVG and one PNG per tier into `dir`; returns the paths. */
export async function writeTierCharts(dir: string, options: BenchOptions, result: TiersResult): Promise<string[]> {
  const written: string[] = [];
  for (const clients of options.tiers) {
    const rows = result.combined.filter((r) => r.clients === clients);
    if (rows.length === 0) continue;
    written.push(...(await writeChart(dir, chartFileName(clients), tierChartSpec(clients, tierPoints(rows, chartSeconds(options.durationMs / 1000))))));
  }
  return written;
}
