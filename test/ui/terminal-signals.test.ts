import { describe, expect, it } from 'vitest';
import { notificationSequence, notificationText, terminalSignals } from '../../src/ui/terminal-signals.js';

describe('terminal signals', () => {
  it('rings with a BEL byte, and notifies only when asked to', () => {
    const written: string[] = [];
    const quiet = terminalSignals((data) => written.push(data), { notify: false, env: {} });
    quiet.bell();
    quiet.notify('#dev', 'bob: alice, look');
    expect(written).toEqual(['\u0007']);
    const loud = terminalSignals((data) => written.push(data), { notify: true, env: {} });
    loud.notify('#dev', 'bob: alice, look');
    expect(written.at(-1)).toBe('\u001b]9;#dev: bob: alice, look\u0007');
  });

  it('speaks OSC 777 to the terminals that read it', () => {
    expect(notificationSequence({ TERM: 'foot' }, '#dev', 'bob: hi')).toBe('\u001b]777;notify;#dev;bob: hi\u0007');
    expect(notificationSequence({ VTE_VERSION: '7600', TERM: 'xterm-256color' }, '#dev', 'x').startsWith('\u001b]777;notify;')).toBe(true);
  });

  it('never lets a control character or a field separator into the sequence', () => {
    // eslint-disable-next-line no-control-regex -- asserting their absence
    const controls = /[\u0000-\u001f\u007f-\u009f]/;
    const hostile = 'a\u0007b\u001b]52;c;AAAA\u0007\u009c;d\nline two';
    const text = notificationText(hostile);
    expect(text).not.toMatch(controls);
    expect(text).not.toContain(';');
    const sequence = notificationSequence({ TERM: 'foot' }, hostile, hostile);
    expect(sequence.slice(1, -1)).not.toMatch(controls);
    expect(sequence.split(';')).toHaveLength(4);
    expect(notificationText('x'.repeat(500)).length).toBe(120);
  });
});
