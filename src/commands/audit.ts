import type { Command } from './types.js';
import { common } from '../cli/options.js';
import { configFor, finishScan, noteStaleBaseline, prepareScan, runScan, verifyIfAsked } from '../cli/run-scan.js';
import { note, plural } from '../cli/io.js';
import { locate } from '../git/locate.js';
import { compileConfig } from '../config/config.js';
import { DEFAULT_MAX_FILE_SIZE } from '../scan/scanner.js';
import { fileItems } from '../sources/files.js';
import { gitignoreFindings, requiredPatterns } from '../repo-checks/gitignore.js';
import { untrackedEnvFindings } from '../repo-checks/untracked-env.js';
import { remoteFindings } from '../repo-checks/remotes.js';
import { extraHeaderFindings } from '../repo-checks/extraheader.js';
import { historyOptions, runHistory } from './history.js';
import type { Finding } from '../types.js';
import { pace } from '../util/pace.js';
import type { HistoryScan } from '../sources/history/walk.js';
import type { SourceItem } from '../scan/scanner.js';
import { gitBlobId } from '../util/sha256.js';

/** A worktree finding the history already reported (same rule and secret, or same path rule and file) adds nothing. */
function keyOf(f: Finding): string {
  return f.kind === 'path' ? `${f.ruleId}\0${f.file}` : `${f.ruleId}\0${f.secret}`;
}

/**
 * The working tree's files, with a file whose content history already scanned
 * (most files of a clean checkout: HEAD's versions) marked, so the summary
 * counts each file version once. The id is of the bytes on disk, as git
 * would store them without clean filters (which leaklint never runs).
 */
async function* worktreeItems(
  items: AsyncIterable<SourceItem>,
  scan: HistoryScan,
): AsyncGenerator<{ item: SourceItem; seen: boolean }> {
  for await (const item of items)
    yield { item, seen: item.type === 'file' && !scan.empty && scan.hasBlob(gitBlobId(item.data, scan.objectFormat)) };
}

export const auditCommand: Command = {
  command: ['audit', '$0'],
  describe: 'before going public (the default): history of every ref + working tree + repository set-up',
  builder: (y) => historyOptions(common(y)),
  examples: [
    ['$0', 'audit the repository in the current directory'],
    ['$0 audit --format sarif --output leaklint.sarif', 'the same audit as a SARIF file for code scanning'],
    ['$0 audit --ref main', 'only the history reachable from main'],
  ],
  async run(args, io) {
    const where = locate(io.cwd);
    const config = configFor(args, io);
    if (where.kind === 'none') {
      note(
        args,
        io,
        'not a git repository: scanning the files of this directory only (no history, no repository checks)',
      );
      const compiled = compileConfig(config);
      const items = fileItems(['.'], {
        cwd: io.cwd,
        untracked: false,
        maxFileSize: args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
        isIgnored: compiled.isIgnored,
      });
      return runScan(items, 'audit', args, io, config);
    }
    // A repository without a work tree (bare, a --mirror clone, inside .git) is audited from its git directory:
    // history and its configuration are all there; its files are objects, never read as text.
    const root = where.kind === 'worktree' ? where.root : where.gitDir;
    const { rules, engine, scanner, maxFileSize, compiled, baseline } = await prepareScan('audit', args, config, root);
    const scan = await runHistory(root, scanner, args, io, maxFileSize);

    if (where.kind === 'worktree') {
      // The working tree: tracked files as they are now, uncommitted edits included.
      // A reported worktree finding is left out only when history reported the same one: history's
      // copy accepted at another path (a baseline entry) must not hide it here.
      const reported = new Set(scanner.findings.map(keyOf));
      const seen = new Set([...reported, ...scanner.suppressed.map(keyOf)]);
      const before = { f: scanner.findings.length, s: scanner.suppressed.length };
      const counts = scanner.stats;
      for await (const { item, seen: inHistory } of worktreeItems(
        fileItems([], { cwd: root, untracked: false, maxFileSize, isIgnored: compiled.isIgnored }),
        scan,
      )) {
        const counted = { files: counts.files, bytes: counts.bytes, binary: counts.skippedBinary };
        scanner.add(item);
        await pace();
        if (!inHistory) continue;
        counts.files = counted.files;
        counts.bytes = counted.bytes;
        counts.skippedBinary = counted.binary;
      }
      for (const list of [scanner.findings, scanner.suppressed]) {
        const start = list === scanner.findings ? before.f : before.s;
        const known = list === scanner.findings ? reported : seen;
        const fresh = list.splice(start).filter((f) => !known.has(keyOf(f)));
        list.push(...fresh);
      }
      for (const f of gitignoreFindings(root, await requiredPatterns(config.gitignore.required)))
        scanner.add({ type: 'finding', finding: f });
      // Untracked .env files git would add: outside the tracked-file scan above, one `git add .` from history.
      const accept = (f: Finding) => compiled.accept(f) ?? baseline?.accept(f);
      for (const f of untrackedEnvFindings(root, engine, { maxFileSize, accept, isIgnored: compiled.isIgnored }))
        scanner.add({ type: 'finding', finding: f });
    }

    // A configuration git cannot parse leaves its URLs unchecked: the audit is then incomplete.
    const unreadConfig = (w: string) => {
      scanner.stats.unread++;
      scanner.stats.warnings.push(w);
    };
    for (const f of [...remoteFindings(root, engine, unreadConfig), ...extraHeaderFindings(root, engine, unreadConfig)])
      scanner.add({ type: 'finding', finding: f });
    const result = scanner.result();
    noteStaleBaseline(result, baseline);
    const counted = `${plural(scan.commits, 'commit')} (${plural(scan.blobs, 'unique file version')})`;
    if (where.kind === 'worktree') note(args, io, `audited ${counted}, the working tree and the repository set-up`);
    else {
      const what = where.bare
        ? 'a bare repository has no working tree'
        : 'inside a git directory there is no working tree (run leaklint in the working tree for it)';
      note(
        args,
        io,
        `audited ${counted} and the remote URLs; ${what}: the working-tree scan and the .gitignore policy were skipped`,
      );
    }
    await verifyIfAsked(result, args, io, config);
    return finishScan(result, rules, args, io);
  },
};
