// A ChatClient stand-in for timing the UI alone: no network, events emitted by the bench.
import { EventEmitter } from 'node:events';

/** A clock moved by hand; timers fire as it advances. */
export class ManualClock {
  #now = Date.UTC(2025, 0, 1, 12);
  #timers = new Map();
  #next = 1;
  now = () => this.#now;
  setTimeout = (fn, ms) => {
    const handle = this.#next++;
    this.#timers.set(handle, { at: this.#now + ms, fn });
    return handle;
  };
  clearTimeout = (handle) => {
    this.#timers.delete(handle);
  };
  advance(ms) {
    const target = this.#now + ms;
    for (;;) {
      const due = [...this.#timers].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
      if (due === undefined) break;
      this.#timers.delete(due[0]);
      this.#now = due[1].at;
      due[1].fn();
    }
    this.#now = target;
  }
}

const latency = { last: undefined, avg: undefined, p50: undefined, p95: undefined, recent: [], count: 0 };

/** Stats as a quiet open WebSocket would report them; `patch` overrides. */
export function stats(patch = {}) {
  return {
    state: 'open', transport: 'ws', echoLatency: latency, oneWayLatency: latency, polls: undefined, emptyPolls: undefined, wastedPollsPercent: undefined,
    requests: 1, requestsPerSecond: 0, tcpConnections: 1, bytesSent: 0, bytesReceived: 0, overheadBytesPerMessage: undefined, reconnects: 0,
    messagesSent: 0, messagesReceived: 0, pingRtt: 0.4, pending: 0, duplicatesDropped: 0, ...patch,
  };
}

export class FakeClient extends EventEmitter {
  state = { status: 'idle' };
  online = [];
  current = stats();
  #clientIds = 0;
  constructor(options, clock = new ManualClock()) {
    super();
    this.options = { ...options, clock };
  }
  connect() {
    this.setState({ status: 'connecting', attempt: 0, transport: 'ws' });
    this.setState({ status: 'open', transport: 'ws', since: 0 });
  }
  close() {
    if (this.state.status !== 'closed') this.setState({ status: 'closed', reason: 'closed by the client', cause: 'client' });
  }
  setState(next) {
    const previous = this.state;
    this.state = next;
    this.emit('state', next, previous);
  }
  send(text) {
    return { clientId: `c-${++this.#clientIds}`, text, sentAt: this.options.clock.now(), status: 'pending' };
  }
  typing() {}
  markRead() {}
  retryNow() {}
  switchTransport() {}
  stats() {
    return this.current;
  }
  counters() {
    return this.current;
  }
  watchWire() {
    return () => {};
  }
}
