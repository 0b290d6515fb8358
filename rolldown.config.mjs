// The runtime leaklint ships: `npm run build:dist` bundles the TypeScript
// sources straight into dist/, which is committed (the convention of
// JavaScript GitHub Actions), so a git-URL install, the pre-commit framework
// and the Action run leaklint with no build and no dependency to install.
// A test and CI fail when the committed files differ from a fresh build.
//
// Three files, all in dist/ with nothing beside them:
// - leaklint.cjs: the CLI (src/entry.ts) with yargs, picocolors and
//   picomatch inside;
// - launch.cjs: what bin/leaklint.js loads first (src/launch.ts): it starts
//   the staged scan's git processes, then runs the CLI through V8's code cache;
// - triage-worker.cjs: a history audit's worker thread (src/workers/triage.ts),
//   which src/git/git.ts finds beside the bundle that runs it.
// CommonJS, because Node 20 can reuse compiled code only for a script
// (vm.Script cached data), not for an ES module.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'rolldown';

// Paths are the project's, whatever the current directory (the test that checks the committed build builds a copy elsewhere).
const cwd = dirname(fileURLToPath(import.meta.url));

const output = (file) => ({
  file,
  format: 'cjs',
  codeSplitting: false,
  // A vm.Script has no loader for import(): lazily loaded modules (yargs, the other commands) become inlined requires.
  dynamicImportInCjs: false,
  // Plain ASCII (non-ASCII characters escaped, doc comments dropped): V8 then
  // holds the source as one byte a character, and it is read and checked faster.
  charset: 'ascii',
  comments: { jsdoc: false, legal: false, annotation: true },
  // No source map: the committed files stay small and diffs of them short; stack traces are never shown to users anyway.
  sourcemap: false,
});

/**
 * yargs looks for its message translations three directories above its own
 * module, which inside a bundle is outside leaklint's package (for an
 * installed leaklint, a `locales` folder in the project's node_modules).
 * Point it at dist/locales instead, which does not exist, so messages are
 * English and nothing outside the package is read. Fails the build when
 * yargs changes that line, rather than bundling a path nobody checked.
 */
const yargsLocalesInsidePackage = {
  name: 'yargs-locales-inside-package',
  transform(code, id) {
    if (!id.replaceAll('\\', '/').endsWith('/yargs/lib/platform-shims/esm.mjs')) return null;
    const from = "resolve(__dirname, '../../../locales')";
    if (!code.includes(from)) this.error(`yargs no longer says ${from}: check where it reads its translations`);
    return code.replace(from, "resolve(__dirname, '../locales')");
  },
};

const bundle = (input, file, extra = {}) => ({
  input,
  cwd,
  platform: 'node',
  // Module paths as the project sees them (node_modules/…), not where a
  // symlinked node_modules really lives: the build is the same in every checkout.
  resolve: { symlinks: false },
  plugins: [yargsLocalesInsidePackage],
  ...extra,
  // Silence only the notice that the package is an ES module while the output is CommonJS: that is the point.
  onLog(level, log, handler) {
    if (log.code === 'MIXED_EXPORT' || log.code === 'EMPTY_IMPORT_META') return;
    handler(level, log);
  },
  output: output(file),
});

export default defineConfig([
  bundle('src/entry.ts', 'dist/leaklint.cjs'),
  bundle('src/launch.ts', 'dist/launch.cjs'),
  // Tree-shaking off: with it, rolldown 1.2 splits a module reached only by a
  // dynamic import (scrub.ts's lazy import of cli.ts) into a chunk of its own
  // even with codeSplitting off, and one file is wanted. The worker then holds
  // a little unused code, loaded once per worker thread.
  bundle('src/workers/triage.ts', 'dist/triage-worker.cjs', { treeshake: false }),
]);
