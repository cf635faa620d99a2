import { Box, Text } from 'ink';
import { memo } from 'react';
import type { EntryLine, Segment } from '../format/entry-lines.js';
import { hyperlink } from '../format/links.js';
import type { Tone } from '../format/theme.js';
import { useTheme } from '../hooks/use-theme.js';
import type { Delivery } from '../state/conversation.js';

export interface MessageListProps {
  /** The visible lines only, oldest first; the window was cut before rendering. */
  readonly lines: readonly EntryLine[];
  /** Rows the list fills; lines sit at the bottom, next to the input. */
  readonly height: number;
  /** Set while scrolled up: messages that arrived below the view. */
  readonly newCount: number | undefined;
}

function deliveryTone(delivery: Delivery): Tone {
  if (delivery === 'delivered') return 'ok';
  return delivery === 'failed' || delivery === 'unsent' ? 'error' : 'muted';
}

function SegmentText({ segment }: { readonly segment: Segment }) {
  const theme = useTheme();
  switch (segment.role) {
    case 'time':
      return <Text dimColor>{segment.text}</Text>;
    case 'nick':
      return (
        <Text bold color={theme.nick(segment.user)} inverse={segment.mention === true}>
          {segment.text}
        </Text>
      );
    case 'system':
      return (
        <Text italic color={theme.tone(segment.tone)}>
          {segment.text}
        </Text>
      );
    case 'delivery':
      return (
        <Text color={theme.tone(deliveryTone(segment.delivery))} dimColor={segment.delivery !== 'delivered'}>
          {segment.text}
        </Text>
      );
    case 'text': {
      // An address is a hyperlink only where the terminal shows them; elsewhere it is plain text.
      const linked = segment.link !== undefined && theme.hyperlinks;
      const text = linked ? hyperlink(segment.link, segment.text) : segment.text;
      if (segment.mark === 'match') return <Text inverse>{text}</Text>;
      if (segment.mark === 'mention') return <Text bold color={theme.tone('warn')} inverse={!theme.colour}>{text}</Text>;
      return linked ? <Text underline color={theme.tone('info')}>{text}</Text> : <Text>{text}</Text>;
    }
    case 'indent':
      return <Text>{segment.text}</Text>;
    case 'divider':
      return <Text color={theme.tone(segment.tone)} dimColor={segment.tone === 'muted'}>{segment.text}</Text>;
  }
}

/**
 * The conversation's visible lines, and the "— N new —" marker when scrolled up. Memoised: typing
 * and status refreshes re-render the screen around it, and its props stay the same then.
 */
export const MessageList = memo(function MessageList({ lines, height, newCount }: MessageListProps) {
  const theme = useTheme();
  const room = newCount === undefined ? height : height - 1;
  return (
    <Box flexDirection="column" height={height} flexShrink={0}>
      {Array.from({ length: Math.max(0, room - lines.length) }, (_, i) => (
        <Text key={`pad-${i}`}> </Text>
      ))}
      {lines.slice(-Math.max(0, room)).map((line) => (
        <Text key={line.key} wrap="truncate-end">
          {line.segments.map((segment, i) => (
            <SegmentText key={i} segment={segment} />
          ))}
        </Text>
      ))}
      {newCount === undefined ? null : (
        <Text color={theme.tone('accent')} bold={newCount > 0} wrap="truncate-end">
          {newCount > 0 ? `— ${newCount} new —` : '— more below · End to return —'}
        </Text>
      )}
    </Box>
  );
});
