import { describe, expect, it } from 'vitest';
import { startTestServer } from './helpers/server.js';

describe('server smoke', () => {
  it('answers /healthz', async () => {
    const server = await startTestServer();
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });
});
