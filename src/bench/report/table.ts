import { msShort } from './format.js';

export interface Column {
  readonly header: string;
  /** Text columns left, numbers right (the default). */
  readonly align?: 'left' | 'right';
}

/** A column that reads its cell from a record, so that a header and its cells are declared together. */
export interface RecordColumn<R> extends Column {
  readonly cell: (record: R) => string;
}

/** A record's row: its cell in every column. */
export function cellsOf<R>(columns: readonly RecordColumn<R>[], record: R): string[] {
  return columns.map((column) => column.cell(record));
}

/** A table of one row per record (see renderTable). */
export function recordTable<R>(columns: readonly RecordColumn<R>[], records: readonly R[], indent = ''): string {
  return renderTable(
    columns,
    records.map((record) => cellsOf(columns, record)),
    indent,
  );
}

/** Latency percentiles, as a run's figures and a scale step have them. */
interface Latencies {
  readonly latencyP50Ms: number | null;
  readonly latencyP99Ms: number | null;
  readonly latencyMaxMs: number | null;
}

/** p50, p99 and max, compact: the latency every table beyond the study's shows. */
export const LATENCY_COLUMNS: readonly RecordColumn<Latencies>[] = [
  { header: 'p50', cell: (r) => msShort(r.latencyP50Ms) },
  { header: 'p99', cell: (r) => msShort(r.latencyP99Ms) },
  { header: 'max', cell: (r) => msShort(r.latencyMaxMs) },
];

/** A plain-text table: one header line, then rows; columns padded to their widest cell, two spaces apart. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], indent = ''): string {
  const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    indent +
    columns
      .map((column, i) => {
        const cell = cells[i] ?? '';
        return column.align === 'left' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!);
      })
      .join('   ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join('\n');
}

/** `text` centred in `width` columns. */
export function centre(text: string, width: number): string {
  const left = Math.max(0, Math.floor((width - text.length) / 2));
  return (' '.repeat(left) + text).padEnd(width);
}
