import { Box, Text } from 'ink';
import type { InputViewport } from '../format/input-viewport.js';
import { useTheme } from '../hooks/use-theme.js';

export interface NamePromptProps {
  /** The name typed so far, around the cursor. */
  readonly viewport: InputViewport;
  /** Why the last name was refused, if it was. */
  readonly error: string | undefined;
  /** termchat's version, for the welcome line. */
  readonly version?: string | undefined;
}

/** First run: asks what to be called. */
export function NamePrompt({ viewport, error, version }: NamePromptProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold>Welcome to termchat{version === undefined ? '' : ` ${version}`}. What should people call you?</Text>
      <Text>
        <Text color={theme.tone('accent')}>name › </Text>
        {viewport.before}
        <Text inverse>{viewport.atCursor}</Text>
        {viewport.after}
      </Text>
      {error === undefined ? null : <Text color={theme.tone('error')}>{error}</Text>}
      <Text dimColor>Enter to continue · Ctrl+C to quit · remembered for next time (termchat config)</Text>
    </Box>
  );
}
