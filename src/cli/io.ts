// What every command shares with the CLI that runs it: the process's streams
// and directory (so a test can run the CLI in-process), exit codes, usage
// errors, colour and notes on standard error.

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;
/** The scan ran but read less than it was asked (missing or damaged objects, unreadable files) and found no error. */
export const EXIT_INCOMPLETE = 3;

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export class UsageError extends Error {}

export function useColor(args: { color: boolean }, io: Io): boolean {
  // NO_COLOR counts when set to anything but the empty string (no-color.org).
  if (!args.color || io.env.NO_COLOR) return false;
  if ('FORCE_COLOR' in io.env && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io.stdout.isTTY);
}

/** `1 commit`, `2 commits`: a count with its noun. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** A note on standard error about what was scanned: left out by --quiet (warnings and errors never are). */
export function note(args: { quiet: boolean }, io: Io, text: string): void {
  if (!args.quiet) io.stderr.write(`leaklint: ${text}\n`);
}
