#!/usr/bin/env node
// What the chat's clean relay hop adds to a message's round trip. Run after `npm run build`:
//   node bench/relay-hop.mjs [--messages 300] [--transports ws,sse,longpoll]
// A `termchat serve` in its own process; in this one, as in `termchat join`, a clean fault relay
// and two clients per transport, one dialling the relay and one the server directly. They take
// turns, one message each, each sent once the one before came back, so both meet the same
// machine at the same moments; the first 20 of each are a warm-up, not counted. A short poll's
// round trip is set by where a message falls in its interval, so a fraction of a millisecond is
// lost in it: ask for poll with --transports, and compare nothing but its spread.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { URL } from 'node:url';
import { parseArgs } from 'node:util';
import { describe, quantile } from './ui-perf/stats.mjs';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: resolve(import.meta.dirname, '../dist') },
    messages: { type: 'string', default: '300' },
    transports: { type: 'string', default: 'ws,sse,longpoll' },
  },
});
const dist = resolve(values.dist);
const { startRelay } = await import(join(dist, 'relay/index.js'));
const { createClient } = await import(join(dist, 'transports/index.js'));
const count = Number(values.messages);
const WARM_UP = 20;

const server = spawn(process.execPath, [join(dist, 'termchat.js'), 'serve', '--memory', '--port', '0', '--stats-interval', '0', '--rate', '0', '--address-rate', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((done, fail) => {
  let out = '';
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const found = /listening on (http:\/\/\S+)/.exec(out);
    if (found) done(found[1]);
  });
  server.once('exit', (code) => fail(new Error(`termchat serve exited (${code})`)));
});

function until(check, what) {
  return new Promise((done, fail) => {
    const deadline = Date.now() + 15_000;
    const look = () => (check() ? done() : Date.now() > deadline ? fail(new Error(`no ${what} within 15 s`)) : setTimeout(look, 5));
    look();
  });
}

/** Sends one message and resolves with its send → back round trip, ms, as the status bar shows it. */
function echo(client, text) {
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`"${text}" not back within 15 s`)), 15_000);
    const onMessage = (message) => {
      if (message.text !== text) return;
      clearTimeout(timer);
      client.off('message', onMessage);
      done(client.stats().echoLatency.last);
    };
    client.on('message', onMessage);
    client.send(text);
  });
}

const relay = await startRelay({ to: url });
const dial = (origin) => (origin === new URL(url).origin ? { host: '127.0.0.1', port: relay.port } : undefined);
try {
  console.log(`${count} messages each, after ${WARM_UP} of warm-up; a relayed and a direct client taking turns`);
  for (const transport of values.transports.split(',')) {
    const options = { server: url, room: `hop-${transport}`, transport, interval: 100 };
    const direct = createClient({ ...options, user: 'direct' });
    const relayed = createClient({ ...options, user: 'relayed', dial });
    for (const client of [direct, relayed]) client.connect();
    await until(() => direct.state.status === 'open' && relayed.state.status === 'open', `${transport} open`);
    const samples = { direct: [], relayed: [] };
    for (let i = 0; i < WARM_UP + count; i++) {
      const [d, r] = [await echo(direct, `d${i}`), await echo(relayed, `r${i}`)];
      if (i < WARM_UP) continue;
      samples.direct.push(d);
      samples.relayed.push(r);
    }
    for (const client of [direct, relayed]) client.close();
    const added = quantile(samples.relayed, 0.5) - quantile(samples.direct, 0.5);
    console.log(`${transport.padEnd(8)} direct  ${describe(samples.direct)}`);
    console.log(`${''.padEnd(8)} relayed ${describe(samples.relayed)}`);
    console.log(`${''.padEnd(8)} the hop adds ${added.toFixed(2)} ms to the median`);
  }
} finally {
  await relay.close();
  server.kill();
}
