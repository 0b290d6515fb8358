import { filesCommand } from './files.js';
import { stdinCommand } from './stdin.js';
import { rulesCommand } from './rules.js';
import { initCommand } from './init.js';
import { stagedCommand } from './staged.js';
import { diffCommand } from './diff.js';
import { historyCommand } from './history.js';
import { auditCommand } from './audit.js';
import { gitignoreCommand } from './gitignore.js';
import { baselineCommand } from './baseline.js';
import { purgePlanCommand } from './purge-plan.js';
export const commands = [
    stagedCommand,
    diffCommand,
    historyCommand,
    auditCommand,
    gitignoreCommand,
    baselineCommand,
    purgePlanCommand,
    filesCommand,
    stdinCommand,
    rulesCommand,
    initCommand,
];
