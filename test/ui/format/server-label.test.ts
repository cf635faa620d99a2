import { describe, expect, it } from 'vitest';
import { serverLabel } from '../../../src/ui/format/server-label.js';

describe('serverLabel', () => {
  it('is the server itself when there is one', () => {
    expect(serverLabel('http://127.0.0.1:4000', undefined)).toBe('http://127.0.0.1:4000');
    expect(serverLabel('http://127.0.0.1:4000', 'http://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
  });

  it('names the instance in use and its place among several', () => {
    const list = 'http://127.0.0.1:4001,http://127.0.0.1:4002';
    expect(serverLabel(list, 'http://127.0.0.1:4001')).toBe('http://127.0.0.1:4001 (1 of 2)');
    expect(serverLabel(list, 'http://127.0.0.1:4002')).toBe('http://127.0.0.1:4002 (2 of 2)');
  });

  it('starts with the first before any connection, and matches a server with a path by its origin', () => {
    expect(serverLabel('https://a.example/chat,https://b.example/chat', undefined)).toBe('https://a.example/chat (1 of 2)');
    expect(serverLabel('https://a.example/chat,https://b.example/chat', 'https://b.example')).toBe('https://b.example/chat (2 of 2)');
  });

  it('shows an origin it cannot place as it is', () => {
    expect(serverLabel('http://a:1,http://b:2', 'http://c:3')).toBe('http://c:3');
  });
});
