import { describe, expect, it } from 'vitest';
import { textWidth } from '../../../src/ui/format/text-width.js';
import { wrapText } from '../../../src/ui/format/wrap.js';

describe('wrapText', () => {
  it('keeps a line that fits', () => {
    expect(wrapText('hello world', 20)).toEqual(['hello world']);
  });

  it('breaks at spaces and drops the space at the break', () => {
    expect(wrapText('the quick brown fox', 10)).toEqual(['the quick', 'brown fox']);
  });

  it('breaks a word longer than the line inside the word', () => {
    expect(wrapText('abcdefghij xy', 4)).toEqual(['abcd', 'efgh', 'ij', 'xy']);
  });

  it('honours newlines, including empty lines', () => {
    expect(wrapText('one\n\ntwo', 10)).toEqual(['one', '', 'two']);
    expect(wrapText('', 10)).toEqual(['']);
  });

  it('never splits a wide character or an emoji and never exceeds the width', () => {
    const lines = wrapText('日本語のテキスト👍👍👍', 5);
    for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(5);
    expect(lines.join('')).toBe('日本語のテキスト👍👍👍');
    expect(lines[0]).toBe('日本');
  });

  it('keeps a combining accent with its letter at a hard break', () => {
    const lines = wrapText('e\u0301e\u0301e\u0301', 2);
    expect(lines).toEqual(['e\u0301e\u0301', 'e\u0301']);
  });

  it('treats a width below 1 as 1', () => {
    expect(wrapText('ab', 0)).toEqual(['a', 'b']);
  });
});
