import { describe, expect, it } from 'vitest';
import { CLEAN, nextCondition, type NetChange, type NetCondition } from '../../../src/relay/condition.js';
import { netField } from '../../../src/ui/format/net-field.js';

const after = (...changes: NetChange[]): NetCondition => changes.reduce((condition, change) => nextCondition(condition, change, 1000), CLEAN);

describe('the network in the status bar', () => {
  it('says nothing while the network is clean, healed or back from a blackhole', () => {
    expect(netField(CLEAN, 0)).toBeUndefined();
    expect(netField(after({ kind: 'delay', ms: 100, jitterMs: 0 }, { kind: 'heal' }), 0)).toBeUndefined();
    expect(netField(after({ kind: 'blackhole', on: true }, { kind: 'blackhole', on: false }), 0)).toBeUndefined();
  });

  it('names the condition in force, as a warning while bytes pass and an error while none do', () => {
    expect(netField(after({ kind: 'delay', ms: 100, jitterMs: 0 }), 0)).toEqual({ text: 'net delay 100 ms', tone: 'warn' });
    expect(netField(after({ kind: 'rate', bitsPerSecond: 56_000 }), 0)).toEqual({ text: 'net rate 56 kbit/s', tone: 'warn' });
    expect(netField(after({ kind: 'delay', ms: 100, jitterMs: 20 }, { kind: 'rate', bitsPerSecond: 56_000 }), 0)).toEqual({ text: 'net delay 100 ms ±20 · rate 56 kbit/s', tone: 'warn' });
    expect(netField(after({ kind: 'delay', ms: 100, jitterMs: 0 }, { kind: 'blackhole', on: true }), 0)).toEqual({ text: 'net blackhole', tone: 'error' });
  });

  it('counts a down network to its end in whole seconds', () => {
    const down = after({ kind: 'down', ms: 10_000 });
    expect(netField(down, 1000)?.text).toBe('net down 10 s');
    expect(netField(down, 3900)?.text).toBe('net down 8 s');
    expect(netField(down, 10_999)?.text).toBe('net down 1 s');
    expect(netField(down, 12_000)).toEqual({ text: 'net down 0 s', tone: 'error' });
  });

  it('shortens delay and rate where the whole would not fit', () => {
    const both = after({ kind: 'delay', ms: 100, jitterMs: 20 }, { kind: 'rate', bitsPerSecond: 56_000 });
    expect(netField(both, 0, 37)?.text).toBe('net delay 100 ms ±20 · rate 56 kbit/s');
    expect(netField(both, 0, 36)?.text).toBe('net 100±20 ms · 56 kbit/s');
    expect(netField(after({ kind: 'delay', ms: 300, jitterMs: 0 }), 0, 10)?.text).toBe('net 300 ms');
    // Nothing shorter says blackhole.
    expect(netField(after({ kind: 'blackhole', on: true }), 0, 5)?.text).toBe('net blackhole');
  });
});
