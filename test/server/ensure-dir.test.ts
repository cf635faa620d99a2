import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDir } from '../../src/server/store/ensure-dir.js';
import { tempDir } from '../helpers/server.js';

describe('ensureDir', () => {
  it('makes every missing directory down the path, and is a no-op the second time', () => {
    const deep = join(tempDir(), 'a', 'b', 'c');
    ensureDir(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    expect(() => ensureDir(deep)).not.toThrow();
  });

  it('throws the first failure, naming the directory, when a file stands in the way', () => {
    const file = join(tempDir(), 'plain');
    writeFileSync(file, 'not a directory');
    expect(() => ensureDir(join(file, 'sub'))).toThrow(/ENOTDIR: not a directory, '.*plain'/);
  });

  it.runIf(process.platform === 'linux')('fails at once under /proc, where a recursive mkdir loops for ever', () => {
    expect(() => ensureDir('/proc/self/termchat-x/y')).toThrow(/ENOENT.*mkdir '\/proc\/self\/termchat-x'/);
  });
});
