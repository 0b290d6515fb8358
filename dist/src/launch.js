// What bin/leaklint.js loads first when the build is there: a small bundle
// (dist/src/leaklint.launch.cjs) that starts the staged scan's git processes,
// then compiles the CLI's bundle from V8's code cache, so both overlap with
// what Node must do anyway.
export { prestartStaged } from './staged-prestart.js';
export { cacheDir, loadCachedCommonJs } from './code-cache.js';
