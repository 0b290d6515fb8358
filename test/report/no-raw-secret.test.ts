import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { reporters } from '../../src/report/formats/index.js';
import { base62, crc32 } from '../../src/rulekit/rulekit.js';

const letters = (seed: number, n: number) => fakeHfToken(seed).slice(3, 3 + n);
const githubBody = letters(71, 30);
const SECRETS = {
  hf: fakeHfToken(70),
  prefect: `pnu_${letters(72, 30)}Q7m2Xk`,
  github: `ghp_${githubBody}${base62(crc32(githubBody), 6)}`,
  url: `Zt8${letters(73, 17)}`,
};

/** Secrets committed, staged and in the work tree of one repository. */
function plantedRepo(): string {
  const repo = tempRepo();
  writeFiles(repo, { 'base.txt': 'x\n' });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'base');
  writeFiles(repo, {
    'committed.py': `HF = "${SECRETS.hf}"\nDB = "postgres://app:${SECRETS.url}@db.internal.acme:5432/app"\n`,
  });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'leak');
  writeFiles(repo, { 'staged.sh': `export PREFECT_API_KEY=${SECRETS.prefect}\n` });
  git(repo, 'add', 'staged.sh');
  writeFiles(repo, { 'worktree.yml': `token: ${SECRETS.github}\n` });
  git(repo, 'remote', 'add', 'origin', `https://user:${SECRETS.hf}@huggingface.co/spaces/acme/demo`);
  return repo;
}

const COMMANDS: string[][] = [
  [],
  ['audit'],
  ['files', '--untracked'],
  ['stdin'],
  ['staged'],
  ['diff', 'HEAD~1..HEAD'],
  ['history'],
  ['gitignore'],
];
const FORMATS = Object.keys(reporters);

// In this process (main(argv, io)): 8 commands × 6 formats × 2 outputs would
// otherwise be 96 Node start-ups. The process-level control is the
// --show-secrets test at the end, which runs the real binary.
describe('no raw secret in any output unless --show-secrets', () => {
  const repo = plantedRepo();
  const input =
    Object.values(SECRETS)
      .map((s, i) => `K${i} = "${s}"`)
      .join('\n') + '\n';
  for (const args of COMMANDS) {
    it(`leaklint ${args.join(' ') || '(audit)'} in every format, printed and written`, async () => {
      // What this command finds (JSON), so every other format must show the same rules: a run that found nothing proves nothing.
      const json = await leaklintIn([...args, '-f', 'json'], { cwd: repo, input });
      const found = (JSON.parse(json.stdout) as { findings: Array<{ ruleId: string }> }).findings.map((f) => f.ruleId);
      expect(found.length, `leaklint ${args.join(' ')} finds the planted secrets`).toBeGreaterThan(0);
      for (const format of FORMATS) {
        const out = join(tempDir(), `report.${format}`);
        const printed = await leaklintIn([...args, '-f', format], { cwd: repo, input });
        const written = await leaklintIn([...args, '-f', format, '-o', out], { cwd: repo, input });
        expect([0, 1], `${format}: ${printed.stderr}`).toContain(printed.status);
        const report = readFileSync(out, 'utf8');
        for (const ruleId of found) {
          expect(printed.stdout, `${format} prints ${ruleId}`).toContain(ruleId);
          expect(report, `${format} writes ${ruleId}`).toContain(ruleId);
        }
        const everything = [printed.stdout, printed.stderr, written.stdout, written.stderr, report].join('\n');
        for (const secret of Object.values(SECRETS)) expect(everything, format).not.toContain(secret);
      }
    });
  }

  for (const format of FORMATS) {
    it(`leaklint baseline --format ${format} (output and the baseline file)`, async () => {
      const file = join(tempDir(), 'baseline.json');
      const r = await leaklintIn(['baseline', '--baseline', file, '-f', format], { cwd: repo });
      expect(r.status, r.stderr).toBe(0);
      const everything = [r.stdout, r.stderr, readFileSync(file, 'utf8')].join('\n');
      expect(everything).toContain('fingerprint');
      for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
    });
  }

  it('leaklint purge-plan: its output and every file it writes except replacements.txt', async () => {
    const out = join(tempDir(), 'plan');
    const r = await leaklintIn(['purge-plan', '--out', out], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    const files = readdirSync(out).filter((f) => f !== 'replacements.txt');
    // blob-callback.py holds the secrets too, but only as UTF-16 byte patterns: never the text itself.
    expect(files.sort()).toEqual(['.leaklint-purge-plan', 'blob-callback.py', 'paths.txt', 'purge.sh']);
    const everything = [r.stdout, r.stderr, ...files.map((f) => readFileSync(join(out, f), 'utf8'))].join('\n');
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
    // The control: the expressions file is the one place the raw values must be.
    const replacements = readFileSync(join(out, 'replacements.txt'), 'utf8');
    for (const secret of [SECRETS.hf, SECRETS.url]) expect(replacements).toContain(secret);
  });

  it('leaklint rules and leaklint init --dry-run', async () => {
    for (const args of [['rules'], ['rules', '-f', 'json'], ['rules', '-f', 'markdown'], ['init', '--dry-run']]) {
      const r = await leaklintIn(args, { cwd: repo });
      expect(r.status).toBe(0);
      for (const secret of Object.values(SECRETS)) expect(r.stdout + r.stderr).not.toContain(secret);
    }
  });

  it('shows them with --show-secrets (the control)', async () => {
    const r = await leaklintIn(['audit', '-f', 'json', '--show-secrets'], { cwd: repo });
    for (const secret of [SECRETS.hf, SECRETS.url]) expect(r.stdout).toContain(secret);
    expect(
      (await leaklintIn(['files', '--untracked', '-f', 'json', '--show-secrets'], { cwd: repo })).stdout,
    ).toContain(SECRETS.github);
    expect((await leaklintIn(['staged', '-f', 'json', '--show-secrets'], { cwd: repo })).stdout).toContain(
      SECRETS.prefect,
    );
  });
});
