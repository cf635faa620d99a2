import { mentions } from '../format/mentions.js';
import type { ConversationEntry } from './conversation.js';

/**
 * Where Alt+P (step -1) or Alt+N (step 1) goes from the view showing entries [start, end): the
 * nearest message naming `self` above the top of the view, or below its top; 'end' when the next one
 * is the newest part of the conversation already in view, or there is none below and the view is
 * not at the end; undefined when there is nowhere to go.
 */
export function mentionTarget(entries: readonly ConversationEntry[], shown: { readonly start: number; readonly end: number }, step: 1 | -1, self: string): number | 'end' | undefined {
  const isMention = (entry: ConversationEntry): boolean => entry.kind === 'chat' && !entry.own && mentions(entry.text, self);
  if (step < 0) {
    for (let i = Math.min(shown.start, entries.length) - 1; i >= 0; i--) if (isMention(entries[i]!)) return entries[i]!.seq;
    return undefined;
  }
  for (let i = shown.start + 1; i < entries.length; i++) {
    if (!isMention(entries[i]!)) continue;
    return i < shown.end ? 'end' : entries[i]!.seq;
  }
  return shown.end < entries.length ? 'end' : undefined;
}
