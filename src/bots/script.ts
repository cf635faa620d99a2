/** Draws the lines a bot says. */
export interface Script {
  next(): string;
}

/**
 * Deals `lines` like a shuffled deck: every line once before any repeats, and a new deck never
 * starts with the line the previous one ended on.
 */
export function createScript(lines: readonly string[], random: () => number): Script {
  if (lines.length === 0) throw new RangeError('a script needs at least one line');
  let deck: string[] = [];
  let last: string | undefined;
  const shuffle = (): string[] => {
    const cards = [...lines];
    for (let i = cards.length - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(Math.max(random(), 0) * (i + 1)));
      [cards[i], cards[j]] = [cards[j]!, cards[i]!];
    }
    // Dealt from the end: swap so the next card differs from the last one said.
    if (cards.length > 1 && cards.at(-1) === last) [cards[0], cards[cards.length - 1]] = [cards.at(-1)!, cards[0]!];
    return cards;
  };
  return {
    next: () => {
      if (deck.length === 0) deck = shuffle();
      last = deck.pop()!;
      return last;
    },
  };
}
