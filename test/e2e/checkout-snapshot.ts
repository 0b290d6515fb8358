// leaklint as it is being edited, committed into a temp git repository and
// tagged with its release tag: what the end-to-end install tests clone, pack
// or install, so they exercise the current sources and the build the global
// setup just made (dist/), not the last commit.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GIT_TEST_ENV, ROOT, tempDir } from '../helpers.js';

export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const TAG = `v${VERSION}`;

/**
 * A fresh repository holding the checkout's tracked and new files (as on disk
 * now), one commit, tagged `v<version>`. `runtimeOnly` drops package.json's
 * devDependencies: the committed dist/ needs none, and an installer that
 * would fetch them all (the pre-commit framework's `npm install`) then takes
 * a second instead of a minute.
 */
export function checkoutSnapshot(opts: { runtimeOnly?: boolean } = {}): string {
  const dir = tempDir('leaklint-snapshot-');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  for (const path of listed.split('\0')) {
    const from = join(ROOT, path);
    // Deleted but not yet committed files, and node_modules (a symlink in some checkouts), stay out.
    if (!path || !existsSync(from) || !statSync(from).isFile()) continue;
    const to = join(dir, path);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    chmodSync(to, statSync(from).mode & 0o777);
  }
  if (opts.runtimeOnly) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    delete manifest.devDependencies;
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_TEST_ENV }, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'leaklint as under test');
  git('tag', TAG);
  return dir;
}
