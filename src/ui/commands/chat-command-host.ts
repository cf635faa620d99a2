import type { ChatClient } from '../../transports/types.js';
import { clockOf } from '../clock.js';
import type { NetLever } from '../net-lever.js';
import type { CommandHost } from './run-command.js';
import type { RememberPatch } from '../session-options.js';
import type { ChatSession } from '../hooks/use-chat-session.js';
import type { Conversation } from '../hooks/use-conversation.js';

/** The chat screen's side of the slash commands: the session, the conversation and the settings. */
export function chatCommandHost(session: ChatSession, conversation: Conversation, net: NetLever, remember: (patch: RememberPatch) => void, quit: () => void, toggleWire: () => void): CommandHost {
  const { client, options } = session;
  const { record } = conversation;
  const say = (text: string, tone: Parameters<CommandHost['say']>[1] = 'info'): void => record({ type: 'system', text, tone, at: clockOf(client).now() });
  return {
    client,
    room: options.room,
    user: options.user,
    net,
    say,
    send: (text) => sendAs(client, options.user, text, record),
    rejoin: (change) => {
      if ('room' in change) {
        // Another room's history means nothing here; start clean and load it from the first id.
        record({ type: 'forget' });
        say(`joining #${change.room}…`);
        session.rejoin({ room: change.room, since: 0 });
        remember({ room: change.room });
      } else {
        // Same room: keep the conversation and resume after the last message seen.
        record({ type: 'abandonPending' });
        say(`you are now ${change.user}`);
        session.rejoin({ user: change.user, since: conversation.state.lastId });
        remember({ user: change.user });
      }
    },
    transportChanged: (transport) => {
      session.setTransport(transport);
      remember({ transport });
    },
    clear: () => record({ type: 'clear' }),
    toggleWire,
    quit,
  };
}

function sendAs(client: ChatClient, user: string, text: string, record: Conversation['record']): void {
  const entry = client.send(text);
  record({ type: 'sent', entry, user });
}
