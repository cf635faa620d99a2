import { describe, expect, it } from 'vitest';
import { TRANSPORT_KINDS } from '../../src/protocol/index.js';
import { connected, waitForState } from '../helpers/chat-clients.js';
import { isUnsafe, stringsOf } from '../helpers/hostile.js';
import { HOSTILE_NAMES, HOSTILE_TEXT, shownAs, startHostileServer } from '../helpers/hostile-server.js';
import { waitFor } from '../helpers/wait.js';

describe.each(TRANSPORT_KINDS)('a server that sends escapes and invisible characters, over %s', (transport) => {
  it('reaches the client only as text safe to draw: frames, answers, refusals and the close reason', async () => {
    const server = await startHostileServer();
    const { client, log } = await connected({ server: server.url, room: 'lobby', user: 'alice', transport, interval: 50, backoff: { baseMs: 20, capMs: 50 } });
    await waitFor(() => log.messages.length === 1 && log.online.length > 0, 5000, 'the message and the online list');
    client.send('hi');
    const closed = await waitForState(client, (state) => state.status === 'closed', 5000, 'the server to end it for good');

    // What the client told its caller, every string of it.
    const told = { ...log, states: [...log.states, closed] };
    const unsafe = stringsOf(told).filter(([path, text]) => isUnsafe(text, !/\.text$/.test(path)));
    expect(unsafe).toEqual([]);
    expect(log.messages[0]!.text).toMatch(new RegExp(`${HOSTILE_TEXT.slice(1)}\\nsecond line`));
    expect(log.online[0]!.user).toBe(shownAs(HOSTILE_NAMES.online));
    expect(log.failed).toHaveLength(1);
    expect(log.failed[0]!.error!.message).toContain('refused');
    if (transport === 'ws' || transport === 'sse') {
      expect(log.presence.map((event) => event.user)).toContain(shownAs(HOSTILE_NAMES.joining));
      expect(log.typing.join()).toContain(HOSTILE_NAMES.typing.slice(1));
    }
    const reason = transport === 'ws' ? `closed by the server, 4000: ${shownAs('byebye')}` : 'refused, 403 ]0;PWNED-TITLE';
    expect(closed).toMatchObject({ reason: expect.stringContaining(reason) });
  });
});
