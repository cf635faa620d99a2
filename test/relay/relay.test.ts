import { connect, createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { NetCondition } from '../../src/relay/condition.js';
import { startRelay } from '../../src/relay/relay.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { startTestRelay, tryConnect } from '../helpers/relay.js';
import { closedPort } from '../helpers/serve-on-port.js';
import { waitFor } from '../helpers/wait.js';

describe('the relay itself', () => {
  it('keeps the scheme and path of its server in its URL, on loopback', async () => {
    const relay = await startTestRelay('https://chat.example.invalid:8443/chat/');
    expect(relay.url).toBe(`https://127.0.0.1:${relay.port}/chat`);
    expect(relay.condition).toEqual({ mode: 'flowing', shaping: { delayMs: 0, jitterMs: 0, rateBitsPerSecond: undefined } });
  });

  it('starts in the condition --net asked for, and refuses a server that is not http(s) or a change out of bounds', async () => {
    const relay = await startTestRelay('http://127.0.0.1:1', { net: [{ kind: 'delay', ms: 100, jitterMs: 20 }, { kind: 'blackhole', on: true }] });
    expect(relay.condition).toEqual({ mode: 'blackhole', shaping: { delayMs: 100, jitterMs: 20, rateBitsPerSecond: undefined } });
    await expect(startRelay({ to: 'ftp://127.0.0.1:21' })).rejects.toThrow('http:// or https://');
    await expect(startRelay({ to: 'http://127.0.0.1:1', net: [{ kind: 'delay', ms: -5, jitterMs: 0 }] })).rejects.toThrow(RangeError);
    expect(() => relay.apply({ kind: 'rate', bitsPerSecond: 1 })).toThrow('rate 1 bit/s is outside 1000 to 10000000000');
    expect(relay.condition.mode).toBe('blackhole');
  });

  it('resets a client whose server cannot be reached, as a router with no route would', async () => {
    const relay = await startTestRelay(`http://127.0.0.1:${await closedPort()}`);
    const socket = connect({ host: '127.0.0.1', port: relay.port });
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      socket.once('error', resolve);
      socket.once('close', () => resolve(undefined));
    });
    expect(error?.code).toBe('ECONNRESET');
    await waitFor(() => relay.stats().open === 0, 5000, 'the pair gone');
    expect(relay.stats().accepted).toBe(1);
  });

  it('lets go of a connection a blackhole swallowed once its client gives up on it', async () => {
    const relay = await startTestRelay('http://127.0.0.1:1', { net: [{ kind: 'blackhole', on: true }] });
    const socket = connect({ host: '127.0.0.1', port: relay.port });
    socket.on('error', () => {});
    socket.write('GET / HTTP/1.1\r\n\r\n');
    await waitFor(() => relay.stats().open === 1 && relay.stats().up.dropped > 0, 5000, 'the connection swallowed');
    socket.end();
    await waitFor(() => relay.stats().open === 0, 5000, 'the swallowed connection let go');
    expect(relay.stats()).toMatchObject({ accepted: 1, reset: 0, up: { forwarded: 0 } });
    socket.destroy();
  });

  it('is down for the time asked on its own clock, then listens on the same port again by itself', async () => {
    const clock = new FakeClock();
    const relay = await startTestRelay('http://127.0.0.1:1', { clock });
    const seen: [NetCondition['mode'], NetCondition['mode']][] = [];
    relay.on('change', (next, previous) => seen.push([next.mode, previous.mode]));
    relay.apply({ kind: 'down', ms: 10_000 });
    await expect(tryConnect(relay.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    clock.advance(9_999);
    expect(relay.condition.mode).toBe('down');
    clock.advance(1);
    expect(seen).toEqual([
      ['down', 'flowing'],
      ['flowing', 'down'],
    ]);
    await waitFor(
      () => tryConnect(relay.port).then(() => true, () => false),
      5000,
      'listening again',
    );
  });

  it('with handshake, a new connection’s first round trip takes one round trip more than the next', async () => {
    const echo = createServer((socket) => socket.on('data', (chunk) => socket.write(chunk)));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const to = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    /** Two echoes on one new connection through `port`: how long each took, ms. */
    const twoEchoes = async (port: number): Promise<[number, number]> => {
      const socket = connect({ host: '127.0.0.1', port });
      const echoed = (): Promise<number> => {
        const sentAt = performance.now();
        return new Promise((resolve) => socket.once('data', () => resolve(performance.now() - sentAt)));
      };
      await new Promise((resolve) => socket.once('connect', resolve));
      const first = echoed();
      socket.write('one');
      const firstMs = await first;
      const second = echoed();
      socket.write('two');
      const secondMs = await second;
      socket.destroy();
      return [firstMs, secondMs];
    };
    const net = [{ kind: 'delay', ms: 40, jitterMs: 0 }] as const;
    const [handshakeFirst, handshakeNext] = await twoEchoes((await startTestRelay(to, { net, handshake: true })).port);
    const [plainFirst, plainNext] = await twoEchoes((await startTestRelay(to, { net })).port);
    // 80 ms a round trip; the handshake's adds 80 more to the first.
    expect(handshakeFirst).toBeGreaterThanOrEqual(158);
    expect(handshakeNext).toBeLessThan(150);
    expect(handshakeNext).toBeGreaterThanOrEqual(78);
    expect(plainFirst).toBeLessThan(150);
    expect(plainNext).toBeLessThan(150);
    await new Promise((resolve) => echo.close(resolve));
  });

  it('closes every socket and timer it holds, and frees its port', async () => {
    const server = createServer((socket) => socket.on('data', () => {}));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const to = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const clock = new FakeClock();
    /** A client of `port`, and whether it has been closed. */
    const client = (port: number): { readonly closed: () => boolean } => {
      const socket = connect({ host: '127.0.0.1', port });
      let closed = false;
      socket.on('error', () => {});
      socket.on('close', () => (closed = true));
      socket.write('held by the delay, or swallowed');
      return { closed: () => closed };
    };

    // A chunk held by the delay: its lane's timer.
    const delayed = await startRelay({ to, clock, net: [{ kind: 'delay', ms: 100, jitterMs: 0 }] });
    const held = client(delayed.port);
    await waitFor(() => delayed.stats().open === 1 && clock.pending === 1, 5000, 'a chunk held');
    // The connection a blackhole swallowed.
    const blackholed = await startRelay({ to, clock, net: [{ kind: 'blackhole', on: true }] });
    const swallowed = client(blackholed.port);
    await waitFor(() => blackholed.stats().up.dropped > 0, 5000, 'a connection swallowed');
    // The timer that brings a relay back up.
    const down = await startRelay({ to, clock, net: [{ kind: 'down', ms: 60_000 }] });
    expect(clock.pending).toBe(2);

    for (const relay of [delayed, blackholed, down]) await relay.close();
    expect(clock.pending).toBe(0);
    await waitFor(() => held.closed() && swallowed.closed(), 5000, 'the clients closed');
    for (const relay of [delayed, blackholed, down]) await expect(tryConnect(relay.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(delayed.stats().up.forwarded).toBe(0);
    await new Promise((resolve) => server.close(resolve));
  });
});
