/** Colours a nick may get: readable on dark and light backgrounds, red left for errors. */
export const NICK_COLOURS = ['cyan', 'green', 'yellow', 'blue', 'magenta', 'cyanBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright'] as const;
export type NickColour = (typeof NICK_COLOURS)[number];

/** A colour for `name` that is the same in every session and on every machine (FNV-1a of its UTF-16 units). */
export function nickColour(name: string): NickColour {
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return NICK_COLOURS[hash % NICK_COLOURS.length]!;
}
