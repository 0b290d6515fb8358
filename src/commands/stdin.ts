import type { Command } from './types.js';
import { common } from '../cli/options.js';
import { configFor, runScan } from '../cli/run-scan.js';
import { stdinItems } from '../sources/stdin.js';

export const stdinCommand: Command = {
  command: ['stdin', '-'],
  describe: 'scan text piped on standard input',
  builder: (y) =>
    common(y).option('path', { type: 'string', describe: 'a file name for the input, so path-aware rules apply' }),
  examples: [
    ['git show HEAD:config.yaml | $0 stdin --path config.yaml', 'a blob, with its name for the path rules'],
    ['pbpaste | $0 -', 'the clipboard'],
  ],
  run: (args, io) =>
    runScan(stdinItems(io.stdin, args.path as string | undefined), 'files', args, io, configFor(args, io)),
};
