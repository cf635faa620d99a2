import { useInput } from 'ink';
import { useCallback, useLayoutEffect, useRef } from 'react';
import { keyToIntents, type InputIntent, type KeyPress } from '../input/key-intents.js';
import { expandPastes } from '../state/line-editor.js';
import type { ScrollAction } from '../state/scroll-window.js';
import type { LineEditor } from './use-line-editor.js';

/** What the keyboard can ask of the screen besides editing. */
export interface ChatKeyHandlers {
  /** Enter: the line as it was; the editor is already fresh. */
  readonly submit: (text: string) => void;
  readonly scroll?: (action: ScrollAction) => void;
  readonly quit: () => void;
  /** Ctrl+O: the wire pane opens or closes. */
  readonly wire?: () => void;
  /** The text changed (for the typing signal). */
  readonly edited?: (text: string) => void;
  /**
   * Whatever else a key asks for (Tab, room and mention keys, Ctrl+R, Escape, focus reports);
   * true when it was taken. An edit it takes (in a search, say) does not reach the line editor.
   */
  readonly other?: (intent: InputIntent) => boolean;
}

/**
 * Routes key presses to the line editor and the handlers. The handlers are read through a ref
 * set at commit: Ink re-subscribes a changed input handler only when passive effects run, and a
 * key arriving between a render and that would otherwise reach the previous render's handlers.
 */
export function useChatKeys(editor: LineEditor, handlers: ChatKeyHandlers): void {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const { current, dispatch } = editor;
  const onInput = useCallback(
    (input: string, key: KeyPress) => {
      for (const intent of keyToIntents(input, key, current().pasting)) {
        if (intent.type !== 'quit' && latest.current.other?.(intent) === true) continue;
        switch (intent.type) {
          case 'edit': {
            const before = current().text;
            const after = dispatch(intent.action).text;
            if (after !== before) latest.current.edited?.(after);
            break;
          }
          case 'submit': {
            // The line as it is sent: pastes of many lines in the place of their placeholders.
            const text = expandPastes(current());
            dispatch({ type: 'submit' });
            latest.current.submit(text);
            break;
          }
          case 'scroll':
            latest.current.scroll?.(intent.action);
            break;
          case 'wire':
            latest.current.wire?.();
            break;
          case 'quit':
            latest.current.quit();
            return;
          default:
            break;
        }
      }
    },
    [current, dispatch],
  );
  useInput(onInput);
}
