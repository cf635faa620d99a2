import { describe, expect, it } from 'vitest';
import { formatProgress } from '../../src/bench/report/progress-line.js';
import { ProgressView } from '../../src/bench/report/progress-view.js';

function stream(isTTY: boolean): { isTTY: boolean; columns: number; text: string; write(t: string): boolean } {
  return {
    isTTY,
    columns: 40,
    text: '',
    write(t: string) {
      this.text += t;
      return true;
    },
  };
}

describe('progress', () => {
  it('states run, tier, transport, elapsed, deliveries and time left', () => {
    const line = formatProgress({ run: 3, runs: 18, rep: 0, reps: 1, clients: 50, transport: 'poll-keepalive', phase: 'sending', elapsedMs: 4200, durationMs: 10_000, deliveries: 1234, leftMs: 130_000 });
    expect(line).toBe('[3/18] 50 clients · poll-ka · sending 4.2/10 s · 1,234 deliveries · about 2 min 10 s left');
    expect(formatProgress({ run: 1, runs: 4, rep: 1, reps: 2, clients: 5, transport: 'ws', phase: 'connecting', elapsedMs: 0, durationMs: 10_000, deliveries: 0, leftMs: 5000 })).toBe(
      '[1/4 rep 2/2] 5 clients · ws · connecting · 0 deliveries · about 5 s left',
    );
  });

  it('redraws one line in place on a terminal, cut to its width', () => {
    const tty = stream(true);
    const view = new ProgressView(tty);
    view.update('x'.repeat(100), true);
    expect(tty.text).toBe(`\r\x1b[K${'x'.repeat(38)}…`);
    view.log('done');
    expect(tty.text).toContain('\r\x1b[Kdone\n');
    view.done();
    expect(tty.text.endsWith('\r\x1b[K')).toBe(true);
  });

  it('writes only the logged lines to a log', () => {
    const log = stream(false);
    const view = new ProgressView(log);
    view.update('live', true);
    view.log('run 1 done');
    view.done();
    expect(log.text).toBe('run 1 done\n');
  });
});
