/** A stretch of a message's text drawn apart: an address to link, a mention of you, a search match. */
export interface Span {
  /** UTF-16 offsets into the text, end excluded. */
  readonly start: number;
  readonly end: number;
  readonly link?: string;
  readonly mark?: 'mention' | 'match';
}

/** A run of one line's text with how to draw it. */
export interface Run {
  readonly text: string;
  readonly link?: string;
  readonly mark?: 'mention' | 'match';
}

/**
 * Cuts one line, which starts at `offset` in the text the spans were found in, into runs: a new run
 * wherever a span begins or ends. Where spans overlap a run carries each's link, and a search match
 * wins over a mention, being what the reader is looking for now.
 */
export function splitRuns(line: string, offset: number, spans: readonly Span[]): Run[] {
  const end = offset + line.length;
  const inside = spans.filter((span) => span.start < end && span.end > offset);
  if (inside.length === 0) return [{ text: line }];
  const cuts = new Set<number>([offset, end]);
  for (const span of inside) {
    if (span.start > offset) cuts.add(span.start);
    if (span.end < end) cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i]!, points[i + 1]!];
    const covering = inside.filter((span) => span.start <= from && span.end >= to);
    const link = covering.find((span) => span.link !== undefined)?.link;
    const mark = covering.some((span) => span.mark === 'match') ? 'match' : covering.some((span) => span.mark === 'mention') ? 'mention' : undefined;
    runs.push({ text: line.slice(from - offset, to - offset), ...(link === undefined ? {} : { link }), ...(mark === undefined ? {} : { mark }) });
  }
  return runs;
}

/** Where `query` occurs in `text`, ignoring case; none for an empty query. */
export function findMatches(text: string, query: string): Span[] {
  if (query === '') return [];
  const haystack = text.toLowerCase();
  const needle = query.toLowerCase();
  const spans: Span[] = [];
  // Lower-casing keeps UTF-16 lengths for nearly all text; where it does not, offsets would drift, so such texts are matched as they are.
  const exact = haystack.length === text.length && needle.length === query.length;
  const [within, sought] = exact ? [haystack, needle] : [text, query];
  for (let at = within.indexOf(sought); at !== -1; at = within.indexOf(sought, at + sought.length)) spans.push({ start: at, end: at + sought.length, mark: 'match' });
  return spans;
}
