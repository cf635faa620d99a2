import { useCallback, useRef } from 'react';
import { HELP_LINES } from '../commands/run-command.js';
import { complete, type CompletionContext, type CompletionCycle } from '../input/completion.js';
import type { LineEditor } from './use-line-editor.js';

/** The chat's commands, as /help lists them: what Tab completes after a "/". */
export const COMMAND_NAMES: readonly string[] = [...new Set(HELP_LINES.filter((line) => /^(more )?commands:/.test(line)).flatMap((line) => line.match(/(?<=\s)\/[a-z]+/g) ?? []))];

/**
 * Tab for the line editor: completes the word at the cursor from what `context` gives (read only
 * when Tab is pressed), and cycles on a second Tab. Returns the handler; false when nothing fits.
 */
export function useCompletion(editor: LineEditor, context: () => Omit<CompletionContext, 'commands'>): (backwards: boolean) => boolean {
  const cycle = useRef<CompletionCycle | undefined>(undefined);
  const latest = useRef(context);
  latest.current = context;
  const { current, dispatch } = editor;
  return useCallback(
    (backwards: boolean) => {
      const { text, cursor } = current();
      const done = complete(text, cursor, cycle.current, { ...latest.current(), commands: COMMAND_NAMES }, backwards);
      cycle.current = done?.cycle;
      if (done === undefined) return false;
      dispatch({ type: 'set', text: done.text, cursor: done.cursor });
      return true;
    },
    [current, dispatch],
  );
}
