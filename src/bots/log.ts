import createDebug from 'debug';

/** Narration of what the bots do, on with DEBUG=termchat:bots. */
export const debug = createDebug('termchat:bots');
