/** `termchat bots --help`, shaped like the other helps (at most 80 wide). */
export const botsHelp = `
  Usage
    $ termchat bots [options]

  Runs scripted chatters against any termchat server, without a screen.
  Each bot is a real client, named after its transport (bot-ws-1,
  bot-poll-1, …), and says a line every --every ms on average while it is
  connected. One line per bot is printed every 10 s and on exit.
  Ctrl+C or SIGTERM closes every client (WebSocket 1000) and exits.

  Options
    --count N          How many bots, 1 to 1000                [default 4]
    --transport LIST   ws, sse, longpoll, poll or auto; several,
                         comma-separated, are taken in turn
                           [default ws,sse,longpoll,poll]
    --every MS         Mean time between a bot's lines      [default 3000]
    --server URL       Server to talk to        [TERMCHAT_SERVER, default
                                                   http://127.0.0.1:4000]
    --room ROOM        Room                 [TERMCHAT_ROOM, default lobby]
    --as PREFIX        Bot names start with this          [default bot]
    --interval MS      Short-poll interval (poll bots)
                                      [TERMCHAT_INTERVAL, default 1000]
    --keepalive        Reuse TCP connections for polls [TERMCHAT_KEEPALIVE]
    --token SECRET     Token the server requires          [TERMCHAT_TOKEN]

  Examples
    $ termchat bots
    $ termchat bots --count 10 --transport poll --every 500 --interval 100
    $ termchat bots --server http://127.0.0.1:4000 --room dev --transport ws
`;
