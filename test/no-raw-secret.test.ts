import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeHfToken, git, leaklint, tempDir, tempRepo, writeFiles } from './helpers.js';
import { reporters } from '../src/reporters/index.js';
import { base62, crc32 } from '../src/rulekit.js';

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
  writeFiles(repo, { 'committed.py': `HF = "${SECRETS.hf}"\nDB = "postgres://app:${SECRETS.url}@db.internal.acme:5432/app"\n` });
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'leak');
  writeFiles(repo, { 'staged.sh': `export PREFECT_API_KEY=${SECRETS.prefect}\n` });
  git(repo, 'add', 'staged.sh');
  writeFiles(repo, { 'worktree.yml': `token: ${SECRETS.github}\n` });
  git(repo, 'remote', 'add', 'origin', `https://user:${SECRETS.hf}@huggingface.co/spaces/acme/demo`);
  return repo;
}

const COMMANDS: string[][] = [[], ['audit'], ['files', '--untracked'], ['stdin'], ['staged'], ['diff', 'HEAD~1..HEAD'], ['history'], ['gitignore']];
const FORMATS = Object.keys(reporters);

describe('no raw secret in any output unless --show-secrets', () => {
  const repo = plantedRepo();
  const input = Object.values(SECRETS).map((s, i) => `K${i} = "${s}"`).join('\n') + '\n';
  for (const args of COMMANDS) {
    for (const format of FORMATS) {
      it(`leaklint ${args.join(' ') || '(audit)'} --format ${format}`, () => {
        const out = join(tempDir(), `report.${format}`);
        const printed = leaklint([...args, '-f', format], { cwd: repo, input });
        const written = leaklint([...args, '-f', format, '-o', out], { cwd: repo, input });
        expect([0, 1]).toContain(printed.status);
        const everything = [printed.stdout, printed.stderr, written.stdout, written.stderr, readFileSync(out, 'utf8')].join('\n');
        for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
      });
    }
  }

  it('shows them with --show-secrets (the control)', () => {
    const r = leaklint(['audit', '-f', 'json', '--show-secrets'], { cwd: repo });
    for (const secret of [SECRETS.hf, SECRETS.url]) expect(r.stdout).toContain(secret);
    expect(leaklint(['files', '--untracked', '-f', 'json', '--show-secrets'], { cwd: repo }).stdout).toContain(SECRETS.github);
    expect(leaklint(['staged', '-f', 'json', '--show-secrets'], { cwd: repo }).stdout).toContain(SECRETS.prefect);
  });
});
