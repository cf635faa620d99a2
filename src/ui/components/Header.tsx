import { Box, Text } from 'ink';
import { memo } from 'react';
import type { HeaderText } from '../format/header.js';
import { useTheme } from '../hooks/use-theme.js';

export interface HeaderProps {
  /** The header's pieces, fitted to the width by `headerText`. */
  readonly text: HeaderText;
}

/** One line: room, who and where, transport, who is online. Memoised, as it rarely changes. */
export const Header = memo(function Header({ text }: HeaderProps) {
  const theme = useTheme();
  return (
    <Box height={1} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text bold color={theme.tone('accent')}>
          {text.room}
        </Text>
        {'  '}
        {text.identity}
        {'  '}
        <Text color={theme.tone('info')}>{text.transport}</Text>
        {text.online === '' ? null : <Text dimColor>{`  ${text.online}`}</Text>}
      </Text>
    </Box>
  );
});
