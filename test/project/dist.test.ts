// dist/ is committed (installs run it without a build), so it must always be
// the build of the sources committed beside it. This builds the committed
// tree afresh in a temp dir and compares file by file: it fails when a
// commit changed src/ (or rules/, the build config, a bundled library) and
// not dist/, or dist/ by hand. The working tree may differ (the global setup
// rebuilds dist/ from whatever is being edited); only HEAD is judged.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { buildDist } from '../build-dist.js';
import { ROOT, leaklint, tempDir } from '../helpers.js';

const inGitCheckout = existsSync(join(ROOT, '.git'));

describe('the committed build (dist/)', () => {
  it.skipIf(!inGitCheckout)('is exactly what npm run build:dist makes of the committed sources', async () => {
    const copy = tempDir('leaklint-dist-check-');
    execFileSync('sh', ['-c', 'git archive HEAD | tar -x -C "$1"', 'sh', copy], { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const committed = existsSync(join(copy, 'dist')) ? readdirSync(join(copy, 'dist')).sort() : [];
    const fresh = await buildDist(copy, false);
    expect(fresh.size).toBeGreaterThan(0);
    const stale = 'dist/ at HEAD is not the build of the sources at HEAD: run `npm run build:dist` and commit dist/';
    expect(committed, stale).toEqual([...fresh.keys()].sort());
    for (const [name, code] of fresh)
      expect(readFileSync(join(copy, 'dist', name), 'utf8') === code, `${stale} (${name} differs)`).toBe(true);
  });

  it('that the tests launch is the build of the sources as they are now (the global setup rebuilt it)', async () => {
    const fresh = await buildDist(ROOT, false);
    expect(fresh.size).toBeGreaterThan(0);
    for (const [name, code] of fresh)
      expect(readFileSync(join(ROOT, 'dist', name), 'utf8') === code, `dist/${name} is older than the sources`).toBe(
        true,
      );
  });

  it('runs with nothing installed beside it: only Node built-ins are required', () => {
    for (const name of readdirSync(join(ROOT, 'dist'))) {
      const code = readFileSync(join(ROOT, 'dist', name), 'utf8');
      const required = [...code.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
      expect(required.length, name).toBeGreaterThan(0);
      for (const id of required) expect(builtinModules, `${name} requires ${id}`).toContain(id.replace(/^node:/, ''));
    }
  });
});

describe('leaklint --version', () => {
  it('answers --version and -v with package.json’s version, alone or after a command', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['-v'], ['staged', '--version']]) {
      const r = leaklint(args);
      expect(r.stderr, args.join(' ')).toBe('');
      expect(r.stdout, args.join(' ')).toBe(`${version}\n`);
      expect(r.status, args.join(' ')).toBe(0);
    }
  });
});
