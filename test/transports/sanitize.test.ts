import { describe, expect, it } from 'vitest';
import { sanitizeLine, sanitizeText } from '../../src/transports/sanitize.js';
import { C1_CSI, CSI, HOSTILE, isUnsafe, SET_TITLE, WRITE_CLIPBOARD } from '../helpers/hostile.js';

describe('sanitizeText and sanitizeLine', () => {
  it.each([
    ['ESC and BEL of a title change', `a${SET_TITLE}b`, 'a]0;PWNED-TITLEb'],
    ['ESC and BEL of a clipboard write', `a${WRITE_CLIPBOARD}b`, 'a]52;c;ZXZpbA==b'],
    ['ESC of CSI sequences', `a${CSI}b`, 'a[2J[31m[6nb'],
    ['the one-byte CSI and every other C1 control', `a${C1_CSI}\u0085\u009fb`, 'a6nb'],
    ['C0 controls and DEL', 'a\u0000\u0007\u0008\u000b\u000c\u007fb', 'ab'],
    ['the Arabic letter mark', 'a\u061cb', 'ab'],
    ['zero-width characters', 'a\u200b\u200c\u200d\u2060\ufeffb', 'ab'],
    ['direction marks, embeddings, overrides and isolates', 'a\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069b', 'ab'],
    ['line and paragraph separators', 'a\u2028\u2029b', 'ab'],
    ['the soft hyphen', 'a\u00adb', 'ab'],
    ['tag characters', 'a\u{e0000}\u{e0001}\u{e0020}\u{e0041}\u{e007f}b', 'ab'],
    ['lone surrogates', 'a\ud800\udbffb\udc00', 'ab'],
    ['a zero-width joiner that joins no two emoji', 'a\u200d👍 👍\u200db \u200d', 'a👍 👍b '],
  ])('removes %s', (_, input, output) => {
    expect(sanitizeText(input)).toBe(output);
    expect(sanitizeLine(input)).toBe(output);
  });

  it.each([
    ['emoji, with skin tones, flags and joined ones', '👍🏽 🇯🇵 👩\u200d💻 🧑🏽\u200d🚀 ❤️\u200d🔥 🏳️\u200d🌈 👨\u200d👩\u200d👧'],
    ['CJK', '中文字符 日本語 한국어'],
    ['right-to-left text', 'שלום עולם مرحبا بالعالم'],
    ['accents, combining marks and private-use icons', 'café naïve e\u0301 \ue0a0'],
  ])('keeps %s as they are', (_, text) => {
    expect(sanitizeText(text)).toBe(text);
    expect(sanitizeLine(text)).toBe(text);
  });

  it('keeps the lines of a text, LF for CR LF and CR, and puts a line on one', () => {
    expect(sanitizeText('one\r\ntwo\rthree\nfour\tend')).toBe('one\ntwo\nthree\nfour    end');
    expect(sanitizeLine('one\r\ntwo\rthree\nfour\tend')).toBe('one two three four    end');
  });

  it('leaves nothing a terminal would act on, whatever is mixed in', () => {
    const mixed = `x${HOSTILE}y\n${HOSTILE}z`;
    expect(isUnsafe(sanitizeText(mixed))).toBe(false);
    expect(isUnsafe(sanitizeLine(mixed), true)).toBe(false);
  });
});
