// History in the baseline: `baseline --history`, `baseline --from report.json`
// and `baseline --review` (driven through a real pseudo-terminal).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, commit, fakeHfToken, git, leaklintIn, tempDir, tempRepo } from '../helpers.js';
import type { CliResult } from '../helpers.js';

const OLD = fakeHfToken(141);
const NEW = fakeHfToken(142);
const OTHER = fakeHfToken(143);
const SECRETS = [OLD, NEW, OTHER];
const BASELINE = '.leaklint-baseline.json';

interface Entry {
  fingerprint: string;
  rule: string;
  path: string;
  reason?: string;
  expires?: string;
  source?: string;
}
const entries = (repo: string): Entry[] => JSON.parse(readFileSync(join(repo, BASELINE), 'utf8')).entries;
const json = (r: CliResult) =>
  JSON.parse(r.stdout) as {
    findings: Array<{ file: string; fingerprint: string; severity: string }>;
    suppressed: unknown[];
    summary: { warnings: string[] };
  };
/** The files of a report's error findings (audit adds a warning for the short .gitignore). */
const errorFiles = (r: CliResult) =>
  json(r)
    .findings.filter((f) => f.severity === 'error')
    .map((f) => f.file);

/** Nothing any of these runs printed or wrote holds a raw fixture secret. */
function expectNoSecret(...texts: string[]): void {
  for (const text of texts)
    for (const s of SECRETS) expect(text.includes(s), 'a raw secret was printed or stored').toBe(false);
}

/** A repository whose history holds OLD in old.py (added, then deleted from HEAD: a revoked key). */
function revokedRepo(): string {
  const repo = tempRepo();
  commit(
    repo,
    { '.gitignore': '.env\n', 'old.py': `import os\n\nHF_TOKEN = "${OLD}"\nprint(HF_TOKEN)\n` },
    'add a token',
  );
  git(repo, 'rm', '-q', 'old.py');
  commit(repo, { 'app.py': 'print("hello")\n' }, 'remove the token');
  return repo;
}

describe('leaklint baseline --history', () => {
  it('accepts what history holds: audit goes green, a new secret in a new commit is still reported', async () => {
    const repo = revokedRepo();
    const before = await leaklintIn(['audit', '-f', 'json'], { cwd: repo });
    expect(before.status, before.stderr).toBe(1);
    expect(errorFiles(before)).toEqual(['old.py']);

    const accepted = await leaklintIn(['baseline', '--history'], { cwd: repo });
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(accepted.stderr).toMatch(/wrote .*1 entry \(1 new\)/);
    expect(entries(repo)).toEqual([
      expect.objectContaining({ rule: 'huggingface-user-token', path: 'old.py', source: 'history' }),
    ]);

    const after = await leaklintIn(['audit', '-f', 'json'], { cwd: repo });
    expect(after.status, after.stdout).toBe(0);
    expect(json(after).suppressed).toHaveLength(1);
    expect(json(after).summary.warnings.join('\n')).not.toMatch(/stale/);
    // A working-tree scan neither calls the history entry stale nor prunes it.
    const files = await leaklintIn(['files', '-f', 'json'], { cwd: repo });
    expect(json(files).summary.warnings.join('\n')).not.toMatch(/stale/);
    expect((await leaklintIn(['baseline', '--prune'], { cwd: repo })).status).toBe(0);
    expect(entries(repo)).toHaveLength(1);
    git(repo, 'add', BASELINE);
    commit(repo, {}, 'baseline');

    commit(repo, { 'new.py': `TOKEN = "${NEW}"\n` }, 'a new secret');
    const fresh = await leaklintIn(['audit', '-f', 'json'], { cwd: repo });
    expect(fresh.status).toBe(1);
    expect(errorFiles(fresh)).toEqual(['new.py']);
    const history = await leaklintIn(['history', '-f', 'json'], { cwd: repo });
    expect(history.status).toBe(1);
    expect(json(history).findings.map((f) => f.file)).toEqual(['new.py']);
    expectNoSecret(
      before.stdout,
      after.stdout,
      fresh.stdout,
      history.stdout,
      accepted.stderr,
      readFileSync(join(repo, BASELINE), 'utf8'),
    );
  });

  it('reports the accepted secret again when it is copied to a new path (the path is part of what was accepted)', async () => {
    const repo = revokedRepo();
    await leaklintIn(['baseline', '--history'], { cwd: repo });
    // The same file brought back under another name: the same blob, scanned once under its first path.
    const blob = git(repo, 'show', 'HEAD~1:old.py');
    commit(repo, { 'restored.py': blob }, 'restore under a new name');
    const restored = await leaklintIn(['audit', '-f', 'json'], { cwd: repo });
    expect(restored.status, restored.stdout).toBe(1);
    expect(errorFiles(restored)).toEqual(['restored.py']);
    expect((await leaklintIn(['history'], { cwd: repo })).status).toBe(1);

    expectNoSecret(restored.stdout);
    expect((await leaklintIn(['baseline', '--history'], { cwd: repo })).status).toBe(0);
    expect(entries(repo).map((e) => e.path)).toEqual(['old.py', 'restored.py']);
    expect((await leaklintIn(['audit'], { cwd: repo })).status).toBe(0);

    // An uncommitted edit of a tracked file that pastes it: reported by audit's working-tree part.
    writeFileSync(join(repo, 'app.py'), `print("${OLD}")\n`);
    const edited = await leaklintIn(['audit', '-f', 'json'], { cwd: repo });
    expect(edited.status).toBe(1);
    expect(errorFiles(edited)).toEqual(['app.py']);
    git(repo, 'checkout', '-q', 'app.py');

    // Pasted into another file and committed: reported; accepting it too makes the audit green again.
    commit(repo, { 'settings.py': `KEY = "${OLD}"  # copied\n` }, 'pasted');
    const pasted = await leaklintIn(['audit', '-f', 'json'], { cwd: repo });
    expect(errorFiles(pasted)).toEqual(['settings.py']);
    expect((await leaklintIn(['baseline', '--history'], { cwd: repo })).status).toBe(0);
    expect(entries(repo).map((e) => e.path)).toEqual(['old.py', 'restored.py', 'settings.py']);
    expect((await leaklintIn(['audit'], { cwd: repo })).status).toBe(0);
    expectNoSecret(edited.stdout, pasted.stdout, readFileSync(join(repo, BASELINE), 'utf8'));
  });

  it('prunes history entries only in a history run over the whole history', async () => {
    const repo = revokedRepo();
    git(repo, 'checkout', '-q', '-b', 'side');
    commit(repo, { 'side.py': `S = "${OTHER}"\n` }, 'on a side branch');
    git(repo, 'checkout', '-q', 'main');
    await leaklintIn(['baseline', '--history'], { cwd: repo });
    expect(entries(repo).map((e) => e.path)).toEqual(['old.py', 'side.py']);
    git(repo, 'branch', '-q', '-D', 'side');

    expect((await leaklintIn(['baseline', '--prune'], { cwd: repo })).status).toBe(0);
    expect(entries(repo)).toHaveLength(2);
    const partial = await leaklintIn(['baseline', '--history', '--prune', '--ref', 'main'], { cwd: repo });
    expect(partial.status).toBe(2);
    expect(partial.stderr).toMatch(/whole history/);
    const pruned = await leaklintIn(['baseline', '--history', '--prune'], { cwd: repo });
    expect(pruned.status, pruned.stderr).toBe(0);
    expect(pruned.stderr).toMatch(/1 stale dropped/);
    expect(entries(repo).map((e) => e.path)).toEqual(['old.py']);
  });
});

describe('leaklint baseline --from', () => {
  it('accepts a reviewed history report made without a baseline (plain fingerprints, keyed on the way in)', async () => {
    const repo = revokedRepo();
    commit(repo, { 'a.py': `A = "${OTHER}"\n` }, 'another');
    commit(repo, { 'b.py': `A = "${OTHER}"\n` }, 'the same file again');
    const report = join(tempDir(), 'report.json');
    const history = await leaklintIn(['history', '-f', 'json', '-o', report], { cwd: repo });
    expect(history.status).toBe(1);
    const text = readFileSync(report, 'utf8');
    const parsed = JSON.parse(text);
    expect(parsed.summary.fingerprints).toBe('plain');
    expect(parsed.findings).toHaveLength(2);

    const from = await leaklintIn(['baseline', '--from', report], { cwd: repo });
    expect(from.status, from.stderr).toBe(0);
    const accepted = entries(repo);
    // One entry per path the secret was committed under, none of them a fingerprint the report printed.
    expect(accepted.map((e) => `${e.path}:${e.source}`)).toEqual(['a.py:history', 'b.py:history', 'old.py:history']);
    const printed = new Set(
      parsed.findings.flatMap(
        (f: { fingerprint: string; history: { fingerprints: Array<{ fingerprint: string }> } }) => [
          f.fingerprint,
          ...f.history.fingerprints.map((p) => p.fingerprint),
        ],
      ),
    );
    for (const e of accepted) expect(printed.has(e.fingerprint)).toBe(false);
    const audit = await leaklintIn(['audit'], { cwd: repo });
    expect(audit.status, audit.stdout).toBe(0);
    expectNoSecret(text, from.stderr, readFileSync(join(repo, BASELINE), 'utf8'));
  });

  it('takes keyed fingerprints only under the key they were made with', async () => {
    const repo = revokedRepo();
    await leaklintIn(['baseline', '--history'], { cwd: repo });
    commit(repo, { 'new.py': `N = "${NEW}"\n` }, 'new');
    const report = join(tempDir(), 'report.json');
    expect((await leaklintIn(['history', '-f', 'json', '-o', report], { cwd: repo })).status).toBe(1);
    const parsed = JSON.parse(readFileSync(report, 'utf8'));
    expect(parsed.summary).toMatchObject({
      fingerprints: 'keyed',
      fingerprintKeyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(parsed.findings.map((f: { file: string }) => f.file)).toEqual(['new.py']);

    // Another baseline has another key: its fingerprints cannot be compared, so the report is refused.
    const elsewhere = join(tempDir(), 'other-baseline.json');
    const refused = await leaklintIn(['baseline', '--from', report, '--baseline', elsewhere], { cwd: repo });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/keyed with another baseline's key/);

    expect((await leaklintIn(['baseline', '--from', report], { cwd: repo })).status).toBe(0);
    expect(entries(repo).find((e) => e.path === 'new.py')?.fingerprint).toBe(parsed.findings[0].fingerprint);
    expect((await leaklintIn(['audit'], { cwd: repo })).status).toBe(0);

    // A report that does not say which fingerprints it holds (an older leaklint's) is refused.
    delete parsed.summary.fingerprints;
    writeFileSync(report, JSON.stringify(parsed));
    const old = await leaklintIn(['baseline', '--from', report], { cwd: repo });
    expect(old.status).toBe(2);
    expect(old.stderr).toMatch(/does not say which fingerprints/);
    expect((await leaklintIn(['baseline', '--from', report, '--prune'], { cwd: repo })).status).toBe(2);
  });
});

/**
 * Runs the CLI under a pseudo-terminal (python3's pty module) and answers
 * each prompt matching steps[i][0] with steps[i][1]; returns what the
 * terminal showed and the exit code.
 */
function underPty(cwd: string, args: string[], steps: Array<[string, string]>): { out: string; code: number } {
  const driver = `
import json, os, pty, re, select, sys, time
spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.chdir(spec["cwd"])
    os.execve(spec["argv"][0], spec["argv"], spec["env"])
out, pos = b"", 0
def read(deadline):
    global out
    r, _, _ = select.select([fd], [], [], max(0, deadline - time.time()))
    if not r:
        return False
    try:
        data = os.read(fd, 4096)
    except OSError:
        return None
    if not data:
        return None
    out += data
    return True
for pattern, answer in spec["steps"]:
    deadline = time.time() + 20
    while True:
        m = re.search(pattern.encode(), out[pos:])
        if m:
            pos += m.end()
            break
        if time.time() > deadline or read(deadline) is None:
            sys.stdout.write(json.dumps({"out": out.decode("utf-8", "replace"), "code": -1, "missing": pattern}))
            sys.exit(0)
    os.write(fd, (answer + "\\n").encode())
deadline = time.time() + 20
while time.time() < deadline and read(deadline) is not None:
    pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(json.dumps({"out": out.decode("utf-8", "replace"), "code": os.waitstatus_to_exitcode(status)}))
`;
  const spec = {
    cwd,
    argv: [process.execPath, BIN, ...args],
    env: { ...process.env, NO_COLOR: '1', TERM: 'dumb' },
    steps,
  };
  const r = spawnSync('python3', ['-c', driver, JSON.stringify(spec)], { encoding: 'utf8', timeout: 60_000 });
  const result = JSON.parse(r.stdout || '{}') as { out: string; code: number; missing?: string };
  if (result.missing) throw new Error(`no prompt matching ${result.missing}; the terminal showed:\n${result.out}`);
  return result;
}

describe('leaklint baseline --review', () => {
  it('walks the findings at a terminal: accepts one with a reason and expiry, rejects the other', async () => {
    const repo = tempRepo();
    commit(
      repo,
      { '.gitignore': '.env\n', 'keys.py': `# demo keys\nFIRST = "${OLD}"\nSECOND = "${OTHER}"\nprint(FIRST)\n` },
      'keys',
    );
    git(repo, 'rm', '-q', 'keys.py');
    commit(repo, { 'app.py': 'print("hello")\n' }, 'removed');

    const session = underPty(
      repo,
      ['baseline', '--history', '--review'],
      [
        ['\\[a\\]ccept, \\[r\\]eject, \\[s\\]kip, \\[q\\]uit: ', 'maybe'],
        ['Please answer a, r, s or q\\.[\\s\\S]*\\[q\\]uit: ', 'a'],
        ['Reason[^\\n]*: ', ''],
        ['A reason is required\\.[\\s\\S]*Reason[^\\n]*: ', `leaked? ${OTHER}`],
        ['holds a secret[\\s\\S]*Reason[^\\n]*: ', 'revoked demo key'],
        ['Expires on[^\\n]*: ', '2020-01-01'],
        ['after today[\\s\\S]*Expires on[^\\n]*: ', '2999-12-31'],
        ['\\[2/2\\][\\s\\S]*\\[q\\]uit: ', 'r'],
      ],
    );
    expect(session.code, session.out).toBe(0);
    // The finding, its place and the lines around it (from the commit: the file is gone from HEAD), redacted.
    expect(session.out).toMatch(/\[1\/2\] error {2}huggingface-user-token/);
    expect(session.out).toMatch(/keys\.py:2:\d+ {2}hf_\*{8}/);
    expect(session.out).toMatch(/first committed in [0-9a-f]{12}, no longer in HEAD/);
    expect(session.out).toMatch(/1 \| # demo keys/);
    expect(session.out).toMatch(/2 > FIRST = "hf_\*{8}\w+"/);
    expect(session.out).toMatch(/3 \| SECOND = "hf_\*{8}\w+"/);
    expect(session.out).toMatch(/4 \| print\(FIRST\)/);
    expect(session.out).toMatch(/1 accepted, 1 rejected, 0 skipped: wrote/);

    const [entry, ...rest] = entries(repo);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      path: 'keys.py',
      rule: 'huggingface-user-token',
      reason: 'revoked demo key',
      expires: '2999-12-31',
      source: 'history',
    });
    // The rejected one stays reported; the accepted one is suppressed with its reason.
    const audit = await leaklintIn(['audit', '-f', 'json'], { cwd: repo });
    expect(audit.status).toBe(1);
    const report = JSON.parse(audit.stdout);
    expect(
      report.findings.filter((f: { severity: string }) => f.severity === 'error').map((f: { line: number }) => f.line),
    ).toEqual([3]);
    expect(report.suppressed[0].suppressed).toBe('baseline: revoked demo key');
    // The answer that held a secret was echoed by the terminal itself; leaklint never printed one of them.
    expectNoSecret(
      session.out.replace(`leaked? ${OTHER}`, ''),
      readFileSync(join(repo, BASELINE), 'utf8'),
      audit.stdout,
    );
  });

  it('skips, then stops at quit, keeping what was accepted so far; refuses without a terminal', async () => {
    const repo = tempRepo();
    commit(repo, { 'a.py': `A = "${OLD}"\n`, 'b.py': `B = "${NEW}"\n`, 'c.py': `C = "${OTHER}"\n` }, 'three');
    const session = underPty(
      repo,
      ['baseline', '--review'],
      [
        ['\\[1/3\\][\\s\\S]*\\[q\\]uit: ', 's'],
        ['\\[2/3\\][\\s\\S]*\\[q\\]uit: ', 'a'],
        ['Reason[^\\n]*: ', 'public demo value'],
        ['Expires on[^\\n]*: ', ''],
        ['\\[3/3\\][\\s\\S]*\\[q\\]uit: ', 'q'],
      ],
    );
    expect(session.code, session.out).toBe(0);
    expect(session.out).toMatch(/1 accepted, 0 rejected, 1 skipped, 1 not reviewed: wrote/);
    expect(entries(repo)).toEqual([expect.objectContaining({ path: 'b.py', reason: 'public demo value' })]);
    expect(entries(repo)[0]).not.toHaveProperty('expires');
    expect(entries(repo)[0]).not.toHaveProperty('source');

    const piped = await leaklintIn(['baseline', '--review'], { cwd: repo });
    expect(piped.status).toBe(2);
    expect(piped.stderr).toMatch(/--review asks questions at a terminal/);
    expectNoSecret(session.out, piped.stderr);
  });
});
