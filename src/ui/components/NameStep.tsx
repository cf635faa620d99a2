import { useState } from 'react';
import { checkUser } from '../../protocol/plain.js';
import { inputViewport } from '../format/input-viewport.js';
import { useChatKeys } from '../hooks/use-chat-keys.js';
import { useLineEditor } from '../hooks/use-line-editor.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { NamePrompt } from './NamePrompt.js';

export interface NameStepProps {
  /** Called with a valid name. */
  readonly onName: (name: string) => void;
  readonly onQuit: () => void;
  readonly version?: string | undefined;
}

const PROMPT_WIDTH = 'name › '.length;

/** Asks for a name on first run, checking it by the server's own rule before going on. */
export function NameStep({ onName, onQuit, version }: NameStepProps) {
  const editor = useLineEditor();
  const { columns } = useTerminalSize();
  const [error, setError] = useState<string | undefined>(undefined);
  useChatKeys(editor, {
    submit: (text) => {
      const name = checkUser(text.trim());
      if (name.ok) onName(name.value);
      else setError(name.error);
    },
    quit: onQuit,
    edited: () => setError(undefined),
  });
  const viewport = inputViewport(editor.state.text, editor.state.cursor, columns - PROMPT_WIDTH);
  return <NamePrompt viewport={viewport} error={error} version={version} />;
}
