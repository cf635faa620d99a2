import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultWebRoot } from '../../src/server/base/options.js';

/*
 * The built page (npm run build) as termchat serve serves it: one HTML, one script, one style,
 * nothing from elsewhere, nothing of Node or of the schema library in the script.
 */

const root = defaultWebRoot();
const html = (): string => readFileSync(join(root, 'index.html'), 'utf8');
const asset = (pattern: RegExp): string => {
  const name = pattern.exec(html())?.[1];
  if (name === undefined) throw new Error(`index.html names no ${pattern.source}`);
  return join(root, name);
};

describe('the built page', () => {
  it('is one HTML naming one script and one style of its own, by hashed names, and nothing else', () => {
    const page = html();
    const script = asset(/<script type="module" src="\/(assets\/page-[\w-]+\.js)"><\/script>/);
    const style = asset(/<link rel="stylesheet" href="\/(assets\/page-[\w-]+\.css)">/);
    expect(statSync(script).isFile() && statSync(style).isFile()).toBe(true);
    expect(readdirSync(join(root, 'assets')).sort()).toEqual([script, style].map((path) => path.slice(path.lastIndexOf('/') + 1)).sort());
    // No inline script, no address of another site.
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('has a script that stands alone, small, without Node, the schema library or the debug package', () => {
    const script = readFileSync(asset(/src="\/(assets\/page-[\w-]+\.js)"/), 'utf8');
    console.log(`the page's script: ${script.length} bytes minified`);
    expect(script.length).toBeLessThan(70_000);
    expect(script).not.toMatch(/\bimport\s*[({"'`]|\bfrom\s*["'`]|\brequire\(/);
    expect(script).not.toMatch(/node:|ZodError|localStorage\.debug/);
  });
});
