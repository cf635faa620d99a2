/** Ascending, non-overlapping [first, last] runs of message ids: a receiver's 500 ids are one pair. */
export type IdRanges = readonly (readonly [number, number])[];

/** Compresses ids (any order, repeats allowed) into ranges. */
export function toRanges(ids: Iterable<number>): IdRanges {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const id of sorted) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && id === last[1] + 1) last[1] = id;
    else ranges.push([id, id]);
  }
  return ranges;
}

/** Whether `id` is in `ranges` (binary search). */
export function inRanges(ranges: IdRanges, id: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last] = ranges[mid]!;
    if (id < first) hi = mid - 1;
    else if (id > last) lo = mid + 1;
    else return true;
  }
  return false;
}

/** How many ids the ranges hold. */
export function rangeCount(ranges: IdRanges): number {
  let n = 0;
  for (const [first, last] of ranges) n += last - first + 1;
  return n;
}
