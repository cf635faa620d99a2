import { render } from 'ink-testing-library';
import { RaceApp } from '../../../src/ui/components/race/RaceApp.js';
import { RACE_FRAME_MS } from '../../../src/ui/hooks/use-race-view.js';
import { laneTransport, laneUser, RACE_LANES, type RaceLane } from '../../../src/ui/race/lanes.js';
import type { BotsLever, ServerLever } from '../../../src/ui/race/levers.js';
import { Race } from '../../../src/ui/race/race.js';
import { resize } from '../app-harness.js';
import { FakeChatClient, makeStats, ManualClock } from '../fake-client.js';
import { FakeLever } from '../fake-lever.js';
import { frameWhere, tick } from '../ink-helpers.js';

/** The race screen on fake clients, all open, with levers that record what was asked of them. */
export async function renderRace(size: { readonly columns: number; readonly rows: number }, lanes: readonly RaceLane[] = RACE_LANES, colour = false) {
  const clock = new ManualClock();
  const made = lanes.map((lane) => {
    const { transport } = laneTransport(lane);
    const client = new FakeChatClient({ user: laneUser(lane), transport, clock });
    client.setState({ status: 'connecting', attempt: 0, transport });
    client.setState({ status: 'open', transport, since: 0 });
    client.currentStats = makeStats({ state: 'open', transport, requestsPerSecond: transport === 'poll' ? 1 : 0, tcpConnections: transport === 'poll' ? 9 : 1 });
    return { lane, client };
  });
  const sender = new FakeChatClient({ user: 'race', clock });
  const race = new Race({ lanes: made, sender, clock });
  const asked: string[] = [];
  const server: ServerLever = {
    url: 'http://127.0.0.1:4321',
    own: true,
    running: true,
    stop: async () => void asked.push('stop'),
    start: async () => void asked.push('start'),
  };
  let count = 0;
  const bots: BotsLever = {
    max: 50,
    get count() {
      return count;
    },
    set: (n) => {
      count = n;
      asked.push(`bots ${n}`);
    },
  };
  const net = new FakeLever();
  const app = render(<RaceApp race={race} room="race" server={server} bots={bots} net={net} clock={clock} colour={colour} onQuit={() => asked.push('quit')} />);
  resize(app.stdout, size);
  await tick();
  return {
    ...app,
    clock,
    lanes: made,
    sender,
    asked,
    net,
    frame: (check: (frame: string) => boolean) => frameWhere(app.lastFrame, check),
    /** Lets a frame's worth of time pass, as the screen's clock counts it (more than the lanes wait after a key). */
    nextFrame: async () => {
      clock.advance(RACE_FRAME_MS);
      await tick();
    },
    type: async (...chunks: string[]) => {
      for (const chunk of chunks) {
        app.stdin.write(chunk);
        await tick(5);
      }
    },
  };
}

