import { describe, expect, it } from 'vitest';
import { findLinks, hyperlink, supportsHyperlinks } from '../../../src/ui/format/links.js';
import { findMentions, mentions } from '../../../src/ui/format/mentions.js';
import { findMatches, splitRuns } from '../../../src/ui/format/spans.js';

describe('links', () => {
  it('finds web addresses, leaving a sentence’s punctuation out and keeping a bracket the address opened', () => {
    const text = 'see https://example.com/a?b=1&c=2, or (http://x.org/y). Also https://en.wikipedia.org/wiki/Tmux_(software)!';
    expect(findLinks(text).map((span) => span.link)).toEqual(['https://example.com/a?b=1&c=2', 'http://x.org/y', 'https://en.wikipedia.org/wiki/Tmux_(software)']);
    expect(findLinks('no address here, not even http://')).toEqual([]);
  });

  it('never takes a character outside printable ASCII into an address', () => {
    const [span] = findLinks('go to https://example.com/ü\u0007x');
    expect(span!.link).toBe('https://example.com/');
  });

  it('wraps text in OSC 8 and says where terminals show hyperlinks', () => {
    expect(hyperlink('https://a.b/', 'a.b')).toBe('\u001b]8;;https://a.b/\u001b\\a.b\u001b]8;;\u001b\\');
    expect(supportsHyperlinks({ TERM_PROGRAM: 'iTerm.app' })).toBe(true);
    expect(supportsHyperlinks({ VTE_VERSION: '7200' })).toBe(true);
    expect(supportsHyperlinks({ TERM: 'xterm-256color' })).toBe(false);
    expect(supportsHyperlinks({ TERM: 'xterm-256color', FORCE_HYPERLINK: '1' })).toBe(true);
    expect(supportsHyperlinks({ TERM_PROGRAM: 'WezTerm', FORCE_HYPERLINK: '0' })).toBe(false);
  });
});

describe('mentions', () => {
  it('finds the name as a word of its own, in any case', () => {
    expect(mentions('alice: look', 'Alice')).toBe(true);
    expect(mentions('hey @ALICE!', 'alice')).toBe(true);
    expect(mentions("is that alice's?", 'alice')).toBe(true);
    expect(mentions('malice aforethought', 'alice')).toBe(false);
    expect(mentions('alice2 is another', 'alice')).toBe(false);
    expect(findMentions('Alice and alice', 'alice')).toEqual([
      { start: 0, end: 5, mark: 'mention' },
      { start: 10, end: 15, mark: 'mention' },
    ]);
  });

  it('handles names with spaces and letters beyond ASCII', () => {
    expect(mentions('ping Anne Marie, please', 'anne marie')).toBe(true);
    expect(mentions('Zoë?', 'zoë')).toBe(true);
    expect(mentions('Zoëlle', 'zoë')).toBe(false);
  });
});

describe('spans', () => {
  it('splits a line into runs at span edges, a match winning over a mention', () => {
    const spans = [...findMentions('hi bob see x', 'bob'), ...findMatches('hi bob see x', 'ob s')];
    expect(splitRuns('hi bob see x', 0, spans)).toEqual([{ text: 'hi ' }, { text: 'b', mark: 'mention' }, { text: 'ob', mark: 'match' }, { text: ' s', mark: 'match' }, { text: 'ee x' }]);
  });

  it('cuts a link that runs across lines into a run of each, both linking the whole address', () => {
    const text = 'https://example.com/long/path';
    const spans = findLinks(text);
    expect(splitRuns('https://exam', 0, spans)).toEqual([{ text: 'https://exam', link: text }]);
    expect(splitRuns('ple.com/long/path', 12, spans)).toEqual([{ text: 'ple.com/long/path', link: text }]);
  });

  it('finds matches ignoring case', () => {
    expect(findMatches('Hello hello', 'HELLO').map((span) => span.start)).toEqual([0, 6]);
    expect(findMatches('abc', '')).toEqual([]);
  });
});
