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
