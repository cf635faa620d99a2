/** `termchat bench --help`, shaped like the other helps (at most 80 wide). */
export const benchHelp = `
  Usage
    $ termchat bench [options]

  Measures polling, long polling, SSE and WebSocket side by side, as the
  study did: N clients in one room, each sending one message every 2 s,
  every message to everyone. The server runs in its own process, the
  clients in worker processes; a bare WebSocket broadcast server (the
  baseline) runs in the same bench, so termchat's overhead is a ratio.
  Every message must reach every connected client: missing and duplicate
  deliveries are counted and must be 0.

  Options
    --clients LIST       Clients per tier                  [default 5,50,100]
    --duration SECONDS   Sending time per run                    [default 10]
    --send-every MS      Each client sends this often          [default 2000]
    --interval MS        Short-poll interval                    [default 100]
    --transports LIST    Any of poll, poll-keepalive, longpoll, sse, ws,
                           baseline                             [default all]
    --reps N             Repeat every run N times and compare medians
                           (termchat and baseline interleaved)    [default 1]
    --warmup SECONDS     Run the schedule this long first, not measured
                           (0: time from the first message)        [default 2]
    --workers N          Client worker processes per run
                           [default: one per 100 clients, up to cores - 1]
    --json FILE          Write every figure and per-second series as JSON
    --charts DIR         Write the charts per tier as SVG and PNG

  Scale and idle (WebSocket only; --transports may name ws and baseline)
    --scale              Grow one room (250, 350, 500, 750, 1000 … clients,
                           or --clients) until p99 passes --max-p99 or a
                           delivery goes missing; termchat beside baseline
    --max-p99 MS         Latency a room must stay under         [default 100]
    --idle N             Open N idle connections: RSS per connection and
                           connect rate

  Several instances (termchat on Redis)
    --redis [URL]        Run each tier and transport on one termchat instance
                           and on two sharing one Redis (half the clients
                           on each) and report what crossing instances
                           adds to latency. Alone, it starts a redis-server
                           of its own; with a URL it uses that Redis, in
                           rooms of its own. No baseline, no --charts.

  Examples
    $ termchat bench
    $ termchat bench --clients 5,50 --duration 5 --transports poll,ws
    $ termchat bench --reps 3 --json out/bench.json --charts out
    $ termchat bench --scale
    $ termchat bench --idle 5000
    $ termchat bench --redis --clients 5,50,100 --transports ws,sse,longpoll
`;
