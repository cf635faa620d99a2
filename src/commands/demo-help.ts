/** `termchat demo --help`, shaped like the other helps (at most 80 wide). */
export const demoHelp = `
  Usage
    $ termchat demo [options]

  One command to see termchat: starts a server in this process on a free
  port (history in memory), a few scripted bots chatting in the room, one
  on each transport, and opens the chat joined as you. Switch transports
  with /transport and watch the status bar. Everything stops on quit.

  Options
    --as NAME          Your name; asked for when missing      [TERMCHAT_USER]
    --transport KIND   Your transport: ws, sse, longpoll, poll or auto
                                                              [default ws]
    --room ROOM        Room to chat in                    [default lobby]
    --interval MS      Your short-poll interval (poll only)  [default 1000]
    --keepalive        Reuse TCP connections for your polls
    --count N          Bots, taking ws, sse, longpoll, poll in turn
                                                              [default 4]
    --every MS         Each bot says a line this often, on average
                                                           [default 6000]
    --token SECRET     Start the server requiring this token

  It needs an interactive terminal. For bots on a server of your own, use
  termchat bots.

  Examples
    $ termchat demo
    $ termchat demo --as alice --transport poll --interval 250
    $ termchat demo --count 8 --every 2000
`;
