import { describe, expect, it } from 'vitest';
import { chartSeconds, panelLines, stretch, tierPoints } from '../../src/bench/report/chart-data.js';
import { renderSvg, svgToPng } from '../../src/bench/report/chart-files.js';
import { scaleChartSpec, tierChartSpec } from '../../src/bench/report/chart-spec.js';
import { tierTerminalCharts } from '../../src/bench/report/terminal-charts.js';
import { figures } from './fixtures.js';

const rows = [figures('poll', 5, 60, { tcpConnections: 494 }), figures('ws', 5, 1, { tcpConnections: 5 })];

describe('charts', () => {
  it('stretch widens a series by repeating points', () => {
    expect(stretch([1, 2], 6)).toEqual([1, 1, 1, 2, 2, 2]);
    expect(stretch([1, 2, 3], 2)).toEqual([1, 2, 3]);
    expect(chartSeconds(2.5)).toBe(3);
  });

  it('points and lines cover the seconds of sending, one line per transport', () => {
    expect(tierPoints(rows, 10)).toEqual([
      { transport: 'poll', second: 1, connections: 494, connPerSec: 494, avgLatencyMs: 60 },
      { transport: 'ws', second: 1, connections: 5, connPerSec: 5, avgLatencyMs: 1 },
    ]);
    expect(panelLines(rows, 'avgLatencyMs', 3)).toEqual([
      { transport: 'poll', values: [60, 60, 60] },
      { transport: 'ws', values: [1, 1, 1] },
    ]);
    expect(panelLines(rows, 'connPerSec', 2)).toEqual([
      { transport: 'poll', values: [494, 0] },
      { transport: 'ws', values: [5, 0] },
    ]);
  });

  it('draws a run in which nothing was delivered (no latency at all) without failing', () => {
    const silent = { ...rows[1]!, series: { ...rows[1]!.series, avgLatencyMs: [], deliveries: [] } };
    expect(panelLines([silent], 'avgLatencyMs', 2)).toEqual([{ transport: 'ws', values: [0, 0] }]);
    expect(tierTerminalCharts(5, [rows[0]!, silent], { colour: true, width: 10, height: 3 })).toContain('Avg latency');
  });

  it('draws the three panels in the terminal with a legend', () => {
    const text = tierTerminalCharts(5, rows, { colour: false, width: 20, height: 4 });
    expect(text).toMatch(/^5 clients {3}━━ poll {2}━━ ws/);
    expect(text).toContain('Total connections, per second over the 10 s of sending');
    expect(text).toContain('Conn/s');
    expect(text).toContain('Avg latency (ms)');
    expect(text).toMatch(/^ +494 ┼/m);
    expect(tierTerminalCharts(5, rows, { colour: true })).toContain('\x1b[');
  });

  it('renders the tier figure to SVG and PNG without a browser', async () => {
    const svg = await renderSvg(tierChartSpec(5, tierPoints(rows, 10)));
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('Total connections');
    expect(svg).toContain('termchat bench — 5 clients');
    const png = svgToPng(svg);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const scale = await renderSvg(scaleChartSpec([{ server: 'termchat', clients: 250, p99Ms: 12, cpuPercent: 40, rssPerConnectionKb: 30 }], 100));
    expect(scale).toContain('p99 latency (ms, symlog scale)');
  });
});
