import createDebug from 'debug';

/** Narration of the server's flow, on with DEBUG=termchat:*. */
export const debug = {
  http: createDebug('termchat:http'),
  ws: createDebug('termchat:ws'),
  sse: createDebug('termchat:sse'),
  hub: createDebug('termchat:hub'),
  store: createDebug('termchat:store'),
  redis: createDebug('termchat:redis'),
};
