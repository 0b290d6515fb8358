import type { Command } from './types.js';
import { common, configFor, runScan } from '../cli.js';
import { requireRepoRoot } from '../git.js';
import { fixGitignore, gitignoreFindings, requiredPatterns } from '../repo/gitignore.js';

export const gitignoreCommand: Command = {
  command: 'gitignore',
  describe: 'check that .gitignore excludes credential files (--fix appends what is missing)',
  builder: (y) => common(y).option('fix', { type: 'boolean', default: false, describe: 'append the missing patterns to .gitignore (idempotent)' }),
  async run(args, io) {
    const root = requireRepoRoot(io.cwd, 'the .gitignore policy is checked with git');
    const config = configFor(args, io);
    const required = await requiredPatterns(config.gitignore.required);
    if (args.fix) {
      const added = fixGitignore(root, required);
      io.stderr.write(added.length ? `leaklint: added to .gitignore: ${added.join(' ')}\n` : 'leaklint: .gitignore already excludes every required pattern\n');
    }
    async function* items() {
      for (const finding of gitignoreFindings(root, required)) yield { type: 'finding' as const, finding };
    }
    return runScan(items(), 'files', args, io, config);
  },
};
