// This installation of leaklint: its package directory and package.json, and
// the command line that runs it again (for scripts leaklint writes). Found by
// walking up from this module, which works the same from the sources
// (src/…) and from the bundle (dist/leaklint.cjs), wherever either sits.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The nearest directory above this module that holds a package.json: leaklint's own. */
export function packageRoot(): string {
  if (root === undefined) {
    const start = dirname(fileURLToPath(import.meta.url));
    let dir = start;
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    root = existsSync(join(dir, 'package.json')) ? dir : dirname(start);
  }
  return root;
}

export interface OwnPackage {
  version?: string;
  repository?: string | { url?: string };
}

let own: OwnPackage | undefined;

/** leaklint's package.json, read once when first needed ({} when it cannot be read). */
export function ownPackage(): OwnPackage {
  if (own === undefined) {
    try {
      own = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as OwnPackage;
    } catch {
      own = {};
    }
  }
  return own;
}

/**
 * The public URL of leaklint's repository (package.json `repository`), as a
 * plain https URL that git clones and the pre-commit framework accepts;
 * undefined when package.json names none.
 */
export function leaklintRepositoryUrl(): string | undefined {
  const repo = ownPackage().repository;
  const url = typeof repo === 'string' ? repo : repo?.url;
  if (!url) return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(url);
  if (shorthand) return `https://github.com/${shorthand[1]}`;
  return url.replace(/^git\+/, '').replace(/\.git$/, '');
}

export function leaklintBin(): string {
  return join(packageRoot(), 'bin', 'leaklint.js');
}
