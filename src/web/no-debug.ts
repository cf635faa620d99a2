/**
 * What the page's build puts where the client imports the debug package (rolldown.config.mjs): the
 * client's narration (DEBUG=termchat:*) is for a terminal, and would cost the page's script 6 KB.
 * Each channel is a function that says nothing.
 */
export default function createDebug(): ((...args: unknown[]) => void) & { readonly enabled: boolean } {
  return Object.assign(() => {}, { enabled: false });
}
