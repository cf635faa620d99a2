import { describe, expect, it } from 'vitest';
import { parseLine } from '../../../src/ui/input/slash-commands.js';

describe('parseLine', () => {
  it('sends plain text and ignores blank lines', () => {
    expect(parseLine('hello /there')).toEqual({ type: 'send', text: 'hello /there' });
    expect(parseLine('   ')).toBeUndefined();
  });

  it('sends a leading slash written as //', () => {
    expect(parseLine('//shrug')).toEqual({ type: 'send', text: '/shrug' });
  });

  it.each([
    ['/help', { type: 'help' }],
    ['/HELP', { type: 'help' }],
    ['/who', { type: 'who' }],
    ['/reconnect', { type: 'reconnect' }],
    ['/clear', { type: 'clear' }],
    ['/quit', { type: 'quit' }],
    ['/join dev', { type: 'join', room: 'dev' }],
    ['/join #dev', { type: 'join', room: 'dev' }],
    ['/nick Bob Smith', { type: 'nick', name: 'Bob Smith' }],
    ['/transport sse', { type: 'transport', transport: 'sse' }],
    ['/transport AUTO', { type: 'transport', transport: 'auto' }],
    ['/net', { type: 'net', net: { kind: 'show' } }],
    ['/net delay 100', { type: 'net', net: { kind: 'delay', ms: 100, jitterMs: 0 } }],
    ['/net delay 100 20', { type: 'net', net: { kind: 'delay', ms: 100, jitterMs: 20 } }],
    ['/NET Delay 100±20', { type: 'net', net: { kind: 'delay', ms: 100, jitterMs: 20 } }],
    ['/net rate 56kbit', { type: 'net', net: { kind: 'rate', bitsPerSecond: 56_000 } }],
    ['/net rate off', { type: 'net', net: { kind: 'rate', bitsPerSecond: undefined } }],
    ['/net cut', { type: 'net', net: { kind: 'cut' } }],
    ['/net blackhole', { type: 'net', net: { kind: 'blackhole', on: true } }],
    ['/net blackhole off', { type: 'net', net: { kind: 'blackhole', on: false } }],
    ['/net down 10', { type: 'net', net: { kind: 'down', ms: 10_000 } }],
    ['/net heal', { type: 'net', net: { kind: 'heal' } }],
  ])('parses %s', (line, command) => {
    expect(parseLine(line)).toEqual(command);
  });

  it('says what is allowed for a bad or missing argument', () => {
    expect(parseLine('/join')).toMatchObject({ type: 'invalid', error: '/join needs a room: /join ROOM' });
    expect(parseLine('/join Bad Room!')).toMatchObject({ type: 'invalid', name: 'join' });
    expect(parseLine('/nick')).toMatchObject({ type: 'invalid', name: 'nick' });
    expect(parseLine('/transport carrier-pigeon')).toEqual({ type: 'invalid', name: 'transport', error: '/transport takes one of ws, sse, longpoll, poll, auto; got "carrier-pigeon"' });
    expect(parseLine('/net rate fast')).toMatchObject({ type: 'invalid', name: 'net', error: expect.stringMatching(/^\/net: "rate fast" is not a rate of 1kbit to 10gbit a second, .*; rate off lifts the cap$/) });
    expect(parseLine('/net delay -5')).toMatchObject({ type: 'invalid', name: 'net', error: expect.stringMatching(/^\/net: "delay -5" is not a delay of 0 to 60000 ms/) });
    expect(parseLine('/net down 0')).toMatchObject({ type: 'invalid', name: 'net', error: expect.stringMatching(/^\/net: "down 0" is not a time of 0.1 to 3600 seconds/) });
    expect(parseLine('/net heal now')).toMatchObject({ type: 'invalid', name: 'net', error: expect.stringMatching(/^\/net: "heal now" is not one of delay MS/) });
  });

  it('reports unknown commands by name', () => {
    expect(parseLine('/dance now')).toEqual({ type: 'unknown', name: 'dance' });
  });
});
