import { useCallback, useRef } from 'react';
import type { ChatClient } from '../../transports/types.js';
import { clockOf } from '../clock.js';

/** The server forwards at most one typing signal a second per user; every 2 s keeps others' indicators lit. */
export const TYPING_SIGNAL_EVERY_MS = 2000;

/** A function to call on every keystroke that edits a message; it tells the server at most every `everyMs`. */
export function useTypingSender(client: ChatClient, everyMs = TYPING_SIGNAL_EVERY_MS): () => void {
  const last = useRef<number | undefined>(undefined);
  return useCallback(() => {
    const now = clockOf(client).now();
    if (last.current !== undefined && now - last.current < everyMs) return;
    last.current = now;
    client.typing();
  }, [client, everyMs]);
}
