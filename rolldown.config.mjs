// Bundles the compiled CLI (tsc's output in dist/) into dist/src/leaklint.bundle.cjs,
// and the launcher that bin/leaklint.js loads first into dist/src/leaklint.launch.cjs.
// Both sit beside dist/src/cli.js so paths the code finds relative to its own
// module (package.json, bin/leaklint.js, the worker) resolve the same way.
// CommonJS, because Node 20 can reuse compiled code only for a script
// (vm.Script cached data), not for an ES module.
import { defineConfig } from 'rolldown';

const output = (file) => ({
  file,
  format: 'cjs',
  codeSplitting: false,
  // yargs is loaded with require: a vm.Script has no loader for import().
  dynamicImportInCjs: false,
  // Plain ASCII (non-ASCII characters escaped, doc comments dropped; the source map keeps them):
  // V8 then holds the source as one byte a character, and it is read and checked faster.
  charset: 'ascii',
  comments: { jsdoc: false, legal: false, annotation: true },
  sourcemap: true,
});

export default defineConfig([
  {
    input: 'dist/src/entry.js',
    platform: 'node',
    // Only help, usage errors and the commands other than the plain `staged` load yargs: it stays a dependency, read from node_modules when needed.
    external: ['yargs'],
    output: output('dist/src/leaklint.bundle.cjs'),
  },
  {
    input: 'dist/src/launch.js',
    platform: 'node',
    output: output('dist/src/leaklint.launch.cjs'),
  },
]);
