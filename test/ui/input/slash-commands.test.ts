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
  ])('parses %s', (line, command) => {
    expect(parseLine(line)).toEqual(command);
  });

  it('says what is allowed for a bad or missing argument', () => {
    expect(parseLine('/join')).toMatchObject({ type: 'invalid', error: '/join needs a room: /join ROOM' });
    expect(parseLine('/join Bad Room!')).toMatchObject({ type: 'invalid', name: 'join' });
    expect(parseLine('/nick')).toMatchObject({ type: 'invalid', name: 'nick' });
    expect(parseLine('/transport carrier-pigeon')).toEqual({ type: 'invalid', name: 'transport', error: '/transport takes one of ws, sse, longpoll, poll, auto; got "carrier-pigeon"' });
  });

  it('reports unknown commands by name', () => {
    expect(parseLine('/dance now')).toEqual({ type: 'unknown', name: 'dance' });
  });
});
