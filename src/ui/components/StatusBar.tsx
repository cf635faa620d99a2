import { Box, Text } from 'ink';
import { Fragment } from 'react';
import type { StatusPiece } from '../format/status-lines.js';
import { useTheme } from '../hooks/use-theme.js';

export interface StatusBarProps {
  /** The bar's lines, fitted to the width by `statusLines`. */
  readonly lines: readonly (readonly StatusPiece[])[];
}

function Piece({ piece }: { readonly piece: StatusPiece }) {
  const theme = useTheme();
  switch (piece.kind) {
    case 'connection':
      return (
        <Text color={theme.tone(piece.tone)} bold>
          ● {piece.text}
        </Text>
      );
    case 'transport':
    case 'spark':
      return <Text color={theme.tone('info')}>{piece.text}</Text>;
    case 'net':
      return (
        <Text color={theme.tone(piece.tone)} bold>
          {piece.text}
        </Text>
      );
    case 'field':
      return (
        <>
          {piece.label === '' ? null : <Text dimColor>{piece.label} </Text>}
          <Text color={piece.tone === undefined ? undefined : theme.tone(piece.tone)}>{piece.value}</Text>
        </>
      );
  }
}

/**
 * The connection, transport, the network when it is not clean, and latency, then what the
 * transport costs: two lines, or more on a narrow terminal.
 */
export function StatusBar({ lines }: StatusBarProps) {
  return (
    <Box flexDirection="column" height={lines.length} flexShrink={0}>
      {lines.map((line, row) => (
        // Each line is one Text, so a piece too wide for any line is cut at its end rather than squeezed.
        <Text key={row} wrap="truncate-end">
          {line.map((piece, i) => (
            <Fragment key={i}>
              {i === 0 ? null : piece.kind === 'spark' ? ' ' : '  '}
              <Piece piece={piece} />
            </Fragment>
          ))}
        </Text>
      ))}
    </Box>
  );
}
