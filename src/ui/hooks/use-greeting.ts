import { useRef } from 'react';
import type { ChatClient } from '../../transports/types.js';
import { clockOf } from '../clock.js';
import type { Conversation } from './use-conversation.js';
import { useClientEffect } from './use-client-effect.js';

/**
 * Adds `lines` to the conversation as system lines once, when the chat screen first shows.
 * Call it before useClientLifecycle: effects run in order, so the greeting comes before
 * "connected via …".
 */
export function useGreeting(lines: readonly string[] | undefined, conversation: Conversation, client: ChatClient): void {
  const greeted = useRef(false);
  const { record } = conversation;
  useClientEffect(() => {
    if (greeted.current || lines === undefined) return;
    greeted.current = true;
    const at = clockOf(client).now();
    for (const text of lines) record({ type: 'system', text, tone: 'info', at });
  }, [lines, record, client]);
}
