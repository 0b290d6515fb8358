import { catFileBatch, gitSync } from '../git.js';
import { SUBMODULE, fileDiffItems } from './diff-items.js';
/** A blob's size, asked before reading it so nothing over the size limit is ever held in memory. */
export function blobSize(root, oid) {
    const r = gitSync(root, ['cat-file', '-s', oid]);
    return r.status === 0 ? Number(r.stdout.toString().trim()) : undefined;
}
/** Read one blob by id: no filters, no textconv, so nothing from the repository runs. */
export function readBlob(root, oid) {
    const r = gitSync(root, ['cat-file', 'blob', oid]);
    return r.status === 0 ? r.stdout : undefined;
}
/** Sizes of many blobs from one `git cat-file --batch-check` (undefined: missing). */
export function blobSizes(root, oids) {
    const sizes = new Map();
    if (oids.length === 0)
        return sizes;
    const r = gitSync(root, ['cat-file', '--batch-check'], oids.join('\n') + '\n');
    if (r.status !== 0)
        return sizes;
    for (const line of r.stdout.toString('latin1').split('\n')) {
        const m = /^([0-9a-f]+) \S+ (\d+)$/.exec(line);
        if (m)
            sizes.set(m[1], Number(m[2]));
        else if (line.endsWith(' missing'))
            sizes.set(line.slice(0, -' missing'.length), undefined);
    }
    return sizes;
}
/** Bytes read per `git cat-file --batch` below: bounds the memory one read holds. */
const BATCH_BYTES = 64 * 1024 * 1024;
/**
 * Many blobs as text, within the size limit, through one `git cat-file
 * --batch-check` and one `--batch` per 64 MiB: a history with thousands of
 * key files must not cost a process per file. Missing and oversized blobs
 * are left out.
 */
export function readBlobsText(root, oids, maxSize) {
    const out = new Map();
    const sizes = blobSizes(root, [...new Set(oids)]);
    let group = [];
    let bytes = 0;
    const flush = () => {
        if (group.length === 0)
            return;
        const r = gitSync(root, ['cat-file', '--batch'], group.join('\n') + '\n');
        group = [];
        bytes = 0;
        if (r.status !== 0)
            return;
        const buf = r.stdout;
        let at = 0;
        while (at < buf.length) {
            const nl = buf.indexOf(10, at);
            if (nl === -1)
                break;
            const header = buf.toString('latin1', at, nl).split(' ');
            at = nl + 1;
            if (header.length !== 3)
                continue; // `<oid> missing`
            const size = Number(header[2]);
            out.set(header[0], buf.toString('utf8', at, at + size));
            at += size + 1;
        }
    };
    for (const [oid, size] of sizes) {
        if (size === undefined || size > maxSize)
            continue;
        if (bytes + size > BATCH_BYTES)
            flush();
        group.push(oid);
        bytes += size;
    }
    flush();
    return out;
}
const streamed = (file) => file.binary && file.newMode !== SUBMODULE;
class DiffBlobs {
    root;
    files;
    maxFileSize;
    pathRules;
    sizes;
    stream;
    current;
    constructor(root, files, maxFileSize, pathRules) {
        this.root = root;
        this.files = files;
        this.maxFileSize = maxFileSize;
        this.pathRules = pathRules;
    }
    size(oid) {
        this.sizes ??= blobSizes(this.root, [...new Set(this.files.filter((f) => f.newMode !== SUBMODULE && (f.binary || this.pathRules(f))).map((f) => f.oid))]);
        return this.sizes.has(oid) ? this.sizes.get(oid) : blobSize(this.root, oid);
    }
    read(oid) {
        return this.current?.oid === oid ? this.current.data : readBlob(this.root, oid);
    }
    /** Take a binary file's blob from the stream (when within the limit), so the reads for its items cost no process. */
    async next(file) {
        this.current = undefined;
        const size = this.size(file.oid);
        if (size === undefined || size > this.maxFileSize)
            return;
        this.stream ??= catFileBatch(this.root, this.binaryOids(), this.maxFileSize);
        const next = await this.stream.next();
        if (!next.done && next.value.oid === file.oid && !next.value.missing && next.value.data)
            this.current = { oid: file.oid, data: next.value.data };
    }
    async close() {
        await this.stream?.return(undefined);
    }
    /** The binary blobs the stream hands over, in the order `next` asks for them. */
    binaryOids() {
        return this.files.filter((f) => streamed(f) && (this.size(f.oid) ?? Infinity) <= this.maxFileSize).map((f) => f.oid);
    }
}
/** Source items for the files of one diff (the staged changes, or one commit), reading whole blobs in as few processes as it can. */
export async function* diffFileItems(root, files, o) {
    const blobs = new DiffBlobs(root, files, o.maxFileSize, o.pathRules);
    const readBlob = (oid) => blobs.read(oid);
    const blobSize = (oid) => blobs.size(oid);
    try {
        for (const file of files) {
            if (streamed(file))
                await blobs.next(file);
            yield* fileDiffItems(file, { origin: o.origin, maxFileSize: o.maxFileSize, readBlob, blobSize, pathRules: o.pathRules(file), ...(o.where !== undefined ? { where: o.where } : {}) });
        }
    }
    finally {
        await blobs.close();
    }
}
