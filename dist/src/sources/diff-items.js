/** A gitlink: the commit of a submodule, not a blob of this repository. */
export const SUBMODULE = '160000';
export function* fileDiffItems(file, o) {
    if (file.newMode === SUBMODULE)
        return;
    const where = o.where ? ` in ${o.where}` : '';
    const withinLimit = () => (o.blobSize(file.oid) ?? Infinity) <= o.maxFileSize;
    if (o.pathRules)
        yield { type: 'path', path: file.path, origin: o.origin, content: () => (withinLimit() ? o.readBlob(file.oid)?.toString('utf8') : undefined) };
    if (file.binary) {
        // git saw no text (NUL bytes): UTF-16 text and real binaries both land here; the scanner tells them apart.
        const size = o.blobSize(file.oid);
        const data = size !== undefined && size <= o.maxFileSize ? o.readBlob(file.oid) : undefined;
        if (size === undefined || (size <= o.maxFileSize && !data))
            yield { type: 'skipped', path: file.path, reason: 'unreadable', detail: `blob ${file.oid} is missing${where}` };
        else if (!data)
            yield { type: 'skipped', path: file.path, reason: 'large', detail: `${size} bytes${where}` };
        else
            yield { type: 'file', path: file.path, origin: o.origin, data, pathRules: false };
        return;
    }
    if (file.added.length === 0)
        return;
    const text = file.added.map((l) => l.text).join('\n');
    if (text.length > o.maxFileSize) {
        yield { type: 'skipped', path: file.path, reason: 'large', detail: `${text.length} bytes added${where}` };
        return;
    }
    yield { type: 'chunk', chunk: { path: file.path, text, startLine: file.added[0].line, lineNumbers: file.added.map((l) => l.line), origin: o.origin } };
}
/** Added, copied and renamed paths are new to path rules; a modified file was judged when it was added. */
export function isNewPath(file) {
    return file.status !== 'M' && file.status !== 'T';
}
