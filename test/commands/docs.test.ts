import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { serveCommand } from '../../src/commands/catalog.js';
import { flagName } from '../../src/commands/flags.js';
import { ErrorCode } from '../../src/protocol/index.js';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('the documents follow the declarations', () => {
  it("README's serve table has a row for every serve option, with its variable", () => {
    const readme = read('README.md');
    const missing = Object.entries(serveCommand.options)
      .map(([key, spec]) => ({ flag: `--${flagName(key)}`, env: spec.env }))
      .filter(({ flag, env }) => !new RegExp(`^\\| \`${flag}[ \`][^\\n]*\\| \`${env}\` \\|`, 'm').test(readme));
    expect(missing).toEqual([]);
  });

  it("docs/protocol.md's error table has a row for every error code", () => {
    const protocol = read('docs/protocol.md');
    const missing = Object.values(ErrorCode).filter((code) => !new RegExp(`^\\| \`${code}\` \\|`, 'm').test(protocol));
    expect(missing).toEqual([]);
  });
});
