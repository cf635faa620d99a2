import { runNetCommand } from '../commands/net-command.js';
import type { Tone } from '../format/theme.js';
import type { NetLever } from '../net-lever.js';
import type { RaceLane } from './lanes.js';
import type { BotsLever, ServerLever } from './levers.js';
import type { Race } from './race.js';
import type { RaceCommand } from './race-commands.js';

/** The one line under the scoreboard that answers a command. */
export interface Notice {
  readonly text: string;
  readonly tone?: Tone;
}

/** What race commands act on; the race screen provides it. */
export interface RaceCommandHost {
  readonly race: Race;
  readonly server: ServerLever;
  readonly bots: BotsLever;
  /** The network every lane goes through, which /net moves. */
  readonly net: NetLever;
  say(notice: Notice): void;
  toggleWire(): void;
  focus(lane: RaceLane): void;
  /** The server stopped or started. */
  serverChanged(): void;
  quit(): void;
}

/** Carries out a parsed race line. */
export function runRaceCommand(command: RaceCommand, host: RaceCommandHost): void {
  switch (command.type) {
    case 'send': {
      const entry = host.race.send(command.text);
      if (entry.status === 'failed') host.say({ text: `not sent: ${entry.error?.message ?? 'refused'}`, tone: 'error' });
      return;
    }
    case 'bots':
      host.bots.set(command.count);
      host.say({ text: command.count === 0 ? 'no bots now' : `${command.count} bot${command.count === 1 ? '' : 's'} chatting`, tone: 'info' });
      return;
    case 'server':
      return serverCommand(command.action, host);
    case 'net':
      return host.say(runNetCommand(command.net, host.net, 'every column'));
    case 'wire':
      return host.toggleWire();
    case 'focus':
      return host.focus(command.lane);
    case 'reconnect':
      for (const client of host.race.clients) client.retryNow();
      return host.say({ text: 'every column retries now', tone: 'info' });
    case 'help':
      return host.say({ text: '/help again or any command closes the help', tone: 'muted' });
    case 'quit':
      return host.quit();
    case 'unknown':
      return host.say({ text: `unknown command /${command.name}; /help lists the commands`, tone: 'error' });
    case 'invalid':
      return host.say({ text: command.error, tone: 'error' });
  }
}

function serverCommand(action: 'stop' | 'start', host: RaceCommandHost): void {
  const { server } = host;
  if (!server.own) return host.say({ text: `the server at ${server.url} is not the race's: stop and start it where it runs`, tone: 'error' });
  if (action === 'stop' && !server.running) return host.say({ text: 'the server is stopped already; /server start starts it', tone: 'info' });
  if (action === 'start' && server.running) return host.say({ text: 'the server is running already', tone: 'info' });
  host.say({ text: action === 'stop' ? 'stopping the server…' : 'starting the server…', tone: 'warn' });
  const done = action === 'stop' ? server.stop() : server.start();
  done.then(
    () => {
      host.serverChanged();
      host.say(
        action === 'stop'
          ? { text: 'server stopped: watch each column reconnect; /server start brings it back', tone: 'warn' }
          : { text: 'server started on the same port, same history: every column reconnects and catches up', tone: 'ok' },
      );
    },
    (error: unknown) => {
      host.serverChanged();
      host.say({ text: `could not ${action} the server: ${(error as Error).message}`, tone: 'error' });
    },
  );
}
