import createDebug from 'debug';

/** DEBUG=termchat:bench narrates the processes a bench starts and stops. */
export const debug = createDebug('termchat:bench');
