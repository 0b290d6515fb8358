// What bin/leaklint.js loads first: a small bundle (dist/launch.cjs) that
// starts the staged scan's git processes, then compiles the CLI's bundle
// (dist/leaklint.cjs) from V8's code cache, so both overlap with what Node
// must do anyway.
export { prestartStaged } from './git/staged-prestart.js';
export { cacheDir, loadCachedCommonJs } from './start/code-cache.js';
