import { common, configFor, runScan } from '../cli.js';
import { stdinItems } from '../sources/stdin.js';
export const stdinCommand = {
    command: ['stdin', '-'],
    describe: 'scan text piped on standard input',
    builder: (y) => common(y).option('path', { type: 'string', describe: 'a file name for the input, so path-aware rules apply' }),
    run: (args, io) => runScan(stdinItems(io.stdin, args.path), 'files', args, io, configFor(args, io)),
};
