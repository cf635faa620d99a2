import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { openClient, renderApp } from '../app-harness.js';
import { makeStats } from '../fake-client.js';
import { tick } from '../ink-helpers.js';

afterEach(() => cleanup());

describe('an idle chat', () => {
  it('draws no frame while nothing it shows changes, however often the status is sampled', async () => {
    const app = await renderApp();
    const client = app.client();
    openClient(client);
    client.currentStats = makeStats({ transport: 'ws', tcpConnections: 1 });
    client.clock.advance(250);
    await app.frame((f) => f.includes('tcp 1') && f.includes('connected via ws'));
    await tick(20);
    const drawn = app.frames.length;
    // Twenty samples (five seconds of the status refresh) with the same figures, each given time to draw.
    for (let i = 0; i < 20; i++) {
      client.clock.advance(250);
      await tick(2);
    }
    expect(app.frames.length).toBe(drawn);
    // A figure that changes is drawn.
    client.currentStats = makeStats({ transport: 'ws', tcpConnections: 2 });
    client.clock.advance(250);
    await app.frame((f) => f.includes('tcp 2'));
  });
});
