// A history audit gives a big file's new version its first pass only around
// what changed since the last clean version (on the worker threads as on the
// main thread): a credential added in the middle of a big file, in one of
// many versions, is still found, once, at the commit that added it.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fakeHfToken, leaklint, leaklintIn, tempRepo } from '../helpers.js';

const TOKEN = fakeHfToken(77);

/** Ordinary code lines that hold keywords and no credential, line `i` of a big module. */
function line(i: number): string {
  return i % 3 === 0
    ? `    max_tokens_${i} = config.get("max_tokens_${i}", ${i})\n`
    : `def step_${i}(batch, api_key=None):\n    return model(batch, token=api_key)  # ${i}\n`;
}

/**
 * A repository whose `main` has 40 versions of a 90 kB module, each with one
 * line edited; version 25 adds TOKEN in the middle, version 31 takes it out.
 * With `bulk`, a second branch adds that many small files, so the audit reads
 * blobs on worker threads.
 */
function bigFileHistory(bulk: number): string {
  const repo = tempRepo();
  const lines = Array.from({ length: 1500 }, (_, i) => line(i));
  let input = '';
  for (let v = 1; v <= 40; v++) {
    lines[(v * 37) % lines.length] = `    edited_${v} = ${v}\n`;
    if (v === 25) lines.splice(750, 0, `HF_TOKEN = "${TOKEN}"\n`);
    if (v === 31) lines.splice(750, 1);
    const body = lines.join('');
    input += `commit refs/heads/main\nmark :${v}\ncommitter Test <t@example.com> ${1_700_000_000 + v} +0000\ndata 3\nv${v}\n`;
    input += `M 100644 inline src/model.py\ndata ${Buffer.byteLength(body)}\n${body}\n`;
  }
  if (bulk) {
    input += 'commit refs/heads/bulk\ncommitter Test <t@example.com> 1600000000 +0000\ndata 4\nbulk\n';
    for (let i = 0; i < bulk; i++)
      input += `M 100644 inline data/f${i}.txt\ndata ${String(i).length + 7}\nvalue ${i}\n\n`;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input });
  execFileSync('git', ['checkout', '-q', 'main'], { cwd: repo });
  return repo;
}

/** The commit of `main` with this message, and the line TOKEN stands on there. */
function where(repo: string, message: string): { commit: string; line: number } {
  const commit = execFileSync('git', ['log', '--format=%H', `--grep=^${message}$`, 'main'], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
  const text = execFileSync('git', ['show', `${commit}:src/model.py`], { cwd: repo, encoding: 'utf8' });
  return { commit, line: text.slice(0, text.indexOf(TOKEN)).split('\n').length };
}

describe('history: big files searched around what changed', () => {
  it('on this thread: the credential is found once, at the version that added it', async () => {
    const repo = bigFileHistory(0);
    const r = await leaklintIn(['history', '-f', 'json', '--show-secrets'], { cwd: repo });
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { secret: string }) => f.secret)).toEqual([TOKEN]);
    expect(report.findings[0]).toMatchObject({ file: 'src/model.py', ...where(repo, 'v25') });
  });

  it('on worker threads, whose reader hands over buffers it then reuses', () => {
    const repo = bigFileHistory(2100);
    const r = leaklint(['history', '-f', 'json', '--show-secrets'], { cwd: repo, env: { LEAKLINT_WORKERS: '1' } });
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { secret: string }) => f.secret)).toEqual([TOKEN]);
    expect(report.findings[0]).toMatchObject({ file: 'src/model.py', ...where(repo, 'v25') });
  }, 60_000);
});
