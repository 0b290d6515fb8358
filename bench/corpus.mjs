// Builds a bench corpus: successive published versions of npm packages
// committed one after another (many small commits per version, one per
// directory batch), with a few planted fake secrets, through one
// `git fast-import`. Deterministic: pinned versions, fixed author and dates,
// secrets from a fixed seed. Built once into the cache and reused.
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTarball } from './tar.mjs';
import { plantedSecrets } from './secrets.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** Files a commit holds at most; a version's changed files are split into many commits. */
const FILES_PER_COMMIT = 8;
/** Larger files are left out so every byte the cat-file floor streams is also scanned (leaklint skips > 5 MiB by default). */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const AUTHOR = 'Bench Author <bench@example.invalid>';
const EPOCH = 1577836800; // 2020-01-01T00:00:00Z

export function corpusSpec(name) {
  const all = JSON.parse(readFileSync(join(here, 'corpora.json'), 'utf8'));
  const spec = all[name];
  if (!spec)
    throw new Error(
      `unknown corpus "${name}" (bench/corpora.json has: ${Object.keys(all)
        .filter((k) => k !== 'comment')
        .join(', ')})`,
    );
  return spec;
}

function corpusKey(name) {
  const h = createHash('sha256');
  h.update(JSON.stringify(corpusSpec(name)));
  for (const f of ['corpus.mjs', 'secrets.mjs', 'tar.mjs']) h.update(readFileSync(join(here, f)));
  return h.digest('hex').slice(0, 12);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} failed: ${(r.stderr || r.error?.message || '').trim()}`);
  return r.stdout;
}

/** The tarball of one pinned version, fetched once with `npm pack` into the cache. */
function tarball(cache, name, version) {
  const dir = join(cache, 'tarballs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
  if (!existsSync(file)) {
    const out = run('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', dir], { cwd: dir });
    const packed = join(dir, out.trim().split('\n').pop());
    if (packed !== file) renameSync(packed, file);
  }
  return readFileSync(file);
}

function blobId(data) {
  return createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
}

/** Writes the fast-import stream with back-pressure (the ML corpora use it too). */
export class ImportStream {
  constructor(repo) {
    this.child = spawn('git', ['fast-import', '--quiet', '--done'], {
      cwd: repo,
      stdio: ['pipe', 'inherit', 'inherit'],
    });
    this.closed = new Promise((resolve, reject) =>
      this.child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)))),
    );
    this.commits = 0;
    this.mark = 0;
  }

  async write(data) {
    if (!this.child.stdin.write(data)) await new Promise((r) => this.child.stdin.once('drain', r));
  }

  /** One commit on `ref`; `changes` are { path, data } (added or modified) or { path, deleted: true }. */
  async commit(ref, message, changes, from) {
    const when = EPOCH + this.commits * 3600;
    this.commits++;
    const mark = ++this.mark;
    const msg = Buffer.from(message);
    await this.write(
      `commit ${ref}\nmark :${mark}\nauthor ${AUTHOR} ${when} +0000\ncommitter ${AUTHOR} ${when} +0000\ndata ${msg.length}\n${msg}\n`,
    );
    if (from) await this.write(`from ${from}\n`);
    for (const c of changes) {
      if (c.deleted) await this.write(`D ${c.path}\n`);
      else {
        await this.write(`M 100644 inline ${c.path}\ndata ${c.data.length}\n`);
        await this.write(c.data);
        await this.write('\n');
      }
    }
    await this.write('\n');
    return `:${mark}`;
  }

  async done() {
    await this.write('done\n');
    this.child.stdin.end();
    await this.closed;
  }
}

/** Split changed files into commits: one directory at a time, FILES_PER_COMMIT at most. */
function batches(changes) {
  const out = [];
  let current = [];
  let dir;
  for (const c of [...changes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const d = dirname(c.path);
    if (current.length && (d !== dir || current.length >= FILES_PER_COMMIT)) {
      out.push(current);
      current = [];
    }
    dir = d;
    current.push(c);
  }
  if (current.length) out.push(current);
  return out;
}

function plantedFile(kind, secret) {
  if (kind === 'hf')
    return Buffer.from(
      `# Settings for the training job.\nimport os\n\nMODEL = "distilbert-base-uncased"\nHF_TOKEN = "${secret}"\nBATCH_SIZE = 32\n`,
    );
  return Buffer.from(
    `from prefect import flow\n\nPREFECT_API_KEY = "${secret}"\n\n\n@flow\ndef nightly():\n    return 1\n`,
  );
}

async function build(name, repo, cache, log) {
  const spec = corpusSpec(name);
  const secrets = plantedSecrets();
  run('git', ['init', '-q', '-b', 'main', repo]);
  const stream = new ImportStream(repo);
  const unique = new Map();
  const planted = [];
  const main = 'refs/heads/main';
  let previousCommit;
  let packageIndex = 0;
  const versionsTotal = spec.reduce((n, p) => n + p.versions.length, 0);
  let versionsDone = 0;

  for (const pkg of spec) {
    let previous = new Map(); // path -> blob id, for this package's previous version
    for (let vi = 0; vi < pkg.versions.length; vi++) {
      const version = pkg.versions[vi];
      const files = readTarball(tarball(cache, pkg.name, version)).filter((f) => f.data.length <= MAX_FILE_BYTES);
      const current = new Map();
      const changed = [];
      for (const f of files) {
        const path = `${pkg.name}/${f.path}`;
        const id = blobId(f.data);
        current.set(path, id);
        if (previous.get(path) !== id) changed.push({ path, data: f.data });
        if (!unique.has(id)) unique.set(id, f.data.length);
      }
      const deleted = [...previous.keys()].filter((p) => !current.has(p)).map((path) => ({ path, deleted: true }));
      const groups = batches(changed);
      if (deleted.length) groups.push(deleted);
      const last = packageIndex === spec.length - 1 && vi === pkg.versions.length - 1;
      // The Prefect key lands in the last version, ~100 commits before the end: inside a 200-commit diff range and still in HEAD.
      const prefectAt = last ? Math.max(0, groups.length - 100) : -1;
      for (let gi = 0; gi < groups.length; gi++) {
        if (gi === prefectAt) {
          const data = plantedFile('prefect', secrets.prefect);
          unique.set(blobId(data), data.length);
          previousCommit = await stream.commit(main, 'Add the nightly flow', [{ path: 'deploy/flows.py', data }]);
          planted.push({
            ruleId: 'prefect-user-key',
            file: 'deploy/flows.py',
            secret: secrets.prefect,
            inHead: true,
            lastCommits: true,
          });
        }
        const g = groups[gi];
        previousCommit = await stream.commit(
          main,
          `${pkg.name} ${version}: ${g[0].deleted ? 'remove dropped files' : dirname(g[0].path)} (${g.length} file${g.length === 1 ? '' : 's'})`,
          g,
        );
      }
      // Planted at package boundaries: a token added in the first package's second version and deleted at the
      // start of the second package (history only), and one on a side branch that main never merges.
      if (packageIndex === 0 && vi === 1) {
        const data = plantedFile('hf', secrets.hfHistory);
        unique.set(blobId(data), data.length);
        previousCommit = await stream.commit(main, 'Configure the training job', [{ path: 'app/settings.py', data }]);
        planted.push({
          ruleId: 'huggingface-user-token',
          file: 'app/settings.py',
          secret: secrets.hfHistory,
          inHead: false,
        });
      }
      if (packageIndex === Math.min(1, spec.length - 1) && vi === 0) {
        if (spec.length > 1)
          previousCommit = await stream.commit(main, 'Remove the settings file', [
            { path: 'app/settings.py', deleted: true },
          ]);
        const data = plantedFile('hf', secrets.hfBranch);
        unique.set(blobId(data), data.length);
        await stream.commit(
          'refs/heads/experiment',
          'Try a notebook export',
          [{ path: 'notebooks/explore.py', data }],
          previousCommit,
        );
        planted.push({
          ruleId: 'huggingface-user-token',
          file: 'notebooks/explore.py',
          secret: secrets.hfBranch,
          inHead: false,
          branch: 'experiment',
        });
      }
      previous = current;
      versionsDone++;
      log(`  ${name}: ${pkg.name}@${version} (${versionsDone}/${versionsTotal}), ${stream.commits} commits so far`);
    }
    packageIndex++;
  }
  if (spec.length === 1) {
    // One package: delete the history-only token at the end instead.
    await stream.commit(main, 'Remove the settings file', [{ path: 'app/settings.py', deleted: true }]);
  }
  await stream.done();
  run('git', ['reset', '-q', '--hard', 'main'], { cwd: repo });
  const bytes = [...unique.values()].reduce((a, b) => a + b, 0);
  return { name, commits: stream.commits, uniqueBlobs: unique.size, uniqueBytes: bytes, planted, packages: spec };
}

/** The path of a built corpus (building it first when the cache lacks it) and its stats. */
export async function ensureCorpus(name, cache, log = () => {}) {
  const dir = join(cache, `corpus-${name}-${corpusKey(name)}`);
  const statsFile = `${dir}.json`;
  if (existsSync(statsFile) && existsSync(join(dir, '.git')))
    return { dir, stats: JSON.parse(readFileSync(statsFile, 'utf8')) };
  mkdirSync(cache, { recursive: true });
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  log(`building the ${name} corpus in ${dir} (once; cached afterwards)`);
  const t0 = Date.now();
  const stats = await build(name, tmp, cache, log);
  stats.buildSeconds = Math.round((Date.now() - t0) / 1000);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  writeFileSync(statsFile, JSON.stringify(stats, null, 2));
  log(
    `built ${name}: ${stats.commits} commits, ${stats.uniqueBlobs} unique blobs, ${(stats.uniqueBytes / 1e9).toFixed(2)} GB in ${stats.buildSeconds} s`,
  );
  return { dir, stats };
}
