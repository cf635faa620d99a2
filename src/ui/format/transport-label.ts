import type { TransportKind } from '../../protocol/plain.js';
import type { TransportChoice } from '../../transports/types.js';

/** What the header and status bar call the transport: for `auto`, also the one it settled on. */
export function transportLabel(choice: TransportChoice, current: TransportKind | undefined): string {
  if (choice !== 'auto') return current ?? choice;
  return current === undefined ? 'auto (choosing…)' : `${current} (auto)`;
}
