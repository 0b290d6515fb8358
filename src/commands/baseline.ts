import { existsSync, realpathSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Command } from './types.js';
import { UsageError, common, configFor, prepareScan } from '../cli.js';
import { repoRoot } from '../git.js';
import { fileItems } from '../sources/files.js';
import { normalisePath } from '../redact.js';
import type { BaselineEntry } from '../baseline.js';
import { BASELINE_FILE, mergeBaseline, migrateBaseline, newBaselineKey, readBaseline, writeBaseline } from '../baseline.js';

/**
 * Whether an entry lies in what this run was asked to scan: under one of the
 * given paths (all of the repository without any), neither ignored by the
 * configuration nor skipped (too large, unreadable). Only those can be judged
 * stale; the others were not looked at.
 */
function scopeOf(paths: string[], cwd: string, root: string, notRead: Set<string>, isIgnored: (p: string) => boolean): (e: BaselineEntry) => boolean {
  const base = realpathSync(cwd);
  const prefixes = paths.map((p) => normalisePath(relative(root, resolve(base, p))));
  const under = (path: string) => prefixes.length === 0 || prefixes.some((p) => p === '' || path === p || path.startsWith(`${p}/`));
  return (e) => under(e.path) && !notRead.has(e.path) && !isIgnored(e.path);
}

export const baselineCommand: Command = {
  command: 'baseline [paths..]',
  describe: `accept the current findings: write their fingerprints to ${BASELINE_FILE} (later scans report only new ones)`,
  builder: (y) =>
    common(y)
      .positional('paths', { type: 'string', array: true, describe: 'files or directories (default: the tracked files of this repository)' })
      .option('prune', { type: 'boolean', default: false, describe: 'only drop entries, within the paths scanned, that no longer match any finding (accepts nothing new)' }),
  examples: [
    ['$0 baseline', 'accept every current finding in the tracked files; commit .leaklint-baseline.json'],
    ['$0 baseline --prune', 'drop the entries whose secret is gone, accept nothing new'],
  ],
  async run(args, io) {
    const root = repoRoot(io.cwd) ?? io.cwd;
    const file = typeof args.baseline === 'string' && args.baseline ? resolve(io.cwd, args.baseline) : join(root, BASELINE_FILE);
    if (args.baseline === false) throw new UsageError('--no-baseline makes no sense for the baseline command');
    const config = configFor(args, io);
    const old = existsSync(file) ? readBaseline(file, root) : { entries: [] };
    // An old (version 1) file gets its key now; its entries are re-keyed below, none is lost.
    const key = old.key ?? newBaselineKey();
    // Scan without the baseline itself, so every current finding is seen, fingerprinted under the file's key.
    const { scanner, compiled, maxFileSize } = await prepareScan('files', { ...args, baseline: false }, config, root, key);
    const paths = (args.paths as string[] | undefined) ?? [];
    const notRead = new Set<string>();
    for await (const item of fileItems(paths, { cwd: io.cwd, untracked: false, maxFileSize, isIgnored: compiled.isIgnored })) {
      if (item.type === 'skipped') notRead.add(item.path);
      scanner.add(item);
    }
    const inScope = scopeOf(paths, io.cwd, root, notRead, compiled.isIgnored);
    const prune = Boolean(args.prune);
    const { entries, added, stale, unaccepted } = mergeBaseline(migrateBaseline(old, key), scanner.findings, { prune, inScope });
    writeBaseline(file, key, entries, root);
    const staleNote = stale ? `, ${stale} stale ${prune ? 'dropped' : 'kept (--prune drops them)'}` : '';
    const migrated = old.key === undefined && old.entries.length ? `, ${old.entries.length} re-keyed from the version 1 format` : '';
    io.stderr.write(`leaklint: wrote ${file}: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} (${added} new${staleNote}${migrated})\n`);
    if (unaccepted) io.stderr.write(`leaklint: ${unaccepted} finding${unaccepted === 1 ? ' is' : 's are'} not in the baseline and stay reported (--prune accepts nothing; \`leaklint baseline\` without it does)\n`);
    return 0;
  },
};
