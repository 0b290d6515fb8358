#!/usr/bin/env node
// Thin shim: the CLI returns an exit code; only this file sets it.
import { main } from '../dist/src/cli.js';
import { installInterruptHandlers } from '../dist/src/interrupt.js';
import { scrubInternalError } from '../dist/src/scrub.js';

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
