import { isAbsolute, join } from 'node:path';
import type { Command } from './types.js';
import { UsageError } from '../cli/io.js';
import { repoRoot } from '../git/git.js';
import { planInit } from '../setup/init.js';
import { loadConfig } from '../config/config.js';
import { requiredPatterns } from '../repo-checks/gitignore.js';
import type { FileChange } from '../setup/init.js';
import { moveAsideWithin, writeFileWithin } from '../util/safe-write.js';

/** Every write stays inside the repository (or the hooks directory git uses) and never follows a symlink. */
function apply(root: string, change: FileChange): void {
  const bound = change.bound ?? root;
  const target = isAbsolute(change.path) ? change.path : join(root, change.path);
  if (change.renameFrom && change.renameTo) moveAsideWithin(bound, change.renameFrom, change.renameTo);
  writeFileWithin(bound, target, change.content, { createDirs: true, ...(change.mode ? { mode: change.mode } : {}) });
}

export const initCommand: Command = {
  command: 'init',
  describe:
    'install the pre-commit scan (husky, lint-staged, the pre-commit framework or a plain git hook) and a starter config',
  builder: (y) =>
    y.option('dry-run', { type: 'boolean', default: false, describe: 'show what would change, change nothing' }),
  examples: [
    ['$0 init --dry-run', 'show what would be installed, change nothing'],
    ['$0 init', 'install the pre-commit scan and a starter config'],
  ],
  async run(args, io) {
    const root = repoRoot(io.cwd);
    if (!root) throw new UsageError('init needs a git repository: run it inside one (git init first)');
    // A starter config may not exist yet; when one does, its .gitignore policy is the one to apply.
    const plan = planInit(root, await requiredPatterns(loadConfig(root).gitignore.required));
    const dry = Boolean(args['dry-run']);
    const out: string[] = [`Detected: ${plan.setup}. The hook runs: ${plan.command} staged`];
    for (const c of plan.changes) {
      if (!dry) apply(root, c);
      const verb = dry ? 'would write' : 'wrote';
      const moved = c.renameTo ? ` (existing hook kept as ${c.renameTo})` : '';
      out.push(`  ${verb} ${c.path}: ${c.why}${moved}`);
    }
    for (const u of plan.unchanged) out.push(`  unchanged: ${u}`);
    for (const n of plan.notes) out.push('', n);
    if (plan.changes.length === 0 && plan.notes.length === 0)
      out.push('  Nothing to do: leaklint is already set up here.');
    io.stdout.write(out.join('\n') + '\n');
    return 0;
  },
};
