import { Box, Text } from 'ink';
import { memo } from 'react';

export interface TypingLineProps {
  /** "Bob is typing…", or "" for nobody; the line keeps its row either way so nothing jumps. */
  readonly label: string;
}

/** Who is typing. Memoised: its label is the same string while nobody starts or stops. */
export const TypingLine = memo(function TypingLine({ label }: TypingLineProps) {
  return (
    <Box height={1} flexShrink={0}>
      <Text dimColor italic wrap="truncate-end">
        {label === '' ? ' ' : label}
      </Text>
    </Box>
  );
});
