import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgesBetween, findCycles, importGraph } from '../helpers/import-graph.js';

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
