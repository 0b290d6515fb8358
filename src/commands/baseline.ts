import { join } from 'node:path';
import type { Command } from './types.js';
import { UsageError, common, configFor, prepareScan } from '../cli.js';
import { repoRoot } from '../git.js';
import { fileItems } from '../sources/files.js';
import { BASELINE_FILE, mergeBaseline, readBaseline, writeBaseline } from '../baseline.js';
import { existsSync } from 'node:fs';

export const baselineCommand: Command = {
  command: 'baseline [paths..]',
  describe: `accept the current findings: write their fingerprints to ${BASELINE_FILE} (later scans report only new ones)`,
  builder: (y) =>
    common(y)
      .positional('paths', { type: 'string', array: true, describe: 'files or directories (default: the tracked files of this repository)' })
      .option('prune', { type: 'boolean', default: false, describe: 'drop entries that no longer match any finding' }),
  async run(args, io) {
    const root = repoRoot(io.cwd) ?? io.cwd;
    const file = typeof args.baseline === 'string' && args.baseline ? args.baseline : join(root, BASELINE_FILE);
    if (args.baseline === false) throw new UsageError('--no-baseline makes no sense for the baseline command');
    const config = configFor(args, io);
    // Scan without the baseline itself, so every current finding is seen.
    const { scanner, compiled, maxFileSize } = await prepareScan('files', { ...args, baseline: false }, config, root);
    const items = fileItems((args.paths as string[] | undefined) ?? [], { cwd: io.cwd, untracked: false, maxFileSize, isIgnored: compiled.isIgnored });
    for await (const item of items) scanner.add(item);
    const old = existsSync(file) ? readBaseline(file) : [];
    const { entries, added, stale } = mergeBaseline(old, scanner.findings, Boolean(args.prune));
    writeBaseline(file, entries);
    const staleNote = stale ? `, ${stale} stale ${args.prune ? 'dropped' : 'kept (--prune drops them)'}` : '';
    io.stderr.write(`leaklint: wrote ${file}: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} (${added} new${staleNote})\n`);
    return 0;
  },
};
