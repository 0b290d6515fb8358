// Shared test plumbing: the built CLI, temp dirs and real git repositories.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { ContentRule, MatchContext, RuleMatch } from '../src/types.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'leaklint.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the built binary as a user would. */
export function leaklint(
  args: string[],
  opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...opts.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Text written to a stream, kept as one string. */
class Captured extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Run the CLI in this process through `main(argv, io)`: the source as it is
 * now (no build involved), without a Node start-up per call. Use `leaklint`
 * where the process itself is under test (exit codes set by bin/, signals,
 * start-up, hooks, the launcher's early git for `staged`, a terminal), for
 * the worker threads (only dist/ has their file), and where `env` must reach
 * leaklint's git too (HOME, PATH, GIT_*, LEAKLINT_WORKERS): here `env` goes
 * to `io.env` only, and git gets this process's environment.
 */
export async function leaklintIn(
  args: string[],
  opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const { main } = await import('../src/cli/main.js');
  const stdout = new Captured();
  const stderr = new Captured();
  const status = await main(args, {
    stdout,
    stderr,
    stdin: Readable.from([opts.input ?? '']),
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...opts.env },
  });
  return { status, stdout: stdout.text, stderr: stderr.text };
}

/** Temporary directories this test file made: removed once its tests are done, so runs leave the temp dir as they found it. */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
    } catch {
      // A directory a test made unreadable stays behind; it is in the OS temp dir.
    }
  }
});

export function tempDir(prefix = 'leaklint-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [name, content] of Object.entries(files)) {
    const full = join(dir, name);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/** A fixed identity and no user or system git configuration, for every git the tests run. */
export const GIT_TEST_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test Author',
  GIT_AUTHOR_EMAIL: 'author@example.com',
  GIT_COMMITTER_NAME: 'Test Author',
  GIT_COMMITTER_EMAIL: 'author@example.com',
} as const;

/** Run git in `cwd` with a fixed identity and no global configuration. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...GIT_TEST_ENV },
  });
}

/** A fresh repository with `main` as its branch. */
export function tempRepo(): string {
  const dir = tempDir('leaklint-repo-');
  git(dir, 'init', '-q', '-b', 'main');
  return dir;
}

/** A fake Hugging Face token of the right shape (letters only, mixed case). */
export function fakeHfToken(seed = 1): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  let x = seed * 2654435761;
  let body = '';
  for (let i = 0; i < 34; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    body += letters[x % 52];
  }
  return `hf_${body}`;
}

/** Write `files`, stage everything and commit; returns the new commit's sha. */
export function commit(repo: string, files: Record<string, string | Buffer>, message: string): string {
  writeFiles(repo, files);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD').trim();
}

/**
 * Two branches that conflict on f.txt, merged with `resolution` as the
 * resolved content: text that exists only in the merge commit. Returns the
 * base commit and the merge commit.
 */
export function conflictedMerge(repo: string, resolution: string): { base: string; merge: string } {
  const base = commit(repo, { 'f.txt': 'base\n' }, 'base');
  git(repo, 'checkout', '-q', '-b', 'side');
  commit(repo, { 'f.txt': 'side\n' }, 'side');
  git(repo, 'checkout', '-q', 'main');
  commit(repo, { 'f.txt': 'main\n' }, 'main');
  try {
    git(repo, 'merge', '-q', 'side');
  } catch {
    // the conflict is the point
  }
  writeFiles(repo, { 'f.txt': resolution });
  git(repo, 'add', 'f.txt');
  git(repo, 'commit', '-q', '--no-edit');
  return { base, merge: git(repo, 'rev-parse', 'HEAD').trim() };
}

/**
 * A stand-in content rule that records every window the engine hands it and
 * reports each occurrence of `needle` (with `secretOf(match)` as its secret
 * when given), so a test can say exactly what the engine does with rules.
 */
export function spyRule(
  id: string,
  keywords: string[],
  needle: RegExp,
  extra: Partial<ContentRule> = {},
  secretOf?: (match: string) => string,
) {
  const windows: string[] = [];
  const rule: ContentRule = {
    kind: 'content',
    id,
    provider: 'spy',
    title: `spy ${id}`,
    why: 'records what the engine hands it',
    severity: 'error',
    remediation: {},
    keywords,
    match(text: string, _ctx: MatchContext): RuleMatch[] {
      windows.push(text);
      const out: RuleMatch[] = [];
      const re = new RegExp(needle.source, 'g');
      for (let m = re.exec(text); m; m = re.exec(text))
        out.push({ start: m.index, end: m.index + m[0].length, ...(secretOf ? { secret: secretOf(m[0]) } : {}) });
      return out;
    },
    ...extra,
  };
  return { rule, windows };
}

/** Cases per property test: bounded for `npm test`, larger under `npm run fuzz`. */
export function runs(normal: number): number {
  const fuzz = Number(process.env.LEAKLINT_FUZZ_RUNS ?? 0);
  return fuzz > 0 ? Math.max(normal, fuzz) : normal;
}

/**
 * A `git` first on PATH that notes each call's arguments (after the options
 * leaklint puts before every subcommand), then runs the real git.
 */
export function gitCallLog(): { env: NodeJS.ProcessEnv; calls: () => string[][] } {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const dir = tempDir('leaklint-git-log-');
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  const shim = join(dir, 'git');
  writeFileSync(shim, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`);
  chmodSync(shim, 0o755);
  return {
    env: { PATH: `${dir}:${process.env.PATH ?? ''}` },
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => (line.split('--no-pager ')[1] ?? line).split(' ')),
  };
}
