import { useInput } from 'ink';
import { useCallback, useLayoutEffect, useRef } from 'react';
import { keyToIntents, type KeyPress } from '../input/key-intents.js';
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
  /** Tab: the focus moves on. */
  readonly focus?: () => void;
  /** The text changed (for the typing signal). */
  readonly edited?: (text: string) => void;
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
        switch (intent.type) {
          case 'edit': {
            const before = current().text;
            const after = dispatch(intent.action).text;
            if (after !== before) latest.current.edited?.(after);
            break;
          }
          case 'submit': {
            const text = current().text;
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
          case 'focus':
            latest.current.focus?.();
            break;
          case 'quit':
            latest.current.quit();
            return;
        }
      }
    },
    [current, dispatch],
  );
  useInput(onInput);
}
