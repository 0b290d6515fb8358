import type { Command } from './types.js';
import { UsageError } from '../cli/io.js';
import { common } from '../cli/options.js';
import { configFor, runScan } from '../cli/run-scan.js';
import { locate } from '../git/locate.js';
import { compileConfig } from '../config/config.js';
import { DEFAULT_MAX_FILE_SIZE } from '../scan/scanner.js';
import { fileItems } from '../sources/files.js';

export const filesCommand: Command = {
  command: 'files [paths..]',
  describe: 'scan files and directories (default: the tracked files of this repository)',
  builder: (y) =>
    common(y)
      .positional('paths', { type: 'string', array: true, describe: 'files or directories' })
      .option('untracked', {
        type: 'boolean',
        default: false,
        describe: 'also scan untracked files that .gitignore does not exclude',
      }),
  examples: [
    ['$0 files', 'the tracked files of this repository'],
    ['$0 files src notebooks/train.ipynb', 'these files and directories'],
    ['$0 files --untracked --format json', 'also untracked files, as JSON'],
  ],
  async run(args, io) {
    const paths = (args.paths as string[] | undefined) ?? [];
    // Without a work tree there are no tracked files on disk, only objects: reading them as text proves nothing.
    if (paths.length === 0 && locate(io.cwd).kind === 'gitdir')
      throw new UsageError(
        'there is no working tree here (a bare repository, or inside .git): `leaklint files` has no files to scan; `leaklint audit` or `leaklint history` read the history',
      );
    const config = configFor(args, io);
    const compiled = compileConfig(config);
    const items = fileItems((args.paths as string[] | undefined) ?? [], {
      cwd: io.cwd,
      untracked: Boolean(args.untracked),
      maxFileSize: args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      isIgnored: compiled.isIgnored,
    });
    return runScan(items, 'files', args, io, config, { fullScan: paths.length === 0 });
  },
};
