import { describe, expect, it } from 'vitest';
import yargs from 'yargs';
import { parseStagedArgv } from '../src/staged-argv.js';
import { stagedCommand } from '../src/commands/staged.js';
import { leaklint, tempRepo } from './helpers.js';

const FIELDS = ['format', 'show-secrets', 'color', 'quiet', 'config', 'max-file-size', 'output', 'baseline', 'paths'] as const;

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
  const paths = [...((got.paths as string[] | undefined) ?? []), ...((got['--'] as string[] | undefined) ?? []).map(String)];
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

describe('leaklint staged, whichever path reads its options', () => {
  it('prints its help with --help and exits 0, outside a repository too', () => {
    const r = leaklint(['staged', '--help'], { cwd: tempRepo() });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('leaklint staged [paths..]');
    expect(r.stdout).toContain('--max-file-size');
  });

  it('exits 2 on an unknown option and on a bad size, before reading the index', () => {
    const repo = tempRepo();
    for (const argv of [['staged', '--bogus'], ['staged', '--max-file-size', '0']]) {
      const r = leaklint(argv, { cwd: repo });
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^leaklint: /);
    }
  });
});
