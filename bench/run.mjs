#!/usr/bin/env node
// `npm run bench`: leaklint against the floor and its peers on reproducible
// corpora (or any local repository), whole processes, several runs each.
// Writes bench/results.md and exits non-zero when leaklint's findings on the
// planted secrets are wrong.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, loadavg, totalmem, release, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './corpus.mjs';
import { ML_VARIANTS, ensureMlCorpus } from './ml-corpus.mjs';
import { plantedSecrets } from './secrets.mjs';
import { hasGnuTime, measure } from './measure.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const project = resolve(here, '..');
const LEAKLINT = join(project, 'bin', 'leaklint.js');
// The peers live in the bench's own install (bench/package.json), not in leaklint's dependencies.
const SECRETLINT = join(here, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const DIFF_COMMITS = 200;
const STAGED_FILES = 10;

const USAGE = `usage: npm run bench -- [--quick | --big | --repo PATH] [options]

  --quick          the small corpus (default): a few minutes
  --big            the big corpus (>= 10,000 commits, >= 1 GB of unique blobs); built once, ~5 min
  --repo PATH      any local repository instead of a corpus (no planted-secret check)
  --ml [VARIANT]   a corpus shaped like an ML repository (6,000 commits, 5,000 refs, 300 planted
                   credentials, a 1,000-key config over 500 versions, notebooks with outputs);
                   VARIANT: ${Object.keys(ML_VARIANTS).join(', ')} (default ml); history only unless --only
  --scaling        history on ml, ml-refs2 (twice the refs) and ml-findings2 (twice the findings):
                   time ratios against ml, written to bench/results-scaling.md
  --runs N         timed runs per command (default 5 quick, 3 big)
  --only LIST      comma-separated subset of: history,diff,files,staged
  --cache DIR      where corpora and tarballs are kept (default $LEAKLINT_BENCH_CACHE,
                   else $XDG_CACHE_HOME/leaklint-bench, else ~/.cache/leaklint-bench)
  --out FILE       results file (default bench/results.md for --big, bench/results-small.md otherwise)
  --keep-env       keep NODE_EXTRA_CA_CERTS and NODE_OPTIONS for the measured commands`;

function parseArgs(argv) {
  const opts = {
    corpus: 'small',
    runs: undefined,
    only: ['history', 'diff', 'files', 'staged'],
    keepEnv: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--quick') opts.corpus = 'small';
    else if (a === '--big') opts.corpus = 'big';
    else if (a === '--repo') opts.repo = resolve(value());
    else if (a === '--ml') {
      opts.ml = argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : 'ml';
      if (!ML_VARIANTS[opts.ml]) throw new Error(`unknown ML corpus ${opts.ml}\n${USAGE}`);
    } else if (a === '--scaling') opts.scaling = true;
    else if (a === '--runs') opts.runs = Number(value());
    else if (a === '--only') opts.only = value().split(',');
    else if (a === '--cache') opts.cache = resolve(value());
    else if (a === '--out') opts.out = resolve(value());
    else if (a === '--keep-env') opts.keepEnv = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}\n${USAGE}`);
  }
  if ((opts.ml || opts.scaling) && !argv.includes('--only')) opts.only = ['history'];
  if (opts.ml && !argv.includes('--out')) opts.out = join(here, `results-${opts.ml}.md`);
  opts.runs ??= (opts.corpus === 'big' || opts.ml) && !opts.repo ? 3 : 5;
  // The big corpus's results are the main page; the small corpus (the default run) has its own.
  opts.out ??= join(here, opts.corpus === 'big' ? 'results.md' : 'results-small.md');
  opts.cache ??=
    process.env.LEAKLINT_BENCH_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'leaklint-bench');
  return opts;
}

function log(msg) {
  process.stderr.write(`${msg}\n`);
}

function sh(cmd, cwd, env) {
  const r = spawnSync('sh', ['-c', cmd], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { status: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function version(cmd) {
  const r = sh(`${cmd} 2>/dev/null`);
  return r.status === 0 ? r.stdout.trim().split('\n')[0] : undefined;
}

function quote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The measured commands run in one environment: no CI variables (the ranges
 * are explicit), no extra CA bundle unless asked, and a compiled-code cache
 * of their own, empty at the start: each command's warm-up run writes the
 * cache its timed runs use, as a hook's first run does for the next. With
 * the user's cache, the timed runs used whatever run wrote it first (a test
 * of an unusual case compiles little of what a plain run needs: `staged`
 * took 74 ms instead of 60).
 */
function benchEnv(keep) {
  const env = { ...process.env, NO_COLOR: '1' };
  for (const k of Object.keys(env)) if (/^(CI|GITHUB_.*|GITLAB_.*|CI_.*|PRE_COMMIT_.*)$/.test(k)) delete env[k];
  if (!keep) {
    delete env.NODE_EXTRA_CA_CERTS;
    delete env.NODE_OPTIONS;
  }
  const codeCache = mkdtempSync(join(tmpdir(), 'leaklint-bench-code-'));
  process.on('exit', () => rmSync(codeCache, { recursive: true, force: true }));
  env.LEAKLINT_CACHE_DIR = codeCache;
  return env;
}

/** leaklint's JSON report for a command, raw secrets included, for the findings check. */
function leaklintJson(args, cwd, env) {
  const r = spawnSync('node', [LEAKLINT, ...args, '--format', 'json', '--show-secrets'], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`leaklint ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout);
}

/** Planted findings must all be there, each exactly once; anything else is counted, not judged. */
function checkFindings(label, report, expected, failures) {
  const found = report.findings.filter((f) => f.kind !== 'path');
  const lines = [];
  for (const want of expected) {
    const hits = found.filter((f) => f.ruleId === want.ruleId && f.secret === want.secret);
    if (hits.length !== 1 || hits[0].file !== want.file) {
      failures.push(
        `${label}: expected one ${want.ruleId} finding in ${want.file}, got ${hits.length}${hits[0] ? ` (in ${hits[0].file})` : ''}`,
      );
    }
  }
  const plantedValues = new Set([...Object.values(plantedSecrets()), ...expected.map((e) => e.secret)]);
  const others = report.findings.filter((f) => !plantedValues.has(f.secret));
  const stray = found.filter((f) => plantedValues.has(f.secret) && !expected.some((e) => e.secret === f.secret));
  for (const f of stray)
    failures.push(`${label}: a planted secret that should not be seen here was reported (${f.ruleId} in ${f.file})`);
  lines.push(
    `${expected.length} planted found${others.length ? `, ${others.length} other finding${others.length === 1 ? '' : 's'} from the packages' own content` : ''}`,
  );
  return lines.join('; ');
}

/** The unique blobs reachable from every ref, in pack order (the cheapest order for cat-file: the floor). */
function writeBlobList(repo, file, env) {
  const reachable = sh('git rev-list --objects --all | cut -d" " -f1', repo, env).stdout.split('\n').filter(Boolean);
  const wanted = new Set(reachable);
  const all = sh(
    "git cat-file --batch-all-objects --unordered --batch-check='%(objecttype) %(objectname)'",
    repo,
    env,
  ).stdout.split('\n');
  const blobs = [];
  for (const line of all) {
    const [type, oid] = line.split(' ');
    if (type === 'blob' && wanted.has(oid)) blobs.push(oid);
  }
  writeFileSync(file, blobs.length ? `${blobs.join('\n')}\n` : '');
  return blobs.length;
}

/** A clone of the repository with ten files changed and staged, one of them holding a planted token. */
function stagedWorkspace(repo, cache, key, env, secret) {
  const dir = join(cache, `staged-${key}`);
  rmSync(dir, { recursive: true, force: true });
  const c = sh(`git clone -q --shared ${quote(repo)} ${quote(dir)}`, cache, env);
  if (c.status !== 0) throw new Error(`git clone failed: ${c.stderr}`);
  const files = sh('git ls-files', dir, env)
    .stdout.split('\n')
    .filter((f) => /\.(js|ts|mjs|cjs|json|md|py|txt)$/.test(f));
  if (files.length < STAGED_FILES) throw new Error(`${repo} has fewer than ${STAGED_FILES} text files to stage`);
  const step = Math.floor(files.length / STAGED_FILES);
  const chosen = Array.from({ length: STAGED_FILES }, (_, i) => files[i * step]);
  chosen.forEach((f, i) => {
    const line = i === 0 && secret ? `\nconst HF_TOKEN = "${secret}";\n` : `\n// staged edit ${i}\n`;
    appendFileSync(join(dir, f), line);
  });
  const a = sh(`git add -- ${chosen.map(quote).join(' ')}`, dir, env);
  if (a.status !== 0) throw new Error(`git add failed: ${a.stderr}`);
  return { dir, file: chosen[0] };
}

function fmt(s) {
  return s >= 10 ? s.toFixed(1) : s >= 1 ? s.toFixed(2) : s.toFixed(3);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const env = benchEnv(opts.keepEnv);
  if (!existsSync(join(project, 'dist', 'leaklint.cjs')))
    throw new Error('leaklint is not built: run `npm run build:dist` first');
  const notes = [];
  const gnuTime = hasGnuTime();
  if (!gnuTime)
    notes.push('GNU time (/usr/bin/time) is missing: peak RSS is not measured (Debian: apt-get install time).');
  const rg = version('rg --version');
  if (!rg) notes.push('ripgrep is missing: the ripgrep comparison is skipped (Debian: apt-get install ripgrep).');
  const secretlint = existsSync(SECRETLINT) ? version(`node ${quote(SECRETLINT)} --version`) : undefined;
  if (!secretlint)
    notes.push(
      'secretlint is not installed (`npm install --prefix bench` installs the peers the bench compares with): the secretlint comparison is skipped.',
    );
  for (const n of notes) log(`note: ${n}`);

  let repo;
  let stats;
  let label;
  if (opts.scaling) return scaling(opts, env);
  if (opts.repo) {
    repo = opts.repo;
    label = `local repository ${repo}`;
  } else if (opts.ml) {
    mkdirSync(opts.cache, { recursive: true });
    const built = await ensureMlCorpus(opts.ml, opts.cache, log);
    repo = built.dir;
    stats = built.stats;
    label = `${opts.ml} corpus`;
  } else {
    mkdirSync(opts.cache, { recursive: true });
    const built = await ensureCorpus(opts.corpus, opts.cache, log);
    repo = built.dir;
    stats = built.stats;
    label = `${opts.corpus} corpus`;
  }
  const key = opts.repo ? 'repo' : (opts.ml ?? opts.corpus);
  const commitCount = Number(sh('git rev-list --count --all', repo, env).stdout.trim());
  const planted = stats?.planted ?? [];
  const failures = [];
  const sections = [];
  const ratios = [];
  const loadBefore = loadavg();
  const t0 = Date.now();
  // Timed runs start leaklint as a user would; one more run with the RSS probe reads the Node process's own peak
  // (loading it through --import starts Node's ES module loader, ~20 ms no user pays).
  const node = `node ${quote(LEAKLINT)}`;
  const probed = `node --import ${quote(join(here, 'rss-probe.mjs'))} ${quote(LEAKLINT)}`;
  const leaklint = (args) => ({ cmd: `${node} ${args}`, probe: `${probed} ${args}` });

  const scenario = (title, cwd, commands, check, rssTarget) => {
    log(`\n== ${title}`);
    const rows = [];
    for (const c of commands) {
      if (c.skip) {
        rows.push({ ...c, result: undefined });
        log(`  ${c.name}: skipped (${c.skip})`);
        continue;
      }
      const result = measure(c.cmd, { cwd, env, runs: c.runs ?? opts.runs, warmup: c.warmup ?? 1, probe: c.probe });
      log(
        `  ${c.name}: median ${fmt(result.median)} s (${fmt(result.min)}–${fmt(result.max)})${result.rssMB !== undefined ? `, peak RSS ${result.rssMB.toFixed(0)} MB` : ''}${result.nodeRssMB !== undefined ? ` (leaklint process ${result.nodeRssMB.toFixed(0)} MB)` : ''}`,
      );
      rows.push({ ...c, result });
    }
    const base = rows[0].result;
    const table = [
      '| command | median s | min–max s | leaklint ÷ this | peak RSS MB | leaklint process RSS MB |',
      '|---|---:|---:|---:|---:|---:|',
    ];
    for (const r of rows) {
      if (!r.result) {
        table.push(`| ${r.name} | skipped: ${r.skip} | | | | |`);
        continue;
      }
      const ratio = base.median / r.result.median;
      table.push(
        `| ${r.name} | ${fmt(r.result.median)} | ${fmt(r.result.min)}–${fmt(r.result.max)} | ${r === rows[0] ? '—' : ratio.toFixed(2)} | ${r.result.rssMB !== undefined ? r.result.rssMB.toFixed(0) : 'n/a'} | ${r.result.nodeRssMB !== undefined ? r.result.nodeRssMB.toFixed(0) : ''} |`,
      );
      if (r.target)
        ratios.push({
          what: r.target.what,
          goal: r.target.goal,
          value: r.target.invert ? r.result.median / base.median : ratio,
          invert: r.target.invert,
        });
    }
    const cmds = rows
      .filter((r) => r.result)
      .map(
        (r) =>
          `- ${r.name}: \`${r.cmd.replaceAll(project, '<project>').replaceAll(repo, '<repo>').replaceAll(opts.cache, '<cache>')}\``,
      );
    sections.push(
      `### ${title}\n\n${table.join('\n')}\n\n${check ? `Findings check: ${check}\n\n` : ''}Commands (run in ${cwd === repo ? 'the repository' : 'a clone with staged edits'}):\n\n${cmds.join('\n')}\n`,
    );
    if (rssTarget && base.nodeRssMB !== undefined)
      ratios.push({ what: rssTarget, goal: 300, value: base.nodeRssMB, absolute: true });
  };

  if (opts.only.includes('history')) {
    const check = planted.length
      ? checkFindings('history', leaklintJson(['history'], repo, env), planted, failures)
      : undefined;
    const list = join(opts.cache, `blobs-${key}.txt`);
    mkdirSync(opts.cache, { recursive: true });
    const blobs = writeBlobList(repo, list, env);
    scenario(
      `History audit (${commitCount} commits, ${blobs} unique blobs)`,
      repo,
      [
        { name: 'leaklint history', ...leaklint('history --format json') },
        {
          name: 'floor: git cat-file --batch (same blobs)',
          cmd: `git cat-file --batch < ${quote(list)}`,
          target: { what: 'history ÷ cat-file floor', goal: 1.5 },
        },
        { name: 'git log -p --all', cmd: 'git log -p --all', runs: Math.min(opts.runs, 3) },
      ],
      check,
      'history peak RSS (MB)',
    );
  }

  if (opts.only.includes('diff')) {
    const depth = Math.min(DIFF_COMMITS, commitCount - 1);
    const range = `HEAD~${depth}..HEAD`;
    const expected = planted.filter((p) => p.lastCommits);
    const check = planted.length
      ? checkFindings('diff', leaklintJson(['diff', range], repo, env), expected, failures)
      : undefined;
    scenario(
      `Diff over a ${depth}-commit range (${range})`,
      repo,
      [
        { name: `leaklint diff ${range}`, ...leaklint(`diff ${range} --format json`) },
        {
          name: `git log -p -U0 ${range}`,
          cmd: `git log -p -U0 ${range}`,
          target: { what: 'diff ÷ git log -p -U0', goal: 1.5 },
        },
      ],
      check,
    );
  }

  if (opts.only.includes('files')) {
    const expected = planted.filter((p) => p.inHead);
    const check = planted.length
      ? checkFindings('files', leaklintJson(['files'], repo, env), expected, failures)
      : undefined;
    const files = sh('git ls-files | wc -l', repo, env).stdout.trim();
    // ripgrep's keyword pass: every keyword of leaklint's content rules, as fixed strings, any case.
    mkdirSync(opts.cache, { recursive: true });
    const keywordFile = join(opts.cache, 'keywords.txt');
    const rules = JSON.parse(sh(`node ${quote(LEAKLINT)} rules --format json`, repo, env).stdout);
    const keywords = [...new Set(rules.flatMap((r) => r.keywords ?? []))];
    writeFileSync(keywordFile, `${keywords.join('\n')}\n`);
    scenario(
      `Working-tree scan (${files} tracked files)`,
      repo,
      [
        { name: 'leaklint files', ...leaklint('files --format json') },
        rg
          ? {
              name: `ripgrep's keyword pass (rg -i -F -c, leaklint's ${keywords.length} keywords)`,
              cmd: `rg --no-config -i -F -c -f ${quote(keywordFile)} .`,
              target: { what: 'files ÷ ripgrep keyword pass', goal: 3 },
            }
          : { name: 'ripgrep', skip: 'rg not installed' },
        secretlint
          ? {
              name: `secretlint ${secretlint} + preset-recommend`,
              cmd: `node ${quote(SECRETLINT)} --secretlintrc ${quote(join(here, 'secretlintrc.json'))} --format json '**/*'`,
              runs: Math.min(opts.runs, 3),
              target: { what: 'secretlint ÷ files (≥)', goal: 3, invert: true },
            }
          : { name: 'secretlint', skip: 'not installed' },
      ],
      check,
    );
  }

  if (opts.only.includes('staged')) {
    const secret = planted.length ? plantedSecrets().hfStaged : undefined;
    const ws = stagedWorkspace(repo, opts.cache, key, env, secret);
    const check = secret
      ? checkFindings(
          'staged',
          leaklintJson(['staged'], ws.dir, env),
          [{ ruleId: 'huggingface-user-token', file: ws.file, secret }],
          failures,
        )
      : undefined;
    scenario(
      `Pre-commit: leaklint staged on a ${STAGED_FILES}-file commit`,
      ws.dir,
      [
        { name: 'leaklint staged', cmd: `${node} staged --format json`, runs: Math.max(opts.runs, 10) },
        {
          name: 'node -e 0',
          cmd: 'node -e 0',
          runs: Math.max(opts.runs, 10),
          target: { what: 'staged ÷ node -e 0', goal: 2 },
        },
        { name: 'git diff --cached', cmd: 'git diff --cached', runs: Math.max(opts.runs, 10) },
      ],
      check,
    );
    rmSync(ws.dir, { recursive: true, force: true });
  }

  const loadAfter = loadavg();
  const minutes = ((Date.now() - t0) / 60000).toFixed(1);
  const head = sh('git rev-parse --short HEAD', project).stdout.trim();
  const dirty = sh('git status --porcelain -- src rules bin', project).stdout.trim()
    ? ' (with uncommitted changes)'
    : '';
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  const targetRows = ratios.map((r) => {
    const met = r.absolute ? r.value <= r.goal : r.invert ? r.value >= r.goal : r.value <= r.goal;
    const shown = r.absolute ? r.value.toFixed(0) : `${r.value.toFixed(2)}×`;
    const goal = r.absolute ? `≤ ${r.goal}` : r.invert ? `≥ ${r.goal}×` : `≤ ${r.goal}×`;
    return `| ${r.what} | ${goal} | ${shown} | ${met ? 'met' : 'missed'} |`;
  });
  const corpusLine =
    stats?.refs !== undefined
      ? `${label}: ${stats.commits} commits, ${stats.refs} refs, ${(stats.uniqueBytes / 1e6).toFixed(0)} MB of blob content written, ${stats.planted.length} planted fake credentials (Hugging Face and Prefect, in modules and notebooks)`
      : stats
        ? `${label}: ${stats.commits} commits, ${stats.uniqueBlobs} unique blobs, ${(stats.uniqueBytes / 1e6).toFixed(0)} MB of unique blob content, from ${stats.packages.map((p) => `${p.name} (${p.versions.length} versions)`).join(', ')}; planted: ${stats.planted.length} fake secrets`
        : label;
  const md = `# leaklint benchmark results

Reproduce: \`npm run build:dist && npm run bench${opts.repo ? ' -- --repo PATH' : opts.ml ? ` -- --ml ${opts.ml}` : opts.corpus === 'big' ? ' -- --big' : ''}\` (see docs/performance.md).

- Date: ${new Date().toISOString()}
- Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}
- Load average before / after: ${loadBefore.map((x) => x.toFixed(2)).join(' ')} / ${loadAfter.map((x) => x.toFixed(2)).join(' ')} (above ~0.5 means other work shared the ${cpus().length} cores and the times are noisy)
- Versions: leaklint ${pkg.version} (${head}${dirty}), node ${process.version}, ${version('git --version')}${rg ? `, ${rg}` : ''}${secretlint ? `, secretlint ${secretlint}` : ''}
- Corpus: ${corpusLine}
- Runs: ${opts.runs} timed runs per command after one warm-up (the page cache is warm), except where noted in the tables; wall time of the whole process; peak RSS is GNU time's maximum resident set size of the largest process of the command (for git that includes its mapped pack files); "leaklint process RSS" is the Node process's own peak, written at exit by bench/rss-probe.mjs
- Environment: NO_COLOR=1, CI variables removed${opts.keepEnv ? '' : ', NODE_EXTRA_CA_CERTS and NODE_OPTIONS removed (an extra CA bundle alone doubles Node start-up)'}; ${minutes} minutes in all
${notes.map((n) => `- Note: ${n}\n`).join('')}
## Targets

| what | target | measured | |
|---|---|---|---|
${targetRows.join('\n')}

## Measurements

${sections.join('\n')}`;
  writeFileSync(opts.out, md);
  log(`\nwrote ${opts.out}`);
  if (failures.length) {
    log('\nFINDINGS CHECK FAILED:');
    for (const f of failures) log(`  - ${f}`);
    process.exitCode = 1;
  }
}

/**
 * Does history stay linear in refs and findings? The same 6,000-commit
 * history with 5,000 and 10,000 refs, and with 300 and 600 planted
 * credentials: doubling either should add at most 10 % (the extra findings
 * and refs are a small share of the work when attribution is linear).
 */
async function scaling(opts, env) {
  mkdirSync(opts.cache, { recursive: true });
  const rows = [];
  const failures = [];
  const loadBefore = loadavg();
  for (const name of Object.keys(ML_VARIANTS)) {
    const { dir, stats } = await ensureMlCorpus(name, opts.cache, log);
    checkFindings(name, leaklintJson(['history'], dir, env), stats.planted, failures);
    rows.push({ name, stats, dir, times: [] });
  }
  // Round by round, one run of each corpus in turn (after one warm-up each): a machine whose speed drifts
  // over the minutes of the bench slows all three alike, and each ratio is the median of the rounds' ratios.
  for (let round = 0; round < opts.runs; round++)
    for (const r of rows) {
      const one = measure(`node ${quote(LEAKLINT)} history --format json`, {
        cwd: r.dir,
        env,
        runs: 1,
        warmup: round === 0 ? 1 : 0,
      });
      r.times.push(one.median);
    }
  const median = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  for (const r of rows) {
    r.result = { median: median(r.times), min: Math.min(...r.times), max: Math.max(...r.times) };
    log(`  ${r.name}: median ${fmt(r.result.median)} s (${fmt(r.result.min)}–${fmt(r.result.max)})`);
  }
  const table = [
    '| corpus | refs | planted | median s | min–max s | ÷ ml (median of the rounds) | target |',
    '|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    const ratio = median(r.times.map((t, i) => t / rows[0].times[i]));
    table.push(
      `| ${r.name} | ${r.stats.refs} | ${r.stats.planted.length} | ${fmt(r.result.median)} | ${fmt(r.result.min)}–${fmt(r.result.max)} | ${r === rows[0] ? '—' : ratio.toFixed(2)} | ${r === rows[0] ? '' : `≤ 1.10 ${ratio <= 1.1 ? 'met' : 'missed'}`} |`,
    );
  }
  const out = join(here, 'results-scaling.md');
  writeFileSync(
    out,
    `# History scaling in refs and findings\n\nReproduce: \`npm run build:dist && npm run bench -- --scaling\`\n\n- Date: ${new Date().toISOString()}\n- Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores; load average before / after: ${loadBefore.map((x) => x.toFixed(2)).join(' ')} / ${loadavg()
      .map((x) => x.toFixed(2))
      .join(
        ' ',
      )}\n- ${opts.runs} rounds of one timed run of each corpus in turn, after one warm-up each; \`leaklint history --format json\`\n\n${table.join('\n')}\n${failures.length ? `\nFindings check failed:\n${failures.map((f) => `- ${f}`).join('\n')}\n` : '\nFindings check: every planted credential found once in each corpus.\n'}`,
  );
  log(`\nwrote ${out}`);
  if (failures.length) process.exitCode = 1;
}

main().catch((e) => {
  log(`bench: ${e.message}`);
  process.exitCode = 2;
});
