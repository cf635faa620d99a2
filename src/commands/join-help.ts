/** Help for `termchat join`, in the shape of help.ts (at most 80 wide). */
export const joinHelp = `
  Usage
    $ termchat join [options]

  Chat in a terminal over the transport of your choice, with live figures
  for what it costs: latency, wasted polls, requests, TCP connections and
  bytes of overhead per message. Name, server, transport and room are
  remembered, so next time plain "termchat join" is enough. A flag wins
  over its variable, which wins over what was remembered.

  Options (each also read from the environment variable in brackets)
    --as NAME          Your name; asked for on first run when missing
                         [TERMCHAT_USER]
    --server URL       Server to join; several instances of one chat,
                         comma-separated, are tried in turn on reconnect
                         [TERMCHAT_SERVER, default http://127.0.0.1:4000]
    --transport KIND   ws, sse, longpoll, poll or auto (ws, then sse,
                         longpoll, poll)   [TERMCHAT_TRANSPORT, default auto]
    --room ROOM        Room: a-z, 0-9, _ and -, up to 32
                         [TERMCHAT_ROOM, default lobby]
    --interval MS      Short-poll interval (poll only)
                         [TERMCHAT_INTERVAL, default 1000]
    --keepalive        Reuse TCP connections for polls
                         [TERMCHAT_KEEPALIVE]
    --token T          Token the server requires
                         [TERMCHAT_TOKEN]

  In the chat
    /help  /join ROOM  /nick NAME  /transport KIND  /who  /reconnect
    /clear  /quit · PgUp/PgDn/Home/End scroll · ↑/↓ history · Ctrl+C quits

  Examples
    $ termchat join --as alice
    $ termchat join --as bob --transport longpoll --room dev
    $ termchat join --server http://chat.example.com:4000 --transport poll
`;

/** Help for `termchat config`. */
export const configHelp = `
  Usage
    $ termchat config [--reset]

  Shows where termchat join keeps its remembered settings (name, server,
  transport and room) and what they are. TERMCHAT_CONFIG_DIR moves them.

  Options
    --reset    Forget the remembered settings

  Examples
    $ termchat config
    $ termchat config --reset
`;
