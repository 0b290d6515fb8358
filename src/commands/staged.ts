import type { Command } from './types.js';
import { common } from '../cli/options.js';
import { loadRules } from '../scan/rule-set.js';
import { note } from '../cli/io.js';
import { runScan } from '../cli/run-scan.js';
import { loadConfig } from '../config/config.js';
import { DEFAULT_MAX_FILE_SIZE } from '../scan/scanner.js';
import { stagedItems } from '../sources/staged.js';
import { stagedPlan } from '../git/staged-prestart.js';
import { preloadSha256 } from '../util/sha256.js';

/** The rules (their modules' start-up) and the hash behind findings' fingerprints. */
async function warmUpScan(): Promise<void> {
  await loadRules();
  preloadSha256();
}

export const stagedCommand: Command = {
  command: 'staged [paths..]',
  describe: 'pre-commit: scan what is about to be committed (the index, added lines only)',
  builder: (y) =>
    common(y).positional('paths', {
      type: 'string',
      array: true,
      describe: 'restrict to these paths (lint-staged passes them); their index version is read',
    }),
  examples: [
    ['$0 staged', 'what a pre-commit hook runs: everything staged'],
    ['$0 staged src/app.py .env', 'only these staged paths (what lint-staged passes)'],
  ],
  async run(args, io) {
    const paths = (args.paths as string[] | undefined) ?? [];
    const { repo, plan } = await stagedPlan(io.cwd, paths, warmUpScan);
    const config = loadConfig(repo.root ?? io.cwd, args.config);
    if (plan.files.length === 0) {
      // `pre-commit run --all-files` runs the hook outside any commit (git sets GIT_INDEX_FILE
      // for the hooks of a real commit): an empty index there would be a green run that read
      // nothing, so read what that command asks for, the tracked files.
      if (io.env.PRE_COMMIT === '1' && !io.env.GIT_INDEX_FILE && paths.length === 0 && repo.root) {
        note(
          args,
          io,
          'nothing is staged and this is not a commit (pre-commit run --all-files?): scanning the tracked files instead',
        );
        const { fileItems } = await import('../sources/files.js');
        const { compileConfig } = await import('../config/config.js');
        const items = fileItems([], {
          cwd: repo.root,
          untracked: false,
          maxFileSize: args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
          isIgnored: compileConfig(config).isIgnored,
        });
        return runScan(items, 'files', args, io, config, { fullScan: true, root: repo.root, verifyFromConfig: false });
      }
      note(args, io, 'nothing staged to scan (no added, copied, modified or renamed files)');
      return 0;
    }
    const maxFileSize = args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    // A pre-commit run never goes online unless its own command line says --verify.
    return runScan(stagedItems(plan, maxFileSize), 'precommit', args, io, config, {
      root: plan.root,
      verifyFromConfig: false,
    });
  },
};
