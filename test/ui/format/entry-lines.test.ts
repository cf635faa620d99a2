import { describe, expect, it } from 'vitest';
import { createLineCache, entryLines, type EntryLine } from '../../../src/ui/format/entry-lines.js';
import { createViewLines, dayName } from '../../../src/ui/format/view-lines.js';
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

  it('shows an action as "* nick waves"', () => {
    expect(entryLines(chat({ text: '/me waves at everyone' }), 40).map(text)).toEqual(['09:05 * bob waves at everyone']);
    expect(entryLines(chat({ text: '/meh' }), 40).map(text)).toEqual(['09:05 bob /meh']);
  });

  it('leaves the time out when timestamps are off, and indents under the text still', () => {
    const lines = entryLines(chat({ text: 'one two three four' }), 14, { time: false });
    expect(lines.map(text)).toEqual(['bob one two', '    three four']);
  });

  it('links addresses, even across a wrap, and marks mentions of you but not in your own messages', () => {
    const url = 'https://example.com/a/rather/long/path';
    const lines = entryLines(chat({ text: `see ${url} alice` }), 30, { time: true, self: 'alice' });
    const links = lines.flatMap((line) => line.segments).filter((s) => s.role === 'text' && s.link !== undefined);
    expect(links.map((s) => s.text).join('')).toBe(url);
    expect(links.every((s) => s.role === 'text' && s.link === url)).toBe(true);
    expect(lines.flatMap((line) => line.segments).find((s) => s.role === 'text' && s.mark === 'mention')?.text).toBe('alice');
    expect(lines[0]!.segments.find((s) => s.role === 'nick')).toEqual({ role: 'nick', text: 'bob', user: 'bob', mention: true });
    const own = entryLines(chat({ user: 'alice', own: true, text: 'I am alice' }), 30, { time: true, self: 'alice' });
    expect(own.flatMap((line) => line.segments).some((s) => s.role === 'text' && s.mark !== undefined)).toBe(false);
  });

  it('marks search matches', () => {
    const [line] = entryLines(chat({ text: 'Deploy done, deploy again' }), 60, { time: true, query: 'deploy' });
    expect(line!.segments.filter((s) => s.role === 'text' && s.mark === 'match').map((s) => s.text)).toEqual(['Deploy', 'deploy']);
  });

  it('caches lines per entry and width', () => {
    const linesOf = createLineCache();
    const entry = chat();
    expect(linesOf(entry, 40)).toBe(linesOf(entry, 40));
    expect(linesOf(entry, 30)).not.toBe(linesOf(entry, 40));
  });
});

describe('view lines', () => {
  const monday = new Date(2025, 0, 6, 23, 59).getTime();
  const tuesday = new Date(2025, 0, 7, 0, 1).getTime();

  it('puts a divider where the day changes between two entries, none before the first', () => {
    const entries = [chat({ seq: 1, at: monday }), chat({ seq: 2, at: monday + 1000 }), chat({ seq: 3, at: tuesday })];
    const linesAt = createViewLines();
    const all = entries.flatMap((_, i) => linesAt(entries, i, 60, { time: true }, {}).map(text));
    expect(all).toEqual(['23:59 bob hello', '23:59 bob hello', '—— Tuesday 7 January 2025 ——', '00:01 bob hello']);
    expect(dayName(monday)).toBe('Monday 6 January 2025');
  });

  it('draws "— new —" after where you left off, and who has seen your message under it', () => {
    const entries = [chat({ seq: 1, own: true, user: 'alice', delivery: 'delivered' }), chat({ seq: 2 })];
    const linesAt = createViewLines();
    const marks = { newAfterSeq: 1, seen: new Map([[1, '✓ seen by bob']]) };
    const style = { time: true };
    expect(linesAt(entries, 0, 60, style, marks).map(text)).toEqual(['09:05 alice hello ✓', '      ✓ seen by bob', '— new —']);
    // The same surroundings give the same lines, object and all.
    expect(linesAt(entries, 0, 60, style, marks)).toBe(linesAt(entries, 0, 60, style, { ...marks }));
  });
});
