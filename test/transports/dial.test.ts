import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS } from '../../src/protocol/index.js';
import { dialOptions } from '../../src/transports/dial.js';
import { connected } from '../helpers/chat-clients.js';
import { selfSignedCertificate } from '../helpers/nginx.js';
import { startTestRelay } from '../helpers/relay.js';
import { startTestServer } from '../helpers/server.js';
import { waitFor } from '../helpers/wait.js';

let dir: string;
let pem: { readonly cert: string; readonly key: string };
const servers = new Set<TlsServer>();
const sockets = new Set<{ destroy(): void }>();

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'termchat-dial-'));
  const files = selfSignedCertificate(dir);
  pem = { cert: readFileSync(files.cert, 'utf8'), key: readFileSync(files.key, 'utf8') };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(async () => {
  const closed = [...servers].map((server) => new Promise((resolve) => server.close(resolve)));
  for (const socket of sockets) socket.destroy();
  await Promise.all(closed);
  servers.clear();
  sockets.clear();
});

/**
 * TLS on 127.0.0.1 for `localhost` (the certificate names localhost and 127.0.0.1), ended here:
 * each connection's bytes go on to `port` in the clear, as a TLS-ending proxy's would. Records the
 * server name (SNI) each connection asked for.
 */
async function tlsFront(port: number | undefined): Promise<{ readonly port: number; readonly names: (string | false | null)[] }> {
  const names: (string | false | null)[] = [];
  const server = createTlsServer({ ...pem }, (socket: TLSSocket) => {
    names.push(socket.servername);
    sockets.add(socket);
    if (port === undefined) return void socket.end();
    const plain = connect({ host: '127.0.0.1', port });
    sockets.add(plain);
    socket.pipe(plain).pipe(socket);
    socket.on('error', () => plain.destroy());
    plain.on('error', () => socket.destroy());
  });
  servers.add(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, names };
}

/** Connects with TLS as a transport dialling a relay would, trusting the test's certificate; resolves once verified. */
function handshake(server: URL, relayPort: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ ...dialOptions(server, { host: '127.0.0.1', port: relayPort }), ca: pem.cert }, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('dialling a relay in front of a server', () => {
  it("goes to the relay's address but names and checks the server in TLS", async () => {
    const front = await tlsFront(undefined);
    const relay = await startTestRelay(`https://localhost:${front.port}`);
    const socket = await handshake(new URL(`https://localhost:${front.port}`), relay.port);
    await waitFor(() => front.names.length === 1, 5000, 'the TLS server to take the connection');
    socket.destroy();
    expect(front.names).toEqual(['localhost']);
    expect(relay.stats().accepted).toBe(1);
    // The certificate is good for 127.0.0.1, where the socket went, but not for the server named:
    // the check is the server's, so a relay on loopback hides no wrong certificate.
    await expect(handshake(new URL(`https://chat.example.org:${front.port}`), relay.port)).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  it('sends no server name for an address, as a direct connection would not', () => {
    expect(dialOptions(new URL('https://127.0.0.1:4000'), { host: '127.0.0.1', port: 1 })).not.toHaveProperty('servername');
    expect(dialOptions(new URL('https://[::1]:4000'), { host: '127.0.0.1', port: 1 })).not.toHaveProperty('servername');
    expect(dialOptions(new URL('https://chat.example.org'), { host: '127.0.0.1', port: 1 })).toMatchObject({ host: '127.0.0.1', port: 1, servername: 'chat.example.org' });
  });
});

describe.each(TRANSPORT_KINDS)('%s over TLS through a relay it dials', (kind) => {
  beforeAll(() => {
    // The transports take no CA of their own, and Node reads NODE_EXTRA_CA_CERTS only as a process
    // starts: the certificate check itself is the test above's.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  });
  afterAll(() => {
    delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  });

  it('opens and chats with every connection through the relay, naming the server in TLS', async () => {
    const server = await startTestServer();
    const front = await tlsFront(server.port);
    const url = `https://localhost:${front.port}`;
    const relay = await startTestRelay(url);
    const alice = await connected(
      { server: url, room: 'lobby', user: 'alice', transport: kind, interval: 50, dial: (origin) => (origin === url ? { host: '127.0.0.1', port: relay.port } : undefined) },
      10_000,
    );
    alice.client.send('over tls');
    await waitFor(() => alice.log.messages.some((m) => m.text === 'over tls'), 10_000, 'the message back');
    expect(alice.client.server).toBe(url);
    // Every connection the client opened went through the relay, none around it. A connection is
    // counted as it connects and named at the front once its TLS handshake is done, and short
    // polls open one every 50 ms: wait for the front to have named those counted so far.
    const { tcpConnections } = alice.client.stats();
    await waitFor(() => front.names.length >= tcpConnections, 5000, `the front naming ${tcpConnections} connections`);
    const named = front.names.length;
    expect(relay.stats().accepted).toBeGreaterThanOrEqual(named);
    expect(new Set(front.names)).toEqual(new Set(['localhost']));
  });
});
