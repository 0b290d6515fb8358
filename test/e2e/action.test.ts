// The GitHub Action as a runner runs it: action.yml parsed, its step's script
// run by bash (`bash --noprofile --norc -eo pipefail`, what `shell: bash`
// means) in the runner's clone of a pushed repository, with the variables and
// files a runner provides (GITHUB_ACTION_PATH at this checkout,
// GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, the event). Then the CLI
// behaviour it relies on: several reports from one scan, checked before the
// scan, the job summary and SARIF's security-severity.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { parse } from 'yaml';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { GIT_TEST_ENV, ROOT, commit, fakeHfToken, git, leaklintIn, tempDir, tempRepo, writeFiles } from '../helpers.js';
import { base62, crc32 } from '../../src/rulekit/rulekit.js';
import { SUMMARY_MAX_BYTES, SUMMARY_MAX_ROWS, stepSummaryReporter } from '../../src/report/formats/step-summary.js';
import { emptyStats } from '../../src/types.js';
import type { Finding, ScanResult } from '../../src/types.js';

const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(schema);

const githubBody = fakeHfToken(121).slice(3, 33);
const GITHUB_TOKEN = `ghp_${githubBody}${base62(crc32(githubBody), 6)}`;
/** A file name a contributor controls: HTML, Markdown table and emphasis characters. */
const HOSTILE = '<img src=x onerror=alert(1)>|*b*.py';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

/** `${{ inputs.x }}` and `${{ steps.s.outputs.x }}`; any other expression fails the test (the runner would evaluate something this test does not). */
function evaluate(
  text: string,
  scope: { inputs: Record<string, string>; steps?: Record<string, Record<string, string>> },
): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) return scope.inputs[input[1]!] ?? action.inputs[input[1]!]?.default ?? '';
    const output = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expr);
    if (output && scope.steps) return scope.steps[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`an expression this test does not evaluate: ${expr}`);
  });
}

/** `name=value` lines of a GITHUB_OUTPUT file (the action writes no multi-line values). */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

interface ActionRun {
  status: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  temp: string;
}

/** Run the action's steps in `workspace` as the runner does; `env` holds the event's variables. */
function runAction(
  workspace: string,
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv,
  path = process.env.PATH!,
): ActionRun {
  const runner = tempDir('leaklint-runner-');
  const files = { GITHUB_OUTPUT: join(runner, 'output'), GITHUB_STEP_SUMMARY: join(runner, 'summary.md') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const temp = join(runner, 'temp');
  mkdirSync(temp);
  const steps: Record<string, Record<string, string>> = {};
  let last = { status: 0, stdout: '', stderr: '' };
  for (const step of action.runs.steps) {
    expect(step.uses, 'a step that fetches an action').toBeUndefined();
    expect(step.if).toBeUndefined();
    expect(step.shell).toBe('bash');
    const script = join(runner, `step-${step.id}.sh`);
    writeFileSync(script, evaluate(step.run!, { inputs }));
    const stepEnv = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v), { inputs })]),
    );
    writeFileSync(files.GITHUB_OUTPUT, '');
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      encoding: 'utf8',
      env: {
        PATH: path,
        HOME: process.env.HOME,
        ...GIT_TEST_ENV,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_ACTION_PATH: ROOT,
        RUNNER_TEMP: temp,
        ...files,
        ...env,
        ...stepEnv,
      },
    });
    last = { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    if (step.id) steps[step.id] = readOutputs(files.GITHUB_OUTPUT);
    if (last.status !== 0) break;
  }
  const outputs = Object.fromEntries(
    Object.entries(action.outputs).map(([k, v]) => [k, evaluate(v.value, { inputs, steps })]),
  );
  return { ...last, outputs, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'), temp };
}

/** A bare origin, a developer's clone pushing to it, and the runner's full clone (`fetch-depth: 0`) at `sha`. */
function world() {
  const origin = join(tempDir(), 'origin.git');
  git(tempDir(), 'init', '-q', '--bare', '-b', 'main', origin);
  const dev = tempRepo();
  git(dev, 'remote', 'add', 'origin', origin);
  const base = commit(dev, { 'app.py': 'x = 1\n' }, 'base');
  git(dev, 'push', '-q', 'origin', 'main');
  const runner = (sha: string) => {
    const dir = join(tempDir(), 'workspace');
    git(tempDir(), 'clone', '-q', '--no-checkout', `file://${origin}`, dir);
    git(dir, 'checkout', '-q', '--detach', sha);
    return dir;
  };
  return { origin, dev, base, runner };
}

function eventFile(payload: object): string {
  const file = join(tempDir(), 'event.json');
  writeFileSync(file, JSON.stringify(payload));
  return file;
}

const REPOSITORY = { default_branch: 'main', full_name: 'acme/app' };

function pushEnv(before: string, after: string): NodeJS.ProcessEnv {
  return {
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_SHA: after,
    GITHUB_EVENT_PATH: eventFile({
      ref: 'refs/heads/main',
      before,
      after,
      created: false,
      deleted: false,
      forced: false,
      repository: REPOSITORY,
    }),
  };
}

/** Tokens in 12 files (more than the 10 annotations GitHub shows per step) and a GitHub token under a hostile name. */
function leakyPush() {
  const w = world();
  const tokens = Array.from({ length: 12 }, (_, i) => fakeHfToken(100 + i));
  const files: Record<string, string> = {};
  tokens.forEach((t, i) => (files[`src/m${i}.py`] = `HF = "${t}"\n`));
  files[HOSTILE] = `GH = "${GITHUB_TOKEN}"\n`;
  const leak = commit(w.dev, files, 'leaks');
  git(w.dev, 'push', '-q', 'origin', 'main');
  return { w, tokens: [...tokens, GITHUB_TOKEN], leak, workspace: w.runner(leak), env: pushEnv(w.base, leak) };
}

const middle = (token: string) => token.slice(4, -4);

describe('action.yml', () => {
  it('is one composite step with no `uses:`, no install and no Node set-up (nothing fetched, later steps keep their Node)', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) {
      expect(step.uses).toBeUndefined();
      expect(step.run).not.toMatch(/\bnpm\b|\bnpx\b|\bcurl\b|\bwget\b|\bnvm\b/);
      expect(step.run).toContain('node "$GITHUB_ACTION_PATH/bin/leaklint.js"');
      // Inputs reach the script through its environment, never pasted into the text bash parses.
      expect(step.run).not.toContain('${{');
    }
    expect(Object.keys(action.inputs).sort()).toEqual(['args', 'command', 'format', 'sarif']);
    expect(Object.keys(action.outputs).sort()).toEqual(['exit-code', 'findings', 'sarif']);
  });

  it('on a push with 13 tokens: annotations, a valid SARIF with security-severity, a summary listing all 13, outputs, exit 1', () => {
    const { tokens, leak, workspace, env } = leakyPush();
    const r = runAction(workspace, { sarif: 'leaklint.sarif' }, env);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('scanning 1 commit');

    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::error file='));
    expect(annotations).toHaveLength(13);
    expect(annotations.join('\n')).toContain('file=src/m0.py,line=1');

    const sarifFile = join(workspace, 'leaklint.sarif');
    expect(r.outputs).toEqual({ 'exit-code': '1', findings: '13', sarif: sarifFile });
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(statSync(sarifFile).mode & 0o777).toBe(0o600);
    const run = sarif.runs[0];
    expect(run.results).toHaveLength(13);
    const severity = Object.fromEntries(
      run.tool.driver.rules.map((rule: { id: string; properties: Record<string, unknown> }) => [
        rule.id,
        rule.properties['security-severity'],
      ]),
    );
    expect(severity).toEqual({ 'huggingface-user-token': '8.0', 'github-token': '9.0' });
    for (const rule of run.tool.driver.rules) expect(rule.properties.tags).toContain('security');

    // Every finding, by file, commit and redacted value; the hostile name shown as text, not markup.
    const rows = r.summary.split('\n').filter((l) => l.startsWith('<tr><td>'));
    expect(rows).toHaveLength(13);
    for (let i = 0; i < 12; i++) expect(r.summary).toContain(`<code>src/m${i}.py:1</code>`);
    expect(r.summary).toContain('<code>&lt;img src=x onerror=alert(1)&gt;|*b*.py:1</code>');
    expect(r.summary).not.toContain('<img');
    expect(r.summary).toContain(leak.slice(0, 12));
    expect(r.summary).toMatch(/<code>hf_\*+\w{4}<\/code>/);
    for (const t of tokens)
      for (const text of [r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs), readFileSync(sarifFile, 'utf8')])
        expect(text).not.toContain(middle(t));
    // The JSON report behind the `findings` output is gone with its directory.
    expect(readdirSync(r.temp).filter((f) => f.startsWith('leaklint'))).toEqual([]);
  });

  it('on a clean push: exit 0, a summary saying so, findings 0, no SARIF unless asked', () => {
    const w = world();
    const after = commit(w.dev, { 'b.py': 'y = 2\n' }, 'clean');
    git(w.dev, 'push', '-q', 'origin', 'main');
    const workspace = w.runner(after);
    const r = runAction(workspace, {}, pushEnv(w.base, after));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('scanning 1 commit');
    expect(r.stdout).toContain('leaklint: 0 findings');
    expect(r.outputs).toEqual({ 'exit-code': '0', findings: '0', sarif: '' });
    expect(r.summary).toContain('### leaklint: no findings');
    expect(existsSync(join(workspace, 'leaklint.sarif'))).toBe(false);
  });

  it('on a pull request, format human and extra args: the PR’s commits, the human report, SARIF and the summary from one run', () => {
    const w = world();
    git(w.dev, 'checkout', '-q', '-b', 'feat');
    const token = fakeHfToken(131);
    const head = commit(w.dev, { 'feat.py': `T = "${token}"\n` }, 'feature');
    git(w.dev, 'push', '-q', 'origin', 'feat');
    const workspace = w.runner(head);
    const sarif = join(tempDir(), 'out.sarif');
    const env = {
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/1/merge',
      GITHUB_BASE_REF: 'main',
      GITHUB_HEAD_REF: 'feat',
      GITHUB_EVENT_PATH: eventFile({
        number: 1,
        pull_request: { number: 1, base: { ref: 'main', sha: w.base }, head: { ref: 'feat', sha: head } },
        repository: REPOSITORY,
      }),
    };
    const r = runAction(workspace, { format: 'human', sarif, args: '--no-color  --max-file-size\n100000' }, env);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toContain('feat.py');
    expect(r.stdout).not.toContain('::error');
    expect(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results).toHaveLength(1);
    expect(r.outputs).toEqual({ 'exit-code': '1', findings: '1', sarif });
    expect(r.summary).toContain('<code>feat.py:1</code>');
    for (const text of [r.stdout, r.summary]) expect(text).not.toContain(middle(token));
  });

  it('on a schedule: the history of every ref', () => {
    const { workspace } = leakyPush();
    const r = runAction(workspace, {}, { GITHUB_EVENT_NAME: 'schedule' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/scanned \d+ commits/);
    expect(r.outputs.findings).toBe('13');
  });

  it('a Node.js older than 20: a clear error and exit 2, nothing installed, leaklint not started', () => {
    const { workspace, env } = leakyPush();
    const bin = tempDir('leaklint-old-node-');
    writeFileSync(
      join(bin, 'node'),
      '#!/bin/sh\n[ "$1" = --version ] && { echo v18.20.4; exit 0; }\necho started >> "$RUNNER_TEMP/node-ran"; exit 1\n',
    );
    chmodSync(join(bin, 'node'), 0o755);
    const r = runAction(workspace, {}, env, `${bin}:${process.env.PATH}`);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(
      '::error title=leaklint::leaklint needs Node.js 20 or later; node on PATH is version 18: add actions/setup-node',
    );
    expect(r.outputs['exit-code']).toBe('2');
    expect(r.summary).toContain('leaklint did not run');
    expect(existsSync(join(r.temp, 'node-ran'))).toBe(false);
  });

  it('a mistyped report format in args: exit 2 before scanning, said in the log and the summary', () => {
    const { workspace, env } = leakyPush();
    const r = runAction(workspace, { args: '--output sarfi=x.sarif' }, env);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown format: sarfi in --output sarfi=x.sarif');
    expect(r.stderr).not.toContain('scanning');
    expect(r.outputs).toEqual({ 'exit-code': '2', findings: '', sarif: '' });
    expect(r.summary).toContain('leaklint stopped (exit 2)');
  });

  it('an unknown command input: exit 2 naming the ones it takes', () => {
    const { workspace, env } = leakyPush();
    const r = runAction(workspace, { command: 'init' }, env);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('the command input takes auto, diff, history, audit or files');
  });
});

// ── the CLI behaviour the action relies on ──────────────────────────────────

function leakyRepo() {
  const repo = tempRepo();
  const token = fakeHfToken(141);
  commit(repo, { 'base.txt': 'x\n' }, 'base');
  commit(repo, { 'a.py': `T = "${token}"\n` }, 'leak');
  return { repo, token };
}

describe('several reports from one scan', () => {
  it('--output FORMAT=FILE (any case) beside the console report: every file written 0600, stdout keeps --format', async () => {
    const { repo, token } = leakyRepo();
    const dir = tempDir();
    const r = await leaklintIn(
      [
        'files',
        '-f',
        'json',
        '--output',
        `sarif=${dir}/r.sarif`,
        '-o',
        `JUnit=${dir}/r.xml`,
        '--output',
        `gitlab=${join(dir, 'gl.json')}`,
      ],
      { cwd: repo },
    );
    expect(r.status, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout).findings).toHaveLength(1);
    const sarif = JSON.parse(readFileSync(join(dir, 'r.sarif'), 'utf8'));
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('<testcase');
    expect(JSON.parse(readFileSync(join(dir, 'gl.json'), 'utf8')).vulnerabilities).toHaveLength(1);
    for (const f of ['r.sarif', 'r.xml', 'gl.json']) {
      expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(dir, f), 'utf8')).not.toContain(token);
    }
  });

  it('relative files are the working directory’s; a plain --output still takes the console report', async () => {
    const { repo } = leakyRepo();
    const r = await leaklintIn(
      ['diff', 'HEAD~1..HEAD', '--format', 'GitHub', '--output', 'console.txt', '--output', 'sarif=out/r.sarif'],
      { cwd: repo, env: { GITHUB_STEP_SUMMARY: '' } },
    );
    expect(r.status, r.stderr).toBe(2); // out/ does not exist yet
    expect(r.stderr).toContain('cannot write the report to out/r.sarif: no such directory (ENOENT)');
    writeFiles(repo, { 'out/.keep': '' });
    const ok = await leaklintIn(
      ['diff', 'HEAD~1..HEAD', '--format', 'GitHub', '--output', 'console.txt', '--output', 'sarif=out/r.sarif'],
      { cwd: repo, env: { GITHUB_STEP_SUMMARY: '' } },
    );
    expect(ok.status, ok.stderr).toBe(1);
    expect(ok.stdout).toBe('');
    expect(readFileSync(join(repo, 'console.txt'), 'utf8')).toMatch(/^::error file=a\.py/);
    expect(JSON.parse(readFileSync(join(repo, 'out/r.sarif'), 'utf8')).runs[0].results).toHaveLength(1);
  });

  // Each scanning command, by the fast paths (staged, diff) and through yargs: exit 2, and no scan started.
  const COMMANDS: string[][] = [
    ['staged'],
    ['diff', 'HEAD~1..HEAD'],
    ['history'],
    ['audit'],
    ['files'],
    ['gitignore'],
    ['stdin'],
  ];
  const BAD: [string[], RegExp][] = [
    [
      ['--output', 'sarfi=r.sarif'],
      /unknown format: sarfi in --output sarfi=r\.sarif; did you mean "sarif"\? \(formats: human, json, sarif, github, gitlab, junit\)/,
    ],
    [['--format', 'yaml'], /unknown format: yaml/],
    [
      ['--output', 'sarif=no/such/dir/r.sarif'],
      /cannot write the report to no\/such\/dir\/r\.sarif: no such directory/,
    ],
    [['--output', 'json=.'], /cannot write the report to \.: it is a directory/],
    [['--output', 'json=r.json', '--output', 'sarif=./r.json'], /--output names \.\/r\.json twice \(json and sarif\)/],
    [['--output', 'a.txt', '--output', 'b.txt'], /--output names two files for the human report \(a\.txt, b\.txt\)/],
    [['--output', 'sarif='], /--output sarif= names no file/],
    [['--format', 'json', '--format', 'sarif'], /--format given 2 times/],
  ];
  it.each(COMMANDS.map((c) => [c.join(' '), c]))(
    '%s: a bad format or file is exit 2 before scanning',
    async (_name, command) => {
      const { repo } = leakyRepo();
      writeFiles(repo, { 'staged.py': `T = "${fakeHfToken(142)}"\n` });
      git(repo, 'add', 'staged.py');
      for (const [args, message] of BAD) {
        const r = await leaklintIn([...command, '--output', 'json=good.json', ...args], {
          cwd: repo,
          input: `T = "${fakeHfToken(143)}"\n`,
        });
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr).not.toMatch(/scann|audited/);
        expect(existsSync(join(repo, 'good.json'))).toBe(false);
      }
    },
  );

  it('a file inside the repository behind a symlink to outside it is refused before scanning', async () => {
    const { repo } = leakyRepo();
    const outside = tempDir();
    symlinkSync(outside, join(repo, 'reports'));
    const r = await leaklintIn(['diff', 'HEAD~1..HEAD', '--output', 'sarif=reports/r.sarif'], { cwd: repo });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/refusing to write reports\/r\.sarif: .*outside/);
    expect(r.stderr).not.toContain('scanning');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('is checked before reading: stdin that never ends is not waited for', async () => {
    const { main } = await import('../../src/cli/main.js');
    const stdin = new PassThrough(); // never ended: a scan would wait for it
    const written: string[] = [];
    const sink = () => new Writable({ write: (c, _e, done) => (written.push(String(c)), done()) });
    const code = await Promise.race([
      main(['stdin', '--output', 'sarfi=x'], { stdin, stdout: sink(), stderr: sink(), cwd: tempDir(), env: {} }),
      new Promise((resolve) => setTimeout(() => resolve('still reading stdin'), 3000)),
    ]);
    expect(code).toBe(2);
    expect(written.join('')).toContain('unknown format: sarfi');
  });
});

describe('the job summary ($GITHUB_STEP_SUMMARY)', () => {
  it('is appended with --format github or --step-summary, not otherwise, and never holds the raw secret', async () => {
    const { repo, token } = leakyRepo();
    const summary = join(tempDir(), 'summary.md');
    const run = async (...args: string[]) => {
      writeFileSync(summary, 'earlier step text\n');
      const r = await leaklintIn(['diff', 'HEAD~1..HEAD', ...args], {
        cwd: repo,
        env: { GITHUB_STEP_SUMMARY: summary },
      });
      expect(r.status, r.stderr).toBe(1);
      return readFileSync(summary, 'utf8');
    };
    const github = await run('-f', 'github', '--show-secrets');
    expect(github).toMatch(/^earlier step text\n### leaklint: 1 finding\n/);
    expect(github).toContain('<code>a.py:1</code>');
    expect(github).not.toContain(middle(token));
    expect(await run('-f', 'json', '--step-summary')).toContain('<code>a.py:1</code>');
    expect(await run('-f', 'json', '--output', `github=${join(tempDir(), 'gh.txt')}`)).toContain('<code>a.py:1</code>');
    expect(await run('-f', 'json')).toBe('earlier step text\n');
    expect(await run('-f', 'github', '--no-step-summary')).toBe('earlier step text\n');
  });

  it('a summary that cannot be written is a warning; the findings still decide the exit', async () => {
    const { repo } = leakyRepo();
    const r = await leaklintIn(['diff', 'HEAD~1..HEAD', '-f', 'github'], {
      cwd: repo,
      env: { GITHUB_STEP_SUMMARY: join(tempDir(), 'no', 'dir', 'summary.md') },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('::error file=a.py');
    expect(r.stderr).toContain('warning: cannot append the job summary');
  });

  const finding = (i: number, file: string): Finding => ({
    ruleId: 'huggingface-user-token',
    provider: 'huggingface',
    severity: i % 2 ? 'warning' : 'error',
    message: 'Hugging Face user access token',
    file,
    line: i + 1,
    column: 1,
    endLine: i + 1,
    endColumn: 10,
    secret: `hf_secret${i}`,
    preview: 'hf_****abcd',
    fingerprint: String(i),
    origin: { kind: 'worktree' },
    kind: 'content',
  });
  const summaryOf = (findings: Finding[], warnings: string[] = []) => {
    const result: ScanResult = {
      findings,
      suppressed: [],
      stats: { ...emptyStats(), files: 3, warnings },
      moment: 'files',
    };
    return stepSummaryReporter({ result, rules: new Map(), showSecrets: true, color: false, quiet: false });
  };

  it('stays under its size cap and counts the findings it leaves out, errors listed first', () => {
    const findings = Array.from({ length: 5000 }, (_, i) => finding(i, `${'deep/'.repeat(80)}f${i}.py`));
    const text = summaryOf(
      findings,
      Array.from({ length: 50 }, (_, i) => `warning ${i}`),
    );
    expect(Buffer.byteLength(text)).toBeLessThan(SUMMARY_MAX_BYTES);
    const rows = text.split('\n').filter((l) => l.startsWith('<tr><td>'));
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.length).toBeLessThanOrEqual(SUMMARY_MAX_ROWS);
    expect(rows.every((r) => r.startsWith('<tr><td>error<'))).toBe(true);
    expect(text).toContain(`…and ${5000 - rows.length} more findings not listed here`);
    expect(text).toContain('…and 30 more warnings');
    expect(text).not.toContain('hf_secret');
  });

  it('says when the scan is incomplete', () => {
    const result: ScanResult = {
      findings: [],
      suppressed: [],
      stats: { ...emptyStats(), files: 3, unread: 2 },
      moment: 'audit',
    };
    const text = stepSummaryReporter({ result, rules: new Map(), showSecrets: false, color: false, quiet: false });
    expect(text).toContain('### leaklint: no findings');
    expect(text).toContain('2 could not be read: the scan is incomplete');
  });

  it('shows control characters and bidirectional overrides as escapes, so no name ends the table or reads as another', () => {
    const text = summaryOf([finding(0, 'a\nb\r<td>\u202Egp.exe\u0000.py')], ['bad\n\n# heading']);
    expect(text).toContain('<code>a\\u{a}b\\u{d}&lt;td&gt;\\u{202e}gp.exe\\u{0}.py:1</code>');
    expect(text).toContain('<li>bad\\u{a}\\u{a}# heading</li>');
    expect(text.split('\n').filter((l) => l.startsWith('<tr><td>'))).toHaveLength(1);
  });
});

describe('SARIF security-severity', () => {
  it('follows a severity set in the configuration', async () => {
    const { repo } = leakyRepo();
    writeFiles(repo, { 'leaklint.config.json': JSON.stringify({ severity: { 'huggingface-user-token': 'warning' } }) });
    const r = await leaklintIn(['files', '-f', 'sarif'], { cwd: repo });
    expect(r.status, r.stderr).toBe(0);
    const rule = JSON.parse(r.stdout).runs[0].tool.driver.rules[0];
    expect(rule.id).toBe('huggingface-user-token');
    expect(rule.properties['security-severity']).toBe('5.0');
  });
});
