import { common, configFor, runScan } from '../cli.js';
import { compileConfig } from '../config.js';
import { DEFAULT_MAX_FILE_SIZE } from '../scan.js';
import { fileItems } from '../sources/files.js';
export const filesCommand = {
    command: 'files [paths..]',
    describe: 'scan files and directories (default: the tracked files of this repository)',
    builder: (y) => common(y)
        .positional('paths', { type: 'string', array: true, describe: 'files or directories' })
        .option('untracked', { type: 'boolean', default: false, describe: 'also scan untracked files that .gitignore does not exclude' }),
    async run(args, io) {
        const config = configFor(args, io);
        const compiled = compileConfig(config);
        const items = fileItems(args.paths ?? [], {
            cwd: io.cwd,
            untracked: Boolean(args.untracked),
            maxFileSize: args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
            isIgnored: compiled.isIgnored,
        });
        const paths = args.paths ?? [];
        return runScan(items, 'files', args, io, config, { fullScan: paths.length === 0 });
    },
};
