// What git may do when leaklint runs it, in one place. A scanned repository
// is untrusted: its own .git/config (and a user's ~/.gitconfig) can name any
// key, so rather than chase the keys that do harm, every git process gets an
// allow-list: no transport at all (so no fetch, lazy or not), no program
// named by configuration, no replace refs or grafts, and every option that
// changes the text leaklint parses pinned to the value the parsers expect.
// Command-line `-c` settings outrank every configuration file, and git hands
// them (and the environment) on to any git it starts itself.
//
// Not pinned, on purpose: object alternates (`objects/info/alternates`,
// `GIT_ALTERNATE_OBJECT_DIRECTORIES`). They only tell git where else to read
// objects from, never run anything and never fetch; `git clone --shared` and
// `--reference` depend on them, and leaklint scans whatever objects git
// resolves. The system configuration is read too: it is the administrator's,
// not the repository's, and may carry `safe.directory`, without which git
// refuses a checkout owned by another user (CI containers).

/** Transports git ships (built in or as remote helpers), each denied by name, since a repository's `protocol.<name>.allow=always` outranks the blanket `protocol.allow=never`. */
export const KNOWN_PROTOCOLS = ['ext', 'fd', 'file', 'git', 'ssh', 'http', 'https', 'ftp', 'ftps', 'testgit'] as const;

/** A program path that cannot run: git fails to start it instead of running something the repository chose. */
const NO_PROGRAM = '/dev/null';

/** Every key leaklint pins, with its value: later settings of the same key (the repository's) lose to these. */
export const PINNED_CONFIG: ReadonlyArray<readonly [string, string]> = [
  // Nothing from the repository runs.
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  ['core.editor', 'false'],
  ['core.sshCommand', 'false'],
  ['core.askPass', 'false'],
  ['credential.helper', ''],
  ['diff.external', ''],
  ['log.showSignature', 'false'],
  ['gpg.format', 'openpgp'],
  ['gpg.program', NO_PROGRAM],
  ['gpg.openpgp.program', NO_PROGRAM],
  ['gpg.x509.program', NO_PROGRAM],
  ['gpg.ssh.program', NO_PROGRAM],
  ['protocol.allow', 'never'],
  ...KNOWN_PROTOCOLS.map((name) => [`protocol.${name}.allow`, 'never'] as const),
  ['submodule.recurse', 'false'],
  // Nothing is written behind leaklint's back.
  ['core.untrackedCache', 'false'],
  ['maintenance.auto', 'false'],
  ['gc.auto', '0'],
  // The objects read are the ones clone and push transfer (see also the environment).
  ['core.useReplaceRefs', 'false'],
  // What git prints is what the parsers expect, whatever the configuration says.
  ['log.showRoot', 'true'],
  ['log.decorate', 'false'],
  ['log.abbrevCommit', 'false'],
  ['log.follow', 'false'],
  ['log.mailmap', 'false'],
  ['i18n.logOutputEncoding', 'UTF-8'],
  ['core.quotePath', 'true'],
  ['core.bigFileThreshold', '512m'],
  ['color.ui', 'false'],
  ['color.diff', 'false'],
  ['diff.renames', 'false'],
  ['diff.algorithm', 'myers'],
  ['diff.noprefix', 'false'],
  ['diff.mnemonicPrefix', 'false'],
  ['diff.srcPrefix', 'a/'],
  ['diff.dstPrefix', 'b/'],
  ['diff.relative', 'false'],
  ['diff.context', '3'],
  ['diff.interHunkContext', '0'],
  ['diff.suppressBlankEmpty', 'false'],
  ['diff.submodule', 'short'],
  ['diff.colorMoved', 'false'],
];

/** Options before the subcommand: replace refs off (as `GIT_NO_REPLACE_OBJECTS` below), no pager. */
export const GLOBAL_OPTIONS = ['--no-replace-objects', '--no-pager'] as const;

/** A graft file path that never exists (a file under /dev/null): git reads no grafts, and says nothing about it. */
const NO_GRAFTS = '/dev/null/leaklint-no-grafts';

/**
 * Variables that are set for every git process. `GIT_ALLOW_PROTOCOL`, set
 * and empty, is git's own allow-list of transports: it overrides every
 * `protocol.*` setting, helpers named by URL (`foo::…`) included.
 * `GIT_NO_LAZY_FETCH` is what `git --no-lazy-fetch` sets (git 2.44+; older
 * git ignores it and the transport allow-list stops the fetch instead).
 */
export const POLICY_ENV: Readonly<Record<string, string>> = {
  GIT_ALLOW_PROTOCOL: '',
  GIT_PROTOCOL_FROM_USER: '0',
  GIT_NO_LAZY_FETCH: '1',
  GIT_NO_REPLACE_OBJECTS: '1',
  GIT_GRAFT_FILE: NO_GRAFTS,
  GIT_TERMINAL_PROMPT: '0',
  GIT_PAGER: 'cat',
  PAGER: 'cat',
  GIT_EDITOR: 'false',
  GIT_ASKPASS: 'false',
  SSH_ASKPASS: 'false',
  GIT_OPTIONAL_LOCKS: '0',
  GCM_INTERACTIVE: 'never',
};

/**
 * Inherited variables dropped: programs to run, configuration injected around
 * the pins, and pathspec modes that would make git read `:(top,literal)x`
 * as a file name. An inherited GIT_DIR or GIT_INDEX_FILE (a hook's) is honoured.
 */
const DROPPED_ENV =
  /^(GIT_(EXTERNAL_DIFF|DIFF_OPTS|SSH|SSH_COMMAND|SSH_VARIANT|PROXY_COMMAND|SEQUENCE_EDITOR|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+|(LITERAL|GLOB|NOGLOB|ICASE)_PATHSPECS|REPLACE_REF_BASE|SHALLOW_FILE))$/;

/** The environment of a git process leaklint starts. */
export function policyEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const key of Object.keys(env)) if (DROPPED_ENV.test(key)) delete env[key];
  return Object.assign(env, POLICY_ENV);
}

/** The full argument list of a git process: the pins, the global options, then the subcommand's own arguments. */
export function policyArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  for (const [key, value] of PINNED_CONFIG) out.push('-c', `${key}=${value}`);
  out.push(...GLOBAL_OPTIONS, ...args);
  return out;
}

/**
 * The same policy as shell `export` lines, for a script the user runs
 * (purge.sh): the pins go through `GIT_CONFIG_COUNT` (git 2.31+; older git
 * ignores them, and still gets the environment).
 */
export function policyShellExports(quote: (s: string) => string): string {
  const lines = Object.entries(POLICY_ENV).map(([key, value]) => `export ${key}=${quote(value)}`);
  lines.push(`export GIT_CONFIG_COUNT=${PINNED_CONFIG.length}`);
  PINNED_CONFIG.forEach(([key, value], i) =>
    lines.push(`export GIT_CONFIG_KEY_${i}=${quote(key)} GIT_CONFIG_VALUE_${i}=${quote(value)}`),
  );
  return lines.join('\n');
}

/**
 * Why a revision from the command line cannot be handed to git, or undefined
 * when it can. One starting with `-` would be read as an option
 * (`--output=FILE` makes `git log` write FILE); git accepts no ref name
 * that is empty or holds a NUL or line break either.
 */
export function refusedRevision(value: string): string | undefined {
  if (value === '') return 'it is empty';
  if (value.startsWith('-')) return 'it starts with "-", which git would read as an option';
  if (/[\0\r\n]/.test(value)) return 'it holds a line break or NUL';
  return undefined;
}
