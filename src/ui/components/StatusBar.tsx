import { Box, Text } from 'ink';
import { Fragment } from 'react';
import type { StatusField, StatusView } from '../format/status.js';
import { useTheme } from '../hooks/use-theme.js';

export interface StatusBarProps {
  /** Everything to show, computed by `statusView`. */
  readonly view: StatusView;
}

function Field({ field }: { readonly field: StatusField }) {
  const theme = useTheme();
  return (
    <>
      <Text dimColor>{field.label} </Text>
      <Text color={field.tone === undefined ? undefined : theme.tone(field.tone)}>{field.value}</Text>
    </>
  );
}

// Each line is one Text so a narrow terminal cuts its end instead of squeezing every field.
/** Two lines: connection, transport, the network when it is not clean, and latency; then what the transport costs. */
export function StatusBar({ view }: StatusBarProps) {
  const theme = useTheme();
  return (
    <Box flexDirection="column" height={2} flexShrink={0}>
      <Text wrap="truncate-end">
        <Text color={theme.tone(view.connection.tone)} bold>
          ● {view.connection.text}
        </Text>
        {'  '}
        <Text color={theme.tone('info')}>{view.transport}</Text>
        {view.net === undefined ? null : (
          <>
            {'  '}
            <Text color={theme.tone(view.net.tone)} bold>
              {view.net.text}
            </Text>
          </>
        )}
        {'  '}
        <Field field={view.latency} />
        {view.spark === '' ? null : <Text color={theme.tone('info')}> {view.spark}</Text>}
      </Text>
      <Text wrap="truncate-end">
        {view.fields.map((field, i) => (
          <Fragment key={field.label}>
            {i === 0 ? null : '  '}
            <Field field={field} />
          </Fragment>
        ))}
      </Text>
    </Box>
  );
}
