import type { Command } from './types.js';
import { common } from '../cli/options.js';
import { configFor, runScan } from '../cli/run-scan.js';
import { note } from '../cli/io.js';
import { requireRepoRoot } from '../git/git.js';
import { fixGitignore, gitignoreFindings, requiredPatterns } from '../repo-checks/gitignore.js';

export const gitignoreCommand: Command = {
  command: 'gitignore',
  describe: 'check that .gitignore excludes credential files (--fix appends what is missing)',
  builder: (y) =>
    common(y).option('fix', {
      type: 'boolean',
      default: false,
      describe: 'append the missing patterns to .gitignore (idempotent)',
    }),
  examples: [
    ['$0 gitignore', 'say which credential-file patterns .gitignore lacks'],
    ['$0 gitignore --fix', 'append them'],
  ],
  async run(args, io) {
    const root = requireRepoRoot(io.cwd, 'the .gitignore policy is checked with git');
    const config = configFor(args, io);
    const required = await requiredPatterns(config.gitignore.required);
    if (args.fix) {
      const added = fixGitignore(root, required);
      note(
        args,
        io,
        added.length ? `added to .gitignore: ${added.join(' ')}` : '.gitignore already excludes every required pattern',
      );
    }
    async function* items() {
      for (const finding of gitignoreFindings(root, required)) yield { type: 'finding' as const, finding };
    }
    // It reads .gitignore and asks git, not files' contents: the summary says so instead of "0 files scanned".
    return runScan(items(), 'files', args, io, config, { subject: 'the .gitignore policy' });
  },
};
