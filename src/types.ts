// The vocabulary shared by sources, engine, suppressions, reporters and rules.

export type Severity = 'error' | 'warning' | 'info';

/** When a finding was made: decides which remediation applies (`prepush`: a pre-push hook, before anything is sent). */
export type Moment = 'precommit' | 'prepush' | 'ci' | 'audit' | 'files';

export interface CommitInfo {
  sha: string;
  author: string;
  date: string;
}

/** Where a chunk came from. Sources fill it; the engine copies it onto findings. */
export type Origin =
  | { kind: 'worktree' }
  | { kind: 'stdin' }
  | { kind: 'staged' }
  | { kind: 'commit'; commit: CommitInfo }
  | { kind: 'repo' };

/**
 * A piece of text to scan. `startLine` is the 1-based line number of the first
 * line of `text` in the file it came from. When only some lines of a file are
 * scanned (added lines of a diff), `lineNumbers[i]` is the true line number of
 * the i-th line of `text`.
 */
export interface Chunk {
  path: string;
  text: string;
  startLine: number;
  origin: Origin;
  lineNumbers?: number[];
  /** For notebooks: the 1-based cell number this chunk came from. */
  cell?: number;
}

export interface Remediation {
  /** Where and how to rotate or revoke: a URL or a command. */
  rotate?: string;
  /** Which secret store the value belongs in. */
  store?: string;
  /** How code reads the value once it is in the store. */
  read?: string;
  /** Anything else worth saying (free text, one or two sentences). */
  note?: string;
}

/** What every rule declares: identity, what it finds, why it matters and what to do. */
export interface RuleBase {
  id: string;
  provider: string;
  /** What was found, e.g. "Hugging Face user access token". */
  title: string;
  /** Why it matters, one sentence. */
  why: string;
  severity: Severity;
  remediation: Remediation;
  /** A documentation URL for the provider's token page (SARIF helpUri). */
  helpUri?: string;
  /**
   * The rule's own cases, run by the catalogue test: `match` must each give a
   * finding of this rule, `noMatch` must give no finding of this rule (another
   * rule may still report it). Content rules: text
   * (a line or a few, with the fake secret in place); path rules: paths.
   * Fakes of the right shape only, never live credentials. Examples that
   * build fakes (`src/fakes.ts`) are a getter (`get examples() { … }`), so
   * loading the rules for a scan computes none of them.
   * A path rule that looks inside the file takes the file's content after
   * the path's line (`.pypirc\n[pypi]\npassword = …`); a repository rule's
   * example is one file of a fresh repository the same way (`.gitignore\n…`,
   * or `.git/config\n…`, appended to the repository's configuration;
   * `untracked:PATH\n…` leaves the file untracked).
   */
  examples?: RuleExamples;
}

export interface RuleExamples {
  match: string[];
  noMatch: string[];
}

/** What a content rule reports: offsets into the text it was given. */
export interface RuleMatch {
  start: number;
  end: number;
  /** The secret value (defaults to text.slice(start, end)). */
  secret?: string;
  /** How many leading characters of the secret are a public prefix (kept in previews). */
  visiblePrefix?: number;
  severity?: Severity;
  /** Overrides the rule title for this match (e.g. "pair" vs "id alone"). */
  message?: string;
  /** The public half of a pair credential (an AWS key id beside its secret): live verification needs both. */
  pairId?: string;
}

export interface ContentRule extends RuleBase {
  kind: 'content';
  /**
   * Literal strings, matched case-insensitively, at least one of which occurs
   * in (or within `contextLines` of) every match. The engine runs one
   * combined keyword search for all rules and calls `match` only around hits.
   */
  keywords: string[];
  /** Lines of context around each keyword hit to hand to `match` (default 0: the hit's own line). */
  contextLines?: number;
  /** A catch-all rule (generic assignments, URLs): its findings yield to a provider rule's on the same text. */
  fallback?: boolean;
  /**
   * The rule checks placeholders itself because its secrets are structured
   * payloads (PEM bodies) where long runs such as `AAAAAAAA` are normal.
   */
  ownPlaceholderCheck?: boolean;
  /** Find matches in `text` (a window of the chunk). Offsets are relative to `text`. */
  match(text: string, ctx: MatchContext): RuleMatch[];
  /**
   * Milliseconds this rule may spend on one file (rules from a configuration):
   * the engine hands `match` a deadline, stops running the rule on that file
   * once it has passed, and reports the file as incompletely scanned.
   */
  timeBudgetMs?: number;
  /**
   * A cheap look at the UTF-8 bytes around one keyword hit (`start`, `end`:
   * the keyword's bytes) in the engine's first pass over a file: false only
   * when no match of this rule can hold that occurrence of its keyword (the
   * keyword is not followed by what every match needs there). When false for
   * every rule listing the keyword, the hit is passed over: a file whose hits
   * are all passed over needs no scan. Must never say false of a hit a match
   * could hold; when unsure (non-ASCII bytes, far-away bytes), say true.
   */
  hitCanMatch?(bytes: Uint8Array, start: number, end: number): boolean;
}

export interface MatchContext {
  path: string;
  /** For a rule with a time budget: the `performance.now()` past which it returns what it has found and sets `cutShort`. */
  deadline?: number;
  /** Set by a rule that stopped at the deadline before searching all of its text. */
  cutShort?: boolean;
}

export interface PathRule extends RuleBase {
  kind: 'path';
  /**
   * Decide whether this path is a credential file that must not be committed.
   * `content` is provided when the rule needs to look inside (e.g. profiles.toml
   * only when it holds a key); it is undefined when the content is unknown.
   */
  test(path: string, content: () => string | undefined): boolean;
  /** The .gitignore line that keeps this file out (remediation names it; the default .gitignore policy requires it). */
  ignorePattern?: string;
  /** Further .gitignore lines the default policy requires for the other names this rule finds (`.env.*` beside `.env`). */
  alsoIgnore?: string[];
}

/** A check of the repository's set-up, run once per scan (ignore rules, remote URLs). */
export interface RepoRule extends RuleBase {
  kind: 'repo';
}

export type Rule = ContentRule | PathRule | RepoRule;

export interface Finding {
  ruleId: string;
  provider: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The raw secret: stays in memory, reporters print `preview` unless told otherwise. */
  secret: string;
  preview: string;
  fingerprint: string;
  origin: Origin;
  cell?: number;
  kind: 'content' | 'path' | 'repo';
  /** Set by suppression: why the finding was accepted. */
  suppressed?: string;
  /** History scans: where the secret lives across commits (one finding per secret). */
  history?: HistoryInfo;
  /** The public half of a pair credential (see RuleMatch.pairId); never the secret itself. */
  pairId?: string;
  /** Set by `--verify`: what the provider said about the credential. */
  verification?: Verification;
}

/**
 * A live check's outcome: the provider accepted the credential (live),
 * rejected it (invalid), or could not tell us (unknown, with the reason:
 * timeout, rate limit, network, unsupported, malformed answer, …).
 */
export interface Verification {
  status: 'live' | 'invalid' | 'unknown';
  reason?: string;
  /** The host the request went to (absent when none was sent). */
  host?: string;
}

export interface HistoryInfo {
  /** The oldest commit that added it (also the finding's origin). */
  firstCommit: CommitInfo;
  /** How many commits added a file version holding it. */
  commits: number;
  /** Every path it was committed under. */
  paths: string[];
  /** Whether HEAD's tree still holds it. */
  inHead: boolean;
  /** Refs that reach the first commit: branches, then remote branches, tags and other refs, at most 20 named. */
  refs: string[];
  /** How many refs reach the first commit (`refs` names the first 20). */
  refCount: number;
  /**
   * The finding's fingerprint at each path it stands for here (the same
   * secret committed under several paths), so a report can be accepted into
   * a baseline at every one of them without the secret.
   */
  fingerprints?: Array<{ path: string; fingerprint: string }>;
}

export interface ScanStats {
  files: number;
  bytes: number;
  skippedBinary: number;
  skippedLarge: number;
  /**
   * Things the scan was asked to read and could not (objects missing from a
   * partial clone or damaged, unreadable files, configuration git could not
   * parse, a file a configured rule ran out of time on): any makes the scan
   * incomplete, which the exit code says.
   */
  unread: number;
  warnings: string[];
}

export interface ScanResult {
  findings: Finding[];
  suppressed: Finding[];
  stats: ScanStats;
  moment: Moment;
  /** Set when fingerprints are keyed: the key's id (see fingerprintKeyId); absent when they are plain. */
  fingerprintKeyId?: string;
}

export function emptyStats(): ScanStats {
  return { files: 0, bytes: 0, skippedBinary: 0, skippedLarge: 0, unread: 0, warnings: [] };
}
