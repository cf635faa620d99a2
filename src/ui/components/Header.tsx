import { Box, Text } from 'ink';
import { Fragment, memo } from 'react';
import type { HeaderText } from '../format/header.js';
import type { RoomTab } from '../format/room-tabs.js';
import type { Theme } from '../format/theme.js';
import { useTheme } from '../hooks/use-theme.js';

export interface HeaderProps {
  /** The header's pieces, fitted to the width by `headerText`. */
  readonly text: HeaderText;
}

function Tab({ tab, theme }: { readonly tab: RoomTab; readonly theme: Theme }) {
  switch (tab.state) {
    case 'active':
      return (
        <Text bold color={theme.tone('accent')}>
          {tab.text}
        </Text>
      );
    case 'mention':
      return (
        <Text bold color={theme.tone('warn')}>
          {tab.text}
        </Text>
      );
    case 'unread':
      return <Text bold>{tab.text}</Text>;
    case 'quiet':
      return <Text dimColor>{tab.text}</Text>;
  }
}

/** One line: the open rooms, who and where, transport, who is online. Memoised, as it rarely changes. */
export const Header = memo(function Header({ text }: HeaderProps) {
  const theme = useTheme();
  return (
    <Box height={1} flexShrink={0}>
      <Text wrap="truncate-end">
        {text.rooms.map((tab, i) => (
          <Fragment key={i}>
            {i === 0 ? null : '  '}
            <Tab tab={tab} theme={theme} />
          </Fragment>
        ))}
        {'  '}
        {text.identity}
        {'  '}
        <Text color={theme.tone('info')}>{text.transport}</Text>
        {text.online === '' ? null : <Text dimColor>{`  ${text.online}`}</Text>}
      </Text>
    </Box>
  );
});
