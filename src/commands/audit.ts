import type { Command } from './types.js';
import { common, configFor, finishScan, noteStaleBaseline, prepareScan, runScan } from '../cli.js';
import { repoRoot } from '../git.js';
import { compileConfig } from '../config.js';
import { DEFAULT_MAX_FILE_SIZE } from '../scan.js';
import { fileItems } from '../sources/files.js';
import { gitignoreFindings } from '../repo/gitignore.js';
import { remoteFindings } from '../repo/remotes.js';
import { historyOptions, runHistory } from './history.js';
import type { Finding } from '../types.js';
import { pace } from '../pace.js';

/** A worktree finding the history already reported (same rule and secret, or same path rule and file) adds nothing. */
function keyOf(f: Finding): string {
  return f.kind === 'path' ? `${f.ruleId}\0${f.file}` : `${f.ruleId}\0${f.secret}`;
}

export const auditCommand: Command = {
  command: ['audit', '$0'],
  describe: 'before going public (the default): history of every ref + working tree + repository set-up',
  builder: (y) => historyOptions(common(y)),
  async run(args, io) {
    const config = configFor(args, io);
    const root = repoRoot(io.cwd);
    if (!root) {
      io.stderr.write('leaklint: not a git repository: scanning the files of this directory only (no history, no repository checks)\n');
      const compiled = compileConfig(config);
      const items = fileItems(['.'], { cwd: io.cwd, untracked: false, maxFileSize: args['max-file-size'] ?? config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, isIgnored: compiled.isIgnored });
      return runScan(items, 'audit', args, io, config);
    }
    const { rules, engine, scanner, maxFileSize, compiled, baseline } = await prepareScan('audit', args, config, root);
    const scan = await runHistory(root, scanner, args, io, maxFileSize);

    // The working tree: tracked files as they are now, uncommitted edits included.
    const seen = new Set([...scanner.findings, ...scanner.suppressed].map(keyOf));
    const before = { f: scanner.findings.length, s: scanner.suppressed.length };
    for await (const item of fileItems([], { cwd: root, untracked: false, maxFileSize, isIgnored: compiled.isIgnored })) {
      scanner.add(item);
      await pace();
    }
    for (const list of [scanner.findings, scanner.suppressed]) {
      const start = list === scanner.findings ? before.f : before.s;
      const fresh = list.splice(start).filter((f) => !seen.has(keyOf(f)));
      list.push(...fresh);
    }

    for (const f of [...gitignoreFindings(root, config.gitignore.required), ...remoteFindings(root, engine, (w) => scanner.stats.warnings.push(w))]) scanner.add({ type: 'finding', finding: f });
    const result = scanner.result();
    noteStaleBaseline(result, baseline);
    io.stderr.write(`leaklint: audited ${scan.commits} commits (${scan.blobs} unique file versions), the working tree and the repository set-up\n`);
    return finishScan(result, rules, args, io);
  },
};
