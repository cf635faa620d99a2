#!/usr/bin/env node
// Runs `termchat bench` from the build without the CLI: `node bench/run.mjs --clients 5,50 …`.
// The flags are the ones `termchat bench` takes (see src/commands/bench-help.ts).
import meow from 'meow';
import { benchHelp } from '../dist/commands/bench-help.js';
import { runBench } from '../dist/commands/bench.js';

const cli = meow(benchHelp, {
  importMeta: import.meta,
  booleanDefault: undefined,
  flags: {
    clients: { type: 'string' },
    duration: { type: 'string' },
    sendEvery: { type: 'string' },
    interval: { type: 'string' },
    transports: { type: 'string' },
    reps: { type: 'string' },
    workers: { type: 'string' },
    scale: { type: 'boolean' },
    idle: { type: 'string' },
    maxP99: { type: 'string' },
    json: { type: 'string' },
    charts: { type: 'string' },
  },
});

runBench(cli.flags).catch((error) => {
  console.error(`termchat bench: ${error.message}`);
  process.exit(error.name === 'UsageError' ? 2 : 1);
});
