import { Box, Text } from 'ink';

export interface TypingLineProps {
  /** "Bob is typing…", or "" for nobody; the line keeps its row either way so nothing jumps. */
  readonly label: string;
}

/** Who is typing. */
export function TypingLine({ label }: TypingLineProps) {
  return (
    <Box height={1} flexShrink={0}>
      <Text dimColor italic wrap="truncate-end">
        {label === '' ? ' ' : label}
      </Text>
    </Box>
  );
}
