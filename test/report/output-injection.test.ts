// Names from a scanned repository are chosen by whoever made it. A committed
// file named "x\n::stop-commands::…" or an author with a terminal escape must
// not forge lines in a terminal or a CI log: every format prints them with
// visible escapes, and only leaklint's own lines start with `::`.
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GIT_TEST_ENV, fakeHfToken, git, leaklint, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { escapeJsonText, escapeText, escapeTextButLineBreaks } from '../../src/report/safe-text.js';

const TOKEN = fakeHfToken(911);
const STOP = 'a\n::stop-commands::pwned\n::notice title=forged::looks official\r\n.py';
const LEADING = '::warning::fake ##[error]legacy.py';
const AUTHOR = 'Eve \x1b]0;owned\x07 \x9b31m Mallory\u202e\x7f';

const FORMATS = ['human', 'json', 'sarif', 'github', 'gitlab', 'junit'] as const;
const outputs = new Map<string, string>();
let repo: string;

beforeAll(() => {
  repo = tempRepo();
  writeFiles(repo, { [STOP]: `HF_TOKEN = "${TOKEN}"\n`, [LEADING]: `HF_TOKEN = "${fakeHfToken(912)}"\n` });
  git(repo, 'add', '-A');
  execFileSync('git', ['commit', '-q', '-m', 'names'], {
    cwd: repo,
    env: { ...process.env, ...GIT_TEST_ENV, GIT_AUTHOR_NAME: AUTHOR },
  });
  for (const format of FORMATS) {
    const r = leaklint(['history', '-f', format], { cwd: repo });
    expect(r.status, r.stderr).toBe(1);
    outputs.set(format, r.stdout + r.stderr);
  }
  const quiet = leaklint(['history', '--quiet'], { cwd: repo });
  outputs.set('quiet', quiet.stdout + quiet.stderr);
  const file = join(tempDir(), 'report.txt');
  const written = leaklint(['history', '--output', file], { cwd: repo });
  expect(written.status, written.stderr).toBe(1);
  outputs.set('output', readFileSync(file, 'utf8') + written.stdout + written.stderr);
  // purge-plan lists the paths it will rewrite: the same names, printed outside any reporter.
  const plan = leaklint(['purge-plan', '--out', join(tempDir(), 'plan')], { cwd: repo });
  outputs.set('purge-plan', plan.stdout + plan.stderr);
});

/** A GitHub workflow command leaklint itself writes: an annotation per finding, or its warning line. */
const OWN_COMMAND =
  /^::(?:error|warning|notice) (?:file=[^\n]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^\n]*::|title=leaklint::)/;

describe('names from the repository in every output', () => {
  it('are found, and printed with no raw control character and no forged workflow command', () => {
    // Found first: both files, in the report that keeps exact values.
    const found = JSON.parse(outputs.get('json')!.slice(0, outputs.get('json')!.lastIndexOf('}') + 1)) as {
      findings: { file: string; author: string }[];
    };
    expect(found.findings.map((f) => f.file).sort()).toEqual([LEADING, STOP].sort());
    expect(found.findings[0]!.author).toContain(AUTHOR);
    for (const [variant, text] of outputs) {
      expect(text, variant).toMatch(/stop-commands/);
      expect(text, `${variant} holds a raw control character`).not.toMatch(
        /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/,
      );
      expect(text, `${variant} holds a legacy workflow command`).not.toContain('##[');
      for (const line of text.split('\n')) {
        if (!line.trimStart().startsWith('::')) continue;
        expect(variant, `${variant}: ${line}`).toBe('github');
        expect(line).toMatch(OWN_COMMAND);
      }
    }
    // The GitHub reporter's own commands: one per finding, the forged ones only as escaped text inside them.
    const own = outputs
      .get('github')!
      .split('\n')
      .filter((l) => l.startsWith('::'));
    expect(own).toHaveLength(2);
    // …whose file property the runner decodes into the real name, so the annotation lands on the file.
    const encoded = STOP.replace(/%/g, '%25')
      .replace(/\r/g, '%0D')
      .replace(/\n/g, '%0A')
      .replace(/:/g, '%3A')
      .replace(/,/g, '%2C');
    expect(own.some((l) => l.includes(`file=${encoded},line=1`))).toBe(true);
    expect(outputs.get('human')).toContain('Eve \\x1b]0;owned\\x07 \\x9b31m Mallory\\u202e\\x7f');
  });
});

describe('escapeText and escapeJsonText', () => {
  it('make every control character visible, neutralise workflow commands, and leave JSON values exact', () => {
    expect(escapeText('a\nb\r\t\x00\x1b[31m\x9b\u2028')).toBe('a\\nb\\r\\t\\x00\\x1b[31m\\x9b\\u2028');
    expect(escapeText('  ::notice::x')).toBe('  \\x3a:notice::x');
    expect(escapeText('ok ##[error]x')).toBe('ok \\x23#[error]x');
    expect(escapeText(escapeText(STOP))).toBe(escapeText(STOP));
    expect(escapeTextButLineBreaks('a\n\x1b\r')).toBe('a\n\\x1b\r');
    const value = { file: `${STOP}\x7f\x85##[x]`, author: AUTHOR };
    const text = escapeJsonText(JSON.stringify(value));
    expect(JSON.parse(text)).toEqual(value);
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]|##\[/);
  });
});
