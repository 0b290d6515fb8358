// `leaklint init`: work out how this repository runs its pre-commit hooks and
// plan the smallest change that makes them run `leaklint staged`. Planning is
// separate from writing so that --dry-run shows exactly what a real run does.
import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { git, gitHooksPath } from '../git/git.js';
import { CONFIG_FILE } from '../config/config.js';
import { gitignoreAddition } from '../repo-checks/gitignore.js';
import { leaklintBin, leaklintRepositoryUrl } from '../util/self.js';
import { leaklintVersion } from '../version.js';
import { shellQuote } from '../util/shell.js';

export interface FileChange {
  /** Path relative to the repository root (or absolute when outside it). */
  path: string;
  content: string;
  /** Executable hook scripts. */
  mode?: number;
  /** A file renamed out of the way before `path` is written (chained hooks). */
  renameFrom?: string;
  renameTo?: string;
  /** The directory the write must stay inside once symlinks are resolved (default: the repository). */
  bound?: string;
  why: string;
}

export interface InitPlan {
  setup: 'pre-commit framework' | 'lint-staged' | 'husky' | 'git hook';
  command: string;
  changes: FileChange[];
  /** Things already in place, said so a second run explains why it did nothing. */
  unchanged: string[];
  /** Snippets for files leaklint does not edit itself. */
  notes: string[];
}

/** Whether a hook or config line already runs leaklint's staged scan (a bare word match would trip on paths). */
export function runsLeaklint(text: string): boolean {
  return /leaklint(\.js)?'?\s+staged\b/.test(text);
}

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  'lint-staged'?: Record<string, string | string[]>;
  leaklint?: unknown;
  [key: string]: unknown;
}

function readPackage(root: string): { pkg?: PackageJson; indent: string } {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return { indent: '  ' };
  const text = readFileSync(file, 'utf8');
  const indent = /^\{\s*\n([ \t]+)/.exec(text)?.[1] ?? '  ';
  try {
    return { pkg: JSON.parse(text) as PackageJson, indent };
  } catch {
    return { indent };
  }
}

function dependsOn(pkg: PackageJson | undefined, name: string): boolean {
  return Boolean(pkg && (pkg.dependencies?.[name] || pkg.devDependencies?.[name]));
}

/**
 * The leaklint a hook should run: the project's own dependency when it has
 * one, otherwise this very installation by absolute path — never a bare
 * `npx leaklint`, which could fetch whatever package owns that name.
 */
export function hookCommand(pkg: PackageJson | undefined): string {
  if (dependsOn(pkg, 'leaklint')) return 'npx --no-install leaklint';
  return `node ${shellQuote(leaklintBin())}`;
}

const LINT_STAGED_FILES = [
  '.lintstagedrc',
  '.lintstagedrc.json',
  '.lintstagedrc.yaml',
  '.lintstagedrc.yml',
  '.lintstagedrc.mjs',
  '.lintstagedrc.cjs',
  '.lintstagedrc.js',
  'lint-staged.config.js',
  'lint-staged.config.mjs',
  'lint-staged.config.cjs',
  'lint-staged.config.ts',
];

/** `path` lies inside `dir` (or is it). */
function isWithin(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path`, resolving what exists of it (a hooks directory may not exist yet). */
function realish(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realish(parent), basename(path));
  }
}

/**
 * Where git runs hooks from, asked of git itself (so a core.hooksPath set
 * through an `include` counts) and resolved through symlinks. The user's own
 * configuration (global, system) is trusted wherever it points; anything
 * else must resolve inside the repository or its git directory: a
 * configuration or a symlinked hooks directory that came with a repository
 * someone handed over must not make init write where it points. `bound` is
 * the directory every write stays inside.
 */
function hooksDir(root: string): { dir: string; bound: string; outside: boolean; what: string } {
  const gitDir = git(root, ['rev-parse', '--git-common-dir']).trim();
  const commonDir = isAbsolute(gitDir) ? gitDir : join(root, gitDir);
  const { path, scope } = gitHooksPath(root);
  const dir = isAbsolute(path) ? path : join(root, path);
  const real = realish(dir);
  const what = scope ? 'core.hooksPath points' : 'hooks directory resolves';
  if (scope === 'global' || scope === 'system') return { dir: real, bound: real, outside: false, what };
  for (const bound of [realish(root), realish(commonDir)])
    if (isWithin(bound, real)) return { dir: real, bound, outside: false, what };
  return { dir, bound: real, outside: true, what };
}

function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

/** npm's own stand-in test script (`npm init`), which always fails. */
const NPM_INIT_TEST = 'echo "Error: no test specified" && exit 1';

/**
 * `husky init` writes `npm test` (or pnpm/yarn/bun) as a placeholder hook. In a
 * project without a real test script that line fails every commit, so adding
 * leaklint after it would leave a hook that blocks clean commits too.
 */
function isFailingHuskyPlaceholder(text: string, pkg: PackageJson | undefined): boolean {
  if (!/^(npm|pnpm|yarn|bun) test$/.test(text.trim())) return false;
  const scripts = (pkg?.scripts ?? {}) as Record<string, unknown>;
  return scripts.test === undefined || scripts.test === NPM_INIT_TEST;
}

function planHuskyHook(root: string, pkg: PackageJson | undefined, line: string, plan: InitPlan): void {
  const hook = join(root, '.husky', 'pre-commit');
  if (!existsSync(hook)) {
    plan.changes.push({
      path: '.husky/pre-commit',
      content: `${line}\n`,
      mode: 0o755,
      why: 'husky runs it before every commit',
    });
    return;
  }
  const text = readFileSync(hook, 'utf8');
  if (isFailingHuskyPlaceholder(text, pkg)) {
    const placeholder = text.trim();
    plan.changes.push({
      path: '.husky/pre-commit',
      content: `${line}\n`,
      mode: 0o755,
      why: `husky runs it before every commit; it replaces husky init's placeholder \`${placeholder}\`, which fails every commit because package.json has no real test script`,
    });
    return;
  }
  if (text.includes(line) || (line.includes('lint-staged') ? /\blint-staged\b/.test(text) : runsLeaklint(text))) {
    plan.unchanged.push('.husky/pre-commit already runs it');
    return;
  }
  const sep = text.endsWith('\n') || text === '' ? '' : '\n';
  plan.changes.push({
    path: '.husky/pre-commit',
    content: `${text}${sep}${line}\n`,
    mode: 0o755,
    why: 'husky runs it before every commit',
  });
}

/** The line that marks a hook as leaklint's own, so a second run recognises it whatever command it runs. */
const HOOK_MARK = '# leaklint: scan what is about to be committed (installed by `leaklint init`).';

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function planGitHook(root: string, command: string, plan: InitPlan): void {
  const { dir, bound, outside, what } = hooksDir(root);
  const hook = join(dir, 'pre-commit');
  const chained = join(dir, 'pre-commit.before-leaklint');
  const shown = displayPath(root, hook);
  let renameFrom: string | undefined;
  const script = [
    '#!/bin/sh',
    HOOK_MARK,
    '# A hook that was here before runs first, as it did.',
    'chained="$(dirname "$0")/pre-commit.before-leaklint"',
    'if [ -x "$chained" ]; then "$chained" "$@" || exit $?; fi',
    `exec ${command} staged`,
    '',
  ].join('\n');
  if (outside) {
    plan.notes.push(
      `This repository's ${what} outside it (${bound}); leaklint init does not write there. If you trust that directory, save this as ${hook} (executable), moving any pre-commit hook already there to ${chained}:\n${script}`,
    );
    return;
  }
  if (exists(hook)) {
    const text = readFileSync(hook, 'utf8');
    if (text.includes(HOOK_MARK) || runsLeaklint(text)) {
      plan.unchanged.push(`${shown} already runs leaklint`);
      return;
    }
    // The saved hook is the user's original: replacing it would lose it for good.
    if (exists(chained)) {
      plan.notes.push(
        `${shown} is not leaklint's, and ${displayPath(root, chained)} already holds an earlier hook: leaklint init changes neither. Add this line to ${shown} by hand:\n  ${command} staged`,
      );
      return;
    }
    renameFrom = hook;
  }
  plan.changes.push({
    path: shown,
    content: script,
    mode: 0o755,
    bound,
    ...(renameFrom ? { renameFrom, renameTo: chained } : {}),
    why: renameFrom
      ? `git runs it before every commit; the existing hook moves to ${displayPath(root, chained)} and still runs first`
      : 'git runs it before every commit',
  });
}

function planLintStaged(
  root: string,
  pkg: PackageJson | undefined,
  indent: string,
  command: string,
  plan: InitPlan,
): void {
  // lint-staged finds a dependency's command in node_modules/.bin itself: going through npx would cost about a second on every commit.
  const entry = dependsOn(pkg, 'leaklint') ? 'leaklint staged' : `${command} staged`;
  const otherFile = LINT_STAGED_FILES.find((f) => existsSync(join(root, f)));
  if (otherFile || !pkg) {
    const where = otherFile ?? 'your lint-staged configuration';
    plan.notes.push(`Add to ${where}:\n  "*": "${entry}"`);
    return;
  }
  const config = { ...(pkg['lint-staged'] ?? {}) };
  const values = Object.values(config).flat();
  if (values.some((v) => typeof v === 'string' && runsLeaklint(v))) {
    plan.unchanged.push('package.json "lint-staged" already runs leaklint');
    return;
  }
  const current = config['*'];
  config['*'] = current === undefined ? entry : [...(Array.isArray(current) ? current : [current]), entry];
  const updated = { ...pkg, 'lint-staged': config };
  plan.changes.push({
    path: 'package.json',
    content: JSON.stringify(updated, null, indent) + '\n',
    why: 'lint-staged hands the staged paths to `leaklint staged`',
  });
}

/** The credential-file patterns `.gitignore` lacks, appended (what `leaklint gitignore --fix` would add). */
function planGitignore(root: string, plan: InitPlan, required: string[]): void {
  const { lines, content } = gitignoreAddition(root, required, 'leaklint init');
  if (lines.length === 0) {
    plan.unchanged.push('.gitignore already excludes the credential files');
    return;
  }
  plan.changes.push({ path: '.gitignore', content, why: `ignore credential files: ${lines.join(' ')}` });
}

/**
 * Empty lists would only be noise to read past; the settings a team reaches
 * for first are shown as comments (the file may hold comments), so the
 * defaults apply until someone means otherwise.
 */
const STARTER_CONFIG = `{
  // leaklint's configuration (comments and trailing commas are allowed). The defaults apply until a setting is uncommented;
  // the README's Configuration section lists every key.
  //
  // Never read these paths (vendored code, build output):
  // "ignorePaths": ["vendor/**", "dist/**"],
  //
  // Accept findings in these paths, or these exact values (public demo keys):
  // "allowlist": { "paths": ["tests/fixtures/**"], "values": ["AKIAI44QH8DHBEXAMPLE"] },
  //
  // Turn rules off or down (ids from \`leaklint rules\`):
  // "disabledRules": ["vercel-classic-token"],
  // "severity": { "generic-secret-assignment": "warning" },
}
`;

function planStarterConfig(root: string, pkg: PackageJson | undefined, plan: InitPlan): void {
  if (existsSync(join(root, CONFIG_FILE)) || (pkg && 'leaklint' in pkg)) {
    plan.unchanged.push('a leaklint configuration exists');
    return;
  }
  plan.changes.push({
    path: CONFIG_FILE,
    content: STARTER_CONFIG,
    why: 'a starter configuration: every setting commented out, the defaults apply',
  });
}

/**
 * The lines a team adds to .pre-commit-config.yaml: leaklint's public
 * repository at this version's release tag, which the framework clones and
 * installs for every teammate alike (never a path of this machine, nor a
 * command that needs leaklint installed already).
 */
function preCommitSnippet(): string {
  return [
    'Add to .pre-commit-config.yaml under `repos:` (the pre-commit framework owns the git hooks, so leaklint does not edit it):',
    `  - repo: ${leaklintRepositoryUrl() ?? "<leaklint's repository URL>"}`,
    `    rev: v${leaklintVersion()}`,
    '    hooks:',
    '      - id: leaklint        # before each commit: the staged changes',
    '      - id: leaklint-push   # before each push: the commits being pushed',
    'then run: pre-commit install --hook-type pre-commit --hook-type pre-push',
  ].join('\n');
}

/** Plan the hook installation for the repository at `root`. */
/** `required`: the .gitignore policy (`requiredPatterns`: the project's own, else the path rules'). */
export function planInit(root: string, required: string[]): InitPlan {
  const { pkg, indent } = readPackage(root);
  const command = hookCommand(pkg);
  const husky = dependsOn(pkg, 'husky') || existsSync(join(root, '.husky'));
  const lintStaged =
    dependsOn(pkg, 'lint-staged') ||
    Boolean(pkg?.['lint-staged']) ||
    LINT_STAGED_FILES.some((f) => existsSync(join(root, f)));
  const framework = existsSync(join(root, '.pre-commit-config.yaml'));
  const plan: InitPlan = { setup: 'git hook', command, changes: [], unchanged: [], notes: [] };

  if (framework) {
    plan.setup = 'pre-commit framework';
    // The framework runs the leaklint it installs from the snippet's repository, not this installation.
    plan.command = 'leaklint';
    const text = readFileSync(join(root, '.pre-commit-config.yaml'), 'utf8');
    if (runsLeaklint(text) || /id:\s*leaklint\b/.test(text))
      plan.unchanged.push('.pre-commit-config.yaml already runs leaklint');
    else {
      plan.notes.push(preCommitSnippet());
    }
  } else if (lintStaged) {
    plan.setup = 'lint-staged';
    planLintStaged(root, pkg, indent, command, plan);
    if (husky) planHuskyHook(root, pkg, 'npx --no-install lint-staged', plan);
    else
      plan.notes.push(
        'lint-staged needs a hook runner: add husky (npx husky init) and put `npx --no-install lint-staged` in .husky/pre-commit.',
      );
  } else if (husky) {
    plan.setup = 'husky';
    planHuskyHook(root, pkg, `${command} staged`, plan);
  } else {
    planGitHook(root, command, plan);
  }
  planGitignore(root, plan, required);
  planStarterConfig(root, pkg, plan);
  return plan;
}
