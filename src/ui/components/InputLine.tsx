import { Box, Text } from 'ink';
import type { InputViewport } from '../format/input-viewport.js';
import { useTheme } from '../hooks/use-theme.js';

export interface InputLineProps {
  /** Shown before the text, e.g. "alice › ". */
  readonly prompt: string;
  /** The visible slice of the input around the cursor. */
  readonly viewport: InputViewport;
}

/** The input line with its cursor drawn as an inverse cell. */
export function InputLine({ prompt, viewport }: InputLineProps) {
  const theme = useTheme();
  return (
    <Box height={1} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text color={theme.tone('accent')}>{prompt}</Text>
        {viewport.before}
        <Text inverse>{viewport.atCursor}</Text>
        {viewport.after}
      </Text>
    </Box>
  );
}
