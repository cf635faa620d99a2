import { describe, expect, it } from 'vitest';
import { decodeMessage, decodeNote, encodePayload, entryToId } from '../../src/server/redis/codec.js';
import { RedisKeys } from '../../src/server/redis/keys.js';
import { redactUrl } from '../../src/server/redis/link.js';

describe('Redis codec', () => {
  it('keeps a message whole through the payload, without a clientId key when there was none', () => {
    const payload = encodePayload({ user: 'alice', text: 'hé 🌍\nline', sentAt: 5, clientId: 'c1' }, 100);
    expect(decodeMessage('lobby', 7, payload)).toEqual({ id: 7, room: 'lobby', user: 'alice', text: 'hé 🌍\nline', sentAt: 5, serverAt: 100, clientId: 'c1' });
    const plain = decodeMessage('lobby', 8, encodePayload({ user: 'bob', text: 'x' }, 200));
    expect(plain).toEqual({ id: 8, room: 'lobby', user: 'bob', text: 'x', sentAt: 200, serverAt: 200 });
    expect('clientId' in plain).toBe(false);
    expect(entryToId('42-0')).toBe(42);
  });

  it('reads a message note as the append script publishes it, and ignores anything else', () => {
    const payload = encodePayload({ user: 'a b', text: 'with spaces and {"json"}' }, 1);
    expect(decodeNote(`my-room 12 ${payload}`)).toMatchObject({ id: 12, room: 'my-room', user: 'a b', text: 'with spaces and {"json"}' });
    for (const bad of ['', 'lobby', 'lobby 12', `lobby x ${payload}`, `lobby 0 ${payload}`, 'lobby 3 not-json', ` 3 ${payload}`]) expect(decodeNote(bad), bad).toBeUndefined();
  });
});

describe('Redis keys and URLs', () => {
  it('puts every key and channel under the prefix', () => {
    const keys = new RedisKeys('p:');
    for (const key of [keys.epoch, keys.seq('r'), keys.log('r'), keys.clientIds('r'), keys.presence('r'), keys.presenceVersion('r'), keys.alive('i'), keys.messagesChannel, keys.typingChannel, keys.presenceChannel]) {
      expect(key.startsWith('p:'), key).toBe(true);
    }
    expect(new Set([keys.seq('r'), keys.log('r'), keys.clientIds('r'), keys.seq('s')]).size).toBe(4);
  });

  it('hides a password in a Redis URL and leaves others as they are', () => {
    expect(redactUrl('redis://:hunter2@db.example:6379/2')).toBe('redis://:***@db.example:6379/2');
    expect(redactUrl('redis://user:hunter2@db.example:6379')).not.toContain('hunter2');
    expect(redactUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
