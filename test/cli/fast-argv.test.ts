import { describe, expect, it } from 'vitest';
import yargs from 'yargs';
import { parseDiffArgv, parseStagedArgv } from '../../src/cli/fast-argv.js';
import { stagedCommand } from '../../src/commands/staged.js';
import { diffCommand } from '../../src/commands/diff.js';
import { leaklint, tempRepo } from '../helpers.js';

const FIELDS = [
  'format',
  'show-secrets',
  'color',
  'quiet',
  'config',
  'max-file-size',
  'output',
  'baseline',
  'step-summary',
  'paths',
] as const;

/** What the staged handler receives through yargs, `--` paths appended as the CLI does. */
async function viaYargs(argv: string[]): Promise<Record<string, unknown>> {
  let got: Record<string, unknown> = {};
  await yargs(argv)
    .parserConfiguration({ 'populate--': true })
    .command({ ...stagedCommand, handler: (a) => void (got = a as Record<string, unknown>) })
    .strict()
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new Error(msg);
    })
    .parseAsync();
  const paths = [
    ...((got.paths as string[] | undefined) ?? []),
    ...((got['--'] as string[] | undefined) ?? []).map(String),
  ];
  const out: Record<string, unknown> = {};
  for (const f of FIELDS) if (got[f] !== undefined) out[f] = f === 'paths' ? paths : got[f];
  return out;
}

describe('the staged fast path (no yargs)', () => {
  const plain = [
    ['staged'],
    ['staged', 'a.py', 'dir/b.env'],
    ['staged', '123', 'true', '0x10', 'a b'],
    ['staged', '--format', 'json'],
    ['staged', '--format=sarif', '-q'],
    ['staged', '-f', 'github', '--quiet', 'x.py'],
    ['staged', '--show-secrets', '--no-color'],
    ['staged', '--color', 'a'],
    ['staged', '-c', 'cfg.json', '-o', 'out.json', '--baseline', 'b.json'],
    ['staged', '--config=cfg.json', '--output=r.txt', '--baseline=x=y.json'],
    ['staged', '--no-baseline', 'a.py', '--quiet', 'b.py'],
    ['staged', '--max-file-size', '1024'],
    ['staged', '--max-file-size=99'],
    ['staged', '--output', '007'],
    ['staged', '-o', 'sarif=a.sarif', '--output', 'json=b.json', '--output=c.txt'],
    ['staged', '--step-summary', 'a.py'],
    ['staged', '--no-step-summary'],
    ['staged', '--', '-n.py', '--quiet'],
    ['staged', 'a', '--', '--', 'b'],
  ];
  it.each(plain.map((a) => [a.join(' '), a]))('reads `%s` exactly as yargs does', async (_name, argv) => {
    const fast = parseStagedArgv(argv as string[]);
    expect(fast).toBeDefined();
    const fastFields: Record<string, unknown> = {};
    for (const f of FIELDS) if (fast![f] !== undefined) fastFields[f] = fast![f];
    expect(fastFields).toEqual(await viaYargs(argv as string[]));
  });

  const forYargs = [
    ['files'],
    ['--quiet', 'staged'],
    ['staged', '--help'],
    ['staged', '-h'],
    ['staged', '--bogus'],
    ['staged', '--format'],
    ['staged', '--format', ''],
    ['staged', '--format', '-q'],
    ['staged', '--format', 'json', '-f', 'sarif'],
    ['staged', '--quiet', '--quiet'],
    ['staged', '--step-summary', '--no-step-summary'],
    ['staged', '--baseline', 'b.json', '--no-baseline'],
    ['staged', '--quiet', 'true'],
    ['staged', '--show-secrets=false'],
    ['staged', '--max-file-size', '0'],
    ['staged', '--max-file-size', '1e3'],
    ['staged', '--max-file-size', '007'],
    ['staged', '--showSecrets'],
    ['staged', '-qf', 'json'],
    ['staged', '-'],
    ['staged', '--version'],
  ];
  it.each(forYargs.map((a) => [a.join(' '), a]))('leaves `%s` to yargs', (_name, argv) => {
    expect(parseStagedArgv(argv as string[])).toBeUndefined();
  });
});

const DIFF_FIELDS = [
  'format',
  'show-secrets',
  'color',
  'quiet',
  'config',
  'max-file-size',
  'output',
  'baseline',
  'step-summary',
  'range',
  'allow-empty',
] as const;

/** What the diff handler receives through yargs. */
async function diffViaYargs(argv: string[]): Promise<Record<string, unknown>> {
  let got: Record<string, unknown> = {};
  await yargs(argv)
    .parserConfiguration({ 'populate--': true })
    .command({ ...diffCommand, handler: (a) => void (got = a as Record<string, unknown>) })
    .strict()
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new Error(msg);
    })
    .parseAsync();
  const out: Record<string, unknown> = {};
  for (const f of DIFF_FIELDS) if (got[f] !== undefined) out[f] = got[f];
  return out;
}

describe('the diff fast path (no yargs)', () => {
  const plain = [
    ['diff'],
    ['diff', 'HEAD~200..HEAD'],
    ['diff', 'origin/main...HEAD', '--format', 'json'],
    ['diff', '--format=sarif', 'main', '-q'],
    ['diff', '123'],
    ['diff', 'true'],
    ['diff', '0x10'],
    ['diff', '--allow-empty', 'a..b'],
    ['diff', 'a..b', '--allow-empty', '--show-secrets', '--no-color'],
    ['diff', '-c', 'cfg.json', '-o', 'out.json', '--baseline', 'b.json', 'x'],
    ['diff', '--no-baseline', '--max-file-size', '1024', 'HEAD~3'],
    ['diff', '--color', 'HEAD~1'],
    [
      'diff',
      '--format',
      'github',
      '--step-summary',
      '--output',
      'sarif=leaklint.sarif',
      '--output',
      'json=/tmp/x.json',
    ],
  ];
  it.each(plain.map((a) => [a.join(' '), a]))('reads `%s` exactly as yargs does', async (_name, argv) => {
    const fast = parseDiffArgv(argv as string[]);
    expect(fast).toBeDefined();
    const fastFields: Record<string, unknown> = {};
    for (const f of DIFF_FIELDS) if (fast![f] !== undefined) fastFields[f] = fast![f];
    expect(fastFields).toEqual(await diffViaYargs(argv as string[]));
  });

  const forYargs = [
    ['staged'],
    ['--quiet', 'diff'],
    ['diff', '--help'],
    ['diff', '-h'],
    ['diff', '--bogus'],
    ['diff', 'a', 'b'],
    ['diff', '--', 'a'],
    ['diff', '--allow-empty', '--allow-empty'],
    ['diff', '--allow-empty', 'false'],
    ['diff', '--allow-empty=true'],
    ['diff', '--no-allow-empty'],
    ['diff', '--allowEmpty'],
    ['diff', '--format'],
    ['diff', '--max-file-size', '0'],
    ['diff', '-'],
    ['diff', '--version'],
  ];
  it.each(forYargs.map((a) => [a.join(' '), a]))('leaves `%s` to yargs', (_name, argv) => {
    expect(parseDiffArgv(argv as string[])).toBeUndefined();
  });
});

describe('leaklint diff, whichever path reads its options', () => {
  it('prints its help with --help and exits 0', () => {
    const r = leaklint(['diff', '--help'], { cwd: tempRepo() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('leaklint diff [range]');
    expect(r.stdout).toContain('--allow-empty');
  });

  it('exits 2 on an unknown option, a second range and a bad size', () => {
    const repo = tempRepo();
    for (const argv of [
      ['diff', '--bogus'],
      ['diff', 'a', 'b'],
      ['diff', '--max-file-size', '0'],
    ]) {
      const r = leaklint(argv, { cwd: repo });
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^leaklint: /);
    }
  });
});

describe('leaklint staged, whichever path reads its options', () => {
  it('prints its help with --help and exits 0, outside a repository too', () => {
    const r = leaklint(['staged', '--help'], { cwd: tempRepo() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('leaklint staged [paths..]');
    expect(r.stdout).toContain('--max-file-size');
  });

  it('exits 2 on an unknown option and on a bad size, before reading the index', () => {
    const repo = tempRepo();
    for (const argv of [
      ['staged', '--bogus'],
      ['staged', '--max-file-size', '0'],
    ]) {
      const r = leaklint(argv, { cwd: repo });
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^leaklint: /);
    }
  });
});
