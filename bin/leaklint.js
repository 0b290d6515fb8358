#!/usr/bin/env node
// Thin shim: the CLI returns an exit code; only this file sets it.
import module from 'node:module';
import { statSync } from 'node:fs';

// Node 22.1+ keeps compiled code between runs (a pre-commit hook starts often); older Node has no such call.
module.enableCompileCache?.();

/**
 * `npm run build` bundles the compiled CLI into one file, so start-up reads
 * and compiles one module instead of dozens. A bundle older than tsc's own
 * output (tsc run alone after an edit) would run stale code: then the
 * unbundled modules are used.
 */
function cliModule() {
  const dist = new URL('../dist/src/', import.meta.url);
  const bundle = new URL('leaklint.bundle.js', dist);
  const entry = new URL('entry.js', dist);
  try {
    if (statSync(bundle).mtimeMs >= statSync(entry).mtimeMs) return bundle.href;
  } catch {
    // No bundle: the unbundled modules work the same, only start slower.
  }
  return entry.href;
}

const { main, installInterruptHandlers, scrubInternalError } = await import(cliModule());

installInterruptHandlers();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (err) => {
    process.stderr.write(`leaklint: internal error: ${await scrubInternalError(err)}\n`);
    process.exitCode = 2;
  },
);
