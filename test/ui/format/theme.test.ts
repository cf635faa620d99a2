import { describe, expect, it } from 'vitest';
import { NICK_COLOURS, nickColour } from '../../../src/ui/format/nick-colour.js';
import { colourWanted, createTheme } from '../../../src/ui/format/theme.js';

describe('nick colour', () => {
  it('is stable for a name and from the palette', () => {
    expect(nickColour('alice')).toBe(nickColour('alice'));
    expect(NICK_COLOURS).toContain(nickColour('bob'));
  });

  it('spreads names over several colours', () => {
    const colours = new Set(['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'].map(nickColour));
    expect(colours.size).toBeGreaterThan(3);
  });
});

describe('theme', () => {
  it('gives colours when colour is on', () => {
    const theme = createTheme(true);
    expect(theme.tone('error')).toBe('red');
    expect(theme.nick('alice')).toBe(nickColour('alice'));
  });

  it('gives no colour at all under NO_COLOR', () => {
    const theme = createTheme(false);
    expect(theme.tone('error')).toBeUndefined();
    expect(theme.nick('alice')).toBeUndefined();
  });

  it('reads NO_COLOR as set and non-empty', () => {
    expect(colourWanted({})).toBe(true);
    expect(colourWanted({ NO_COLOR: '' })).toBe(true);
    expect(colourWanted({ NO_COLOR: '1' })).toBe(false);
  });
});
