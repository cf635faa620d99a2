import { useCallback, useState } from 'react';

/**
 * The rows the status bar takes at `columns`, as it reports them. The figure only grows until the
 * width changes: a bar that wrapped to a third line once (a long countdown, a large byte count)
 * keeps the row, so the conversation does not jump up and down as figures grow and shrink.
 */
export function useStatusRows(columns: number): readonly [rows: number, report: (rows: number) => void] {
  const [seen, setSeen] = useState({ columns, rows: 2 });
  const report = useCallback((rows: number) => setSeen((current) => (rows <= current.rows ? current : { ...current, rows })), []);
  if (seen.columns !== columns) {
    // A new width starts over: React re-renders at once with this state.
    setSeen({ columns, rows: 2 });
  }
  return [seen.columns === columns ? seen.rows : 2, report];
}
