import { describe, expect, it } from 'vitest';
import { createLineCache, entryLines, type EntryLine } from '../../../src/ui/format/entry-lines.js';
import { textWidth } from '../../../src/ui/format/text-width.js';
import type { ChatEntry, SystemEntry } from '../../../src/ui/state/conversation.js';

const at = new Date(2025, 0, 1, 9, 5).getTime();
const text = (line: EntryLine): string => line.segments.map((s) => s.text).join('');
const chat = (patch: Partial<ChatEntry> = {}): ChatEntry => ({ kind: 'chat', seq: 1, user: 'bob', text: 'hello', at, own: false, ...patch });

describe('entryLines', () => {
  it('lays out time, nick and text', () => {
    const lines = entryLines(chat(), 40);
    expect(lines.map(text)).toEqual(['09:05 bob hello']);
    expect(lines[0]!.segments.find((s) => s.role === 'nick')).toEqual({ role: 'nick', text: 'bob', user: 'bob' });
  });

  it('wraps under the text column and never exceeds the width', () => {
    const lines = entryLines(chat({ text: 'one two three four five six seven' }), 20);
    expect(lines.map(text)).toEqual(['09:05 bob one two', '          three four', '          five six', '          seven']);
    for (const line of lines) expect(textWidth(text(line))).toBeLessThanOrEqual(20);
  });

  it('marks own messages pending, delivered and failed at the end', () => {
    expect(text(entryLines(chat({ own: true, delivery: 'pending' }), 40)[0]!)).toBe('09:05 bob hello ⋯');
    expect(text(entryLines(chat({ own: true, delivery: 'delivered' }), 40)[0]!)).toBe('09:05 bob hello ✓');
    expect(text(entryLines(chat({ own: true, delivery: 'failed' }), 40)[0]!)).toBe('09:05 bob hello ✗');
  });

  it('draws system lines in their tone', () => {
    const entry: SystemEntry = { kind: 'system', seq: 2, at, text: 'carol joined (sse)', tone: 'muted' };
    const [line] = entryLines(entry, 40);
    expect(text(line!)).toBe('09:05 carol joined (sse)');
    expect(line!.segments.at(-1)).toEqual({ role: 'system', text: 'carol joined (sse)', tone: 'muted' });
  });

  it('keeps the lines of a multi-line message (the client made its text safe to draw as it decoded it)', () => {
    const lines = entryLines(chat({ text: 'first\nsecond' }), 40);
    expect(lines.map(text)).toEqual(['09:05 bob first', '          second']);
  });

  it('shortens a very long nick', () => {
    const [line] = entryLines(chat({ user: 'a'.repeat(32) }), 80);
    expect(line!.segments.find((s) => s.role === 'nick')!.text).toBe(`${'a'.repeat(15)}…`);
  });

  it('does not indent on a terminal too narrow for it', () => {
    const lines = entryLines(chat({ text: 'abcdefgh' }), 12);
    for (const line of lines) expect(textWidth(text(line))).toBeLessThanOrEqual(12);
    expect(lines.slice(1).every((line) => !text(line).startsWith(' '))).toBe(true);
  });

  it('caches lines per entry and width', () => {
    const linesOf = createLineCache();
    const entry = chat();
    expect(linesOf(entry, 40)).toBe(linesOf(entry, 40));
    expect(linesOf(entry, 30)).not.toBe(linesOf(entry, 40));
  });
});
