import { describe, expect, it } from 'vitest';
import { numberAfter, scanFrame } from '../../src/bench/workers/frame-scan.js';

describe('load generator frame scan', () => {
  it('reads a message frame’s id and sentAt without parsing it', () => {
    const frame = JSON.stringify({ type: 'message', message: { id: 42, room: 'r', user: 'u', text: 'hi', sentAt: 1795330242022, serverAt: 1795330242025, clientId: 'c-1' } });
    expect(scanFrame(frame)).toEqual({ kind: 'message', id: 42, sentAt: 1795330242022 });
    const fine = JSON.stringify({ type: 'message', message: { id: 43, sentAt: 1795330242022.0625 } });
    expect(scanFrame(fine)).toEqual({ kind: 'message', id: 43, sentAt: 1795330242022.0625 });
  });

  it('is not fooled by field names inside the text (JSON escapes their quotes)', () => {
    const frame = JSON.stringify({ type: 'message', message: { id: 7, text: '"id":99,"sentAt":1', sentAt: 5 } });
    expect(scanFrame(frame)).toEqual({ kind: 'message', id: 7, sentAt: 5 });
  });

  it('reads an ack’s id; everything else is other', () => {
    expect(scanFrame('{"type":"ack","clientId":"u1-3","id":44}')).toEqual({ kind: 'ack', id: 44 });
    expect(scanFrame('{"type":"welcome","epoch":"e","lastId":3,"online":[]}')).toEqual({ kind: 'other' });
    expect(scanFrame('{"type":"presence","event":"join","user":"u","transport":"ws","online":2}')).toEqual({ kind: 'other' });
    expect(scanFrame('{"type":"message","message":{}}')).toEqual({ kind: 'other' });
  });

  it('numberAfter reads a number’s digits and fraction, nothing else', () => {
    expect(numberAfter('"a":123,', '"a":')).toBe(123);
    expect(numberAfter('"a":1795330242022.375,', '"a":')).toBe(1795330242022.375);
    expect(numberAfter('"a":12.}', '"a":')).toBe(12);
    expect(numberAfter('"a":-1', '"a":')).toBeUndefined();
    expect(numberAfter('"a":"x"', '"a":')).toBeUndefined();
    expect(numberAfter('nothing', '"a":')).toBeUndefined();
  });
});
