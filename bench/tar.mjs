// A minimal reader for npm tarballs (gzip'd ustar with pax and GNU long-name
// headers): enough to list regular files and their bytes, no dependency.
import { gunzipSync } from 'node:zlib';

function field(block, start, length) {
  const raw = block.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return (nul === -1 ? raw : raw.subarray(0, nul)).toString('utf8');
}

function octal(block, start, length) {
  const text = field(block, start, length).trim();
  return text ? parseInt(text, 8) : 0;
}

function paxPath(data) {
  // Records look like "<len> key=value\n".
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    if (space === -1) break;
    const len = parseInt(data.subarray(at, space).toString('ascii'), 10);
    if (!len) break;
    const record = data.subarray(space + 1, at + len - 1).toString('utf8');
    if (record.startsWith('path=')) return record.slice(5);
    at += len;
  }
  return undefined;
}

/** Every regular file of a .tgz as { path, data }, the leading `package/` directory removed. */
export function readTarball(tgz) {
  const tar = gunzipSync(tgz);
  const files = [];
  let longName;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 48);
    const body = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x' || type === 'L') {
      longName = type === 'x' ? paxPath(body) : field(body, 0, body.length);
      continue;
    }
    let path =
      longName ??
      (field(header, 345, 155) ? `${field(header, 345, 155)}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    if (type !== '0' && type !== '7') continue;
    path = path.replace(/^[^/]+\//, '');
    if (path) files.push({ path, data: Buffer.from(body) });
  }
  return files;
}
