// The staged scan's git processes as the launcher started them, handed to
// the CLI through its Io. A type of its own, so the CLI's Io can name it
// without importing the launcher's machinery.
import type { PendingGit } from './git.js';

export interface PrestartedStaged {
  cwd: string;
  paths: string[];
  locate: PendingGit;
  diff: PendingGit;
}
