import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from './helpers/import-graph.js';

const graph = importGraph(fileURLToPath(new URL('../src', import.meta.url)));

/**
 * src's layers from the bottom up: a file imports its own layer's files and those of layers below,
 * never above nor beside (the server and the client know nothing of each other; the chat, the bots
 * and the bench each drive clients on their own). src/server's own folders have their rule in
 * test/server/layers.test.ts.
 */
const RANKS: Readonly<Record<string, number>> = {
  protocol: 0, // the wire's shapes, codes and limits
  server: 1,
  transports: 1, // the client
  relay: 1, // the fault relay between clients and a server: bytes only, knowing neither
  ui: 2,
  bots: 2,
  bench: 2, // runs servers and drives clients, exactly as the chat does
  web: 3, // the browser page: the client on the browser's own transports, the chat's plain state and formats; the server serves it built, never imports it
  commands: 3,
  'cli.tsx': 4,
};

const layerOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file);

/** Packages that speak to the network or to a store: the UI reaches them only through a client. */
const NETWORK = /^(node:(http|https|net|tls|dgram)|undici|ws|ioredis|better-sqlite3|eventsource-parser)$/;

describe('src layers', () => {
  it('has no import cycle, type-only imports included', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('puts every file in a layer of the table', () => {
    expect(graph.files.map(layerOf).filter((layer) => RANKS[layer] === undefined)).toEqual([]);
  });

  it('imports only down the layers', () => {
    const wrong = graph.edges.filter((edge) => {
      const [from, to] = [layerOf(edge.from), layerOf(edge.to)];
      return from !== to && RANKS[to]! >= RANKS[from]!;
    });
    expect(wrong.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
  });

  it('keeps the UI off the network: it talks to a server only through a client of src/transports', () => {
    const reached = [...graph.packages].filter(([file]) => layerOf(file) === 'ui').flatMap(([file, names]) => names.filter((name) => NETWORK.test(name)).map((name) => `${file} → ${name}`));
    expect(reached).toEqual([]);
  });

  it('builds the relay on node: modules alone, so that it relays bytes whatever speaks through it', () => {
    const used = [...graph.packages].filter(([file]) => layerOf(file) === 'relay').flatMap(([file, names]) => names.filter((name) => !name.startsWith('node:')).map((name) => `${file} → ${name}`));
    expect(used).toEqual([]);
  });

  it("gives the web page only the chat's plain state and formats of src/ui, and no package of its own", () => {
    const fromUi = graph.edges.filter((edge) => layerOf(edge.from) === 'web' && layerOf(edge.to) === 'ui' && !/^ui\/(state|format)\//.test(edge.to));
    expect(fromUi.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
    const packages = [...graph.packages].filter(([file, names]) => layerOf(file) === 'web' && names.length > 0);
    expect(packages.map(([file, names]) => `${file} → ${names.join(', ')}`)).toEqual([]);
  });

  it('keeps the server and the protocol free of the terminal UI', () => {
    const drawn = [...graph.packages]
      .filter(([file]) => ['server', 'protocol'].includes(layerOf(file)))
      .flatMap(([file, names]) => names.filter((name) => /^(ink|react)(\/|$)/.test(name)).map((name) => `${file} → ${name}`));
    expect(drawn).toEqual([]);
  });
});
