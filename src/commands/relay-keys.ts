import type { NetChange, NetCondition } from '../relay/index.js';

/** One key of `termchat relay`: what the key line calls it, and what it does to the condition in force. */
export interface RelayKey {
  readonly key: string;
  readonly label: string;
  /** The change the key makes now, or 'quit'. */
  readonly act: (condition: NetCondition) => NetChange | 'quit';
}

/** The delays `d` steps through, ms: a LAN, a continent, an ocean, a satellite's worth. */
const DELAY_STEPS_MS: readonly number[] = [0, 50, 100, 300];
/** The caps `r` steps through, bits a second: none, broadband, a modem. */
const RATE_STEPS: readonly (number | undefined)[] = [undefined, 1_000_000, 56_000];
/** How long `o` takes the relay down. */
const DOWN_MS = 10_000;

/** The step after `current`; from a value not among them (set by --net), the first step above it, else the first. */
function stepAfter<T extends number | undefined>(steps: readonly T[], current: T): T {
  const at = steps.indexOf(current);
  if (at >= 0) return steps[(at + 1) % steps.length]!;
  return steps.find((step) => step !== undefined && current !== undefined && step > current) ?? steps[0]!;
}

/** Every key, in the order the key line shows them. */
export const RELAY_KEYS: readonly RelayKey[] = [
  {
    key: 'd',
    label: `delay ${DELAY_STEPS_MS.join('/')} ms`,
    act: ({ shaping }) => {
      const ms = stepAfter(DELAY_STEPS_MS, shaping.delayMs);
      return { kind: 'delay', ms, jitterMs: Math.min(shaping.jitterMs, ms) };
    },
  },
  { key: 'r', label: 'rate off/1mbit/56kbit', act: ({ shaping }) => ({ kind: 'rate', bitsPerSecond: stepAfter(RATE_STEPS, shaping.rateBitsPerSecond) }) },
  { key: 'c', label: 'cut', act: () => ({ kind: 'cut' }) },
  { key: 'b', label: 'blackhole on/off', act: ({ mode }) => ({ kind: 'blackhole', on: mode !== 'blackhole' }) },
  { key: 'o', label: `down ${DOWN_MS / 1000} s`, act: () => ({ kind: 'down', ms: DOWN_MS }) },
  { key: 'h', label: 'heal', act: () => ({ kind: 'heal' }) },
  { key: 'q', label: 'quit (or Ctrl+C)', act: () => 'quit' },
];

/** The keys as the relay shows them under its address, in lines that fit 80 columns. */
export const KEYS_LINES: readonly string[] = RELAY_KEYS.reduce<string[]>((lines, { key, label }) => {
  const item = `${key} ${label}`;
  const last = lines.at(-1);
  if (last === undefined) return [`keys: ${item}`];
  if (last.length + 3 + item.length > 80) return [...lines, `      ${item}`];
  return [...lines.slice(0, -1), `${last} · ${item}`];
}, []);
