// Builds corpora shaped like real ML repositories, which the npm-package
// corpora are not: thousands of refs (branches, tags, pull-request refs), a
// large training config whose ~1,000 keys are full of secret words
// (`max_tokens`, `tokenizer_name`, `api_key_env`) changing over ~500
// versions, notebooks with outputs (base64 images, training logs), lock
// files full of hashes, and hundreds of real-shaped fake credentials planted
// across history. Generated from a fixed seed through one `git fast-import`,
// so every build holds the same bytes; built once into the cache.
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generator } from './secrets.mjs';
import { ImportStream } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The variants: `ml`, and the same history with twice the refs or twice the planted findings (the scaling check). */
export const ML_VARIANTS = {
  ml: { commits: 6000, refs: 5000, findings: 300 },
  'ml-refs2': { commits: 6000, refs: 10000, findings: 300 },
  'ml-findings2': { commits: 6000, refs: 5000, findings: 600 },
};

const CONFIG_KEYS = 1000;
const CONFIG_VERSIONS = 500;
const NOTEBOOKS = 40;
const AUTHOR = 'Bench Author <bench@example.invalid>';
const EPOCH = 1609459200; // 2021-01-01T00:00:00Z

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LETTERS}0123456789`;
const B64 = `${ALNUM}+/`;
const WORDS = [
  'model',
  'train',
  'eval',
  'batch',
  'learning',
  'rate',
  'warmup',
  'steps',
  'layer',
  'hidden',
  'dropout',
  'optimizer',
  'scheduler',
  'dataset',
  'split',
  'seed',
  'epoch',
  'checkpoint',
  'gradient',
  'precision',
];
const SECRET_WORDS = [
  'token',
  'tokens',
  'tokenizer',
  'key',
  'keys',
  'secret',
  'password',
  'auth',
  'credential',
  'api_key',
];
const MODELS = [
  'bert-base-uncased',
  'dbmdz/bert-large-cased-finetuned-conll03-english',
  'meta-llama/Llama-2-7b-hf',
  'openai/whisper-small',
  'stanfordnlp/stanza-en',
  'google/flan-t5-base',
  'sentence-transformers/all-MiniLM-L6-v2',
];
const PACKAGES = [
  'torch',
  'transformers',
  'tiktoken',
  'tokenizers',
  'datasets',
  'accelerate',
  'wandb',
  'prefect',
  'sentry-sdk',
  'huggingface-hub',
  'numpy',
  'pandas',
  'scikit-learn',
  'keyring',
  'python-dotenv',
];

function cacheKey(name) {
  const h = createHash('sha256');
  h.update(JSON.stringify({ name, ...ML_VARIANTS[name], CONFIG_KEYS, CONFIG_VERSIONS, NOTEBOOKS }));
  h.update(readFileSync(join(here, 'ml-corpus.mjs')));
  h.update(readFileSync(join(here, 'secrets.mjs')));
  h.update(readFileSync(join(here, 'corpus.mjs')));
  return h.digest('hex').slice(0, 12);
}

class Random {
  constructor(seed) {
    this.next = generator(seed);
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  chars(alphabet, n) {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
}

const data = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return Buffer.concat([Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n')]);
};

/** The training config: CONFIG_KEYS keys, a third of them holding a secret word, none of them a secret. */
function configKeys(rnd) {
  const keys = [];
  for (let i = 0; i < CONFIG_KEYS; i++) {
    const parts = [rnd.pick(WORDS), i % 3 === 0 ? rnd.pick(SECRET_WORDS) : rnd.pick(WORDS), String(i)];
    keys.push(parts.join('_'));
  }
  return keys;
}

function configValue(rnd, key) {
  if (/token|tokens/.test(key))
    return rnd.pick([
      String(rnd.int(8192)),
      `${rnd.pick(MODELS)}`,
      `"${rnd.pick(['<pad>', '<eos>', '[CLS]', '[SEP]'])}"`,
    ]);
  if (/key|secret|password|auth|credential/.test(key))
    return rnd.pick([
      'HF_TOKEN',
      'WANDB_API_KEY',
      '${PREFECT_API_KEY}',
      'null',
      '"env:SENTRY_AUTH_TOKEN"',
      `${rnd.pick(MODELS)}`,
    ]);
  return rnd.pick([
    String(rnd.next().toFixed(6)),
    String(rnd.int(100000)),
    rnd.pick(['true', 'false']),
    `"${rnd.pick(MODELS)}"`,
    `[${rnd.int(9)}, ${rnd.int(9)}]`,
  ]);
}

function renderConfig(keys, values) {
  return `# training configuration (generated)\n${keys.map((k, i) => `${k}: ${values[i]}`).join('\n')}\n`;
}

function notebook(rnd, planted) {
  const cells = [];
  const imports = `import os\nfrom transformers import AutoTokenizer, AutoModel\ntokenizer = AutoTokenizer.from_pretrained("${rnd.pick(MODELS)}")\n`;
  cells.push({ cell_type: 'code', execution_count: 1, metadata: {}, source: imports.split(/(?<=\n)/), outputs: [] });
  if (planted) cells.push({ cell_type: 'code', execution_count: 2, metadata: {}, source: [planted], outputs: [] });
  const log = Array.from(
    { length: 40 },
    (_, i) => `epoch ${i} loss=${rnd.next().toFixed(4)} tokens/s=${rnd.int(90000)} lr=${rnd.next().toExponential(3)}\n`,
  );
  cells.push({
    cell_type: 'code',
    execution_count: 3,
    metadata: {},
    source: ['trainer.train()\n'],
    outputs: [{ name: 'stdout', output_type: 'stream', text: log }],
  });
  cells.push({
    cell_type: 'code',
    execution_count: 4,
    metadata: {},
    source: ['plot_loss()\n'],
    outputs: [
      {
        data: {
          'image/png': rnd.chars(B64, 20000 + rnd.int(20000)),
          'text/plain': ['<Figure size 640x480 with 1 Axes>'],
        },
        metadata: {},
        output_type: 'display_data',
      },
    ],
  });
  return (
    JSON.stringify(
      {
        cells,
        metadata: { kernelspec: { name: 'python3', display_name: 'Python 3' } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + '\n'
  );
}

function pythonModule(rnd, i) {
  const lines = [`"""Module ${i} of the training package (generated)."""`, 'import os', ''];
  for (let f = 0; f < 20; f++) {
    const name = `${rnd.pick(WORDS)}_${rnd.pick(['token', 'key', 'step', 'rate'])}_${f}`;
    lines.push(
      `def ${name}(config, tokenizer=None):`,
      `    api_key = os.environ.get("${rnd.pick(['HF_TOKEN', 'WANDB_API_KEY', 'PREFECT_API_KEY'])}")`,
      `    max_tokens = config.get("${rnd.pick(WORDS)}_tokens", ${rnd.int(4096)})`,
      `    return tokenizer("${rnd.pick(MODELS)}", max_length=max_tokens, token=api_key)`,
      '',
    );
  }
  return lines.join('\n') + '\n';
}

function requirements(rnd) {
  return PACKAGES.map((p) => `${p}==${rnd.int(3)}.${rnd.int(40)}.${rnd.int(10)}`).join('\n') + '\n';
}

function lockfile(rnd) {
  return PACKAGES.map(
    (p) =>
      `[[package]]\nname = "${p}"\nversion = "${rnd.int(3)}.${rnd.int(40)}.${rnd.int(10)}"\nfiles = [\n    {file = "${p}-any.whl", hash = "sha256:${rnd.chars('0123456789abcdef', 64)}"},\n    {file = "${p}.tar.gz", hash = "sha256:${rnd.chars('0123456789abcdef', 64)}"},\n]\n`,
  ).join('\n');
}

/** A planted fake credential: a Hugging Face user token or a Prefect key, in the spelling a notebook or module would use. */
function plantedCredential(rnd, n) {
  if (n % 2 === 0) {
    const secret = `hf_${rnd.chars(LETTERS, 34)}`;
    return { ruleId: 'huggingface-user-token', secret, line: `os.environ["HF_TOKEN"] = "${secret}"\n` };
  }
  const secret = `pnu_${rnd.chars(ALNUM, 36)}`;
  return { ruleId: 'prefect-user-key', secret, line: `PREFECT_API_KEY = "${secret}"\n` };
}

async function build(name, repo, log) {
  const spec = ML_VARIANTS[name];
  // One seed for the history, so the variants share every commit; separate seeds for what differs.
  const rnd = new Random(4242);
  const refRnd = new Random(777);
  const plantRnd = new Random(99);
  mkdirSync(repo, { recursive: true });
  const init = spawn('git', ['init', '-q', '-b', 'main', repo], { stdio: 'inherit' });
  await new Promise((r, j) => init.on('close', (c) => (c === 0 ? r() : j(new Error('git init failed')))));
  const fi = new ImportStream(repo);
  const keys = configKeys(rnd);
  const values = keys.map((k) => configValue(rnd, k));
  // Which commits carry a planted credential, spread over the history.
  const plantAt = new Map();
  for (let n = 0; n < spec.findings; n++) {
    let at = 1 + plantRnd.int(spec.commits - 1);
    while (plantAt.has(at)) at = 1 + ((at + 1) % (spec.commits - 1));
    plantAt.set(at, plantedCredential(plantRnd, n));
  }
  const planted = [];
  const configEvery = Math.floor(spec.commits / CONFIG_VERSIONS);
  let uniqueBytes = 0;
  for (let c = 1; c <= spec.commits; c++) {
    const files = [];
    if (c === 1 || c % configEvery === 0) {
      for (let k = 0; k < 10; k++) {
        const i = rnd.int(keys.length);
        values[i] = configValue(rnd, keys[i]);
      }
      files.push(['configs/train.yaml', renderConfig(keys, values)]);
    }
    const plant = plantAt.get(c);
    // A credential goes into a file the commit writes anyway (a notebook every tenth commit, a module in each):
    // the variants with more of them then hold the same files and nearly the same bytes, and differ in findings only.
    const inNotebook = plant !== undefined && c % 10 === 0;
    if (c % 10 === 0) {
      const path = `notebooks/exp_${c % NOTEBOOKS}.ipynb`;
      files.push([path, notebook(rnd, inNotebook ? plant.line : undefined)]);
      if (inNotebook) planted.push({ ruleId: plant.ruleId, secret: plant.secret, file: path });
    }
    files.push([`src/trainer/mod_${c % 300}.py`, pythonModule(rnd, c) + (plant && !inNotebook ? plant.line : '')]);
    if (plant && !inNotebook)
      planted.push({ ruleId: plant.ruleId, secret: plant.secret, file: `src/trainer/mod_${c % 300}.py` });
    if (c % 50 === 0) files.push(['requirements.txt', requirements(rnd)], ['poetry.lock', lockfile(rnd)]);
    const parts = [
      `commit refs/heads/main\nmark :${c}\ncommitter ${AUTHOR} ${EPOCH + c * 600} +0000\n`,
      data(`change ${c}`),
    ];
    if (c > 1) parts.push(`from :${c - 1}\n`);
    for (const [path, text] of files) {
      parts.push(`M 100644 inline ${path}\n`, data(text));
      uniqueBytes += Buffer.byteLength(text);
    }
    parts.push('\n');
    await fi.write(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))));
  }
  // Refs at commits across the history: feature branches, release tags, pull-request heads.
  for (let r = 0; r < spec.refs; r++) {
    const at = 1 + refRnd.int(spec.commits);
    const ref = r % 3 === 0 ? `refs/heads/feature/f${r}` : r % 3 === 1 ? `refs/tags/v0.${r}` : `refs/pull/${r}/head`;
    await fi.write(`reset ${ref}\nfrom :${at}\n\n`);
  }
  await fi.done();
  log(`built ${name}: ${spec.commits} commits, ${spec.refs} refs, ${planted.length} planted`);
  return { name, ...spec, uniqueBytes, planted };
}

/** The path of a built ML corpus (building it first when the cache lacks it) and its stats. */
export async function ensureMlCorpus(name, cache, log = () => {}) {
  if (!ML_VARIANTS[name]) throw new Error(`unknown ML corpus "${name}" (${Object.keys(ML_VARIANTS).join(', ')})`);
  const dir = join(cache, `${name}-${cacheKey(name)}`);
  const statsFile = `${dir}.json`;
  if (existsSync(statsFile) && existsSync(join(dir, '.git')))
    return { dir, stats: JSON.parse(readFileSync(statsFile, 'utf8')) };
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  log(`building the ${name} corpus (once) ...`);
  const t0 = Date.now();
  const stats = await build(name, tmp, log);
  stats.buildSeconds = Math.round((Date.now() - t0) / 1000);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  writeFileSync(statsFile, JSON.stringify(stats, null, 2));
  return { dir, stats };
}
