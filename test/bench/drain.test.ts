import { describe, expect, it } from 'vitest';
import { tailArrived } from '../../src/bench/running/drain.js';

describe('tail of a run', () => {
  it('has arrived when every send was answered and every acknowledged message reached every client', () => {
    expect(tailArrived([{ sent: 4, acked: 4, failed: 0, deliveries: 12 }], 3)).toBe(true);
    expect(tailArrived([{ sent: 4, acked: 3, failed: 1, deliveries: 9 }], 3)).toBe(true);
    expect(tailArrived([{ sent: 4, acked: 3, failed: 0, deliveries: 12 }], 3)).toBe(false);
    expect(tailArrived([{ sent: 2, acked: 2, deliveries: 5 }, { sent: 2, acked: 2, deliveries: 6 }], 3)).toBe(false);
    expect(tailArrived([{ sent: 2, acked: 2, deliveries: 6 }, { sent: 2, acked: 2, deliveries: 6 }], 3)).toBe(true);
  });
});
