import { memo } from 'react';
import type { TransportKind } from '../../protocol/plain.js';
import type { ChatClient, TransportChoice } from '../../transports/types.js';
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
  /** Terminal columns, which the network's word is fitted to. */
  readonly width?: number | undefined;
  /** Refresh period, ms. */
  readonly intervalMs?: number | undefined;
}

/**
 * The status bar fed by the client. Its samples live here, not in the chat screen, so a refresh
 * re-renders these two lines only, never the conversation. Memoised: a keystroke re-renders the
 * screen around it, and its props stay the same then.
 */
export const LiveStatusBar = memo(function LiveStatusBar({ client, choice, transport, net, width, intervalMs }: LiveStatusBarProps) {
  const view = useStatusView(client, { choice, transport, net, width }, intervalMs);
  return <StatusBar view={view} />;
});
