const BARS = '▁▂▃▄▅▆▇█';

/**
 * The last `width` values as bars scaled from 0 to the largest, so a flat line of equal latencies
 * stays flat and one slow message stands out. Non-finite and negative values draw as the lowest bar.
 */
export function sparkline(values: readonly number[], width: number): string {
  if (width <= 0 || values.length === 0) return '';
  const recent = values.slice(-Math.floor(width));
  const max = Math.max(0, ...recent.filter((v) => Number.isFinite(v)));
  const top = BARS.length - 1;
  return recent
    .map((value) => {
      if (!Number.isFinite(value) || value <= 0 || max === 0) return BARS[0];
      return BARS[Math.round((value / max) * top)];
    })
    .join('');
}
