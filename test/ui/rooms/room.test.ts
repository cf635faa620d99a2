import { describe, expect, it } from 'vitest';
import { Room } from '../../../src/ui/rooms/room.js';
import { RoomList } from '../../../src/ui/rooms/room-list.js';
import type { ChatEntry } from '../../../src/ui/state/conversation.js';
import { openClient } from '../app-harness.js';
import { FakeChatClient, makeMessage } from '../fake-client.js';

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function room(user = 'alice'): { room: Room; client: FakeChatClient } {
  const client = new FakeChatClient({ user });
  return { room: new Room(client), client };
}

describe('a room', () => {
  it('turns its client’s events into one conversation change per tick', async () => {
    const { room: lobby, client } = room();
    let changes = 0;
    lobby.on('conversation', () => changes++);
    openClient(client);
    for (let i = 0; i < 100; i++) client.emit('message', makeMessage({ user: 'bob', text: `m${i}` }));
    await settle();
    expect(changes).toBe(1);
    expect(lobby.conversation.entries.filter((entry) => entry.kind === 'chat')).toHaveLength(100);
  });

  it('counts news of others while not seen, not history from before it opened, and says when a mention came unseen', async () => {
    const { room: dev, client } = room();
    const mentioned: ChatEntry[] = [];
    dev.on('mentioned', (entry) => mentioned.push(entry));
    const now = client.clock.now();
    client.emit('message', makeMessage({ user: 'bob', text: 'old news, alice', serverAt: now - 60_000 }));
    client.emit('message', makeMessage({ user: 'bob', text: 'fresh', serverAt: now }));
    client.emit('message', makeMessage({ user: 'carol', text: 'alice: look', serverAt: now }));
    client.emit('message', makeMessage({ user: 'alice', text: 'mine', serverAt: now }));
    await settle();
    expect(dev.unread).toMatchObject({ unread: 2, mentions: 1 });
    expect(mentioned.map((entry) => entry.text)).toEqual(['alice: look']);
    dev.setSeeing(true);
    expect(dev.unread).toMatchObject({ unread: 0, mentions: 0 });
    client.emit('message', makeMessage({ user: 'carol', text: 'alice again', serverAt: now }));
    await settle();
    // Seen as it came: no count, no bell.
    expect(mentioned).toHaveLength(1);
  });

  it('keeps who is typing, until they send or the signal runs out', async () => {
    const { room: lobby, client } = room();
    client.emit('typing', 'bob');
    client.emit('typing', 'alice');
    client.emit('typing', 'carol');
    expect(lobby.typing).toEqual(['bob', 'carol']);
    client.emit('message', makeMessage({ user: 'bob', text: 'done' }));
    expect(lobby.typing).toEqual(['carol']);
    client.clock.advance(10_000);
    expect(lobby.typing).toEqual([]);
  });

  it('stops listening, then closes its client, when it is left', () => {
    const { room: lobby, client } = room();
    lobby.close();
    expect(client.listenerCount()).toBe(0);
    expect(client.closeCalls).toBe(1);
  });
});

describe('the room list', () => {
  const made: FakeChatClient[] = [];
  const factory = (options: ConstructorParameters<typeof FakeChatClient>[0]): FakeChatClient => {
    const client = new FakeChatClient(options);
    made.push(client);
    return client;
  };

  it('opens rooms beside the first, each with its own client on the same transport and name, and goes between them', () => {
    made.length = 0;
    const list = new RoomList(factory, { server: 'http://h:1', room: 'lobby', user: 'alice', transport: 'sse' }, undefined, ['dev', 'lobby', 'ops', 'dev']);
    expect(list.rooms.map((r) => r.name)).toEqual(['dev', 'lobby', 'ops']);
    expect(list.active.name).toBe('lobby');
    list.start();
    expect(made.map((c) => [c.options.room, c.options.transport, c.options.user, c.connectCalls])).toEqual([
      ['dev', 'sse', 'alice', 1],
      ['lobby', 'sse', 'alice', 1],
      ['ops', 'sse', 'alice', 1],
    ]);
    list.step(1);
    expect(list.active.name).toBe('ops');
    list.step(1);
    expect(list.active.name).toBe('dev');
    list.step(-1);
    expect(list.active.name).toBe('ops');
    expect(list.join('qa')?.name).toBe('qa');
    expect(list.active.name).toBe('qa');
    expect(made.at(-1)!.connectCalls).toBe(1);
    expect(list.join('dev')).toBe(list.rooms[0]);
    expect(list.activeIndex).toBe(0);
  });

  it('leaves a room, never the last, and applies a new name or transport to every room', () => {
    made.length = 0;
    const list = new RoomList(factory, { server: 'http://h:1', room: 'lobby', user: 'alice', transport: 'ws' }, undefined, ['lobby', 'dev']);
    list.start();
    list.select(1);
    expect(list.part('dev')).toBe(true);
    expect(made[1]!.closeCalls).toBe(1);
    expect(list.active.name).toBe('lobby');
    expect(list.part('lobby')).toBe(false);
    list.join('ops');
    list.switchTransport('poll');
    expect(made.filter((c) => c.closeCalls === 0).map((c) => c.switches)).toEqual([['poll'], ['poll']]);
    list.rename('alicia');
    expect(made.slice(-2).map((c) => [c.options.room, c.options.user, c.options.transport])).toEqual([
      ['lobby', 'alicia', 'poll'],
      ['ops', 'alicia', 'poll'],
    ]);
    expect(list.known).toEqual(['lobby', 'dev', 'ops']);
  });

  it('opens a room --room names after the remembered ones, and never more than the most at once', () => {
    made.length = 0;
    const many = Array.from({ length: 25 }, (_, i) => `r${i}`);
    const list = new RoomList(factory, { server: 'http://h:1', room: 'lobby', user: 'alice', transport: 'ws' }, undefined, many);
    expect(list.rooms).toHaveLength(20);
    expect(list.active.name).toBe('lobby');
    expect(list.rooms.at(-1)!.name).toBe('lobby');
  });
});
