import { describe, expect, it } from 'vitest';
import { graphemes, graphemeWidth, textWidth, truncateToWidth } from '../../../src/ui/format/text-width.js';

describe('text width', () => {
  it('counts ASCII one column each', () => {
    expect(textWidth('hello')).toBe(5);
  });

  it('counts CJK and emoji two columns, combining marks none', () => {
    expect(textWidth('日本')).toBe(4);
    expect(textWidth('👍')).toBe(2);
    expect(textWidth('e\u0301')).toBe(1);
    expect(textWidth('👨‍👩‍👧')).toBe(2);
    expect(textWidth('🇫🇷')).toBe(2);
    expect(graphemeWidth('\u200b')).toBe(0);
  });

  it('keeps an emoji family and an accented letter as one grapheme', () => {
    expect(graphemes('a👨‍👩‍👧e\u0301')).toEqual(['a', '👨‍👩‍👧', 'e\u0301']);
  });

  it('truncates by columns with an ellipsis', () => {
    expect(truncateToWidth('abcdef', 4)).toBe('abc…');
    expect(truncateToWidth('abc', 4)).toBe('abc');
    expect(truncateToWidth('日本語', 4)).toBe('日…');
    expect(truncateToWidth('abc', 0)).toBe('');
  });
});

describe('the narrow fast path', () => {
  it('agrees with the grapheme walk on every character it takes, and cuts at the width', async () => {
    const { columnsOf, textWidth, graphemeWidth, cutToWidth } = await import('../../../src/ui/format/text-width.js');
    const ranges: [number, number][] = [[0x20, 0x7e], [0xa0, 0xac], [0xae, 0x24f], [0x2010, 0x2027], [0x2030, 0x205e], [0x2190, 0x21ff], [0x2500, 0x25fc]];
    for (const [from, to] of ranges) for (let cp = from; cp <= to; cp++) expect(columnsOf(String.fromCodePoint(cp)), cp.toString(16)).toBe(graphemeWidth(String.fromCodePoint(cp)));
    expect(columnsOf('● open · 3.0·3.0·9.0 ms ▁▂▃█ …')).toBe(30);
    expect(textWidth('● open · 3.0·3.0·9.0 ms ▁▂▃█ …')).toBe(30);
    expect(columnsOf('◽')).toBe(2);
    expect(cutToWidth('3.0 ms bot-ws-1 hello there', 12)).toBe('3.0 ms bot-w');
    expect(cutToWidth('日本語のテキスト', 5)).toBe('日本');
  });
});
