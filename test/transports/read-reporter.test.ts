import { describe, expect, it } from 'vitest';
import { READS_INTERVAL_MS, type ReadPosition } from '../../src/protocol/index.js';
import type { ClientOptions } from '../../src/transports/types.js';
import { makeClient } from '../helpers/chat-clients.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { message, scripted } from '../helpers/scripted-transport.js';

function setup(extra: Partial<ClientOptions> = {}) {
  const clock = new FakeClock();
  const transports = scripted();
  const options: ClientOptions = { server: 'http://127.0.0.1:9', room: 'lobby', user: 'alice', transport: 'ws', clock, random: () => 0.5, backoff: { baseMs: 1000, capMs: 1000 }, ...extra };
  const made = makeClient(options, { createTransport: transports.factory });
  made.client.connect();
  transports.last().welcome();
  transports.last().deliver(message(1), message(2), message(3), message(4));
  return { clock, transports, ...made };
}

describe('telling the server how far the user has read', () => {
  it('tells the newest id at most once an interval, never beyond what was delivered', () => {
    const { client, clock, transports } = setup();
    client.markRead(1);
    client.markRead(2);
    client.markRead(3);
    expect(transports.last().reads).toEqual([1]);
    clock.advance(READS_INTERVAL_MS);
    expect(transports.last().reads).toEqual([1, 3]);
    client.markRead(2);
    client.markRead(99);
    clock.advance(READS_INTERVAL_MS);
    expect(transports.last().reads).toEqual([1, 3, 4]);
    clock.advance(10 * READS_INTERVAL_MS);
    expect(transports.last().reads).toEqual([1, 3, 4]);
  });

  it('tells it again after a reconnect, and when the server asked to wait, after the wait', () => {
    const { client, clock, transports } = setup();
    client.markRead(4);
    transports.last().end();
    clock.advance(1000);
    transports.last().welcome();
    expect(transports.last().reads).toEqual([4]);
    transports.last().owner.readRefused(5000);
    clock.advance(4999);
    expect(transports.last().reads).toEqual([4]);
    clock.advance(1);
    expect(transports.last().reads).toEqual([4, 4]);
  });

  it('passes on the room’s positions as they come, and with receipts off neither tells nor passes on', () => {
    const on = setup();
    const heard: ReadPosition[][] = [];
    on.client.on('reads', (reads) => heard.push([...reads]));
    on.transports.last().owner.reads([{ user: 'bob', id: 3 }]);
    expect(heard).toEqual([[{ user: 'bob', id: 3 }]]);

    const off = setup({ receipts: false });
    off.client.on('reads', (reads) => heard.push([...reads]));
    off.client.markRead(4);
    off.clock.advance(READS_INTERVAL_MS);
    off.transports.last().owner.reads([{ user: 'bob', id: 3 }]);
    expect(off.transports.last().reads).toEqual([]);
    expect(off.transports.last().context.receipts).toBe(false);
    expect(heard).toHaveLength(1);
  });

  it('forgets what was read when the history begins anew', () => {
    const { client, transports } = setup();
    client.markRead(4);
    transports.last().welcome({ epoch: 'another' });
    // Restarted on the new history: nothing of it has been read yet.
    transports.last().welcome({ epoch: 'another' });
    expect(transports.last().reads).toEqual([]);
  });
});
