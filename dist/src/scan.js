import { emptyStats } from './types.js';
import { decode } from './text.js';
import { notebookChunks } from './notebook.js';
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
export class Scanner {
    engine;
    options;
    findings = [];
    suppressed = [];
    stats = emptyStats();
    lastChunkPath;
    /** Findings whose fingerprint is already the keyed one (a finding added twice is keyed once). */
    rekeyed = new WeakSet();
    constructor(engine, options) {
        this.engine = engine;
        this.options = options;
    }
    /** Whether the configuration's `ignorePaths` cover `path` (sources that can skip reading it ask first). */
    isIgnored(path) {
        return this.options.isIgnored?.(path) ?? false;
    }
    add(item) {
        if (item.type !== 'finding' && this.isIgnored(item.type === 'chunk' ? item.chunk.path : item.path))
            return;
        switch (item.type) {
            case 'file':
                this.addFile(item.path, item.origin, item.data, item.pathRules ?? true);
                break;
            case 'unscanned':
                this.stats.files += item.files ?? 1;
                if (item.binary)
                    this.skip(item.path, 'binary');
                else
                    this.stats.bytes += item.size;
                break;
            case 'chunk':
                // Diff sources send a file's added lines as one chunk: count the file once.
                if (item.chunk.path !== this.lastChunkPath)
                    this.stats.files++;
                this.lastChunkPath = item.chunk.path;
                this.stats.bytes += item.chunk.text.length;
                this.keep(this.engine.scan(item.chunk));
                break;
            case 'path':
                this.keep(this.engine.scanPath(item.path, item.origin, item.content ?? (() => undefined)));
                break;
            case 'skipped':
                this.skip(item.path, item.reason, item.detail);
                break;
            case 'finding':
                this.keep([item.finding]);
                break;
        }
    }
    skip(path, reason, detail) {
        if (reason === 'binary')
            this.stats.skippedBinary++;
        else if (reason === 'large') {
            this.stats.skippedLarge++;
            this.stats.warnings.push(`skipped ${path}: ${detail ?? 'larger than the size limit'} (raise it with --max-file-size)`);
        }
        else
            this.stats.warnings.push(`could not read ${path}${detail ? `: ${detail}` : ''}`);
    }
    addFile(path, origin, data, pathRules) {
        this.stats.files++;
        let text;
        let decoded = false;
        const content = () => {
            if (!decoded) {
                decoded = true;
                const d = data.length <= this.options.maxFileSize ? decode(data) : undefined;
                text = d?.kind === 'text' ? d.text : undefined;
            }
            return text;
        };
        if (pathRules)
            this.keep(this.engine.scanPath(path, origin, content));
        if (data.length > this.options.maxFileSize) {
            this.skip(path, 'large', `${formatBytes(data.length)} is over the ${formatBytes(this.options.maxFileSize)} limit`);
            return;
        }
        if (!path.toLowerCase().endsWith('.ipynb')) {
            const found = this.engine.scanBytes(path, data, origin);
            if (found === undefined) {
                this.skip(path, 'binary');
                return;
            }
            this.stats.bytes += data.length;
            this.keep(found);
            return;
        }
        const body = content();
        if (body === undefined) {
            this.skip(path, 'binary');
            return;
        }
        this.stats.bytes += data.length;
        const cells = notebookChunks(path, body, origin);
        if (cells) {
            for (const chunk of cells)
                this.keep(this.engine.scan(chunk));
            return;
        }
        this.stats.warnings.push(`${path}: not valid notebook JSON, scanned as plain text`);
        this.keep(this.engine.scan({ path, text: body, startLine: 1, origin }));
    }
    keep(findings) {
        for (const f of findings) {
            if (this.options.adjust && !this.options.adjust(f))
                continue;
            if (this.options.fingerprint && !this.rekeyed.has(f)) {
                this.rekeyed.add(f);
                f.fingerprint = this.options.fingerprint(f);
            }
            if (!f.suppressed && this.options.accept) {
                const reason = this.options.accept(f);
                if (reason)
                    f.suppressed = reason;
            }
            (f.suppressed ? this.suppressed : this.findings).push(f);
        }
    }
    result() {
        const { moment, fingerprintKeyId } = this.options;
        return { findings: this.findings, suppressed: this.suppressed, stats: this.stats, moment, ...(fingerprintKeyId ? { fingerprintKeyId } : {}) };
    }
}
export function formatBytes(n) {
    if (n >= 1024 * 1024)
        return `${(n / 1024 / 1024).toFixed(1)} MiB`;
    if (n >= 1024)
        return `${(n / 1024).toFixed(1)} KiB`;
    return `${Math.round(n)} B`;
}
