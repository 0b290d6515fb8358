#!/usr/bin/env node
// Thin shim: the CLI returns an exit code; only this file sets it.
// CommonJS (bin/package.json says so): Node starts a script a few
// milliseconds sooner than an ES module, and a pre-commit hook starts it on
// every commit.
'use strict';
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// Node 22.1+ keeps the compiled code of ES modules between runs (the unbundled fallback, the history worker).
require('node:module').enableCompileCache?.();

const dist = join(__dirname, '..', 'dist', 'src');
const argv = process.argv.slice(2);

/**
 * `npm run build` bundles the compiled CLI into one file, so start-up reads
 * and compiles one script instead of dozens. A bundle older than tsc's own
 * output (tsc run alone after an edit) would run stale code: then the
 * unbundled modules are used.
 */
function built(name) {
  try {
    return statSync(join(dist, name)).mtimeMs >= statSync(join(dist, 'entry.js')).mtimeMs;
  } catch {
    return false;
  }
}

function run(cli, io, after) {
  cli.installInterruptHandlers();
  cli.main(argv, io).then(
    (code) => {
      process.exitCode = code;
      after?.();
    },
    async (err) => {
      process.stderr.write(`leaklint: internal error: ${await cli.scrubInternalError(err)}\n`);
      process.exitCode = 2;
    },
  );
}

if (built('leaklint.bundle.cjs') && built('leaklint.launch.cjs')) {
  // The launcher starts a plain `staged` command's git processes first, so git reads the index while the CLI loads.
  const launch = require(join(dist, 'leaklint.launch.cjs'));
  let prestarted;
  try {
    prestarted = launch.prestartStaged(argv, process.cwd());
  } catch {
    // Only a head start is lost (a deleted working directory, say): the CLI itself reports what is wrong.
  }
  // The hook's and CI's commands keep their own compiled code; every other command shares one cache.
  const cli = launch.loadCachedCommonJs(join(dist, 'leaklint.bundle.cjs'), argv[0] === 'staged' || argv[0] === 'diff' ? argv[0] : 'cli', launch.cacheDir());
  run(cli.exports, prestarted ? { prestarted } : {}, () => cli.save());
} else {
  // No bundle: the unbundled modules work the same, only start slower.
  import(pathToFileURL(join(dist, 'entry.js')).href).then((cli) => run(cli, {}));
}
