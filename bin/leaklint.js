#!/usr/bin/env node
// Thin shim: the CLI returns an exit code; only this file sets it.
// CommonJS (bin/package.json says so): Node starts a script a few
// milliseconds sooner than an ES module, and a pre-commit hook starts it on
// every commit. It runs the committed build in dist/ (`npm run build:dist`
// makes it from src/), so an installed leaklint needs no build step; the
// start-up work (git started early, the code cache) is the launcher's.
'use strict';
const { join } = require('node:path');

// Node 22.1+ keeps the compiled code of modules loaded by require (the launcher) and of the history workers between runs.
require('node:module').enableCompileCache?.();

const dist = join(__dirname, '..', 'dist');
require(join(dist, 'launch.cjs'))
  .launch(process.argv.slice(2), dist)
  .then((code) => {
    process.exitCode = code;
  });
