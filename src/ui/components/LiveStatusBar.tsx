import type { TransportKind } from '../../protocol/plain.js';
import type { ChatClient, TransportChoice } from '../../transports/types.js';
import { useStatusView } from '../hooks/use-status-view.js';
import { StatusBar } from './StatusBar.js';

export interface LiveStatusBarProps {
  readonly client: ChatClient;
  /** What was asked for (`auto` included). */
  readonly choice: TransportChoice;
  /** The transport in use or last tried. */
  readonly transport: TransportKind | undefined;
  /** Refresh period, ms. */
  readonly intervalMs?: number | undefined;
}

/**
 * The status bar fed by the client. Its samples live here, not in the chat screen, so a refresh
 * re-renders these two lines only, never the conversation.
 */
export function LiveStatusBar({ client, choice, transport, intervalMs }: LiveStatusBarProps) {
  const view = useStatusView(client, choice, transport, intervalMs);
  return <StatusBar view={view} />;
}
