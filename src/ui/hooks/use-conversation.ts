import { useCallback, useReducer, useRef } from 'react';
import type { ChatClient } from '../../transports/types.js';
import { clockOf } from '../clock.js';
import { conversationReducer, emptyConversation, type ConversationAction, type ConversationState } from '../state/conversation.js';
import { feedConversation } from '../state/conversation-feed.js';
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
    return feedConversation(client, () => selfRef.current, record, () => clock.now());
  }, [client, record]);

  return { state, record };
}
