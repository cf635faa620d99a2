/**
 * Entry of a client worker process: runs its share of a run's clients (a ClientFleet) for its
 * parent, so that client work never competes with the server inside one process.
 */
import { ClientFleet } from '../workers/client-fleet.js';
import type { ClientWork } from '../workers/client-protocol.js';
import { serveWorker } from './worker-loop.js';

serveWorker<ClientWork>((config) => new ClientFleet(config));
