import { beforeAll, expect, it } from 'vitest';
import { TRANSPORT_KINDS, type TransportKind } from '../../src/protocol/index.js';
import type { ConnectionState, OutboxEntry } from '../../src/transports/types.js';
import { makeClient, type TestClient } from '../helpers/chat-clients.js';
import { spawnServe } from '../helpers/cli.js';
import { describeRedis, TestRedis } from '../helpers/redis.js';
import { idsOf, idsUpTo } from '../helpers/redis-cluster.js';
import { freeLowPort, spawnServeOnPort } from '../helpers/serve-on-port.js';
import { waitFor } from '../helpers/wait.js';
import { wholeHistory } from '../helpers/http.js';

const BACKOFF = { baseMs: 50, capMs: 400 };
/** How often each client sends while the test runs: 8 clients, about 130 messages a second in all. */
const SEND_EVERY_MS = 60;
/** Every wait is bounded; generous, as a busy 2-core machine runs two servers, Redis and eight clients. */
const WAIT_MS = 15_000;

interface Member extends TestClient {
  readonly kind: TransportKind;
  /** The instance it starts on, first in its list. */
  readonly home: 'A' | 'B';
  readonly sent: OutboxEntry[];
  /** Sends typed while it was reconnecting after the kill. */
  readonly typedWhileDown: OutboxEntry[];
}

type Open = Extract<ConnectionState, { status: 'open' }>;
const isOpen = (state: ConnectionState): state is Open => state.status === 'open';

describeRedis('two termchat serve --redis instances, one SIGKILLed: clients given both fail over', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });

  it('moves every client of the dead instance to the other, resuming by id: no gap, no duplicate, sends typed meanwhile delivered', async () => {
    const args = ['--redis', redis.url, '--rate', '0', '--address-rate', '0'];
    // A on a port below the ephemeral range: a client retrying the dead port can then never be
    // handed that port as its own source and connect to itself.
    const [a, b] = await Promise.all([freeLowPort().then((port) => spawnServeOnPort(port, args)), spawnServe(args)]);
    const origin = { A: new URL(a.url).origin, B: new URL(b.url).origin };
    const lists = { A: `${a.url},${b.url}`, B: `${b.url},${a.url}` };

    const members: Member[] = [];
    for (const kind of TRANSPORT_KINDS) {
      for (const home of ['A', 'B'] as const) {
        const user = `${kind}-${home.toLowerCase()}`;
        const made = makeClient({ server: lists[home], room: 'lobby', user, transport: kind, interval: 50, presenceIntervalMs: 500, backoff: BACKOFF });
        const member: Member = { ...made, kind, home, sent: [], typedWhileDown: [] };
        members.push(member);
        made.client.connect();
      }
    }
    const onA = members.filter((m) => m.home === 'A');
    const onB = members.filter((m) => m.home === 'B');
    await waitFor(() => members.every((m) => m.client.state.status === 'open'), WAIT_MS, 'every client open');
    for (const m of members) expect(m.client.state).toMatchObject({ status: 'open', server: origin[m.home] });

    // Everyone sends on a schedule, through the kill and the failover.
    const statesAtKill = new Map<Member, number>();
    const timers = members.map((m, i) =>
      setInterval(() => {
        m.sent.push(m.client.send(`${m.client.options.user} ${m.sent.length}`));
      }, SEND_EVERY_MS + i),
    );
    try {
      await waitFor(() => members.every((m) => m.log.acks.length >= 10), WAIT_MS, 'ten acknowledged sends per client');

      // Typing during the failover: the moment a client learns its server is gone, it sends.
      for (const m of members) statesAtKill.set(m, m.log.states.length);
      for (const m of onA) {
        m.client.on('state', (next) => {
          if (next.status === 'reconnecting' && m.typedWhileDown.length === 0) {
            const entry = m.client.send(`${m.client.options.user} while failing over`);
            m.sent.push(entry);
            m.typedWhileDown.push(entry);
          }
        });
      }
      await a.kill();

      await waitFor(() => onA.every((m) => m.typedWhileDown.length === 1 && m.client.state.status === 'open'), WAIT_MS, "A's clients back open");
      for (const m of onA) expect(m.client.state, m.kind).toMatchObject({ status: 'open', server: origin.B });
      // Traffic goes on for a while on B alone.
      const acksAfter = new Map(members.map((m) => [m, m.log.acks.length]));
      await waitFor(() => members.every((m) => m.log.acks.length >= acksAfter.get(m)! + 5), WAIT_MS, 'five more acknowledged sends per client');
    } finally {
      for (const timer of timers) clearInterval(timer);
    }

    await waitFor(() => members.every((m) => m.client.stats().pending === 0), WAIT_MS, 'every outbox empty');
    const stored = await wholeHistory(b.url);
    await waitFor(() => members.every((m) => m.log.messages.length >= stored.length), WAIT_MS, `every client to have all ${stored.length} stored messages`);

    // Redis holds a dense history with each send exactly once, the ones typed during the failover included.
    expect(idsOf(stored)).toEqual(idsUpTo(stored.length));
    const sent = members.flatMap((m) => m.sent);
    expect(sent.every((e) => e.status !== 'failed')).toBe(true);
    expect(stored.map((m) => m.clientId).sort()).toEqual(sent.map((e) => e.clientId).sort());
    const storedClientIds = new Set(stored.map((m) => m.clientId));
    for (const m of onA) expect(storedClientIds.has(m.typedWhileDown[0]!.clientId), `${m.kind} send during failover`).toBe(true);

    // Each client received exactly what is stored, in id order: the union of all is the history.
    for (const m of members) expect(m.log.messages, `${m.kind} from ${m.home}`).toEqual(stored);
    const union = new Map(members.flatMap((m) => m.log.messages.map((message) => [message.id, message] as const)));
    expect([...union.values()].sort((x, y) => x.id - y.id)).toEqual(stored);

    // A's clients dropped, went reconnecting and came back on B; B's clients never noticed.
    for (const m of onA) {
      const after = m.log.states.slice(statesAtKill.get(m));
      const reconnecting = after.findIndex((s) => s.status === 'reconnecting');
      expect(reconnecting, `${m.kind} reconnecting`).toBeGreaterThanOrEqual(0);
      const reopened = after.slice(reconnecting).find(isOpen);
      expect(reopened?.server, `${m.kind} back on B`).toBe(origin.B);
      expect(m.client.stats().reconnects).toBeGreaterThanOrEqual(1);
    }
    for (const m of onB) {
      expect(m.log.states.some((s) => s.status === 'reconnecting'), `${m.kind} on B stayed up`).toBe(false);
      expect(m.client.state).toMatchObject({ status: 'open', server: origin.B });
    }
    console.log(`failover: ${stored.length} messages stored, ${sent.length} sent by ${members.length} clients; every one delivered once everywhere`);
  }, 90_000);
});
