import createDebug from 'debug';

/** Narration of the client's flow, on with DEBUG=termchat:*. */
export const debug = {
  client: createDebug('termchat:client'),
  transport: createDebug('termchat:transport'),
};
