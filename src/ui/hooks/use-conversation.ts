import { useCallback, useReducer, useRef } from 'react';
import type { Message, PresenceEvent, TransportKind } from '../../protocol/index.js';
import type { ChatClient, ConnectionState, OutboxEntry } from '../../transports/types.js';
import { clockOf } from '../clock.js';
import { conversationReducer, emptyConversation, type ConversationAction, type ConversationState } from '../state/conversation.js';
import { describeCatchUp, describeFallback, describePresence, describeTransition, describeTrimmed, freshMemory, HISTORY_RESET_TEXT, type SystemLine } from '../state/system-lines.js';
import { useClientEffect } from './use-client-effect.js';

/** The conversation and a way to add to it (own sends, command answers). */
export interface Conversation {
  readonly state: ConversationState;
  /** Queues an action; actions queued in the same tick are applied as one batch. */
  readonly record: (action: ConversationAction) => void;
}

/**
 * Adapts a client's events to the conversation reducer. Events are queued and flushed once per
 * microtask, so a backlog of thousands of messages is one state update and one render. The
 * conversation outlives the client: /nick and /transport keep it, /join forgets it explicitly.
 */
export function useConversation(client: ChatClient, self: string): Conversation {
  const [state, dispatch] = useReducer(conversationReducer, emptyConversation);
  const queue = useRef<ConversationAction[]>([]);
  const selfRef = useRef(self);
  selfRef.current = self;

  const record = useCallback((action: ConversationAction) => {
    queue.current.push(action);
    if (queue.current.length > 1) return;
    queueMicrotask(() => {
      const actions = queue.current;
      queue.current = [];
      dispatch(actions.length === 1 ? actions[0]! : { type: 'batch', actions });
    });
  }, []);

  useClientEffect(() => {
    const clock = clockOf(client);
    let memory = freshMemory;
    const system = (line: SystemLine | undefined): void => {
      if (line !== undefined) record({ type: 'system', text: line.text, tone: line.tone, at: clock.now() });
    };
    const onMessage = (message: Message): void => record({ type: 'received', message, self: selfRef.current });
    const onAck = (entry: OutboxEntry): void => record({ type: 'acked', entry });
    const onOutbox = (entries: readonly OutboxEntry[]): void => record({ type: 'outbox', entries });
    const onPresence = (event: PresenceEvent): void => {
      // Our own entries come and go with every reconnect and transport switch; the status bar shows those.
      if (event.user !== selfRef.current) system(describePresence(event));
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
    const onReset = (): void => record({ type: 'historyReset', text: HISTORY_RESET_TEXT, at: clock.now() });
    const onTrimmed = (info: { readonly firstId: number }): void => system(describeTrimmed(info.firstId));
    const onCaughtUp = (info: { readonly count: number; readonly outageMs: number }): void => system(describeCatchUp(info));
    const onFallback = (info: { readonly from: TransportKind; readonly to: TransportKind; readonly reason: string }): void => system(describeFallback(info));
    client.on('message', onMessage).on('ack', onAck).on('outbox', onOutbox).on('presence', onPresence).on('state', onState).on('reset', onReset).on('trimmed', onTrimmed).on('caughtUp', onCaughtUp).on('fallback', onFallback).on('failed', onFailed);
    return () => {
      client.off('message', onMessage).off('ack', onAck).off('outbox', onOutbox).off('presence', onPresence).off('state', onState).off('reset', onReset).off('trimmed', onTrimmed).off('caughtUp', onCaughtUp).off('fallback', onFallback).off('failed', onFailed);
    };
  }, [client, record]);

  return { state, record };
}
