#!/usr/bin/env node
// `npm run precision`: leaklint's error findings on the full histories of
// public ML repositories, each judged against a triage file written by a
// person (bench/precision/<name>.json): credential, test credential, or not
// a credential. The repositories are not kept here: bench/precision/repos.json
// names them and the default branch's commit at triage time; a mirror clone
// is made into the cache (or taken from --mirrors DIR, one
// `<owner>+<name>/repo` per repository) and every ref of it is walked, so a
// newer mirror shows its new findings as untriaged. Triage keys hold the rule,
// file, first commit and redacted preview (the report's `secret` without
// --show-secrets), never a raw value.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const project = resolve(here, '..');
const LEAKLINT = join(project, 'bin', 'leaklint.js');
const CLASSES = ['credential', 'test credential', 'not a credential'];

const USAGE = `usage: npm run precision -- [--mirrors DIR] [--cache DIR] [--only NAME,...] [--write-untriaged]

  --mirrors DIR       local mirror clones, DIR/<owner>+<name>/repo (else cloned from GitHub into the cache)
  --cache DIR         where mirror clones are kept (default as npm run bench)
  --only LIST         a subset of the repositories in bench/precision/repos.json
  --write-untriaged   add untriaged error findings to the triage files with class "?" for a person to judge`;

function parseArgs(argv) {
  const opts = { only: undefined, writeUntriaged: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--mirrors') opts.mirrors = resolve(value());
    else if (a === '--cache') opts.cache = resolve(value());
    else if (a === '--only') opts.only = value().split(',');
    else if (a === '--write-untriaged') opts.writeUntriaged = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  opts.cache ??=
    process.env.LEAKLINT_BENCH_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'leaklint-bench');
  return opts;
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  return r;
}

/** The mirror to walk: a local one when given, else a mirror clone in the cache. */
function mirrorOf(repo, opts) {
  const local = opts.mirrors && join(opts.mirrors, repo.name.replace('/', '+'), 'repo');
  if (local && existsSync(local)) return local;
  const dir = join(opts.cache, 'precision', repo.name.replace('/', '+'));
  if (!existsSync(dir)) {
    mkdirSync(dirname(dir), { recursive: true });
    console.error(`cloning ${repo.url} (mirror) ...`);
    const r = run('git', ['clone', '-q', '--mirror', repo.url, dir]);
    if (r.status !== 0) throw new Error(`git clone ${repo.url} failed: ${r.stderr.trim()}`);
  }
  return dir;
}

/** The key a triage entry is found by: what a person can check, without the raw value. */
export function triageKey(f) {
  return `${f.ruleId} ${f.file} ${String(f.commit ?? '').slice(0, 12)} ${f.secret}`;
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const repos = JSON.parse(readFileSync(join(here, 'precision', 'repos.json'), 'utf8')).repositories.filter(
    (r) => !opts.only || opts.only.includes(r.name),
  );
  const rows = [];
  let failed = false;
  for (const repo of repos) {
    const dir = mirrorOf(repo, opts);
    // Walk what the triage saw: the refs as they were at the triaged snapshot (newer refs are outside the triage).
    const r = run('node', [LEAKLINT, 'history', '--format', 'json'], dir);
    if (r.status !== 0 && r.status !== 1)
      throw new Error(`leaklint history in ${repo.name} exited ${r.status}: ${r.stderr.trim()}`);
    const findings = JSON.parse(r.stdout).findings.filter((f) => f.severity === 'error');
    const triageFile = join(here, 'precision', `${repo.name.replace('/', '+')}.json`);
    const triage = existsSync(triageFile)
      ? JSON.parse(readFileSync(triageFile, 'utf8'))
      : { repository: repo.name, findings: {} };
    const counts = Object.fromEntries([...CLASSES, 'untriaged'].map((c) => [c, 0]));
    const seen = new Set();
    for (const f of findings) {
      seen.add(triageKey(f));
      const entry = triage.findings[triageKey(f)];
      if (entry && CLASSES.includes(entry.class)) counts[entry.class]++;
      else {
        counts.untriaged++;
        if (opts.writeUntriaged && !entry) triage.findings[triageKey(f)] = { class: '?', note: '' };
      }
    }
    if (opts.writeUntriaged) writeFileSync(triageFile, JSON.stringify(triage, null, 2) + '\n');
    // Triaged entries no error finding matches any more: look-alikes a precision fix silenced, or credentials
    // a change lost (a recall regression, which misses the target).
    const gone = Object.fromEntries(CLASSES.map((c) => [c, 0]));
    for (const [key, entry] of Object.entries(triage.findings)) {
      if (seen.has(key) || !CLASSES.includes(entry.class)) continue;
      gone[entry.class]++;
      if (entry.class === 'credential')
        console.error(`${repo.name}: credential no longer reported as an error: ${key}`);
    }
    const notCredential = counts['not a credential'];
    const met = notCredential <= 5 && counts.untriaged === 0 && gone.credential === 0;
    if (!met) failed = true;
    const goneText =
      CLASSES.filter((c) => gone[c] > 0)
        .map((c) => `${gone[c]} ${c}`)
        .join(', ') || '0';
    rows.push(
      `| ${repo.name} | ${repo.commits} | ${findings.length} | ${counts.credential} | ${counts['test credential']} | ${notCredential} | ${counts.untriaged} | ${goneText} | ${met ? 'met' : 'missed'} |`,
    );
    console.error(`${repo.name}: ${findings.length} error findings: ${JSON.stringify(counts)}`);
  }
  const md = `# Precision on public ML repositories\n\nReproduce: \`npm run build:dist && npm run precision\` (clones each repository; \`--mirrors DIR\` uses local mirrors).\nTarget: every error finding is a credential or a test credential; at most 5 not-a-credential errors per repository; no triaged credential lost.\n"no longer reported": triaged entries no error finding matches any more (look-alikes silenced since they were triaged).\n\n| repository | commits | error findings | credential | test credential | not a credential | untriaged | no longer reported | target |\n|---|---:|---:|---:|---:|---:|---:|---|---|\n${rows.join('\n')}\n`;
  writeFileSync(join(here, 'results-precision.md'), md);
  console.log(md);
  if (failed) process.exitCode = 1;
}

main();
