import type { Argv } from 'yargs';
import type { CommonArgs } from '../cli/options.js';
import type { Io } from '../cli/io.js';

export type Args = CommonArgs & Record<string, unknown>;

/** One CLI command: yargs metadata plus a handler that returns the exit code. */
export interface Command {
  command: string | string[];
  describe: string;
  // biome-ignore lint/suspicious/noExplicitAny: yargs types a builder by the options it adds; each command's own builder narrows them.
  builder: (y: Argv<any>) => Argv<any>;
  run: (args: Args, io: Io) => Promise<number>;
  /** Command lines shown under Examples in its help (`$0` is leaklint), each with what it does. */
  examples: [string, string][];
}
