import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { CHART_FONT } from './chart-spec.js';

/** The file name (without extension) of a tier's charts: tier-005-clients, so they sort by size. */
export function chartFileName(clients: number): string {
  return `tier-${String(clients).padStart(3, '0')}-clients`;
}

/** Renders a Vega-Lite spec headless (no browser, no canvas): Vega's own SVG renderer. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** An SVG rasterised at twice its size by resvg (a Rust renderer shipped inside its npm package). */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: CHART_FONT } });
  return resvg.render().asPng();
}

/** Writes `name`.svg and `name`.png into `dir`, which the bench made before its run; returns their paths. */
export async function writeChart(dir: string, name: string, spec: TopLevelSpec): Promise<string[]> {
  const svg = await renderSvg(spec);
  const svgPath = join(dir, `${name}.svg`);
  const pngPath = join(dir, `${name}.png`);
  await writeFile(svgPath, svg);
  await writeFile(pngPath, svgToPng(svg));
  return [svgPath, pngPath];
}
