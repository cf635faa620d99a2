/** Entry of a load generator process for `bench --scale` and `--idle`: a LoadFleet run for its parent. */
import { LoadFleet } from '../workers/load-fleet.js';
import type { LoadWork } from '../workers/load-protocol.js';
import { serveWorker } from './worker-loop.js';

serveWorker<LoadWork>((config) => new LoadFleet(config));
