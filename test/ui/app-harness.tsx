import { render } from 'ink-testing-library';
import { App, type AppProps } from '../../src/ui/components/App.js';
import type { RememberPatch, SessionOptions } from '../../src/ui/session-options.js';
import { FakeChatClient } from './fake-client.js';
import { waitFor } from '../helpers/wait.js';
import { frameWhere, tick } from './ink-helpers.js';

/** The App on a fake client, with everything it created and asked for recorded. */
export async function renderApp(options: Partial<SessionOptions> = {}, size?: { readonly columns: number; readonly rows: number }, props: Partial<Omit<AppProps, 'options' | 'createClient'>> = {}) {
  const clients: FakeChatClient[] = [];
  const remembered: RememberPatch[] = [];
  let quits = 0;
  const base = { server: 'http://127.0.0.1:4000', room: 'lobby', transport: 'ws' as const, user: 'alice' };
  const app = render(
    <App
      options={{ ...base, ...options }}
      createClient={(o) => {
        const client = new FakeChatClient(o);
        clients.push(client);
        return client;
      }}
      colour={false}
      onRemember={(patch) => remembered.push(patch)}
      onQuit={() => quits++}
      {...props}
    />,
  );
  if (size !== undefined) resize(app.stdout, size);
  await tick();
  // The chat screen connects in its last effect: once connect() was called, every hook listens.
  const user = 'user' in options ? options.user : base.user;
  if (user !== undefined) {
    await waitFor(() => clients.at(-1)?.connectCalls === 1, 2000, 'the chat screen to connect its client');
  }
  return {
    ...app,
    clients,
    remembered,
    quits: () => quits,
    /** The newest client (a /nick or /join makes another). */
    client: (): FakeChatClient => clients.at(-1)!,
    /** Types text (each write is one terminal read) and lets Ink render. */
    type: async (...chunks: string[]) => {
      for (const chunk of chunks) {
        app.stdin.write(chunk);
        await tick(5);
      }
    },
    frame: (check: (frame: string) => boolean, timeoutMs?: number) => frameWhere(app.lastFrame, check, timeoutMs),
    resize: (next: { readonly columns: number; readonly rows: number }) => resize(app.stdout, next),
  };
}

/** The test stdout's size is fixed by a getter; an own property shadows it, then Ink is told. */
export function resize(stdout: NodeJS.EventEmitter, size: { readonly columns: number; readonly rows: number }): void {
  Object.defineProperty(stdout, 'columns', { value: size.columns, configurable: true });
  Object.defineProperty(stdout, 'rows', { value: size.rows, configurable: true });
  stdout.emit('resize');
}

/** Brings a fake client to open on `transport`, as a real one would after connect(). */
export function openClient(client: FakeChatClient, transport: 'ws' | 'sse' | 'longpoll' | 'poll' = 'ws'): void {
  client.setState({ status: 'connecting', attempt: 0, transport });
  client.setState({ status: 'open', transport, since: 0 });
}
