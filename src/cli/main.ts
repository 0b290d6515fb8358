// The command line: parse, dispatch to a command, and turn any failure into a
// scrubbed message and exit code 2. Returns the exit code; never exits.
import type { Argv } from 'yargs';
import { ConfigError } from '../config/config.js';
import { loadRules } from '../scan/rule-set.js';
import { GitError } from '../git/git.js';
import { ReportWriteError } from '../report/report-file.js';
import { UnsafeWriteError } from '../util/safe-write.js';
import { scrubSecrets } from '../report/scrub.js';
import { escapeText } from '../report/safe-text.js';
import { leaklintVersion } from '../version.js';
import { didYouMean } from '../util/suggest.js';
import { parseDiffArgv, parseStagedArgv } from './fast-argv.js';
import { EXIT_CLEAN, EXIT_USAGE, UsageError } from './io.js';
import type { Io } from './io.js';
import type { CommonArgs } from './options.js';
import { reportOutputs } from './run-scan.js';

const EPILOG = `Exit codes:
  0  no finding at error severity, and everything asked was read
  1  findings at error severity (even when the scan is incomplete)
  2  usage error, bad configuration, git error or internal error
  3  incomplete: no finding at error severity, but the scan read less than
     asked (objects missing from a partial clone or damaged, unreadable files)`;

export async function main(argv: string[], partialIo: Partial<Io> = {}): Promise<number> {
  const io: Io = {
    stdout: process.stdout,
    stderr: process.stderr,
    // Opening standard input costs a millisecond or more, and only `stdin` reads it.
    get stdin() {
      return process.stdin;
    },
    cwd: process.cwd(),
    env: process.env,
    ...partialIo,
  };
  const state: { failure?: string } = {};
  try {
    // A bare `--version` (what scripts and bug reports run) needs nothing else loaded; other spellings go through yargs.
    if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
      io.stdout.write(`${leaklintVersion()}\n`);
      return EXIT_CLEAN;
    }
    // The pre-commit hook's and CI's usual command lines skip yargs and the other commands' modules.
    const staged = parseStagedArgv(argv);
    if (staged) {
      reportOutputs(staged, io);
      const { stagedCommand } = await import('../commands/staged.js');
      return await stagedCommand.run(staged, io);
    }
    const diff = parseDiffArgv(argv);
    if (diff) {
      reportOutputs(diff, io);
      const { diffCommand } = await import('../commands/diff.js');
      return await diffCommand.run(diff, io);
    }
    return await parseAndRun(argv, io, state);
  } catch (e) {
    // Whatever failed, the message may quote scanned text: never print a secret in it.
    const known =
      e instanceof UsageError ||
      e instanceof ConfigError ||
      e instanceof GitError ||
      e instanceof ReportWriteError ||
      e instanceof UnsafeWriteError;
    const msg = known ? (e as Error).message : (state.failure ?? (e as Error)?.message ?? String(e));
    // …nor a control character or a workflow command from a name it quotes (line by line: some messages have two).
    const lines = scrubSecrets(msg, await loadRules())
      .split('\n')
      .map(escapeText);
    io.stderr.write(`leaklint: ${lines.join('\n')}\n`);
    return EXIT_USAGE;
  }
}

/**
 * yargs' "Unknown argument(s): a, b" said the way git and npm say it: which
 * command or option was not understood, and the closest one that exists.
 * `usage` is what yargs hands its fail handler: the options and commands of
 * the command being parsed.
 */
function explainUnknown(msg: string, argv: string[], usage: unknown): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return msg;
  let options: string[] = [];
  let commandNames: string[] = [];
  try {
    const u = usage as { getDescriptions(): Record<string, unknown>; getCommands(): [string, ...unknown[]][] };
    options = Object.keys(u.getDescriptions());
    commandNames = u
      .getCommands()
      .map((c) => c[0].split(' ')[0]!)
      .filter((c) => c !== '$0');
  } catch {
    return msg;
  }
  const names = m[1]!.split(', ');
  // yargs also lists the camel-case twin of a dashed name (`show-secret`, `showSecret`): one is enough.
  const camel = (n: string) => n.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const shown = names.filter((n) => !names.some((o) => o !== n && o.includes('-') && camel(o) === n));
  const parts = shown.map((name) => {
    const spelled = argv.find((t) => t.startsWith('-') && t.replace(/^--?/, '').split('=')[0] === name);
    if (spelled !== undefined) {
      const dashes = spelled.startsWith('--') || name.length > 1 ? '--' : '-';
      return `unknown option ${dashes}${name}${didYouMean(
        name,
        options.filter((o) => o.length > 1),
        (o) => `--${o}`,
      )}`;
    }
    if (commandNames.length && argv.find((t) => !t.startsWith('-')) === name)
      return `unknown command "${name}"${didYouMean(name, commandNames)}`;
    return `unexpected argument "${name}"`;
  });
  return parts.join('\n');
}

/** `leaklint help [command]` is `leaklint [command] --help`, as in git and npm. */
function helpArgv(argv: string[], names: string[]): string[] {
  if (argv[0] !== 'help') return argv;
  const topic = argv[1];
  if (topic === undefined) return ['--help'];
  if (!names.includes(topic))
    throw new UsageError(
      `no help for "${topic}": it is not a command${didYouMean(topic, names)}\nRun 'leaklint --help' for the commands.`,
    );
  return [topic, '--help'];
}

const TOP_EXAMPLES: [string, string][] = [
  ['$0 staged', 'what a pre-commit hook runs: the staged changes'],
  ['$0 diff origin/main..HEAD', 'what CI runs: the commits of a branch'],
  ['$0 help staged', "a command's options and examples"],
];

/** Every command and spelling through yargs: help, usage errors, then the command's handler. */
async function parseAndRun(given: string[], io: Io, state: { failure?: string }): Promise<number> {
  const [{ default: yargs }, { commands }] = await Promise.all([import('yargs'), import('../commands/index.js')]);
  const names = commands
    .flatMap((c) => (Array.isArray(c.command) ? c.command : [c.command]).map((n) => n.split(' ')[0]!))
    .filter((n) => n !== '$0' && n !== '-');
  const argv = helpArgv(given, names);
  let code: number = EXIT_CLEAN;
  const run = (c: (typeof commands)[number]) => async (args: unknown) => {
    const a = args as CommonArgs & Record<string, unknown>;
    // Paths after `--` (a file named `-n.py`) are paths, not options.
    const rest = (a['--'] as string[] | undefined) ?? [];
    if (rest.length) a.paths = [...((a.paths as string[] | undefined) ?? []), ...rest.map(String)];
    // Every command built on common() writes a report: a mistyped format or an unwritable file stops it before it reads anything.
    if ('show-secrets' in a) reportOutputs(a, io);
    code = await c.run(a, io);
  };
  const withExamples = (c: (typeof commands)[number]) => (y: Argv) =>
    c.examples.reduce((acc, [line, what]) => acc.example(line, what), c.builder(y));

  const parser = yargs(argv)
    .scriptName('leaklint')
    .parserConfiguration({ 'populate--': true })
    .usage(
      '$0 [command] [options]\n\nFinds credentials before they are committed, pushed or published.\nWith no command, runs an audit of the current repository.',
    )
    .command(
      commands.map((c) => ({ command: c.command, describe: c.describe, builder: withExamples(c), handler: run(c) })),
    )
    .example(TOP_EXAMPLES)
    .strict()
    .epilog(EPILOG)
    .help()
    .alias('help', 'h')
    .version('version', 'print the version and exit', leaklintVersion())
    .alias('version', 'v')
    .wrap(null)
    .exitProcess(false)
    .fail((msg, err, usage) => {
      state.failure = msg ? explainUnknown(msg, argv, usage) : (err?.message ?? 'invalid arguments');
      // Without a throw yargs goes on to run the command after a bad flag.
      if (!err) throw new UsageError(`${state.failure}\nRun 'leaklint --help' for usage.`);
    });

  let helpShown = false;
  parser.showHelpOnFail(false);
  await parser.parseAsync(argv, {}, (err, _argv, output) => {
    if (output && !err) {
      io.stdout.write(output + '\n');
      helpShown = true;
    } else if (err && !state.failure) state.failure = err.message;
  });
  if (state.failure) {
    io.stderr.write(`leaklint: ${state.failure}\nRun 'leaklint --help' for usage.\n`);
    return EXIT_USAGE;
  }
  if (helpShown) return EXIT_CLEAN;
  return code;
}
