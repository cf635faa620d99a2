import { describe, expect, it } from 'vitest';
import { encodeTextFrame } from '../../src/server/wire/framing.js';

describe('encodeTextFrame (RFC 6455 §5.2, unmasked, final, text)', () => {
  it.each([
    [0, [0x81, 0]],
    [125, [0x81, 125]],
    [126, [0x81, 126, 0, 126]],
    [65_535, [0x81, 126, 0xff, 0xff]],
    [65_536, [0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]],
  ])('frames a %i-byte payload with the right length header', (length, header) => {
    const payload = Buffer.alloc(length, 0x61);
    const frame = encodeTextFrame(payload);
    expect([...frame.subarray(0, header.length)]).toEqual(header);
    expect(frame.length).toBe(header.length + length);
    expect(frame.subarray(header.length).equals(payload)).toBe(true);
  });
});
