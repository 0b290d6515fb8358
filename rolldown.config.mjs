// Bundles the compiled CLI (tsc's output in dist/) into dist/src/leaklint.bundle.js.
// The bundle sits beside dist/src/cli.js so paths the code finds relative to
// its own module (package.json, bin/leaklint.js) resolve the same way.
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: 'dist/src/entry.js',
  platform: 'node',
  // Only help, usage errors and the commands other than the plain `staged` load yargs: it stays a dependency, read from node_modules when needed.
  external: ['yargs'],
  output: {
    file: 'dist/src/leaklint.bundle.js',
    format: 'esm',
    codeSplitting: false,
    sourcemap: true,
  },
});
