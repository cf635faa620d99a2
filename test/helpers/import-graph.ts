import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** `from` imports `to`; both are paths relative to the graph's root, with forward slashes. */
export interface ImportEdge {
  readonly from: string;
  readonly to: string;
}

/** The relative imports among the .ts and .tsx files under one folder. */
export interface ImportGraph {
  /** Every .ts and .tsx file under the root, relative to it, sorted. */
  readonly files: readonly string[];
  /** Every import of one of those files by another: type-only, re-exports and dynamic ones included. */
  readonly edges: readonly ImportEdge[];
  /** What each file imports from outside the tree: Node's modules and packages (`node:http`, `ws`), by file. */
  readonly packages: ReadonlyMap<string, readonly string[]>;
}

const SOURCE = /\.tsx?$/;

function sourceFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (SOURCE.test(entry.name)) found.push(path);
  }
  return found;
}

/** The file a relative specifier names, as Node's ESM resolution of TypeScript's output would find it. */
function resolveSpecifier(importer: string, specifier: string): string {
  const base = join(dirname(importer), specifier);
  const stem = base.replace(/\.(js|jsx|ts|tsx)$/, '');
  const candidates = [`${stem}.ts`, `${stem}.tsx`, base, join(base, 'index.ts'), join(base, 'index.tsx')];
  const found = candidates.find((path) => existsSync(path) && statSync(path).isFile());
  if (found === undefined) throw new Error(`${importer}: cannot resolve the import '${specifier}'`);
  return found;
}

/**
 * Reads every .ts and .tsx file under `root` and the relative imports among them. TypeScript's own
 * scanner finds them, so `import type`, `export … from`, `import('…')` (in code or in a type) and
 * `import x = require('…')` all count, and nothing in a string or a comment does. An import of a
 * file outside `root` is left out; one that names no file at all throws.
 */
export function importGraph(root: string): ImportGraph {
  const absolute = sourceFiles(root).sort();
  const key = (path: string): string => relative(root, path).split(sep).join('/');
  const known = new Set(absolute);
  const edges: ImportEdge[] = [];
  const packages = new Map<string, string[]>();
  for (const file of absolute) {
    const seen = new Set<string>();
    const outside: string[] = [];
    packages.set(key(file), outside);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('./') && !fileName.startsWith('../')) {
        if (!outside.includes(fileName)) outside.push(fileName);
        continue;
      }
      const target = resolveSpecifier(file, fileName);
      if (!known.has(target) || seen.has(target)) continue;
      seen.add(target);
      edges.push({ from: key(file), to: key(target) });
    }
  }
  return { files: absolute.map(key), edges, packages };
}

/**
 * One cycle for each group of files that import one another round, as the files along it with the
 * first repeated at the end (`['a.ts', 'b.ts', 'a.ts']`); a file that imports itself is a cycle too.
 * Empty when the graph has no cycle.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const next = new Map<string, string[]>(graph.files.map((file) => [file, []]));
  for (const { from, to } of graph.edges) next.get(from)?.push(to);
  return stronglyConnected(graph.files, next)
    .filter((group) => group.length > 1 || next.get(group[0]!)!.includes(group[0]!))
    .map((group) => shortestCycle(group.sort()[0]!, new Set(group), next))
    .sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/**
 * The edges from a file in one of the folders `from` to a file in one of the folders `to`. A folder
 * is a path relative to the root and holds every file below it; `.` holds only the root's own files.
 */
export function edgesBetween(graph: ImportGraph, from: readonly string[], to: readonly string[]): ImportEdge[] {
  const inAny = (file: string, folders: readonly string[]): boolean => folders.some((folder) => inFolder(file, folder));
  return graph.edges.filter((edge) => inAny(edge.from, from) && inAny(edge.to, to));
}

function inFolder(file: string, folder: string): boolean {
  const normal = posix.normalize(folder).replace(/\/$/, '');
  return normal === '.' ? !file.includes('/') : file.startsWith(`${normal}/`);
}

/** Tarjan's algorithm, iterative so that a long chain of imports cannot overflow the stack. */
function stronglyConnected(files: readonly string[], next: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  for (const start of files) {
    if (index.has(start)) continue;
    const work: { file: string; child: number }[] = [{ file: start, child: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const children = next.get(frame.file)!;
      if (frame.child < children.length) {
        const child = children[frame.child++]!;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          work.push({ file: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.file, Math.min(low.get(frame.file)!, index.get(child)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent !== undefined) low.set(parent.file, Math.min(low.get(parent.file)!, low.get(frame.file)!));
      if (low.get(frame.file) !== index.get(frame.file)) continue;
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== frame.file);
      groups.push(group);
    }
  }
  return groups;
}

/** The shortest way from `start` back to itself within `group`, by breadth-first search. */
function shortestCycle(start: string, group: ReadonlySet<string>, next: ReadonlyMap<string, readonly string[]>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const file = queue[i]!;
    for (const child of next.get(file)!) {
      if (!group.has(child)) continue;
      if (child === start) {
        const path: string[] = [];
        for (let at = file; at !== start; at = cameFrom.get(at)!) path.push(at);
        return [start, ...path.reverse(), start];
      }
      if (cameFrom.has(child)) continue;
      cameFrom.set(child, file);
      queue.push(child);
    }
  }
  throw new Error(`no cycle through ${start}, though it shares a strongly connected group`);
}
