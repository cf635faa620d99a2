// The `termchat` command as users run it: dist/cli.js (the TypeScript output) and everything it
// loads, in a few files instead of ~750 modules. Node 20's ES module loader pays per file, so the
// bundle is what brings `termchat join` from start to connected in well under a second.
// Each command stays a chunk of its own, loaded only when chosen. Forked bench processes and the
// test suite keep using the per-file output in dist/, which the bundle leaves as it is.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';

// Native code, optional add-ons that may be absent, and the libraries only some commands use (the
// server's Redis mode, the benchmark's charts, the HTTP transports' undici, which they load on
// first use): loaded from node_modules at run time, as before.
const external = [
  /^node:/,
  'better-sqlite3',
  'bufferutil',
  'utf-8-validate',
  'react-devtools-core',
  'ioredis',
  'vega',
  'vega-lite',
  '@resvg/resvg-js',
  'undici',
];

/**
 * yoga-layout, Ink's layout engine, is built for browsers: it fetch()es its own WebAssembly from a
 * data: URL, and Node's first fetch() loads a whole HTTP client (undici), a cost paid at every
 * start (bench/README.md, "Measurements behind the code"). Its other path decodes the same embedded bytes without fetch; this makes it take that one.
 */
const yogaWithoutFetch = {
  name: 'yoga-without-fetch',
  transform(code, id) {
    if (!/yoga-layout[\\/].*yoga-wasm-base64-esm\.js$/.test(id)) return null;
    const patched = code.replaceAll('"function"!=typeof fetch', 'true');
    if (patched === code) this.warn('yoga-layout no longer checks for fetch this way; it will load undici at start');
    return { code: patched, map: null };
  },
};

/**
 * The web page's HTML and style are plain files beside its code (src/web/page); this puts them
 * beside the script, each asset under a name that carries a hash of its content, and the HTML
 * naming both, so that a server can let browsers keep the assets for good.
 */
const pageShell = {
  name: 'page-shell',
  generateBundle(_options, bundle) {
    const script = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
    const style = this.emitFile({ type: 'asset', name: 'page.css', source: readFileSync('src/web/page/style.css', 'utf8') });
    const html = readFileSync('src/web/page/index.html', 'utf8').replace('%SCRIPT%', `/${script.fileName}`).replace('%STYLE%', `/${this.getFileName(style)}`);
    this.emitFile({ type: 'asset', fileName: 'index.html', source: html });
  },
};

/**
 * The page termchat serve serves at / (src/web, after tsc): one script for the browser, minified,
 * with nothing of Node in it, and the client's debug narration left out (src/web/no-debug.ts).
 */
const page = defineConfig({
  input: { page: 'dist/web/main.js' },
  platform: 'browser',
  resolve: { alias: { debug: fileURLToPath(import.meta.resolve('./dist/web/no-debug.js')) } },
  plugins: [pageShell],
  logLevel: 'warn',
  output: {
    dir: 'dist/page',
    format: 'esm',
    entryFileNames: 'assets/[name]-[hash].js',
    assetFileNames: 'assets/[name]-[hash][extname]',
    minify: true,
  },
});

const command = defineConfig({
  input: { termchat: 'dist/cli.js' },
  platform: 'node',
  external,
  plugins: [yogaWithoutFetch],
  // The command always runs React and Ink in production mode (src/cli.tsx sets NODE_ENV before
  // they load), so their development builds, half of the chat's code, are left out.
  transform: { define: { 'process.env.NODE_ENV': '"production"' } },
  logLevel: 'warn',
  output: {
    dir: 'dist',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
});

export default [command, page];
