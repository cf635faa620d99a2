// The `termchat` command as users run it: dist/cli.js (the TypeScript output) and everything it
// loads, in a few files instead of ~750 modules. Node 20's ES module loader pays per file, so the
// bundle is what brings `termchat join` from start to connected in well under a second.
// Each command stays a chunk of its own, loaded only when chosen. Forked bench processes and the
// test suite keep using the per-file output in dist/, which the bundle leaves as it is.
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

export default defineConfig({
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
