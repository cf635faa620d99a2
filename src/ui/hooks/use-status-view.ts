import { useRef, useState } from 'react';
import type { TransportKind } from '../../protocol/plain.js';
import type { ChatClient, ClientStats, TransportChoice } from '../../transports/types.js';
import { clockOf } from '../clock.js';
import { statusView, type StatusView } from '../format/status.js';
import type { NetLever } from '../net-lever.js';
import { useClientEffect } from './use-client-effect.js';

/** Status-bar samples per second at most: enough for a countdown, cheap for the terminal. */
export const STATS_INTERVAL_MS = 250;

/** What the status bar shows besides the client's own figures. */
export interface StatusContext {
  /** What was asked for (`auto` included). */
  readonly choice: TransportChoice;
  /** The transport in use or last tried. */
  readonly transport: TransportKind | undefined;
  /** The network the client goes through. */
  readonly net?: NetLever | undefined;
  /** Terminal columns. */
  readonly width?: number | undefined;
}

/**
 * The status bar's text. Stats are sampled from `client.stats()` every `intervalMs`: they change
 * with every byte, so sampling bounds the work however busy the connection is. A state change,
 * a change of the network or another transport redraws at once with the last sample; a `down`
 * counts down with the samples. A view whose text did not change is dropped, so an idle chat,
 * with nothing new to show, renders nothing at all.
 */
export function useStatusView(client: ChatClient, { choice, transport, net, width }: StatusContext, intervalMs = STATS_INTERVAL_MS): StatusView {
  const clock = clockOf(client);
  const stats = useRef<ClientStats | undefined>(undefined);
  const shown = useRef('');
  const compute = (): StatusView =>
    statusView({ state: client.state, stats: stats.current, choice, transport, now: clock.now(), net: net === undefined ? undefined : { condition: net.condition, now: net.now() }, width });
  const [view, setView] = useState(() => {
    stats.current = client.stats();
    const first = compute();
    shown.current = JSON.stringify(first);
    return first;
  });
  // Timers and listeners call the latest closure, so they see the current choice and transport.
  const refresh = useRef((_resample: boolean): void => {});
  refresh.current = (resample) => {
    if (resample) stats.current = client.stats();
    const next = compute();
    // The view is a few short strings: comparing its JSON is far cheaper than the frame it saves.
    const text = JSON.stringify(next);
    if (text === shown.current) return;
    shown.current = text;
    setView(next);
  };

  useClientEffect(() => {
    let handle: unknown;
    const tick = (): void => {
      refresh.current(true);
      handle = clock.setTimeout(tick, intervalMs);
    };
    const onState = (): void => refresh.current(false);
    tick();
    client.on('state', onState);
    return () => {
      clock.clearTimeout(handle);
      client.off('state', onState);
    };
  }, [client, clock, intervalMs]);

  useClientEffect(() => net?.subscribe(() => refresh.current(false)), [net]);
  useClientEffect(() => refresh.current(false), [choice, transport, width]);
  return view;
}
