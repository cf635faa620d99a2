import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { edgesBetween, findCycles, importGraph, type ImportGraph } from '../helpers/import-graph.js';

const SERVER = fileURLToPath(new URL('../../src/server', import.meta.url));

/**
 * src/server's folders from the bottom up. A file imports files of its own folder and of folders
 * ranked below it, never above nor beside: folders of one rank know nothing of each other. `.` is
 * the files at the top of src/server itself.
 */
const RANKS: Readonly<Record<string, number>> = {
  base: 0, // options, errors, the debug channels
  metrics: 0, // the counters and the stats block
  wire: 1, // bytes on the wire, each encoded once: SSE chunks, WebSocket frames, the socket writer
  store: 1, // the embedded history stores behind HistoryStore
  room: 2, // hub, feed, presence, the send path, the room subscription, what a backend provides
  request: 3, // what every endpoint checks of a request: origin, token, room, since
  redis: 3, // everything Redis, behind the interfaces of room/ and store/
  http: 4, // the HTTP endpoints, the SSE stream among them
  ws: 4, // the WebSocket endpoint
  '.': 5, // server.ts, and the choice of backend, which loads Redis and SQLite only when asked for
};

const folderOf = (file: string): string => (file.includes('/') ? file.slice(0, file.indexOf('/')) : '.');

/** Each edge as `from → to`, for a failure that names them all. */
const show = (graph: ImportGraph, from: string, to: string): string[] => edgesBetween(graph, [from], [to]).map((edge) => `${edge.from} → ${edge.to}`);

describe('the import graph', () => {
  it('sees type-only imports, re-exports and dynamic imports, and nothing in strings or comments', () => {
    const root = mkdtempSync(join(tmpdir(), 'termchat-graph-'));
    try {
      const files: Record<string, string> = {
        'a.ts': "import type { B } from './b.js';\nexport * from './sub/c.js';\nconst s = \"import './d.js'\"; // import './d.js'\n",
        'b.ts': "export type { C } from './sub/c.js';\nexport type B = typeof import('./d.js');\n",
        'sub/c.ts': "export type C = number;\nexport const load = () => import('../a.js');\n",
        'd.ts': "import { join } from 'node:path';\nimport '../outside.js';\nexport const d = join;\n",
        'outside.ts': '',
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, 'src', path)), { recursive: true });
        writeFileSync(join(root, 'src', path), text);
      }
      writeFileSync(join(root, 'outside.ts'), '');
      const graph = importGraph(join(root, 'src'));
      expect(graph.files).toEqual(['a.ts', 'b.ts', 'd.ts', 'outside.ts', 'sub/c.ts']);
      expect(graph.edges).toEqual([
        { from: 'a.ts', to: 'b.ts' },
        { from: 'a.ts', to: 'sub/c.ts' },
        { from: 'b.ts', to: 'sub/c.ts' },
        { from: 'b.ts', to: 'd.ts' },
        { from: 'sub/c.ts', to: 'a.ts' },
      ]);
      expect(findCycles(graph)).toEqual([['a.ts', 'sub/c.ts', 'a.ts']]);
      expect(edgesBetween(graph, ['sub'], ['.'])).toEqual([{ from: 'sub/c.ts', to: 'a.ts' }]);
      expect(edgesBetween(graph, ['.'], ['sub'])).toHaveLength(2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('src/server', () => {
  const graph = importGraph(SERVER);

  it('has no import cycle, type-only imports included', () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it('keeps every file in a folder of the rank table', () => {
    const unranked = [...new Set(graph.files.map(folderOf))].filter((folder) => !(folder in RANKS));
    expect(unranked).toEqual([]);
  });

  it('imports only from the same folder or from a lower rank', () => {
    const upward: string[] = [];
    for (const [from, rank] of Object.entries(RANKS)) {
      for (const [to, other] of Object.entries(RANKS)) {
        if (to !== from && other >= rank) upward.push(...show(graph, from, to));
      }
    }
    expect(upward).toEqual([]);
  });
});
