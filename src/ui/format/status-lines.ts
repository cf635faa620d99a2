import type { StatusField, StatusView } from './status.js';
import type { Tone } from './theme.js';
import { textWidth } from './text-width.js';

/** One run of the status bar as drawn. */
export type StatusPiece =
  | { readonly kind: 'connection'; readonly text: string; readonly tone: Tone }
  | { readonly kind: 'transport'; readonly text: string }
  /** The network's condition, when it is not clean (net delay 100 ms, net blackhole). */
  | { readonly kind: 'net'; readonly text: string; readonly tone: Tone }
  | { readonly kind: 'field'; readonly label: string; readonly value: string; readonly tone?: Tone | undefined }
  /** The latency bars, drawn one space after the latency. */
  | { readonly kind: 'spark'; readonly text: string };

/** Spaces between two pieces of a line. */
const GAP = 2;

function pieceWidth(piece: StatusPiece): number {
  switch (piece.kind) {
    case 'connection':
      return 2 + textWidth(piece.text);
    case 'transport':
    case 'net':
    case 'spark':
      return textWidth(piece.text);
    case 'field':
      return (piece.label === '' ? 0 : textWidth(piece.label) + 1) + textWidth(piece.value);
  }
}

/** Columns a line of pieces takes, the spark joined by one space and the rest by GAP. */
export function lineWidth(line: readonly StatusPiece[]): number {
  return line.reduce((sum, piece, i) => sum + pieceWidth(piece) + (i === 0 ? 0 : piece.kind === 'spark' ? 1 : GAP), 0);
}

const asPiece = (field: StatusField, short: boolean): StatusPiece => ({ kind: 'field', label: short ? (field.short ?? field.label) : field.label, value: field.value, tone: field.tone });

/** Packs pieces into lines of at most `width` columns, in order; a piece wider than a line gets one of its own. */
function pack(pieces: readonly StatusPiece[], width: number): StatusPiece[][] {
  const lines: StatusPiece[][] = [];
  let line: StatusPiece[] = [];
  for (const piece of pieces) {
    if (line.length > 0 && lineWidth([...line, piece]) > width) {
      lines.push(line);
      line = [];
    }
    line.push(piece);
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

/**
 * The status bar fitted to `width` columns. The first line keeps the essentials, the connection,
 * the transport (and the network, when it is not clean) and the latency: the sparkline goes first
 * when they do not fit, then the latency's label is shortened, and last the latency moves down. The figures follow on the second line with
 * their full labels, else their short ones (`ovh`, `recon`, `pend`), else wrapped onto more lines,
 * so that every figure is on screen at any width, never cut off at the edge.
 */
export function statusLines(view: StatusView, width: number): StatusPiece[][] {
  const head: StatusPiece[] = [
    { kind: 'connection', text: view.connection.text, tone: view.connection.tone },
    { kind: 'transport', text: view.transport },
    ...(view.net === undefined ? [] : [{ kind: 'net', text: view.net.text, tone: view.net.tone } as const]),
  ];
  const spark: StatusPiece[] = view.spark === '' ? [] : [{ kind: 'spark', text: view.spark }];
  const tries: StatusPiece[][] = [[...head, asPiece(view.latency, false), ...spark], [...head, asPiece(view.latency, false)], [...head, asPiece(view.latency, true)]];
  const first = tries.find((line) => lineWidth(line) <= width);
  const figures = first === undefined ? [view.latency, ...view.fields] : view.fields;
  const full = figures.map((field) => asPiece(field, false));
  const short = figures.map((field) => asPiece(field, true));
  const rest = lineWidth(full) <= width ? [full] : lineWidth(short) <= width ? [short] : pack(short, width);
  return [first ?? head, ...rest];
}
