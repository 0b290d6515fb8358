// What bin/leaklint.js runs, from one module: the build bundles it and
// everything it imports into a single file, so start-up reads one file
// instead of resolving and compiling dozens.
export { main } from './cli/main.js';
export { installInterruptHandlers } from './cli/interrupt.js';
export { scrubInternalError } from './report/scrub.js';
