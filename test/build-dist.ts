// The project's own build (rolldown.config.mjs) run in-process: in place for
// the test run, or from a copy of the sources into memory to compare.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'rolldown';

// Not from helpers.ts: that registers vitest hooks, which a global setup cannot.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Builds dist/ in `root` (default: this checkout); with `write: false`, returns each file's code instead, by path under dist/. */
export async function buildDist(root = ROOT, write = true): Promise<Map<string, string>> {
  const { default: configs } = (await import(pathToFileURL(join(root, 'rolldown.config.mjs')).href)) as {
    default: BuildOptions[];
  };
  const files = new Map<string, string>();
  for (const config of configs) {
    const out = await build({ ...config, write });
    for (const chunk of out.output) if (chunk.type === 'chunk') files.set(chunk.fileName, chunk.code);
  }
  return files;
}
