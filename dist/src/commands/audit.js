import { common, configFor, finishScan, noteStaleBaseline, prepareScan, runScan } from '../cli.js';
import { repoRoot } from '../git.js';
import { compileConfig } from '../config.js';
import { DEFAULT_MAX_FILE_SIZE } from '../scan.js';
import { fileItems } from '../sources/files.js';
import { gitignoreFindings } from '../repo/gitignore.js';
import { remoteFindings } from '../repo/remotes.js';
import { extraHeaderFindings } from '../repo/extraheader.js';
import { historyOptions, runHistory } from './history.js';
/** A worktree finding the history already reported (same rule and secret, or same path rule and file) adds nothing. */
function keyOf(f) {
    return f.kind === 'path' ? `${f.ruleId}\0${f.file}` : `${f.ruleId}\0${f.secret}`;
}
export const auditCommand = {
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
        // A reported worktree finding is left out only when history reported the same one: history's
        // copy accepted at another path (a baseline entry) must not hide it here.
        const reported = new Set(scanner.findings.map(keyOf));
        const seen = new Set([...reported, ...scanner.suppressed.map(keyOf)]);
        const before = { f: scanner.findings.length, s: scanner.suppressed.length };
        for await (const item of fileItems([], { cwd: root, untracked: false, maxFileSize, isIgnored: compiled.isIgnored }))
            scanner.add(item);
        for (const list of [scanner.findings, scanner.suppressed]) {
            const start = list === scanner.findings ? before.f : before.s;
            const known = list === scanner.findings ? reported : seen;
            const fresh = list.splice(start).filter((f) => !known.has(keyOf(f)));
            list.push(...fresh);
        }
        const warn = (w) => scanner.stats.warnings.push(w);
        for (const f of [...gitignoreFindings(root, config.gitignore.required), ...remoteFindings(root, engine, warn), ...extraHeaderFindings(root, engine, warn)])
            scanner.add({ type: 'finding', finding: f });
        const result = scanner.result();
        noteStaleBaseline(result, baseline);
        io.stderr.write(`leaklint: audited ${scan.commits} commits (${scan.blobs} unique file versions), the working tree and the repository set-up\n`);
        return finishScan(result, rules, args, io);
    },
};
