import type { Command } from './types.js';
import { common, configFor, runScan } from '../cli.js';
import { DEFAULT_MAX_FILE_SIZE } from '../scan.js';
import { stagedDiff, stagedItems } from '../sources/staged.js';

export const stagedCommand: Command = {
  command: 'staged [paths..]',
  describe: 'pre-commit: scan what is about to be committed (the index, added lines only)',
  builder: (y) => common(y).positional('paths', { type: 'string', array: true, describe: 'restrict to these paths (lint-staged passes them); their index version is read' }),
  async run(args, io) {
    const config = configFor(args, io);
    const plan = stagedDiff(io.cwd, (args.paths as string[] | undefined) ?? []);
    if (plan.files.length === 0) {
      io.stderr.write('leaklint: nothing staged to scan (no added, copied, modified or renamed files)\n');
      return 0;
    }
    const maxFileSize = args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    async function* items() {
      yield* stagedItems(plan, maxFileSize);
    }
    return runScan(items(), 'precommit', args, io, config);
  },
};
