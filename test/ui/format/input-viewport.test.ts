import { describe, expect, it } from 'vitest';
import { inputViewport } from '../../../src/ui/format/input-viewport.js';
import { textWidth } from '../../../src/ui/format/text-width.js';

describe('inputViewport', () => {
  it('shows the whole line with the cursor at the end', () => {
    expect(inputViewport('hello', 5, 20)).toEqual({ before: 'hello', atCursor: ' ', after: '' });
  });

  it('splits around a cursor inside the line', () => {
    expect(inputViewport('hello', 1, 20)).toEqual({ before: 'h', atCursor: 'e', after: 'llo' });
  });

  it('scrolls so the cursor stays visible on a long line', () => {
    const text = 'abcdefghijklmnopqrstuvwxyz';
    const view = inputViewport(text, text.length, 10);
    expect(view).toEqual({ before: 'rstuvwxyz', atCursor: ' ', after: '' });
    const start = inputViewport(text, 0, 10);
    expect(start).toEqual({ before: '', atCursor: 'a', after: 'bcdefghij' });
  });

  it('draws newlines of a paste as ⏎', () => {
    expect(inputViewport('one\ntwo', 7, 20).before).toBe('one⏎two');
  });

  it('counts wide characters as two columns', () => {
    const view = inputViewport('日本語日本語', 6, 6);
    expect(textWidth(view.before + view.atCursor + view.after)).toBeLessThanOrEqual(6);
    expect(view.before).toBe('本語');
  });
});
