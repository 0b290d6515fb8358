// The command list: one module per command, registered here.
import type { Command } from './types.js';
import { filesCommand } from './files.js';
import { stdinCommand } from './stdin.js';
import { rulesCommand } from './rules.js';
import { initCommand } from './init.js';
import { stagedCommand } from './staged.js';
import { diffCommand } from './diff.js';

export const commands: Command[] = [
  stagedCommand,
  diffCommand,
  filesCommand,
  stdinCommand,
  rulesCommand,
  initCommand,
];
