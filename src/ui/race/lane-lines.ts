import type { Span } from '../format/paint.js';
import type { StatusField } from '../format/status.js';
import { columnsOf, cutToWidth, truncateToWidth } from '../format/text-width.js';
import { stackedLabel, type LaneView } from './race-view.js';

/** One line of a lane, already cut to its width: the screen draws it as it is, with nothing to measure or clip. */
export interface LaneLine {
  readonly key: string;
  readonly spans: readonly Span[];
}

/** Marks the focused lane's name, so that the focus shows without colour too. */
export const FOCUS = '▸ ';

/** Columns a line's spans take. */
export function spansWidth(spans: readonly Span[]): number {
  let width = 0;
  for (const span of spans) width += columnsOf(span.text);
  return width;
}

/**
 * `spans` cut to `width` columns, the last one that does not fit ending in `…`, or, `hard`, cut
 * where the width ends: a message line cut so keeps to plain ASCII when its text is, which the
 * terminal's renderer measures in a fraction of the time (a race redraws a hundred of them).
 */
export function fit(spans: readonly Span[], width: number, hard = false): Span[] {
  const out: Span[] = [];
  let left = width;
  for (const span of spans) {
    if (left <= 0) break;
    const w = columnsOf(span.text);
    if (w <= left) {
      out.push(span);
      left -= w;
      continue;
    }
    out.push({ ...span, text: hard ? cutToWidth(span.text, left) : truncateToWidth(span.text, left) });
    break;
  }
  return out;
}

const figure = (field: StatusField, label = field.label): Span[] => [
  { text: `${label} `, dim: true },
  { text: field.value, tone: field.tone },
];

/** The figure a lane shows that the others do not need: a poller's waste, a WebSocket's ping. */
function special(view: LaneView): StatusField {
  if (view.figures.waste.value !== '—') return view.figures.waste;
  if (view.figures.ping.value !== '—') return view.figures.ping;
  return view.figures.waste;
}

/** "last · p50 · p95 ms" without the spaces, for a narrow column. */
const compact = (latency: string): string => latency.replace(/ · /g, '·');

function arrivals(view: LaneView, messages: number, indent: string): LaneLine[] {
  return (messages > 0 ? view.recent.slice(-messages) : []).map((arrival) => ({
    key: `m${arrival.key}`,
    spans: [{ text: indent }, { text: arrival.delay, tone: 'info' }, { text: ` ${arrival.who} ${arrival.text}` }],
  }));
}

/** Lines a column gives its figures, before its messages. */
export const COLUMN_FIGURE_LINES = 10;

/** A lane as a column `width` wide (its last column left blank): name, state, the status bar's figures, the count, its last `messages`. */
export function columnLines(view: LaneView, width: number, messages: number, focused = false): LaneLine[] {
  const inner = Math.max(1, width - 1);
  const [state, more] = stackedLabel(view.connection.text, inner);
  const f = view.figures;
  const lines: { key: string; spans: readonly Span[] }[] = [
    { key: 'name', spans: [{ text: focused ? `${FOCUS}${view.lane}` : view.lane, tone: 'info', bold: true, inverse: focused }] },
    { key: 'state', spans: [{ text: state, tone: view.connection.tone }] },
    { key: 'state+', spans: [{ text: more, tone: view.connection.tone }] },
    { key: 'lat', spans: [{ text: 'lat ', dim: true }, { text: compact(view.latency) }] },
    { key: 'spark', spans: [{ text: view.spark, tone: 'info' }] },
    { key: 'req', spans: [...figure(f['req/s']), { text: ' ' }, ...figure(f.tcp)] },
    { key: 'wire', spans: figure(f.bytes, 'wire') },
    { key: 'per', spans: figure(f['bytes/msg']) },
    { key: 'special', spans: figure(special(view)) },
    {
      key: 'recv',
      spans: [{ text: 'recv ', dim: true }, { text: view.count.text, tone: view.count.tone }, ...(f.reconnects.value === '0' ? [] : [{ text: ' ' }, ...figure(f.reconnects, 'rc')])],
    },
    ...arrivals(view, messages, ''),
  ];
  return lines.map((line) => ({ key: line.key, spans: fit(line.spans, inner, line.key.startsWith('m')) }));
}


/** A lane as rows across `width`: its figures on the first line, the count right after the state, then its last `messages`. */
export function rowLines(view: LaneView, width: number, messages: number, focused = false): LaneLine[] {
  const f = view.figures;
  const first: Span[] = [
    { text: focused ? `${FOCUS}${view.lane}` : view.lane, tone: 'info', bold: true, inverse: focused },
    { text: ' '.repeat(Math.max(0, 14 - view.lane.length - (focused ? FOCUS.length : 0))) },
    { text: ` ● ${view.connection.text}`, tone: view.connection.tone },
    { text: '  recv ', dim: true },
    { text: view.count.text, tone: view.count.tone },
    { text: '  lat ', dim: true },
    { text: compact(view.latency) },
    ...(view.spark === '' ? [] : [{ text: ` ${view.spark}`, tone: 'info' as const }]),
    { text: '  ' },
    ...figure(f['req/s']),
    { text: ' ' },
    ...figure(f.tcp),
    { text: '  ' },
    ...figure(f.bytes, 'wire'),
    { text: ' ' },
    ...figure(f['bytes/msg']),
    { text: '  ' },
    ...figure(special(view)),
  ];
  return [{ key: 'figures', spans: fit(first, width) }, ...arrivals(view, messages, '  ').map((line) => ({ ...line, spans: fit(line.spans, width, true) }))];
}
