import { memo, useLayoutEffect, useMemo } from 'react';
import type { TransportKind } from '../../protocol/plain.js';
import type { ChatClient, TransportChoice } from '../../transports/types.js';
import { statusLines } from '../format/status-lines.js';
import { useStatusView } from '../hooks/use-status-view.js';
import type { NetLever } from '../net-lever.js';
import { StatusBar } from './StatusBar.js';

export interface LiveStatusBarProps {
  readonly client: ChatClient;
  /** What was asked for (`auto` included). */
  readonly choice: TransportChoice;
  /** The transport in use or last tried. */
  readonly transport: TransportKind | undefined;
  /** The network the client goes through, whose condition the bar shows when it is not clean. */
  readonly net?: NetLever | undefined;
  /** Columns to fit the figures in. */
  readonly width: number;
  /** Told how many rows the bar takes whenever that changes, so the screen can give it room. */
  readonly onRows?: ((rows: number) => void) | undefined;
  /** Refresh period, ms. */
  readonly intervalMs?: number | undefined;
}

/**
 * The status bar fed by the client. Its samples live here, not in the chat screen, so a refresh
 * re-renders these lines only, never the conversation; the screen hears only of a change in
 * how many rows they take. Memoised: a keystroke re-renders the screen around it, and its props
 * stay the same then.
 */
export const LiveStatusBar = memo(function LiveStatusBar({ client, choice, transport, net, width, onRows, intervalMs }: LiveStatusBarProps) {
  const view = useStatusView(client, { choice, transport, net, width }, intervalMs);
  const lines = useMemo(() => statusLines(view, width), [view, width]);
  const rows = lines.length;
  // Told again on a new width too: the screen starts its count over then.
  useLayoutEffect(() => onRows?.(rows), [rows, width, onRows]);
  return <StatusBar lines={lines} />;
});
