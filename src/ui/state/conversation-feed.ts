import type { Message, PresenceEvent, TransportKind } from '../../protocol/plain.js';
import type { ChatClient, ConnectionState, OutboxEntry } from '../../transports/types.js';
import type { ConversationAction } from './conversation.js';
import { describeCatchUp, describeFallback, describePresence, describeTransition, describeTrimmed, freshMemory, HISTORY_RESET_TEXT, type SystemLine } from './system-lines.js';

/**
 * Turns a client's events into conversation actions, for the terminal's chat and the web page
 * alike: messages, acknowledgements, the progress of sends, and the lines the client itself
 * writes (connected, disconnected, who came and went, what a reconnect caught up). `self` is read
 * at each event, since the name may change; `now` dates the client's own lines. Returns how to stop.
 */
export function feedConversation(client: ChatClient, self: () => string, record: (action: ConversationAction) => void, now: () => number): () => void {
  let memory = freshMemory;
  const system = (line: SystemLine | undefined): void => {
    if (line !== undefined) record({ type: 'system', text: line.text, tone: line.tone, at: now() });
  };
  const onMessage = (message: Message): void => record({ type: 'received', message, self: self() });
  const onAck = (entry: OutboxEntry): void => record({ type: 'acked', entry });
  const onOutbox = (entries: readonly OutboxEntry[]): void => record({ type: 'outbox', entries });
  const onPresence = (event: PresenceEvent): void => {
    // Our own entries come and go with every reconnect and transport switch; the status bar shows those.
    if (event.user !== self()) system(describePresence(event));
  };
  const onState = (next: ConnectionState, previous: ConnectionState): void => {
    const described = describeTransition(next, previous, memory);
    memory = described.memory;
    system(described.line);
  };
  const onFailed = (entry: OutboxEntry): void => {
    record({ type: 'failed', entry });
    system({ text: `not sent: ${entry.error?.message ?? 'the server refused it'}`, tone: 'error' });
  };
  const onReset = (): void => record({ type: 'historyReset', text: HISTORY_RESET_TEXT, at: now() });
  const onTrimmed = (info: { readonly firstId: number }): void => system(describeTrimmed(info.firstId));
  const onCaughtUp = (info: { readonly count: number; readonly outageMs: number }): void => system(describeCatchUp(info));
  const onFallback = (info: { readonly from: TransportKind; readonly to: TransportKind; readonly reason: string }): void => system(describeFallback(info));
  client.on('message', onMessage).on('ack', onAck).on('outbox', onOutbox).on('presence', onPresence).on('state', onState).on('reset', onReset).on('trimmed', onTrimmed).on('caughtUp', onCaughtUp).on('fallback', onFallback).on('failed', onFailed);
  return () => {
    client.off('message', onMessage).off('ack', onAck).off('outbox', onOutbox).off('presence', onPresence).off('state', onState).off('reset', onReset).off('trimmed', onTrimmed).off('caughtUp', onCaughtUp).off('fallback', onFallback).off('failed', onFailed);
  };
}
