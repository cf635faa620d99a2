import { describe, expect, it } from 'vitest';
import { linkQuery, readLink } from '../../src/web/link.js';
import { browserStorage } from '../../src/web/storage.js';

describe("a link's query", () => {
  it('says the room, the transport, the name and the interval, with defaults for what it leaves out', () => {
    expect(readLink('?room=dev&transport=sse&as=Ann&interval=500')).toEqual({ room: 'dev', transport: 'sse', as: 'Ann', intervalMs: 500, problems: [] });
    expect(readLink('')).toEqual({ room: 'lobby', transport: 'ws', as: undefined, intervalMs: 1000, problems: [] });
    expect(readLink('?as=%F0%9F%98%80%20Zo%C3%AB').as).toBe('😀 Zoë');
  });

  it('leaves each bad part at its default and says what is wrong with it', () => {
    const link = readLink('?room=No%20Spaces&transport=carrier-pigeon&as=%1B%5B2J&interval=5');
    expect(link).toMatchObject({ room: 'lobby', transport: 'ws', as: undefined, intervalMs: 1000 });
    expect(link.problems).toEqual([
      expect.stringMatching(/^the link's room is not one: room must match/),
      'the link\'s transport "carrier-pigeon" is not one of ws, sse, longpoll, poll',
      "the link's name is not one: user must contain only printable characters",
      'the link\'s interval "5" is not a number of milliseconds from 50 to 600000',
    ]);
  });

  it('is written back with where the page is, keeping what else it holds', () => {
    expect(linkQuery('?room=a&as=Ann&interval=500', 'dev', 'sse', 500)).toBe('?room=dev&as=Ann&transport=sse');
    expect(linkQuery('?as=Ann', 'dev', 'poll', 250)).toBe('?as=Ann&room=dev&transport=poll&interval=250');
  });
});

/** A Storage in memory, or one that refuses everything (a private window, a policy). */
function memoryStorage(refuse = false): Storage {
  const items = new Map<string, string>();
  const check = (): void => {
    if (refuse) throw new DOMException('the storage is not available', 'SecurityError');
  };
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => (check(), items.get(key) ?? null),
    setItem: (key, value) => (check(), void items.set(key, value)),
    removeItem: (key) => (check(), void items.delete(key)),
  };
}

describe("the page's storage", () => {
  it('keeps the name in the browser and the token in the tab alone', () => {
    const local = memoryStorage();
    const session = memoryStorage();
    const storage = browserStorage(
      () => local,
      () => session,
    );
    storage.rememberName('Ann');
    storage.rememberToken('s3cret');
    expect([local.getItem('termchat.name'), local.getItem('termchat.token'), session.getItem('termchat.token')]).toEqual(['Ann', null, 's3cret']);
    expect([storage.name(), storage.token()]).toEqual(['Ann', 's3cret']);
    storage.rememberToken(undefined);
    expect(storage.token()).toBeUndefined();
  });

  it('remembers nothing, and breaks nothing, where the browser refuses storage', () => {
    const storage = browserStorage(
      () => memoryStorage(true),
      () => {
        throw new DOMException('no sessionStorage here', 'SecurityError');
      },
    );
    expect(() => storage.rememberName('Ann')).not.toThrow();
    expect(() => storage.rememberToken('t')).not.toThrow();
    expect([storage.name(), storage.token()]).toEqual([undefined, undefined]);
  });
});
