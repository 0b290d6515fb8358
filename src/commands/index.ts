// The command list: one module per command, registered here.
import type { Command } from './types.js';
import { filesCommand } from './files.js';
import { stdinCommand } from './stdin.js';
import { rulesCommand } from './rules.js';
import { initCommand } from './init.js';

export const commands: Command[] = [
  filesCommand,
  stdinCommand,
  rulesCommand,
  initCommand,
];
