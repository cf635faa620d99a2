import { useLayoutEffect } from 'react';

/**
 * The effect for anything that listens to, or starts, a client: it runs within the commit that
 * mounts the screen (a layout effect), not later. The first client may already be connecting
 * when the screen first renders (connecting before the first frame overlaps the handshake with
 * drawing it); Ink renders synchronously, so up to these effects no socket event can be handled,
 * and a listener added here misses nothing but the synchronous state change of connect(), which
 * the hooks read from `client.state` when they mount. What is built from events (the
 * conversation, who is typing) must listen here; a value the client holds can be read with
 * useClientValue, which reads it again when it subscribes.
 */
export const useClientEffect = useLayoutEffect;
