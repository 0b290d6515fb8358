#!/usr/bin/env node
// Thin shim: the CLI returns an exit code; only this file sets it.
// CommonJS (bin/package.json says so): Node starts a script a few
// milliseconds sooner than an ES module, and a pre-commit hook starts it on
// every commit. It runs the committed build in dist/ (`npm run build:dist`
// makes it from src/), so an installed leaklint needs no build step.
'use strict';
const { join } = require('node:path');

// Node 22.1+ keeps the compiled code of modules loaded by require (the launcher) and of the history workers between runs.
require('node:module').enableCompileCache?.();

const dist = join(__dirname, '..', 'dist');
const argv = process.argv.slice(2);

// The launcher starts a plain `staged` command's git processes first, so git reads the index while the CLI loads.
const launch = require(join(dist, 'launch.cjs'));
let prestarted;
try {
  prestarted = launch.prestartStaged(argv, process.cwd());
} catch {
  // Only a head start is lost (a deleted working directory, say): the CLI itself reports what is wrong.
}
// The hook's and CI's commands keep their own compiled code; every other command shares one cache.
const cli = launch.loadCachedCommonJs(
  join(dist, 'leaklint.cjs'),
  argv[0] === 'staged' || argv[0] === 'diff' ? argv[0] : 'cli',
  launch.cacheDir(),
);
const { main, installInterruptHandlers, scrubInternalError } = cli.exports;
installInterruptHandlers();
main(argv, prestarted ? { prestarted } : {}).then(
  (code) => {
    process.exitCode = code;
    cli.save();
  },
  async (err) => {
    process.stderr.write(`leaklint: internal error: ${await scrubInternalError(err)}\n`);
    process.exitCode = 2;
  },
);
