import { afterEach, describe, expect, it } from 'vitest';

// Colour support is decided when chalk is first imported, and under a test runner it finds none.
// Force it before Ink loads (this file runs in its own process), so colour codes would show.
process.env.FORCE_COLOR = '1';
const { cleanup } = await import('ink-testing-library');
const { renderRace } = await import('./race-harness.js');
const { RACE_LANES } = await import('../../../src/ui/race/lanes.js');

afterEach(() => cleanup());

// SGR foreground colours: 30-37, 90-97, 38;… (bold, dim and inverse are not colour).
// eslint-disable-next-line no-control-regex -- matching the ESC of colour codes is the point
const COLOUR = /\u001b\[(?:3[0-7]|9[0-7]|38;)[0-9;]*m/;

describe('termchat race and NO_COLOR', () => {
  it('draws colours normally', async () => {
    const race = await renderRace({ columns: 120, rows: 30 }, RACE_LANES, true);
    expect(await race.frame((f) => f.includes('poll-keepalive'))).toMatch(COLOUR);
  });

  it('draws no colour at all when colour is off', async () => {
    const race = await renderRace({ columns: 120, rows: 30 }, RACE_LANES, false);
    const frame = await race.frame((f) => f.includes('poll-keepalive'));
    expect(frame).toContain('● open');
    expect(frame).not.toMatch(COLOUR);
  });
});
