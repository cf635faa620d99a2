/**
 * The fault relay: a TCP relay on loopback, in this process, between clients and one server,
 * whose network condition the user changes at any time. It relays bytes, not HTTP, so every
 * transport passes through it unchanged, TLS included (a client must then accept the server's
 * certificate for the relay's address). It imports node: modules only.
 *
 * ```ts
 * const relay = await startRelay({ to: 'http://127.0.0.1:4000', net: parsed.value });
 * relay.url;                              // 'http://127.0.0.1:PORT': give this to clients
 * relay.on('change', (next, previous) => statusBar(describeCondition(next, Date.now())));
 * relay.apply({ kind: 'delay', ms: 100, jitterMs: 20 });
 * relay.stats();                          // { open, accepted, reset, up: { forwarded, dropped }, down: … }
 * await relay.close();                    // every socket and timer gone, the port free
 * ```
 *
 * startRelay({ to, listenPort?, net?, handshake?, clock?, random? }) → Promise<Relay>; `net` is
 * what parseNetFlag(`--net`) gave; `handshake` (see below) is for measuring latency as on a real
 * link; `clock` and `random` are injected for tests. A Relay has `url`,
 * `port`, `condition`, `apply(change)` (returns the new condition; RangeError outside
 * NET_LIMITS), `on/off('change', (next, previous) => …)`, `stats()` and `close()`.
 *
 * The conditions (condition.ts holds them as data; delay and rate combine, blackhole and down
 * override them and leave them in place for afterwards):
 * - delay D ± J ms: every chunk is held D ms, ± J drawn uniformly per chunk, in each direction;
 *   order is kept, a chunk never leaves before the one ahead of it, nor the end (FIN) before the
 *   last byte. TCP's handshake is not delayed: a client's connect completes at once, so a new
 *   connection costs one round trip less than on a real link. With `handshake: true` the first
 *   chunk a new connection sends toward the server is held one more round trip (twice the delay,
 *   without jitter), which gives that round trip back: what `termchat bench --rtt` uses, since
 *   short polling opens a connection per request.
 * - rate R: at most R bits a second of relayed bytes (HTTP headers, WebSocket frames and TLS
 *   records count; TCP/IP headers, which the relay never sees, do not), per direction of each
 *   connection — not shared, so two connections get R each. Bytes leave in slices of 20 ms'
 *   worth, paced; above 256 KiB held the sender is paused, as a full window would pause it.
 *   Units: bit, kbit, mbit, gbit and B, kB, MB, GB a second, k = 1000.
 * - cut: every relayed connection is reset now (RST to both sides), then bytes flow again.
 * - blackhole: nothing passes either way; what arrives is dropped, not delivered later; sockets
 *   stay open; new connections are accepted, and nothing of them reaches the server. When the
 *   blackhole ends, connections that lost bytes are reset: their streams have a hole no TCP
 *   connection can have, so they end as a pulled cable's would once noticed; untouched ones go on.
 * - down N: every relayed connection is reset and the relay stops listening, so connects are
 *   refused by the kernel (ECONNREFUSED); after N it listens again on the same port by itself.
 * - heal: clean again — no delay, no cap, flowing, listening.
 *
 * net-text.ts reads conditions as people write them (parseNetFlag for `--net`, parseNetWords for
 * the chat's `/net …`) and says them back (describeCondition); a refusal is one sentence of what
 * is allowed, to follow "… is not".
 */
export { CLEAN, isClean, NET_LIMITS, nextCondition, type NetChange, type NetCondition, type Shaping } from './condition.js';
export { systemClock, type RelayClock } from './clock.js';
export { describeChange, describeCondition, formatRate, parseNetFlag, parseNetWords, type NetCommand, type NetParsed } from './net-text.js';
export { Relay, startRelay, type RelayDirectionStats, type RelayEvents, type RelayOptions, type RelayStats } from './relay.js';
