// Ctrl-C or a CI timeout must stop a scan at once and leave nothing behind:
// no git process still reading the repository, no half-written report.
import { killGitChildren } from '../git/git.js';
import { removePendingReports } from '../report/report-file.js';

/** Exit codes of a process ended by a signal, as shells report them (128 + signal number). */
export const SIGNAL_EXIT: Record<'SIGINT' | 'SIGTERM', number> = { SIGINT: 130, SIGTERM: 143 };

export function installInterruptHandlers(stderr: NodeJS.WritableStream = process.stderr): void {
  for (const signal of Object.keys(SIGNAL_EXIT) as Array<keyof typeof SIGNAL_EXIT>) {
    process.once(signal, () => {
      killGitChildren('SIGKILL');
      removePendingReports();
      stderr.write(`\nleaklint: interrupted (${signal}): no report written\n`);
      process.exit(SIGNAL_EXIT[signal]);
    });
  }
}
