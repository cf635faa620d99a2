/** Help texts, one per command, in the shape of a well-kept CLI's. */
export const mainHelp = `
  Usage
    $ termchat <command> [options]

  Commands
    serve     Run a chat server: WebSocket, SSE and polling on one port
    join      Chat in the terminal, with live figures for the transport
    demo      Try it: a server, bots on every transport, and the chat
    bots      Scripted chatters on any server, without a screen
    bench     Measure polling against WebSockets, as the study did, and more
    config    Show where remembered settings live; --reset forgets them

  Options
    --help     Show help (also: termchat <command> --help)
    --version  Show the version

  Examples
    $ termchat demo
    $ termchat serve
    $ termchat join --as alice --transport ws
    $ termchat join --as bob --transport poll
    $ termchat bots --count 3 --transport ws --every 2000
    $ termchat bench --clients 5,50,100
`;

export const serveHelp = `
  Usage
    $ termchat serve [options]

  One server, one port, four transports: ws, sse, longpoll and poll.
  History is kept in SQLite, or in memory with --memory, or in Redis with
  --redis, where several servers share rooms, history and presence.

  Options (each also read from the environment variable in brackets)
    --port N             Port to listen on; 0 picks a free one
                           [TERMCHAT_PORT, default 4000]
    --host HOST          Address to bind
                           [TERMCHAT_HOST, default 127.0.0.1]
    --db PATH            SQLite history file
                           [TERMCHAT_DB, default: the user data directory]
    --memory             Keep history in memory only
                           [TERMCHAT_MEMORY]
    --redis URL          Keep history and presence in Redis, shared with
                           other servers using it (redis://HOST:PORT)
                           [TERMCHAT_REDIS_URL]
    --token SECRET       Require Authorization: Bearer SECRET or ?token=SECRET
                           [TERMCHAT_TOKEN]
    --allow-origin URL   Allow browser pages from URL; repeatable, * for any
                           [TERMCHAT_ALLOW_ORIGIN, comma-separated]
    --transports LIST    Enable only these of ws,sse,longpoll,poll
                           [TERMCHAT_TRANSPORTS, default all]
    --heartbeat SECONDS  WebSocket ping interval
                           [TERMCHAT_HEARTBEAT, default 30]
    --stats-interval S   Print a stats block every S seconds; 0 turns it off
                           [TERMCHAT_STATS_INTERVAL, default 5]
    --max-text N         Longest message, in characters
                           [TERMCHAT_MAX_TEXT, default 4000]
    --rate N/SECONDS     Per-user send limit; 0 turns it off
                           [TERMCHAT_RATE, default 30/10]

  Examples
    $ termchat serve
    $ termchat serve --port 0 --memory --stats-interval 0
    $ termchat serve --token s3cret --allow-origin https://chat.example.com
    $ TERMCHAT_TRANSPORTS=sse,poll termchat serve
    $ termchat serve --port 4001 --redis redis://127.0.0.1:6379
`;
