var __defProp = Object.defineProperty;
var __esmMin = (fn, res, err) => () => {
	if (err) throw err[0];
	try {
		return fn && (res = fn(fn = 0)), res;
	} catch (e) {
		throw err = [e], e;
	}
};
var __commonJSMin = (cb, mod) => () => (mod || (cb((mod = { exports: {} }).exports, mod, mod.exports), cb = null), mod.exports);
var __exportAll = (all, no_symbols) => {
	let target = {};
	for (var name in all) __defProp(target, name, {
		get: all[name],
		enumerable: true
	});
	if (!no_symbols) __defProp(target, Symbol.toStringTag, { value: "Module" });
	return target;
};
let node_worker_threads = require("node:worker_threads");
let node_child_process = require("node:child_process");
require("node:fs");
require("node:url");
let node_module = require("node:module");
let node_buffer = require("node:buffer");
require("node:path");
// src/git/policy.ts
const KNOWN_PROTOCOLS = [
	"ext",
	"fd",
	"file",
	"git",
	"ssh",
	"http",
	"https",
	"ftp",
	"ftps",
	"testgit"
];
const NO_PROGRAM = "/dev/null";
const PINNED_CONFIG = [
	["core.fsmonitor", "false"],
	["core.hooksPath", "/dev/null"],
	["core.pager", "cat"],
	["core.editor", "false"],
	["core.sshCommand", "false"],
	["core.askPass", "false"],
	["credential.helper", ""],
	["diff.external", ""],
	["log.showSignature", "false"],
	["gpg.format", "openpgp"],
	["gpg.program", NO_PROGRAM],
	["gpg.openpgp.program", NO_PROGRAM],
	["gpg.x509.program", NO_PROGRAM],
	["gpg.ssh.program", NO_PROGRAM],
	["protocol.allow", "never"],
	...KNOWN_PROTOCOLS.map((name) => [`protocol.${name}.allow`, "never"]),
	["submodule.recurse", "false"],
	["core.untrackedCache", "false"],
	["maintenance.auto", "false"],
	["gc.auto", "0"],
	["core.useReplaceRefs", "false"],
	["log.showRoot", "true"],
	["log.decorate", "false"],
	["log.abbrevCommit", "false"],
	["log.follow", "false"],
	["log.mailmap", "false"],
	["i18n.logOutputEncoding", "UTF-8"],
	["core.quotePath", "true"],
	["core.bigFileThreshold", "512m"],
	["color.ui", "false"],
	["color.diff", "false"],
	["diff.renames", "false"],
	["diff.algorithm", "myers"],
	["diff.noprefix", "false"],
	["diff.mnemonicPrefix", "false"],
	["diff.srcPrefix", "a/"],
	["diff.dstPrefix", "b/"],
	["diff.relative", "false"],
	["diff.context", "3"],
	["diff.interHunkContext", "0"],
	["diff.suppressBlankEmpty", "false"],
	["diff.submodule", "short"],
	["diff.colorMoved", "false"]
];
const GLOBAL_OPTIONS = ["--no-replace-objects", "--no-pager"];
const POLICY_ENV = {
	GIT_ALLOW_PROTOCOL: "",
	GIT_PROTOCOL_FROM_USER: "0",
	GIT_NO_LAZY_FETCH: "1",
	GIT_NO_REPLACE_OBJECTS: "1",
	GIT_GRAFT_FILE: "/dev/null/leaklint-no-grafts",
	GIT_TERMINAL_PROMPT: "0",
	GIT_PAGER: "cat",
	PAGER: "cat",
	GIT_EDITOR: "false",
	GIT_ASKPASS: "false",
	SSH_ASKPASS: "false",
	GIT_OPTIONAL_LOCKS: "0",
	GCM_INTERACTIVE: "never"
};
const DROPPED_ENV = /^(GIT_(EXTERNAL_DIFF|DIFF_OPTS|SSH|SSH_COMMAND|SSH_VARIANT|PROXY_COMMAND|SEQUENCE_EDITOR|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+|(LITERAL|GLOB|NOGLOB|ICASE)_PATHSPECS|REPLACE_REF_BASE|SHALLOW_FILE))$/;
function policyEnv(base = process.env) {
	const env = { ...base };
	for (const key of Object.keys(env)) if (DROPPED_ENV.test(key)) delete env[key];
	return Object.assign(env, POLICY_ENV);
}
function policyArgs(args) {
	const out = [];
	for (const [key, value] of PINNED_CONFIG) out.push("-c", `${key}=${value}`);
	out.push(...GLOBAL_OPTIONS, ...args);
	return out;
}
function safeEnv() {
	return policyEnv(process.env);
}
function gitArgs(args) {
	return policyArgs(args);
}
var CatFileBatchReader = class {
	maxSize;
	reuse;
	buf = Buffer.alloc(0);
	pending;
	scratch;
	constructor(maxSize, reuse = false) {
		this.maxSize = maxSize;
		this.reuse = reuse;
	}
	assemble(parts, size) {
		if (parts.length === 1) return parts[0];
		if (!this.reuse || parts.length === 0) return Buffer.concat(parts, size);
		if (!this.scratch || this.scratch.length < size) this.scratch = Buffer.allocUnsafeSlow(Math.max(size, 2 * (this.scratch?.length ?? 0), 1 << 20));
		let at = 0;
		for (const part of parts) at += part.copy(this.scratch, at);
		return this.scratch.subarray(0, size);
	}
	push(chunk) {
		const out = [];
		this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
		for (;;) {
			const pending = this.pending;
			if (pending) {
				const need = pending.size + 1 - pending.got;
				const take = Math.min(need, this.buf.length);
				if (pending.parts && pending.got < pending.size) pending.parts.push(this.buf.subarray(0, Math.min(take, pending.size - pending.got)));
				pending.got += take;
				this.buf = this.buf.subarray(take);
				if (pending.got < pending.size + 1) break;
				this.pending = void 0;
				out.push(pending.parts ? {
					oid: pending.oid,
					missing: false,
					size: pending.size,
					data: this.assemble(pending.parts, pending.size)
				} : {
					oid: pending.oid,
					missing: false,
					size: pending.size
				});
				continue;
			}
			const nl = this.buf.indexOf(10);
			if (nl === -1) break;
			const header = this.buf.subarray(0, nl).toString("latin1");
			this.buf = this.buf.subarray(nl + 1);
			const m = /^(\S+) (\S+) (\d+)$/.exec(header);
			if (!m) {
				out.push({
					oid: header.split(" ")[0],
					missing: true
				});
				continue;
			}
			const size = Number(m[3]);
			this.pending = {
				oid: m[1],
				size,
				parts: size <= this.maxSize ? [] : void 0,
				got: 0
			};
		}
		return out;
	}
};
function diedOn(stderr, oid) {
	return stderr.includes(oid);
}
// src/scan/keywords.ts
const ALPHABET = 128;
function fold(code) {
	return code >= 65 && code <= 90 ? code + 32 : code;
}
let stateAfter = 0;
function runToHit(data, goto, s, i, n) {
	for (; i < n; i++) {
		const next = goto[s + data[i]];
		if (next < 0) {
			stateAfter = -(next + 1);
			return i;
		}
		s = next;
	}
	stateAfter = s;
	return n;
}
var KeywordMatcher = class {
	keywords;
	goto;
	ends;
	out;
	lengths;
	longest;
	byteGoto;
	constructor(keywords) {
		this.keywords = keywords;
		const maxStates = keywords.reduce((n, k) => n + k.length, 0) + 1;
		const table = new Int32Array(maxStates * ALPHABET);
		const out = [[]];
		const edges = [[]];
		let states = 1;
		keywords.forEach((kw, index) => {
			let s = 0;
			for (let i = 0; i < kw.length; i++) {
				const c = fold(kw.charCodeAt(i));
				if (c >= ALPHABET) throw new Error(`keyword must be ASCII: ${kw}`);
				const slot = s * ALPHABET + c;
				if (table[slot] === 0) {
					table[slot] = states * ALPHABET;
					edges[s].push(c);
					out.push([]);
					edges.push([]);
					states++;
				}
				s = table[slot] >> 7;
			}
			out[s].push(index);
		});
		const fail = new Int32Array(states);
		const queue = edges[0].map((c) => table[c] >> 7);
		for (let head = 0; head < queue.length; head++) {
			const s = queue[head];
			const f = fail[s];
			const row = s * ALPHABET;
			const own = edges[s].map((c) => table[row + c]);
			table.copyWithin(row, f * ALPHABET, f * ALPHABET + ALPHABET);
			edges[s].forEach((c, i) => {
				table[row + c] = own[i];
				const next = own[i] >> 7;
				const nf = table[f * ALPHABET + c] >> 7;
				fail[next] = nf;
				if (out[nf].length) out[next] = out[next].concat(out[nf]);
				queue.push(next);
			});
		}
		const ends = new Uint8Array(states);
		for (let st = 0; st < states; st++) ends[st] = out[st].length ? 1 : 0;
		this.goto = table.slice(0, states * ALPHABET);
		this.ends = ends;
		this.out = out;
		this.lengths = keywords.map((k) => k.length);
		this.longest = Math.max(1, ...this.lengths);
	}
	bytesTable() {
		if (this.byteGoto) return this.byteGoto;
		const states = this.ends.length;
		const byteGoto = new Int32Array(states * 256);
		for (let st = 0; st < states; st++) for (let b = 0; b < 256; b++) {
			const next = b >= ALPHABET ? 0 : this.goto[st * ALPHABET + fold(b)] >> 7;
			byteGoto[st * 256 + b] = this.ends[next] ? -(next * 256) - 1 : next * 256;
		}
		return this.byteGoto = byteGoto;
	}
	searchBytes(data) {
		const n = data.length;
		const lead = this.longest - 1;
		if (n < 8 * (lead + 1) + 64) return this.walk(data, 0, n, []);
		const goto = this.bytesTable();
		const mid = n >> 1;
		const first = [];
		const second = [];
		let a = 0;
		let b = 0;
		let j = mid - lead;
		for (let i = 0; i < mid; i++, j++) {
			const na = goto[a + data[i]];
			const nb = goto[b + data[j]];
			if ((na | nb) >= 0) {
				a = na;
				b = nb;
				continue;
			}
			if (na < 0) this.hitsAt(first, a = -(na + 1), i);
			else a = na;
			if (nb < 0) {
				b = -(nb + 1);
				if (j >= mid) this.hitsAt(second, b, j);
			} else b = nb;
		}
		this.walk(data, j, n, second, b);
		for (const h of second) first.push(h);
		return first;
	}
	hitsAt(hits, s, end) {
		const ends = this.out[s >> 8];
		for (let q = 0; q < ends.length; q++) {
			const k = ends[q];
			hits.push({
				keyword: k,
				start: end + 1 - this.lengths[k]
			});
		}
	}
	walk(data, from, n, hits, s = 0) {
		const goto = this.bytesTable();
		for (let i = runToHit(data, goto, s, from, n); i < n; i = runToHit(data, goto, s, i + 1, n)) {
			s = stateAfter;
			this.hitsAt(hits, s, i);
		}
		return hits;
	}
	search(text) {
		const hits = [];
		const goto = this.goto;
		const ends = this.ends;
		let s = 0;
		for (let i = 0, n = text.length; i < n; i++) {
			let c = text.charCodeAt(i);
			if (c >= ALPHABET) {
				s = 0;
				continue;
			}
			if (c >= 65 && c <= 90) c += 32;
			s = goto[s + c];
			if (ends[s >> 7] === 1) for (const k of this.out[s >> 7]) hits.push({
				keyword: k,
				start: i + 1 - this.lengths[k]
			});
		}
		return hits;
	}
};
// src/rulekit/placeholder.ts
function writtenAsWord(text) {
	return text === text.toLowerCase() || text === text.toUpperCase() || text === text[0].toUpperCase() + text.slice(1).toLowerCase();
}
function hasShortWordAtEdge(value, word) {
	const lower = value.toLowerCase();
	let at = lower.indexOf(word);
	while (at !== -1) {
		const before = at === 0 ? "" : value[at - 1];
		const after = at + word.length >= value.length ? "" : value[at + word.length];
		if (before !== "" && SEPARATOR.test(before) || after !== "" && SEPARATOR.test(after) || (before === "" || after === "") && writtenAsWord(value.slice(at, at + word.length))) return true;
		at = lower.indexOf(word, at + 1);
	}
	return false;
}
function longestRun(value) {
	let best = 1;
	let run = 1;
	for (let i = 1; i < value.length; i++) {
		run = value[i] === value[i - 1] ? run + 1 : 1;
		if (run > best) best = run;
	}
	return best;
}
function longestSequence(value) {
	let best = 1;
	let up = 1;
	let down = 1;
	for (let i = 1; i < value.length; i++) {
		const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
		up = d === 1 ? up + 1 : 1;
		down = d === -1 ? down + 1 : 1;
		best = Math.max(best, up, down);
	}
	return best;
}
function distinct(value) {
	return new Set(value).size;
}
function isPlaceholder(value, prefixLength = 0) {
	const body = value.slice(prefixLength);
	if (body.length === 0) return true;
	for (const re of TEMPLATE) if (re.test(value)) return true;
	const lower = body.toLowerCase();
	for (const w of LONG_WORDS) if (lower.includes(w)) return true;
	for (const w of SHORT_WORDS) if (hasShortWordAtEdge(body, w)) return true;
	if (longestRun(body) >= 6) return true;
	if (longestSequence(body) >= 6) return true;
	if (body.length >= 8 && distinct(body) <= Math.max(3, Math.min(10, Math.floor(body.length / 10)))) return true;
	return false;
}
function entropy(value) {
	const counts = /* @__PURE__ */ new Map();
	for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
	let h = 0;
	for (const n of counts.values()) {
		const p = n / value.length;
		h -= p * Math.log2(p);
	}
	return h;
}
var LONG_WORDS, SHORT_WORDS, TEMPLATE, SEPARATOR;
var init_placeholder = __esmMin((() => {
	LONG_WORDS = [
		"example",
		"sample",
		"dummy",
		"notareal",
		"not_a_real",
		"not-a-real",
		"redacted",
		"changeme",
		"change_me",
		"placeholder",
		"replace_me",
		"replaceme",
		"insert_",
		"yourtoken",
		"your_token",
		"your-token",
		"yourkey",
		"your_key",
		"your-key",
		"yoursecret",
		"your_secret",
		"secretvalue",
		"fakesecret",
		"faketoken",
		"fakekey",
		"notreal",
		"xxxxx"
	];
	SHORT_WORDS = [
		"your",
		"here",
		"fake",
		"test",
		"todo",
		"mock",
		"demo"
	];
	TEMPLATE = [
		/\$\{\{?[^}]*\}\}?/,
		/\{\{[^}]*\}\}/,
		/<[^<>]{1,80}>/,
		/%[A-Za-z_][A-Za-z0-9_]*%/,
		/^\$[A-Za-z_][A-Za-z0-9_]*$/,
		/^\$\(/,
		/%\([a-z_]+\)s/,
		/\*{3,}/,
		/\.{3,}|\u2026/,
		/test[_-]?(?:api[_-]?)?(?:token|key|secret)/i,
		/(?:process\.env|os\.environ|getenv|ENV\[)/
	];
	SEPARATOR = /[^A-Za-z0-9]/;
}));
// src/util/sha256.ts
function loadCrypto() {
	crypto ??= (0, node_module.createRequire)(require("url").pathToFileURL(__filename).href)("node:crypto");
	return crypto;
}
function sha256Hex(text) {
	return loadCrypto().createHash("sha256").update(text).digest("hex");
}
var crypto;
var init_sha256 = __esmMin((() => {}));
// src/report/redact.ts
function preview(secret, visiblePrefix = 0) {
	const prefix = secret.slice(0, visiblePrefix);
	const body = secret.slice(visiblePrefix);
	const tail = body.length >= 24 ? 4 : body.length >= 16 ? 3 : body.length >= 10 ? 2 : 0;
	return `${prefix}${"*".repeat(8)}${tail ? body.slice(-tail) : ""}`;
}
function normalisePath(path, platform = process.platform) {
	let p = platform === "win32" ? path.replace(/\\/g, "/") : path;
	while (p.startsWith("./")) p = p.slice(2);
	return p;
}
function fingerprint(ruleId, path, secret) {
	return sha256Hex(`${ruleId}\0${normalisePath(path)}\0${secret}`).slice(0, 32);
}
var init_redact = __esmMin((() => {
	init_sha256();
}));
// src/scan/text.ts
init_placeholder();
init_redact();
const SNIFF_BYTES = 8e3;
const utf8 = new TextDecoder("utf-8");
function bufferOf(buf) {
	return Buffer.isBuffer(buf) ? buf : Buffer.from(buf.buffer, buf.byteOffset, buf.length);
}
function asciiText(buf) {
	return bufferOf(buf).toString("latin1");
}
function lineStartBefore(bytes, pos, lines = 0) {
	let start = pos <= 0 ? 0 : bytes.lastIndexOf(10, pos - 1) + 1;
	for (let i = 0; i < lines && start > 0; i++) start = start === 1 ? 0 : bytes.lastIndexOf(10, start - 2) + 1;
	return start;
}
function lineEndAfter(bytes, pos, lines = 0) {
	const n = bytes.length;
	const endOf = (p) => {
		const e = p >= n ? -1 : bytes.indexOf(10, p);
		return e === -1 ? n : e;
	};
	let end = endOf(pos);
	for (let i = 0; i < lines && end < n; i++) end = endOf(end + 1);
	return end;
}
function isBinary(buf) {
	return bufferOf(buf).subarray(0, SNIFF_BYTES).indexOf(0) !== -1;
}
function hasNoBom(buf) {
	if (buf.length >= 2 && (buf[0] === 255 && buf[1] === 254 || buf[0] === 254 && buf[1] === 255)) return false;
	return !(buf.length >= 3 && buf[0] === 239 && buf[1] === 187 && buf[2] === 191);
}
function utf16Offsets(buf, byteOffsets) {
	const wanted = [...new Set(byteOffsets)].sort((a, b) => a - b);
	const out = /* @__PURE__ */ new Map();
	let units = 0;
	let at = 0;
	for (const target of wanted) {
		for (; at < target; at++) {
			const b = buf[at];
			if ((b & 192) !== 128) units += b >= 240 ? 2 : 1;
		}
		out.set(target, units);
	}
	return out;
}
function hitRegions(buf, hits, contextOf, reachOf) {
	const bytes = bufferOf(buf);
	const n = bytes.length;
	const regions = [];
	let lastLineStart = -1;
	let lastLineEnd = -1;
	let lastCtx = -1;
	let linesStart = 0;
	let linesEnd = 0;
	for (const hit of hits) {
		const ctx = contextOf[hit.keyword] ?? 0;
		const onLastLine = hit.start >= lastLineStart && hit.start <= lastLineEnd && ctx === lastCtx;
		if (onLastLine && !reachOf) continue;
		if (!onLastLine) {
			lastLineStart = lineStartBefore(bytes, hit.start);
			lastLineEnd = lineEndAfter(bytes, hit.start);
			lastCtx = ctx;
			linesStart = lineStartBefore(bytes, lastLineStart, ctx);
			linesEnd = lineEndAfter(bytes, lastLineEnd, ctx);
		}
		let start = linesStart;
		let end = linesEnd;
		const reach = reachOf?.[hit.keyword];
		if (reach !== void 0) {
			if (hit.start - reach > start) {
				start = hit.start - reach;
				while (start > linesStart && (bytes[start] & 192) === 128) start--;
			}
			if (hit.start + reach < end) {
				end = hit.start + reach;
				while (end < linesEnd && (bytes[end] & 192) === 128) end++;
			}
		}
		if (end === linesEnd && end > start && bytes[end - 1] === 13 && end < n) end--;
		const last = regions[regions.length - 1];
		if (last && start >= last[0] && end <= last[1]) continue;
		regions.push([start, end]);
	}
	regions.sort((a, b) => a[0] - b[0]);
	const merged = [];
	for (const r of regions) {
		const last = merged[merged.length - 1];
		if (last && r[0] <= last[1] + 2) last[1] = Math.max(last[1], r[1]);
		else merged.push(r);
	}
	return merged;
}
function utf16Order(buf) {
	const end = Math.min(buf.length, SNIFF_BYTES) & -2;
	if (end < 8) return void 0;
	let le = 0;
	let be = 0;
	for (let i = 0; i < end; i += 2) {
		const a = buf[i];
		const b = buf[i + 1];
		if (a === 0 && b === 0) return void 0;
		if (b === 0 && isTextByte$1(a)) le++;
		else if (a === 0 && isTextByte$1(b)) be++;
	}
	const pairs = end / 2;
	if (le >= pairs * .9) return "utf-16le";
	if (be >= pairs * .9) return "utf-16be";
}
function isTextByte$1(b) {
	return b >= 32 && b < 127 || b === 9 || b === 10 || b === 13;
}
function looksUtf16(buf) {
	return utf16Order(buf) !== void 0;
}
function decode(buf) {
	if (buf.length >= 2) {
		if (buf[0] === 255 && buf[1] === 254) return {
			kind: "text",
			text: normaliseEol(new TextDecoder("utf-16le").decode(buf.subarray(2)))
		};
		if (buf[0] === 254 && buf[1] === 255) return {
			kind: "text",
			text: normaliseEol(new TextDecoder("utf-16be").decode(buf.subarray(2)))
		};
	}
	const end = Math.min(buf.length, SNIFF_BYTES);
	for (let i = 0; i < end; i++) {
		if (buf[i] !== 0) continue;
		const order = utf16Order(buf);
		return order ? {
			kind: "text",
			text: normaliseEol(new TextDecoder(order).decode(buf))
		} : { kind: "binary" };
	}
	let start = 0;
	if (buf.length >= 3 && buf[0] === 239 && buf[1] === 187 && buf[2] === 191) start = 3;
	return {
		kind: "text",
		text: normaliseEol(new TextDecoder("utf-8").decode(start ? buf.subarray(start) : buf))
	};
}
function normaliseEol(text) {
	if (text.indexOf("\r") === -1) return text;
	return text.replace(/\r\n?/g, "\n");
}
function lineStarts(text) {
	const starts = [0];
	let i = text.indexOf("\n");
	while (i !== -1) {
		starts.push(i + 1);
		i = text.indexOf("\n", i + 1);
	}
	return starts;
}
function lineIndexAt(starts, offset) {
	let lo = 0;
	let hi = starts.length - 1;
	while (lo < hi) {
		const mid = lo + hi + 1 >> 1;
		if (starts[mid] <= offset) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}
// src/suppress/inline.ts
const SAME_LINE = [
	"leaklint:allow",
	"gitleaks:allow",
	"pragma: allowlist secret",
	"secretlint-disable-line",
	"trufflehog:ignore",
	"ggignore",
	"kingfisher:ignore"
];
const NEXT_LINE = [
	"leaklint:allow-next-line",
	"pragma: allowlist nextline secret",
	"secretlint-disable-next-line"
];
function findDirective(line, list) {
	if (line.length === 0) return void 0;
	const lower = line.toLowerCase();
	for (const d of list) for (let at = lower.indexOf(d); at !== -1; at = lower.indexOf(d, at + 1)) {
		const after = lower[at + d.length];
		if (after === "-" || after !== void 0 && /[a-z]/.test(after)) continue;
		return d;
	}
}
function inlineDirective(line, previousLine) {
	return findDirective(line, SAME_LINE) ?? (previousLine === void 0 ? void 0 : findDirective(previousLine, NEXT_LINE));
}
const HALF = 12;
const B64 = /* @__PURE__ */ new Uint8Array(65536);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") B64[c.charCodeAt(0)] = 1;
const EQ = 61;
const SEXTET = (/* @__PURE__ */ new Int8Array(256)).fill(-1);
[..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].forEach((c, i) => SEXTET[c.charCodeAt(0)] = i);
function startsAsText(s, at) {
	for (let g = s; g < s + 12; g += 4) {
		const v = SEXTET[at(g)] << 18 | SEXTET[at(g + 1)] << 12 | SEXTET[at(g + 2)] << 6 | SEXTET[at(g + 3)];
		if (!isTextByte(v >> 16) || !isTextByte(v >> 8 & 255) || !isTextByte(v & 255)) return false;
	}
	return true;
}
function isTextByte(b) {
	return b >= 32 && b < 127 || b === 9 || b === 10 || b === 13;
}
function base64Runs(text) {
	const at = (i) => text.charCodeAt(i);
	const n = text.length;
	let runs;
	let floor = 0;
	let p = 23;
	while (p < n) {
		if (B64[text.charCodeAt(p)] !== 1 || B64[text.charCodeAt(p + HALF)] !== 1 && (p - HALF < floor || B64[text.charCodeAt(p - HALF)] !== 1)) {
			floor = p + 1;
			p += 24;
			continue;
		}
		let s = p;
		while (s > floor && B64[text.charCodeAt(s - 1)] === 1) s--;
		let e = p + 1;
		while (e < n && B64[text.charCodeAt(e)] === 1) e++;
		let end = e;
		while (end < n && end - e < 2 && text.charCodeAt(end) === EQ) end++;
		const length = e - s;
		if (length >= 24 && end - s <= 8192 && length % 4 !== 1 && startsAsText(s, at)) (runs ??= []).push({
			start: s,
			end
		});
		floor = end;
		p = end + 24 - 1;
	}
	return runs ?? [];
}
function base64RunsInBytes(data) {
	const n = data.length;
	const at = (i) => data[i];
	let runs;
	let floor = 0;
	let p = 23;
	while (p < n) {
		if (B64[data[p]] !== 1 || B64[data[p + HALF]] !== 1 && (p - HALF < floor || B64[data[p - HALF]] !== 1)) {
			floor = p + 1;
			p += 24;
			continue;
		}
		let s = p;
		while (s > floor && B64[data[s - 1]] === 1) s--;
		let e = p + 1;
		while (e < n && B64[data[e]] === 1) e++;
		let end = e;
		while (end < n && end - e < 2 && data[end] === EQ) end++;
		const length = e - s;
		if (length >= 24 && end - s <= 8192 && length % 4 !== 1 && startsAsText(s, at)) (runs ??= []).push({
			start: s,
			end
		});
		floor = end;
		p = end + 24 - 1;
	}
	return runs ?? [];
}
function decodeBase64Text(encoded) {
	const bytes = Buffer.from(encoded, "base64");
	if (bytes.length < 12) return void 0;
	let ascii = true;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b >= 128) ascii = false;
		else if (b < 32 && b !== 9 && b !== 10 && b !== 13 || b === 127) return void 0;
	}
	if (!ascii && !(0, node_buffer.isUtf8)(bytes)) return void 0;
	return { text: bytes.toString(ascii ? "latin1" : "utf8").replace(/\r/g, "\n") };
}
// src/scan/joined-literals.ts
const JOINABLE = /\.(?:py|pyi|pyw|ipynb|js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i;
function joinsLiterals(path) {
	return JOINABLE.test(path);
}
const MAX_LITERAL = 256;
const MAX_JOINED = 1024;
const MAX_GAP = 80;
const JOIN_READ = 1362;
function isQuote(c) {
	return c === 34 || c === 39 || c === 96;
}
function isSpace(c) {
	return c === 32 || c === 9 || c === 10 || c === 13;
}
function closingQuote(text, open) {
	const q = text.charCodeAt(open);
	const limit = Math.min(text.length, open + 1 + MAX_LITERAL + 1);
	for (let j = open + 1; j < limit; j++) {
		const c = text.charCodeAt(j);
		if (c === q) return j;
		if (c === 10) return -1;
		if (c === 92) j++;
		else if (q === 96 && c === 36 && text.charCodeAt(j + 1) === 123) return -1;
	}
	return -1;
}
function nextLiteral(text, close) {
	return joinedAt((i) => text.charCodeAt(i), text.length, close);
}
function joinedAt(at, n, close) {
	let i = close + 1;
	const limit = Math.min(n, i + MAX_GAP);
	let joiner = false;
	while (i < limit) {
		const c = at(i);
		if (isSpace(c)) i++;
		else if (!joiner && (c === 43 || c === 92)) {
			joiner = true;
			i++;
		} else break;
	}
	if (i >= limit || !isQuote(at(i))) return -1;
	return i > close + 1 ? i : -1;
}
var JoinScout = class {
	text;
	at;
	from = 0;
	stopAt = 0;
	stop = "reach";
	constructor(text) {
		this.text = text;
		this.at = typeof text === "string" ? (i) => text.charCodeAt(i) : (i) => text[i];
	}
	mayFollow(from) {
		const n = this.text.length;
		const limit = Math.min(n, from + 1028);
		let j = from;
		if (from >= this.from && from < this.stopAt) {
			if (this.stop !== "reach") return this.stop === "join";
			j = this.stopAt;
		}
		this.from = from;
		const text = this.text;
		for (;;) {
			j = typeof text === "string" ? breakOrQuoteInText(text, j, limit) : breakOrQuoteInBytes(text, j, limit);
			if (j >= limit) return this.stopped(limit, "reach");
			if (this.at(j) === 10) return this.stopped(j, "break");
			if (joinedAt(this.at, n, j) !== -1) return this.stopped(j, "join");
			j++;
		}
	}
	stopped(at, why) {
		this.stopAt = at;
		this.stop = why;
		return why === "join";
	}
};
function breakOrQuoteInText(text, from, limit) {
	for (let j = from; j < limit; j++) {
		const c = text.charCodeAt(j);
		if (c === 10 || c === 34 || c === 39 || c === 96) return j;
	}
	return limit;
}
function breakOrQuoteInBytes(bytes, from, limit) {
	for (let j = from; j < limit; j++) {
		const c = bytes[j];
		if (c === 10 || c === 34 || c === 39 || c === 96) return j;
	}
	return limit;
}
function joinedLiterals(text, from = 0, to = text.length) {
	const views = [];
	const quote = /["'`]/g;
	quote.lastIndex = from;
	let m;
	while ((m = quote.exec(text)) !== null && m.index < to) {
		const first = m.index;
		let open = first;
		let close = closingQuote(text, open);
		if (close === -1) continue;
		const pieces = [];
		let joined = "";
		for (;;) {
			const length = close - open - 1;
			if (joined.length + length > MAX_JOINED) break;
			pieces.push({
				at: joined.length,
				from: open + 1,
				length
			});
			joined += text.slice(open + 1, close);
			const next = nextLiteral(text, close);
			const nextClose = next === -1 ? -1 : closingQuote(text, next);
			if (nextClose === -1 || nextClose - first >= 1024) break;
			open = next;
			close = nextClose;
		}
		quote.lastIndex = close + 1;
		if (pieces.length >= 2) views.push({
			text: joined,
			pieces,
			end: close + 1
		});
	}
	return views;
}
function sourceSpan(view, start, end) {
	const first = pieceAt(view.pieces, start);
	const last = pieceAt(view.pieces, Math.max(start, end - 1));
	if (first === last) return void 0;
	const a = view.pieces[first];
	const b = view.pieces[last];
	return [a.from + (start - a.at), b.from + (end - b.at)];
}
function pieceAt(pieces, offset) {
	let i = 0;
	while (i + 1 < pieces.length && pieces[i + 1].at <= offset) i++;
	return i;
}
// src/scan/versions.ts
const MIN_SIZE = 16384;
const MAX_KEPT = 8388608;
const STALE_BYTES = 4096;
const MAX_CHURN = 3;
function sameForward(a, ai, b, bi, max) {
	const n = Math.min(max, a.length - ai, b.length - bi);
	let k = 0;
	let step = 256;
	while (k < n) {
		let far = Math.min(n, k + step);
		if (a.compare(b, bi + k, bi + far, ai + k, ai + far) === 0) {
			k = far;
			step = Math.min(step * 4, 1 << 20);
			continue;
		}
		while (far - k > 32) {
			const mid = k + far >>> 1;
			if (a.compare(b, bi + k, bi + mid, ai + k, ai + mid) === 0) k = mid;
			else far = mid;
		}
		while (k < far && a[ai + k] === b[bi + k]) k++;
		return k;
	}
	return n;
}
function sameBackward(a, aEnd, b, bEnd, max) {
	const n = Math.min(max, aEnd, bEnd);
	let k = 0;
	let step = 256;
	while (k < n) {
		let far = Math.min(n, k + step);
		if (a.compare(b, bEnd - far, bEnd - k, aEnd - far, aEnd - k) === 0) {
			k = far;
			step = Math.min(step * 4, 1 << 20);
			continue;
		}
		while (far - k > 32) {
			const mid = k + far >>> 1;
			if (a.compare(b, bEnd - mid, bEnd - k, aEnd - mid, aEnd - k) === 0) k = mid;
			else far = mid;
		}
		while (k < far && a[aEnd - 1 - k] === b[bEnd - 1 - k]) k++;
		return k;
	}
	return n;
}
const ANCHOR = 128;
const LOOKUP_REACH = 16384;
const MAX_LOOKUPS = 48;
function changedRanges(before, now) {
	const n = now.length;
	const prefix = sameForward(before, 0, now, 0, n);
	const suffix = sameBackward(before, before.length, now, n, Math.min(n, before.length) - prefix);
	const changed = [];
	const todo = [[
		prefix,
		n - suffix,
		prefix,
		before.length - suffix
	]];
	let lookups = 0;
	while (todo.length) {
		const [from, to, was, wasTo] = todo.pop();
		if (to - from < 512 || wasTo - was < ANCHOR || lookups >= MAX_LOOKUPS) {
			if (to > from || wasTo > was) changed.push([from, to]);
			continue;
		}
		const nl = now.lastIndexOf(10, from + to >>> 1);
		const at = Math.min(to - ANCHOR, nl < from ? from + to >>> 1 : nl + 1);
		lookups++;
		const guess = was + Math.round((at - from) * (wasTo - was) / (to - from));
		const near = Math.max(was, guess - LOOKUP_REACH);
		const inWas = before.subarray(near, Math.min(wasTo, guess + LOOKUP_REACH + ANCHOR)).indexOf(now.subarray(at, at + ANCHOR));
		if (inWas === -1) {
			const half = from + to >>> 1;
			changed.push([half, half]);
			todo.push([
				from,
				half,
				was,
				wasTo
			], [
				half,
				to,
				was,
				wasTo
			]);
			continue;
		}
		const found = near + inWas;
		const back = sameBackward(before, found, now, at, Math.min(at - from, found - was));
		const on = sameForward(before, found, now, at, Math.min(to - at, wasTo - found));
		todo.push([
			from,
			at - back,
			was,
			found - back
		], [
			at + on,
			to,
			found + on,
			wasTo
		]);
	}
	return changed;
}
var CleanVersions = class {
	kept = /* @__PURE__ */ new Map();
	ring;
	head = 0;
	seen = /* @__PURE__ */ new Set();
	churn = /* @__PURE__ */ new Map();
	skipped = /* @__PURE__ */ new Map();
	lastChanged;
	changed(path, data) {
		const base = this.kept.get(path);
		if (!base || data.length < MIN_SIZE) return void 0;
		const ranges = changedRanges(bufferOf(base.bytes), bufferOf(data));
		const bytes = ranges.reduce((sum, [from, to]) => sum + to - from, 0);
		this.lastChanged = {
			path,
			bytes
		};
		if (bytes * 2 > data.length) this.churn.set(path, (this.churn.get(path) ?? 0) + 1);
		else this.churn.delete(path);
		return {
			ranges,
			context: base.context
		};
	}
	regionsAround(data, ranges, context, join) {
		const now = bufferOf(data);
		const regions = ranges.map(([from, to]) => [lineStartBefore(now, Math.max(0, Math.min(lineStartBefore(now, from, context), from - join))), Math.min(now.length, lineEndAfter(now, to, context) + 1)]).sort((a, b) => a[0] - b[0]);
		const merged = [];
		let total = 0;
		for (const r of regions) {
			const last = merged[merged.length - 1];
			if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
			else merged.push(r);
		}
		for (const [from, to] of merged) total += to - from;
		return total * 4 > now.length * 3 ? void 0 : merged;
	}
	keep(path, data, context) {
		const last = this.lastChanged;
		this.lastChanged = void 0;
		if (last?.path === path && this.kept.has(path) && last.bytes <= Math.max(STALE_BYTES, data.length / 64)) return;
		const old = this.kept.get(path);
		if (old) this.kept.delete(path);
		if (data.length < MIN_SIZE || data.length > MAX_KEPT / 8 || this.backingOff(path)) return;
		if (!old && !this.seen.has(path)) {
			this.seen.add(path);
			return;
		}
		const at = this.place(data.length);
		const bytes = this.ring.subarray(at, at + data.length);
		bytes.set(data);
		this.kept.set(path, {
			at,
			bytes,
			context
		});
	}
	place(size) {
		this.ring ??= new Uint8Array(MAX_KEPT);
		if (this.head + size > this.ring.length) {
			this.forgetOldestWhile((k) => k.at >= this.head);
			this.head = 0;
		}
		const at = this.head;
		this.forgetOldestWhile((k) => k.at >= at && k.at < at + size);
		this.head = at + size;
		return at;
	}
	forgetOldestWhile(test) {
		for (const [path, k] of this.kept) {
			if (!test(k)) return;
			this.kept.delete(path);
		}
	}
	backingOff(path) {
		const strikes = this.churn.get(path) ?? 0;
		if (strikes < MAX_CHURN) return false;
		const skipped = (this.skipped.get(path) ?? 0) + 1;
		if (skipped < 2 ** Math.min(6, strikes - MAX_CHURN + 1)) {
			this.skipped.set(path, skipped);
			return true;
		}
		this.skipped.delete(path);
		return false;
	}
};
// src/scan/engine.ts
const BASE64_DEPTH = 2;
function fileBudget() {
	return {
		deadlines: /* @__PURE__ */ new Map(),
		exhausted: /* @__PURE__ */ new Set()
	};
}
function toUtf16(bytes, hits, shift = 0) {
	const units = utf16Offsets(bytes, hits.map((h) => h.start - shift));
	return (h) => ({
		keyword: h.keyword,
		start: units.get(h.start - shift)
	});
}
const WINDOW_MARGIN = 512;
function windowMargin(contextLines) {
	return WINDOW_MARGIN * (1 + contextLines);
}
const BUDGETED_WINDOW = 4 * WINDOW_MARGIN;
const MEMO_WINDOW_MAX = 2048;
const MEMO_CHARS_MAX = 2097152;
const MEMO_TRIAL = 4096;
const MEMO_WARMUP = 64;
var WindowMemo = class {
	young = /* @__PURE__ */ new Map();
	old = /* @__PURE__ */ new Map();
	chars = 0;
	uses = /* @__PURE__ */ new Map();
	of(path, ri) {
		let use = this.uses.get(path);
		if (!use) this.uses.set(path, use = {
			asked: 0,
			found: 0
		});
		if (use.asked >= MEMO_TRIAL && use.found * 8 < use.asked) return void 0;
		if (use.asked < MEMO_WARMUP) return {
			young: void 0,
			old: void 0,
			use
		};
		const key = `${ri}\0${path}`;
		let young = this.young.get(key);
		if (!young) this.young.set(key, young = /* @__PURE__ */ new Map());
		return {
			young,
			old: this.old.get(key),
			use
		};
	}
	grew(chars) {
		this.chars += chars;
		if (this.chars > MEMO_CHARS_MAX) {
			this.old = this.young;
			this.young = /* @__PURE__ */ new Map();
			this.chars = 0;
		}
	}
};
const NO_MATCHES = [];
function ownCopy(text) {
	return ` ${text}`.slice(1);
}
function detach(secret) {
	return JSON.parse(JSON.stringify(secret));
}
function specificOverlap(spans) {
	const sorted = [...spans].sort((a, b) => a.start - b.start);
	const starts = sorted.map((s) => s.start);
	const furthest = [];
	for (const s of sorted) furthest.push(Math.max(s.end, furthest[furthest.length - 1] ?? -Infinity));
	return (start, end) => {
		let lo = 0;
		let hi = starts.length;
		while (lo < hi) {
			const mid = lo + hi >> 1;
			if (starts[mid] < end) lo = mid + 1;
			else hi = mid;
		}
		return lo > 0 && furthest[lo - 1] > start;
	};
}
var Engine = class {
	recipe;
	contentRules;
	pathRules;
	matcher;
	get keywords() {
		return this.matcher.keywords;
	}
	rulesOf;
	contextOf;
	reachOf;
	byteRegionsExact;
	hitChecksOf;
	overBudget = [];
	memo = new WindowMemo();
	versions;
	constructor(rules, recipe) {
		this.recipe = recipe;
		this.contentRules = rules.filter((r) => r.kind === "content");
		this.pathRules = rules.filter((r) => r.kind === "path");
		const keywordIndex = /* @__PURE__ */ new Map();
		const rulesOf = [];
		this.contentRules.forEach((rule, ri) => {
			for (const raw of rule.keywords) {
				const kw = raw.toLowerCase();
				let k = keywordIndex.get(kw);
				if (k === void 0) {
					k = keywordIndex.size;
					keywordIndex.set(kw, k);
					rulesOf.push([]);
				}
				if (!rulesOf[k].includes(ri)) rulesOf[k].push(ri);
			}
		});
		this.matcher = new KeywordMatcher([...keywordIndex.keys()]);
		this.rulesOf = rulesOf;
		this.contextOf = rulesOf.map((ris) => Math.max(0, ...ris.map((ri) => this.contentRules[ri].contextLines ?? 0)));
		this.reachOf = this.contextOf.map((ctx, k) => 3 * windowMargin(ctx) + this.matcher.keywords[k].length);
		this.hitChecksOf = rulesOf.map((ris) => {
			const checks = ris.map((ri) => this.contentRules[ri].hitCanMatch);
			return checks.every((c) => c !== void 0) ? checks : void 0;
		});
		this.byteRegionsExact = this.matcher.keywords.every((k) => !/[\r\n]/.test(k));
	}
	scan(chunk) {
		return chunk.text.length < 1048576 ? this.scanEveryHit(chunk) : this.scanAsBytes(chunk);
	}
	scanAsBytes(chunk) {
		return this.scanUtf8(chunk, Buffer.from(chunk.text, "utf8"));
	}
	scanUtf8(chunk, bytes) {
		const text = chunk.text;
		if (bytes.indexOf(13) !== -1) return this.scanEveryHit(chunk);
		const hits = this.matcher.searchBytes(bytes);
		const usable = this.hitsSomeRuleMayUse(bytes, hits);
		if (bytes.length === text.length) return this.scanText(chunk, hits, usable);
		const move = toUtf16(bytes, hits);
		const movedHits = hits.map(move);
		return this.scanText(chunk, movedHits, usable === hits ? movedHits : usable.map(move));
	}
	scanEveryHit(chunk) {
		return this.scanText(chunk, this.matcher.search(chunk.text));
	}
	scanText(chunk, hits, usable = hits) {
		const budget = fileBudget();
		const raw = this.candidates(chunk.text, chunk.path, usable, budget);
		for (const c of this.viewCandidates(chunk.text, chunk.path, 1, budget, hits)) raw.push(c);
		for (const ri of budget.exhausted) {
			const rule = this.contentRules[ri];
			this.overBudget.push({
				ruleId: rule.id,
				path: chunk.path,
				budgetMs: rule.timeBudgetMs
			});
		}
		if (raw.length === 0) return [];
		return this.findingsOf(chunk, raw);
	}
	takeOverBudget() {
		const out = this.overBudget;
		if (out.length) this.overBudget = [];
		return out;
	}
	scanBytes(path, data, origin, triaged = false) {
		const verdict = triaged ? "scan" : this.triage(path, data);
		if (verdict === "binary") return void 0;
		if (verdict === "clean") return [];
		const d = decode(data);
		if (d.kind !== "text") return void 0;
		const chunk = {
			path,
			text: d.text,
			startLine: 1,
			origin
		};
		return (0, node_buffer.isAscii)(data) ? this.scanUtf8(chunk, data) : this.scan(chunk);
	}
	triage(path, data) {
		if (!hasNoBom(data) || !this.byteRegionsExact) return "scan";
		if (isBinary(data)) return looksUtf16(data) ? "scan" : "binary";
		const versions = this.versions;
		if (!versions) return this.firstPass(path, data);
		const changed = versions.changed(path, data);
		const join = !changed || !joinsLiterals(path) ? 0 : (0, node_buffer.isAscii)(data) ? JOIN_READ : 3 * JOIN_READ;
		const seen = { context: 0 };
		let verdict = "clean";
		for (let context = changed?.context ?? 0;; context = seen.context) {
			const regions = changed && versions.regionsAround(data, changed.ranges, context, join);
			seen.context = context;
			if (!regions) {
				verdict = this.firstPass(path, data, seen);
				break;
			}
			for (const [start, end] of regions) if ((verdict = this.firstPass(path, data, seen, start, end)) === "scan") break;
			if (verdict === "scan" || seen.context <= context) break;
		}
		if (verdict === "clean") versions.keep(path, data, seen.context);
		return verdict;
	}
	rememberCleanVersions() {
		this.versions ??= new CleanVersions();
	}
	firstPass(path, data, seen, from = 0, to = data.length) {
		let found = this.matcher.searchBytes(from === 0 && to === data.length ? data : data.subarray(from, to));
		if (from > 0) found = found.map((h) => ({
			keyword: h.keyword,
			start: h.start + from
		}));
		if (seen) for (const hit of found) seen.context = Math.max(seen.context, this.contextOf[hit.keyword]);
		const hits = this.hitsSomeRuleMayUse(data, found);
		const budget = fileBudget();
		const clean = () => this.viewsMayMatch(path, data, found, budget, from, to) || budget.exhausted.size > 0 ? "scan" : "clean";
		if (hits.length === 0) return clean();
		let next = 0;
		for (const [start, end] of hitRegions(data, hits, this.contextOf, this.reachOf)) {
			const bytes = data.subarray(start, end);
			const first = next;
			while (next < hits.length && hits[next].start < end) next++;
			const inRegion = hits.slice(first, next);
			let text;
			let regionHits;
			if (bytes.indexOf(13) !== -1) {
				text = normaliseEol(utf8.decode(bytes));
				regionHits = this.matcher.search(text);
			} else if ((0, node_buffer.isAscii)(bytes)) {
				text = asciiText(bytes);
				regionHits = inRegion.map((h) => ({
					keyword: h.keyword,
					start: h.start - start
				}));
			} else if ((0, node_buffer.isUtf8)(bytes)) {
				text = utf8.decode(bytes);
				regionHits = inRegion.map(toUtf16(bytes, inRegion, start));
			} else {
				text = utf8.decode(bytes);
				regionHits = this.matcher.search(text);
			}
			if (this.candidates(text, path, regionHits, budget).length > 0 || budget.exhausted.size > 0) return "scan";
		}
		return clean();
	}
	viewsMayMatch(path, data, hits, budget, from, to) {
		for (const run of base64RunsInBytes(data.subarray(from, to))) {
			const encoded = asciiText(data.subarray(from + run.start, from + run.end));
			if (this.decodedCandidates(encoded, path, 1, budget).length > 0) return true;
		}
		if (!joinsLiterals(path)) return false;
		const keywords = this.matcher.keywords;
		const scout = new JoinScout(data);
		const joinable = hits.filter((h) => scout.mayFollow(h.start + keywords[h.keyword].length));
		if (joinable.length === 0) return false;
		if (!(0, node_buffer.isAscii)(data) && !(0, node_buffer.isUtf8)(data)) return this.joinedCandidates(utf8.decode(data), path, budget).length > 0;
		const last = joinable[joinable.length - 1];
		const start = lineStartBefore(bufferOf(data), joinable[0].start);
		let end = Math.min(data.length, last.start + keywords[last.keyword].length + 3 * JOIN_READ);
		while (end < data.length && (data[end] & 192) === 128) end++;
		const bytes = data.subarray(start, end);
		const shifted = joinable.map((h) => ({
			keyword: h.keyword,
			start: h.start - start
		}));
		if ((0, node_buffer.isAscii)(bytes)) return this.joinedCandidates(asciiText(bytes), path, budget, shifted, true).length > 0;
		return this.joinedCandidates(utf8.decode(bytes), path, budget, shifted.map(toUtf16(bytes, shifted)), true).length > 0;
	}
	viewCandidates(text, path, depth, budget, hits) {
		const out = [];
		for (const run of base64Runs(text)) for (const c of this.decodedCandidates(text.slice(run.start, run.end), path, depth, budget)) {
			[c.start, c.end] = [run.start, run.end];
			out.push(c);
		}
		if (depth === 1 && joinsLiterals(path)) for (const c of this.joinedCandidates(text, path, budget, hits)) out.push(c);
		return out;
	}
	decodedCandidates(encoded, path, depth, budget) {
		const decoded = decodeBase64Text(encoded);
		if (!decoded) return [];
		const found = this.candidates(decoded.text, path, void 0, budget);
		if (depth < BASE64_DEPTH) {
			for (const c of this.viewCandidates(decoded.text, path, depth + 1, budget)) if (c.view === "base64-encoded") found.push(c);
		}
		for (const c of found) c.view = "base64-encoded";
		return found;
	}
	joinedCandidates(text, path, budget, hits = this.matcher.search(text), joinable = false) {
		const out = [];
		const keywords = this.matcher.keywords;
		const scout = new JoinScout(text);
		let read = 0;
		let lineStart = 0;
		let nextBreak = -2;
		for (const hit of hits) {
			const end = hit.start + keywords[hit.keyword].length;
			if (hit.start < read || !joinable && !scout.mayFollow(end)) continue;
			if (nextBreak === -2) nextBreak = text.indexOf("\n");
			while (nextBreak !== -1 && nextBreak < hit.start) {
				lineStart = nextBreak + 1;
				nextBreak = text.indexOf("\n", lineStart);
			}
			const from = Math.max(read, lineStart);
			for (const view of joinedLiterals(text, from, end)) {
				read = Math.max(read, view.end);
				if (view.pieces[0].from > hit.start || view.pieces[view.pieces.length - 1].from <= hit.start) continue;
				for (const c of this.candidates(view.text, path, void 0, budget)) {
					const span = sourceSpan(view, c.start, c.end);
					if (!span) continue;
					[c.start, c.end] = span;
					c.view = "split across joined string literals";
					out.push(c);
				}
			}
			read = Math.max(read, end);
		}
		return out;
	}
	hitsSomeRuleMayUse(data, hits) {
		const checksOf = this.hitChecksOf;
		const keywords = this.matcher.keywords;
		let kept;
		for (let i = 0; i < hits.length; i++) {
			const hit = hits[i];
			const checks = checksOf[hit.keyword];
			let usable = checks === void 0;
			if (!usable) {
				const end = hit.start + keywords[hit.keyword].length;
				for (const check of checks) if (usable = check(data, hit.start, end)) break;
			}
			if (usable) kept?.push(hit);
			else kept ??= hits.slice(0, i);
		}
		return kept ?? hits;
	}
	candidates(text, path, hits = this.matcher.search(text), budget = fileBudget()) {
		if (hits.length === 0) return [];
		const windows = /* @__PURE__ */ new Map();
		let starts;
		for (const hit of hits) {
			const hitEnd = hit.start + this.matcher.keywords[hit.keyword].length;
			starts ??= lineStarts(text);
			const li = lineIndexAt(starts, hit.start);
			for (const ri of this.rulesOf[hit.keyword]) {
				const rule = this.contentRules[ri];
				const ctx = rule.contextLines ?? 0;
				let list = windows.get(ri);
				if (!list) windows.set(ri, list = []);
				const ws0 = starts[Math.max(0, li - ctx)];
				const endLine = li + ctx + 1;
				const we0 = endLine < starts.length ? starts[endLine] - 1 : text.length;
				const margin = windowMargin(ctx);
				const ws = Math.max(ws0, hit.start - margin);
				const we = Math.min(we0, hitEnd + margin);
				const last = list[list.length - 1];
				if (last && ws <= last.end && (rule.timeBudgetMs === void 0 || Math.max(last.end, we) - last.start <= BUDGETED_WINDOW)) {
					last.start = Math.min(last.start, ws);
					last.end = Math.max(last.end, we);
				} else list.push({
					start: ws,
					end: we
				});
			}
		}
		const raw = [];
		for (const [ri, list] of windows) {
			const rule = this.contentRules[ri];
			let deadline;
			if (rule.timeBudgetMs !== void 0) {
				if (budget.exhausted.has(ri)) continue;
				deadline = budget.deadlines.get(ri);
				if (deadline === void 0) budget.deadlines.set(ri, deadline = performance.now() + rule.timeBudgetMs);
			}
			const ctx = deadline === void 0 ? { path } : {
				path,
				deadline
			};
			const memo = deadline === void 0 ? this.memo.of(path, ri) : void 0;
			const seen = /* @__PURE__ */ new Set();
			for (const w of list) {
				if (ctx.cutShort || deadline !== void 0 && performance.now() > deadline) {
					budget.exhausted.add(ri);
					break;
				}
				const windowText = text.slice(w.start, w.end);
				let matches;
				if (memo && windowText.length <= MEMO_WINDOW_MAX) {
					memo.use.asked++;
					if (memo.young) {
						matches = memo.young.get(windowText);
						if (matches !== void 0) memo.use.found++;
						else {
							matches = memo.old?.get(windowText);
							if (matches !== void 0) memo.use.found++;
							else {
								matches = rule.match(windowText, ctx);
								if (!matches.length) matches = NO_MATCHES;
							}
							memo.young.set(ownCopy(windowText), matches);
							this.memo.grew(windowText.length);
						}
					}
				}
				matches ??= rule.match(windowText, ctx);
				for (const m of matches) {
					const start = w.start + m.start;
					const end = w.start + m.end;
					const key = `${start}:${end}`;
					if (seen.has(key)) continue;
					seen.add(key);
					const secret = m.secret ?? windowText.slice(m.start, m.end);
					if (!rule.ownPlaceholderCheck && isPlaceholder(secret, m.visiblePrefix ?? 0)) continue;
					raw.push({
						rule,
						m: {
							...m,
							secret
						},
						start,
						end
					});
				}
			}
			if (ctx.cutShort) budget.exhausted.add(ri);
		}
		return raw;
	}
	findingsOf(chunk, raw) {
		const text = chunk.text;
		const overlapsSpecific = specificOverlap(raw.filter((r) => !r.rule.fallback));
		const viewedBy = /* @__PURE__ */ new Map();
		for (const r of raw) {
			if (!r.view) continue;
			const list = viewedBy.get(r.rule);
			if (list) list.push(r);
			else viewedBy.set(r.rule, [r]);
		}
		const overlapsViewed = new Map([...viewedBy].map(([rule, spans]) => [rule, specificOverlap(spans)]));
		const kept = raw.filter((r) => (!r.rule.fallback || !overlapsSpecific(r.start, r.end)) && (r.view !== void 0 || !overlapsViewed.get(r.rule)?.(r.start, r.end)));
		const lines = lineStarts(text);
		const lineText = (i) => text.slice(lines[i], i + 1 < lines.length ? lines[i + 1] - 1 : text.length);
		const trueLine = (i) => chunk.lineNumbers?.[i] ?? chunk.startLine + i;
		const findings = [];
		const directives = /* @__PURE__ */ new Map();
		for (const { rule, m, start, end, view } of kept) {
			const li = lineIndexAt(lines, start);
			const le = lineIndexAt(lines, Math.max(start, end - 1));
			const secret = detach(m.secret);
			const finding = {
				ruleId: rule.id,
				provider: rule.provider,
				severity: m.severity ?? rule.severity,
				message: view ? `${m.message ?? rule.title} (${view})` : m.message ?? rule.title,
				file: normalisePath(chunk.path),
				line: trueLine(li),
				column: start - lines[li] + 1,
				endLine: trueLine(le),
				endColumn: end - lines[le] + 1,
				secret,
				preview: preview(secret, m.visiblePrefix ?? 0),
				fingerprint: fingerprint(rule.id, chunk.path, secret),
				origin: chunk.origin,
				kind: "content"
			};
			if (chunk.cell !== void 0) finding.cell = chunk.cell;
			if (m.pairId) finding.pairId = m.pairId;
			let directive = directives.get(li);
			if (!directives.has(li)) {
				const previousIsAdjacent = li > 0 && trueLine(li - 1) === trueLine(li) - 1;
				directive = inlineDirective(lineText(li), previousIsAdjacent ? lineText(li - 1) : void 0);
				directives.set(li, directive);
			}
			if (directive) finding.suppressed = `inline: ${directive}`;
			findings.push(finding);
		}
		findings.sort((a, b) => a.line - b.line || a.column - b.column);
		return findings;
	}
	looksInside(path) {
		const file = normalisePath(path);
		let asked = false;
		const content = () => {
			asked = true;
		};
		for (const rule of this.pathRules) if (!asked) rule.test(file, content);
		return asked;
	}
	scanPath(path, origin, content) {
		const file = normalisePath(path);
		const findings = [];
		for (const rule of this.pathRules) {
			if (!rule.test(file, content)) continue;
			findings.push({
				ruleId: rule.id,
				provider: rule.provider,
				severity: rule.severity,
				message: rule.title,
				file,
				line: 1,
				column: 1,
				endLine: 1,
				endColumn: 1,
				secret: "",
				preview: file,
				fingerprint: fingerprint(rule.id, file, ""),
				origin,
				kind: "path"
			});
		}
		return findings;
	}
};
// src/scan/notebook.ts
function joinSource(source) {
	if (typeof source === "string") return source;
	if (Array.isArray(source)) return source.map(elementText).join("");
}
function elementText(element) {
	if (typeof element === "string") return element;
	if (element && typeof element === "object") return `\n${stringifyOutput(element) ?? ""}\n`;
	return "";
}
function isTextMime(mime) {
	return mime.startsWith("text/") || mime === "application/json" || mime === "application/javascript" || mime.startsWith("application/vnd.");
}
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
function stripAnsi(text) {
	return text.includes("\x1B") ? text.replace(ANSI_ESCAPE, "") : text;
}
function stringifyOutput(value) {
	try {
		return JSON.stringify(value);
	} catch {
		return;
	}
}
function outputTexts(outputs) {
	if (!Array.isArray(outputs)) return [];
	const texts = [];
	for (const out of outputs) {
		if (!out || typeof out !== "object") continue;
		const o = out;
		const stream = joinSource(o.text);
		if (stream !== void 0) texts.push(stream);
		const data = o.data;
		if (data && typeof data === "object") for (const [mime, value] of Object.entries(data)) {
			if (!isTextMime(mime)) continue;
			const text = typeof value === "string" || Array.isArray(value) ? joinSource(value) : stringifyOutput(value);
			if (text !== void 0) texts.push(text);
		}
		let traceback = "";
		if (Array.isArray(o.traceback)) texts.push(traceback = stripAnsi(o.traceback.filter((t) => typeof t === "string").join("\n")));
		if (typeof o.evalue === "string" && !traceback.includes(stripAnsi(o.evalue))) texts.push(o.evalue);
	}
	return [...new Set(texts.map((t) => normaliseEol(stripAnsi(t))))];
}
const WIDGET_STATE = "application/vnd.jupyter.widget-state+json";
function widgetChunks(path, text, doc, origin) {
	const state = ((doc?.metadata?.widgets)?.[WIDGET_STATE])?.state;
	if (!state || typeof state !== "object") return [];
	const lineOf = (value) => {
		const at = text.indexOf(JSON.stringify(value));
		return at === -1 ? 1 : lineCount(text, at);
	};
	const chunks = [];
	for (const model of Object.values(state)) {
		if (!model || typeof model !== "object") continue;
		const { model_name: name, state: fields } = model;
		if (!fields || typeof fields !== "object") continue;
		const value = fields.value;
		if (name === "PasswordModel" && typeof value === "string" && value !== "") {
			chunks.push({
				path,
				text: `password = ${JSON.stringify(value)}`,
				startLine: lineOf(value),
				origin
			});
			continue;
		}
		const json = stringifyOutput(fields);
		if (json) chunks.push({
			path,
			text: json,
			startLine: typeof value === "string" && value ? lineOf(value) : 1,
			origin
		});
	}
	return chunks;
}
function lineCount(text, at) {
	let line = 1;
	for (let i = text.indexOf("\n"); i !== -1 && i < at; i = text.indexOf("\n", i + 1)) line++;
	return line;
}
function notebookChunks(path, text, origin) {
	let doc;
	try {
		doc = JSON.parse(text);
	} catch {
		return;
	}
	const cells = doc?.cells;
	if (!Array.isArray(cells)) return void 0;
	const chunks = [];
	cells.forEach((raw, i) => {
		if (!raw || typeof raw !== "object") return;
		const cell = raw;
		const cellNo = i + 1;
		const source = joinSource(cell.source);
		if (source) chunks.push({
			path,
			text: normaliseEol(source),
			startLine: 1,
			origin,
			cell: cellNo
		});
		for (const out of outputTexts(cell.outputs)) if (out) chunks.push({
			path,
			text: out,
			startLine: 1,
			origin,
			cell: cellNo
		});
	});
	chunks.push(...widgetChunks(path, text, doc, origin));
	return chunks;
}
// src/scan/content.ts
function scanContent(engine, path, data, origin, triaged = false) {
	const out = {
		binary: false,
		findings: [],
		warnings: [],
		overBudget: []
	};
	if (!path.toLowerCase().endsWith(".ipynb")) {
		const found = engine.scanBytes(path, data, origin, triaged);
		if (found === void 0) out.binary = true;
		else out.findings = found;
	} else {
		const d = decode(data);
		if (d.kind !== "text") out.binary = true;
		else {
			const cells = notebookChunks(path, d.text, origin);
			if (cells) for (const chunk of cells) for (const f of engine.scan(chunk)) out.findings.push(f);
			else {
				out.warnings.push(`${path}: not valid notebook JSON, scanned as plain text`);
				out.findings = engine.scan({
					path,
					text: d.text,
					startLine: 1,
					origin
				});
			}
		}
	}
	out.overBudget = engine.takeOverBudget();
	return out;
}
function scanHistoryVersion(engine, path, data, origin, triaged = false) {
	const out = scanContent(engine, path, data, origin, triaged);
	out.findings = firstOfEachSecret(out.findings);
	return out;
}
function firstOfEachSecret(findings) {
	const first = /* @__PURE__ */ new Map();
	for (const f of findings) {
		const key = `${f.ruleId}\0${f.secret}\0${f.suppressed ?? ""}`;
		const seen = first.get(key);
		if (!seen || f.line < seen.line || f.line === seen.line && f.column < seen.column) first.set(key, f);
	}
	if (first.size === findings.length) return findings;
	const kept = new Set(first.values());
	return findings.filter((f) => kept.has(f));
}
// node_modules/picomatch/lib/constants.js
var require_constants = /* @__PURE__ */ __commonJSMin(((exports, module) => {
	const WIN_SLASH = "\\\\/";
	const WIN_NO_SLASH = `[^${WIN_SLASH}]`;
	const DEFAULT_MAX_EXTGLOB_RECURSION = 0;
	const DOT_LITERAL = "\\.";
	const PLUS_LITERAL = "\\+";
	const QMARK_LITERAL = "\\?";
	const SLASH_LITERAL = "\\/";
	const ONE_CHAR = "(?=.)";
	const QMARK = "[^/]";
	const END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
	const START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
	const DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
	const POSIX_CHARS = {
		DOT_LITERAL,
		PLUS_LITERAL,
		QMARK_LITERAL,
		SLASH_LITERAL,
		ONE_CHAR,
		QMARK,
		END_ANCHOR,
		DOTS_SLASH,
		NO_DOT: `(?!${DOT_LITERAL})`,
		NO_DOTS: `(?!${START_ANCHOR}${DOTS_SLASH})`,
		NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`,
		NO_DOTS_SLASH: `(?!${DOTS_SLASH})`,
		QMARK_NO_DOT: `[^.${SLASH_LITERAL}]`,
		STAR: `${QMARK}*?`,
		START_ANCHOR,
		SEP: "/"
	};
	const WINDOWS_CHARS = {
		...POSIX_CHARS,
		SLASH_LITERAL: `[${WIN_SLASH}]`,
		QMARK: WIN_NO_SLASH,
		STAR: `${WIN_NO_SLASH}*?`,
		DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
		NO_DOT: `(?!${DOT_LITERAL})`,
		NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
		NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
		NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
		QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
		START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
		END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
		SEP: "\\"
	};
	module.exports = {
		DEFAULT_MAX_EXTGLOB_RECURSION,
		MAX_LENGTH: 65536,
		POSIX_REGEX_SOURCE: {
			__proto__: null,
			alnum: "a-zA-Z0-9",
			alpha: "a-zA-Z",
			ascii: "\\x00-\\x7F",
			blank: " \\t",
			cntrl: "\\x00-\\x1F\\x7F",
			digit: "0-9",
			graph: "\\x21-\\x7E",
			lower: "a-z",
			print: "\\x20-\\x7E ",
			punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
			space: " \\t\\r\\n\\v\\f",
			upper: "A-Z",
			word: "A-Za-z0-9_",
			xdigit: "A-Fa-f0-9"
		},
		REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
		REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
		REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
		REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
		REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
		REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
		REPLACEMENTS: {
			__proto__: null,
			"***": "*",
			"**/**": "**",
			"**/**/**": "**"
		},
		CHAR_0: 48,
		CHAR_9: 57,
		CHAR_UPPERCASE_A: 65,
		CHAR_LOWERCASE_A: 97,
		CHAR_UPPERCASE_Z: 90,
		CHAR_LOWERCASE_Z: 122,
		CHAR_LEFT_PARENTHESES: 40,
		CHAR_RIGHT_PARENTHESES: 41,
		CHAR_ASTERISK: 42,
		CHAR_AMPERSAND: 38,
		CHAR_AT: 64,
		CHAR_BACKWARD_SLASH: 92,
		CHAR_CARRIAGE_RETURN: 13,
		CHAR_CIRCUMFLEX_ACCENT: 94,
		CHAR_COLON: 58,
		CHAR_COMMA: 44,
		CHAR_DOT: 46,
		CHAR_DOUBLE_QUOTE: 34,
		CHAR_EQUAL: 61,
		CHAR_EXCLAMATION_MARK: 33,
		CHAR_FORM_FEED: 12,
		CHAR_FORWARD_SLASH: 47,
		CHAR_GRAVE_ACCENT: 96,
		CHAR_HASH: 35,
		CHAR_HYPHEN_MINUS: 45,
		CHAR_LEFT_ANGLE_BRACKET: 60,
		CHAR_LEFT_CURLY_BRACE: 123,
		CHAR_LEFT_SQUARE_BRACKET: 91,
		CHAR_LINE_FEED: 10,
		CHAR_NO_BREAK_SPACE: 160,
		CHAR_PERCENT: 37,
		CHAR_PLUS: 43,
		CHAR_QUESTION_MARK: 63,
		CHAR_RIGHT_ANGLE_BRACKET: 62,
		CHAR_RIGHT_CURLY_BRACE: 125,
		CHAR_RIGHT_SQUARE_BRACKET: 93,
		CHAR_SEMICOLON: 59,
		CHAR_SINGLE_QUOTE: 39,
		CHAR_SPACE: 32,
		CHAR_TAB: 9,
		CHAR_UNDERSCORE: 95,
		CHAR_VERTICAL_LINE: 124,
		CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
		extglobChars(chars) {
			return {
				"!": {
					type: "negate",
					open: "(?:(?!(?:",
					close: `))${chars.STAR})`
				},
				"?": {
					type: "qmark",
					open: "(?:",
					close: ")?"
				},
				"+": {
					type: "plus",
					open: "(?:",
					close: ")+"
				},
				"*": {
					type: "star",
					open: "(?:",
					close: ")*"
				},
				"@": {
					type: "at",
					open: "(?:",
					close: ")"
				}
			};
		},
		globChars(win32) {
			return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
		}
	};
}));
// node_modules/picomatch/lib/utils.js
var require_utils = /* @__PURE__ */ __commonJSMin(((exports) => {
	const { REGEX_BACKSLASH, REGEX_REMOVE_BACKSLASH, REGEX_SPECIAL_CHARS, REGEX_SPECIAL_CHARS_GLOBAL } = require_constants();
	exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
	exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
	exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
	exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
	exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
	exports.isWindows = () => {
		if (typeof navigator !== "undefined" && navigator.platform) {
			const platform = navigator.platform.toLowerCase();
			return platform === "win32" || platform === "windows";
		}
		if (typeof process !== "undefined" && process.platform) return process.platform === "win32";
		return false;
	};
	exports.removeBackslashes = (str) => {
		return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
			return match === "\\" ? "" : match;
		});
	};
	exports.escapeLast = (input, char, lastIdx) => {
		const idx = input.lastIndexOf(char, lastIdx);
		if (idx === -1) return input;
		if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
		return `${input.slice(0, idx)}\\${input.slice(idx)}`;
	};
	exports.removePrefix = (input, state = {}) => {
		let output = input;
		if (output.startsWith("./")) {
			output = output.slice(2);
			state.prefix = "./";
		}
		return output;
	};
	exports.wrapOutput = (input, state = {}, options = {}) => {
		let output = `${options.contains ? "" : "^"}(?:${input})${options.contains ? "" : "$"}`;
		if (state.negated === true) output = `(?:^(?!${output}).*$)`;
		return output;
	};
	exports.basename = (path, { windows } = {}) => {
		const segs = path.split(windows ? /[\\/]/ : "/");
		const last = segs[segs.length - 1];
		if (last === "") return segs[segs.length - 2];
		return last;
	};
}));
// node_modules/picomatch/lib/scan.js
var require_scan = /* @__PURE__ */ __commonJSMin(((exports, module) => {
	const utils = require_utils();
	const { CHAR_ASTERISK, CHAR_AT, CHAR_BACKWARD_SLASH, CHAR_COMMA, CHAR_DOT, CHAR_EXCLAMATION_MARK, CHAR_FORWARD_SLASH, CHAR_LEFT_CURLY_BRACE, CHAR_LEFT_PARENTHESES, CHAR_LEFT_SQUARE_BRACKET, CHAR_PLUS, CHAR_QUESTION_MARK, CHAR_RIGHT_CURLY_BRACE, CHAR_RIGHT_PARENTHESES, CHAR_RIGHT_SQUARE_BRACKET } = require_constants();
	const isPathSeparator = (code) => {
		return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
	};
	const depth = (token) => {
		if (token.isPrefix !== true) token.depth = token.isGlobstar ? Infinity : 1;
	};
	const scan = (input, options) => {
		const opts = options || {};
		const length = input.length - 1;
		const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
		const slashes = [];
		const tokens = [];
		const parts = [];
		let str = input;
		let index = -1;
		let start = 0;
		let lastIndex = 0;
		let isBrace = false;
		let isBracket = false;
		let isGlob = false;
		let isExtglob = false;
		let isGlobstar = false;
		let braceEscaped = false;
		let backslashes = false;
		let negated = false;
		let negatedExtglob = false;
		let finished = false;
		let braces = 0;
		let prev;
		let code;
		let token = {
			value: "",
			depth: 0,
			isGlob: false
		};
		const eos = () => index >= length;
		const peek = () => str.charCodeAt(index + 1);
		const advance = () => {
			prev = code;
			return str.charCodeAt(++index);
		};
		while (index < length) {
			code = advance();
			let next;
			if (code === CHAR_BACKWARD_SLASH) {
				backslashes = token.backslashes = true;
				code = advance();
				if (code === CHAR_LEFT_CURLY_BRACE) braceEscaped = true;
				continue;
			}
			if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
				braces++;
				while (eos() !== true && (code = advance())) {
					if (code === CHAR_BACKWARD_SLASH) {
						backslashes = token.backslashes = true;
						advance();
						continue;
					}
					if (code === CHAR_LEFT_CURLY_BRACE) {
						braces++;
						continue;
					}
					if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
						isBrace = token.isBrace = true;
						isGlob = token.isGlob = true;
						finished = true;
						if (scanToEnd === true) continue;
						break;
					}
					if (braceEscaped !== true && code === CHAR_COMMA) {
						isBrace = token.isBrace = true;
						isGlob = token.isGlob = true;
						finished = true;
						if (scanToEnd === true) continue;
						break;
					}
					if (code === CHAR_RIGHT_CURLY_BRACE) {
						braces--;
						if (braces === 0) {
							braceEscaped = false;
							isBrace = token.isBrace = true;
							finished = true;
							break;
						}
					}
				}
				if (scanToEnd === true) continue;
				break;
			}
			if (code === CHAR_FORWARD_SLASH) {
				slashes.push(index);
				tokens.push(token);
				token = {
					value: "",
					depth: 0,
					isGlob: false
				};
				if (finished === true) continue;
				if (prev === CHAR_DOT && index === start + 1) {
					start += 2;
					continue;
				}
				lastIndex = index + 1;
				continue;
			}
			if (opts.noext !== true) {
				if ((code === CHAR_PLUS || code === CHAR_AT || code === CHAR_ASTERISK || code === CHAR_QUESTION_MARK || code === CHAR_EXCLAMATION_MARK) === true && peek() === CHAR_LEFT_PARENTHESES) {
					isGlob = token.isGlob = true;
					isExtglob = token.isExtglob = true;
					finished = true;
					if (code === CHAR_EXCLAMATION_MARK && index === start) negatedExtglob = true;
					if (scanToEnd === true) {
						let parens = 0;
						while (eos() !== true && (code = advance())) {
							if (code === CHAR_BACKWARD_SLASH) {
								backslashes = token.backslashes = true;
								advance();
								continue;
							}
							if (code === CHAR_LEFT_PARENTHESES) {
								parens++;
								continue;
							}
							if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
								finished = true;
								break;
							}
						}
						continue;
					}
					break;
				}
			}
			if (code === CHAR_ASTERISK) {
				if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
				isGlob = token.isGlob = true;
				finished = true;
				if (scanToEnd === true) continue;
				break;
			}
			if (code === CHAR_QUESTION_MARK) {
				isGlob = token.isGlob = true;
				finished = true;
				if (scanToEnd === true) continue;
				break;
			}
			if (code === CHAR_LEFT_SQUARE_BRACKET) {
				while (eos() !== true && (next = advance())) {
					if (next === CHAR_BACKWARD_SLASH) {
						backslashes = token.backslashes = true;
						advance();
						continue;
					}
					if (next === CHAR_RIGHT_SQUARE_BRACKET) {
						isBracket = token.isBracket = true;
						isGlob = token.isGlob = true;
						finished = true;
						break;
					}
				}
				if (scanToEnd === true) continue;
				break;
			}
			if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
				negated = token.negated = true;
				start++;
				continue;
			}
			if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
				isGlob = token.isGlob = true;
				if (scanToEnd === true) {
					let parens = 1;
					while (eos() !== true && (code = advance())) {
						if (code === CHAR_BACKWARD_SLASH) {
							backslashes = token.backslashes = true;
							advance();
							continue;
						}
						if (code === CHAR_LEFT_PARENTHESES) {
							parens++;
							continue;
						}
						if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
							finished = true;
							break;
						}
					}
					continue;
				}
				break;
			}
			if (isGlob === true) {
				finished = true;
				if (scanToEnd === true) continue;
				break;
			}
		}
		if (opts.noext === true) {
			isExtglob = false;
			isGlob = false;
		}
		let base = str;
		let prefix = "";
		let glob = "";
		if (start > 0) {
			prefix = str.slice(0, start);
			str = str.slice(start);
			lastIndex -= start;
		}
		if (base && isGlob === true && lastIndex > 0) {
			base = str.slice(0, lastIndex);
			glob = str.slice(lastIndex);
		} else if (isGlob === true) {
			base = "";
			glob = str;
		} else base = str;
		if (base && base !== "" && base !== "/" && base !== str) {
			if (isPathSeparator(base.charCodeAt(base.length - 1))) base = base.slice(0, -1);
		}
		if (opts.unescape === true) {
			if (glob) glob = utils.removeBackslashes(glob);
			if (base && backslashes === true) base = utils.removeBackslashes(base);
		}
		const state = {
			prefix,
			input,
			start,
			base,
			glob,
			isBrace,
			isBracket,
			isGlob,
			isExtglob,
			isGlobstar,
			negated,
			negatedExtglob
		};
		if (opts.tokens === true) {
			state.maxDepth = 0;
			if (!isPathSeparator(code)) tokens.push(token);
			state.tokens = tokens;
		}
		if (opts.parts === true || opts.tokens === true) {
			let prevIndex;
			for (let idx = 0; idx < slashes.length; idx++) {
				const n = prevIndex !== void 0 ? prevIndex + 1 : start;
				const i = slashes[idx];
				const value = input.slice(n, i);
				if (opts.tokens) {
					if (idx === 0 && start !== 0) {
						tokens[idx].isPrefix = true;
						tokens[idx].value = prefix;
					} else tokens[idx].value = value;
					depth(tokens[idx]);
					state.maxDepth += tokens[idx].depth;
				}
				if (i >= start) {
					parts.push(value);
					prevIndex = i;
				}
			}
			const n = prevIndex !== void 0 ? prevIndex + 1 : start;
			const value = input.slice(n);
			parts.push(value);
			if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
				tokens[tokens.length - 1].value = value;
				depth(tokens[tokens.length - 1]);
				state.maxDepth += tokens[tokens.length - 1].depth;
			}
			state.slashes = slashes;
			state.parts = parts;
		}
		return state;
	};
	module.exports = scan;
}));
// node_modules/picomatch/lib/parse.js
var require_parse = /* @__PURE__ */ __commonJSMin(((exports, module) => {
	const constants = require_constants();
	const utils = require_utils();
	const { MAX_LENGTH, POSIX_REGEX_SOURCE, REGEX_NON_SPECIAL_CHARS, REGEX_SPECIAL_CHARS_BACKREF, REPLACEMENTS } = constants;
	const expandRange = (args, options) => {
		if (typeof options.expandRange === "function") return options.expandRange(...args, options);
		args.sort();
		const value = `[${args.join("-")}]`;
		try {
			new RegExp(value);
		} catch (ex) {
			return args.map((v) => utils.escapeRegex(v)).join("..");
		}
		return value;
	};
	const syntaxError = (type, char) => {
		return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
	};
	const splitTopLevel = (input) => {
		const parts = [];
		let bracket = 0;
		let paren = 0;
		let quote = 0;
		let value = "";
		let escaped = false;
		for (const ch of input) {
			if (escaped === true) {
				value += ch;
				escaped = false;
				continue;
			}
			if (ch === "\\") {
				value += ch;
				escaped = true;
				continue;
			}
			if (ch === "\"") {
				quote = quote === 1 ? 0 : 1;
				value += ch;
				continue;
			}
			if (quote === 0) {
				if (ch === "[") bracket++;
				else if (ch === "]" && bracket > 0) bracket--;
				else if (bracket === 0) {
					if (ch === "(") paren++;
					else if (ch === ")" && paren > 0) paren--;
					else if (ch === "|" && paren === 0) {
						parts.push(value);
						value = "";
						continue;
					}
				}
			}
			value += ch;
		}
		parts.push(value);
		return parts;
	};
	const isPlainBranch = (branch) => {
		let escaped = false;
		for (const ch of branch) {
			if (escaped === true) {
				escaped = false;
				continue;
			}
			if (ch === "\\") {
				escaped = true;
				continue;
			}
			if (/[?*+@!()[\]{}]/.test(ch)) return false;
		}
		return true;
	};
	const normalizeSimpleBranch = (branch) => {
		let value = branch.trim();
		let changed = true;
		while (changed === true) {
			changed = false;
			if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
				value = value.slice(2, -1);
				changed = true;
			}
		}
		if (!isPlainBranch(value)) return;
		return value.replace(/\\(.)/g, "$1");
	};
	const hasRepeatedCharPrefixOverlap = (branches) => {
		const values = branches.map(normalizeSimpleBranch).filter(Boolean);
		for (let i = 0; i < values.length; i++) for (let j = i + 1; j < values.length; j++) {
			const a = values[i];
			const b = values[j];
			const char = a[0];
			if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) continue;
			if (a === b || a.startsWith(b) || b.startsWith(a)) return true;
		}
		return false;
	};
	const parseRepeatedExtglob = (pattern, requireEnd = true) => {
		if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") return;
		let bracket = 0;
		let paren = 0;
		let quote = 0;
		let escaped = false;
		for (let i = 1; i < pattern.length; i++) {
			const ch = pattern[i];
			if (escaped === true) {
				escaped = false;
				continue;
			}
			if (ch === "\\") {
				escaped = true;
				continue;
			}
			if (ch === "\"") {
				quote = quote === 1 ? 0 : 1;
				continue;
			}
			if (quote === 1) continue;
			if (ch === "[") {
				bracket++;
				continue;
			}
			if (ch === "]" && bracket > 0) {
				bracket--;
				continue;
			}
			if (bracket > 0) continue;
			if (ch === "(") {
				paren++;
				continue;
			}
			if (ch === ")") {
				paren--;
				if (paren === 0) {
					if (requireEnd === true && i !== pattern.length - 1) return;
					return {
						type: pattern[0],
						body: pattern.slice(2, i),
						end: i
					};
				}
			}
		}
	};
	const buildCharClassStar = (chars) => {
		return `${chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`}*`;
	};
	const getStarExtglobSequenceChars = (pattern) => {
		let index = 0;
		const chars = [];
		while (index < pattern.length) {
			const match = parseRepeatedExtglob(pattern.slice(index), false);
			if (!match || match.type !== "*") return;
			const branches = splitTopLevel(match.body).map((branch) => branch.trim());
			if (branches.length !== 1) return;
			const branch = normalizeSimpleBranch(branches[0]);
			if (!branch || branch.length !== 1) return;
			chars.push(branch);
			index += match.end + 1;
		}
		if (chars.length < 1) return;
		return chars;
	};
	const repeatedExtglobRecursion = (pattern) => {
		let depth = 0;
		let value = pattern.trim();
		let match = parseRepeatedExtglob(value);
		while (match) {
			depth++;
			value = match.body.trim();
			match = parseRepeatedExtglob(value);
		}
		return depth;
	};
	const analyzeRepeatedExtglob = (body, options) => {
		if (options.maxExtglobRecursion === false) return { risky: false };
		const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
		const branches = splitTopLevel(body).map((branch) => branch.trim());
		if (branches.length > 1) {
			if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) return { risky: true };
		}
		const safeChars = [];
		let sawStarSequence = false;
		let combinable = true;
		for (const branch of branches) {
			const chars = getStarExtglobSequenceChars(branch);
			if (chars) {
				sawStarSequence = true;
				safeChars.push(...chars);
				continue;
			}
			const literal = normalizeSimpleBranch(branch);
			if (literal && literal.length === 1) {
				safeChars.push(literal);
				continue;
			}
			combinable = false;
			if (repeatedExtglobRecursion(branch) > max) return { risky: true };
		}
		if (sawStarSequence) return combinable ? {
			risky: true,
			safeOutput: buildCharClassStar([...new Set(safeChars)])
		} : { risky: true };
		return { risky: false };
	};
	const parse = (input, options) => {
		if (typeof input !== "string") throw new TypeError("Expected a string");
		input = REPLACEMENTS[input] || input;
		const opts = { ...options };
		const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
		let len = input.length;
		if (len > max) throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
		const bos = {
			type: "bos",
			value: "",
			output: opts.prepend || ""
		};
		const tokens = [bos];
		const capture = opts.capture ? "" : "?:";
		const PLATFORM_CHARS = constants.globChars(opts.windows);
		const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
		const { DOT_LITERAL, PLUS_LITERAL, SLASH_LITERAL, ONE_CHAR, DOTS_SLASH, NO_DOT, NO_DOT_SLASH, NO_DOTS_SLASH, QMARK, QMARK_NO_DOT, STAR, START_ANCHOR } = PLATFORM_CHARS;
		const globstar = (opts) => {
			return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
		};
		const nodot = opts.dot ? "" : NO_DOT;
		const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
		let star = opts.bash === true ? globstar(opts) : STAR;
		if (opts.capture) star = `(${star})`;
		if (typeof opts.noext === "boolean") opts.noextglob = opts.noext;
		const state = {
			input,
			index: -1,
			start: 0,
			dot: opts.dot === true,
			consumed: "",
			output: "",
			prefix: "",
			backtrack: false,
			negated: false,
			brackets: 0,
			braces: 0,
			parens: 0,
			quotes: 0,
			globstar: false,
			tokens
		};
		input = utils.removePrefix(input, state);
		len = input.length;
		const extglobs = [];
		const braces = [];
		const stack = [];
		let prev = bos;
		let value;
		const eos = () => state.index === len - 1;
		const peek = state.peek = (n = 1) => input[state.index + n];
		const advance = state.advance = () => input[++state.index] || "";
		const remaining = () => input.slice(state.index + 1);
		const consume = (value = "", num = 0) => {
			state.consumed += value;
			state.index += num;
		};
		const append = (token) => {
			state.output += token.output != null ? token.output : token.value;
			consume(token.value);
		};
		const negate = () => {
			let count = 1;
			while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
				advance();
				state.start++;
				count++;
			}
			if (count % 2 === 0) return false;
			state.negated = true;
			state.start++;
			return true;
		};
		const increment = (type) => {
			state[type]++;
			stack.push(type);
		};
		const decrement = (type) => {
			state[type]--;
			stack.pop();
		};
		const push = (tok) => {
			if (prev.type === "globstar") {
				const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
				const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
				if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
					state.output = state.output.slice(0, -prev.output.length);
					prev.type = "star";
					prev.value = "*";
					prev.output = star;
					state.output += prev.output;
				}
			}
			if (extglobs.length && tok.type !== "paren") extglobs[extglobs.length - 1].inner += tok.value;
			if (tok.value || tok.output) append(tok);
			if (prev && prev.type === "text" && tok.type === "text") {
				prev.output = (prev.output || prev.value) + tok.value;
				prev.value += tok.value;
				return;
			}
			tok.prev = prev;
			tokens.push(tok);
			prev = tok;
		};
		const extglobOpen = (type, value) => {
			const token = {
				...EXTGLOB_CHARS[value],
				conditions: 1,
				inner: ""
			};
			token.prev = prev;
			token.parens = state.parens;
			token.output = state.output;
			token.startIndex = state.index;
			token.tokensIndex = tokens.length;
			const output = (opts.capture ? "(" : "") + token.open;
			increment("parens");
			push({
				type,
				value,
				output: state.output ? "" : ONE_CHAR
			});
			push({
				type: "paren",
				extglob: true,
				value: advance(),
				output
			});
			extglobs.push(token);
		};
		const extglobClose = (token) => {
			const literal = input.slice(token.startIndex, state.index + 1);
			const body = input.slice(token.startIndex + 2, state.index);
			const analysis = analyzeRepeatedExtglob(body, opts);
			if ((token.type === "plus" || token.type === "star") && analysis.risky) {
				const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
				const open = tokens[token.tokensIndex];
				open.type = "text";
				open.value = literal;
				open.output = safeOutput || utils.escapeRegex(literal);
				for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
					tokens[i].value = "";
					tokens[i].output = "";
					delete tokens[i].suffix;
				}
				state.output = token.output + open.output;
				state.backtrack = true;
				push({
					type: "paren",
					extglob: true,
					value,
					output: ""
				});
				decrement("parens");
				return;
			}
			let output = token.close + (opts.capture ? ")" : "");
			let rest;
			if (token.type === "negate") {
				let extglobStar = star;
				if (token.inner && token.inner.length > 1 && token.inner.includes("/")) extglobStar = globstar(opts);
				if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) output = token.close = `)$))${extglobStar}`;
				if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) output = token.close = `)${parse(rest, {
					...options,
					fastpaths: false
				}).output})${extglobStar})`;
				if (token.prev.type === "bos") state.negatedExtglob = true;
			}
			push({
				type: "paren",
				extglob: true,
				value,
				output
			});
			decrement("parens");
		};
		if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
			let backslashes = false;
			let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
				if (first === "\\") {
					backslashes = true;
					return m;
				}
				if (first === "?") {
					if (esc) return esc + first + (rest ? QMARK.repeat(rest.length) : "");
					if (index === 0) return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
					return QMARK.repeat(chars.length);
				}
				if (first === ".") return DOT_LITERAL.repeat(chars.length);
				if (first === "*") {
					if (esc) return esc + first + (rest ? star : "");
					return star;
				}
				return esc ? m : `\\${m}`;
			});
			if (backslashes === true) {
				if (opts.unescape === true) output = output.replace(/\\/g, "");
				else output = output.replace(/\\+/g, (m) => {
					return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
				});
			}
			if (output === input && opts.contains === true) {
				state.output = input;
				return state;
			}
			state.output = utils.wrapOutput(output, state, options);
			return state;
		}
		while (!eos()) {
			value = advance();
			if (value === "\0") continue;
			if (value === "\\") {
				const next = peek();
				if (next === "/" && opts.bash !== true) continue;
				if (next === "." || next === ";") continue;
				if (!next) {
					value += "\\";
					push({
						type: "text",
						value
					});
					continue;
				}
				const match = /^\\+/.exec(remaining());
				let slashes = 0;
				if (match && match[0].length > 2) {
					slashes = match[0].length;
					state.index += slashes;
					if (slashes % 2 !== 0) value += "\\";
				}
				if (opts.unescape === true) value = advance();
				else value += advance();
				if (state.brackets === 0) {
					push({
						type: "text",
						value
					});
					continue;
				}
			}
			if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
				if (opts.posix !== false && value === ":") {
					const inner = prev.value.slice(1);
					if (inner.includes("[")) {
						prev.posix = true;
						if (inner.includes(":")) {
							const idx = prev.value.lastIndexOf("[");
							const pre = prev.value.slice(0, idx);
							const rest = prev.value.slice(idx + 2);
							const posix = POSIX_REGEX_SOURCE[rest];
							if (posix) {
								prev.value = pre + posix;
								state.backtrack = true;
								advance();
								if (!bos.output && tokens.indexOf(prev) === 1) bos.output = ONE_CHAR;
								continue;
							}
						}
					}
				}
				if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") value = `\\${value}`;
				if (value === "]" && (prev.value === "[" || prev.value === "[^")) value = `\\${value}`;
				if (opts.posix === true && value === "!" && prev.value === "[") value = "^";
				prev.value += value;
				append({ value });
				continue;
			}
			if (state.quotes === 1 && value !== "\"") {
				value = utils.escapeRegex(value);
				prev.value += value;
				append({ value });
				continue;
			}
			if (value === "\"") {
				state.quotes = state.quotes === 1 ? 0 : 1;
				if (opts.keepQuotes === true) push({
					type: "text",
					value
				});
				continue;
			}
			if (value === "(") {
				increment("parens");
				push({
					type: "paren",
					value
				});
				continue;
			}
			if (value === ")") {
				if (state.parens === 0 && opts.strictBrackets === true) throw new SyntaxError(syntaxError("opening", "("));
				const extglob = extglobs[extglobs.length - 1];
				if (extglob && state.parens === extglob.parens + 1) {
					extglobClose(extglobs.pop());
					continue;
				}
				push({
					type: "paren",
					value,
					output: state.parens ? ")" : "\\)"
				});
				decrement("parens");
				continue;
			}
			if (value === "[") {
				if (opts.nobracket === true || !remaining().includes("]")) {
					if (opts.nobracket !== true && opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
					value = `\\${value}`;
				} else increment("brackets");
				push({
					type: "bracket",
					value
				});
				continue;
			}
			if (value === "]") {
				if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
					push({
						type: "text",
						value,
						output: `\\${value}`
					});
					continue;
				}
				if (state.brackets === 0) {
					if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("opening", "["));
					push({
						type: "text",
						value,
						output: `\\${value}`
					});
					continue;
				}
				decrement("brackets");
				const prevValue = prev.value.slice(1);
				if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) value = `/${value}`;
				prev.value += value;
				append({ value });
				if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) continue;
				const escaped = utils.escapeRegex(prev.value);
				state.output = state.output.slice(0, -prev.value.length);
				if (opts.literalBrackets === true) {
					state.output += escaped;
					prev.value = escaped;
					continue;
				}
				prev.value = `(${capture}${escaped}|${prev.value})`;
				state.output += prev.value;
				continue;
			}
			if (value === "{" && opts.nobrace !== true) {
				increment("braces");
				const open = {
					type: "brace",
					value,
					output: "(",
					outputIndex: state.output.length,
					tokensIndex: state.tokens.length
				};
				braces.push(open);
				push(open);
				continue;
			}
			if (value === "}") {
				const brace = braces[braces.length - 1];
				if (opts.nobrace === true || !brace) {
					push({
						type: "text",
						value,
						output: value
					});
					continue;
				}
				let output = ")";
				if (brace.dots === true) {
					const arr = tokens.slice();
					const range = [];
					for (let i = arr.length - 1; i >= 0; i--) {
						tokens.pop();
						if (arr[i].type === "brace") break;
						if (arr[i].type !== "dots") range.unshift(arr[i].value);
					}
					output = expandRange(range, opts);
					state.backtrack = true;
				}
				if (brace.comma !== true && brace.dots !== true) {
					const out = state.output.slice(0, brace.outputIndex);
					const toks = state.tokens.slice(brace.tokensIndex);
					brace.value = brace.output = "\\{";
					value = output = "\\}";
					state.output = out;
					for (const t of toks) state.output += t.output || t.value;
				}
				push({
					type: "brace",
					value,
					output
				});
				decrement("braces");
				braces.pop();
				continue;
			}
			if (value === "|") {
				if (extglobs.length > 0) extglobs[extglobs.length - 1].conditions++;
				push({
					type: "text",
					value
				});
				continue;
			}
			if (value === ",") {
				let output = value;
				const brace = braces[braces.length - 1];
				if (brace && stack[stack.length - 1] === "braces") {
					brace.comma = true;
					output = "|";
				}
				push({
					type: "comma",
					value,
					output
				});
				continue;
			}
			if (value === "/") {
				if (prev.type === "dot" && state.index === state.start + 1) {
					state.start = state.index + 1;
					state.consumed = "";
					state.output = "";
					tokens.pop();
					prev = bos;
					continue;
				}
				push({
					type: "slash",
					value,
					output: SLASH_LITERAL
				});
				continue;
			}
			if (value === ".") {
				if (state.braces > 0 && prev.type === "dot") {
					if (prev.value === ".") prev.output = DOT_LITERAL;
					const brace = braces[braces.length - 1];
					prev.type = "dots";
					prev.output += value;
					prev.value += value;
					brace.dots = true;
					continue;
				}
				if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
					push({
						type: "text",
						value,
						output: DOT_LITERAL
					});
					continue;
				}
				push({
					type: "dot",
					value,
					output: DOT_LITERAL
				});
				continue;
			}
			if (value === "?") {
				if (!(prev && prev.value === "(") && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
					extglobOpen("qmark", value);
					continue;
				}
				if (prev && prev.type === "paren") {
					const next = peek();
					let output = value;
					if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) output = `\\${value}`;
					push({
						type: "text",
						value,
						output
					});
					continue;
				}
				if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
					push({
						type: "qmark",
						value,
						output: QMARK_NO_DOT
					});
					continue;
				}
				push({
					type: "qmark",
					value,
					output: QMARK
				});
				continue;
			}
			if (value === "!") {
				if (opts.noextglob !== true && peek() === "(") {
					if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
						extglobOpen("negate", value);
						continue;
					}
				}
				if (opts.nonegate !== true && state.index === 0) {
					negate();
					continue;
				}
			}
			if (value === "+") {
				if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
					extglobOpen("plus", value);
					continue;
				}
				if (prev && prev.value === "(" || opts.regex === false) {
					push({
						type: "plus",
						value,
						output: PLUS_LITERAL
					});
					continue;
				}
				if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
					push({
						type: "plus",
						value
					});
					continue;
				}
				push({
					type: "plus",
					value: PLUS_LITERAL
				});
				continue;
			}
			if (value === "@") {
				if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
					push({
						type: "at",
						extglob: true,
						value,
						output: ""
					});
					continue;
				}
				push({
					type: "text",
					value
				});
				continue;
			}
			if (value !== "*") {
				if (value === "$" || value === "^") value = `\\${value}`;
				const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
				if (match) {
					value += match[0];
					state.index += match[0].length;
				}
				push({
					type: "text",
					value
				});
				continue;
			}
			if (prev && (prev.type === "globstar" || prev.star === true)) {
				prev.type = "star";
				prev.star = true;
				prev.value += value;
				prev.output = star;
				state.backtrack = true;
				state.globstar = true;
				consume(value);
				continue;
			}
			let rest = remaining();
			if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
				extglobOpen("star", value);
				continue;
			}
			if (prev.type === "star") {
				if (opts.noglobstar === true) {
					consume(value);
					continue;
				}
				const prior = prev.prev;
				const before = prior.prev;
				const isStart = prior.type === "slash" || prior.type === "bos";
				const afterStar = before && (before.type === "star" || before.type === "globstar");
				if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
					push({
						type: "star",
						value,
						output: ""
					});
					continue;
				}
				const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
				const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
				if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
					push({
						type: "star",
						value,
						output: ""
					});
					continue;
				}
				while (rest.slice(0, 3) === "/**") {
					const after = input[state.index + 4];
					if (after && after !== "/") break;
					rest = rest.slice(3);
					consume("/**", 3);
				}
				const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
				if (prior.type === "bos" && eos()) {
					prev.type = "globstar";
					prev.value += value;
					prev.output = globstar(opts);
					state.output = prev.output;
					state.globstar = true;
					consume(value);
					continue;
				}
				if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
					state.output = state.output.slice(0, -(prior.output + prev.output).length);
					prior.output = `(?:${prior.output}`;
					prev.type = "globstar";
					prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
					prev.value += value;
					state.globstar = true;
					state.output += prior.output + prev.output;
					consume(value);
					continue;
				}
				if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
					const end = rest[1] !== void 0 ? "|$" : "";
					state.output = state.output.slice(0, -(prior.output + prev.output).length);
					prior.output = `(?:${prior.output}`;
					prev.type = "globstar";
					prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
					prev.value += value;
					state.output += prior.output + prev.output;
					state.globstar = true;
					consume(value + advance());
					push({
						type: "slash",
						value: "/",
						output: ""
					});
					continue;
				}
				if (prior.type === "bos" && rest[0] === "/") {
					prev.type = "globstar";
					prev.value += value;
					prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
					state.output = prev.output;
					state.globstar = true;
					consume(value + advance());
					push({
						type: "slash",
						value: "/",
						output: ""
					});
					continue;
				}
				state.output = state.output.slice(0, -prev.output.length);
				prev.type = "globstar";
				prev.output = globstar(opts);
				prev.value += value;
				state.output += prev.output;
				state.globstar = true;
				consume(value);
				continue;
			}
			const token = {
				type: "star",
				value,
				output: star
			};
			if (opts.bash === true) {
				token.output = ".*?";
				if (prev.type === "bos" || prev.type === "slash") token.output = nodot + token.output;
				push(token);
				continue;
			}
			if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
				token.output = value;
				push(token);
				continue;
			}
			if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
				if (prev.type === "dot") {
					state.output += NO_DOT_SLASH;
					prev.output += NO_DOT_SLASH;
				} else if (opts.dot === true) {
					state.output += NO_DOTS_SLASH;
					prev.output += NO_DOTS_SLASH;
				} else {
					state.output += nodot;
					prev.output += nodot;
				}
				if (peek() !== "*") {
					state.output += ONE_CHAR;
					prev.output += ONE_CHAR;
				}
			}
			push(token);
		}
		while (state.brackets > 0) {
			if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
			state.output = utils.escapeLast(state.output, "[");
			decrement("brackets");
		}
		while (state.parens > 0) {
			if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
			state.output = utils.escapeLast(state.output, "(");
			decrement("parens");
		}
		while (state.braces > 0) {
			if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
			state.output = utils.escapeLast(state.output, "{");
			decrement("braces");
		}
		if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) push({
			type: "maybe_slash",
			value: "",
			output: `${SLASH_LITERAL}?`
		});
		if (state.backtrack === true) {
			state.output = "";
			for (const token of state.tokens) {
				state.output += token.output != null ? token.output : token.value;
				if (token.suffix) state.output += token.suffix;
			}
		}
		return state;
	};
	parse.fastpaths = (input, options) => {
		const opts = { ...options };
		const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
		const len = input.length;
		if (len > max) throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
		input = REPLACEMENTS[input] || input;
		const { DOT_LITERAL, SLASH_LITERAL, ONE_CHAR, DOTS_SLASH, NO_DOT, NO_DOTS, NO_DOTS_SLASH, STAR, START_ANCHOR } = constants.globChars(opts.windows);
		const nodot = opts.dot ? NO_DOTS : NO_DOT;
		const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
		const capture = opts.capture ? "" : "?:";
		const state = {
			negated: false,
			prefix: ""
		};
		let star = opts.bash === true ? ".*?" : STAR;
		if (opts.capture) star = `(${star})`;
		const globstar = (opts) => {
			if (opts.noglobstar === true) return star;
			return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
		};
		const create = (str) => {
			switch (str) {
				case "*": return `${nodot}${ONE_CHAR}${star}`;
				case ".*": return `${DOT_LITERAL}${ONE_CHAR}${star}`;
				case "*.*": return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
				case "*/*": return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
				case "**": return nodot + globstar(opts);
				case "**/*": return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
				case "**/*.*": return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
				case "**/.*": return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
				default: {
					const match = /^(.*?)\.(\w+)$/.exec(str);
					if (!match) return;
					const source = create(match[1]);
					if (!source) return;
					return source + DOT_LITERAL + match[2];
				}
			}
		};
		let source = create(utils.removePrefix(input, state));
		if (source && opts.strictSlashes !== true) source += `${SLASH_LITERAL}?`;
		return source;
	};
	module.exports = parse;
}));
// node_modules/picomatch/lib/picomatch.js
var require_picomatch$1 = /* @__PURE__ */ __commonJSMin(((exports, module) => {
	const scan = require_scan();
	const parse = require_parse();
	const utils = require_utils();
	const constants = require_constants();
	const isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
	const picomatch = (glob, options, returnState = false) => {
		if (Array.isArray(glob)) {
			const fns = glob.map((input) => picomatch(input, options, returnState));
			const arrayMatcher = (str) => {
				for (const isMatch of fns) {
					const state = isMatch(str);
					if (state) return state;
				}
				return false;
			};
			return arrayMatcher;
		}
		const isState = isObject(glob) && glob.tokens && glob.input;
		if (glob === "" || typeof glob !== "string" && !isState) throw new TypeError("Expected pattern to be a non-empty string");
		const opts = options || {};
		const posix = opts.windows;
		const regex = isState ? picomatch.compileRe(glob, options) : picomatch.makeRe(glob, options, false, true);
		const state = regex.state;
		delete regex.state;
		let isIgnored = () => false;
		if (opts.ignore) {
			const ignoreOpts = {
				...options,
				ignore: null,
				onMatch: null,
				onResult: null
			};
			isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
		}
		const matcher = (input, returnObject = false) => {
			const { isMatch, match, output } = picomatch.test(input, regex, options, {
				glob,
				posix
			});
			const result = {
				glob,
				state,
				regex,
				posix,
				input,
				output,
				match,
				isMatch
			};
			if (typeof opts.onResult === "function") opts.onResult(result);
			if (isMatch === false) {
				result.isMatch = false;
				return returnObject ? result : false;
			}
			if (isIgnored(input)) {
				if (typeof opts.onIgnore === "function") opts.onIgnore(result);
				result.isMatch = false;
				return returnObject ? result : false;
			}
			if (typeof opts.onMatch === "function") opts.onMatch(result);
			return returnObject ? result : true;
		};
		if (returnState) matcher.state = state;
		return matcher;
	};
	picomatch.test = (input, regex, options, { glob, posix } = {}) => {
		if (typeof input !== "string") throw new TypeError("Expected input to be a string");
		if (input === "") return {
			isMatch: false,
			output: ""
		};
		const opts = options || {};
		const format = opts.format || (posix ? utils.toPosixSlashes : null);
		let match = input === glob;
		let output = match && format ? format(input) : input;
		if (match === false) {
			output = format ? format(input) : input;
			match = output === glob;
		}
		if (match === false || opts.capture === true) {
			if (opts.matchBase === true || opts.basename === true) match = picomatch.matchBase(input, regex, options, posix);
			else match = regex.exec(output);
		}
		return {
			isMatch: Boolean(match),
			match,
			output
		};
	};
	picomatch.matchBase = (input, glob, options, posix = options && options.windows) => {
		return (glob instanceof RegExp ? glob : picomatch.makeRe(glob, options)).test(utils.basename(input, { windows: posix }));
	};
	picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);
	picomatch.parse = (pattern, options) => {
		if (Array.isArray(pattern)) return pattern.map((p) => picomatch.parse(p, options));
		return parse(pattern, {
			...options,
			fastpaths: false
		});
	};
	picomatch.scan = (input, options) => scan(input, options);
	picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
		if (returnOutput === true) return state.output;
		const opts = options || {};
		const prepend = opts.contains ? "" : "^";
		const append = opts.contains ? "" : "$";
		let source = `${prepend}(?:${state.output})${append}`;
		if (state && state.negated === true) source = `^(?!${source}).*$`;
		const regex = picomatch.toRegex(source, options);
		if (returnState === true) regex.state = state;
		return regex;
	};
	picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
		if (!input || typeof input !== "string") throw new TypeError("Expected a non-empty string");
		let parsed = {
			negated: false,
			fastpaths: true
		};
		if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) parsed.output = parse.fastpaths(input, options);
		if (!parsed.output) parsed = parse(input, options);
		return picomatch.compileRe(parsed, options, returnOutput, returnState);
	};
	picomatch.toRegex = (source, options) => {
		try {
			const opts = options || {};
			return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
		} catch (err) {
			if (options && options.debug === true) throw err;
			return /$^/;
		}
	};
	picomatch.constants = constants;
	module.exports = picomatch;
}));
// node_modules/picomatch/index.js
var require_picomatch = /* @__PURE__ */ __commonJSMin(((exports, module) => {
	const pico = require_picomatch$1();
	const utils = require_utils();
	function picomatch(glob, options, returnState = false) {
		if (options && (options.windows === null || options.windows === void 0)) options = {
			...options,
			windows: utils.isWindows()
		};
		return pico(glob, options, returnState);
	}
	Object.assign(picomatch, pico);
	module.exports = picomatch;
}));
// node_modules/re2js/build/index.cjs
var require_build = /* @__PURE__ */ __commonJSMin(((exports) => {
	Object.defineProperty(exports, Symbol.toStringTag, { value: "Module" });
	var RE2Flags = class RE2Flags {
		static FOLD_CASE = 1;
		static LITERAL = 2;
		static CLASS_NL = 4;
		static DOT_NL = 8;
		static ONE_LINE = 16;
		static NON_GREEDY = 32;
		static PERL_X = 64;
		static UNICODE_GROUPS = 128;
		static WAS_DOLLAR = 256;
		static LOOKBEHIND = 512;
		static MATCH_NL = RE2Flags.CLASS_NL | RE2Flags.DOT_NL;
		static PERL = RE2Flags.CLASS_NL | RE2Flags.ONE_LINE | RE2Flags.PERL_X | RE2Flags.UNICODE_GROUPS;
		static POSIX = 0;
		static UNANCHORED = 0;
		static ANCHOR_START = 1;
		static ANCHOR_BOTH = 2;
	};
	const PublicFlags = {
		CASE_INSENSITIVE: 1,
		DOTALL: 2,
		MULTILINE: 4,
		DISABLE_UNICODE_GROUPS: 8,
		LONGEST_MATCH: 16,
		LOOKBEHINDS: 512
	};
	const ASCII_SIZE = 128;
	const ASCII_TO_UPPER = new Int32Array(ASCII_SIZE);
	const ASCII_TO_LOWER = new Int32Array(ASCII_SIZE);
	const MAX_BMP = 65535;
	for (let i = 0; i < ASCII_SIZE; i++) {
		if (i >= 97 && i <= 122) ASCII_TO_UPPER[i] = i - 32;
		else ASCII_TO_UPPER[i] = i;
		if (i >= 65 && i <= 90) ASCII_TO_LOWER[i] = i + 32;
		else ASCII_TO_LOWER[i] = i;
	}
	var Codepoint = class {
		static CODES = Object.freeze({
			"\x07": 7,
			"\b": 8,
			"	": 9,
			"\n": 10,
			"\v": 11,
			"\f": 12,
			"\r": 13,
			" ": 32,
			"\"": 34,
			$: 36,
			"&": 38,
			"'": 39,
			"(": 40,
			")": 41,
			"*": 42,
			"+": 43,
			"-": 45,
			".": 46,
			0: 48,
			1: 49,
			2: 50,
			3: 51,
			4: 52,
			5: 53,
			6: 54,
			7: 55,
			8: 56,
			9: 57,
			":": 58,
			"<": 60,
			">": 62,
			"?": 63,
			A: 65,
			B: 66,
			C: 67,
			F: 70,
			P: 80,
			Q: 81,
			U: 85,
			Z: 90,
			"[": 91,
			"\\": 92,
			"]": 93,
			"^": 94,
			_: 95,
			"`": 96,
			a: 97,
			b: 98,
			f: 102,
			i: 105,
			m: 109,
			n: 110,
			r: 114,
			s: 115,
			t: 116,
			v: 118,
			x: 120,
			z: 122,
			"{": 123,
			"|": 124,
			"}": 125
		});
		static toUpperCase(codepoint) {
			if (codepoint < ASCII_SIZE) return ASCII_TO_UPPER[codepoint];
			const s = String.fromCodePoint(codepoint).toUpperCase();
			const expectedLen = s.codePointAt(0) > MAX_BMP ? 2 : 1;
			if (s.length > expectedLen) return codepoint;
			const sOrigin = String.fromCodePoint(s.codePointAt(0)).toLowerCase();
			const originExpectedLen = sOrigin.codePointAt(0) > MAX_BMP ? 2 : 1;
			if (sOrigin.length > originExpectedLen || sOrigin.codePointAt(0) !== codepoint) return codepoint;
			return s.codePointAt(0);
		}
		static toLowerCase(codepoint) {
			if (codepoint < ASCII_SIZE) return ASCII_TO_LOWER[codepoint];
			const s = String.fromCodePoint(codepoint).toLowerCase();
			const expectedLen = s.codePointAt(0) > MAX_BMP ? 2 : 1;
			if (s.length > expectedLen) return codepoint;
			const sOrigin = String.fromCodePoint(s.codePointAt(0)).toUpperCase();
			const originExpectedLen = sOrigin.codePointAt(0) > MAX_BMP ? 2 : 1;
			if (sOrigin.length > originExpectedLen || sOrigin.codePointAt(0) !== codepoint) return codepoint;
			return s.codePointAt(0);
		}
	};
	var UnicodeRangeTable = class {
		constructor(data, isStride1 = false) {
			this.data = data;
			this.isStride1 = isStride1;
			this.SIZE = isStride1 ? 2 : 3;
		}
		getLo(index) {
			return this.data[index * this.SIZE];
		}
		getHi(index) {
			return this.data[index * this.SIZE + 1];
		}
		getStride(index) {
			return this.isStride1 ? 1 : this.data[index * this.SIZE + 2];
		}
		get length() {
			return this.data.length / this.SIZE;
		}
	};
	const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-";
	const B64_MAP = /* @__PURE__ */ new Uint8Array(256);
	for (let i = 0; i < 64; i++) B64_MAP[B64.charCodeAt(i)] = i;
	const decodeVLQ = (str) => {
		const res = [];
		let value = 0;
		let shift = 0;
		for (let i = 0; i < str.length; i++) {
			const digit = B64_MAP[str.charCodeAt(i)];
			value |= (digit & 31) << shift;
			if ((digit & 32) === 0) {
				res.push(value);
				value = 0;
				shift = 0;
			} else shift += 5;
		}
		return res;
	};
	const decodeRanges = (str, isStride1) => {
		const res = decodeVLQ(str);
		const numRanges = isStride1 ? res.length / 2 : res.length / 3;
		const out = new Uint32Array(numRanges * 3);
		let current = 0;
		let resIdx = 0;
		for (let i = 0; i < numRanges; i++) {
			current += res[resIdx++];
			out[i * 3] = current;
			current += res[resIdx++];
			out[i * 3 + 1] = current;
			out[i * 3 + 2] = isStride1 ? 1 : res[resIdx++];
		}
		return out;
	};
	const decodeOrbit = (str) => {
		const res = decodeVLQ(str);
		const map = /* @__PURE__ */ new Map();
		let currentKey = 0;
		for (let i = 0; i < res.length; i += 2) {
			currentKey += res[i];
			const zz = res[i + 1];
			const delta = zz >>> 1 ^ -(zz & 1);
			map.set(currentKey, currentKey + delta);
		}
		return map;
	};
	var LazyMap = class {
		constructor(initializer) {
			this.initializer = initializer;
			this.cache = /* @__PURE__ */ new Map();
		}
		has(key) {
			return Object.hasOwn(this.initializer, key);
		}
		get(key) {
			if (this.cache.has(key)) return this.cache.get(key);
			const val = this.has(key) ? this.initializer[key]() : null;
			this.cache.set(key, val);
			return val;
		}
	};
	var UnicodeTables = class {
		static _CASE_ORBIT = null;
		static get CASE_ORBIT() {
			if (!this._CASE_ORBIT) this._CASE_ORBIT = decodeOrbit("rCgCIgCY+rQI4QiCuuBLgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCCgCBgCBgCBgCBgCBgCBgCB+7OB-BB-BB-BB-BB-BBskQB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BC-BB-BB-BB-BB-BB-BB-BByHBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBDCBBBCBBBCBBCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBxHBCBBBCBBBCBBB3SBmMBkNBCBBBCBBB8MBCBBB6MB6MBCBBC+EB0MB2MBCBBB6MB+MBiGBmNBiNBCBBBmKBikzCBmNBqNBkIBsNBCBBBCBBBCBBB0NBCBBB0NDCBBB0NBCBBByNByNBCBBBCBBB2NBCBBDCBBCwDFCBCBDBCBCBDBCBCBDBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBB9EBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBCCBCBDBCBBBhGBvDBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBjICCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBH2iVBCBBBlKBwiVB+jVB+jVBCBBBlMBqEBuEBCBBBCBBBCBBBCBBBCBBB+hVB4hVB8hVBjNB7MC5MB5MCzMC1MB+0yCE5MB20yCC9MBu2yCBwyyCBo0yCChNBlNBo0yCBu-UBi0yCDlNC6-UBpNDrNIu+UDzNCm0yCBzNE0yyCBzNBpEBxNBxNBtEG1NLqxyCBkxyCnFoFrBCBBBCBBDCBBEkIBkIBkICoHHsCCqCBqCBqCCgEC+DB+DBmkOBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCC+BBgCBgCBgCBgCBgCBgCBgCBgCBrCBpCBpCBpCBmjOB-BB8BB-BB-BBgEB-BB-BByBBqgOBsDB-BBtwBB-BB-BB-BBsBBgDBCB-BB-BB-BBeB-BB-BB61OB-BB-BB-DB9DB9DBQB7DBmCE9CBrDBPBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBrFB-EBOBnHB3FB-FCCBBBNBCBBCjIBjIBjIBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgFBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCB-BB-BB8kMB-BB6kMB-BB-BB-BB-BB-BB-BB-BB-BB-BBokMB-BB-BBkkMBkkMB-BB-BB-BB-BB-BB-BB-BB4jMB-BB-BB-BB-BB-BB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EB-EBCBBBCBoiMBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBJCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBeBCBBBCBBBCBBBCBBBCBBBCBBBCBBBdBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBCgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDL-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-C64CgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOBgmOCgmOGgmODg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FBg8FDg8FBg8FBg8FhVg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBg9rCBQBQBQBQBQBQDPBPBPBPBPBPjkC7mMB5mMBnmMBjmMBCBlmMB3lMBpiMBk8kCBCBBG-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FB-7FD-7FB-7FB-7F6FoglCEsuHRwjlCyDCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCB0DBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBG1DD97OCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQDPBPBPBPBPBPDQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQDPBPBPBPBPBPEQCQCQCQCPCPCPCPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPB0EB0EBsFBsFBsFBsFBoGBoGBgIBgIBgHBgHB8HB8HDQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQBQBQBQBQBQBQBPBPBPBPBPBPBPBPBQBQCSFPBPBzEBzEBRCxnOFSFrFBrFBrFBrFBREQBQClkOFPBPBnGBnGFQBQCljOCODPBPB-GB-GBNHSF-HB-HB7HB7HBRqJ53OE9tQBrmQH4Bc3BSgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBgBBfBfBfBfBfBfBfBfBfBfBfBfBfBfBfBfECBByZ0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BB0BBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzBBzB34BgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDBgDB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CB-CBCBBBt-UBruHBt+UB1iVBviVBCBBBCBBBCBBB3hVB5-UB9hVB7hVCCBBCCBBI9jVB9jVBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBICBBBCBBECBBN-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOB-lOC-lOG-lOzoeCBBBCBBBCBBBCBBBCBBBCBl8kCBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBTCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBnECBBBCBBBCBBBCBBBCBBBCBBBCBBDCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBKCBBBCBBBnglCBCBBBCBBBCBBBCBBBCBBECBBBvyyCDCBBBCBBBgDCCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBn0yCB90yCB10yCBh0yCBn0yCCjxyCBzyyCBpxyCBg6BBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBB-CBl0yCBvjlCBCBBBCBBBt2yCBCBBBCBBBCBBBCBBBCBBBCBBBCBBBCBBBhkzCZCBB9a-5Bd-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCB-8rCm6TCBB7gBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCH-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BmlBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvChDwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCBwCFvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvCBvC1DuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCCuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCBuCCuCBuCBuCBuCBuCBuCBuCCuCBuCCtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCCtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCBtCCtCBtCBtCBtCBtCBtCBtCCtCBtCk2BgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEBgEO-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-DB-D+CgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCL-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-B74CgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BhrVgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCBgCB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BB-BhB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BB2BD1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BB1BtxekCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBkCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjCBjC");
			return this._CASE_ORBIT;
		}
		static _Print = null;
		static get Print() {
			if (!this._Print) this._Print = new UnicodeRangeTable(decodeRanges("hB9CBjBLBCpWBDFBFGBCCCBSBCsMBClBBDxBBDCBC2BBJaBFFBSVBC-FBCvBBD6BBDkDBP6BBDwBBDOBCbBDCCBJBGfBIqCBCgFBCHBDBBDVBCGBCEEBCBDIBDBBDDBJFFBCCBDBDYBDCBCFBFBBDVBCGBCBBCBBCBBDCCBDBFBBDCBEIIBCBCIIBPBLCBCIBCCBCVBCGBCBBCEBDJBCCBCCBDQQBCBDLBIGBCCBCHBDBBDVBCGBCBBCEBDIBDBBDCBICBFBBCEBDRBLBBCFBECBCDBEBBCCCBEEBEEBBBELBFEBECBCDBDHHPUBGMBCCBCWBCPBDIBCCBCDBIBBCCBCBBDDBDJBIVBCCBCWBCJBCEBDIBCCBCDBIBBGCBCDBDJBCCBNMBCCBCyBBCCBCFBFPBDZBCCBCRBEXBCIBCDDBFBEFFBEBCCCBGBHJBDCBN5BBFcBmBBBCCCBDBCXBCCCBVBDEBCCCBFBCJBDDBhBnCBCjBBFmBBCjBBCOBCMBmBlGBCGGD4LBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBDfBEZBH1CBDFBD-TBCbBE4CBIVBKXBKTBNMBCCBCBBN9CBDJBHJBHNBCKBH4CBIqBBGlCBLeBCLBFLBFEEBoBBDEBMrBBFZBHKBE9BBDgCBCcBDKBHJBHNBDtBBDLBVsCBClFBJ7BBEOBE9BBGqBBDKBJqBBG1QBDFBDlBBDFBDHBCGCBdBD0BBCOBCNBDFBCSBDCBCIBSXBJuBBSBBDaBCMBEhBBPgBBQrEBF5UBXKBWz4BBD9LBGsBBCGGD3BBIBBPXBKGBCGBCGBCGBCGBCGBCGBCGBC9DBjBZBC4CBN1GBbPBC+BBC1CBDmDBGqBBC9CBC1CBKvBBCszcBE2BBK7KBV3FBJ8GBV7BBEJBH3BBJlCBJLBHzDBMdBEtCBCKBFgBBC2BBKNBDJBDmDBZbBLFBDFBDFBKGBCGBC7BBF9DBDJBHj9KBNWBFwBBloItLBDpDBnBGBNEBGZBCEBCCCBCCBCCBoUBhBpBBHyBBCSBCDBFEBCmEBF9FBEFBDFBDFBDCBEGBCGBOBBDLBCZBCSBCBBCOBDNBjB6DBGCBFsBBE3CBCMBEwBwBBsBBjEcBEwBBQbBFjBBKdBGqBBGdBCkBBFNBrB9EBDJBHjBBFjBBFnBBJzBBMLBCOBCGBCBBCKBCOBCGBCBBEzBBN2JBKVBLHBZFBCpBBCIBmCFBDCCBqBBCBBEDDBVBCnCBJIBxBSBCBBGgBBEaBGaBnB3BBFTBDxBBCBBGHBCCBCcBDCBFJBIIBI-BBhBmBBFLBK1BBEcBDaBGZBIDBNGBxCoCB4ByBBOyBBItBBJJBHlBBEcBJBBxGeBCpBBCCBDBBRFBJIBiBtBBJpBBXZBnBbBVWBKtCBFjBBK9BBCEBOYBIJBH0BBCRBJmBBK-CBCTBMRBCuBB-BGBCCCBCBCOBCKBH6BBGJBHDBCHBDBBDVBCGBCBBCEBCJBDBBDCBDHHGGBDGBEEBMJBCDDClBBCJBCDDCDBCJBCBBJBBe7CBCEBfnCBJJBnF1BBDlBBjBkCBMJBHMBU5BBHJBHTBdaBDOBFWB6F7BBlDyCBNHBDDDBGBCBBCdBCBBDLBKJBnCHBDtBBDKBcnCBJyCBOoCBIJB3CHB5ChBBPJBHIBCsBBCNBLcBEfBDVBCNBqCGBCBBCrBBECCBCCBHBJJBHFBCBBCkBBCBBCFBIJBHrBBFJB3HYBIQBCoBBEcB2CQQBwBBO6cBnDuDBCEBMjGBtyCiDBOvhBBRVBL68DBGmSB61G5BBn2B4RBIeBCJBFwCBCJBHdBDFBLlCBLJBCGBCUBGSBxN5BBnG6CBGYBDYBtBqCBF4BBIQBhCEBMGBK1mHBqBfBiDyDB+vIDBCGBCBBCiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBDDBh7D8HBEzNBHWBQQBQtBBDWBKzDB9B1HBLmBBDpCBJvDBWlCB7DTBNTBN2CBKYBoE0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDjJBD9VBQEBCOBxiBeBHFB2GGBCQBDGBCBBCEBG9BBiBxDxDBrBBENBDJBFBBhKeBS5BBGxOxOBoBB3GqBBFhGhGBdBCVBJBBhHGBCDBCBBCOBCkGBDPBqBrCBFJBFBByYjCBtC8BBjGDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1BBBvIrBBFjDBNOBDOBCOBCkBBLtFB5BcBOrBBFIBIBBPFB7E4eBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBBPIBoB3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBCmDBmgB-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIBnkzVvHB", false));
			return this._Print;
		}
		static CATEGORIES = new LazyMap({
			C: () => new UnicodeRangeTable(decodeRanges("AfBgDgBBOrWrWBHHBCBICCVuMuMnBBBzBBBE4B4BBGBcDBHQBXhGhGxBBB8BBBmDNB8BBByBBBQddBCCMEBhBGBsCiFiFJBBDBBXIICCBFBBKBBDBBFHBCDBDGGBaaBEEHDBDBBXIIDGDBCCGDBDBBECBCGBFCCBFBSJBEKKEXXIDDGBBLIEBCCBNBFBBNGBIEEJBBDBBXIIDGGBKKBDDBEEBFBEDBDGGBTTBIBDHHBBBEFFBBBDCCDCBDCBECBNDBGCBEFFBCCBEBCNBWEBOEEYRRBKKEFFBFBDEEDBBFBBLGBXEEYLLGBBKEEFGBDEBEFFBLLELBOEE0BEEHDBRBBbEETCBZKKCBBICBCDBHCCJFBLBBELB7BDBekBBDCCGZZCYYBGGCIILBBFfBpClBlBBCBoBlBlBQOOBjBBnGCCBDBCBB6LFFBIICFFBqBqBFBBiBFFBIICFFBQQ6BFFBkCkCBhBhBBBBbFB3CBBHBB+UCB6CGBXIBZIBVLBOEEDLB-CBBLFBLFBPMMBEB6CGBsBEBnCJBgBNNBCBNDBCCBrBBBGKBtBDBbFBMCB-BBBiCeeBMMBEBLFBPBBvBBBNTBuCnFnFBGB9BCBQCB-BEBsBBBMHBsBEB3QBBHBBnBBBHBBJGCgBBB2BQQPBBHUUBEEKMMBDBbEByBPBDBBcOOBBBjBNBiBOBtEDB7UVBMUB14BBB-LEBuBCCBDBCBB5BGBDNBZIBI4BI-DhBBb6C6CBKB3GZBxC3C3CBoDoDBDBsB-C-C3CIBxBuzcuzcBBB4BIB9KTB5FHB+GTB9BCBLFB5BHBnCHBNFB1DKBfCBvCMMBCBiB4B4BBHBPBBLBBoDXBdJBHBBHBBHIBIII9BDB-DBBLFBl9KLBYDByBjoIBvLBBrDlBBILBGEBbGGCGDrUfBrBFB0BUUFDBGoEoEBCB-FCBHBBHBBHBBECBIIIBLBDBBNbbUDDQBBPhBB8DEBEDBuBCB5COOBBBCuBBvBhEBeCByBOBdDBlBIBfEBsBEBfmBmBBCBPpBB-EBBLFBlBDBlBDBpBHB1BKBNQQIDDMQQIDDBBB1BLB4JIBXJBJXBHrBrBKkCBHBBCtBtBDCBCBBYpCpCBGBKvBBUDDBDBiBCBcEBclBB5BDBVBBzBDDBDBJEEeBBEDBLGBKGBhCfBoBDBNIB3BCBeBBcEBbGBFLBIvCBqC2BB0BMB0BGBvBHBLFBnBCBeHBDvGBgBrBrBEBBDPBHHBKgBBvBHBrBVBblBBdTBYIBvCDBlBIB-BGGBLBaGBLFB2BTTBGBoBIBhDVVBJBTwBwBB8BBICCFQQMFB8BEBLFBFJJBDDBXXIDDGLLBDDBEEBCCBEBCEBIBBICBGKBLCCBCCnBLLCBBCFFLDDBGBDcB9CGGBcBpCHBLlFB3BBBnBhBBmCKBLFBOSB7BFBLFBVbBcBBQDBY4FB9BjDB0CLBJBBCBBJDDfDDBNNBHBLlCBJBBvBBBMaBpCHB0CMBqCGBL1CBJ3CBjBNBLFBKuBuBPJBeCBhBBBXPPBnCBIDDtBCBCDDKHBLFBHDDmBDDHGBLFBtBDBL1HBaGBSqBqBBBBe0CBCOBzBMB8clDBwDGGBJBlGryCBkDMBxhBPBXJB88DEBoS41GB7Bl2BB6RGBgBLLBCByCLLBEBfBBHJBnCJBLIIWEBUvNB7BlGB8CEBaBBarBBsCDB6BGBS-BBGKBIIB3mHoBBhBgDB0D8vIBFIIDkJkJBNBCcBEBBCNBFHBtMjoCBsDEBOCBKGBLBBF-6DB+HCB1NFBYOBSOBvBBBYIB1D7BB3HJBoBBBrCHBxDUBnC5DBVLBVLB4CIBamEB2CoCoCDBBCBBDBBFNNCIIiCFFBJJIddFGGCCBI1K1KBlJlJB-V-VBNBGQQBuiBBgBFBH0GBISSBIIDGGBDB-BgBBCvDBuBCBPBBLDBD-JBgBQB7BEBCvOBrB1GBsBDBC-FBgBXXBGBD-GBIFFDQQmGBBRoBBtCDBLDBDwYBlCrCB+BhGBFccDCCBCCLFFCCCBEBCDBCECEDDCBBCICDCCBFFIKFCLLSEBEGGSzBBDtIBtBDBlDLBQBBQQQmBJBvF3BBeMBtBDBKGBDNBH5EB6eCBSCBOCB7GFBNDBCOBNDB5BHBLFBpBHBfBBNDBDNBKmBB5KHBPBBOCBMCB6BCCBCBRBBNDBLGB0EoDoDBjgBBh3pBfB-oEBBv0FBBypHOBvThtCB-QhvBBs6EEBrpIlkzVBxHvw-FB", false)),
			Cc: () => new UnicodeRangeTable(decodeRanges("AfgDgB", true)),
			Cf: () => new UnicodeRangeTable(decodeRanges("tFzqBzqBBEBXhGhGyBhMhMBxCxCs5D9-B9-BBDBbEByBEBCJBw03B6H6HBBBimEQQj7IPBhjiBDBwmFHBn0rYffB+CB", false)),
			Cn: () => new UnicodeRangeTable(decodeRanges("4bBBHDBICCVuMuMnBBBzBBBE4B4BBGBcDBHKBvI9B9BBmDmDBMB8BBByBBBQddBCCMEBjBEBuHJJBDDBXXICCBBBFBBKBBDBBFHBCDBDGGBaaBEEHDBDBBXIIDGDBCCGDBDBBECBCGBFCCBFBSJBEKKEXXIDDGBBLIEBCCBNBFBBNGBIEEJBBDBBXIIDGGBKKBDDBEEBFBEDBDGGBTTBIBDHHBBBEFFBBBDCCDCBDCBECBNDBGCBEFFBCCBEBCNBWEBOEEYRRBKKEFFBFBDEEDBBFBBLGBXEEYLLGBBKEEFGBDEBEFFBLLELBOEE0BEEHDBRBBbEETCBZKKCBBICBCDBHCCJFBLBBELB7BDBekBBDCCGZZCYYBGGCIILBBFfBpClBlBBCBoBlBlBQOOBjBBnGCCBDBCBB6LFFBIICFFBqBqBFBBiBFFBIICFFBQQ6BFFBkCkCBhBhBBBBbFB3CBBHBB+UCB6CGBXIBZIBVLBOEEDLB-CBBLFBLFBbFB6CGBsBEBnCJBgBNNBCBNDBCCBrBBBGKBtBDBbFBMCB-BBBiCeeBMMBEBLFBPBBvBBBNTBuCnFnFBGB9BCBQCB-BEBsBBBMHBsBEB3QBBHBBnBBBHBBJGCgBBB2BQQPBBHUUBEEKmDmDNBBcOOBBBjBNBiBOBtEDB7UVBMUB14BBB-LEBuBCCBDBCBB5BGBDNBZIBI4BI-DhBBb6C6CBKB3GZBxC3C3CBoDoDBDBsB-C-C3CIBxBuzcuzcBBB4BIB9KTB5FHB+GTB9BCBLFB5BHBnCHBNFB1DKBfCBvCMMBCBiB4B4BBHBPBBLBBoDXBdJBHBBHBBHIBIII9BDB-DBBLFBl9KLBYDByBDBvzIBBrDlBBILBGEBbGGCGDrUfBrBFB0BUUFDBGoEoEBCC-FCBHBBHBBHBBECBIIIBIBGBBNbbUDDQBBPhBB8DEBEDBuBCB5COOBBBCuBBvBhEBeCByBOBdDBlBIBfEBsBEBfmBmBBCBPpBB-EBBLFBlBDBlBDBpBHB1BKBNQQIDDMQQIDDBBB1BLB4JIBXJBJXBHrBrBKkCBHBBCtBtBDCBCBBYpCpCBGBKvBBUDDBDBiBCBcEBclBB5BDBVBBzBDDBDBJEEeBBEDBLGBKGBhCfBoBDBNIB3BCBeBBcEBbGBFLBIvCBqC2BB0BMB0BGBvBHBLFBnBCBeHBDvGBgBrBrBEBBDPBHHBKgBBvBHBrBVBblBBdTBYIBvCDBlBIBlCJBCBBaGBLFB2BTTBGBoBIBhDVVBJBTwBwBB8BBICCFQQMFB8BEBLFBFJJBDDBXXIDDGLLBDDBEEBCCBEBCEBIBBICBGKBLCCBCCnBLLCBBCFFLDDBGBDcB9CGGBcBpCHBLlFB3BBBnBhBBmCKBLFBOSB7BFBLFBVbBcBBQDBY4FB9BjDB0CLBJBBCBBJDDfDDBNNBHBLlCBJBBvBBBMaBpCHB0CMBqCGBL1CBJ3CBjBNBLFBKuBuBPJBeCBhBBBXPPBnCBIDDtBCBCDDKHBLFBHDDmBDDHGBLFBtBDBL1HBaGBSqBqBBBBe0CBCOBzBMB8clDBwDGGBJBlGryCBkDMB3iBJB88DEBoS41GB7Bl2BB6RGBgBLLBCByCLLBEBfBBHJBnCJBLIIWEBUvNB7BlGB8CEBaBBarBBsCDB6BGBS-BBGKBIIB3mHoBBhBgDB0D8vIBFIIDkJkJBNBCcBEBBCNBFHBtMjoCBsDEBOCBKGBLBBJ76DB+HCB1NFBYOBSOBvBBBYIB1D7BB3HJBoBBBjGUBnC5DBVLBVLB4CIBamEB2CoCoCDBBCBBDBBFNNCIIiCFFBJJIddFGGCCBI1K1KBlJlJB-V-VBNBGQQBuiBBgBFBH0GBISSBIIDGGBDB-BgBBCvDBuBCBPBBLDBD-JBgBQB7BEBCvOBrB1GBsBDBC-FBgBXXBGBD-GBIFFDQQmGBBRoBBtCDBLDBDwYBlCrCB+BhGBFccDCCBCCLFFCCCBEBCDBCECEDDCBBCICDCCBFFIKFCLLSEBEGGSzBBDtIBtBDBlDLBQBBQQQmBJBvF3BBeMBtBDBKGBDNBH5EB6eCBSCBOCB7GFBNDBCOBNDB5BHBLFBpBHBfBBNDBDNBKmBB5KHBPBBOCBMCB6BCCBCBRBBNDBLGB0EoDoDBjgBBh3pBfB-oEBBv0FBBypHOBvThtCB-QhvBBs6EEBrpIm8yVBCdBhD-DBxHvw-BB---BBB---BBB", false)),
			Co: () => new UnicodeRangeTable(decodeRanges("gg4B-nGh4hc9--BD9--B", true)),
			Cs: () => new UnicodeRangeTable(decodeRanges("gg2B--B", true)),
			L: () => new UnicodeRangeTable(decodeRanges("hCZBHZBwBLLFGGBVBCeBCpOBFLBPEBICCiEEBCBBDDBCHHCCBCCCBSBCyCBCqEBJlFBClBBDHHBnBBoCaBFDBuBqBBkBBBCiDBCQQBIIBLLBBBDRRCdBe4CBMZZBfBKBBFGGBUBFKKEYYBXBIKBGXBCGBRpBB7B1BBETTIJBQPBFHBDBBDVBCGBCEEBCBERROBBCCBPBBLJJBEBFBBDVBCGBCBBCBBCBBgBDBCUUBBBRIBCCBCVBCGBCBBCEBETTQBBYMMBGBDBBDVBCGBCBBCEBEffBCCBBBQSSCFBECBCDBEBBCCCBEEBEEBBBELBX1B1BBGBCCBCWBCPBEbbBBBCBBDBBfFFBGBCCBCWBCJBCEBEffBBBCBBQBBSIBCCBCoBBDRRGCBJCBZFBGRBEXBCIBCDDBFB7BvBBCBBNGB7BBBCCCBDBCXBCCCBIBCBBKDDBDBCWWBCBhBgCgCBGBCjBBcEB0DqBBVRRBEBFDBEEEBIIBBBFMBNSSBkBBCGGDqBBCsKBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBmBPBR1CBDFBErTBDQBCZBGqCBHHBIRBOSBPRBPMBCCBQzBBkBFFkC4CBIEBDhBBCGGBkCBLeByBdBDEBMrBBFZB3BWBK0BBzC+C+CBtBBSHB3BdBOBBLrBBbjBBqBCBLjBBDKBGqBBDCBqBDBCFBCBBEGGB+FBhC1IBDFBDlBBDFBDHBCGCBdBD0BBCGBCEEBBBCGBEDBDFBFMBGCBCGB1DOORMBmDFFDJBCEEBDBHGCBCBCKBDDBGEBF1B1BB8zC8zCBjHBHDBEBBNlBBCGGD3BBIRRBVBKGBCGBCGBCGBCGBCGBCGBCGBxC2O2OBrBrBBDBGBBF1CBHCBC5CBCDBGqBBC9CBSfBxBPBhQ-tGBhCs0VBkCtBBDsIBEPBLBBVuBBReBDlCByBIBDmDBDxCBVQBCCBCDBCWBezBBPxBB-BFBECCBMMBaBLWBacBIuBBdRRBDBCJBLEBCoBBYCBCHBVWBEEEBwBBCEEBDDBDBDCCZCBDKBICBNFBDFBDFBKGBCGBCqBBCNBHyDBej9KBNWBFwBBloItLBDpDBnBGBNEBGCCBIBCMBCEBCCCBCCBCCBqDBiBqLBT-BBD1BBpBLB1DEBCmEBlBZBHZBM4CBEFBDFBDFBDCBkBLBCZBCSBCBBCOBDNBjB6DBmMcBEwBBwBfBOTBCHBHlBBLdBDjBBFHBxB9EBTjBBFjBBFnBBJzBBNKBCOBCGBCBBCKBCOBCGBCBBEzBBN2JBKVBLHBZFBCpBBCIBmCFBDCCBqBBCBBEDDBVBLWBKeBiCSBCBBLVBLZBHZBnB3BBHBBhCQQBCBCCBCcBrBcBEcBkBHBCbBc1BBLVBLSBORBvDoCB4ByBBOyBBOjBBnBbBKWB7HpBBHBBRFB5BcBLJJBUBrBRBvBUBcWBN0BB6BBBDOOBrBBhBYBbjBBeDDJiBBENNBuBBPDBWCCkBRBCYBUBBgCGBCCCBCBCOBCJBIuBBnBHBDBBDVBCGBCBBCEBETTNEBfJBCDDClBBCaaCtBtBBzBBTDBVCBfvBBVBBC5F5FBtBBqBDBlBvBBV8B8BBpBBOoCoCBZBmBGB6FrBB1D-BBgBHBDDDBGBCBBCXBQCC-CHBDmBBRCCdLLBmBBIWWMtBBUTTBnCBoGgBBgBIBCkBBSyByBBcBxDGBCBBClBBWaaBEBCBBCfBPYYBqBBlISBQCCBLBChBB9DwCwCB4cBnHjGBtyCgDBQvhBBSFBa68DBGmSB61GdBj3B4RBIeBSuCBSdBTvBBRDBgBUBGSBxNsBB0G-BBhBYBDYBtBqCBGjCjCBLBhCBBCPPBNNB0mHBqBfBiDyDB+vIDBCGBCBBCiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBn7F0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDYBCYBCeBCYBCeBCYBCeBCYBCeBCYBCHB15BeBHFBmI9BBzEsBBLGBRiKiKBcBTrBBlPbBlHdBDwGwGBdBCCBCBBCGBDEBKBBhHGBCDBCBBCOBCkGB8BjCBI1lB1lBBCBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQBlqE-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
			LC: () => new UnicodeRangeTable(decodeRanges("hCZBHZB7BLLBVBCeBCiGBCDBFvGBDZBhGDBDBBECBCHHCCBCCCBSBCyCBCqEBJlFBClBBKoBB44ClBBCGGDqBBDCBhV1CBDFBjkCKBGqBBDCBhCrBBgCMBChBBmD1IBDFBDlBBDFBDHBCGCBdBD0BBCGBCEEBBBCGBEDBDFBFMBGCBCGBmIFFDJBCEEBDBHGCBCBCFBFDDBCBGEBF1B1BB8zC8zCB6DBDmDBHDBEBBNlBBCGGzoetBBTbBnEtCBCWBEDBCsCBZBBE2Z2ZBpBBGIBIvCBh6TGBNEBqgBZBHZBmlBvCBhDjBBFjBB1DKBCOBCGBCBBCKBCOBCGBCBBk2ByBBOyBB+CVBLVB74C-BBhrV-BBhBYBDYBtpZ0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDYBCYBCeBCYBCeBCYBCeBCYBCeBCYBCHB15BJBCTBHFB2uCjCB", false)),
			Ll: () => new UnicodeRangeTable(decodeRanges("hDZB7BqBqBBWBCHBC2BCBQCBuBCDECBBBDCCDEEBFFDEEBBBDDDCCCDCCBCCDEECDDBDDBBBHGDCOCBSCBDDCEEC4BCBFBDDDBCCFICBjCBDZBiGCCEEEBBBTccBhBBCBBECBCWCBDBCGDB0B0BBuBBCgBCK0BCDMCBgDCxBoBBo6CqBBDCB5XFBjkCIBC2D2DBqBBgCMBChBBnD0ECBHBCgDCBHBJFBLHBJHBJFBLHBJHBJNBDHBJHBJHBJEBCBBHEEBBBCBBJDBDBBJHBLCBCBBzIEEBEEcKFDBBJDBF2B2Bs1CvBBCEEBGCFCCBCCBEBGiDCBIICFFNlBBCGG0oesBCUaCoEMCBBBC+BCBGBCCCDICFCCDCCBBBCSCGGGCMCFCCDOCbEE2ZqBBGIBIvCBh6TGBNEBqhBZBumBnBBpEjBB8EKBCOBCGBCBBk4ByBB+DVB75CfBhsVfB8BYBnqZZBbGBCRBbZBbDBCCCBFBCKBbZBbZBbZBbZBbZBbZBbZBbZBbbBdYBCFBbYBCFBbYBCFBbYBCFBbYBCFBC15B15BBIBCTBHFB4vChBB", false)),
			Lm: () => new UnicodeRangeTable(decodeRanges("wVRBFLBPEBICCmEGG-OnHnHlFBBuIBBFgBgBKEEhFoFoF1mBgEgE2R72B72BsDkTkTxOFBvF+BBOjBjBBjBByVOORMBg-CBByHgGgG2OsBsBBDBGiDiDB+C+CBBB34bjnBjnBBEBvIzDzDdBB6DIBxCYYpDDBEBB2OXXqEtDtDWBBoDDBKngVngVuBBBh-BFBCpBBCIB0sBhBhB2K04D04DnrTDB9PCBpBBBnRMBhCBBCPPB9-P9-PBCBCGBCBByhM9BBqGGBud0Q0QsSAB", false)),
			Lo: () => new UnicodeRangeTable(decodeRanges("qFQQhIFFBCBxGBB7ZaBFDBuBfBCJBkBBBCiDBCZZBLLBBBDRRCdBe4CBMZZBfBWVBrBYBIKBGXBCGBRoBB8B1BBETTIJBROBFHBDBBDVBCGBCEEBCBERROBBCCBPBBLJJBEBFBBDVBCGBCBBCBBCBBgBDBCUUBBBRIBCCBCVBCGBCBBCEBETTQBBYMMBGBDBBDVBCGBCBBCEBEffBCCBBBQSSCFBECBCDBEBBCCCBEEBEEBBBELBX1B1BBGBCCBCWBCPBEbbBBBCBBDBBfFFBGBCCBCWBCJBCEBEffBBBCBBQBBSIBCCBCoBBDRRGCBJCBZFBGRBEXBCIBCDDBFB7BvBBCBBNFB8BBBCCCBDBCXBCCCBIBCBBKDDBDBYDBhBgCgCBGBCjBBcEB0DqBBVRRBEBFDBEEEBIIBBBFMBNyDyDBnKBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBmBPByDrTBDQBCZBGqCBHHBIRBOSBPRBPMBCCBQzBBpBkCkCBhBBC0BBIEBDhBBCGGBkCBLeByBdBDEBMrBBFZB3BWBK0BBxFuBBSHB3BdBOBBLrBBbjBBqBCBLdByDDBCFBCBBE7hB7hBBCB4-C3BBZWBKGBCGBCGBCGBCGBCGBCGBCGBoR2B2BF1CBJCCB4CBFGGBpBBC9CBSfBxBPBhQ-tGBhC0wUBC2jBBkCnBBJrIBFPBLBBjCyByBBkCBqFoDoDEGBCCBCDBCWBezBBPxBB-BFBECCBMMBaBLWBacBIuBBuBEBDIBLEBCoBBYCBCHBVPBCFBEEEBwBBCEEBDDBDBDCCZBBEKBIPPBEBDFBDFBKGBCGByEiBBej9KBNWBFwBBloItLBDpDBkCCCBIBCMBCEBCCCBCCBCCBqDBiBqLBT-BBD1BBpBLB1DEBCmEBqDJBCsBBDeBEFBDFBDFBDCBkBLBCZBCSBCBBCOBDNBjB6DBmMcBEwBBwBfBOTBCHBHlBBLdBDjBBFHBhEtCBjDnBBJzBB9CzBBN2JBKVBLHB5EFBDCCBqBBCBBEDDBVBLWBKeBiCSBCBBLVBLZBHZBnB3BBHBBhCQQBCBCCBCcBrBcBEcBkBHBCbBc1BBLVBLSBORBvDoCB4FjBBnBDBCxJxJBoBBHBBRCBCBB5BcBLJJBUBrBRBvBUBcWBN0BB6BBBDOOBrBBhBYBbjBBeDDJiBBENNBuBBPDBWCCkBRBCYBUBBgCGBCCCBCBCOBCJBIuBBnBHBDBBDVBCGBCBBCEBETTNEBfJBCDDClBBCaaCtBtBBzBBTDBVCBfvBBVBBC5F5FBtBBqBDBlBvBBV8B8BBpBBOoCoCBZBmBGB6FrBB0GHBDDDBGBCBBCXBQCC-CHBDmBBRCCdLLBmBBIWWMtBBUTTBnCBoGgBBgBIBCkBBSyByBBcBxDGBCBBClBBWaaBEBCBBCfBPYYBnBBCBBlISBQCCBLBChBB9DwCwCB4cBnHjGBtyCgDBQvhBBSFBa68DBGmSB61GdBj3B4RBIeBSuCBSdBTvBB0BUBGSB0NnBB2MqCBGwFwFB0mHBqBfBiDyDBuwIiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBxzI2P2PBrBBiBiKiKBcBTrBBlPaBmHdBDwGwGBdBCCBCBBCGBDEBKiHiHBFBCDBCBBCOBCkGB8pBDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQBlqE-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
			Lt: () => new UnicodeRangeTable(decodeRanges("lOGDnB2sH2sHBGBJHBJHBNQQwBAB", false)),
			Lu: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiB2BCDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIJDCMCDQCDDDCCBC4BCIBBCBBDCCBCBCGCiJCCEJJHCCBBBCCCBCCBPBCIBkBDDBBBEWCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBpCDBNDBNDBNEBMDBnIFFECBDCBDEEBDBHGCBCBDDBLBBG+B+B9zCvBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoqZZBbZBbZBbCCBGDBDDBCBCHBbZBbBBCDBDHBCGBcBBCDBCEBCEEBFBcZBbZBbZBbZBbZBbZBfYBiBYBiBYBiBYBiBYBiB2pE2pEBgBB", false)),
			M: () => new UnicodeRangeTable(decodeRanges("gYvDB0IGBoIsBBCCCBCCBCCpCKBxBUBRmDmDBFBDFBDBBCDBkBffBZB8CKB7BIBKZZBCBCIBCCBCEBsBCB8BIBrBXBCgBB3BCBCRBCGBLBBeCB5BCCBFBDBBDCBKLLBbbDCB5BCCBDBFBBDCBEffBEEMCB5BCCBGBCCBCCBVBBXFBCCB5BCCBFBDBBDCBICBLBBf8B8BBDBECBCDBKpBpBBDB4BCCBFBCCBCDBIBBMBBeCB5BCCBFBCCBCDBIBBMBBQNNBCB4BBBCGBCCBCDBKLLBeeBBBnCFFBEBCCCBGBTBB+BDDBFBNHBjDDDBHBMGBqCBBcECFBByBTBCBBGKBCjBBKlDlDBSBYDBFCBCCBDGBEDBOLBCLLBCBgWCBzdDBdCBeBBfBBhCfBKuBuBBBBC2D2DBjBjB3DLBFLB8GEB6BJBCcBDxBxBBsBBDLBVEBwBQBnBIBNCBfMB5BNBxBTB5ECBCUBFHHDCBnG-BBxWgBB--CCBuEhDhDBeBrRFBqDBB1udDBCJBhBBBxCBBxIEEFYYBDBF0C0CBzBzBBQBbRBOnBnBBGBaMBtBDBwBNBlBkCkCBMBNJJBuBuBBBBzBCCBBBDBBGBBCqBqBBDBGBBtHHBCBBx5TiXiXBOBRPBuejHjH2EEBn0BCBCBBGDBpBCBFmFmFB+R+RBCBiCEB+JBBuCFBnCKByBDB7DCB2BOBqBDDBLLBCBuBKBI+B+BBBBlBNBRBBtBNNBBBxBNBJDBCBB9CLBHDD+ELBWDB4BBBCGBDBBDCBKLLBDDBFBEEBkCIBCDDCDBCEBCPPBzCzCBQBYyCyCBSBsHGBDIBcBBzCQBrDMBmDOBhIOB2HFBCBBDDBCCCBuEuEBFBDGBEddBIBpBGBCDBJKKBJBvBPBnGHBoGHBCHBzCVBCNB7DFBECCBCCBFBCjCjCBDBCBBCEB8KDBKBBCxBxBBFBEEBYmnFmnFHOBpmLRBhuCEB8BGB5gBCCB1BBIDByCMMBslTslTBizEizEBsBBDWB-QEBEFBJHBDGBfDB1ECB89B2BBFxBBJPPXEBCOBxqBGBCQBDGBCBBCEBlDhFhFBFB4L+B+BBCB9PDB-HBB0HDDIBBG7O7OBFBuDGB29lYvHB", false)),
			Mc: () => new UnicodeRangeTable(decodeRanges("joC4B4BDCBJDBCBBzBBB7BCBHBBDBBLsBsB7BCBjC7B7BBBBJCCB2B2BB7B7BCHHBDDBLLnDBBCBBECBCCBLqBqBBBB+BDB+BBB7BCCBDBDBBCBBKBBdPPB7B7BBBBGCBCCBLrBrBBsCsCBBBHHBTBBrKBBgCsFsFBFFHDDBaaBLLBBBDGBWBBDFBDLLBBB5zBffiEIIBGBCBB7KDBDCBFBBCFBhHBB7BCCKCCBJJBEByExBxBGCCBDBCBB+BffFBBD9B9BDCBCEEBxBxBBGBJBBsFWW35EBB0-dBBD5C5CBzBzBBOBvEBBwBxBxBBFFBDDBBBvDBBDBBZuBuBCuDuDDBBGuHuHBCCBCCBCC0gZCCgEuBuBBBBFBB0DZZB8B8BxBCBKBBO+C+CBBBEBBCrFrFBBBgBBB7BBBCDBDBBDCBKLLB1C1CBBBIDDCDBCBBCmDmDBBBJBBErDrDBBBHCCBCBDuHuHBBBHDBDyDyDBBBJBBCuDuDCBBHoDoDCBBFmImIBBBK4H4HBEBCBBFDDCvEvEBBBJDBF1C1CeBB-BqGqGECCoGPPrDIID2G2GBDBFBBC-K-KBNNxBBBJBBCpvQpvQBBBlxD2BBpDBB0rYBBHFB", false)),
			Me: () => new UnicodeRangeTable(decodeRanges("okBBB1xF-wB-wBBCBCCBsshBCB", false)),
			Mn: () => new UnicodeRangeTable(decodeRanges("gYvDB0IEBqIsBBCCCBCCBCCpCKBxBUBRmDmDBFBDFBDBBCDBkBffBZB8CKB7BIBKZZBCBCIBCCBCEBsBCB8BIBrBXBCfB4BCCFHBFEEBFBLBBe7B7BFDBJVVBbbDBB6BFFBFFBDDBBBEffBEEMBB6BFFBDBCBBFVVBXXBEBC7B7BDCCBCBJIIBMMBff+BNNzBEE4BCCBBBGCBCDBIBBMBBe7B7BDHHGBBVBBdBB6BBBFDBJVVBeepCIIBBBC7C7CDGBNHBjDDDBHBMGBqCBBcEC4BNBCEBCBBGKBCjBBKnDnDBCBCFBCBBDBBaBBFCBRDBODDBHHQgWgWBBBzdCBeBBfBBfBBhCBBCGBJDDBJBKuBuBBBBC2D2DBjBjB3DCBFBBKHHBBB8GBBD7B7BCGBCCCDHBHJBDxBxBBMBCeBDLBVDBxBCCBDBCGGpBIBNBBhBDBDBBCCB5BCCBEECCB7BHBDBB5ECBCMBCGBFHHEBBnG-BBxWMBFEEBKB--CCBuEhDhDBeBrRDBsDBB1udFFBIBhBBBxCBBxIEEFaaBGG4EBBbRBOnBnBBGBaKBvBCBxBDDBCBDBBoBkCkCBEBDBBDBBNJJwB0B0BCCBDBBGBBCrBrBBJJvHDDFx5Tx5TiXPBRPBuejHjH2EEBn0BCBCBBGDBpBCBFmFmFB+R+RBCBiCEB+JBBuCFBnCKByBDB8D3B3BBNBqBDDBLLBBByBDBDBBI+B+BBBBlBEBCHB-BNNB1B1BBHBLDBDgDgDBBBDCCBHHD+E+EEHBWBB6BBBEmBmBBFBEEBnCFBOECPBB2CHBDCBCYY1CFBCFFBCCBvHvHBCBHBBCBBcBB2CHBDCCBrDrDCDDBEBCmDmDCDDBCBCEBkIIBCBBhIBBCFFxEDBDBBFhBhBBIBpBFBDDBJKKBEBDCBvBMBCBBnGCCBBBCqGqGBFBCFBCzCzCBUBDGBCBBCBB7DFBECCBCCBFBCpCpCBEEC8K8KBMMB1B1BBDBGCCYmnFmnFHOBpmLLBECBhuCEB8BGB5gBgCgCBCByC5lT5lTBizEizEBsBBDWBhRCBSHBDGBfDB1ECB89B2BBFxBBJPPXEBCOBxqBGBCQBDGBCBBCEBlDhFhFBFB4L+B+BBCB9PDB-HBB0HDDIBBG7O7OBFBuDGB29lYvHB", false)),
			N: () => new UnicodeRangeTable(decodeRanges("wBJB5DBBGDDBBBitBJBnEJBnGJB9MJB3DJBFFBtDJB3DJB3DJBDFBvDMB0DJBJGBoDJBpDGBISBuDJBhDJB3DJBnCTBtIJBnCJBwWTBybCBwHJBHJBXJBtJJBhEKBmFJBHJB3FJB3CJBnEJBHJB3gBEEBEBHJBnGyBBDEB3W7BBvCVB3TdBqrBqYqYaIBPCB4KDBrEJBfHBCOBhBJBoBOBh7cJB9FJBhKFB7EJBnBJBnGJBXJB3CJB3MJB34UJBuPsBBN4BBSBB2KaBlBDBeJJnEEBrGJBvdHBaGBoBIBsCEBXFBhFBBDPBDtBBhCIB1BBBfCBsCEBpDHBZHBqBGBrKFBxBJBHJB3IeB-EJBrBDBxDGBnEdBhEJB9BJBxEJBITB8HJB3KJB3DJB3LJBnDJBHTBtCLBlNSB+CJB3UJB3CcBkHJBnCJB3BJBnLJBnDUBshBuDBimPJBnpCJB3CJBnEJBCGBvQJBnIWB+KCB6nXJBnuBTBNTBtDYB2iBxBBhqCJBnNJB3PJB4HJBtWIBhEJB4Y6BBCCBCDBtCsBBCOBjeMBk3CJB", false)),
			Nd: () => new UnicodeRangeTable(decodeRanges("wBJnxBJnEJnGJ9MJ3DJ3DJ3DJ3DJ3DJ3DJ3DJ3DJ3DJhDJ3DJnCJ3IJnCJn6BJnBJtJJhEJnFJHJ3FJ3CJnEJHJnuiBJnVJnBJnGJXJ3CJ3MJ34UJnsBJnkCJHJ9YJhEJ9BJxEJ3IJ3KJ3DJ3LJnDJHTtCJnNJnDJ3UJ3CJ3HJnCJ3BJnLJ3uQJnpCJ3CJnEJ3QJ37XJ12CxBhqCJnNJ3PJ4HJ2aJ30EJ", true)),
			Nl: () => new UnicodeRangeTable(decodeRanges("u3FCBwzCiBBDDB-zDaaBHBPCBs1dJBxyW0BBtOJJnEEBrhIuDBm8SCB", false)),
			No: () => new UnicodeRangeTable(decodeRanges("yFBBGDDBBB2pCFB5LFB5DCBmEGB6GGBSIByNJB2hBTB0jBJBhP20B20BEFBHJBnGPBqB3W3WB6BBvCVB3TdBqrB1kB1kBBCBrEJBfHBCOBhBJBoBOBxrdFBymWsBBiCDBSBB2KaBlBDB1pBHBaGBoBIBsCEBXFBhFBBDPBDtBBhCIB1BBBfCBsCEBpDHBZHBqBGBrKFBhLeB-EJBrBDBxDGBnETB8LTBmqBBBvNIBobSB0aUBn8SGB-YWBqhZTBNTBtDYBvqFIBid6BBCCBCDBtCsBBCOBjeMB", false)),
			P: () => new UnicodeRangeTable(decodeRanges("hBCBCFBCDBLBBEBBbCBCccCkBkBGEELBBEEE-VJJzOFBqBBB0BCCDDDtBBBVBBCBBOCCBBBrCDBnDsBsBBMBqHCB3BOBgBmImIBLLtE5D5D6DnMnMNwLwL7CLLBpFpFBNBCmBmBBCBoCrCrCBDBFBBwDFBsFlTlTBHB4EuTuTtBBBvCCBoCBB+ECBCCBmBKB6JBB5GBBhEGBCFBhFBBLGBdCB9DDB8BEB-BBBhCHBM9Z9ZBWBJTBCMBCLBfBBPBB6TDBeBB+hBNBwCBBgBJB0MVBgCDBhBBB8XDBCBBxDwEwEBtBBCfBDLBkNCBFJBDLBRNNjD7C7CjgdBBuICBkDLL0DFB9LDB3CBBpBCBCyByBBwBwBiDMBRBB9DDB-DBBRBB6HzqUzqUBxGxGBIBXiBBCNBCFFCBB2ECBCFBCDBLBBEBBbCBCccCCCBFB7MCB9UxBxB-MoXoXoGgBgBxIIBnBxDxDBFBjCGB6CDByO-J-JjBlElEBDBtBDB+FGBuDBBCDB-DDBxBBBwCDBFOOCCB5CFBsDrJrJBCCBzDzDBDBLBBCpDpD7HWBqDCBdMBtCjEjEBBB9HpIpIBBB8E9C9CBGB0CCBCEB+CJB4GgDgDBDBrBBBmUBBrCMBwFxjBxjBBDB97CBB8zOBBmEiCiCBDBJpRpRBBBoJDBoK9lT9lTovHEB07C-a-aBAB", false)),
			Pc: () => new UnicodeRangeTable(decodeRanges("-Cg-Hg-HBUU-u3BBBZCBwHAB", false)),
			Pd: () => new UnicodeRangeTable(decodeRanges("tB9qB9qB0BiyDiyDmgBqgCqgCBEBiwDDDgBBBFdd-NUUwDxszBxszBBmBmBLqFqFhzD-J-J", false)),
			Pe: () => new UnicodeRangeTable(decodeRanges("pB0B0BgB+1D+1DC-6B-6BqtC4B4BQ7T7TCff-hBMCxChBhBCGC1MUChCCCiBmhBmhBCECtBGCtNICEGCDBB-ozB6G6GeOCESSCCCrF0B0BgBGD", false)),
			Pf: () => new UnicodeRangeTable(decodeRanges("7F+6H+6HEddpuDCCFDDQEE", false)),
			Pi: () => new UnicodeRangeTable(decodeRanges("rFt7Ht7HDBBDaapuDCCFDDQEE", false)),
			Po: () => new UnicodeRangeTable(decodeRanges("hBCBCCBDECBLLBEEBcclCGGPBBI-V-VJzOzOBEBqB3B3BDDDtBBBVBBCBBOCCBBBrCDBnDsBsBBMBqHCB3BOBgBmImIBLLtE5D5D6DnMnMNwLwL7CLLBpFpFBNBCxDxDrCEBFBBwDFBsFlTlTBHBmY9D9DBBBoCBB+ECBCCBmBFBCDB6JBB5GBBhEGBCFBhFBBLGBdCB9DDB8BEB-BBBhCHBMjajaBJJBGBJIBDDBDCBEKBCCCBIB7kDDBCBBxDwEwEBFFBBBDDDBHBCBBCDDBLLBDBCJBDDBCCCBLBDCBtNCB6B+F+FjgdBBuICBkDLL0DFB9LDB3CBBpBCBCyByBBwBwBiDMBRBB9DDB-DBBRBB6HlxUlxUBFBDXXVBBDDBECBCDBICBHCCB2E2EBBBCCBDECBLLBEEBcclBDDB7M7MBBB9UxBxB-MoXoXoGgBgBxIIBnBxDxDBFBjCGB6CDB0ZlElEBDBtBDB+FGBuDBBCDB-DDBxBBBwCDBFOOCCB5CFBsDrJrJBCCBzDzDBDBLBBCpDpD7HWBqDCBdMBtCjEjEBBB9HpIpIBBB8E9C9CBGB0CCBCEB+CJB4GgDgDBDBrBBBmUBBrCMBwFxjBxjBBDB97CBB8zOBBmEiCiCBDBJpRpRBBBoJDBoK9lT9lTovHEB07C-a-aBAB", false)),
			Ps: () => new UnicodeRangeTable(decodeRanges("oBzBzBgB-1D-1DC-6B-6B-rCEEnB4B4BQ7T7TCff-hBMCxChBhBCGC1MUChCCCiBmhBmhBCECaTTCECtNICEGCDipzBipzB4GeeCMCESSCCCrFzBzBgBEEDAB", false)),
			S: () => new UnicodeRangeTable(decodeRanges("kBHHRCBgBCCcCCkBEBCBBDCCBCBDEEfgBgBrODBNNBGGBCCCBPB2DPPBxDxDsErIrIBBB3DCBDDDBvGvGLUUB4H4HIBBpEqLqLBHHB2H2H-DjEjEBGBlEwGwGqBmGmGiGCBQCCBBBDFBVECmEHBCFBCBBGDBmGBBxXJB0WuLuLlL+E+EBgBBiLJBKIBhiBCCBBBMCBOCBOCBOBBmCOOoBCBOCBUhBB-BBBCDBCBBLCCBBBGFBCECFMMBFFBDBGDBC7B7BBFFB2LBFcBD+HBXKByCtCBXnTBtBwBBDeBLyMBX+BBFfBD1LBDpEBmHFBmLBBvBZBC4CBN1GBbPBFOOBNNWBBHBB8CBB0HBBFJBhBlBBKRRBdBMdBJQQBeBLmBBQ-JBhuG-BBx0V2BB6RWBKBBoDBB+EDBLDB+RCBiHPPB+9T+9TpEgBBuLPBhCBB3BHBtBDBjDCCBBBD7E7EHRRBBBgBCCcCCiEGBCGBOBB6JIB6BQBDCBCMBEwBwBBrBB7zBBBwSmWmWBiKiKBGBnjC2kC2kCBbBr6SDBG3qU3qUk7DvHBLCBEzNBHWBQQBgDzDB9B1HBLmBBD7BBGCBXBBIdBF8BBWhCBE7F7FB1CBrbaagBaagBaagBaagBaa9B-PB4BDBzBHBCNBCBBp2BwNwNttCEE+DiOiOBvIvIBqBBFjDBNOBDOBCOBCkBBYgFB5BcBOrBBFIBIBBPFB7E4eBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBBPIBoB3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBC7CBLAB", false)),
			Sc: () => new UnicodeRangeTable(decodeRanges("kB+D+DBCBqnB8D8DzPBBzPBBI2H2HoImSmS8sClmClmCBgBB37hBkuVkuVtD7E7E8GBBEBB3-HDB-4wBxtCxtC", false)),
			Sk: () => new UnicodeRangeTable(decodeRanges("+CCCoCHHFEEqQDBNNBGGBCCCBPB2DPPBjoBjoB15FCCBBBMCBOCBOCBOBB9kEBBkzdWBKBBoDBBxePPBniUniUBPB8bCCjF4g9B4g9BBDB", false)),
			Sm: () => new UnicodeRangeTable(decodeRanges("rBRRBBB+BCCuBFFmBgBgB-XwQwQBBB8xGOOoBCBOCBsEoBoBBDBHlClCBDBGBBFGDIgBgBBDDCgBgBBqIBhBBB7CffBXBpBFB2OKK3BHBwDxKxKBDBDeBLPBhIiEBX+BBFfBDhIBxBUBDFB9+zB5Z5ZCCBlFRRBBB+BCCkEHHBCBitDBBhrwBx+Bx+BagBgBagBgBagBgBagBgBat5Ft5FB-uC-uCBHB", false)),
			So: () => new UnicodeRangeTable(decodeRanges("mFDDFCCyerIrIBgEgEBvGvGLUUB4H4HkQ2L2LjEFBClElEwGqBqBoMCBQCCBBBDFBVECmEHBCFBCBBGDBmGBBxXJB0WzWzW+EhBBiLJBKIBksBBBCDBCBBLCCBHHBEBCECFMMBPPCBBC7B7BBKKBDBDDBCBBCBBCGBCeBDBBCCCBdBtIHBFTBDGBDwCBCdBanBBHnCBXKByCtCBX2FBCIBC1BBJuDBC3HBtBrBBhC-HBhQvBBWBBHmBBDpEBmHFBmLBBvBZBC4CBN1GBbPBFOOBNNWBBHBBxKBBFJBhBlBBKRRBdBMdBJQQBeBLmBBQ-JBhuG-BBx0V2BBibDBLBBC+R+RBBBqqUPBuLPBhCBB3BHBuBCBlPEEFBBOBB6JIB6BQBDCBCMBEwBwBBrBB7zBBBwSpgBpgBBGBnjC2kC2kCBGBFQBr6SDBG3qU3qUk7DvHBLCBEzNBHWBQPBhDzDB9B1HBLmBBD7BBGCBXBBIdBF8BBWhCBE7F7FB1CBqlB-PB4BDBzBHBCNBCBBp2B96C96CiEyWyWBqBBFjDBNOBDOBCOBCkBBYgFB5BcBOrBBFIBIBBPFB7E6HBG4WBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBB-B3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBC7CBLAB", false)),
			Z: () => new UnicodeRangeTable(decodeRanges("gBgEgEgvFgsCgsCBJBeBBGwBwBh9DAB", false)),
			Zl: () => new UnicodeRangeTable(decodeRanges("ohIA", true)),
			Zp: () => new UnicodeRangeTable(decodeRanges("phIA", true)),
			Zs: () => new UnicodeRangeTable(decodeRanges("gBgEgEgvFgsCgsCBJBlBwBwBh9DAB", false)),
			ASCII_Hex_Digit: () => new UnicodeRangeTable(decodeRanges("wBJIFbF", true)),
			Alphabetic: () => new UnicodeRangeTable(decodeRanges("hCZBHZBwBLLFGGBVBCeBCpOBFLBPEBICC3CeeBQBCBBDDBCHHCCBCCCBSBCyCBCqEBJlFBClBBDHHBnBBoBNBCCCBCCBCCJaBFDBeKBG3BBCGBPlDBCHBFHBFCBLCBDRRBuBBOkDBZgBBKBBFGGBWBDSBUYBIKBGXBCGBIJJBoBBLLBEGBHrCBCPBCCBFOBOSBCHBDBBDVBCGBCEEBCBEHBDBBDBBCJJFBBCEBNBBLFFBBBCFBFBBDVBCGBCBBCBBCBBFEBFBBDBBFIIBCBCSSBEBMCBCIBCCBCVBCGBCBBCEBEIBCCBCBBEQQBCBWDBFCBCHBDBBDVBCGBCBBCEBEHBDBBDBBKBBFBBCEBORRBCCBEBECBCDBEBBCCCBEEBEEBBBELBFEBECBCCBEHHpBMBCCBCWBCPBEHBCCBCCBJBBCCBCBBDDBdDBCHBCCBCWBCJBCEBEHBCCBCCBJBBGCBCDBOCBNMBCCBCoBBDHBCCBCCBCGGBCBIEBXFBCCBCRBEXBCIBCDDBFBJFBCCCBGBTBBO5BBGGBH0B0BBECBDBCXBCCCBRBCCBDEBCHHPDBhBgCgCBGBCjBBFSBFPBCjBBkC2BBCDDBDBR-BBLDBDlBBCGGDqBBCsKBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBmBPBR1CBDFBErTBDQBCZBGqCBEKBITBMUBNTBNMBCCBCBBNzBBDSBPFFkC4CBIqBBGlCBLeBCLBFIBYdBDEBMrBBFZB3BbBF+BBDTBzBYYBMMBBByBzBBCOBCHB0BpBBDDBLrBBCKBP2BBXCBLjBBDKBGqBBDCBqBDBCFBCBBEGGB+FBUhBBM1IBDFBDlBBDFBDHBCGCBdBD0BBCGBCEEBBBCGBEDBDFBFMBGCBCGB1DOORMBmDFFDJBCEEBDBHGCBCBCKBDDBGEBFSSBnBBuZzBB34BkHBHDBEBBNlBBCGGD3BBIRRBVBKGBCGBCGBCGBCGBCGBCGBCGBCfBwB2O2OBBBaIBIEBDEBF1CBHCBC5CBCDBGqBBC9CBSfBxBPBhQ-tGBhCs0VBkCtBBDsIBEPBLBBVuBBGHBEwDBoBIBDmDBDxCBVUBCgBBZzBBNjCBCtBtBBEBECCBBBLgBBGiBBOcBEyBBCLBQRRBOBLEBC2BBKNBTWBEkCBCCCZCBDPBDDBMFBDFBDFBKGBCGBCqBBCNBH6DBWj9KBNWBFwBBloItLBDpDBnBGBNEBGLBCMBCEBCCCBCCBCCBqDBiBqLBT-BBD1BBpBLB1DEBCmEBlBZBHZBM4CBEFBDFBDFBDCBkBLBCZBCSBCBBCOBDNBjB6DBmC0BBsIcBEwBBwBfBOdBGqBBGdBDjBBFHBCEBrB9EBTjBBFjBBFnBBJzBBNKBCOBCGBCBBCKBCOBCGBCBBEzBBN2JBKVBLHBZFBCpBBCIBmCFBDCCBqBBCBBEDDBVBLWBKeBiCSBCBBLVBLZBHZBnB3BBHBBhCDBCBBGHBCCBCcBrBcBEcBkBHBCbBc1BBLVBLSBORBvDoCB4ByBBOyBBOnBBjBbBEGGBVB7HpBBCBBEBBRFBzBCBEcBLJJBUBrBRBvBUBcWBKlCBsBEBL4BBKOOBXBYyBBSDBJiBBEKKB+BBCDBKBBLCCkBRBChBBDHHBCB-BGBCCCBCBCOBCJBI4BBYDBCHBDBBDVBCGBCBBCEBEHBDBBDBBEHHGGBdJBCDDClBBCJBCDDCDBCBBECCtBhCBCCBCDBVCBfhCBDBBC5F5FB0BBDGBaFBjB+BBCEE8B1BBDoCoCBZBDNBWGB6F4BBoD-BBgBHBDDDBGBCBBCdBCBBDBBDDB+CHBDtBBDFBCCCBccBxBBDJBSnCBGTTBnCBoDHB5CgBBgBIBCsBBCGBCyByBBcBDVBCNBqCGBCBBCrBBECCBCCBBBCDDBZZBEBCBBCkBBCBBCDBCYYBqBBlIWBKQBCoBBECBwDwCwCB4cBnDuDBSjGBtyCgDBQvhBBSFBa68DBGmSB61GuBBy2B4RBIeBSuCBSdBTvBBRDBgBUBGSBxNsBB0G-BBhBYBDYBtBqCBF4BBIQBhCBBCNNBFBK1mHBqBfBiDyDB+vIDBCGBCBBCiJBQeeBBBDPPBCBJrMBloCqDBGMBEIBIJBFi7Fi7FBzCBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDYBCYBCeBCYBCeBCYBCeBCYBCeBCYBCHB15BeBHFB2GGBCQBDGBCBBCEBG9BBiBxDxDBrBBLGBRiKiKBcBTrBBlPbBlHdBDwGwGBdBCVBJBBhHGBCDBCBBCOBCkGB8BjCBEEE1lBDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1TZBHZBHZB3zD-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
			Dash: () => new UnicodeRangeTable(decodeRanges("tB9qB9qB0BiyDiyDmgBqgCqgCBEB+BoBoBQnMnMlgDDDgBBBFdd-NUUwDxszBxszBBmBmBLqFqFhzD-J-J", false)),
			Emoji: () => new UnicodeRangeTable(decodeRanges("jBHHGJBwDFFu8HNN5GXX7CFBQBBwLBBNnFnFaKBFCBoGoHoHBLLK7B7BBCBCEBKGDBDDFDDCBBDIEBJJBBBGCCGLBMBBDCCBCCTDDBTTBEBCCCBEEBGGDBBFBBMBBGBBDGGBECBVVBGGBEBCDBDFFDDDBEBCDDCCCHEEHLLBQQDFFCFFBBBCMMBxBxBBBBKeP1LBBwOCBUBB0BFF7mBNN6SCCrrvDrGrGhFBBNBBPDDBIBsCZBCBBYVVDIBWBBvFhBBDvDBDBBCCBDyCBDCBCmIBC+BBMFBCXBIBBDHBNDDBCBDFFBOOBDDJBBKGGBBBNCBJCBDCCFHHEHHB0CBxBlCBGHBDDBEJBECCBEEDJBkHLBF8I8IBtBBCJBC4FBxDMBEKBE4BBCFFBOBDLBFJB", false)),
			Emoji_Component: () => new UnicodeRangeTable(decodeRanges("jBHHGJB0+H2G2Gsp3B3+8B3+8BBYB8PEBxtBDBtzhY-CB", false)),
			Emoji_Modifier: () => new UnicodeRangeTable(decodeRanges("7-8DE", true)),
			Emoji_Modifier_Base: () => new UnicodeRangeTable(decodeRanges("9wJ8G8GRDB4jzD9B9BBBBDDDBBB2DBBDKBWSBEFFBBBCCBICCZqGqGBFFWFFBvFvFBBBEEB0CRRBBBKMMgSDDJHBHKKBIBDCB5B+B+BBCCBCCSCBCMBmHCBrBIB", false)),
			Emoji_Presentation: () => new UnicodeRangeTable(decodeRanges("64IBBuGDBEDDqQBBWBBzBLBsBUUOJJBSSBGGBJJGWWIBBCFFDIIFBBdkBkBCFFBBBC+B+BBBBZPP8aBB0BFFvlxDrGrG-FDDBIBsCZBCZZVDDBDBCCBWBBvFgBBNIBClCBCVBNqBBFEBNQBEEEBlCBCCCB5FBD+BBODBCXBTbbBOO3C0CBxBlCBHEEBBBDDBEDBMBBIIBkHLBF8I8IBtBBCJBC4FBxDMBEKBE4BBCFFBOBDLBFJB", false)),
			Extended_Pictographic: () => new UnicodeRangeTable(decodeRanges("pFFFu8HNN5GXX7CFBQBBwLBBNnFnFaKBFCBoGoHoHBLLK7B7BBCBCEBKGDBDDFDDCBBDIEBJJBBBGCCGLBMBBDCCBCCTDDBTTBEBCCCBEEBGGDBBFBBMBBGBBDGGBECBVVBGGBEBCDBDFFDDDBEBCDDCCCHEEHLLBQQDFFCFFBBBCMMBxBxBBBBKeP1LBBwOCBUBB0BFF7mBNN6SCCrrvDoBoBBCBlDLBQBBQPPBmBmBBIBxDBBNBBPDDBIBU3BBcOBLVVDIBCDBKWBH7FBDvDBDBBCCBDyCBDCBCDBG9HBC+BBMFBCXBIBBDHBNDDBCBDFFBOOBDDJBBKGGBBBNCBJCBDCCFHHEHHB0CBxBlCBGHBDQBECCBEBDMB7GlBBNDB5BHBLFBpBHBfBBNDBDNBKmBBNuBBCJBC4FB5CHBPxEBhI9fB", false)),
			Hex_Digit: () => new UnicodeRangeTable(decodeRanges("wBJIFbFq1-BJIFbF", true)),
			Lowercase: () => new UnicodeRangeTable(decodeRanges("hDZBwBLLFlBlBBWBCHBC2BCBQCBuBCDECBBBDCCDEEBFFDEEBBBDDDCCCDCCBCCDEECDDBDDBBBHGDCOCBSCBDDCEEC4BCBFBDDDBCCFICBjCBDiBBIBBfEBhDsBsBCEEDDBTccBhBBCBBECBCWCBDBCGDB0B0BBuBBCgBCK0BCDMCBgDCxBoBBo6CqBBCDB5XFBjkCIBC2D2DB+FBiC0ECBHBCgDCBHBJFBLHBJHBJFBLHBJHBJNBDHBJHBJHBJEBCBBHEEBBBCBBJDBDBBJHBLCBCBB6DOORMBuDEEBEEcKFDBBJDBFiBiBBOBFsasaBYBn6BvBBCEEBGCFCCBCCBGBEiDCBIICFFNlBBCGG0oesBCUaCBBBmEMCBBBC8BCBIBCCCDICFCCDCCBBBCSCGGGCMCFCCDOCWDBCCCBBB2ZqBBCNBHvCBh6TGBNEBqhBZBumBnBBpEjBB8EKBCOBCGBCBBkODDBBBCpBBCIBmoByBB+DVB75CfBhsVfB8BYBnqZZBbGBCRBbZBbDBCCCBFBCKBbZBbZBbZBbZBbZBbZBbZBbZBbbBdYBCFBbYBCFBbYBCFBbYBCFBbYBCFBC15B15BBIBCTBHFBmI9BB1lChBB", false)),
			Math: () => new UnicodeRangeTable(decodeRanges("rBRRBBBgBeeCuBuBFmBmBgB5W5WBBBDbbBDDBBBwQCBuwGccBBBMEEOPPBCBWEBMEBiCMBFEEBFFBDBTFFDJBCDDBEBHEEBDDBCCBBBCFBENBClClCBWBCFBCBBFBBFfBCHHBPPBqIBJDBVBB7CffBZBCZZMGB+NBBNJBFFBFBBDBBEEBPCCDFBMHBGBB6BCCeDBKCBxK-BBhI-PBxBUBDFB9+zB4Z4ZBEBCjFjFRCBeCCeCCkEHHBCBitDBBhrwBwoBwoBBzCBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDjJBDxBBhwFDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1BBB-uCIB", false)),
			Quotation_Mark: () => new UnicodeRangeTable(decodeRanges("iBFFkEQQ96HHBaBBowDqOqOBCBOCBixzBDB+FFF7CBB", false)),
			Terminal_Punctuation: () => new UnicodeRangeTable(decodeRanges("hBLLCMMBEE-ZJJiQ6B6BpCPPCCB1FsBsBBJBCsHsHB3B3BBEBCHBgBmImIB1nB1nBBtFtFFFB4JBB2YHBmY9D9DBBBoCBB+ECBEoBoBBCBDBB7JBBjLDBjFBBLBBCCBeCB8FEB-BBBldYYBKKBBBwlDCBzJOOFLLCBBEBBtNBB8ndBBuICBkHEB-LBB3CBBgD4E4EBBB0ECBgERRB6H6HnxUDDB6B6BBBBCDBqFLLCMMBEEiCDD7hBxBxBnkBoGoG3JBB5EFBlCFB6CDB5dEBtBDB+FGBxDDBgECBiEBBHRRB5C5CBDBtDrJrJB2D2DBBBNBBnLDBEOBqDBB6HCBmQCC8HBB4CBBFBB-MCBuBmUmUBrCrCBspBspBBDB6vRBBmEiCiCBBBLqRqRBoJoJBnwTnwTovHDB", false)),
			Uppercase: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiB2BCDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIJDCMCDQCDDDCCBC4BCIBBCBBDCCBCBCGCiJCCEJJHCCBBBCCCBCCBPBCIBkBDDBBBEWCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBpCDBNDBNDBNEBMDBnIFFECBDCBDEEBDBHGCBCBDDBLBBGbbBOBUzZzZBYBx5BvBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoqZZBbZBbZBbCCBGDBDDBCBCHBbZBbBBCDBDHBCGBcBBCDBCEBCEEBFBcZBbZBbZBbZBbZBbZBfYBiBYBiBYBiBYBiBYBiB2pE2pEBgBBvgCZBHZBHZB", false)),
			White_Space: () => new UnicodeRangeTable(decodeRanges("JEBTlDlDbgvFgvFgsCKBeBBGwBwBh9DAB", false))
		});
		static SCRIPTS = new LazyMap({
			Adlam: () => new UnicodeRangeTable(decodeRanges("go6DrCFJFB", true)),
			Ahom: () => new UnicodeRangeTable(decodeRanges("g4lCaDOFW", true)),
			Anatolian_Hieroglyphs: () => new UnicodeRangeTable(decodeRanges("ggxCmS", true)),
			Arabic: () => new UnicodeRangeTable(decodeRanges("gwBEBCFBCNBCCBCfBCJBMZBCrDBChBBxCvBBxHhBBGqCBCcBxy8BtPBDvEBhBPBxDEBCmEBk7DeBkCFBJIBiBFBh43BDBCaBCBBCDDCJBCDBCCCHFFCECBBBCBBCDDCICBCCDDBCGBCDBCDBCCCBIBCQBGCBCEBCQB1BBB", false)),
			Armenian: () => new UnicodeRangeTable(decodeRanges("xpBlBDxBDCks9BE", true)),
			Avestan: () => new UnicodeRangeTable(decodeRanges("g4iC1BEG", true)),
			Balinese: () => new UnicodeRangeTable(decodeRanges("g4GsCCxB", true)),
			Bamum: () => new UnicodeRangeTable(decodeRanges("g1pB3CpowB4R", true)),
			Bassa_Vah: () => new UnicodeRangeTable(decodeRanges("w26CdDF", true)),
			Batak: () => new UnicodeRangeTable(decodeRanges("g+GzBJD", true)),
			Bengali: () => new UnicodeRangeTable(decodeRanges("gsCDBCHBDBBDVBCGBCEEBCBDIBDBBDDBJFFBCCBDBDYB", false)),
			Beria_Erfe: () => new UnicodeRangeTable(decodeRanges("g17CYDY", true)),
			Bhaiksuki: () => new UnicodeRangeTable(decodeRanges("ggnCICsBCNLc", true)),
			Bopomofo: () => new UnicodeRangeTable(decodeRanges("qXB6wLqBxDf", true)),
			Brahmi: () => new UnicodeRangeTable(decodeRanges("ggkCtCFjBKA", true)),
			Braille: () => new UnicodeRangeTable(decodeRanges("ggK-H", true)),
			Buginese: () => new UnicodeRangeTable(decodeRanges("gwGbDB", true)),
			Buhid: () => new UnicodeRangeTable(decodeRanges("g6FT", true)),
			Canadian_Aboriginal: () => new UnicodeRangeTable(decodeRanges("ggF-TxRlC7tgCP", true)),
			Carian: () => new UnicodeRangeTable(decodeRanges("g1gCwB", true)),
			Caucasian_Albanian: () => new UnicodeRangeTable(decodeRanges("wphCzBMA", true)),
			Chakma: () => new UnicodeRangeTable(decodeRanges("gokC0BCR", true)),
			Cham: () => new UnicodeRangeTable(decodeRanges("gwqB2BKNDJDD", true)),
			Cherokee: () => new UnicodeRangeTable(decodeRanges("g9E1CDFz7lBvC", true)),
			Chorasmian: () => new UnicodeRangeTable(decodeRanges("w9jCb", true)),
			Common: () => new UnicodeRangeTable(decodeRanges("AgCBbFBbuBBCOBCEBYgBgBiOmBBGEBDTB1DKKHCC+THHPEEhB9E9ElQiEiEB6mB6mB2MDBjJwvBwvBBBBoCBBsGBBCumBumBOIIBCBCFBCCBDmYmYBKBD2CBCKBEKBCOBShBB-BlBBCCBDFBCaBCQBqBCBF5UBXKBW-cBhIzTBDpEBhQ9CBzMUBCCCBXBQHBFDB8CBBE7C7CB0E0EBOBhBlBBKxBxBB+BBgBwCBwB5C5CBmFBhuG-BBhoWhBBnDCBmFJB1HhFhFsMPPBzuUzuUBxGxGBIBXiBBCSBCDB0ECCBeBbFBbKBLuBuBBhChCBFBCGBLEBjICBFsBBEIBxCMB0BsBBlHaBltuBDB96D8HBEzNBHWBQQBgDzDB9B1HBLmBBD9BBEQBJBBIdBF8BB2GTBNTBN2CBKYBoE0CBCmCBCBBDDDBDDBCBCLBCCCBFBCgCBCDBDHBCGBCbBCDBCEBCEEBFBCzKBDjJBDxBByjFjCBtC8BBjWrBBFjDBNOBDOBCOBCkBBLtFB5BZBCBBOrBBFIBIBBPFB7E4eBEQBEMBE5GBHLBFQQBKBF3BBJJBHnBBJdBDLBFBBPIBoB3KBJNBDMBEKBE4BBCFFBOBDLBFJBIyEBCmDBnghYffB+CB", false)),
			Coptic: () => new UnicodeRangeTable(decodeRanges("ifNxkKzDGG", true)),
			Cuneiform: () => new UnicodeRangeTable(decodeRanges("ggoC5cnDuDCEMjG", true)),
			Cypriot: () => new UnicodeRangeTable(decodeRanges("ggiCFBDCCBqBBCBBEDD", false)),
			Cypro_Minoan: () => new UnicodeRangeTable(decodeRanges("w8rCiD", true)),
			Cyrillic: () => new UnicodeRangeTable(decodeRanges("ggBkEBDoFBx6FKBhFtCtCojEfBhie-CBv8VBBhw4B9BBiBAB", false)),
			Deseret: () => new UnicodeRangeTable(decodeRanges("gghCvC", true)),
			Devanagari: () => new UnicodeRangeTable(decodeRanges("goCwCFODZh7nBfhwcJ", true)),
			Dives_Akuru: () => new UnicodeRangeTable(decodeRanges("gomCGBDDDBGBCBBCdBCBBDLBKJB", false)),
			Dogra: () => new UnicodeRangeTable(decodeRanges("ggmC7B", true)),
			Duployan: () => new UnicodeRangeTable(decodeRanges("ggvDqDGMEIIJDD", true)),
			Egyptian_Hieroglyphs: () => new UnicodeRangeTable(decodeRanges("ggsC1iBL68D", true)),
			Elbasan: () => new UnicodeRangeTable(decodeRanges("gohCnB", true)),
			Elymaic: () => new UnicodeRangeTable(decodeRanges("g-jCW", true)),
			Ethiopic: () => new UnicodeRangeTable(decodeRanges("gwEoCBCDBDGBCCCBCBDoBBCDBDgBBCDBDGBCCCBCBDOBC4BBCDBDiCBDfBEZBnvGWBKGBCGBCGBCGBCGBCGBCGBCGBjpfFBDFBDFBKGBCGBylvCGBCDBCBBCOB", false)),
			Garay: () => new UnicodeRangeTable(decodeRanges("gqjClBEcJB", true)),
			Georgian: () => new UnicodeRangeTable(decodeRanges("glElBBCGGDqBBCDBx8CqBBDCBhiElBBCGG", false)),
			Glagolitic: () => new UnicodeRangeTable(decodeRanges("ggL-Ch9sDGCQDGCBCE", true)),
			Gothic: () => new UnicodeRangeTable(decodeRanges("w5gCa", true)),
			Grantha: () => new UnicodeRangeTable(decodeRanges("g4kCDBCHBDBBDVBCGBCBBCEBDIBDBBDCBDHHGGBDGBEEB", false)),
			Greek: () => new UnicodeRangeTable(decodeRanges("wbDBCCBDDBCFFCCCBBBCCCBSBC+BBPPBnpGEBzBEBFEB1ChKhKBUBDFBDlBBDFBDHBCGCBdBD0BBCOBCNBDFBCSBDCBCIBoJ-xiB-xiB7uVuCBSgj0Bgj0BBkCB", false)),
			Gujarati: () => new UnicodeRangeTable(decodeRanges("h0CCBCIBCCBCVBCGBCBBCEBDJBCCBCCBDQQBCBDLBIGB", false)),
			Gunjala_Gondi: () => new UnicodeRangeTable(decodeRanges("grnCFCBCkBCBCFIJ", true)),
			Gurmukhi: () => new UnicodeRangeTable(decodeRanges("hwCCBCFBFBBDVBCGBCBBCBBCBBDCCBDBFBBDCBEIIBCBCIIBPB", false)),
			Gurung_Khema: () => new UnicodeRangeTable(decodeRanges("go4C5B", true)),
			Han: () => new UnicodeRangeTable(decodeRanges("g0LZBC4CBN1GBwBCCaIBPDBle-tGBhC-vUBhoWtLBDpDBpodBBNGBqgkB-2pBBhB9oEBDt0FBDwpHBQtTBjtC9QBjvBq6EBGppIB", false)),
			Hangul: () => new UnicodeRangeTable(decodeRanges("goE-HvxHBiI9CyDeiCei3dckUj9KNWFwBl9JeEFDFDFDC", true)),
			Hanifi_Rohingya: () => new UnicodeRangeTable(decodeRanges("gojCnBJJ", true)),
			Hanunoo: () => new UnicodeRangeTable(decodeRanges("g5FU", true)),
			Hatran: () => new UnicodeRangeTable(decodeRanges("gniCSCBGE", true)),
			Hebrew: () => new UnicodeRangeTable(decodeRanges("xsB2BBJaBFFBpp9BZBCEBCCCBCCBCCBIB", false)),
			Hiragana: () => new UnicodeRangeTable(decodeRanges("hiM1CBHCBi7-C+IBTeeBBBulQAB", false)),
			Imperial_Aramaic: () => new UnicodeRangeTable(decodeRanges("giiCVCI", true)),
			Inherited: () => new UnicodeRangeTable(decodeRanges("gYvDB2IBBlOKBbhXhXBCB8qEtBBDLBlPCBCMBCGBFHHEBBnG-BBtQBBjGgBB65DDBsDBBmrzBPBRNBwejHjH7iEl+uBl+uBBsBBDWBhRCBSHBDGBfDBz6rYvHB", false)),
			Inscriptional_Pahlavi: () => new UnicodeRangeTable(decodeRanges("g7iCSGH", true)),
			Inscriptional_Parthian: () => new UnicodeRangeTable(decodeRanges("g6iCVDH", true)),
			Javanese: () => new UnicodeRangeTable(decodeRanges("gsqBtCDJFB", true)),
			Kaithi: () => new UnicodeRangeTable(decodeRanges("gkkCiCLA", true)),
			Kannada: () => new UnicodeRangeTable(decodeRanges("gkDMCCCWCJCEDICCCDIBGCCDDJCC", true)),
			Katakana: () => new UnicodeRangeTable(decodeRanges("hlM5CBDCBxHPBxGuBBC3CBvgzBJBCsBBzisBDBCGBCBBCgJgJBBBzBPPBCB", false)),
			Kawi: () => new UnicodeRangeTable(decodeRanges("g4nCQCoBEc", true)),
			Kayah_Li: () => new UnicodeRangeTable(decodeRanges("goqBtBCA", true)),
			Kharoshthi: () => new UnicodeRangeTable(decodeRanges("gwiCDCBGHCCCcDCFJII", true)),
			Khitan_Small_Script: () => new UnicodeRangeTable(decodeRanges("k-7C84G84GB0OBqBAB", false)),
			Khmer: () => new UnicodeRangeTable(decodeRanges("g8F9CDJHJnPf", true)),
			Khojki: () => new UnicodeRangeTable(decodeRanges("gwkCRCuB", true)),
			Khudawadi: () => new UnicodeRangeTable(decodeRanges("w1kC6BGJ", true)),
			Kirat_Rai: () => new UnicodeRangeTable(decodeRanges("gq7C5B", true)),
			Lao: () => new UnicodeRangeTable(decodeRanges("h0DBBCCCBDBCXBCCCBVBDEBCCCBFBCJBDDB", false)),
			Latin: () => new UnicodeRangeTable(decodeRanges("hCZBHZBwBQQGWBCeBCgOBoBEB8wGlBBHwBBGDBGMBClCBiC-HByLOORMBuEBBHccSoBB42CfBj1elDBExCBVOBxZqBBCIBCDB38TGB7gBZBHZBmhCFBCpBBCIBm61BeBHFB", false)),
			Lepcha: () => new UnicodeRangeTable(decodeRanges("ggH3BEOEC", true)),
			Limbu: () => new UnicodeRangeTable(decodeRanges("goGeBCLBFLBFEEBKB", false)),
			Linear_A: () => new UnicodeRangeTable(decodeRanges("gwhC2JKVLH", true)),
			Linear_B: () => new UnicodeRangeTable(decodeRanges("gggCLCZCSCBCODNjB6D", true)),
			Lisu: () => new UnicodeRangeTable(decodeRanges("wmpBvBx1eA", true)),
			Lycian: () => new UnicodeRangeTable(decodeRanges("g0gCc", true)),
			Lydian: () => new UnicodeRangeTable(decodeRanges("gpiCZGA", true)),
			Mahajani: () => new UnicodeRangeTable(decodeRanges("wqkCmB", true)),
			Makasar: () => new UnicodeRangeTable(decodeRanges("g3nCY", true)),
			Malayalam: () => new UnicodeRangeTable(decodeRanges("goDMCCCyBCCCFFPDZ", true)),
			Mandaic: () => new UnicodeRangeTable(decodeRanges("giCbDA", true)),
			Manichaean: () => new UnicodeRangeTable(decodeRanges("g2iCmBFL", true)),
			Marchen: () => new UnicodeRangeTable(decodeRanges("wjnCfDVCN", true)),
			Masaram_Gondi: () => new UnicodeRangeTable(decodeRanges("gonCGBCBBCrBBECCBCCBHBJJB", false)),
			Medefaidrin: () => new UnicodeRangeTable(decodeRanges("gy7C6C", true)),
			Meetei_Mayek: () => new UnicodeRangeTable(decodeRanges("g3qBWqGtBDJ", true)),
			Mende_Kikakui: () => new UnicodeRangeTable(decodeRanges("gg6DkGDP", true)),
			Meroitic_Cursive: () => new UnicodeRangeTable(decodeRanges("gtiCXFTDtB", true)),
			Meroitic_Hieroglyphs: () => new UnicodeRangeTable(decodeRanges("gsiCf", true)),
			Miao: () => new UnicodeRangeTable(decodeRanges("g47CqCF4BIQ", true)),
			Modi: () => new UnicodeRangeTable(decodeRanges("gwlCkCMJ", true)),
			Mongolian: () => new UnicodeRangeTable(decodeRanges("ggGBBDCCBSBH4CBIqBB2t-BMB", false)),
			Mro: () => new UnicodeRangeTable(decodeRanges("gy6CeCJFB", true)),
			Multani: () => new UnicodeRangeTable(decodeRanges("g0kCGBCCCBCBCOBCKB", false)),
			Myanmar: () => new UnicodeRangeTable(decodeRanges("ggE-EhqmBeiDfxibT", true)),
			Nabataean: () => new UnicodeRangeTable(decodeRanges("gkiCeJI", true)),
			Nag_Mundari: () => new UnicodeRangeTable(decodeRanges("wm5DpB", true)),
			Nandinagari: () => new UnicodeRangeTable(decodeRanges("gtmCHDtBDK", true)),
			New_Tai_Lue: () => new UnicodeRangeTable(decodeRanges("gsGrBFZHKEB", true)),
			Newa: () => new UnicodeRangeTable(decodeRanges("gglC7CCE", true)),
			Nko: () => new UnicodeRangeTable(decodeRanges("g+B6BDC", true)),
			Nushu: () => new UnicodeRangeTable(decodeRanges("h-7CvsQvsQBqMB", false)),
			Nyiakeng_Puachue_Hmong: () => new UnicodeRangeTable(decodeRanges("go4DsBENDJFB", true)),
			Ogham: () => new UnicodeRangeTable(decodeRanges("g0Fc", true)),
			Ol_Chiki: () => new UnicodeRangeTable(decodeRanges("wiHvB", true)),
			Ol_Onal: () => new UnicodeRangeTable(decodeRanges("wu5DqBFA", true)),
			Old_Hungarian: () => new UnicodeRangeTable(decodeRanges("gkjCyBOyBIF", true)),
			Old_Italic: () => new UnicodeRangeTable(decodeRanges("g4gCjBKC", true)),
			Old_North_Arabian: () => new UnicodeRangeTable(decodeRanges("g0iCf", true)),
			Old_Permic: () => new UnicodeRangeTable(decodeRanges("w6gCqB", true)),
			Old_Persian: () => new UnicodeRangeTable(decodeRanges("g9gCjBFN", true)),
			Old_Sogdian: () => new UnicodeRangeTable(decodeRanges("g4jCnB", true)),
			Old_South_Arabian: () => new UnicodeRangeTable(decodeRanges("gziCf", true)),
			Old_Turkic: () => new UnicodeRangeTable(decodeRanges("ggjCoC", true)),
			Old_Uyghur: () => new UnicodeRangeTable(decodeRanges("w7jCZ", true)),
			Oriya: () => new UnicodeRangeTable(decodeRanges("h4CCCHDBDVCGCBCEDIDBDCICFBCEDR", true)),
			Osage: () => new UnicodeRangeTable(decodeRanges("wlhCjBFjB", true)),
			Osmanya: () => new UnicodeRangeTable(decodeRanges("gkhCdDJ", true)),
			Pahawh_Hmong: () => new UnicodeRangeTable(decodeRanges("g46ClCLJCGCUGS", true)),
			Palmyrene: () => new UnicodeRangeTable(decodeRanges("gjiCf", true)),
			Pau_Cin_Hau: () => new UnicodeRangeTable(decodeRanges("g2mC4B", true)),
			Phags_Pa: () => new UnicodeRangeTable(decodeRanges("giqB3B", true)),
			Phoenician: () => new UnicodeRangeTable(decodeRanges("goiCbEA", true)),
			Psalter_Pahlavi: () => new UnicodeRangeTable(decodeRanges("g8iCRIDNG", true)),
			Rejang: () => new UnicodeRangeTable(decodeRanges("wpqBjBMA", true)),
			Runic: () => new UnicodeRangeTable(decodeRanges("g1FqCEK", true)),
			Samaritan: () => new UnicodeRangeTable(decodeRanges("ggCtBDO", true)),
			Saurashtra: () => new UnicodeRangeTable(decodeRanges("gkqBlCJL", true)),
			Sharada: () => new UnicodeRangeTable(decodeRanges("gskC-ChsCH", true)),
			Shavian: () => new UnicodeRangeTable(decodeRanges("wihCvB", true)),
			Siddham: () => new UnicodeRangeTable(decodeRanges("gslC1BDlB", true)),
			Sidetic: () => new UnicodeRangeTable(decodeRanges("gqiCZ", true)),
			SignWriting: () => new UnicodeRangeTable(decodeRanges("gg2DrUQECO", true)),
			Sinhala: () => new UnicodeRangeTable(decodeRanges("hsDCBCRBEXBCIBCDDBFBEFFBEBCCCBGBHJBDCBt-gCTB", false)),
			Sogdian: () => new UnicodeRangeTable(decodeRanges("w5jCpB", true)),
			Sora_Sompeng: () => new UnicodeRangeTable(decodeRanges("wmkCYIJ", true)),
			Soyombo: () => new UnicodeRangeTable(decodeRanges("wymCyC", true)),
			Sundanese: () => new UnicodeRangeTable(decodeRanges("g8G-BhIH", true)),
			Sunuwar: () => new UnicodeRangeTable(decodeRanges("g+mChBPJ", true)),
			Syloti_Nagri: () => new UnicodeRangeTable(decodeRanges("ggqBsB", true)),
			Syriac: () => new UnicodeRangeTable(decodeRanges("g4BNC7BDCxIK", true)),
			Tagalog: () => new UnicodeRangeTable(decodeRanges("g4FVKA", true)),
			Tagbanwa: () => new UnicodeRangeTable(decodeRanges("g7FMCCCB", true)),
			Tai_Le: () => new UnicodeRangeTable(decodeRanges("wqGdDE", true)),
			Tai_Tham: () => new UnicodeRangeTable(decodeRanges("gxG+BCcDKHJHN", true)),
			Tai_Viet: () => new UnicodeRangeTable(decodeRanges("g0qBiCZE", true)),
			Tai_Yo: () => new UnicodeRangeTable(decodeRanges("g25DeCVJB", true)),
			Takri: () => new UnicodeRangeTable(decodeRanges("g0lC5BHJ", true)),
			Tamil: () => new UnicodeRangeTable(decodeRanges("i8CBBCFBECBCDBEBBCCCBEEBEEBBBELBFEBECBCDBDHHPUBm+kCxBBOAB", false)),
			Tangsa: () => new UnicodeRangeTable(decodeRanges("wz6CuCCJ", true)),
			Tangut: () => new UnicodeRangeTable(decodeRanges("g-7CgBgBB+3GBhQeBiDyDB", false)),
			Telugu: () => new UnicodeRangeTable(decodeRanges("ggDMCCCWCPDICCCDIBCCCBDDDJII", true)),
			Thaana: () => new UnicodeRangeTable(decodeRanges("g8BxB", true)),
			Thai: () => new UnicodeRangeTable(decodeRanges("hwD5BGb", true)),
			Tibetan: () => new UnicodeRangeTable(decodeRanges("g4DnCCjBFmBCjBCOCGFB", true)),
			Tifinagh: () => new UnicodeRangeTable(decodeRanges("wpL3BIBPA", true)),
			Tirhuta: () => new UnicodeRangeTable(decodeRanges("gklCnCJJ", true)),
			Todhri: () => new UnicodeRangeTable(decodeRanges("guhCzB", true)),
			Tolong_Siki: () => new UnicodeRangeTable(decodeRanges("wtnCrBFJ", true)),
			Toto: () => new UnicodeRangeTable(decodeRanges("w04De", true)),
			Tulu_Tigalari: () => new UnicodeRangeTable(decodeRanges("g8kCJBCDDClBBCJBCDDCDBCJBCBBJBB", false)),
			Ugaritic: () => new UnicodeRangeTable(decodeRanges("g8gCdCA", true)),
			Unknown: () => new UnicodeRangeTable(decodeRanges("4bBBHDBICCVuMuMnBBBzBBBE4B4BBGBcDBHKBvI9B9BBmDmDBMB8BBByBBBQddBCCMEBjBEBuHJJBDDBXXICCBBBFBBKBBDBBFHBCDBDGGBaaBEEHDBDBBXIIDGDBCCGDBDBBECBCGBFCCBFBSJBEKKEXXIDDGBBLIEBCCBNBFBBNGBIEEJBBDBBXIIDGGBKKBDDBEEBFBEDBDGGBTTBIBDHHBBBEFFBBBDCCDCBDCBECBNDBGCBEFFBCCBEBCNBWEBOEEYRRBKKEFFBFBDEEDBBFBBLGBXEEYLLGBBKEEFGBDEBEFFBLLELBOEE0BEEHDBRBBbEETCBZKKCBBICBCDBHCCJFBLBBELB7BDBekBBDCCGZZCYYBGGCIILBBFfBpClBlBBCBoBlBlBQOOBjBBnGCCBDBCBB6LFFBIICFFBqBqBFBBiBFFBIICFFBQQ6BFFBkCkCBhBhBBBBbFB3CBBHBB+UCB6CGBXIBZIBVLBOEEDLB-CBBLFBLFBbFB6CGBsBEBnCJBgBNNBCBNDBCCBrBBBGKBtBDBbFBMCB-BBBiCeeBMMBEBLFBPBBvBBBNTBuCnFnFBGB9BCBQCB-BEBsBBBMHBsBEB3QBBHBBnBBBHBBJGCgBBB2BQQPBBHUUBEEKmDmDNBBcOOBBBjBNBiBOBtEDB7UVBMUB14BBB-LEBuBCCBDBCBB5BGBDNBZIBI4BI-DhBBb6C6CBKB3GZBxC3C3CBoDoDBDBsB-C-C3CIBxBuzcuzcBBB4BIB9KTB5FHB+GTB9BCBLFB5BHBnCHBNFB1DKBfCBvCMMBCBiB4B4BBHBPBBLBBoDXBdJBHBBHBBHIBIII9BDB-DBBLFBl9KLBYDByBjoIBvLBBrDlBBILBGEBbGGCGDrUfBrBFB0BUUFDBGoEoEBCC-FCBHBBHBBHBBECBIIIBIBGBBNbbUDDQBBPhBB8DEBEDBuBCB5COOBBBCuBBvBhEBeCByBOBdDBlBIBfEBsBEBfmBmBBCBPpBB-EBBLFBlBDBlBDBpBHB1BKBNQQIDDMQQIDDBBB1BLB4JIBXJBJXBHrBrBKkCBHBBCtBtBDCBCBBYpCpCBGBKvBBUDDBDBiBCBcEBclBB5BDBVBBzBDDBDBJEEeBBEDBLGBKGBhCfBoBDBNIB3BCBeBBcEBbGBFLBIvCBqC2BB0BMB0BGBvBHBLFBnBCBeHBDvGBgBrBrBEBBDPBHHBKgBBvBHBrBVBblBBdTBYIBvCDBlBIBlCJBCBBaGBLFB2BTTBGBoBIBhDVVBJBTwBwBB8BBICCFQQMFB8BEBLFBFJJBDDBXXIDDGLLBDDBEEBCCBEBCEBIBBICBGKBLCCBCCnBLLCBBCFFLDDBGBDcB9CGGBcBpCHBLlFB3BBBnBhBBmCKBLFBOSB7BFBLFBVbBcBBQDBY4FB9BjDB0CLBJBBCBBJDDfDDBNNBHBLlCBJBBvBBBMaBpCHB0CMBqCGBL1CBJ3CBjBNBLFBKuBuBPJBeCBhBBBXPPBnCBIDDtBCBCDDKHBLFBHDDmBDDHGBLFBtBDBL1HBaGBSqBqBBBBe0CBCOBzBMB8clDBwDGGBJBlGryCBkDMB3iBJB88DEBoS41GB7Bl2BB6RGBgBLLBCByCLLBEBfBBHJBnCJBLIIWEBUvNB7BlGB8CEBaBBarBBsCDB6BGBS-BBGKBIIB3mHoBBhBgDB0D8vIBFIIDkJkJBNBCcBEBBCNBFHBtMjoCBsDEBOCBKGBLBBJ76DB+HCB1NFBYOBSOBvBBBYIB1D7BB3HJBoBBBjGUBnC5DBVLBVLB4CIBamEB2CoCoCDBBCBBDBBFNNCIIiCFFBJJIddFGGCCBI1K1KBlJlJB-V-VBNBGQQBuiBBgBFBH0GBISSBIIDGGBDB-BgBBCvDBuBCBPBBLDBD-JBgBQB7BEBCvOBrB1GBsBDBC-FBgBXXBGBD-GBIFFDQQmGBBRoBBtCDBLDBDwYBlCrCB+BhGBFccDCCBCCLFFCCCBEBCDBCECEDDCBBCICDCCBFFIKFCLLSEBEGGSzBBDtIBtBDBlDLBQBBQQQmBJBvF3BBeMBtBDBKGBDNBH5EB6eCBSCBOCB7GFBNDBCOBNDB5BHBLFBpBHBfBBNDBDNBKmBB5KHBPBBOCBMCB6BCCBCBRBBNDBLGB0EoDoDBjgBBh3pBfB-oEBBv0FBBypHOBvThtCB-QhvBBs6EEBrpIm8yVBCdBhD-DBxHvw-FB", false)),
			Vai: () => new UnicodeRangeTable(decodeRanges("gopBrJ", true)),
			Vithkuqi: () => new UnicodeRangeTable(decodeRanges("wrhCKCOCGCBCKCOCGCB", true)),
			Wancho: () => new UnicodeRangeTable(decodeRanges("g24D5BGA", true)),
			Warang_Citi: () => new UnicodeRangeTable(decodeRanges("glmCyCNA", true)),
			Yezidi: () => new UnicodeRangeTable(decodeRanges("g0jCpBCCDB", true)),
			Yi: () => new UnicodeRangeTable(decodeRanges("ggoBskBE2B", true)),
			Zanabazar_Square: () => new UnicodeRangeTable(decodeRanges("gwmCnC", true))
		});
		static FOLD_CATEGORIES = new LazyMap({
			L: () => new UnicodeRangeTable(decodeRanges("laA", true)),
			LC: () => new UnicodeRangeTable(decodeRanges("laA", true)),
			Ll: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiBuBCEECDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIBBCBBCBBCOCDQCDBBCCCBBBC4BCIBBCBBDCCBCBCGC3HrBrBCEEJHHCCBCCCBCCBPBCIBkBJJCUCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBZHBJHBJHBJEBMEBMDBNEBMEBqJEEBHHxC9zC9zCBuBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoyehBB", false)),
			Lt: () => new UnicodeRangeTable(decodeRanges("kOCCBCCBCClBCCtsHHBJHBJHBMQQwBAB", false)),
			Lu: () => new UnicodeRangeTable(decodeRanges("hDZB7BqBqBBWBCHBCuBCEECDOCDsBCDECBBBDCCDEEGDDECBDDDCCCDFFDEECDDECCGBBCBBCBBCOCBSCDBBCEECkBCEQCJDDBCCFICBEBCBBCCCBEEBCCBCBCEBDCCBDDIDDCBBEFBGLLBnFnFsBCCEEEBBBvBDBCdBCBBECBCWCBDBCGD1BvBBCgBCK0BCDMCBgDCyBlBBq6CqBBDCB5XFBjkCIBCvHvHERRzD0ECGGGC8CCBHBJFBLHBJHBJFBMGCJHBJNBzBBBNSSBPPBEEpL2B2Bs1CvBBCEEBGCHDDLiDCJCCFNNBkBBCGG0oesBCUaCoEMCE8BCLCCDICFFFCBBDSCMOCFCCDOCb9a9advCBi8UZBumBnBBpEjBB8EKBCOBCGBCBBk4ByBB+DVB75CfBhsVfB8BYBvyehBB", false)),
			M: () => new UnicodeRangeTable(decodeRanges("5cgBgBlgHAB", false)),
			Mn: () => new UnicodeRangeTable(decodeRanges("5cgBgBlgHAB", false)),
			Emoji: () => new UnicodeRangeTable(decodeRanges("8mJA", true)),
			Extended_Pictographic: () => new UnicodeRangeTable(decodeRanges("8mJA", true)),
			Lowercase: () => new UnicodeRangeTable(decodeRanges("hCZBmDWBCGBiBuBCEECDOCDuBCBECEBBCCCBCCBBBDDBCBBCCBEBBCBBCECBCCDCCBCCBBBCCCBEEIBBCBBCBBCOCDQCDBBCCCBBBC4BCIBBCBBDCCBCBCGCiJCCEJJHCCBBBCCCBCCBPBCIBkBJJCUCGDDCBBDyBBxBgBCK2BCBMCD+CCDlBBq6ClBBCGGzW1CB0kCHHBpBBDCBhK0ECKgDCKHBJFBLHBJHBJFBMGCJHBZHBJHBJHBJEBMEBMDBNEBMEBqJEEBHHuBPBUzZzZBYBx5BvBBxBCCBBBDGCBCBCDDJCBCgDCJCCFuqeuqeCqBCUaCoEMCE8BCLECBICFCCDCCEUCBDBCEBCOCBCBCCCBQCZs5Vs5VBYBmmBnBBpEjBB9EKBCOBCGBCBBr3ByBB+EVB75CfBhsVfBhCYBoyehBB", false)),
			Math: () => new UnicodeRangeTable(decodeRanges("ycGDCHHFMMDDDCHHFAB", false)),
			Uppercase: () => new UnicodeRangeTable(decodeRanges("hDZB7BqBqBBWBCHBCuBCEECDOCDsBCDECBBBDCCDEEGDDECBDDDCCCDFFDEECDDECCGBBCBBCBBCOCBSCDBBCEECkBCEQCJDDBCCFICBEBCBBCCCBEEBCCBCBCEBDCCBDDIDDCBBEFBGLLBnFnFsBCCEEEBBBvBDBCdBCBBECBCWCBDBCGD1BvBBCgBCK0BCDMCBgDCyBlBBq6CqBBDCB5XFBjkCIBCvHvHERRzD0ECGGGC8CCBHBJFBLHBJHBJFBMGCJHBJNBzBBBNSSBPPBEEpLiBiBBOBFsasaBYBn6BvBBCEEBGCHDDLiDCJCCFNNBkBBCGG0oesBCUaCoEMCE8BCLCCDICFFFCBBDSCMOCFCCDOCb9a9advCBi8UZBumBnBBpEjBB8EKBCOBCGBCBBk4ByBB+DVB75CfBhsVfB8BYBvyehBB", false))
		});
		static FOLD_SCRIPT = new LazyMap({
			Common: () => new UnicodeRangeTable(decodeRanges("8cgBgB", false)),
			Greek: () => new UnicodeRangeTable(decodeRanges("1FwUwU", false)),
			Inherited: () => new UnicodeRangeTable(decodeRanges("5cgBgBlgHAB", false))
		});
	};
	var Unicode = class Unicode {
		static MAX_RUNE = 1114111;
		static RUNE_ERROR = 65533;
		static isUnsearchable(r) {
			return r === Unicode.RUNE_ERROR || r >= Unicode.MIN_HIGH_SURROGATE && r <= Unicode.MAX_LOW_SURROGATE;
		}
		static MAX_ASCII = 127;
		static MAX_LATIN1 = 255;
		static MAX_BMP = 65535;
		static MIN_FOLD = 65;
		static MAX_FOLD = 125251;
		static MIN_HIGH_SURROGATE = 55296;
		static MAX_HIGH_SURROGATE = 56319;
		static MIN_LOW_SURROGATE = 56320;
		static MAX_LOW_SURROGATE = 57343;
		static MIN_SUPPLEMENTARY_CODE_POINT = 65536;
		static is32(ranges, r) {
			let lo = 0;
			let hi = ranges.length;
			while (lo < hi) {
				const m = lo + Math.floor((hi - lo) / 2);
				const rlo = ranges.getLo(m);
				const rhi = ranges.getHi(m);
				if (rlo <= r && r <= rhi) {
					const stride = ranges.getStride(m);
					return (r - rlo) % stride === 0;
				}
				if (r < rlo) hi = m;
				else lo = m + 1;
			}
			return false;
		}
		static is(ranges, r) {
			if (r <= Unicode.MAX_LATIN1) {
				for (let i = 0; i < ranges.length; i++) {
					if (r > ranges.getHi(i)) continue;
					const rlo = ranges.getLo(i);
					if (r < rlo) return false;
					const stride = ranges.getStride(i);
					return (r - rlo) % stride === 0;
				}
				return false;
			}
			return ranges.length > 0 && r >= ranges.getLo(0) && Unicode.is32(ranges, r);
		}
		static isPrint(r) {
			if (r <= Unicode.MAX_LATIN1) return r >= 32 && r < Unicode.MAX_ASCII || r >= 161 && r !== 173;
			return Unicode.is(UnicodeTables.Print, r);
		}
		static simpleFold(r) {
			if (UnicodeTables.CASE_ORBIT.has(r)) return UnicodeTables.CASE_ORBIT.get(r);
			if (r <= Unicode.MAX_ASCII) {
				const l = Codepoint.toLowerCase(r);
				return l !== r ? l : Codepoint.toUpperCase(r);
			}
			return r;
		}
		static equalsIgnoreCase(r1, r2) {
			if (r1 === r2) return true;
			if (r1 < 0 || r2 < 0) return false;
			if (r1 <= Unicode.MAX_ASCII && r2 <= Unicode.MAX_ASCII) {
				if (65 <= r1 && r1 <= 90) r1 |= 32;
				if (65 <= r2 && r2 <= 90) r2 |= 32;
				return r1 === r2;
			}
			for (let r = Unicode.simpleFold(r1); r !== r1; r = Unicode.simpleFold(r)) if (r === r2) return true;
			return false;
		}
	};
	var RE2JSException = class extends Error {
		constructor(message) {
			super(message);
			this.name = "RE2JSException";
		}
	};
	var RE2JSSyntaxException = class extends RE2JSException {
		constructor(error, input = null) {
			let message = `error parsing regexp: ${error}`;
			if (input) message += `: \`${input}\``;
			super(message);
			this.name = "RE2JSSyntaxException";
			this.message = message;
			this.error = error;
			this.input = input;
		}
		getDescription() {
			return this.error;
		}
		getPattern() {
			return this.input;
		}
	};
	var RE2JSCompileException = class extends RE2JSException {
		constructor(message) {
			super(message);
			this.name = "RE2JSCompileException";
		}
	};
	var RE2JSGroupException = class extends RE2JSException {
		constructor(message) {
			super(message);
			this.name = "RE2JSGroupException";
		}
	};
	var RE2JSFlagsException = class extends RE2JSException {
		constructor(message) {
			super(message);
			this.name = "RE2JSFlagsException";
		}
	};
	var RE2JSInternalException = class extends RE2JSException {
		constructor(message) {
			super(message);
			this.name = "RE2JSInternalException";
		}
	};
	const FAST_PATH_TABLE_SIZE = 256;
	const WORD_RUNE_TABLE = new Uint8Array(FAST_PATH_TABLE_SIZE);
	for (let i = 0; i < FAST_PATH_TABLE_SIZE; i++) WORD_RUNE_TABLE[i] = 97 <= i && i <= 122 || 65 <= i && i <= 90 || 48 <= i && i <= 57 || i === 95 ? 1 : 0;
	let cachedNativeEncoder = null;
	let cachedNativeDecoder = null;
	var Utils = class Utils {
		static METACHARACTERS = "\\.+*?()|[]{}^$";
		static EMPTY_BEGIN_LINE = 1;
		static EMPTY_END_LINE = 2;
		static EMPTY_BEGIN_TEXT = 4;
		static EMPTY_END_TEXT = 8;
		static EMPTY_WORD_BOUNDARY = 16;
		static EMPTY_NO_WORD_BOUNDARY = 32;
		static EMPTY_ALL = -1;
		static emptyInts() {
			return [];
		}
		static isString(value) {
			return typeof value === "string" || Object.prototype.toString.call(value) === "[object String]";
		}
		static typeName(value) {
			if (value === null || typeof value !== "object" && typeof value !== "function") return value === null ? "null" : typeof value;
			return Object.prototype.toString.call(value).slice(8, -1);
		}
		static checkPattern(pattern) {
			if (!Utils.isString(pattern)) throw new TypeError(`The pattern must be a string, not ${Utils.typeName(pattern)} (RE2JS.translateRegExp() converts a RegExp)`);
		}
		static checkInput(input) {
			if (!Utils.isString(input) && !Utils.isByteArray(input)) throw new TypeError(`The input must be a string or a byte array (Uint8Array or number[]), not ${Utils.typeName(input)}`);
		}
		static checkFlags(flags) {
			const known = PublicFlags.MULTILINE | PublicFlags.DOTALL | PublicFlags.CASE_INSENSITIVE | PublicFlags.DISABLE_UNICODE_GROUPS | PublicFlags.LONGEST_MATCH | PublicFlags.LOOKBEHINDS;
			if (!Number.isInteger(flags) || (flags & ~known) !== 0) throw new RE2JSFlagsException("Flags should only be a combination of MULTILINE, DOTALL, CASE_INSENSITIVE, DISABLE_UNICODE_GROUPS, LONGEST_MATCH, LOOKBEHINDS");
		}
		static isByteArray(input) {
			return Array.isArray(input) || Object.prototype.toString.call(input) === "[object Uint8Array]";
		}
		static isalnum(c) {
			return Codepoint.CODES["0"] <= c && c <= Codepoint.CODES["9"] || Codepoint.CODES["a"] <= c && c <= Codepoint.CODES["z"] || Codepoint.CODES["A"] <= c && c <= Codepoint.CODES["Z"];
		}
		static unhex(c) {
			if (Codepoint.CODES["0"] <= c && c <= Codepoint.CODES["9"]) return c - Codepoint.CODES["0"];
			if (Codepoint.CODES["a"] <= c && c <= Codepoint.CODES["f"]) return c - Codepoint.CODES["a"] + 10;
			if (Codepoint.CODES["A"] <= c && c <= Codepoint.CODES["F"]) return c - Codepoint.CODES["A"] + 10;
			return -1;
		}
		static escapeRune(rune) {
			let out = "";
			if (Unicode.isPrint(rune)) {
				if (Utils.METACHARACTERS.indexOf(String.fromCodePoint(rune)) >= 0) out += "\\";
				out += String.fromCodePoint(rune);
			} else switch (rune) {
				case Codepoint.CODES["\""]:
					out += "\\\"";
					break;
				case Codepoint.CODES["\\"]:
					out += "\\\\";
					break;
				case Codepoint.CODES["	"]:
					out += "\\t";
					break;
				case Codepoint.CODES["\n"]:
					out += "\\n";
					break;
				case Codepoint.CODES["\r"]:
					out += "\\r";
					break;
				case Codepoint.CODES["\b"]:
					out += "\\b";
					break;
				case Codepoint.CODES["\f"]:
					out += "\\f";
					break;
				default: {
					let s = rune.toString(16);
					if (rune < 256) {
						out += "\\x";
						if (s.length === 1) out += "0";
						out += s;
					} else out += `\\x{${s}}`;
					break;
				}
			}
			return out;
		}
		static stringToRunes(str) {
			const string = String(str);
			const runes = [];
			let i = 0;
			while (i < string.length) {
				const cp = string.codePointAt(i);
				runes.push(cp);
				i += cp > Unicode.MAX_BMP ? 2 : 1;
			}
			return new Int32Array(runes);
		}
		static runeToString(r) {
			return String.fromCodePoint(r);
		}
		static isWordRune(r) {
			return r < FAST_PATH_TABLE_SIZE ? WORD_RUNE_TABLE[r] === 1 : false;
		}
		static emptyOpContext(r1, r2) {
			let op = 0;
			if (r1 < 0) op |= Utils.EMPTY_BEGIN_TEXT | Utils.EMPTY_BEGIN_LINE;
			if (r1 === 10) op |= Utils.EMPTY_BEGIN_LINE;
			if (r2 < 0) op |= Utils.EMPTY_END_TEXT | Utils.EMPTY_END_LINE;
			if (r2 === 10) op |= Utils.EMPTY_END_LINE;
			if (Utils.isWordRune(r1) !== Utils.isWordRune(r2)) op |= Utils.EMPTY_WORD_BOUNDARY;
			else op |= Utils.EMPTY_NO_WORD_BOUNDARY;
			return op;
		}
		static quoteMeta(str) {
			return str.split("").map((s) => {
				if (Utils.METACHARACTERS.indexOf(s) >= 0) return `\\${s}`;
				return s;
			}).join("");
		}
		static charCount(codePoint) {
			return codePoint > Unicode.MAX_BMP ? 2 : 1;
		}
		static toArray(typedArray) {
			const len = typedArray.length;
			const res = new Array(len);
			for (let i = 0; i < len; i++) res[i] = typedArray[i];
			return res;
		}
		static stringToUtf8ByteArray(str) {
			if (globalThis.TextEncoder) {
				if (!cachedNativeEncoder) cachedNativeEncoder = new TextEncoder();
				return cachedNativeEncoder.encode(str);
			} else {
				let out = [], p = 0;
				for (let i = 0; i < str.length; i++) {
					let c = str.charCodeAt(i);
					if (c < 128) out[p++] = c;
					else if (c < 2048) {
						out[p++] = c >> 6 | 192;
						out[p++] = c & 63 | 128;
					} else if ((c & 64512) === Unicode.MIN_HIGH_SURROGATE && i + 1 < str.length && (str.charCodeAt(i + 1) & 64512) === Unicode.MIN_LOW_SURROGATE) {
						c = Unicode.MIN_SUPPLEMENTARY_CODE_POINT + ((c & 1023) << 10) + (str.charCodeAt(++i) & 1023);
						out[p++] = c >> 18 | 240;
						out[p++] = c >> 12 & 63 | 128;
						out[p++] = c >> 6 & 63 | 128;
						out[p++] = c & 63 | 128;
					} else {
						out[p++] = c >> 12 | 224;
						out[p++] = c >> 6 & 63 | 128;
						out[p++] = c & 63 | 128;
					}
				}
				return out;
			}
		}
		static utf8ByteArrayToString(bytes) {
			if (globalThis.TextDecoder) {
				if (!cachedNativeDecoder) cachedNativeDecoder = new TextDecoder("utf-8");
				const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
				return cachedNativeDecoder.decode(view);
			} else {
				let out = [], pos = 0, c = 0;
				while (pos < bytes.length) {
					let c1 = bytes[pos++];
					if (c1 < 128) out[c++] = String.fromCharCode(c1);
					else if (c1 > 191 && c1 < 224) {
						let c2 = bytes[pos++];
						out[c++] = String.fromCharCode((c1 & 31) << 6 | c2 & 63);
					} else if (c1 > 239 && c1 < 365) {
						let c2 = bytes[pos++];
						let c3 = bytes[pos++];
						let c4 = bytes[pos++];
						let u = ((c1 & 7) << 18 | (c2 & 63) << 12 | (c3 & 63) << 6 | c4 & 63) - Unicode.MIN_SUPPLEMENTARY_CODE_POINT;
						out[c++] = String.fromCharCode(Unicode.MIN_HIGH_SURROGATE + (u >> 10));
						out[c++] = String.fromCharCode(Unicode.MIN_LOW_SURROGATE + (u & 1023));
					} else {
						let c2 = bytes[pos++];
						let c3 = bytes[pos++];
						out[c++] = String.fromCharCode((c1 & 15) << 12 | (c2 & 63) << 6 | c3 & 63);
					}
				}
				return out.join("");
			}
		}
	};
	const createEnum = (values = [], initNum = 0) => {
		const enumObject = Object.create(null);
		for (let i = 0; i < values.length; i++) {
			const val = values[i];
			const keyVal = initNum + i;
			enumObject[val] = keyVal;
			enumObject[keyVal] = val;
		}
		return Object.freeze(enumObject);
	};
	var MatcherInputBase = class MatcherInputBase {
		static Encoding = createEnum(["UTF_16", "UTF_8"]);
		getEncoding() {
			throw Error("not implemented");
		}
		asCharSequence() {
			throw Error("not implemented");
		}
		asBytes() {
			throw Error("not implemented");
		}
		length() {
			throw Error("not implemented");
		}
		isUTF8Encoding() {
			return this.getEncoding() === MatcherInputBase.Encoding.UTF_8;
		}
		isUTF16Encoding() {
			return this.getEncoding() === MatcherInputBase.Encoding.UTF_16;
		}
	};
	var Utf8MatcherInput = class extends MatcherInputBase {
		constructor(bytes = null) {
			super();
			this.bytes = bytes;
		}
		getEncoding() {
			return MatcherInputBase.Encoding.UTF_8;
		}
		asCharSequence() {
			return Utils.utf8ByteArrayToString(this.bytes);
		}
		asBytes() {
			return this.bytes;
		}
		length() {
			return this.bytes.length;
		}
	};
	var Utf16MatcherInput = class extends MatcherInputBase {
		constructor(charSequence = null) {
			super();
			this.charSequence = charSequence;
		}
		getEncoding() {
			return MatcherInputBase.Encoding.UTF_16;
		}
		asCharSequence() {
			return this.charSequence;
		}
		asBytes() {
			return Utils.stringToUtf8ByteArray(this.charSequence.toString());
		}
		length() {
			return this.charSequence.length;
		}
	};
	var MatcherInput = class {
		static utf16(charSequence) {
			Utils.checkInput(charSequence);
			return new Utf16MatcherInput(charSequence);
		}
		static utf8(input) {
			if (Utils.isByteArray(input)) return new Utf8MatcherInput(input);
			return new Utf8MatcherInput(Utils.stringToUtf8ByteArray(input));
		}
	};
	var MachineInputBase = class {
		static EOF() {
			return -8;
		}
		constructor() {
			this.start = 0;
			this.end = 0;
		}
		canCheckPrefix() {
			return true;
		}
		endPos() {
			return this.end - this.start;
		}
		hasString() {
			return false;
		}
		hasAnyString() {
			return false;
		}
		prefixLength() {
			return 0;
		}
	};
	var MachineUTF8Input = class MachineUTF8Input extends MachineInputBase {
		static RUNE_ERROR_STEP = Unicode.RUNE_ERROR << 3 | 1;
		constructor(bytes, start = 0, end = bytes.length) {
			super();
			this.bytes = bytes;
			this.start = start;
			this.end = end;
		}
		hasString(prefilter, pos) {
			const target = prefilter.bytes;
			if (target.length === 0) return true;
			const idx = this.indexOf(this.bytes, target, this.start + pos);
			return idx !== -1 && idx <= this.end - target.length;
		}
		hasAnyString(prefilter, pos) {
			return prefilter.automaton8().searchUTF8(this.bytes, this.start + pos, this.end);
		}
		step(pos) {
			pos += this.start;
			if (pos >= this.end) return MachineInputBase.EOF();
			const c = this.bytes[pos] & 255;
			if (c < 128) return c << 3 | 1;
			let size;
			let rune;
			let lo = 128;
			let hi = 191;
			if (c >= 194 && c <= 223) {
				size = 2;
				rune = c & 31;
			} else if (c >= 224 && c <= 239) {
				size = 3;
				rune = c & 15;
				if (c === 224) lo = 160;
				else if (c === 237) hi = 159;
			} else if (c >= 240 && c <= 244) {
				size = 4;
				rune = c & 7;
				if (c === 240) lo = 144;
				else if (c === 244) hi = 143;
			} else return MachineUTF8Input.RUNE_ERROR_STEP;
			if (pos + size > this.end) return MachineUTF8Input.RUNE_ERROR_STEP;
			const c1 = this.bytes[pos + 1] & 255;
			if (c1 < lo || c1 > hi) return MachineUTF8Input.RUNE_ERROR_STEP;
			rune = rune << 6 | c1 & 63;
			if (size > 2) {
				const c2 = this.bytes[pos + 2] & 255;
				if ((c2 & 192) !== 128) return MachineUTF8Input.RUNE_ERROR_STEP;
				rune = rune << 6 | c2 & 63;
				if (size > 3) {
					const c3 = this.bytes[pos + 3] & 255;
					if ((c3 & 192) !== 128) return MachineUTF8Input.RUNE_ERROR_STEP;
					rune = rune << 6 | c3 & 63;
				}
			}
			return rune << 3 | size;
		}
		index(re2, pos) {
			pos += this.start;
			const i = this.indexOf(this.bytes, re2.prefixUTF8, pos);
			return i < 0 ? i : i - pos;
		}
		context(pos) {
			pos += this.start;
			let r1 = -1;
			if (pos > this.start && pos <= this.end) {
				let start = pos - 1;
				r1 = this.bytes[start--];
				if (r1 >= 128) {
					let lim = pos - 4;
					if (lim < this.start) lim = this.start;
					while (start >= lim && (this.bytes[start] & 192) === 128) start--;
					if (start < this.start) start = this.start;
					const r = this.step(start - this.start);
					r1 = start + (r & 7) === pos ? r >> 3 : Unicode.RUNE_ERROR;
				}
			}
			const r2 = pos < this.end ? this.step(pos - this.start) >> 3 : -1;
			return Utils.emptyOpContext(r1, r2);
		}
		indexOf(source, target, fromIndex = 0) {
			let targetLength = target.length;
			if (targetLength === 0) return fromIndex <= this.end ? fromIndex : -1;
			const firstByte = target[0];
			let limit = this.end - targetLength;
			const hasNativeIndexOf = typeof source.indexOf === "function";
			let i = fromIndex;
			while (i <= limit) {
				if (hasNativeIndexOf) {
					i = source.indexOf(firstByte, i);
					if (i === -1 || i > limit) return -1;
				} else {
					while (i <= limit && source[i] !== firstByte) i++;
					if (i > limit) return -1;
				}
				let match = true;
				for (let j = 1; j < targetLength; j++) if (source[i + j] !== target[j]) {
					match = false;
					break;
				}
				if (match) return i;
				i++;
			}
			return -1;
		}
		prefixLength(re2) {
			return re2.prefixUTF8.length;
		}
	};
	var MachineUTF16Input = class extends MachineInputBase {
		constructor(charSequence, start = 0, end = charSequence.length) {
			super();
			this.charSequence = charSequence;
			this.start = start;
			this.end = end;
		}
		hasString(prefilter, pos) {
			const idx = this.charSequence.indexOf(prefilter.str, this.start + pos);
			return idx !== -1 && idx <= this.end - prefilter.str.length;
		}
		hasAnyString(prefilter, pos) {
			return prefilter.automaton16().searchUTF16(this.charSequence, this.start + pos, this.end);
		}
		step(pos) {
			pos += this.start;
			if (pos >= this.end) return MachineInputBase.EOF();
			const c1 = this.charSequence.charCodeAt(pos);
			if (c1 < Unicode.MIN_HIGH_SURROGATE || c1 > Unicode.MAX_HIGH_SURROGATE || pos + 1 >= this.end) return c1 << 3 | 1;
			const c2 = this.charSequence.charCodeAt(pos + 1);
			if (c2 >= Unicode.MIN_LOW_SURROGATE && c2 <= Unicode.MAX_LOW_SURROGATE) return (c1 - Unicode.MIN_HIGH_SURROGATE) * 1024 + (c2 - Unicode.MIN_LOW_SURROGATE) + Unicode.MIN_SUPPLEMENTARY_CODE_POINT << 3 | 2;
			return c1 << 3 | 1;
		}
		index(re2, pos) {
			pos += this.start;
			const i = this.charSequence.indexOf(re2.prefix, pos);
			if (i < 0 || i > this.end - re2.prefix.length) return -1;
			return i - pos;
		}
		context(pos) {
			pos += this.start;
			const r1 = pos > this.start && pos <= this.end ? this.charSequence.charCodeAt(pos - 1) : -1;
			const r2 = pos < this.end ? this.charSequence.charCodeAt(pos) : -1;
			return Utils.emptyOpContext(r1, r2);
		}
		prefixLength(re2) {
			return re2.prefix.length;
		}
	};
	var MachineInput = class {
		static fromUTF8(bytes, start = 0, end = bytes.length) {
			return new MachineUTF8Input(bytes, start, end);
		}
		static fromUTF16(charSequence, start = 0, end = void 0) {
			Utils.checkInput(charSequence);
			return new MachineUTF16Input(charSequence, start, end ?? charSequence.length);
		}
	};
	var Matcher = class Matcher {
		static MAX_REPLACER_ARGS = 65535;
		static quoteReplacement(str, javaMode = false) {
			if (javaMode) {
				if (str.indexOf("\\") < 0 && str.indexOf("$") < 0) return str;
				return str.split("").map((s) => {
					const c = s.codePointAt(0);
					if (c === Codepoint.CODES["\\"] || c === Codepoint.CODES["$"]) return `\\${s}`;
					return s;
				}).join("");
			}
			if (str.indexOf("$") < 0) return str;
			return str.split("").map((s) => {
				if (s.codePointAt(0) === Codepoint.CODES["$"]) return "$$";
				return s;
			}).join("");
		}
		constructor(pattern, input) {
			if (pattern === null) throw new Error("pattern is null");
			this.patternInput = pattern;
			const re2 = this.patternInput.re2();
			this.patternGroupCount = re2.numberOfCapturingGroups();
			this.groups = [];
			this.namedGroups = re2.namedGroups;
			this.hasNamedGroups = Object.keys(this.namedGroups).length > 0;
			this.numberOfInstructions = re2.numberOfInstructions();
			this.lookbehindState = null;
			if (input instanceof MatcherInputBase) this.resetMatcherInput(input);
			else if (Utils.isByteArray(input)) this.resetMatcherInput(MatcherInput.utf8(input));
			else this.resetMatcherInput(MatcherInput.utf16(input));
		}
		pattern() {
			return this.patternInput;
		}
		reset() {
			this.matcherInputLength = this.matcherInput.length();
			this.appendPos = 0;
			this.hasMatch = false;
			this.hasGroups = false;
			this.anchorFlag = 0;
			return this;
		}
		resetMatcherInput(input) {
			if (input === null) throw new Error("input is null");
			if (!(input instanceof MatcherInputBase)) {
				if (Utils.isByteArray(input)) input = MatcherInput.utf8(input);
				else input = MatcherInput.utf16(input);
			}
			this.matcherInput = input;
			if (this.lookbehindState !== null) this.lookbehindState.reset();
			else this.lookbehindState = this.patternInput.re2().createLookbehindState();
			this.reset();
			return this;
		}
		start(group = 0) {
			if (typeof group === "string") {
				const groupInt = this.namedGroups[group];
				if (!Number.isFinite(groupInt)) throw new RE2JSGroupException(`group '${group}' not found`);
				group = groupInt;
			}
			this.loadGroup(group);
			return this.groups[2 * group];
		}
		end(group = 0) {
			if (typeof group === "string") {
				const groupInt = this.namedGroups[group];
				if (!Number.isFinite(groupInt)) throw new RE2JSGroupException(`group '${group}' not found`);
				group = groupInt;
			}
			this.loadGroup(group);
			return this.groups[2 * group + 1];
		}
		programSize() {
			return this.numberOfInstructions;
		}
		group(group = 0) {
			if (typeof group === "string") {
				const groupInt = this.namedGroups[group];
				if (!Number.isFinite(groupInt)) throw new RE2JSGroupException(`group '${group}' not found`);
				group = groupInt;
			}
			const start = this.start(group);
			const end = this.end(group);
			if (start < 0 && end < 0) return null;
			return this.substring(start, end);
		}
		getNamedGroups() {
			if (!this.hasMatch) throw new RE2JSGroupException("perhaps no match attempted");
			const result = Object.create(null);
			for (const name of Object.keys(this.namedGroups)) result[name] = this.group(name);
			return result;
		}
		groupCount() {
			return this.patternGroupCount;
		}
		loadGroup(group) {
			if (!Number.isInteger(group) || group < 0 || group > this.patternGroupCount) throw new RE2JSGroupException(`Group index out of bounds: ${group}`);
			if (!this.hasMatch) throw new RE2JSGroupException("perhaps no match attempted");
			if (group === 0 || this.hasGroups) return;
			const end = this.matcherInputLength;
			const res = this.patternInput.re2().matchMachineInput(this.matcherInput, this.groups[0], end, this.anchorFlag, 1 + this.patternGroupCount, this.lookbehindState);
			if (!res[0]) throw new RE2JSGroupException("inconsistency in matching group data");
			this.groups = res[1];
			this.hasGroups = true;
		}
		matches() {
			return this.genMatch(0, RE2Flags.ANCHOR_BOTH);
		}
		lookingAt() {
			return this.genMatch(0, RE2Flags.ANCHOR_START);
		}
		find(start = null) {
			if (start !== null) {
				if (!Number.isInteger(start) || start < 0 || start > this.matcherInputLength) throw new RE2JSGroupException(`start index out of bounds: ${start}`);
				this.reset();
				return this.genMatch(start, 0);
			}
			start = 0;
			if (this.hasMatch) {
				start = this.groups[1];
				if (this.groups[0] === this.groups[1]) {
					const r = (this.matcherInput.isUTF16Encoding() ? MachineInput.fromUTF16(this.matcherInput.asCharSequence(), 0, this.matcherInputLength) : MachineInput.fromUTF8(this.matcherInput.asBytes(), 0, this.matcherInputLength)).step(start);
					if (r < 0) start++;
					else start += r & 7;
				}
			}
			return this.genMatch(start, RE2Flags.UNANCHORED);
		}
		genMatch(startByte, anchor) {
			const res = this.patternInput.re2().matchMachineInput(this.matcherInput, startByte, this.matcherInputLength, anchor, 1, this.lookbehindState);
			if (!res[0]) {
				this.hasMatch = false;
				return false;
			}
			this.groups = res[1];
			this.hasMatch = true;
			this.hasGroups = this.patternGroupCount === 0;
			this.anchorFlag = anchor;
			return true;
		}
		substring(start, end) {
			if (this.matcherInput.isUTF8Encoding()) return Utils.utf8ByteArrayToString(this.matcherInput.asBytes().slice(start, end));
			return this.matcherInput.asCharSequence().substring(start, end).toString();
		}
		inputLength() {
			return this.matcherInputLength;
		}
		appendReplacement(replacement, javaMode = false) {
			let res = "";
			const s = this.start();
			const e = this.end();
			if (this.appendPos < s) res += this.substring(this.appendPos, s);
			this.appendPos = e;
			res += javaMode ? this.appendReplacementInternalJava(replacement) : this.appendReplacementInternalJs(replacement);
			return res;
		}
		appendReplacementInternalJava(replacement) {
			let res = "";
			let last = 0;
			const m = replacement.length;
			let i = 0;
			while (i < m) {
				const cCode = replacement.codePointAt(i);
				if (cCode === Codepoint.CODES["\\"]) {
					if (last < i) res += replacement.substring(last, i);
					i++;
					if (i >= m) throw new RE2JSGroupException("character to be escaped is missing");
					last = i;
					i++;
					continue;
				}
				if (cCode === Codepoint.CODES["$"]) {
					if (last < i) res += replacement.substring(last, i);
					if (i + 1 >= m) throw new RE2JSGroupException("Illegal group reference: group index is missing");
					const nextCode = replacement.codePointAt(i + 1);
					if (Codepoint.CODES["0"] <= nextCode && nextCode <= Codepoint.CODES["9"]) {
						let n = nextCode - Codepoint.CODES["0"];
						let j = i + 2;
						for (; j < m; j++) {
							const digit = replacement.codePointAt(j);
							if (digit < Codepoint.CODES["0"] || digit > Codepoint.CODES["9"] || n * 10 + digit - Codepoint.CODES["0"] > this.patternGroupCount) break;
							n = n * 10 + digit - Codepoint.CODES["0"];
						}
						if (n > this.patternGroupCount) throw new RE2JSGroupException(`n > number of groups: ${n}`);
						const group = this.group(n);
						if (group !== null) res += group;
						i = j;
						last = i;
					} else if (nextCode === Codepoint.CODES["{"]) {
						let j = i + 2;
						while (j < m && replacement.codePointAt(j) !== Codepoint.CODES["}"]) j++;
						if (j >= m) throw new RE2JSGroupException("named capture group is missing trailing '}'");
						const groupName = replacement.substring(i + 2, j);
						const groupVal = this.group(groupName);
						if (groupVal !== null) res += groupVal;
						i = j + 1;
						last = i;
					} else throw new RE2JSGroupException("Illegal group reference");
					continue;
				}
				i++;
			}
			if (last < m) res += replacement.substring(last, m);
			return res;
		}
		appendReplacementInternalJs(replacement) {
			const isDigit = (c) => c >= 48 && c <= 57;
			const groupCount = this.patternGroupCount;
			let res = "";
			let i = 0;
			while (i < replacement.length) {
				const dollar = replacement.indexOf("$", i);
				if (dollar < 0) break;
				res += replacement.substring(i, dollar);
				i = dollar;
				const c = replacement.charCodeAt(i + 1);
				if (c === Codepoint.CODES["$"]) {
					res += "$";
					i += 2;
				} else if (c === Codepoint.CODES["&"]) {
					res += this.group(0);
					i += 2;
				} else if (c === Codepoint.CODES["`"]) {
					res += this.substring(0, this.start(0));
					i += 2;
				} else if (c === Codepoint.CODES["'"]) {
					res += this.substring(this.end(0), this.matcherInputLength);
					i += 2;
				} else if (isDigit(c)) {
					let digits = 1;
					let index = c - 48;
					const c2 = replacement.charCodeAt(i + 2);
					if (isDigit(c2) && index * 10 + c2 - 48 <= groupCount) {
						digits = 2;
						index = index * 10 + c2 - 48;
					}
					if (index >= 1 && index <= groupCount) {
						const group = this.group(index);
						if (group !== null) res += group;
					} else res += replacement.substring(i, i + 1 + digits);
					i += 1 + digits;
				} else if (c === Codepoint.CODES["<"] && this.hasNamedGroups) {
					const gt = replacement.indexOf(">", i + 2);
					if (gt < 0) {
						res += "$<";
						i += 2;
					} else {
						const name = replacement.substring(i + 2, gt);
						if (Object.hasOwn(this.namedGroups, name)) {
							const group = this.group(name);
							if (group !== null) res += group;
						}
						i = gt + 1;
					}
				} else {
					res += "$";
					i += 1;
				}
			}
			return res + replacement.substring(i);
		}
		appendTail() {
			return this.substring(this.appendPos, this.matcherInputLength);
		}
		replaceAll(replacement, javaMode = false) {
			return this.replace(replacement, true, javaMode);
		}
		replaceFirst(replacement, javaMode = false) {
			return this.replace(replacement, false, javaMode);
		}
		replace(replacement, all = true, javaMode = false) {
			let res = "";
			this.reset();
			const isFunc = typeof replacement === "function";
			let originalInput = null;
			if (isFunc) {
				if (this.groupCount() >= Matcher.MAX_REPLACER_ARGS) throw new RE2JSGroupException("Too many capture groups to safely invoke replacer function");
				originalInput = this.matcherInput.isUTF8Encoding() ? this.matcherInput.asBytes() : this.matcherInput.asCharSequence();
			}
			while (this.find()) {
				res += isFunc ? this.appendReplacementFunc(replacement, originalInput) : this.appendReplacement(replacement, javaMode);
				if (!all) break;
			}
			res += this.appendTail();
			return res;
		}
		appendReplacementFunc(replacer, originalInput) {
			let res = "";
			const s = this.start();
			const e = this.end();
			if (this.appendPos < s) res += this.substring(this.appendPos, s);
			this.appendPos = e;
			const args = this.matchArray();
			args.push(s, originalInput);
			if (this.hasNamedGroups) args.push(this.namedGroupsObject());
			res += String(replacer(...args));
			return res;
		}
		matchArray() {
			const result = [this.group(0)];
			for (let i = 1; i <= this.patternGroupCount; i++) {
				const group = this.group(i);
				result.push(group === null ? void 0 : group);
			}
			return result;
		}
		namedGroupsObject() {
			if (!this.hasNamedGroups) return;
			const result = this.getNamedGroups();
			for (const name in result) if (result[name] === null) result[name] = void 0;
			return result;
		}
	};
	var Inst = class Inst {
		static ALT = 1;
		static ALT_MATCH = 2;
		static CAPTURE = 3;
		static EMPTY_WIDTH = 4;
		static FAIL = 5;
		static MATCH = 6;
		static NOP = 7;
		static RUNE = 8;
		static RUNE1 = 9;
		static RUNE_ANY = 10;
		static RUNE_ANY_NOT_NL = 11;
		static LB_WRITE = 12;
		static LB_CHECK = 13;
		static isRuneOp(op) {
			return Inst.RUNE <= op && op <= Inst.RUNE_ANY_NOT_NL;
		}
		static escapeRunes(runes) {
			let out = "\"";
			for (let rune of runes) out += Utils.escapeRune(rune);
			out += "\"";
			return out;
		}
		constructor(op) {
			this.op = op;
			this.out = 0;
			this.arg = 0;
			this.runes = /* @__PURE__ */ new Int32Array(0);
			this.next = null;
		}
		matchRune(r) {
			if (this.runes.length === 1) {
				const r0 = this.runes[0];
				if ((this.arg & RE2Flags.FOLD_CASE) !== 0) return Unicode.equalsIgnoreCase(r0, r);
				return r === r0;
			}
			const len = this.runes.length;
			if (len === 0) return false;
			if (len === 2 || len === 4 || len === 6 || len === 8) {
				for (let j = 0; j < len; j += 2) {
					if (r < this.runes[j]) return false;
					if (r <= this.runes[j + 1]) return true;
				}
				return false;
			}
			let base = 0;
			let n = len >> 1;
			while (n > 1) {
				const half = n >> 1;
				base += this.runes[base + half << 1] <= r ? half : 0;
				n -= half;
			}
			base += this.runes[base << 1] <= r ? 1 : 0;
			const m = base - 1;
			return m >= 0 && r <= this.runes[m << 1 | 1];
		}
		matchRunePos(r) {
			if (this.runes.length === 1) {
				const r0 = this.runes[0];
				if ((this.arg & RE2Flags.FOLD_CASE) !== 0) return Unicode.equalsIgnoreCase(r0, r) ? 0 : -1;
				return r === r0 ? 0 : -1;
			}
			const len = this.runes.length;
			if (len === 0) return -1;
			if (len === 2 || len === 4 || len === 6 || len === 8) {
				for (let j = 0; j < len; j += 2) {
					if (r < this.runes[j]) return -1;
					if (r <= this.runes[j + 1]) return Math.floor(j / 2);
				}
				return -1;
			}
			let base = 0;
			let n = len >> 1;
			while (n > 1) {
				const half = n >> 1;
				base += this.runes[base + half << 1] <= r ? half : 0;
				n -= half;
			}
			base += this.runes[base << 1] <= r ? 1 : 0;
			const m = base - 1;
			return m >= 0 && r <= this.runes[m << 1 | 1] ? m : -1;
		}
		toString() {
			switch (this.op) {
				case Inst.ALT: return `alt -> ${this.out}, ${this.arg}`;
				case Inst.ALT_MATCH: return `altmatch -> ${this.out}, ${this.arg}`;
				case Inst.CAPTURE: return `cap ${this.arg} -> ${this.out}`;
				case Inst.EMPTY_WIDTH: return `empty ${this.arg} -> ${this.out}`;
				case Inst.MATCH: return `match${this.arg !== 0 ? ` ${this.arg}` : ""}`;
				case Inst.FAIL: return "fail";
				case Inst.NOP: return `nop -> ${this.out}`;
				case Inst.LB_WRITE: return `lbwrite ${this.arg} -> ${this.out}`;
				case Inst.LB_CHECK: return `lbcheck ${this.arg} -> ${this.out}`;
				case Inst.RUNE:
					if (this.runes === null) return "rune <null>";
					return [
						"rune ",
						Inst.escapeRunes(this.runes),
						(this.arg & RE2Flags.FOLD_CASE) !== 0 ? "/i" : "",
						" -> ",
						this.out
					].join("");
				case Inst.RUNE1: return `rune1 ${Inst.escapeRunes(this.runes)} -> ${this.out}`;
				case Inst.RUNE_ANY: return `any -> ${this.out}`;
				case Inst.RUNE_ANY_NOT_NL: return `anynotnl -> ${this.out}`;
				default: throw new Error("unhandled case in Inst.toString");
			}
		}
	};
	var Queue = class Queue {
		constructor(numInst) {
			this.sparse = new Int32Array(numInst);
			this.densePcs = new Int32Array(numInst);
			this.denseCaps = null;
			this.size = 0;
			this.ncap = 0;
			this.mainThreads = 0;
		}
		static INITIAL_THREADS = 32;
		init(ncap) {
			this.ncap = ncap;
			const needed = Math.min(this.densePcs.length, Queue.INITIAL_THREADS) * ncap;
			if (!this.denseCaps || this.denseCaps.length < needed) this.denseCaps = new Int32Array(needed);
		}
		growCaps(needed) {
			const limit = this.densePcs.length * this.ncap;
			const grown = new Int32Array(Math.min(limit, Math.max(needed, 2 * this.denseCaps.length)));
			grown.set(this.denseCaps);
			this.denseCaps = grown;
		}
		contains(pc) {
			const j = this.sparse[pc];
			return j < this.size && this.densePcs[j] === pc;
		}
		isEmpty() {
			return this.size === 0;
		}
		add(pc) {
			const j = this.size++;
			this.sparse[pc] = j;
			this.densePcs[j] = pc;
			return j;
		}
		clear() {
			this.size = 0;
			this.mainThreads = 0;
		}
		toString() {
			let out = "{";
			for (let i = 0; i < this.size; i++) {
				if (i !== 0) out += ", ";
				out += this.densePcs[i];
			}
			out += "}";
			return out;
		}
	};
	var LookbehindState = class {
		constructor(prog) {
			this.pos = -1;
			this.pcs = new Int32Array(prog.numInst());
			this.size = 0;
			this.lbTable = new Int32Array(prog.numLb + 1);
		}
		reset() {
			this.pos = -1;
			this.size = 0;
		}
	};
	var Machine = class Machine {
		static fromRE2(re2) {
			const m = new Machine();
			m.prog = re2.prog;
			m.re2 = re2;
			m.q0 = new Queue(m.prog.numInst());
			m.q1 = new Queue(m.prog.numInst());
			m.addStack = new Int32Array(2 * (m.prog.numInst() + 1));
			m.matched = false;
			m.matchcap = new Int32Array(m.prog.numCap < 2 ? 2 : m.prog.numCap);
			m.ncap = 0;
			return m;
		}
		constructor() {
			this.prog = null;
			this.re2 = null;
			this.q0 = null;
			this.q1 = null;
			this.addStack = null;
			this.matched = false;
			this.matchcap = null;
			this.ncap = 0;
			this.lbTable = null;
		}
		init(ncap) {
			this.ncap = ncap;
			if (ncap > this.matchcap.length) this.matchcap = new Int32Array(ncap).fill(-1);
			else this.matchcap.fill(-1);
			this.q0.init(ncap);
			this.q1.init(ncap);
			if (this.prog.numLb > 0) {
				if (!this.lbTable || this.lbTable.length < this.prog.numLb + 1) this.lbTable = new Int32Array(this.prog.numLb + 1);
				this.lbTable.fill(-1);
			}
		}
		submatches() {
			if (this.ncap === 0) return Utils.emptyInts();
			return Utils.toArray(this.matchcap.subarray(0, this.ncap));
		}
		match(input, pos, anchor, lbState = null) {
			const startCond = this.re2.cond;
			if (startCond === Utils.EMPTY_ALL) return false;
			if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return false;
			this.matched = false;
			this.matchcap.fill(-1);
			const hasLookbehinds = this.prog.numLb > 0;
			const matchStartPos = pos;
			let currentPos = pos;
			let resumeLookbehinds = false;
			if (hasLookbehinds) {
				if (lbState !== null && lbState.pos >= 0 && lbState.pos <= pos) {
					currentPos = lbState.pos;
					resumeLookbehinds = true;
				} else currentPos = 0;
			}
			let saveLookbehinds = hasLookbehinds && lbState !== null;
			let runq = this.q0;
			let nextq = this.q1;
			let r = input.step(currentPos);
			let rune = r >> 3;
			let width = r & 7;
			let rune1 = -1;
			let width1 = 0;
			if (r !== MachineInputBase.EOF()) {
				r = input.step(currentPos + width);
				rune1 = r >> 3;
				width1 = r & 7;
			}
			let flag;
			if (currentPos === 0) flag = Utils.emptyOpContext(-1, rune);
			else flag = input.context(currentPos);
			if (hasLookbehinds) {
				if (resumeLookbehinds) this.restoreLookbehinds(lbState, runq, flag);
				else this.spawnLookbehinds(runq, currentPos, flag);
			}
			while (true) {
				if (runq.mainThreads === 0) {
					if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 && currentPos !== 0) break;
					if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && currentPos !== 0) break;
					if (this.matched) break;
					if (this.prog.numLb === 0 && runq.isEmpty() && !(this.re2.prefix.length === 0) && rune1 !== this.re2.prefixRune && input.canCheckPrefix()) {
						const advance = input.index(this.re2, currentPos);
						if (advance < 0) break;
						currentPos += advance;
						r = input.step(currentPos);
						rune = r >> 3;
						width = r & 7;
						r = input.step(currentPos + width);
						rune1 = r >> 3;
						width1 = r & 7;
						flag = input.context(currentPos);
					}
				}
				if (currentPos >= matchStartPos) {
					if (saveLookbehinds) {
						this.saveLookbehinds(lbState, runq, currentPos);
						saveLookbehinds = false;
					}
					if (!this.matched && (currentPos === 0 || anchor === RE2Flags.UNANCHORED)) {
						if (this.ncap > 0) this.matchcap[0] = currentPos;
						this.add(runq, this.prog.start, currentPos, this.matchcap, 0, flag);
					}
				}
				const nextPos = currentPos + width;
				flag = input.context(nextPos);
				this.step(runq, nextq, currentPos, nextPos, rune, flag, anchor, currentPos === input.endPos());
				if (width === 0) break;
				if (this.ncap === 0 && this.matched) break;
				currentPos += width;
				rune = rune1;
				width = width1;
				if (rune !== -1) {
					r = input.step(currentPos + width);
					rune1 = r >> 3;
					width1 = r & 7;
				}
				const tmpq = runq;
				runq = nextq;
				nextq = tmpq;
			}
			runq.clear();
			nextq.clear();
			return this.matched;
		}
		matchSet(input, pos, anchor) {
			const startCond = this.re2.cond;
			if (startCond === Utils.EMPTY_ALL) return [];
			if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return [];
			let currentPos = this.prog.numLb > 0 ? 0 : pos;
			let matchStartPos = pos;
			let runq = this.q0;
			let nextq = this.q1;
			let r = input.step(currentPos);
			let rune = r >> 3;
			let width = r & 7;
			let rune1 = -1;
			let width1 = 0;
			if (r !== MachineInputBase.EOF()) {
				r = input.step(currentPos + width);
				rune1 = r >> 3;
				width1 = r & 7;
			}
			let flag = currentPos === 0 ? Utils.emptyOpContext(-1, rune) : input.context(currentPos);
			const matches = /* @__PURE__ */ new Set();
			if (this.prog.numLb > 0) this.spawnLookbehinds(runq, currentPos, flag);
			while (true) {
				if (runq.mainThreads === 0) {
					if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 && currentPos !== 0) break;
					if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && currentPos !== 0) break;
				}
				if (currentPos === 0 || anchor === RE2Flags.UNANCHORED) {
					if (currentPos >= matchStartPos) this.add(runq, this.prog.start, currentPos, this.matchcap, 0, flag);
				}
				const nextPos = currentPos + width;
				flag = input.context(nextPos);
				for (let j = 0; j < runq.size; j++) {
					const pc = runq.densePcs[j];
					const i = this.prog.inst[pc];
					const capOffset = j * this.ncap;
					let add = false;
					switch (i.op) {
						case Inst.MATCH:
							if (anchor === RE2Flags.ANCHOR_BOTH && currentPos !== input.endPos()) break;
							matches.add(i.arg);
							break;
						case Inst.RUNE:
							add = i.matchRune(rune);
							break;
						case Inst.RUNE1:
							add = rune === i.runes[0];
							break;
						case Inst.RUNE_ANY:
							add = true;
							break;
						case Inst.RUNE_ANY_NOT_NL:
							add = rune !== 10;
							break;
						default: continue;
					}
					if (add) this.add(nextq, i.out, nextPos, runq.denseCaps, capOffset, flag);
				}
				runq.clear();
				if (width === 0) break;
				currentPos += width;
				rune = rune1;
				width = width1;
				if (rune !== -1) {
					r = input.step(currentPos + width);
					rune1 = r >> 3;
					width1 = r & 7;
				}
				const tmpq = runq;
				runq = nextq;
				nextq = tmpq;
			}
			nextq.clear();
			return Array.from(matches).sort((a, b) => a - b);
		}
		step(runq, nextq, pos, nextPos, c, nextCond, anchor, atEnd) {
			const longest = this.re2.longest;
			for (let j = 0; j < runq.size; j++) {
				const pc = runq.densePcs[j];
				const capOffset = j * this.ncap;
				if (longest && this.matched && this.ncap > 0 && this.matchcap[0] < runq.denseCaps[capOffset]) continue;
				const i = this.prog.inst[pc];
				let add = false;
				switch (i.op) {
					case Inst.MATCH:
						if (anchor === RE2Flags.ANCHOR_BOTH && !atEnd) break;
						if (this.ncap > 0 && (!longest || !this.matched || this.matchcap[1] < pos)) {
							runq.denseCaps[capOffset + 1] = pos;
							for (let k = 0; k < this.ncap; k++) this.matchcap[k] = runq.denseCaps[capOffset + k];
						}
						if (!longest) runq.size = 0;
						this.matched = true;
						break;
					case Inst.RUNE:
						add = i.matchRune(c);
						break;
					case Inst.RUNE1:
						add = c === i.runes[0];
						break;
					case Inst.RUNE_ANY:
						add = true;
						break;
					case Inst.RUNE_ANY_NOT_NL:
						add = c !== 10;
						break;
					default: continue;
				}
				if (add) this.add(nextq, i.out, nextPos, runq.denseCaps, capOffset, nextCond);
			}
			runq.clear();
		}
		spawnLookbehinds(q, pos, flag) {
			for (let i = 0; i < this.prog.lbStarts.length; i++) this.add(q, this.prog.lbStarts[i], pos, this.matchcap, 0, flag);
		}
		restoreLookbehinds(lbState, q, flag) {
			this.lbTable.set(lbState.lbTable);
			for (let j = 0; j < lbState.size; j++) this.add(q, lbState.pcs[j], lbState.pos, this.matchcap, 0, flag);
		}
		saveLookbehinds(lbState, q, pos) {
			let size = 0;
			for (let j = 0; j < q.size; j++) {
				const pc = q.densePcs[j];
				if (this.prog.lbInst[pc] === 1 && Inst.isRuneOp(this.prog.inst[pc].op)) lbState.pcs[size++] = pc;
			}
			lbState.size = size;
			lbState.pos = pos;
			lbState.lbTable.set(this.lbTable);
		}
		add(q, pc, pos, capArray, capOffset, cond) {
			const stk = this.addStack;
			let nstk = 0;
			for (;;) {
				while (pc !== 0 && !q.contains(pc)) {
					const d = q.add(pc);
					const inst = this.prog.inst[pc];
					switch (inst.op) {
						case Inst.FAIL:
							pc = 0;
							break;
						case Inst.ALT:
						case Inst.ALT_MATCH:
							stk[nstk++] = inst.arg;
							stk[nstk++] = 0;
							pc = inst.out;
							break;
						case Inst.EMPTY_WIDTH:
							pc = (inst.arg & ~cond) === 0 ? inst.out : 0;
							break;
						case Inst.NOP:
							pc = inst.out;
							break;
						case Inst.CAPTURE:
							if (inst.arg < this.ncap) {
								stk[nstk++] = -inst.arg - 1;
								stk[nstk++] = capArray[capOffset + inst.arg];
								capArray[capOffset + inst.arg] = pos;
							}
							pc = inst.out;
							break;
						case Inst.LB_WRITE:
							this.lbTable[Math.abs(inst.arg)] = pos;
							pc = inst.out;
							break;
						case Inst.LB_CHECK:
							if (inst.arg > 0) pc = this.lbTable[inst.arg] === pos ? inst.out : 0;
							else pc = this.lbTable[-inst.arg] !== pos ? inst.out : 0;
							break;
						case Inst.MATCH:
						case Inst.RUNE:
						case Inst.RUNE1:
						case Inst.RUNE_ANY:
						case Inst.RUNE_ANY_NOT_NL:
							if (this.prog.lbInst[pc] === 0) q.mainThreads++;
							if (this.ncap > 0) {
								const destOffset = d * this.ncap;
								if (destOffset + this.ncap > q.denseCaps.length) q.growCaps(destOffset + this.ncap);
								for (let c = 0; c < this.ncap; c++) q.denseCaps[destOffset + c] = capArray[capOffset + c];
							}
							pc = 0;
							break;
						default: throw new RE2JSInternalException("unhandled");
					}
				}
				if (nstk === 0) return;
				nstk -= 2;
				const entry = stk[nstk];
				if (entry < 0) {
					capArray[capOffset - entry - 1] = stk[nstk + 1];
					pc = 0;
				} else pc = entry;
			}
		}
	};
	const hashState = (pcs, flag, ids) => {
		let h = -2128831035;
		for (let i = 0; i < pcs.length; i++) {
			h ^= pcs[i];
			h = Math.imul(h, 16777619);
		}
		h ^= flag;
		h = Math.imul(h, 16777619);
		for (let i = 0; i < ids.length; i++) {
			h ^= ids[i];
			h = Math.imul(h, 16777619);
		}
		return h;
	};
	const arraysEqual = (a, b) => {
		if (a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
		return true;
	};
	const isState = (state, pcs, flag, ids) => state.flag === flag && arraysEqual(state.nfaStates, pcs) && arraysEqual(state.matchIDs, ids);
	const NO_IDS = [];
	const END_TEXT = -1;
	var DFAState = class {
		constructor(nfaStates, flag, matchIDs) {
			this.nfaStates = nfaStates;
			this.flag = flag;
			this.isMatch = (flag & DFA.FLAG_MATCH) !== 0;
			this.matchIDs = matchIDs;
			this.next = null;
			this.nextAnchored = null;
		}
	};
	var DFA = class DFA {
		static FLAG_EMPTY_MASK = 255;
		static FLAG_MATCH = 256;
		static FLAG_LAST_WORD = 512;
		static FLAG_NEED_SHIFT = 16;
		static STATE_OVERHEAD = 150;
		static ARRAY_OVERHEAD = 40;
		static ELEMENT_SIZE = 8;
		static TABLE_OVERHEAD = 48;
		static PROGRESS_PER_STATE = 10;
		constructor(prog, maxMem = 8388608) {
			this.prog = prog;
			this.maxMem = maxMem;
			this.stateCache = /* @__PURE__ */ new Map();
			this.stateCount = 0;
			this.startStates = /* @__PURE__ */ new Map();
			this.failed = false;
			for (let pc = 0; pc < prog.numInst(); pc++) {
				const op = prog.getInst(pc).op;
				if (op === Inst.LB_WRITE || op === Inst.LB_CHECK) {
					this.failed = true;
					break;
				}
			}
			this.computeRuneClasses();
			this.stateBudget = maxMem;
			this.memBudget = maxMem;
		}
		computeRuneClasses() {
			const bounds = /* @__PURE__ */ new Set();
			const addRange = (lo, hi) => {
				bounds.add(lo);
				bounds.add(hi + 1);
			};
			for (let pc = 0; pc < this.prog.numInst(); pc++) {
				const inst = this.prog.getInst(pc);
				switch (inst.op) {
					case Inst.RUNE:
					case Inst.RUNE1:
						if (inst.runes.length === 1) {
							addRange(inst.runes[0], inst.runes[0]);
							if ((inst.arg & RE2Flags.FOLD_CASE) !== 0) for (let f = Unicode.simpleFold(inst.runes[0]); f !== inst.runes[0]; f = Unicode.simpleFold(f)) addRange(f, f);
						} else for (let j = 0; j < inst.runes.length; j += 2) addRange(inst.runes[j], inst.runes[j + 1]);
						break;
					case Inst.RUNE_ANY_NOT_NL:
						addRange(10, 10);
						break;
					case Inst.EMPTY_WIDTH:
						if ((inst.arg & (Utils.EMPTY_BEGIN_LINE | Utils.EMPTY_END_LINE)) !== 0) addRange(10, 10);
						if ((inst.arg & (Utils.EMPTY_WORD_BOUNDARY | Utils.EMPTY_NO_WORD_BOUNDARY)) !== 0) {
							addRange(48, 57);
							addRange(65, 90);
							addRange(95, 95);
							addRange(97, 122);
						}
				}
			}
			bounds.delete(0);
			this.classBounds = Int32Array.from(bounds).sort();
			this.numClasses = this.classBounds.length + 1;
			const latin1Class = new Int32Array(Unicode.MAX_LATIN1 + 1);
			for (let r = 0; r <= Unicode.MAX_LATIN1; r++) latin1Class[r] = this.searchClass(r);
			this.latin1Class = latin1Class;
		}
		runeClass(r) {
			if (r <= Unicode.MAX_LATIN1) return this.latin1Class[r];
			return this.searchClass(r);
		}
		searchClass(r) {
			const bounds = this.classBounds;
			let lo = 0;
			let hi = bounds.length;
			while (lo < hi) {
				const mid = lo + hi >> 1;
				if (bounds[mid] <= r) lo = mid + 1;
				else hi = mid;
			}
			return lo;
		}
		closure(pcs, flag) {
			const closure = /* @__PURE__ */ new Set();
			const stack = Array.from(pcs);
			let needflags = 0;
			while (stack.length > 0) {
				const pc = stack.pop();
				if (pc === 0 || closure.has(pc)) continue;
				closure.add(pc);
				const inst = this.prog.getInst(pc);
				switch (inst.op) {
					case Inst.ALT:
					case Inst.ALT_MATCH:
						stack.push(inst.out);
						stack.push(inst.arg);
						break;
					case Inst.NOP:
					case Inst.CAPTURE:
						stack.push(inst.out);
						break;
					case Inst.EMPTY_WIDTH:
						needflags |= inst.arg;
						if ((inst.arg & ~flag) === 0) stack.push(inst.out);
				}
			}
			return {
				pcs: Array.from(closure).sort((a, b) => a - b),
				needflags
			};
		}
		getState(pcs, flag, ids) {
			const hash = hashState(pcs, flag, ids);
			const cached = this.stateCache.get(hash);
			if (cached instanceof DFAState) {
				if (isState(cached, pcs, flag, ids)) return cached;
			} else if (cached !== void 0) {
				for (let i = 0; i < cached.length; i++) if (isState(cached[i], pcs, flag, ids)) return cached[i];
			}
			const cost = DFA.stateCost(pcs, ids);
			if (this.memBudget < cost) return null;
			this.memBudget -= cost;
			const state = new DFAState(pcs, flag, ids);
			if (cached === void 0) this.stateCache.set(hash, state);
			else if (cached instanceof DFAState) this.stateCache.set(hash, [cached, state]);
			else cached.push(state);
			this.stateCount++;
			return state;
		}
		static stateCost(pcs, ids) {
			const idsCost = ids.length === 0 ? 0 : DFA.ARRAY_OVERHEAD + DFA.ELEMENT_SIZE * ids.length;
			return DFA.STATE_OVERHEAD + DFA.ELEMENT_SIZE * pcs.length + idsCost;
		}
		*cachedStates() {
			for (const cached of this.stateCache.values()) if (cached instanceof DFAState) yield cached;
			else yield* cached;
		}
		makeState(pcs, flag, ids) {
			const closure = this.closure(pcs, flag & DFA.FLAG_EMPTY_MASK);
			let stateFlag = flag;
			if (closure.needflags === 0) stateFlag &= DFA.FLAG_MATCH;
			stateFlag |= closure.needflags << DFA.FLAG_NEED_SHIFT;
			return this.getState(closure.pcs, stateFlag, ids);
		}
		allocTable(state, anchor) {
			const size = this.numClasses + 1;
			const cost = DFA.TABLE_OVERHEAD + DFA.ELEMENT_SIZE * size;
			if (this.memBudget < cost) return null;
			this.memBudget -= cost;
			const table = new Array(size).fill(null);
			if (anchor === RE2Flags.UNANCHORED) state.next = table;
			else state.nextAnchored = table;
			return table;
		}
		clearCache() {
			this.stateCache.clear();
			this.stateCount = 0;
			this.startStates.clear();
			this.memBudget = this.stateBudget;
		}
		resetCache(current) {
			this.clearCache();
			return this.getState(current.nfaStates, current.flag, current.matchIDs);
		}
		step(state, cls, rune, anchor) {
			let table = anchor === RE2Flags.UNANCHORED ? state.next : state.nextAnchored;
			if (table !== null) {
				const cached = table[cls];
				if (cached !== null) return cached;
			} else {
				table = this.allocTable(state, anchor);
				if (table === null) return null;
			}
			const needflag = state.flag >>> DFA.FLAG_NEED_SHIFT;
			const oldbeforeflag = state.flag & DFA.FLAG_EMPTY_MASK;
			let beforeflag = oldbeforeflag;
			let afterflag = 0;
			if (rune === 10) {
				beforeflag |= Utils.EMPTY_END_LINE;
				afterflag |= Utils.EMPTY_BEGIN_LINE;
			}
			if (rune === END_TEXT) beforeflag |= Utils.EMPTY_END_LINE | Utils.EMPTY_END_TEXT;
			const islastword = (state.flag & DFA.FLAG_LAST_WORD) !== 0;
			const isword = rune !== END_TEXT && Utils.isWordRune(rune);
			beforeflag |= isword === islastword ? Utils.EMPTY_NO_WORD_BOUNDARY : Utils.EMPTY_WORD_BOUNDARY;
			let pcs = state.nfaStates;
			if ((beforeflag & ~oldbeforeflag & needflag) !== 0) pcs = this.closure(pcs, beforeflag).pcs;
			const nextPCs = [];
			let ismatch = false;
			let ids = NO_IDS;
			for (let i = 0; i < pcs.length; i++) {
				const inst = this.prog.getInst(pcs[i]);
				if (inst.op === Inst.MATCH) {
					if (!ismatch) {
						ismatch = true;
						ids = [];
					}
					ids.push(inst.arg);
				} else if (rune !== END_TEXT && Inst.isRuneOp(inst.op) && inst.matchRune(rune)) nextPCs.push(inst.out);
			}
			if (ids.length > 1) ids.sort((a, b) => a - b);
			if (anchor === RE2Flags.UNANCHORED && rune !== END_TEXT) nextPCs.push(this.prog.start);
			let flag = afterflag;
			if (ismatch) flag |= DFA.FLAG_MATCH;
			if (isword) flag |= DFA.FLAG_LAST_WORD;
			const nextState = this.makeState(nextPCs, flag, ids);
			if (nextState === null) return null;
			table[cls] = nextState;
			return nextState;
		}
		start(input, pos) {
			const context = input.context(pos);
			let flags;
			if ((context & Utils.EMPTY_BEGIN_TEXT) !== 0) flags = Utils.EMPTY_BEGIN_TEXT | Utils.EMPTY_BEGIN_LINE;
			else if ((context & Utils.EMPTY_BEGIN_LINE) !== 0) flags = Utils.EMPTY_BEGIN_LINE;
			else {
				const r = input.step(pos);
				const nextIsWord = r >= 0 && Utils.isWordRune(r >> 3);
				flags = (context & Utils.EMPTY_WORD_BOUNDARY) !== 0 !== nextIsWord ? DFA.FLAG_LAST_WORD : 0;
			}
			let state = this.startStates.get(flags);
			if (state === void 0) {
				state = this.makeState([this.prog.start], flags, NO_IDS);
				if (state === null) {
					this.clearCache();
					state = this.makeState([this.prog.start], flags, NO_IDS);
					if (state === null) return null;
				}
				this.startStates.set(flags, state);
			}
			return state;
		}
		stepOrReset(state, cls, rune, anchor, pos, search) {
			let next = this.step(state, cls, rune, anchor);
			if (next !== null) return next;
			if (search.resetPos >= 0 && pos - search.resetPos < DFA.PROGRESS_PER_STATE * this.stateCount) return null;
			search.resetPos = pos;
			const restored = this.resetCache(state);
			if (restored === null) return null;
			next = this.step(restored, cls, rune, anchor);
			return next;
		}
		run(input, pos, anchor, state, onMatch) {
			const endPos = input.endPos();
			const latin1Class = this.latin1Class;
			const unanchored = anchor === RE2Flags.UNANCHORED;
			const search = { resetPos: -1 };
			let i = pos;
			while (i < endPos) {
				const r = input.step(i);
				const rune = r >> 3;
				const width = r & 7;
				if (width === 0) break;
				const cls = rune <= Unicode.MAX_LATIN1 ? latin1Class[rune] : this.runeClass(rune);
				let next = unanchored && state.next !== null ? state.next[cls] : null;
				if (next === null) {
					next = this.stepOrReset(state, cls, rune, anchor, i, search);
					if (next === null) return null;
				}
				state = next;
				if (state.isMatch && onMatch(state, false)) return true;
				if (!unanchored && state.nfaStates.length === 0) return false;
				i += width;
			}
			state = this.stepOrReset(state, this.numClasses, END_TEXT, anchor, i, search);
			if (state === null) return null;
			return state.isMatch && onMatch(state, true);
		}
		match(input, pos, anchor) {
			if (this.failed) return null;
			if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return false;
			const startState = this.start(input, pos);
			if (startState === null) return null;
			return this.run(input, pos, anchor, startState, (state, atEnd) => anchor !== RE2Flags.ANCHOR_BOTH || atEnd);
		}
		matchSet(input, pos, anchor) {
			if (this.failed) return null;
			if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return [];
			const startState = this.start(input, pos);
			if (startState === null) return null;
			const matches = /* @__PURE__ */ new Set();
			const collect = (state, atEnd) => {
				if (anchor !== RE2Flags.ANCHOR_BOTH || atEnd) for (let k = 0; k < state.matchIDs.length; k++) matches.add(state.matchIDs[k]);
				return false;
			};
			if (this.run(input, pos, anchor, startState, collect) === null) return null;
			return Array.from(matches).sort((a, b) => a - b);
		}
	};
	const VISITED_BITS = 32;
	const MAX_BACKTRACK_PROG = 500;
	const INITIAL_JOB_CAPACITY = 256;
	const MAX_BACKTRACK_VECTOR = 262144;
	var BitState = class {
		constructor() {
			this.end = 0;
			this.cap = /* @__PURE__ */ new Int32Array(0);
			this.matchcap = /* @__PURE__ */ new Int32Array(0);
			this.ncap = 0;
			this.jobPc = new Int32Array(INITIAL_JOB_CAPACITY);
			this.jobArg = new Uint8Array(INITIAL_JOB_CAPACITY);
			this.jobPos = new Int32Array(INITIAL_JOB_CAPACITY);
			this.jobLen = 0;
			this.visited = /* @__PURE__ */ new Uint32Array(0);
		}
		reset(prog, end, ncap) {
			this.end = end;
			this.jobLen = 0;
			this.ncap = ncap;
			const visitedSize = prog.numInst() * (end + 1) + VISITED_BITS - 1 >>> 5;
			if (this.visited.length < visitedSize) this.visited = new Uint32Array(visitedSize);
			else this.visited.fill(0, 0, visitedSize);
			if (this.cap.length < ncap) this.cap = new Int32Array(ncap).fill(-1);
			else this.cap.fill(-1, 0, ncap);
			if (this.matchcap.length < ncap) this.matchcap = new Int32Array(ncap).fill(-1);
			else this.matchcap.fill(-1, 0, ncap);
		}
		shouldVisit(pc, pos) {
			const n = pc * (this.end + 1) + pos;
			const idx = n >>> 5;
			const mask = 1 << (n & 31);
			if ((this.visited[idx] & mask) !== 0) return false;
			this.visited[idx] |= mask;
			return true;
		}
		push(re2, pc, pos, arg) {
			if (re2.prog.getInst(pc).op !== Inst.FAIL && (arg || this.shouldVisit(pc, pos))) {
				if (this.jobLen >= this.jobPc.length) {
					const newSize = this.jobPc.length * 2;
					const newPc = new Int32Array(newSize);
					newPc.set(this.jobPc);
					this.jobPc = newPc;
					const newArg = new Uint8Array(newSize);
					newArg.set(this.jobArg);
					this.jobArg = newArg;
					const newPos = new Int32Array(newSize);
					newPos.set(this.jobPos);
					this.jobPos = newPos;
				}
				this.jobPc[this.jobLen] = pc;
				this.jobArg[this.jobLen] = arg ? 1 : 0;
				this.jobPos[this.jobLen] = pos;
				this.jobLen++;
			}
		}
		tryBacktrack(re2, input, pc, pos, anchor) {
			const longest = re2.longest;
			this.push(re2, pc, pos, false);
			while (this.jobLen > 0) {
				this.jobLen--;
				let currentPc = this.jobPc[this.jobLen];
				let arg = this.jobArg[this.jobLen] === 1;
				let currentPos = this.jobPos[this.jobLen];
				let skipShouldVisit = true;
				while (true) {
					if (!skipShouldVisit) {
						if (!this.shouldVisit(currentPc, currentPos)) break;
					}
					skipShouldVisit = false;
					const inst = re2.prog.getInst(currentPc);
					switch (inst.op) {
						case Inst.FAIL: break;
						case Inst.ALT: if (arg) {
							arg = false;
							currentPc = inst.arg;
							continue;
						} else {
							this.push(re2, currentPc, currentPos, true);
							currentPc = inst.out;
							continue;
						}
						case Inst.ALT_MATCH: {
							const outInst = re2.prog.getInst(inst.out);
							if (Inst.isRuneOp(outInst.op)) {
								this.push(re2, inst.arg, currentPos, false);
								currentPc = inst.arg;
								currentPos = this.end;
								continue;
							}
							this.push(re2, inst.out, this.end, false);
							currentPc = inst.out;
							continue;
						}
						case Inst.RUNE: {
							const r = input.step(currentPos);
							if (r === MachineInputBase.EOF()) break;
							if (!inst.matchRune(r >> 3)) break;
							currentPos += r & 7;
							currentPc = inst.out;
							continue;
						}
						case Inst.RUNE1: {
							const r = input.step(currentPos);
							if (r === MachineInputBase.EOF()) break;
							if (r >> 3 !== inst.runes[0]) break;
							currentPos += r & 7;
							currentPc = inst.out;
							continue;
						}
						case Inst.RUNE_ANY_NOT_NL: {
							const r = input.step(currentPos);
							if (r === MachineInputBase.EOF()) break;
							if (r >> 3 === 10) break;
							currentPos += r & 7;
							currentPc = inst.out;
							continue;
						}
						case Inst.RUNE_ANY: {
							const r = input.step(currentPos);
							if (r === MachineInputBase.EOF()) break;
							currentPos += r & 7;
							currentPc = inst.out;
							continue;
						}
						case Inst.CAPTURE: if (arg) {
							this.cap[inst.arg] = currentPos;
							break;
						} else {
							if (inst.arg < this.ncap) {
								this.push(re2, currentPc, this.cap[inst.arg], true);
								this.cap[inst.arg] = currentPos;
							}
							currentPc = inst.out;
							continue;
						}
						case Inst.EMPTY_WIDTH: {
							const flag = input.context(currentPos);
							if ((inst.arg & ~flag) !== 0) break;
							currentPc = inst.out;
							continue;
						}
						case Inst.NOP:
							currentPc = inst.out;
							continue;
						case Inst.MATCH: {
							if (anchor === RE2Flags.ANCHOR_BOTH && currentPos !== this.end) break;
							if (this.ncap === 0) return true;
							if (this.ncap > 1) this.cap[1] = currentPos;
							const old = this.matchcap[1];
							if (old === -1 || longest && currentPos > 0 && currentPos > old) this.matchcap.set(this.cap);
							if (!longest) return true;
							if (currentPos === this.end) return true;
							break;
						}
						case Inst.LB_WRITE:
						case Inst.LB_CHECK: throw new RE2JSInternalException("Backtracker cannot evaluate Lookbehind instructions");
						default: throw new RE2JSInternalException("bad inst");
					}
					break;
				}
			}
			return longest && this.matchcap.length > 1 && this.matchcap[1] >= 0;
		}
	};
	const bitStatePool = [];
	var Backtracker = class Backtracker {
		static shouldBacktrack(prog) {
			return prog.numInst() <= MAX_BACKTRACK_PROG;
		}
		static maxBitStateLen(prog) {
			if (!Backtracker.shouldBacktrack(prog)) return 0;
			return Math.floor(MAX_BACKTRACK_VECTOR / prog.numInst());
		}
		static execute(re2, input, pos, anchor, ncap) {
			const startCond = re2.cond;
			if (startCond === Utils.EMPTY_ALL) return null;
			if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return null;
			if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 && pos !== 0) return null;
			const b = bitStatePool.length > 0 ? bitStatePool.pop() : new BitState();
			const end = input.endPos();
			b.reset(re2.prog, end, ncap);
			let matched = false;
			if ((startCond & Utils.EMPTY_BEGIN_TEXT) !== 0 || anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) {
				if (b.ncap > 0) b.cap[0] = pos;
				if (b.tryBacktrack(re2, input, re2.prog.start, pos, anchor)) matched = true;
			} else {
				let width = -1;
				for (; pos <= end && width !== 0; pos += width) {
					if (re2.prefix.length > 0) {
						const advance = input.index(re2, pos);
						if (advance < 0) break;
						pos += advance;
					}
					if (b.ncap > 0) b.cap[0] = pos;
					if (b.tryBacktrack(re2, input, re2.prog.start, pos, anchor)) {
						matched = true;
						break;
					}
					const r = input.step(pos);
					width = r === MachineInputBase.EOF() ? 0 : r & 7;
				}
			}
			if (!matched) {
				bitStatePool.push(b);
				return null;
			}
			const result = ncap === 0 ? [] : Utils.toArray(b.matchcap.subarray(0, ncap));
			bitStatePool.push(b);
			return result;
		}
	};
	var QueueOnePass = class {
		constructor(size) {
			this.sparse = new Uint32Array(size);
			this.dense = new Uint32Array(size);
			this.size = 0;
			this.nextIndex = 0;
		}
		empty() {
			return this.nextIndex >= this.size;
		}
		next() {
			return this.dense[this.nextIndex++];
		}
		clear() {
			this.size = 0;
			this.nextIndex = 0;
		}
		contains(u) {
			return u < this.sparse.length && this.sparse[u] < this.size && this.dense[this.sparse[u]] === u;
		}
		insert(u) {
			if (!this.contains(u)) this.insertNew(u);
		}
		insertNew(u) {
			if (u >= this.sparse.length) return;
			this.sparse[u] = this.size;
			this.dense[this.size] = u;
			this.size++;
		}
	};
	const mergeRuneSets = (leftRunes, rightRunes, leftPC, rightPC) => {
		const leftLen = leftRunes.length;
		const rightLen = rightRunes.length;
		let lx = 0, rx = 0;
		const merged = [];
		const next = [];
		let ok = true;
		let ix = -1;
		const extend = (isLeft) => {
			const newArray = isLeft ? leftRunes : rightRunes;
			const low = isLeft ? lx : rx;
			const pc = isLeft ? leftPC : rightPC;
			if (ix > 0 && newArray[low] <= merged[ix]) return false;
			merged.push(newArray[low], newArray[low + 1]);
			if (isLeft) lx += 2;
			else rx += 2;
			ix += 2;
			next.push(pc);
			return true;
		};
		while (lx < leftLen || rx < rightLen) {
			if (rx >= rightLen) ok = extend(true);
			else if (lx >= leftLen) ok = extend(false);
			else if (rightRunes[rx] < leftRunes[lx]) ok = extend(false);
			else ok = extend(true);
			if (!ok) return null;
		}
		return {
			merged,
			next
		};
	};
	var OnePassProg = class {
		constructor(prog) {
			this.start = prog.start;
			this.numCap = prog.numCap;
			this.inst = new Array(prog.inst.length);
			for (let i = 0; i < prog.inst.length; i++) {
				const orig = prog.inst[i];
				const inst = new Inst(orig.op);
				inst.out = orig.out;
				inst.arg = orig.arg;
				inst.runes = orig.runes ? new Int32Array(orig.runes) : /* @__PURE__ */ new Int32Array(0);
				inst.next = null;
				this.inst[i] = inst;
			}
		}
	};
	const onePassCopy = (prog) => {
		const p = new OnePassProg(prog);
		for (let pc = 0; pc < p.inst.length; pc++) {
			const inst = p.inst[pc];
			if (inst.op !== Inst.ALT && inst.op !== Inst.ALT_MATCH) continue;
			let pAOther = "out";
			let pAAlt = "arg";
			let instAlt = p.inst[inst[pAAlt]];
			if (instAlt.op !== Inst.ALT && instAlt.op !== Inst.ALT_MATCH) {
				pAOther = "arg";
				pAAlt = "out";
				instAlt = p.inst[inst[pAAlt]];
				if (instAlt.op !== Inst.ALT && instAlt.op !== Inst.ALT_MATCH) continue;
			}
			const instOther = p.inst[inst[pAOther]];
			if (instOther.op === Inst.ALT || instOther.op === Inst.ALT_MATCH) continue;
			let pBAlt = "out";
			let pBOther = "arg";
			let patch = false;
			if (instAlt.out === pc) patch = true;
			else if (instAlt.arg === pc) {
				patch = true;
				pBAlt = "arg";
				pBOther = "out";
			}
			if (patch) instAlt[pBAlt] = inst[pAOther];
			if (inst[pAOther] === instAlt[pBAlt]) inst[pAAlt] = instAlt[pBOther];
		}
		return p;
	};
	const makeOnePass = (p) => {
		if (p.inst.length >= 1e3) return null;
		const instQueue = new QueueOnePass(p.inst.length);
		const visitQueue = new QueueOnePass(p.inst.length);
		const onePassRunes = new Array(p.inst.length);
		const m = new Array(p.inst.length).fill(false);
		const check = (pc) => {
			let ok = true;
			const inst = p.inst[pc];
			if (visitQueue.contains(pc)) return true;
			visitQueue.insert(pc);
			switch (inst.op) {
				case Inst.ALT:
				case Inst.ALT_MATCH: {
					ok = check(inst.out) && check(inst.arg);
					let matchOut = m[inst.out];
					let matchArg = m[inst.arg];
					if (matchOut && matchArg) return false;
					if (matchArg) {
						const tempOut = inst.out;
						inst.out = inst.arg;
						inst.arg = tempOut;
						const tempMatch = matchOut;
						matchOut = matchArg;
						matchArg = tempMatch;
					}
					if (matchOut) {
						m[pc] = true;
						inst.op = Inst.ALT_MATCH;
					}
					const leftRunes = onePassRunes[inst.out] || [];
					const rightRunes = onePassRunes[inst.arg] || [];
					const mergeRes = mergeRuneSets(leftRunes, rightRunes, inst.out, inst.arg);
					if (!mergeRes) return false;
					onePassRunes[pc] = new Int32Array(mergeRes.merged);
					inst.next = new Uint32Array(mergeRes.next);
					break;
				}
				case Inst.CAPTURE:
				case Inst.EMPTY_WIDTH:
				case Inst.NOP:
					ok = check(inst.out);
					m[pc] = m[inst.out];
					onePassRunes[pc] = onePassRunes[inst.out] ? new Int32Array(onePassRunes[inst.out]) : /* @__PURE__ */ new Int32Array(0);
					inst.next = new Uint32Array(Math.floor(onePassRunes[pc].length / 2) + 1).fill(inst.out);
					break;
				case Inst.MATCH:
				case Inst.FAIL:
					m[pc] = inst.op === Inst.MATCH;
					break;
				case Inst.RUNE: {
					m[pc] = false;
					if (inst.next && inst.next.length > 0) break;
					instQueue.insert(inst.out);
					if (!inst.runes || inst.runes.length === 0) {
						onePassRunes[pc] = /* @__PURE__ */ new Int32Array(0);
						inst.next = new Uint32Array([inst.out]);
						break;
					}
					let runes = [];
					if (inst.runes.length === 1 && (inst.arg & RE2Flags.FOLD_CASE) !== 0) {
						const r0 = inst.runes[0];
						runes.push(r0, r0);
						for (let r1 = Unicode.simpleFold(r0); r1 !== r0; r1 = Unicode.simpleFold(r1)) runes.push(r1, r1);
						runes.sort((a, b) => a - b);
					} else for (let j = 0; j < inst.runes.length; j++) runes.push(inst.runes[j]);
					onePassRunes[pc] = new Int32Array(runes);
					inst.next = new Uint32Array(Math.floor(runes.length / 2) + 1).fill(inst.out);
					inst.op = Inst.RUNE;
					break;
				}
				case Inst.RUNE1: {
					m[pc] = false;
					if (inst.next && inst.next.length > 0) break;
					instQueue.insert(inst.out);
					let runes = [];
					if ((inst.arg & RE2Flags.FOLD_CASE) !== 0) {
						const r0 = inst.runes[0];
						runes.push(r0, r0);
						for (let r1 = Unicode.simpleFold(r0); r1 !== r0; r1 = Unicode.simpleFold(r1)) runes.push(r1, r1);
						runes.sort((a, b) => a - b);
					} else runes.push(inst.runes[0], inst.runes[0]);
					onePassRunes[pc] = new Int32Array(runes);
					inst.next = new Uint32Array(Math.floor(runes.length / 2) + 1).fill(inst.out);
					inst.op = Inst.RUNE;
					break;
				}
				case Inst.RUNE_ANY:
					m[pc] = false;
					if (inst.next && inst.next.length > 0) break;
					instQueue.insert(inst.out);
					onePassRunes[pc] = new Int32Array([0, Unicode.MAX_RUNE]);
					inst.next = new Uint32Array([inst.out]);
					break;
				case Inst.RUNE_ANY_NOT_NL:
					m[pc] = false;
					if (inst.next && inst.next.length > 0) break;
					instQueue.insert(inst.out);
					onePassRunes[pc] = new Int32Array([
						0,
						9,
						11,
						Unicode.MAX_RUNE
					]);
					inst.next = new Uint32Array(Math.floor(onePassRunes[pc].length / 2) + 1).fill(inst.out);
			}
			return ok;
		};
		instQueue.clear();
		instQueue.insert(p.start);
		while (!instQueue.empty()) {
			visitQueue.clear();
			if (!check(instQueue.next())) return null;
		}
		for (let i = 0; i < p.inst.length; i++) if (onePassRunes[i]) p.inst[i].runes = onePassRunes[i];
		return p;
	};
	const cleanupOnePass = (p, original) => {
		for (let ix = 0; ix < original.inst.length; ix++) {
			const instOriginal = original.inst[ix];
			switch (instOriginal.op) {
				case Inst.ALT:
				case Inst.ALT_MATCH:
				case Inst.RUNE: break;
				case Inst.CAPTURE:
				case Inst.EMPTY_WIDTH:
				case Inst.NOP:
				case Inst.MATCH:
				case Inst.FAIL:
					p.inst[ix].next = null;
					break;
				case Inst.RUNE1:
				case Inst.RUNE_ANY:
				case Inst.RUNE_ANY_NOT_NL:
					p.inst[ix].next = null;
					p.inst[ix].op = instOriginal.op;
					p.inst[ix].runes = instOriginal.runes ? new Int32Array(instOriginal.runes) : /* @__PURE__ */ new Int32Array(0);
			}
		}
	};
	var OnePass = class OnePass {
		static compile(prog) {
			if (prog.start === 0) return null;
			if (prog.numLb > 0) return null;
			const startInst = prog.inst[prog.start];
			if (startInst.op !== Inst.EMPTY_WIDTH || (startInst.arg & Utils.EMPTY_BEGIN_TEXT) === 0) return null;
			let hasAlt = false;
			for (let i = 0; i < prog.inst.length; i++) if (prog.inst[i].op === Inst.ALT || prog.inst[i].op === Inst.ALT_MATCH) {
				hasAlt = true;
				break;
			}
			for (let i = 0; i < prog.inst.length; i++) {
				const inst = prog.inst[i];
				const opOut = prog.inst[inst.out].op;
				switch (inst.op) {
					case Inst.ALT:
					case Inst.ALT_MATCH:
						if (opOut === Inst.MATCH || prog.inst[inst.arg].op === Inst.MATCH) return null;
						break;
					case Inst.EMPTY_WIDTH:
						if (opOut === Inst.MATCH) {
							if ((inst.arg & Utils.EMPTY_END_TEXT) === Utils.EMPTY_END_TEXT) continue;
							return null;
						}
						break;
					default: if (opOut === Inst.MATCH && hasAlt) return null;
				}
			}
			let p = onePassCopy(prog);
			p = makeOnePass(p);
			if (p !== null) cleanupOnePass(p, prog);
			return p;
		}
		static next(inst, r) {
			const nextIdx = inst.matchRunePos(r);
			if (nextIdx >= 0) return inst.next[nextIdx];
			if (inst.op === Inst.ALT_MATCH) return inst.out;
			return 0;
		}
		static execute(re2, input, pos, anchor, ncap) {
			const onepass = re2.onepass;
			if (!onepass) return null;
			const matchcap = new Int32Array(ncap).fill(-1);
			let matched = false;
			let r = input.step(pos);
			let rune = r >> 3;
			let width = r & 7;
			let r1 = MachineInputBase.EOF();
			let rune1 = -1;
			let width1 = 0;
			if (r !== MachineInputBase.EOF()) {
				r1 = input.step(pos + width);
				if (r1 !== MachineInputBase.EOF()) {
					rune1 = r1 >> 3;
					width1 = r1 & 7;
				}
			}
			let flag = pos === 0 ? Utils.emptyOpContext(-1, rune) : input.context(pos);
			let pc = onepass.start;
			let inst;
			while (true) {
				inst = onepass.inst[pc];
				pc = inst.out;
				switch (inst.op) {
					case Inst.MATCH:
						if (anchor === RE2Flags.ANCHOR_BOTH && pos !== input.endPos()) return null;
						matched = true;
						if (matchcap.length > 0) {
							matchcap[0] = 0;
							matchcap[1] = pos;
						}
						return ncap === 0 ? [] : Utils.toArray(matchcap);
					case Inst.RUNE:
						if (!inst.matchRune(rune)) return null;
						break;
					case Inst.RUNE1:
						if (rune !== inst.runes[0]) return null;
						break;
					case Inst.RUNE_ANY: break;
					case Inst.RUNE_ANY_NOT_NL:
						if (rune === 10) return null;
						break;
					case Inst.ALT:
					case Inst.ALT_MATCH:
						pc = OnePass.next(inst, rune);
						continue;
					case Inst.FAIL: return null;
					case Inst.NOP: continue;
					case Inst.EMPTY_WIDTH:
						if ((inst.arg & ~flag) !== 0) return null;
						continue;
					case Inst.CAPTURE:
						if (inst.arg < matchcap.length) matchcap[inst.arg] = pos;
						continue;
					default: throw new RE2JSInternalException("bad inst");
				}
				if (width === 0) break;
				flag = Utils.emptyOpContext(rune, rune1);
				pos += width;
				rune = rune1;
				width = width1;
				if (rune !== -1) {
					r1 = input.step(pos + width);
					if (r1 !== MachineInputBase.EOF()) {
						rune1 = r1 >> 3;
						width1 = r1 & 7;
					} else {
						rune1 = -1;
						width1 = 0;
					}
				}
			}
			if (!matched) return null;
			return ncap === 0 ? [] : Utils.toArray(matchcap);
		}
	};
	var Regexp = class Regexp {
		static Op = createEnum([
			"NO_MATCH",
			"EMPTY_MATCH",
			"LITERAL",
			"CHAR_CLASS",
			"ANY_CHAR_NOT_NL",
			"ANY_CHAR",
			"BEGIN_LINE",
			"END_LINE",
			"BEGIN_TEXT",
			"END_TEXT",
			"WORD_BOUNDARY",
			"NO_WORD_BOUNDARY",
			"CAPTURE",
			"STAR",
			"PLUS",
			"QUEST",
			"REPEAT",
			"CONCAT",
			"ALTERNATE",
			"PLB",
			"NLB",
			"LEFT_PAREN",
			"VERTICAL_BAR"
		]);
		static isPseudoOp(op) {
			return op >= Regexp.Op.LEFT_PAREN;
		}
		static emptySubs() {
			return [];
		}
		static quoteIfHyphen(rune) {
			if (rune === Codepoint.CODES["-"]) return "\\";
			return "";
		}
		static fromRegexp(re) {
			const regex = new Regexp(re.op);
			regex.flags = re.flags;
			regex.subs = re.subs;
			regex.runes = re.runes;
			regex.cap = re.cap;
			regex.min = re.min;
			regex.max = re.max;
			regex.name = re.name;
			regex.namedGroups = re.namedGroups;
			regex.lb = re.lb;
			return regex;
		}
		constructor(op) {
			this.op = op;
			this.flags = 0;
			this.subs = Regexp.emptySubs();
			this.runes = /* @__PURE__ */ new Int32Array(0);
			this.min = 0;
			this.max = 0;
			this.cap = 0;
			this.name = null;
			this.namedGroups = Object.create(null);
			this.lb = 0;
		}
		reinit() {
			this.flags = 0;
			this.subs = Regexp.emptySubs();
			this.runes = /* @__PURE__ */ new Int32Array(0);
			this.cap = 0;
			this.min = 0;
			this.max = 0;
			this.name = null;
			this.namedGroups = Object.create(null);
			this.lb = 0;
		}
		toString() {
			return this.appendTo();
		}
		appendTo() {
			let out = "";
			switch (this.op) {
				case Regexp.Op.NO_MATCH:
					out += "[^\\x00-\\x{10FFFF}]";
					break;
				case Regexp.Op.EMPTY_MATCH:
					out += "(?:)";
					break;
				case Regexp.Op.STAR:
				case Regexp.Op.PLUS:
				case Regexp.Op.QUEST:
				case Regexp.Op.REPEAT: {
					const sub = this.subs[0];
					if (sub.op > Regexp.Op.CAPTURE || sub.op === Regexp.Op.LITERAL && sub.runes.length > 1) out += `(?:${sub.appendTo()})`;
					else out += sub.appendTo();
					switch (this.op) {
						case Regexp.Op.STAR:
							out += "*";
							break;
						case Regexp.Op.PLUS:
							out += "+";
							break;
						case Regexp.Op.QUEST:
							out += "?";
							break;
						case Regexp.Op.REPEAT:
							out += `{${this.min}`;
							if (this.min !== this.max) {
								out += ",";
								if (this.max >= 0) out += this.max;
							}
							out += "}";
					}
					if ((this.flags & RE2Flags.NON_GREEDY) !== 0) out += "?";
					break;
				}
				case Regexp.Op.CONCAT:
					for (let sub of this.subs) if (sub.op === Regexp.Op.ALTERNATE) out += `(?:${sub.appendTo()})`;
					else out += sub.appendTo();
					break;
				case Regexp.Op.ALTERNATE: {
					let sep = "";
					for (let sub of this.subs) {
						out += sep;
						sep = "|";
						out += sub.appendTo();
					}
					break;
				}
				case Regexp.Op.LITERAL:
					if ((this.flags & RE2Flags.FOLD_CASE) !== 0) out += "(?i:";
					for (let rune of this.runes) out += Utils.escapeRune(rune);
					if ((this.flags & RE2Flags.FOLD_CASE) !== 0) out += ")";
					break;
				case Regexp.Op.ANY_CHAR_NOT_NL:
					out += "(?-s:.)";
					break;
				case Regexp.Op.ANY_CHAR:
					out += "(?s:.)";
					break;
				case Regexp.Op.PLB:
					out += `(?<=${this.subs[0].appendTo()})`;
					break;
				case Regexp.Op.NLB:
					out += `(?<!${this.subs[0].appendTo()})`;
					break;
				case Regexp.Op.CAPTURE:
					if (this.name === null || this.name.length === 0) out += "(";
					else out += `(?P<${this.name}>`;
					if (this.subs[0].op !== Regexp.Op.EMPTY_MATCH) out += this.subs[0].appendTo();
					out += ")";
					break;
				case Regexp.Op.BEGIN_TEXT:
					out += "\\A";
					break;
				case Regexp.Op.END_TEXT:
					if ((this.flags & RE2Flags.WAS_DOLLAR) !== 0) out += "(?-m:$)";
					else out += "\\z";
					break;
				case Regexp.Op.BEGIN_LINE:
					out += "^";
					break;
				case Regexp.Op.END_LINE:
					out += "$";
					break;
				case Regexp.Op.WORD_BOUNDARY:
					out += "\\b";
					break;
				case Regexp.Op.NO_WORD_BOUNDARY:
					out += "\\B";
					break;
				case Regexp.Op.CHAR_CLASS:
					if (this.runes.length % 2 !== 0) {
						out += "[invalid char class]";
						break;
					}
					out += "[";
					if (this.runes.length === 0) out += "^\\x00-\\x{10FFFF}";
					else if (this.runes[0] === 0 && this.runes[this.runes.length - 1] === Unicode.MAX_RUNE) {
						out += "^";
						for (let i = 1; i < this.runes.length - 1; i += 2) {
							const lo = this.runes[i] + 1;
							const hi = this.runes[i + 1] - 1;
							out += Regexp.quoteIfHyphen(lo);
							out += Utils.escapeRune(lo);
							if (lo !== hi) {
								out += "-";
								out += Regexp.quoteIfHyphen(hi);
								out += Utils.escapeRune(hi);
							}
						}
					} else for (let i = 0; i < this.runes.length; i += 2) {
						const lo = this.runes[i];
						const hi = this.runes[i + 1];
						out += Regexp.quoteIfHyphen(lo);
						out += Utils.escapeRune(lo);
						if (lo !== hi) {
							out += "-";
							out += Regexp.quoteIfHyphen(hi);
							out += Utils.escapeRune(hi);
						}
					}
					out += "]";
					break;
				default: out += this.op;
			}
			return out;
		}
		maxCap() {
			let m = 0;
			if (this.op === Regexp.Op.CAPTURE) m = this.cap;
			if (this.subs !== null) for (let sub of this.subs) {
				const n = sub.maxCap();
				if (m < n) m = n;
			}
			return m;
		}
		equals(that) {
			if (!(that !== null && that instanceof Regexp)) return false;
			if (this.op !== that.op) return false;
			switch (this.op) {
				case Regexp.Op.END_TEXT:
					if ((this.flags & RE2Flags.WAS_DOLLAR) !== (that.flags & RE2Flags.WAS_DOLLAR)) return false;
					break;
				case Regexp.Op.LITERAL:
				case Regexp.Op.CHAR_CLASS:
					if ((this.flags & RE2Flags.FOLD_CASE) !== (that.flags & RE2Flags.FOLD_CASE)) return false;
					if (this.runes === null && that.runes === null) break;
					if (this.runes === null || that.runes === null) return false;
					if (this.runes.length !== that.runes.length) return false;
					for (let i = 0; i < this.runes.length; i++) if (this.runes[i] !== that.runes[i]) return false;
					break;
				case Regexp.Op.ALTERNATE:
				case Regexp.Op.CONCAT:
					if (this.subs.length !== that.subs.length) return false;
					for (let i = 0; i < this.subs.length; ++i) if (!this.subs[i].equals(that.subs[i])) return false;
					break;
				case Regexp.Op.STAR:
				case Regexp.Op.PLUS:
				case Regexp.Op.QUEST:
					if ((this.flags & RE2Flags.NON_GREEDY) !== (that.flags & RE2Flags.NON_GREEDY) || !this.subs[0].equals(that.subs[0])) return false;
					break;
				case Regexp.Op.REPEAT:
					if ((this.flags & RE2Flags.NON_GREEDY) !== (that.flags & RE2Flags.NON_GREEDY) || this.min !== that.min || this.max !== that.max || !this.subs[0].equals(that.subs[0])) return false;
					break;
				case Regexp.Op.CAPTURE:
					if (this.cap !== that.cap || (this.name === null ? that.name !== null : this.name !== that.name) || !this.subs[0].equals(that.subs[0])) return false;
					break;
				case Regexp.Op.PLB:
				case Regexp.Op.NLB: if (this.lb !== that.lb || !this.subs[0].equals(that.subs[0])) return false;
			}
			return true;
		}
	};
	var RegexpWalker = class {
		static walk(root, handler) {
			const stack = [];
			let re = root;
			let result;
			for (;;) {
				if (re.subs.length === 0) result = handler.leaf(re);
				else {
					const state = handler.enter(re);
					if (state.result === void 0) {
						stack.push({
							re,
							state,
							i: 0
						});
						re = re.subs[0];
						continue;
					}
					result = state.result;
				}
				for (;;) {
					if (stack.length === 0) return result;
					const frame = stack[stack.length - 1];
					handler.child(frame.re, frame.state, result, frame.i);
					frame.i++;
					if (frame.state.result === void 0 && frame.i < frame.re.subs.length) {
						re = frame.re.subs[frame.i];
						break;
					}
					stack.pop();
					result = frame.state.result !== void 0 ? frame.state.result : handler.leave(frame.re, frame.state);
				}
			}
		}
	};
	var AhoCorasick = class {
		constructor(words, alphabetSize) {
			const edges = /* @__PURE__ */ new Map();
			const parent = [0];
			const unit = [0];
			const depth = [0];
			const terminal = [0];
			for (const word of words) {
				let node = 0;
				for (let i = 0; i < word.length; i++) {
					const key = node * alphabetSize + word[i];
					let child = edges.get(key);
					if (child === void 0) {
						child = parent.length;
						edges.set(key, child);
						parent.push(node);
						unit.push(word[i]);
						depth.push(depth[node] + 1);
						terminal.push(0);
					}
					node = child;
				}
				terminal[node] = 1;
			}
			const numNodes = parent.length;
			const children = new Int32Array(numNodes - 1);
			for (let c = 1; c < numNodes; c++) children[c - 1] = c;
			children.sort((a, b) => parent[a] - parent[b] || unit[a] - unit[b]);
			const childStart = new Int32Array(numNodes + 1);
			for (let c = 1; c < numNodes; c++) childStart[parent[c] + 1]++;
			for (let n = 0; n < numNodes; n++) childStart[n + 1] += childStart[n];
			const childUnit = new Int32Array(numNodes - 1);
			for (let k = 0; k < children.length; k++) childUnit[k] = unit[children[k]];
			this.childStart = childStart;
			this.childUnit = childUnit;
			this.childNode = children;
			const byDepth = new Int32Array(numNodes);
			for (let n = 0; n < numNodes; n++) byDepth[n] = n;
			byDepth.sort((a, b) => depth[a] - depth[b]);
			const fail = new Int32Array(numNodes);
			const match = Uint8Array.from(terminal);
			for (let k = 1; k < numNodes; k++) {
				const c = byDepth[k];
				const p = parent[c];
				if (p !== 0) {
					let f = fail[p];
					let next = this.next(f, unit[c]);
					while (next < 0 && f !== 0) {
						f = fail[f];
						next = this.next(f, unit[c]);
					}
					fail[c] = next >= 0 ? next : 0;
				}
				match[c] |= match[fail[c]];
			}
			this.fail = fail;
			this.match = match;
		}
		next(node, u) {
			let lo = this.childStart[node];
			let hi = this.childStart[node + 1];
			const units = this.childUnit;
			while (lo < hi) {
				const mid = lo + hi >> 1;
				const m = units[mid];
				if (m === u) return this.childNode[mid];
				if (m < u) lo = mid + 1;
				else hi = mid;
			}
			return -1;
		}
		advance(node, u) {
			for (;;) {
				const next = this.next(node, u);
				if (next >= 0) return next;
				if (node === 0) return 0;
				node = this.fail[node];
			}
		}
		searchUTF16(charSeq, start, end) {
			let node = 0;
			for (let i = start; i < end; i++) {
				node = this.advance(node, charSeq.charCodeAt(i));
				if (this.match[node] === 1) return true;
			}
			return false;
		}
		searchUTF8(bytes, start, end) {
			let node = 0;
			for (let i = start; i < end; i++) {
				node = this.advance(node, bytes[i]);
				if (this.match[node] === 1) return true;
			}
			return false;
		}
	};
	var Prefilter = class Prefilter {
		static Type = {
			NONE: 0,
			EXACT: 1,
			AND: 2,
			OR: 3
		};
		static MAX_SCANS = 32;
		static MAX_AC_UNITS = 1 << 18;
		constructor(type) {
			this.type = type;
			this.subs = [];
			this.str = "";
			this.bytes = null;
			this.cost = type === Prefilter.Type.EXACT ? 1 : 0;
			this.allExact = false;
			this.ac16 = null;
			this.ac8 = null;
		}
		automaton16() {
			if (this.ac16 === null) {
				const words = this.subs.map((s) => {
					const arr = new Array(s.str.length);
					for (let i = 0; i < s.str.length; i++) arr[i] = s.str.charCodeAt(i);
					return arr;
				});
				this.ac16 = new AhoCorasick(words, 65536);
			}
			return this.ac16;
		}
		automaton8() {
			if (this.ac8 === null) this.ac8 = new AhoCorasick(this.subs.map((s) => s.bytes), 256);
			return this.ac8;
		}
		eval(input, pos) {
			switch (this.type) {
				case Prefilter.Type.NONE: return true;
				case Prefilter.Type.EXACT: return input.hasString(this, pos);
				case Prefilter.Type.AND:
					for (let i = 0; i < this.subs.length; i++) if (!this.subs[i].eval(input, pos)) return false;
					return true;
				case Prefilter.Type.OR:
					if (this.allExact) return input.hasAnyString(this, pos);
					for (let i = 0; i < this.subs.length; i++) if (this.subs[i].eval(input, pos)) return true;
					return false;
				default: return true;
			}
		}
	};
	var PrefilterTree = class PrefilterTree {
		static build(re) {
			if (!re) return new Prefilter(Prefilter.Type.NONE);
			return RegexpWalker.walk(re, PrefilterTree.WALKER);
		}
		static WALKER = {
			leaf: (re) => PrefilterTree.leaf(re),
			enter: (re) => PrefilterTree.enter(re),
			child: (re, state, result) => PrefilterTree.child(re, state, result),
			leave: (re, state) => PrefilterTree.leave(re, state)
		};
		static leaf(re) {
			if (re.op !== Regexp.Op.LITERAL) return new Prefilter(Prefilter.Type.NONE);
			if (re.runes.length === 0 || (re.flags & RE2Flags.FOLD_CASE) !== 0) return new Prefilter(Prefilter.Type.NONE);
			let str = "";
			for (let i = 0; i < re.runes.length; i++) {
				if (Unicode.isUnsearchable(re.runes[i])) return new Prefilter(Prefilter.Type.NONE);
				str += String.fromCodePoint(re.runes[i]);
			}
			const pf = new Prefilter(Prefilter.Type.EXACT);
			pf.str = str;
			pf.bytes = Utils.stringToUtf8ByteArray(pf.str);
			return pf;
		}
		static enter(re) {
			switch (re.op) {
				case Regexp.Op.CAPTURE:
				case Regexp.Op.PLUS: return { sub: null };
				case Regexp.Op.REPEAT:
					if (re.min >= 1) return { sub: null };
					return { result: new Prefilter(Prefilter.Type.NONE) };
				case Regexp.Op.CONCAT: return {
					pf: new Prefilter(Prefilter.Type.AND),
					subs: []
				};
				case Regexp.Op.ALTERNATE: return {
					pf: new Prefilter(Prefilter.Type.OR),
					subs: []
				};
				default: return { result: new Prefilter(Prefilter.Type.NONE) };
			}
		}
		static child(re, state, s) {
			if (state.subs === void 0) {
				state.sub = s;
				return;
			}
			if (state.pf.type === Prefilter.Type.AND) {
				if (s.type === Prefilter.Type.NONE) return;
				if (s.type === Prefilter.Type.AND) {
					for (let j = 0; j < s.subs.length; j++) state.subs.push(s.subs[j]);
					return;
				}
				state.subs.push(s);
				return;
			}
			if (s.type === Prefilter.Type.NONE) {
				state.result = new Prefilter(Prefilter.Type.NONE);
				return;
			}
			if (s.type === Prefilter.Type.OR) {
				for (let j = 0; j < s.subs.length; j++) state.subs.push(s.subs[j]);
				return;
			}
			state.subs.push(s);
		}
		static leave(re, state) {
			if (state.subs === void 0) return state.sub;
			const pf = state.pf;
			const seen = /* @__PURE__ */ new Set();
			const subs = [];
			for (const sub of state.subs) {
				if (sub.type === Prefilter.Type.EXACT) {
					if (seen.has(sub.str)) continue;
					seen.add(sub.str);
				}
				subs.push(sub);
			}
			if (pf.type === Prefilter.Type.AND) {
				const kept = [];
				let cost = 0;
				for (const sub of subs) {
					if (cost + sub.cost > Prefilter.MAX_SCANS) continue;
					kept.push(sub);
					cost += sub.cost;
				}
				if (kept.length === 0) return new Prefilter(Prefilter.Type.NONE);
				if (kept.length === 1) return kept[0];
				pf.subs = kept;
				pf.cost = cost;
				return pf;
			}
			if (subs.length === 0) return new Prefilter(Prefilter.Type.NONE);
			if (subs.length === 1) return subs[0];
			pf.subs = subs;
			let allExact = true;
			let cost = 0;
			let units = 0;
			for (const sub of subs) {
				if (sub.type !== Prefilter.Type.EXACT) allExact = false;
				else units += sub.bytes.length;
				cost += sub.cost;
			}
			if (allExact) {
				if (units > Prefilter.MAX_AC_UNITS) return new Prefilter(Prefilter.Type.NONE);
				pf.allExact = true;
				pf.cost = 1;
				return pf;
			}
			if (cost > Prefilter.MAX_SCANS) return new Prefilter(Prefilter.Type.NONE);
			pf.cost = cost;
			return pf;
		}
	};
	var PatchList = class {
		constructor(head = 0, tail = 0) {
			this.head = head;
			this.tail = tail;
		}
	};
	var Prog = class {
		constructor() {
			this.inst = [];
			this.start = 0;
			this.numCap = 2;
			this.lbStarts = [];
			this.numLb = 0;
			this.lbInst = null;
		}
		getInst(pc) {
			return this.inst[pc];
		}
		numInst() {
			return this.inst.length;
		}
		addInst(op) {
			this.inst.push(new Inst(op));
		}
		markLookbehindInsts() {
			const lbInst = new Uint8Array(this.inst.length);
			const pending = this.lbStarts.slice();
			while (pending.length > 0) {
				const pc = pending.pop();
				if (pc === 0 || lbInst[pc] === 1) continue;
				lbInst[pc] = 1;
				const i = this.inst[pc];
				switch (i.op) {
					case Inst.ALT:
					case Inst.ALT_MATCH:
						pending.push(i.out, i.arg);
						break;
					case Inst.MATCH:
					case Inst.FAIL: break;
					default: pending.push(i.out);
				}
			}
			this.lbInst = lbInst;
		}
		skipNop(pc) {
			let i = this.inst[pc];
			while (i.op === Inst.NOP || i.op === Inst.CAPTURE) {
				i = this.inst[pc];
				pc = i.out;
			}
			return i;
		}
		prefix() {
			let prefix = "";
			let i = this.skipNop(this.start);
			if (!Inst.isRuneOp(i.op) || i.runes.length !== 1) return [i.op === Inst.MATCH, prefix];
			while (Inst.isRuneOp(i.op) && i.runes.length === 1 && (i.arg & RE2Flags.FOLD_CASE) === 0 && !Unicode.isUnsearchable(i.runes[0])) {
				prefix += String.fromCodePoint(i.runes[0]);
				i = this.skipNop(i.out);
			}
			return [i.op === Inst.MATCH, prefix];
		}
		startCond() {
			let flag = 0;
			let pc = this.start;
			loop: for (;;) {
				const i = this.inst[pc];
				switch (i.op) {
					case Inst.EMPTY_WIDTH:
						flag |= i.arg;
						break;
					case Inst.FAIL: return -1;
					case Inst.CAPTURE:
					case Inst.NOP: break;
					default: break loop;
				}
				pc = i.out;
			}
			return flag;
		}
		patch(l, val) {
			let head = l.head;
			while (head !== 0) {
				const i = this.inst[head >> 1];
				if ((head & 1) === 0) {
					head = i.out;
					i.out = val;
				} else {
					head = i.arg;
					i.arg = val;
				}
			}
		}
		append(l1, l2) {
			if (l1.head === 0) return l2;
			if (l2.head === 0) return l1;
			const i = this.inst[l1.tail >> 1];
			if ((l1.tail & 1) === 0) i.out = l2.head;
			else i.arg = l2.head;
			return new PatchList(l1.head, l2.tail);
		}
		toString() {
			let out = "";
			for (let pc = 0; pc < this.inst.length; pc++) {
				const len = out.length;
				out += pc;
				if (pc === this.start) out += "*";
				out += "        ".substring(out.length - len);
				out += this.inst[pc];
				out += "\n";
			}
			return out;
		}
	};
	const ANY_RUNE_NOT_NL = new Int32Array([
		0,
		Codepoint.CODES["\n"] - 1,
		Codepoint.CODES["\n"] + 1,
		Unicode.MAX_RUNE
	]);
	const ANY_RUNE = new Int32Array([0, Unicode.MAX_RUNE]);
	var Frag = class {
		constructor(i = 0, out = new PatchList(), nullable = false) {
			this.i = i;
			this.out = out;
			this.nullable = nullable;
		}
	};
	var Compiler = class Compiler {
		static compileRegexp(re) {
			const c = new Compiler();
			const f = c.compile(re);
			c.prog.patch(f.out, c.newInst(Inst.MATCH).i);
			c.prog.start = f.i;
			c.prog.markLookbehindInsts();
			return c.prog;
		}
		static compileSet(regexps) {
			const c = new Compiler();
			if (regexps.length === 0) {
				c.prog.start = c.newInst(Inst.FAIL).i;
				c.prog.markLookbehindInsts();
				return c.prog;
			}
			let starts = [];
			for (let i = 0; i < regexps.length; i++) {
				c.lbOffset = c.prog.numLb;
				const f = c.compile(regexps[i]);
				const m = c.newInst(Inst.MATCH);
				c.prog.getInst(m.i).arg = i;
				c.prog.patch(f.out, m.i);
				starts.push(f.i);
			}
			let start = starts[0];
			for (let i = 1; i < starts.length; i++) {
				const f = c.newInst(Inst.ALT);
				const inst = c.prog.getInst(f.i);
				inst.out = start;
				inst.arg = starts[i];
				start = f.i;
			}
			c.prog.start = start;
			c.prog.markLookbehindInsts();
			return c.prog;
		}
		constructor() {
			this.prog = new Prog();
			this.newInst(Inst.FAIL);
			this.lbOffset = 0;
			this.runeCache = /* @__PURE__ */ new Map();
			this.walker = {
				leaf: (re) => this.leaf(re),
				enter: (re) => this.enter(re),
				child: (re, state, result) => this.child(re, state, result),
				leave: (re, state) => this.leave(re, state)
			};
		}
		newInst(op) {
			this.prog.addInst(op);
			return new Frag(this.prog.numInst() - 1, new PatchList(), true);
		}
		nop() {
			const f = this.newInst(Inst.NOP);
			f.out = new PatchList(f.i << 1, f.i << 1);
			return f;
		}
		fail() {
			return new Frag();
		}
		cap(arg) {
			const f = this.newInst(Inst.CAPTURE);
			f.out = new PatchList(f.i << 1, f.i << 1);
			this.prog.getInst(f.i).arg = arg;
			if (this.prog.numCap < arg + 1) this.prog.numCap = arg + 1;
			return f;
		}
		cat(f1, f2) {
			if (f1.i === 0 || f2.i === 0) {
				this.prog.patch(f1.out, 0);
				this.prog.patch(f2.out, 0);
				return this.fail();
			}
			this.prog.patch(f1.out, f2.i);
			return new Frag(f1.i, f2.out, f1.nullable && f2.nullable);
		}
		alt(f1, f2) {
			if (f1.i === 0) return f2;
			if (f2.i === 0) return f1;
			const f = this.newInst(Inst.ALT);
			const i = this.prog.getInst(f.i);
			i.out = f1.i;
			i.arg = f2.i;
			f.out = this.prog.append(f1.out, f2.out);
			f.nullable = f1.nullable || f2.nullable;
			return f;
		}
		loop(f1, nongreedy) {
			const f = this.newInst(Inst.ALT);
			const i = this.prog.getInst(f.i);
			if (nongreedy) {
				i.arg = f1.i;
				f.out = new PatchList(f.i << 1, f.i << 1);
			} else {
				i.out = f1.i;
				f.out = new PatchList(f.i << 1 | 1, f.i << 1 | 1);
			}
			this.prog.patch(f1.out, f.i);
			return f;
		}
		quest(f1, nongreedy) {
			if (f1.i === 0) return this.nop();
			const f = this.newInst(Inst.ALT);
			const i = this.prog.getInst(f.i);
			if (nongreedy) {
				i.arg = f1.i;
				f.out = new PatchList(f.i << 1, f.i << 1);
			} else {
				i.out = f1.i;
				f.out = new PatchList(f.i << 1 | 1, f.i << 1 | 1);
			}
			f.out = this.prog.append(f.out, f1.out);
			return f;
		}
		star(f1, nongreedy) {
			if (f1.i === 0) return this.nop();
			if (f1.nullable) return this.quest(this.plus(f1, nongreedy), nongreedy);
			return this.loop(f1, nongreedy);
		}
		plus(f1, nongreedy) {
			if (f1.i === 0) return this.fail();
			return new Frag(f1.i, this.loop(f1, nongreedy).out, f1.nullable);
		}
		empty(op) {
			const f = this.newInst(Inst.EMPTY_WIDTH);
			this.prog.getInst(f.i).arg = op;
			f.out = new PatchList(f.i << 1, f.i << 1);
			return f;
		}
		rune(runes, flags) {
			const f = this.newInst(Inst.RUNE);
			f.nullable = false;
			const i = this.prog.getInst(f.i);
			i.runes = runes;
			flags &= RE2Flags.FOLD_CASE;
			if (runes.length !== 1 || Unicode.simpleFold(runes[0]) === runes[0]) flags &= ~RE2Flags.FOLD_CASE;
			i.arg = flags;
			f.out = new PatchList(f.i << 1, f.i << 1);
			if ((flags & RE2Flags.FOLD_CASE) === 0 && runes.length === 1 || runes.length === 2 && runes[0] === runes[1]) i.op = Inst.RUNE1;
			else if (runes.length === 2 && runes[0] === 0 && runes[1] === Unicode.MAX_RUNE) i.op = Inst.RUNE_ANY;
			else if (runes.length === 4 && runes[0] === 0 && runes[1] === Codepoint.CODES["\n"] - 1 && runes[2] === Codepoint.CODES["\n"] + 1 && runes[3] === Unicode.MAX_RUNE) i.op = Inst.RUNE_ANY_NOT_NL;
			return f;
		}
		lookBehind(a, parsedLb) {
			const lb = Math.sign(parsedLb) * (Math.abs(parsedLb) + this.lbOffset);
			const id = this.newInst(Inst.LB_WRITE);
			this.prog.getInst(id.i).arg = lb;
			const any = this.rune(ANY_RUNE, 0);
			const dotStar = this.star(any, true);
			const lbAutomaton = this.cat(dotStar, a);
			this.prog.patch(lbAutomaton.out, id.i);
			const checkId = this.newInst(Inst.LB_CHECK);
			this.prog.getInst(checkId.i).arg = lb;
			this.prog.lbStarts.push(lbAutomaton.i);
			if (Math.abs(lb) > this.prog.numLb) this.prog.numLb = Math.abs(lb);
			checkId.out = new PatchList(checkId.i << 1, checkId.i << 1);
			return checkId;
		}
		compile(re) {
			return RegexpWalker.walk(re, this.walker);
		}
		leaf(re) {
			switch (re.op) {
				case Regexp.Op.NO_MATCH: return this.fail();
				case Regexp.Op.EMPTY_MATCH: return this.nop();
				case Regexp.Op.LITERAL: {
					if (re.runes.length === 0) return this.nop();
					let f = null;
					for (let r of re.runes) {
						let singleRune = this.runeCache.get(r);
						if (singleRune === void 0) {
							singleRune = new Int32Array([r]);
							this.runeCache.set(r, singleRune);
						}
						const f1 = this.rune(singleRune, re.flags);
						f = f === null ? f1 : this.cat(f, f1);
					}
					return f;
				}
				case Regexp.Op.CHAR_CLASS: return this.rune(re.runes, re.flags);
				case Regexp.Op.ANY_CHAR_NOT_NL: return this.rune(ANY_RUNE_NOT_NL, 0);
				case Regexp.Op.ANY_CHAR: return this.rune(ANY_RUNE, 0);
				case Regexp.Op.BEGIN_LINE: return this.empty(Utils.EMPTY_BEGIN_LINE);
				case Regexp.Op.END_LINE: return this.empty(Utils.EMPTY_END_LINE);
				case Regexp.Op.BEGIN_TEXT: return this.empty(Utils.EMPTY_BEGIN_TEXT);
				case Regexp.Op.END_TEXT: return this.empty(Utils.EMPTY_END_TEXT);
				case Regexp.Op.WORD_BOUNDARY: return this.empty(Utils.EMPTY_WORD_BOUNDARY);
				case Regexp.Op.NO_WORD_BOUNDARY: return this.empty(Utils.EMPTY_NO_WORD_BOUNDARY);
				case Regexp.Op.CONCAT:
				case Regexp.Op.ALTERNATE: return this.nop();
				default: throw new RE2JSCompileException("regexp: unhandled case in compile");
			}
		}
		enter(re) {
			switch (re.op) {
				case Regexp.Op.PLB:
				case Regexp.Op.NLB:
				case Regexp.Op.STAR:
				case Regexp.Op.PLUS:
				case Regexp.Op.QUEST: return { sub: null };
				case Regexp.Op.CAPTURE: return {
					bra: this.cap(re.cap << 1),
					sub: null
				};
				case Regexp.Op.CONCAT:
				case Regexp.Op.ALTERNATE: return { f: null };
				default: throw new RE2JSCompileException("regexp: unhandled case in compile");
			}
		}
		child(re, state, f1) {
			if (re.op === Regexp.Op.CONCAT) state.f = state.f === null ? f1 : this.cat(state.f, f1);
			else if (re.op === Regexp.Op.ALTERNATE) state.f = state.f === null ? f1 : this.alt(state.f, f1);
			else state.sub = f1;
		}
		leave(re, state) {
			switch (re.op) {
				case Regexp.Op.PLB:
				case Regexp.Op.NLB: return this.lookBehind(state.sub, re.lb);
				case Regexp.Op.CAPTURE: {
					const ket = this.cap(re.cap << 1 | 1);
					return this.cat(this.cat(state.bra, state.sub), ket);
				}
				case Regexp.Op.STAR: return this.star(state.sub, (re.flags & RE2Flags.NON_GREEDY) !== 0);
				case Regexp.Op.PLUS: return this.plus(state.sub, (re.flags & RE2Flags.NON_GREEDY) !== 0);
				case Regexp.Op.QUEST: return this.quest(state.sub, (re.flags & RE2Flags.NON_GREEDY) !== 0);
				case Regexp.Op.CONCAT:
				case Regexp.Op.ALTERNATE: return state.f;
				default: throw new RE2JSCompileException("regexp: unhandled case in compile");
			}
		}
	};
	var Simplify = class Simplify {
		static simplify(re) {
			if (re === null) return null;
			return RegexpWalker.walk(re, Simplify.WALKER);
		}
		static WALKER = {
			leaf: (re) => Simplify.leaf(re),
			enter: (re) => Simplify.enter(re),
			child: (re, state, result, i) => Simplify.child(re, state, result, i),
			leave: (re, state) => Simplify.leave(re, state)
		};
		static leaf(re) {
			if (re.op === Regexp.Op.CHAR_CLASS) {
				if (re.runes === null) return re;
				if (re.runes.length === 0) return new Regexp(Regexp.Op.NO_MATCH);
				if (re.runes.length === 2 && re.runes[0] === 0 && re.runes[1] === Unicode.MAX_RUNE) return new Regexp(Regexp.Op.ANY_CHAR);
				if (re.runes.length === 4 && re.runes[0] === 0 && re.runes[1] === Codepoint.CODES["\n"] - 1 && re.runes[2] === Codepoint.CODES["\n"] + 1 && re.runes[3] === Unicode.MAX_RUNE) return new Regexp(Regexp.Op.ANY_CHAR_NOT_NL);
			}
			return re;
		}
		static enter(re) {
			switch (re.op) {
				case Regexp.Op.PLB:
				case Regexp.Op.NLB:
				case Regexp.Op.CAPTURE:
				case Regexp.Op.STAR:
				case Regexp.Op.PLUS:
				case Regexp.Op.QUEST: return { sub: null };
				case Regexp.Op.CONCAT:
				case Regexp.Op.ALTERNATE: return {
					subs: [],
					changed: false
				};
				case Regexp.Op.REPEAT:
					if (re.min === 0 && re.max === 0) return { result: new Regexp(Regexp.Op.EMPTY_MATCH) };
					return { sub: null };
				default: return { result: re };
			}
		}
		static child(re, state, nsub, i) {
			if (state.subs === void 0) {
				state.sub = nsub;
				return;
			}
			if (nsub !== re.subs[i]) state.changed = true;
			if (re.op === Regexp.Op.CONCAT) {
				if (nsub.op === Regexp.Op.NO_MATCH) {
					state.result = new Regexp(Regexp.Op.NO_MATCH);
					return;
				}
				if (nsub.op === Regexp.Op.EMPTY_MATCH) {
					state.changed = true;
					return;
				}
				if (nsub.op === Regexp.Op.CONCAT) {
					state.changed = true;
					for (let j = 0; j < nsub.subs.length; j++) state.subs.push(nsub.subs[j]);
					return;
				}
			} else {
				if (nsub.op === Regexp.Op.NO_MATCH) {
					state.changed = true;
					return;
				}
				if (nsub.op === Regexp.Op.ALTERNATE) {
					state.changed = true;
					for (let j = 0; j < nsub.subs.length; j++) state.subs.push(nsub.subs[j]);
					return;
				}
			}
			state.subs.push(nsub);
		}
		static leave(re, state) {
			switch (re.op) {
				case Regexp.Op.PLB:
				case Regexp.Op.NLB:
				case Regexp.Op.CAPTURE: {
					const sub = state.sub;
					if (sub !== re.subs[0]) {
						const nre = Regexp.fromRegexp(re);
						nre.runes = /* @__PURE__ */ new Int32Array(0);
						nre.subs = [sub];
						return nre;
					}
					return re;
				}
				case Regexp.Op.CONCAT:
				case Regexp.Op.ALTERNATE:
					if (state.changed) {
						const newSubs = state.subs;
						if (newSubs.length === 0) return new Regexp(re.op === Regexp.Op.CONCAT ? Regexp.Op.EMPTY_MATCH : Regexp.Op.NO_MATCH);
						if (newSubs.length === 1) return newSubs[0];
						const nre = Regexp.fromRegexp(re);
						nre.runes = /* @__PURE__ */ new Int32Array(0);
						nre.subs = newSubs;
						return nre;
					}
					return re;
				case Regexp.Op.STAR:
				case Regexp.Op.PLUS:
				case Regexp.Op.QUEST: return Simplify.simplify1(re.op, re.flags, state.sub, re);
				case Regexp.Op.REPEAT: return Simplify.simplifyRepeat(re, state.sub);
				default: return re;
			}
		}
		static simplifyRepeat(re, sub) {
			if (re.max === -1) {
				if (re.min === 0) return Simplify.simplify1(Regexp.Op.STAR, re.flags, sub, null);
				if (re.min === 1) return Simplify.simplify1(Regexp.Op.PLUS, re.flags, sub, null);
				const subs = [];
				for (let i = 0; i < re.min - 1; i++) subs.push(sub);
				subs.push(Simplify.simplify1(Regexp.Op.PLUS, re.flags, sub, null));
				return Simplify.concat(subs);
			}
			if (re.min === 1 && re.max === 1) return sub;
			let prefixSubs = null;
			if (re.min > 0) {
				prefixSubs = [];
				for (let i = 0; i < re.min; i++) prefixSubs.push(sub);
			}
			if (re.max > re.min) {
				let suffix = Simplify.simplify1(Regexp.Op.QUEST, re.flags, sub, null);
				for (let i = re.min + 1; i < re.max; i++) suffix = Simplify.simplify1(Regexp.Op.QUEST, re.flags, Simplify.concat([sub, suffix]), null);
				if (prefixSubs === null) return suffix;
				prefixSubs.push(suffix);
			}
			if (prefixSubs !== null) return Simplify.concat(prefixSubs);
			return new Regexp(Regexp.Op.NO_MATCH);
		}
		static concat(subs) {
			const newSubs = [];
			for (let i = 0; i < subs.length; i++) {
				const sub = subs[i];
				if (sub.op === Regexp.Op.NO_MATCH) return new Regexp(Regexp.Op.NO_MATCH);
				if (sub.op === Regexp.Op.EMPTY_MATCH) continue;
				if (sub.op === Regexp.Op.CONCAT) {
					for (let j = 0; j < sub.subs.length; j++) newSubs.push(sub.subs[j]);
					continue;
				}
				newSubs.push(sub);
			}
			if (newSubs.length === 0) return new Regexp(Regexp.Op.EMPTY_MATCH);
			if (newSubs.length === 1) return newSubs[0];
			const nre = new Regexp(Regexp.Op.CONCAT);
			nre.subs = newSubs;
			return nre;
		}
		static simplify1(op, flags, sub, re) {
			if (sub.op === Regexp.Op.EMPTY_MATCH) return sub;
			if (sub.op === Regexp.Op.NO_MATCH) {
				if (op === Regexp.Op.PLUS) return sub;
				return new Regexp(Regexp.Op.EMPTY_MATCH);
			}
			if (op === sub.op && (flags & RE2Flags.NON_GREEDY) === (sub.flags & RE2Flags.NON_GREEDY)) return sub;
			if (re !== null && re.op === op && (re.flags & RE2Flags.NON_GREEDY) === (flags & RE2Flags.NON_GREEDY) && sub === re.subs[0]) return re;
			const nre = new Regexp(op);
			nre.flags = flags;
			nre.subs = [sub];
			return nre;
		}
	};
	var CharGroup = class {
		constructor(sign, cls) {
			this.sign = sign;
			this.cls = cls;
		}
	};
	const code1 = [48, 57];
	const code2 = [
		9,
		10,
		12,
		13,
		32,
		32
	];
	const code3 = [
		48,
		57,
		65,
		90,
		95,
		95,
		97,
		122
	];
	const PERL_GROUPS = /* @__PURE__ */ new Map([
		["\\d", new CharGroup(1, code1)],
		["\\D", new CharGroup(-1, code1)],
		["\\s", new CharGroup(1, code2)],
		["\\S", new CharGroup(-1, code2)],
		["\\w", new CharGroup(1, code3)],
		["\\W", new CharGroup(-1, code3)]
	]);
	const code4 = [
		48,
		57,
		65,
		90,
		97,
		122
	];
	const code5 = [
		65,
		90,
		97,
		122
	];
	const code6 = [0, 127];
	const code7 = [
		9,
		9,
		32,
		32
	];
	const code8 = [
		0,
		31,
		127,
		127
	];
	const code9 = [48, 57];
	const code10 = [33, 126];
	const code11 = [97, 122];
	const code12 = [32, 126];
	const code13 = [
		33,
		47,
		58,
		64,
		91,
		96,
		123,
		126
	];
	const code14 = [
		9,
		13,
		32,
		32
	];
	const code15 = [65, 90];
	const code16 = [
		48,
		57,
		65,
		90,
		95,
		95,
		97,
		122
	];
	const code17 = [
		48,
		57,
		65,
		70,
		97,
		102
	];
	const POSIX_GROUPS = /* @__PURE__ */ new Map([
		["[:alnum:]", new CharGroup(1, code4)],
		["[:^alnum:]", new CharGroup(-1, code4)],
		["[:alpha:]", new CharGroup(1, code5)],
		["[:^alpha:]", new CharGroup(-1, code5)],
		["[:ascii:]", new CharGroup(1, code6)],
		["[:^ascii:]", new CharGroup(-1, code6)],
		["[:blank:]", new CharGroup(1, code7)],
		["[:^blank:]", new CharGroup(-1, code7)],
		["[:cntrl:]", new CharGroup(1, code8)],
		["[:^cntrl:]", new CharGroup(-1, code8)],
		["[:digit:]", new CharGroup(1, code9)],
		["[:^digit:]", new CharGroup(-1, code9)],
		["[:graph:]", new CharGroup(1, code10)],
		["[:^graph:]", new CharGroup(-1, code10)],
		["[:lower:]", new CharGroup(1, code11)],
		["[:^lower:]", new CharGroup(-1, code11)],
		["[:print:]", new CharGroup(1, code12)],
		["[:^print:]", new CharGroup(-1, code12)],
		["[:punct:]", new CharGroup(1, code13)],
		["[:^punct:]", new CharGroup(-1, code13)],
		["[:space:]", new CharGroup(1, code14)],
		["[:^space:]", new CharGroup(-1, code14)],
		["[:upper:]", new CharGroup(1, code15)],
		["[:^upper:]", new CharGroup(-1, code15)],
		["[:word:]", new CharGroup(1, code16)],
		["[:^word:]", new CharGroup(-1, code16)],
		["[:xdigit:]", new CharGroup(1, code17)],
		["[:^xdigit:]", new CharGroup(-1, code17)]
	]);
	var CharClass = class CharClass {
		static charClassToString(r, len) {
			let result = "[";
			for (let i = 0; i < len; i += 2) {
				if (i > 0) result += " ";
				const lo = r[i];
				const hi = r[i + 1];
				if (lo === hi) result += `0x${lo.toString(16)}`;
				else result += `0x${lo.toString(16)}-0x${hi.toString(16)}`;
			}
			result += "]";
			return result;
		}
		static sortRanges(array, len) {
			const n = len >> 1;
			const order = new Array(n);
			for (let i = 0; i < n; i++) order[i] = i;
			order.sort((a, b) => array[2 * a] - array[2 * b] || array[2 * b + 1] - array[2 * a + 1]);
			const sorted = array.slice(0, len);
			for (let i = 0; i < n; i++) {
				array[2 * i] = sorted[2 * order[i]];
				array[2 * i + 1] = sorted[2 * order[i] + 1];
			}
		}
		constructor(r = Utils.emptyInts()) {
			this.r = r;
			this.len = r.length;
		}
		toArray() {
			if (this.r instanceof Int32Array) return this.len === this.r.length ? this.r : this.r.subarray(0, this.len);
			return new Int32Array(this.len === this.r.length ? this.r : this.r.slice(0, this.len));
		}
		toGrowableArray() {
			if (Array.isArray(this.r)) {
				this.r.length = this.len;
				return this.r;
			}
			return Array.from(this.r.subarray(0, this.len));
		}
		cleanClass() {
			if (this.len < 4) return this;
			CharClass.sortRanges(this.r, this.len);
			let w = 2;
			for (let i = 2; i < this.len; i += 2) {
				const lo = this.r[i];
				const hi = this.r[i + 1];
				if (lo <= this.r[w - 1] + 1) {
					if (hi > this.r[w - 1]) this.r[w - 1] = hi;
					continue;
				}
				this.r[w] = lo;
				this.r[w + 1] = hi;
				w += 2;
			}
			this.len = w;
			return this;
		}
		appendLiteral(x, flags) {
			return (flags & RE2Flags.FOLD_CASE) !== 0 ? this.appendFoldedRange(x, x) : this.appendRange(x, x);
		}
		appendRange(lo, hi) {
			if (this.len > 0) {
				for (let i = 2; i <= 4; i += 2) if (this.len >= i) {
					const rlo = this.r[this.len - i];
					const rhi = this.r[this.len - i + 1];
					if (lo <= rhi + 1 && rlo <= hi + 1) {
						if (lo < rlo) this.r[this.len - i] = lo;
						if (hi > rhi) this.r[this.len - i + 1] = hi;
						return this;
					}
				}
			}
			this.r[this.len++] = lo;
			this.r[this.len++] = hi;
			return this;
		}
		appendFoldedRange(lo, hi) {
			if (lo <= Unicode.MIN_FOLD && hi >= Unicode.MAX_FOLD) return this.appendRange(lo, hi);
			if (hi < Unicode.MIN_FOLD || lo > Unicode.MAX_FOLD) return this.appendRange(lo, hi);
			if (lo < Unicode.MIN_FOLD) {
				this.appendRange(lo, Unicode.MIN_FOLD - 1);
				lo = Unicode.MIN_FOLD;
			}
			if (hi > Unicode.MAX_FOLD) {
				this.appendRange(Unicode.MAX_FOLD + 1, hi);
				hi = Unicode.MAX_FOLD;
			}
			for (let c = lo; c <= hi; c++) {
				this.appendRange(c, c);
				for (let f = Unicode.simpleFold(c); f !== c; f = Unicode.simpleFold(f)) this.appendRange(f, f);
			}
			return this;
		}
		appendClass(x) {
			for (let i = 0; i < x.length; i += 2) this.appendRange(x[i], x[i + 1]);
			return this;
		}
		appendFoldedClass(x) {
			for (let i = 0; i < x.length; i += 2) this.appendFoldedRange(x[i], x[i + 1]);
			return this;
		}
		appendNegatedClass(x) {
			let nextLo = 0;
			for (let i = 0; i < x.length; i += 2) {
				const lo = x[i];
				const hi = x[i + 1];
				if (nextLo <= lo - 1) this.appendRange(nextLo, lo - 1);
				nextLo = hi + 1;
			}
			if (nextLo <= Unicode.MAX_RUNE) this.appendRange(nextLo, Unicode.MAX_RUNE);
			return this;
		}
		appendTable(table) {
			for (let i = 0; i < table.length; ++i) {
				const lo = table.getLo(i);
				const hi = table.getHi(i);
				const stride = table.getStride(i);
				if (stride === 1) {
					this.appendRange(lo, hi);
					continue;
				}
				for (let c = lo; c <= hi; c += stride) this.appendRange(c, c);
			}
			return this;
		}
		appendNegatedTable(table) {
			let nextLo = 0;
			for (let i = 0; i < table.length; ++i) {
				const lo = table.getLo(i);
				const hi = table.getHi(i);
				const stride = table.getStride(i);
				if (stride === 1) {
					if (nextLo <= lo - 1) this.appendRange(nextLo, lo - 1);
					nextLo = hi + 1;
					continue;
				}
				for (let c = lo; c <= hi; c += stride) {
					if (nextLo <= c - 1) this.appendRange(nextLo, c - 1);
					nextLo = c + 1;
				}
			}
			if (nextLo <= Unicode.MAX_RUNE) this.appendRange(nextLo, Unicode.MAX_RUNE);
			return this;
		}
		appendTableWithSign(table, sign) {
			return sign < 0 ? this.appendNegatedTable(table) : this.appendTable(table);
		}
		negateClass() {
			let nextLo = 0;
			let w = 0;
			for (let i = 0; i < this.len; i += 2) {
				const lo = this.r[i];
				const hi = this.r[i + 1];
				if (nextLo <= lo - 1) {
					this.r[w] = nextLo;
					this.r[w + 1] = lo - 1;
					w += 2;
				}
				nextLo = hi + 1;
			}
			this.len = w;
			if (nextLo <= Unicode.MAX_RUNE) {
				this.r[this.len++] = nextLo;
				this.r[this.len++] = Unicode.MAX_RUNE;
			}
			return this;
		}
		appendClassWithSign(x, sign) {
			return sign < 0 ? this.appendNegatedClass(x) : this.appendClass(x);
		}
		appendGroup(g, foldCase) {
			let cls = g.cls;
			if (foldCase) cls = new CharClass().appendFoldedClass(cls).cleanClass().toArray();
			return this.appendClassWithSign(cls, g.sign);
		}
		toString() {
			return CharClass.charClassToString(this.r, this.len);
		}
	};
	var StringIterator = class {
		constructor(str) {
			this.str = str;
			this.position = 0;
		}
		pos() {
			return this.position;
		}
		rewindTo(pos) {
			this.position = pos;
		}
		more() {
			return this.position < this.str.length;
		}
		peek() {
			return this.str.codePointAt(this.position);
		}
		skip(n) {
			this.position += n;
		}
		skipString(s) {
			this.position += s.length;
		}
		pop() {
			const r = this.str.codePointAt(this.position);
			this.position += Utils.charCount(r);
			return r;
		}
		lookingAt(s) {
			return this.str.startsWith(s, this.position);
		}
		rest() {
			return this.str.substring(this.position);
		}
		from(beforePos) {
			return this.str.substring(beforePos, this.position);
		}
		toString() {
			return this.rest();
		}
	};
	var Parser = class Parser {
		static ERR_INTERNAL_ERROR = "regexp/syntax: internal error";
		static ERR_INVALID_CHAR_RANGE = "invalid character class range";
		static ERR_INVALID_ESCAPE = "invalid escape sequence";
		static ERR_INVALID_NAMED_CAPTURE = "invalid named capture";
		static ERR_INVALID_PERL_OP = "invalid or unsupported Perl syntax";
		static ERR_INVALID_REPEAT_OP = "invalid nested repetition operator";
		static ERR_INVALID_REPEAT_SIZE = "invalid repeat count";
		static ERR_MISSING_BRACKET = "missing closing ]";
		static ERR_MISSING_PAREN = "missing closing )";
		static ERR_MISSING_REPEAT_ARGUMENT = "missing argument to repetition operator";
		static ERR_TRAILING_BACKSLASH = "trailing backslash at end of expression";
		static ERR_DUPLICATE_NAMED_CAPTURE = "duplicate capture group name";
		static ERR_UNEXPECTED_PAREN = "unexpected )";
		static ERR_NESTING_DEPTH = "expression nests too deeply";
		static ERR_LARGE = "expression too large";
		static ERR_INVALID_CAPTURE_IN_LOOKBEHIND = "invalid capture in lookbehind";
		static MAX_HEIGHT = 1e3;
		static MAX_SIZE = 1398101;
		static MAX_RUNES = 33554432;
		static ANY_TABLE = new UnicodeRangeTable(new Uint32Array([
			0,
			Unicode.MAX_RUNE,
			1
		]));
		static ASCII_TABLE = new UnicodeRangeTable(new Uint32Array([
			0,
			127,
			1
		]));
		static ASCII_FOLD_TABLE = new UnicodeRangeTable(new Uint32Array([
			0,
			127,
			1,
			383,
			383,
			1,
			8490,
			8490,
			1
		]));
		static unicodeTable(name) {
			if (name === "Any") return {
				tab: Parser.ANY_TABLE,
				fold: Parser.ANY_TABLE,
				sign: 1
			};
			if (name === "Ascii") return {
				tab: Parser.ASCII_TABLE,
				fold: Parser.ASCII_FOLD_TABLE,
				sign: 1
			};
			if (name === "Assigned") return {
				tab: UnicodeTables.CATEGORIES.get("Cn"),
				fold: UnicodeTables.CATEGORIES.get("Cn"),
				sign: -1
			};
			if (name === "Lc") return {
				tab: UnicodeTables.CATEGORIES.get("LC"),
				fold: UnicodeTables.FOLD_CATEGORIES.get("LC"),
				sign: 1
			};
			if (UnicodeTables.CATEGORIES.has(name)) return {
				tab: UnicodeTables.CATEGORIES.get(name),
				fold: UnicodeTables.FOLD_CATEGORIES.get(name),
				sign: 1
			};
			if (UnicodeTables.SCRIPTS.has(name)) return {
				tab: UnicodeTables.SCRIPTS.get(name),
				fold: UnicodeTables.FOLD_SCRIPT.get(name),
				sign: 1
			};
			return null;
		}
		static minFoldRune(r) {
			if (r < Unicode.MIN_FOLD || r > Unicode.MAX_FOLD) return r;
			let min = r;
			const r0 = r;
			for (r = Unicode.simpleFold(r); r !== r0; r = Unicode.simpleFold(r)) if (min > r) min = r;
			return min;
		}
		static leadingRegexp(re) {
			if (re.op === Regexp.Op.EMPTY_MATCH) return null;
			if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) {
				const sub = re.subs[0];
				if (sub.op === Regexp.Op.EMPTY_MATCH) return null;
				return sub;
			}
			return re;
		}
		static literalRegexp(s, flags) {
			const re = new Regexp(Regexp.Op.LITERAL);
			re.flags = flags;
			re.runes = Utils.stringToRunes(s);
			return re;
		}
		static parse(pattern, flags) {
			return new Parser(pattern, flags).parseInternal();
		}
		static parseRepeat(t) {
			const start = t.pos();
			if (!t.more() || !t.lookingAt("{")) return -1;
			t.skip(1);
			const min = Parser.parseInt(t);
			if (min === -1) return -1;
			if (!t.more()) return -1;
			let max;
			if (!t.lookingAt(",")) max = min;
			else {
				t.skip(1);
				if (!t.more()) return -1;
				if (t.lookingAt("}")) max = -1;
				else if ((max = Parser.parseInt(t)) === -1) return -1;
			}
			if (!t.more() || !t.lookingAt("}")) return -1;
			t.skip(1);
			if (min < 0 || min > 1e3 || max === -2 || max > 1e3 || max >= 0 && min > max) throw new RE2JSSyntaxException(Parser.ERR_INVALID_REPEAT_SIZE, t.from(start));
			return min << 16 | max & Unicode.MAX_BMP;
		}
		static isValidCaptureName(name) {
			if (name.length === 0) return false;
			for (let i = 0; i < name.length; i++) {
				const c = name.codePointAt(i);
				if (c !== Codepoint.CODES["_"] && !Utils.isalnum(c)) return false;
			}
			return true;
		}
		static parseInt(t) {
			const start = t.pos();
			while (t.more() && t.peek() >= Codepoint.CODES["0"] && t.peek() <= Codepoint.CODES["9"]) t.skip(1);
			const n = t.from(start);
			if (n.length === 0 || n.length > 1 && n.codePointAt(0) === Codepoint.CODES["0"]) return -1;
			if (n.length > 8) return -2;
			return parseInt(n, 10);
		}
		static isCharClass(re) {
			return re.op === Regexp.Op.LITERAL && re.runes.length === 1 || re.op === Regexp.Op.CHAR_CLASS || re.op === Regexp.Op.ANY_CHAR_NOT_NL || re.op === Regexp.Op.ANY_CHAR;
		}
		static matchRune(re, r) {
			switch (re.op) {
				case Regexp.Op.LITERAL: return re.runes.length === 1 && re.runes[0] === r;
				case Regexp.Op.CHAR_CLASS:
					for (let i = 0; i < re.runes.length; i += 2) if (re.runes[i] <= r && r <= re.runes[i + 1]) return true;
					return false;
				case Regexp.Op.ANY_CHAR_NOT_NL: return r !== Codepoint.CODES["\n"];
				case Regexp.Op.ANY_CHAR: return true;
			}
			return false;
		}
		static mergeCharClass(dst, src) {
			switch (dst.op) {
				case Regexp.Op.ANY_CHAR: break;
				case Regexp.Op.ANY_CHAR_NOT_NL:
					if (Parser.matchRune(src, Codepoint.CODES["\n"])) dst.op = Regexp.Op.ANY_CHAR;
					break;
				case Regexp.Op.CHAR_CLASS: {
					const cc = new CharClass(Array.isArray(dst.runes) ? dst.runes : Array.from(dst.runes));
					if (src.op === Regexp.Op.LITERAL) cc.appendLiteral(src.runes[0], src.flags);
					else cc.appendClass(src.runes);
					dst.runes = cc.toGrowableArray();
					break;
				}
				case Regexp.Op.LITERAL:
					if (src.runes[0] === dst.runes[0] && src.flags === dst.flags) break;
					dst.op = Regexp.Op.CHAR_CLASS;
					dst.runes = new CharClass().appendLiteral(dst.runes[0], dst.flags).appendLiteral(src.runes[0], src.flags).toGrowableArray();
			}
		}
		static parseEscape(t) {
			const startPos = t.pos();
			t.skip(1);
			if (!t.more()) throw new RE2JSSyntaxException(Parser.ERR_TRAILING_BACKSLASH);
			let c = t.pop();
			bigswitch: switch (c) {
				case Codepoint.CODES["1"]:
				case Codepoint.CODES["2"]:
				case Codepoint.CODES["3"]:
				case Codepoint.CODES["4"]:
				case Codepoint.CODES["5"]:
				case Codepoint.CODES["6"]:
				case Codepoint.CODES["7"]: if (!t.more() || t.peek() < Codepoint.CODES["0"] || t.peek() > Codepoint.CODES["7"]) break;
				case Codepoint.CODES["0"]: {
					let r = c - Codepoint.CODES["0"];
					for (let i = 1; i < 3; i++) {
						if (!t.more() || t.peek() < Codepoint.CODES["0"] || t.peek() > Codepoint.CODES["7"]) break;
						r = r * 8 + t.peek() - Codepoint.CODES["0"];
						t.skip(1);
					}
					return r;
				}
				case Codepoint.CODES["x"]: {
					if (!t.more()) break;
					c = t.pop();
					if (c === Codepoint.CODES["{"]) {
						let nhex = 0;
						let r = 0;
						while (true) {
							if (!t.more()) break bigswitch;
							c = t.pop();
							if (c === Codepoint.CODES["}"]) break;
							const v = Utils.unhex(c);
							if (v < 0) break bigswitch;
							r = r * 16 + v;
							if (r > Unicode.MAX_RUNE) break bigswitch;
							nhex++;
						}
						if (nhex === 0) break bigswitch;
						return r;
					}
					const x = Utils.unhex(c);
					if (!t.more()) break;
					c = t.pop();
					const y = Utils.unhex(c);
					if (x < 0 || y < 0) break;
					return x * 16 + y;
				}
				case Codepoint.CODES["a"]: return Codepoint.CODES["\x07"];
				case Codepoint.CODES["f"]: return Codepoint.CODES["\f"];
				case Codepoint.CODES["n"]: return Codepoint.CODES["\n"];
				case Codepoint.CODES["r"]: return Codepoint.CODES["\r"];
				case Codepoint.CODES["t"]: return Codepoint.CODES["	"];
				case Codepoint.CODES["v"]: return Codepoint.CODES["\v"];
				default: if (c <= Unicode.MAX_ASCII && !Utils.isalnum(c)) return c;
			}
			throw new RE2JSSyntaxException(Parser.ERR_INVALID_ESCAPE, t.from(startPos));
		}
		static parseClassChar(t, wholeClassPos) {
			if (!t.more()) throw new RE2JSSyntaxException(Parser.ERR_MISSING_BRACKET, t.from(wholeClassPos));
			if (t.lookingAt("\\")) return Parser.parseEscape(t);
			return t.pop();
		}
		static hasCapture(re) {
			if (re === null) return false;
			if (re.op === Regexp.Op.CAPTURE) return true;
			if (re.subs) {
				for (let sub of re.subs) if (Parser.hasCapture(sub)) return true;
			}
			return false;
		}
		constructor(wholeRegexp, flags = 0) {
			this.wholeRegexp = wholeRegexp;
			this.flags = flags;
			this.numCap = 0;
			this.namedGroups = Object.create(null);
			this.stack = [];
			this.free = null;
			this.numRegexp = 0;
			this.numRunes = 0;
			this.repeats = 0;
			this.height = null;
			this.size = null;
			this.nlb = 0;
		}
		newRegexp(op) {
			let re = this.free;
			if (re !== null && re.subs !== null && re.subs.length > 0) {
				this.free = re.subs[0];
				re.reinit();
				re.op = op;
			} else {
				re = new Regexp(op);
				this.numRegexp += 1;
			}
			return re;
		}
		reuse(re) {
			if (this.height !== null && this.height.has(re)) this.height.delete(re);
			if (re.subs !== null && re.subs.length > 0) re.subs[0] = this.free;
			this.free = re;
		}
		checkLimits(re) {
			if (this.numRunes > Parser.MAX_RUNES) throw new RE2JSSyntaxException(Parser.ERR_LARGE);
			this.checkSize(re);
			this.checkHeight(re);
		}
		checkSize(re) {
			if (this.size === null) {
				if (this.repeats === 0) this.repeats = 1;
				if (re.op === Regexp.Op.REPEAT) {
					let n = re.max;
					if (n === -1) n = re.min;
					if (n <= 0) n = 1;
					if (n > Math.floor(Parser.MAX_SIZE / this.repeats)) this.repeats = Parser.MAX_SIZE;
					else this.repeats *= n;
				}
				if (this.numRegexp < Math.floor(Parser.MAX_SIZE / this.repeats)) return;
				this.size = /* @__PURE__ */ new Map();
				for (let reEx of this.stack) this.checkSize(reEx);
			}
			if (this.calcSize(re, true) > Parser.MAX_SIZE) throw new RE2JSSyntaxException(Parser.ERR_LARGE);
		}
		calcSize(re, force = false) {
			if (!force && this.size !== null) {
				if (this.size.has(re)) return this.size.get(re);
			}
			let size = 0;
			switch (re.op) {
				case Regexp.Op.LITERAL:
					size = re.runes.length;
					break;
				case Regexp.Op.PLB:
				case Regexp.Op.NLB:
				case Regexp.Op.CAPTURE:
				case Regexp.Op.STAR:
					size = 2 + this.calcSize(re.subs[0]);
					break;
				case Regexp.Op.PLUS:
				case Regexp.Op.QUEST:
					size = 1 + this.calcSize(re.subs[0]);
					break;
				case Regexp.Op.CONCAT:
					for (let sub of re.subs) size = size + this.calcSize(sub);
					break;
				case Regexp.Op.ALTERNATE:
					for (let sub of re.subs) size = size + this.calcSize(sub);
					if (re.subs.length > 1) size = size + re.subs.length - 1;
					break;
				case Regexp.Op.REPEAT: {
					let sub = this.calcSize(re.subs[0]);
					if (re.max === -1) {
						if (re.min === 0) size = 2 + sub;
						else size = 1 + re.min * sub;
						break;
					}
					size = re.max * sub + (re.max - re.min);
					break;
				}
			}
			size = Math.max(1, size);
			if (this.size === null) this.size = /* @__PURE__ */ new Map();
			this.size.set(re, size);
			return size;
		}
		checkHeight(re) {
			if (this.numRegexp < Parser.MAX_HEIGHT) return;
			if (this.height === null) {
				this.height = /* @__PURE__ */ new Map();
				for (let reEx of this.stack) this.checkHeight(reEx);
			}
			if (this.calcHeight(re, true) > Parser.MAX_HEIGHT) throw new RE2JSSyntaxException(Parser.ERR_NESTING_DEPTH);
		}
		calcHeight(re, force = false) {
			if (!force && this.height !== null) {
				if (this.height.has(re)) return this.height.get(re);
			}
			let h = 1;
			for (let sub of re.subs) {
				const hsub = this.calcHeight(sub);
				if (h < 1 + hsub) h = 1 + hsub;
			}
			if (this.height === null) this.height = /* @__PURE__ */ new Map();
			this.height.set(re, h);
			return h;
		}
		pop() {
			return this.stack.pop();
		}
		popToPseudo() {
			const n = this.stack.length;
			let i = n;
			while (i > 0 && !Regexp.isPseudoOp(this.stack[i - 1].op)) i--;
			return this.stack.splice(i, n - i);
		}
		push(re) {
			this.numRunes += re.runes.length;
			if (re.op === Regexp.Op.CHAR_CLASS && re.runes.length === 2 && re.runes[0] === re.runes[1]) {
				if (this.maybeConcat(re.runes[0], this.flags & ~RE2Flags.FOLD_CASE)) return null;
				re.op = Regexp.Op.LITERAL;
				re.runes = [re.runes[0]];
				re.flags = this.flags & ~RE2Flags.FOLD_CASE;
			} else if (re.op === Regexp.Op.CHAR_CLASS && re.runes.length === 4 && re.runes[0] === re.runes[1] && re.runes[2] === re.runes[3] && Unicode.simpleFold(re.runes[0]) === re.runes[2] && Unicode.simpleFold(re.runes[2]) === re.runes[0] || re.op === Regexp.Op.CHAR_CLASS && re.runes.length === 2 && re.runes[0] + 1 === re.runes[1] && Unicode.simpleFold(re.runes[0]) === re.runes[1] && Unicode.simpleFold(re.runes[1]) === re.runes[0]) {
				if (this.maybeConcat(re.runes[0], this.flags | RE2Flags.FOLD_CASE)) return null;
				re.op = Regexp.Op.LITERAL;
				re.runes = [re.runes[0]];
				re.flags = this.flags | RE2Flags.FOLD_CASE;
			} else this.maybeConcat(-1, 0);
			this.stack.push(re);
			this.checkLimits(re);
			return re;
		}
		maybeConcat(r, flags) {
			const n = this.stack.length;
			if (n < 2) return false;
			const re1 = this.stack[n - 1];
			const re2 = this.stack[n - 2];
			if (re1.op !== Regexp.Op.LITERAL || re2.op !== Regexp.Op.LITERAL || (re1.flags & RE2Flags.FOLD_CASE) !== (re2.flags & RE2Flags.FOLD_CASE)) return false;
			if (!Array.isArray(re2.runes)) re2.runes = Array.from(re2.runes);
			for (let i = 0; i < re1.runes.length; i++) re2.runes.push(re1.runes[i]);
			if (r >= 0) {
				re1.runes = [r];
				re1.flags = flags;
				return true;
			}
			this.pop();
			this.reuse(re1);
			return false;
		}
		newLiteral(r, flags) {
			const re = this.newRegexp(Regexp.Op.LITERAL);
			re.flags = flags;
			if ((flags & RE2Flags.FOLD_CASE) !== 0) r = Parser.minFoldRune(r);
			re.runes = [r];
			return re;
		}
		literal(r) {
			this.push(this.newLiteral(r, this.flags));
		}
		op(op) {
			const re = this.newRegexp(op);
			re.flags = this.flags;
			return this.push(re);
		}
		repeat(op, min, max, beforePos, t, lastRepeatPos) {
			let flags = this.flags;
			if ((flags & RE2Flags.PERL_X) !== 0) {
				if (t.more() && t.lookingAt("?")) {
					t.skip(1);
					flags ^= RE2Flags.NON_GREEDY;
				}
				if (lastRepeatPos !== -1) throw new RE2JSSyntaxException(Parser.ERR_INVALID_REPEAT_OP, t.from(lastRepeatPos));
			}
			const n = this.stack.length;
			if (n === 0) throw new RE2JSSyntaxException(Parser.ERR_MISSING_REPEAT_ARGUMENT, t.from(beforePos));
			const sub = this.stack[n - 1];
			if (Regexp.isPseudoOp(sub.op)) throw new RE2JSSyntaxException(Parser.ERR_MISSING_REPEAT_ARGUMENT, t.from(beforePos));
			const re = this.newRegexp(op);
			re.min = min;
			re.max = max;
			re.flags = flags;
			re.subs = [sub];
			this.stack[n - 1] = re;
			this.checkLimits(re);
			if (op === Regexp.Op.REPEAT && (min >= 2 || max >= 2) && !this.repeatIsValid(re, 1e3)) throw new RE2JSSyntaxException(Parser.ERR_INVALID_REPEAT_SIZE, t.from(beforePos));
		}
		repeatIsValid(re, n) {
			if (re.op === Regexp.Op.REPEAT) {
				let m = re.max;
				if (m === 0) return true;
				if (m < 0) m = re.min;
				if (m > n) return false;
				if (m > 0) n = Math.trunc(n / m);
			}
			for (let sub of re.subs) if (!this.repeatIsValid(sub, n)) return false;
			return true;
		}
		concat() {
			this.maybeConcat(-1, 0);
			const subs = this.popToPseudo();
			if (subs.length === 0) return this.push(this.newRegexp(Regexp.Op.EMPTY_MATCH));
			return this.push(this.collapse(subs, Regexp.Op.CONCAT));
		}
		alternate() {
			const subs = this.popToPseudo();
			if (subs.length > 0) this.cleanAlt(subs[subs.length - 1]);
			if (subs.length === 0) return this.push(this.newRegexp(Regexp.Op.NO_MATCH));
			return this.push(this.collapse(subs, Regexp.Op.ALTERNATE));
		}
		cleanAlt(re) {
			if (re.op === Regexp.Op.CHAR_CLASS) {
				re.runes = new CharClass(Array.from(re.runes)).cleanClass().toArray();
				if (re.runes.length === 2 && re.runes[0] === 0 && re.runes[1] === Unicode.MAX_RUNE) {
					re.runes = /* @__PURE__ */ new Int32Array(0);
					re.op = Regexp.Op.ANY_CHAR;
				} else if (re.runes.length === 4 && re.runes[0] === 0 && re.runes[1] === Codepoint.CODES["\n"] - 1 && re.runes[2] === Codepoint.CODES["\n"] + 1 && re.runes[3] === Unicode.MAX_RUNE) {
					re.runes = /* @__PURE__ */ new Int32Array(0);
					re.op = Regexp.Op.ANY_CHAR_NOT_NL;
				}
			}
		}
		collapse(subs, op) {
			if (subs.length === 1) return subs[0];
			let len = 0;
			for (let sub of subs) len += sub.op === op ? sub.subs.length : 1;
			let newsubs = new Array(len).fill(null);
			let i = 0;
			for (let sub of subs) if (sub.op === op) {
				for (let j = 0; j < sub.subs.length; j++) newsubs[i++] = sub.subs[j];
				this.reuse(sub);
			} else newsubs[i++] = sub;
			let re = this.newRegexp(op);
			re.subs = newsubs;
			if (op === Regexp.Op.ALTERNATE) {
				re.subs = this.factor(re.subs);
				if (re.subs.length === 1) {
					const old = re;
					re = re.subs[0];
					this.reuse(old);
				}
			}
			return re;
		}
		factor(array) {
			if (array.length < 2) return array;
			let s = 0;
			let lensub = array.length;
			let lenout = 0;
			let str = null;
			let strlen = 0;
			let strflags = 0;
			let start = 0;
			for (let i = 0; i <= lensub; i++) {
				let istr = null;
				let istrlen = 0;
				let iflags = 0;
				if (i < lensub) {
					let re = array[s + i];
					if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) re = re.subs[0];
					if (re.op === Regexp.Op.LITERAL) {
						istr = re.runes;
						istrlen = re.runes.length;
						iflags = re.flags & RE2Flags.FOLD_CASE;
					}
					if (iflags === strflags) {
						let same = 0;
						while (same < strlen && same < istrlen && str[same] === istr[same]) same++;
						if (same > 0) {
							strlen = same;
							continue;
						}
					}
				}
				if (i === start) {} else if (i === start + 1) array[lenout++] = array[s + start];
				else {
					const prefix = this.newRegexp(Regexp.Op.LITERAL);
					prefix.flags = strflags;
					prefix.runes = str.slice(0, strlen);
					for (let j = start; j < i; j++) {
						array[s + j] = this.removeLeadingString(array[s + j], strlen);
						this.checkLimits(array[s + j]);
					}
					const suffix = this.collapse(array.slice(s + start, s + i), Regexp.Op.ALTERNATE);
					const re = this.newRegexp(Regexp.Op.CONCAT);
					re.subs = [prefix, suffix];
					array[lenout++] = re;
				}
				start = i;
				str = istr;
				strlen = istrlen;
				strflags = iflags;
			}
			lensub = lenout;
			s = 0;
			start = 0;
			lenout = 0;
			let first = null;
			for (let i = 0; i <= lensub; i++) {
				let ifirst = null;
				if (i < lensub) {
					ifirst = Parser.leadingRegexp(array[s + i]);
					if (first !== null && first.equals(ifirst) && (Parser.isCharClass(first) || first.op === Regexp.Op.REPEAT && first.min === first.max && Parser.isCharClass(first.subs[0]))) continue;
				}
				if (i === start) {} else if (i === start + 1) array[lenout++] = array[s + start];
				else {
					const prefix = first;
					for (let j = start; j < i; j++) {
						const reuse = j !== start;
						array[s + j] = this.removeLeadingRegexp(array[s + j], reuse);
						this.checkLimits(array[s + j]);
					}
					const suffix = this.collapse(array.slice(s + start, s + i), Regexp.Op.ALTERNATE);
					const re = this.newRegexp(Regexp.Op.CONCAT);
					re.subs = [prefix, suffix];
					array[lenout++] = re;
				}
				start = i;
				first = ifirst;
			}
			lensub = lenout;
			s = 0;
			start = 0;
			lenout = 0;
			for (let i = 0; i <= lensub; i++) {
				if (i < lensub && Parser.isCharClass(array[s + i])) continue;
				if (i === start) {} else if (i === start + 1) array[lenout++] = array[s + start];
				else {
					let max = start;
					for (let j = start + 1; j < i; j++) {
						const subMax = array[s + max];
						const subJ = array[s + j];
						if (subMax.op < subJ.op || subMax.op === subJ.op && (subMax.runes !== null ? subMax.runes.length : 0) < (subJ.runes !== null ? subJ.runes.length : 0)) max = j;
					}
					const tmp = array[s + start];
					array[s + start] = array[s + max];
					array[s + max] = tmp;
					for (let j = start + 1; j < i; j++) {
						Parser.mergeCharClass(array[s + start], array[s + j]);
						this.reuse(array[s + j]);
					}
					this.cleanAlt(array[s + start]);
					array[lenout++] = array[s + start];
				}
				if (i < lensub) array[lenout++] = array[s + i];
				start = i + 1;
			}
			lensub = lenout;
			s = 0;
			start = 0;
			lenout = 0;
			for (let i = 0; i < lensub; ++i) {
				if (i + 1 < lensub && array[s + i].op === Regexp.Op.EMPTY_MATCH && array[s + i + 1].op === Regexp.Op.EMPTY_MATCH) continue;
				array[lenout++] = array[s + i];
			}
			lensub = lenout;
			s = 0;
			return array.slice(s, lensub);
		}
		removeLeadingString(re, n) {
			if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) {
				const sub = this.removeLeadingString(re.subs[0], n);
				re.subs[0] = sub;
				if (sub.op === Regexp.Op.EMPTY_MATCH) {
					this.reuse(sub);
					switch (re.subs.length) {
						case 0:
						case 1:
							re.op = Regexp.Op.EMPTY_MATCH;
							re.subs = Regexp.emptySubs();
							break;
						case 2: {
							const old = re;
							re = re.subs[1];
							this.reuse(old);
							break;
						}
						default: re.subs = re.subs.slice(1, re.subs.length);
					}
				}
				return re;
			}
			if (re.op === Regexp.Op.LITERAL) {
				re.runes = re.runes.slice(n, re.runes.length);
				if (re.runes.length === 0) re.op = Regexp.Op.EMPTY_MATCH;
			}
			return re;
		}
		removeLeadingRegexp(re, reuse) {
			if (re.op === Regexp.Op.CONCAT && re.subs.length > 0) {
				if (reuse) this.reuse(re.subs[0]);
				re.subs = re.subs.slice(1, re.subs.length);
				switch (re.subs.length) {
					case 0:
						re.op = Regexp.Op.EMPTY_MATCH;
						re.subs = Regexp.emptySubs();
						break;
					case 1: {
						const old = re;
						re = re.subs[0];
						this.reuse(old);
						break;
					}
				}
				return re;
			}
			if (reuse) this.reuse(re);
			return this.newRegexp(Regexp.Op.EMPTY_MATCH);
		}
		parseInternal() {
			if ((this.flags & RE2Flags.LITERAL) !== 0) return Parser.literalRegexp(this.wholeRegexp, this.flags);
			let lastRepeatPos = -1;
			let min = -1;
			let max = -1;
			const t = new StringIterator(this.wholeRegexp);
			while (t.more()) {
				let repeatPos = -1;
				bigswitch: switch (t.peek()) {
					case Codepoint.CODES["("]:
						if ((this.flags & RE2Flags.LOOKBEHIND) !== 0) {
							if (t.lookingAt("(?<=")) {
								this.parsePosLookBehind();
								t.skip(4);
								break;
							}
							if (t.lookingAt("(?<!")) {
								this.parseNegLookBehind();
								t.skip(4);
								break;
							}
						}
						if ((this.flags & RE2Flags.PERL_X) !== 0 && t.lookingAt("(?")) {
							this.parsePerlFlags(t);
							break;
						}
						this.op(Regexp.Op.LEFT_PAREN).cap = ++this.numCap;
						t.skip(1);
						break;
					case Codepoint.CODES["|"]:
						this.parseVerticalBar();
						t.skip(1);
						break;
					case Codepoint.CODES[")"]:
						this.parseRightParen();
						t.skip(1);
						break;
					case Codepoint.CODES["^"]:
						if ((this.flags & RE2Flags.ONE_LINE) !== 0) this.op(Regexp.Op.BEGIN_TEXT);
						else this.op(Regexp.Op.BEGIN_LINE);
						t.skip(1);
						break;
					case Codepoint.CODES["$"]:
						if ((this.flags & RE2Flags.ONE_LINE) !== 0) this.op(Regexp.Op.END_TEXT).flags |= RE2Flags.WAS_DOLLAR;
						else this.op(Regexp.Op.END_LINE);
						t.skip(1);
						break;
					case Codepoint.CODES["."]:
						if ((this.flags & RE2Flags.DOT_NL) !== 0) this.op(Regexp.Op.ANY_CHAR);
						else this.op(Regexp.Op.ANY_CHAR_NOT_NL);
						t.skip(1);
						break;
					case Codepoint.CODES["["]:
						this.parseClass(t);
						break;
					case Codepoint.CODES["*"]:
					case Codepoint.CODES["+"]:
					case Codepoint.CODES["?"]: {
						repeatPos = t.pos();
						let op = null;
						switch (t.pop()) {
							case Codepoint.CODES["*"]:
								op = Regexp.Op.STAR;
								break;
							case Codepoint.CODES["+"]:
								op = Regexp.Op.PLUS;
								break;
							case Codepoint.CODES["?"]: op = Regexp.Op.QUEST;
						}
						this.repeat(op, min, max, repeatPos, t, lastRepeatPos);
						break;
					}
					case Codepoint.CODES["{"]: {
						const before = t.pos();
						const minMax = Parser.parseRepeat(t);
						if (minMax < 0) {
							t.rewindTo(before);
							this.literal(t.pop());
							break;
						}
						repeatPos = before;
						min = minMax >> 16;
						max = (minMax & Unicode.MAX_BMP) << 16 >> 16;
						this.repeat(Regexp.Op.REPEAT, min, max, repeatPos, t, lastRepeatPos);
						break;
					}
					case Codepoint.CODES["\\"]: {
						const savedPos = t.pos();
						t.skip(1);
						if ((this.flags & RE2Flags.PERL_X) !== 0 && t.more()) switch (t.pop()) {
							case Codepoint.CODES["A"]:
								this.op(Regexp.Op.BEGIN_TEXT);
								break bigswitch;
							case Codepoint.CODES["b"]:
								this.op(Regexp.Op.WORD_BOUNDARY);
								break bigswitch;
							case Codepoint.CODES["B"]:
								this.op(Regexp.Op.NO_WORD_BOUNDARY);
								break bigswitch;
							case Codepoint.CODES["C"]: throw new RE2JSSyntaxException(Parser.ERR_INVALID_ESCAPE, "\\C");
							case Codepoint.CODES["Q"]: {
								let lit = t.rest();
								const i = lit.indexOf("\\E");
								if (i >= 0) {
									lit = lit.substring(0, i);
									t.skipString(lit);
									t.skipString("\\E");
								} else t.skipString(lit);
								let j = 0;
								while (j < lit.length) {
									const codepoint = lit.codePointAt(j);
									this.literal(codepoint);
									j += Utils.charCount(codepoint);
								}
								break bigswitch;
							}
							case Codepoint.CODES["z"]:
								this.op(Regexp.Op.END_TEXT);
								break bigswitch;
							default: t.rewindTo(savedPos);
						}
						else t.rewindTo(savedPos);
						const re = this.newRegexp(Regexp.Op.CHAR_CLASS);
						re.flags = this.flags;
						if (t.lookingAt("\\p") || t.lookingAt("\\P")) {
							const cc = new CharClass();
							if (this.parseUnicodeClass(t, cc)) {
								re.runes = cc.toArray();
								this.push(re);
								break bigswitch;
							}
						}
						const cc = new CharClass();
						if (this.parsePerlClassEscape(t, cc)) {
							re.runes = cc.toArray();
							this.push(re);
							break bigswitch;
						}
						t.rewindTo(savedPos);
						this.reuse(re);
						this.literal(Parser.parseEscape(t));
						break;
					}
					default: this.literal(t.pop());
				}
				lastRepeatPos = repeatPos;
			}
			this.concat();
			if (this.swapVerticalBar()) this.pop();
			this.alternate();
			if (this.stack.length !== 1) throw new RE2JSSyntaxException(Parser.ERR_MISSING_PAREN, this.wholeRegexp);
			this.stack[0].namedGroups = this.namedGroups;
			return this.stack[0];
		}
		parsePerlFlags(t) {
			const startPos = t.pos();
			const s = t.rest();
			if (s.startsWith("(?P<") || s.startsWith("(?<")) {
				const begin = s.charAt(2) === "P" ? 4 : 3;
				const end = s.indexOf(">");
				if (end < 0) throw new RE2JSSyntaxException(Parser.ERR_INVALID_NAMED_CAPTURE, s);
				const name = s.substring(begin, end);
				t.skipString(name);
				t.skip(begin + 1);
				if (!Parser.isValidCaptureName(name)) throw new RE2JSSyntaxException(Parser.ERR_INVALID_NAMED_CAPTURE, s.substring(0, end + 1));
				const re = this.op(Regexp.Op.LEFT_PAREN);
				re.cap = ++this.numCap;
				if (this.namedGroups[name]) throw new RE2JSSyntaxException(Parser.ERR_DUPLICATE_NAMED_CAPTURE, name);
				this.namedGroups[name] = this.numCap;
				re.name = name;
				return;
			}
			t.skip(2);
			let flags = this.flags;
			let sign = 1;
			let sawFlag = false;
			loop: while (t.more()) {
				const c = t.pop();
				switch (c) {
					case Codepoint.CODES["i"]:
						flags |= RE2Flags.FOLD_CASE;
						sawFlag = true;
						break;
					case Codepoint.CODES["m"]:
						flags &= ~RE2Flags.ONE_LINE;
						sawFlag = true;
						break;
					case Codepoint.CODES["s"]:
						flags |= RE2Flags.DOT_NL;
						sawFlag = true;
						break;
					case Codepoint.CODES["U"]:
						flags |= RE2Flags.NON_GREEDY;
						sawFlag = true;
						break;
					case Codepoint.CODES["-"]:
						if (sign < 0) break loop;
						sign = -1;
						flags = ~flags;
						sawFlag = false;
						break;
					case Codepoint.CODES[":"]:
					case Codepoint.CODES[")"]:
						if (sign < 0) {
							if (!sawFlag) break loop;
							flags = ~flags;
						}
						if (c === Codepoint.CODES[":"]) this.op(Regexp.Op.LEFT_PAREN);
						this.flags = flags;
						return;
					default: break loop;
				}
			}
			throw new RE2JSSyntaxException(Parser.ERR_INVALID_PERL_OP, t.from(startPos));
		}
		parsePosLookBehind() {
			const re = this.newRegexp(Regexp.Op.LEFT_PAREN);
			re.flags = this.flags;
			re.lb = ++this.nlb;
			return this.push(re);
		}
		parseNegLookBehind() {
			const re = this.newRegexp(Regexp.Op.LEFT_PAREN);
			re.flags = this.flags;
			re.lb = -++this.nlb;
			return this.push(re);
		}
		parseVerticalBar() {
			this.concat();
			if (!this.swapVerticalBar()) this.op(Regexp.Op.VERTICAL_BAR);
		}
		swapVerticalBar() {
			const n = this.stack.length;
			if (n >= 3 && this.stack[n - 2].op === Regexp.Op.VERTICAL_BAR && Parser.isCharClass(this.stack[n - 1]) && Parser.isCharClass(this.stack[n - 3])) {
				let re1 = this.stack[n - 1];
				let re3 = this.stack[n - 3];
				if (re1.op > re3.op) {
					const tmp = re3;
					re3 = re1;
					re1 = tmp;
					this.stack[n - 3] = re3;
				}
				Parser.mergeCharClass(re3, re1);
				this.reuse(re1);
				this.pop();
				return true;
			}
			if (n >= 2) {
				const re1 = this.stack[n - 1];
				const re2 = this.stack[n - 2];
				if (re2.op === Regexp.Op.VERTICAL_BAR) {
					if (n >= 3) this.cleanAlt(this.stack[n - 3]);
					this.stack[n - 2] = re1;
					this.stack[n - 1] = re2;
					return true;
				}
			}
			return false;
		}
		parseRightParen() {
			this.concat();
			if (this.swapVerticalBar()) this.pop();
			this.alternate();
			if (this.stack.length < 2) throw new RE2JSSyntaxException(Parser.ERR_UNEXPECTED_PAREN, this.wholeRegexp);
			const re1 = this.pop();
			const re2 = this.pop();
			if (re2.op !== Regexp.Op.LEFT_PAREN) throw new RE2JSSyntaxException(Parser.ERR_UNEXPECTED_PAREN, this.wholeRegexp);
			this.flags = re2.flags;
			if (re2.lb !== 0) {
				if (Parser.hasCapture(re1)) throw new RE2JSSyntaxException(Parser.ERR_INVALID_CAPTURE_IN_LOOKBEHIND, this.wholeRegexp);
				if (re2.lb > 0) re2.op = Regexp.Op.PLB;
				else re2.op = Regexp.Op.NLB;
				re2.subs = [re1];
				this.push(re2);
				return;
			}
			if (re2.cap === 0) this.push(re1);
			else {
				re2.op = Regexp.Op.CAPTURE;
				re2.subs = [re1];
				this.push(re2);
			}
		}
		parsePerlClassEscape(t, cc) {
			const beforePos = t.pos();
			if ((this.flags & RE2Flags.PERL_X) === 0 || !t.more() || t.pop() !== Codepoint.CODES["\\"] || !t.more()) return false;
			t.pop();
			const p = t.from(beforePos);
			const g = PERL_GROUPS.has(p) ? PERL_GROUPS.get(p) : null;
			if (g === null) return false;
			cc.appendGroup(g, (this.flags & RE2Flags.FOLD_CASE) !== 0);
			return true;
		}
		parseNamedClass(t, cc) {
			const cls = t.rest();
			const i = cls.indexOf(":]");
			if (i < 0) return false;
			const name = cls.substring(0, i + 2);
			t.skipString(name);
			const g = POSIX_GROUPS.has(name) ? POSIX_GROUPS.get(name) : null;
			if (g === null) throw new RE2JSSyntaxException(Parser.ERR_INVALID_CHAR_RANGE, name);
			cc.appendGroup(g, (this.flags & RE2Flags.FOLD_CASE) !== 0);
			return true;
		}
		parseUnicodeClass(t, cc) {
			const startPos = t.pos();
			if ((this.flags & RE2Flags.UNICODE_GROUPS) === 0 || !t.lookingAt("\\p") && !t.lookingAt("\\P")) return false;
			t.skip(1);
			let sign = 1;
			let c = t.pop();
			if (c === Codepoint.CODES["P"]) sign = -1;
			if (!t.more()) {
				t.rewindTo(startPos);
				throw new RE2JSSyntaxException(Parser.ERR_INVALID_CHAR_RANGE, t.rest());
			}
			c = t.pop();
			let name;
			if (c !== Codepoint.CODES["{"]) name = Utils.runeToString(c);
			else {
				const rest = t.rest();
				const end = rest.indexOf("}");
				if (end < 0) {
					t.rewindTo(startPos);
					throw new RE2JSSyntaxException(Parser.ERR_INVALID_CHAR_RANGE, t.rest());
				}
				name = rest.substring(0, end);
				t.skipString(name);
				t.skip(1);
			}
			if (!(name.length === 0) && name.codePointAt(0) === Codepoint.CODES["^"]) {
				sign = 0 - sign;
				name = name.substring(1);
			}
			const pair = Parser.unicodeTable(name);
			if (pair === null) throw new RE2JSSyntaxException(Parser.ERR_INVALID_CHAR_RANGE, t.from(startPos));
			if (pair.sign < 0) sign = 0 - sign;
			const tab = pair.tab;
			const fold = pair.fold;
			if ((this.flags & RE2Flags.FOLD_CASE) === 0 || fold === null) cc.appendTableWithSign(tab, sign);
			else {
				const tmp = new CharClass().appendTable(tab).appendTable(fold).cleanClass().toArray();
				cc.appendClassWithSign(Array.from(tmp), sign);
			}
			return true;
		}
		parseClass(t) {
			const startPos = t.pos();
			t.skip(1);
			const re = this.newRegexp(Regexp.Op.CHAR_CLASS);
			re.flags = this.flags;
			const cc = new CharClass();
			let sign = 1;
			if (t.more() && t.lookingAt("^")) {
				sign = -1;
				t.skip(1);
				if ((this.flags & RE2Flags.CLASS_NL) === 0) cc.appendRange(Codepoint.CODES["\n"], Codepoint.CODES["\n"]);
			}
			let first = true;
			while (!t.more() || t.peek() !== Codepoint.CODES["]"] || first) {
				if (t.more() && t.lookingAt("-") && (this.flags & RE2Flags.PERL_X) === 0 && !first) {
					const s = t.rest();
					if (s === "-" || !s.startsWith("-]")) {
						t.rewindTo(startPos);
						throw new RE2JSSyntaxException(Parser.ERR_INVALID_CHAR_RANGE, t.rest());
					}
				}
				first = false;
				const beforePos = t.pos();
				if (t.lookingAt("[:")) {
					if (this.parseNamedClass(t, cc)) continue;
					t.rewindTo(beforePos);
				}
				if (this.parseUnicodeClass(t, cc)) continue;
				if (this.parsePerlClassEscape(t, cc)) continue;
				t.rewindTo(beforePos);
				const lo = Parser.parseClassChar(t, startPos);
				let hi = lo;
				if (t.more() && t.lookingAt("-")) {
					t.skip(1);
					if (t.more() && t.lookingAt("]")) t.skip(-1);
					else {
						hi = Parser.parseClassChar(t, startPos);
						if (hi < lo) throw new RE2JSSyntaxException(Parser.ERR_INVALID_CHAR_RANGE, t.from(beforePos));
					}
				}
				if ((this.flags & RE2Flags.FOLD_CASE) === 0) cc.appendRange(lo, hi);
				else cc.appendFoldedRange(lo, hi);
			}
			t.skip(1);
			cc.cleanClass();
			if (sign < 0) cc.negateClass();
			re.runes = cc.toArray();
			this.push(re);
		}
	};
	var RE2 = class RE2 {
		static initTest(expr) {
			const re2 = RE2.compile(expr);
			const res = new RE2(re2.expr, re2.prog, re2.numSubexp, re2.longest);
			res.cond = re2.cond;
			res.prefix = re2.prefix;
			res.prefixUTF8 = re2.prefixUTF8;
			res.prefixComplete = re2.prefixComplete;
			res.prefixRune = re2.prefixRune;
			res.prefilter = re2.prefilter;
			res.namedGroups = re2.namedGroups;
			return res;
		}
		static compile(expr) {
			return RE2.compileImpl(expr, RE2Flags.PERL, false);
		}
		static compilePOSIX(expr) {
			return RE2.compileImpl(expr, RE2Flags.POSIX, true);
		}
		static compileImpl(expr, mode, longest) {
			let re = Parser.parse(expr, mode);
			const maxCap = re.maxCap();
			const namedGroups = re.namedGroups;
			re = Simplify.simplify(re);
			const prefilter = PrefilterTree.build(re);
			const prog = Compiler.compileRegexp(re);
			const re2 = new RE2(expr, prog, maxCap, longest);
			re2.prefilter = prefilter.type === Prefilter.Type.NONE ? null : prefilter;
			const [prefixCompl, prefixStr] = prog.prefix();
			re2.prefixComplete = prefixCompl;
			re2.prefix = prefixStr;
			re2.prefixUTF8 = Utils.stringToUtf8ByteArray(re2.prefix);
			if (re2.prefix.length > 0) re2.prefixRune = re2.prefix.codePointAt(0);
			re2.namedGroups = namedGroups;
			return re2;
		}
		static match(pattern, s) {
			return RE2.compile(pattern).match(s);
		}
		constructor(expr, prog, numSubexp = 0, longest = 0) {
			this.expr = expr;
			this.prog = prog;
			this.numSubexp = numSubexp;
			this.longest = longest;
			this.cond = prog.startCond();
			this.prefix = null;
			this.prefixUTF8 = null;
			this.prefixComplete = false;
			this.prefixRune = 0;
			this.namedGroups = Object.create(null);
			this.machinePool = [];
			this.lazyDFA = null;
			this.onepass = OnePass.compile(this.prog);
			this.prefilter = null;
		}
		get dfa() {
			if (this.lazyDFA === null) this.lazyDFA = new DFA(this.prog);
			return this.lazyDFA;
		}
		matchPrefixComplete(input, pos, anchor, ncap) {
			if ((anchor === RE2Flags.ANCHOR_START || anchor === RE2Flags.ANCHOR_BOTH) && pos !== 0) return null;
			let matchStart = -1;
			let matchEnd = -1;
			const pLen = input.prefixLength(this);
			if (anchor === RE2Flags.UNANCHORED) {
				const idx = input.index(this, pos);
				if (idx < 0) return null;
				matchStart = pos + idx;
				matchEnd = matchStart + pLen;
			} else if (anchor === RE2Flags.ANCHOR_BOTH) {
				if (input.endPos() !== pLen) return null;
				if (input.index(this, 0) !== 0) return null;
				matchStart = 0;
				matchEnd = pLen;
			} else if (anchor === RE2Flags.ANCHOR_START) {
				if (input.index(this, 0) !== 0) return null;
				matchStart = 0;
				matchEnd = pLen;
			}
			if (matchStart < 0) return null;
			if (ncap > 0) {
				const matchcap = new Int32Array(ncap).fill(-1);
				matchcap[0] = matchStart;
				matchcap[1] = matchEnd;
				return Array.from(matchcap);
			}
			return [];
		}
		createLookbehindState() {
			return this.prog.numLb > 0 ? new LookbehindState(this.prog) : null;
		}
		executeEngine(input, pos, anchor, ncap, lbState = null) {
			if (this.prefixComplete && (ncap === 0 || this.numSubexp === 0)) return this.matchPrefixComplete(input, pos, anchor, ncap);
			if (this.prefilter !== null && anchor === RE2Flags.UNANCHORED) {
				if (!this.prefilter.eval(input, pos)) return null;
			}
			if (this.onepass !== null) return OnePass.execute(this, input, pos, anchor, ncap);
			if (ncap > 0) {
				if (this.prog.numLb === 0 && input.endPos() <= Backtracker.maxBitStateLen(this.prog)) return Backtracker.execute(this, input, pos, anchor, ncap);
				return this.doExecuteNFA(input, pos, anchor, ncap, lbState);
			}
			if (this.prog.numLb === 0) {
				const dfaResult = this.dfa.match(input, pos, anchor);
				if (dfaResult !== null) return dfaResult ? [] : null;
				if (input.endPos() <= Backtracker.maxBitStateLen(this.prog)) return Backtracker.execute(this, input, pos, anchor, ncap);
			}
			return this.doExecuteNFA(input, pos, anchor, ncap, lbState);
		}
		numberOfCapturingGroups() {
			return this.numSubexp;
		}
		numberOfInstructions() {
			return this.prog.numInst();
		}
		get() {
			return this.machinePool.length > 0 ? this.machinePool.pop() : null;
		}
		reset() {
			this.machinePool.length = 0;
		}
		put(m) {
			this.machinePool.push(m);
		}
		toString() {
			return this.expr;
		}
		doExecuteNFA(input, pos, anchor, ncap, lbState = null) {
			let m = this.get();
			if (!m) m = Machine.fromRE2(this);
			m.init(ncap);
			const cap = m.match(input, pos, anchor, lbState) ? m.submatches() : null;
			this.put(m);
			return cap;
		}
		match(s) {
			return this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, 0) !== null;
		}
		matchWithGroup(input, start, end, anchor, ngroup, lbState = null) {
			if (!(input instanceof MatcherInputBase)) {
				if (Utils.isByteArray(input)) input = MatcherInput.utf8(input);
				else input = MatcherInput.utf16(input);
			}
			return this.matchMachineInput(input, start, end, anchor, ngroup, lbState);
		}
		matchMachineInput(input, start, end, anchor, ngroup, lbState = null) {
			if (start > end) return [false, null];
			const machineInput = input.isUTF16Encoding() ? MachineInput.fromUTF16(input.asCharSequence(), 0, end) : MachineInput.fromUTF8(input.asBytes(), 0, end);
			const groupMatch = this.executeEngine(machineInput, start, anchor, 2 * ngroup, lbState);
			if (groupMatch === null) return [false, null];
			return [true, groupMatch];
		}
		matchUTF8(b) {
			return this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, 0) !== null;
		}
		replaceAll(src, repl) {
			return this.replaceAllFunc(src, () => repl, 2 * src.length + 1);
		}
		replaceFirst(src, repl) {
			return this.replaceAllFunc(src, () => repl, 1);
		}
		replaceAllFunc(src, replFunc, maxReplaces) {
			let lastMatchEnd = 0;
			let searchPos = 0;
			let out = "";
			const input = MachineInput.fromUTF16(src);
			const lbState = this.createLookbehindState();
			let numReplaces = 0;
			while (searchPos <= src.length) {
				const a = this.executeEngine(input, searchPos, RE2Flags.UNANCHORED, 2, lbState);
				if (a === null || a.length === 0) break;
				out += src.substring(lastMatchEnd, a[0]);
				if (a[1] > lastMatchEnd || a[0] === 0) {
					out += replFunc(src.substring(a[0], a[1]));
					numReplaces++;
				}
				lastMatchEnd = a[1];
				const width = input.step(searchPos) & 7;
				if (searchPos + width > a[1]) searchPos += width;
				else if (searchPos + 1 > a[1]) searchPos++;
				else searchPos = a[1];
				if (numReplaces >= maxReplaces) break;
			}
			out += src.substring(lastMatchEnd);
			return out;
		}
		pad(a) {
			if (a === null) return null;
			let n = (1 + this.numSubexp) * 2;
			if (a.length < n) {
				let a2 = new Array(n).fill(-1);
				for (let i = 0; i < a.length; i++) a2[i] = a[i];
				a = a2;
			}
			return a;
		}
		allMatches(input, n, deliverFun = (v) => v) {
			let result = [];
			const end = input.endPos();
			if (n < 0) n = end + 1;
			let pos = 0;
			let i = 0;
			let prevMatchEnd = -1;
			const lbState = this.createLookbehindState();
			while (i < n && pos <= end) {
				const matches = this.executeEngine(input, pos, RE2Flags.UNANCHORED, this.prog.numCap, lbState);
				if (matches === null || matches.length === 0) break;
				let accept = true;
				if (matches[1] === pos) {
					if (matches[0] === prevMatchEnd) accept = false;
					const r = input.step(pos);
					if (r < 0) pos = end + 1;
					else pos += r & 7;
				} else pos = matches[1];
				prevMatchEnd = matches[1];
				if (accept) {
					result.push(deliverFun(this.pad(matches)));
					i++;
				}
			}
			return result;
		}
		findUTF8(b) {
			const a = this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, 2);
			if (a === null) return null;
			return b.slice(a[0], a[1]);
		}
		findUTF8Index(b) {
			const a = this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, 2);
			if (a === null) return null;
			return a.slice(0, 2);
		}
		find(s) {
			const a = this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, 2);
			if (a === null) return "";
			return s.substring(a[0], a[1]);
		}
		findIndex(s) {
			return this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, 2);
		}
		findUTF8Submatch(b) {
			const a = this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, this.prog.numCap);
			if (a === null) return null;
			const ret = new Array(1 + this.numSubexp).fill(null);
			for (let i = 0; i < ret.length; i++) if (2 * i < a.length && a[2 * i] >= 0) ret[i] = b.slice(a[2 * i], a[2 * i + 1]);
			return ret;
		}
		findUTF8SubmatchIndex(b) {
			return this.pad(this.executeEngine(MachineInput.fromUTF8(b), 0, RE2Flags.UNANCHORED, this.prog.numCap));
		}
		findSubmatch(s) {
			const a = this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, this.prog.numCap);
			if (a === null) return null;
			const ret = new Array(1 + this.numSubexp).fill(null);
			for (let i = 0; i < ret.length; i++) if (2 * i < a.length && a[2 * i] >= 0) ret[i] = s.substring(a[2 * i], a[2 * i + 1]);
			return ret;
		}
		findSubmatchIndex(s) {
			return this.pad(this.executeEngine(MachineInput.fromUTF16(s), 0, RE2Flags.UNANCHORED, this.prog.numCap));
		}
		findAllUTF8(b, n) {
			const result = this.allMatches(MachineInput.fromUTF8(b), n, (match) => b.slice(match[0], match[1]));
			if (result.length === 0) return null;
			return result;
		}
		findAllUTF8Index(b, n) {
			const result = this.allMatches(MachineInput.fromUTF8(b), n, (match) => match.slice(0, 2));
			if (result.length === 0) return null;
			return result;
		}
		findAll(s, n) {
			const result = this.allMatches(MachineInput.fromUTF16(s), n, (match) => s.substring(match[0], match[1]));
			if (result.length === 0) return null;
			return result;
		}
		findAllIndex(s, n) {
			const result = this.allMatches(MachineInput.fromUTF16(s), n, (match) => match.slice(0, 2));
			if (result.length === 0) return null;
			return result;
		}
		findAllUTF8Submatch(b, n) {
			const result = this.allMatches(MachineInput.fromUTF8(b), n, (match) => {
				let slice = new Array(match.length / 2 | 0).fill(null);
				for (let j = 0; j < slice.length; j++) if (match[2 * j] >= 0) slice[j] = b.slice(match[2 * j], match[2 * j + 1]);
				return slice;
			});
			if (result.length === 0) return null;
			return result;
		}
		findAllUTF8SubmatchIndex(b, n) {
			const result = this.allMatches(MachineInput.fromUTF8(b), n);
			if (result.length === 0) return null;
			return result;
		}
		findAllSubmatch(s, n) {
			const result = this.allMatches(MachineInput.fromUTF16(s), n, (match) => {
				let slice = new Array(match.length / 2 | 0).fill(null);
				for (let j = 0; j < slice.length; j++) if (match[2 * j] >= 0) slice[j] = s.substring(match[2 * j], match[2 * j + 1]);
				return slice;
			});
			if (result.length === 0) return null;
			return result;
		}
		findAllSubmatchIndex(s, n) {
			const result = this.allMatches(MachineInput.fromUTF16(s), n);
			if (result.length === 0) return null;
			return result;
		}
	};
	var RE2Set = class RE2Set {
		static UNANCHORED = RE2Flags.UNANCHORED;
		static ANCHOR_START = RE2Flags.ANCHOR_START;
		static ANCHOR_BOTH = RE2Flags.ANCHOR_BOTH;
		constructor(anchor = RE2Set.UNANCHORED, flags = 0, maxMem = 8388608) {
			if (![
				RE2Set.UNANCHORED,
				RE2Set.ANCHOR_START,
				RE2Set.ANCHOR_BOTH
			].includes(anchor)) throw new RE2JSFlagsException("The anchor should be RE2Set.UNANCHORED, RE2Set.ANCHOR_START or RE2Set.ANCHOR_BOTH");
			Utils.checkFlags(flags);
			this.anchor = anchor;
			this.jsFlags = flags;
			this.maxMem = maxMem;
			let re2Flags = RE2Flags.PERL;
			if ((flags & PublicFlags.DISABLE_UNICODE_GROUPS) !== 0) re2Flags &= ~RE2Flags.UNICODE_GROUPS;
			if ((flags & PublicFlags.LOOKBEHINDS) !== 0) re2Flags |= RE2Flags.LOOKBEHIND;
			this.re2Flags = re2Flags;
			this.regexps = [];
			this.prog = null;
			this.dfa = null;
			this.dummyRe2 = null;
		}
		add(pattern) {
			if (this.prog) throw new RE2JSCompileException("Cannot add patterns after compile");
			Utils.checkPattern(pattern);
			let fregex = pattern;
			if ((this.jsFlags & PublicFlags.CASE_INSENSITIVE) !== 0) fregex = `(?i)${fregex}`;
			if ((this.jsFlags & PublicFlags.DOTALL) !== 0) fregex = `(?s)${fregex}`;
			if ((this.jsFlags & PublicFlags.MULTILINE) !== 0) fregex = `(?m)${fregex}`;
			const re = Parser.parse(fregex, this.re2Flags);
			this.regexps.push(Simplify.simplify(re));
			return this.regexps.length - 1;
		}
		compile() {
			if (this.prog) return;
			const prog = Compiler.compileSet(this.regexps);
			if (prog.numInst() > Parser.MAX_SIZE) throw new RE2JSCompileException(`${Parser.ERR_LARGE}: the set compiles to ${prog.numInst()} instructions, more than ${Parser.MAX_SIZE}`);
			this.prog = prog;
			this.dfa = new DFA(this.prog, this.maxMem);
			this.dummyRe2 = {
				prog: this.prog,
				cond: this.prog.startCond(),
				prefix: "",
				prefixRune: 0,
				longest: false
			};
		}
		match(input) {
			if (!this.prog) this.compile();
			const machineInput = Utils.isByteArray(input) ? MachineInput.fromUTF8(input) : MachineInput.fromUTF16(input);
			let internalAnchor = RE2Flags.UNANCHORED;
			if (this.anchor === RE2Set.ANCHOR_START) internalAnchor = RE2Flags.ANCHOR_START;
			else if (this.anchor === RE2Set.ANCHOR_BOTH) internalAnchor = RE2Flags.ANCHOR_BOTH;
			const dfaResult = this.dfa.matchSet(machineInput, 0, internalAnchor);
			if (dfaResult !== null) return dfaResult;
			const machine = Machine.fromRE2(this.dummyRe2);
			machine.init(0);
			return machine.matchSet(machineInput, 0, internalAnchor);
		}
	};
	var TranslateRegExpString = class TranslateRegExpString {
		static isHexadecimal(ch) {
			return "0" <= ch && ch <= "9" || "A" <= ch && ch <= "F" || "a" <= ch && ch <= "f";
		}
		static translate(data) {
			let prefixFlags = "";
			if (Object.prototype.toString.call(data) === "[object RegExp]") {
				if (data.ignoreCase) prefixFlags += "i";
				if (data.multiline) prefixFlags += "m";
				if (data.dotAll) prefixFlags += "s";
				data = data.source;
			}
			if (typeof data !== "string") return data;
			let result = "";
			let changed = false;
			let size = data.length;
			if (size === 0) {
				result = "(?:)";
				changed = true;
			}
			let inCharClass = false;
			let i = 0;
			while (i < size) {
				let ch = data[i];
				if (ch === "\\") {
					if (i + 1 < size) {
						ch = data[i + 1];
						switch (ch) {
							case "\\":
								result += "\\\\";
								i += 2;
								continue;
							case "c":
								if (i + 2 < size) {
									let code = data[i + 2].charCodeAt(0);
									if (code >= 65 && code <= 90 || code >= 97 && code <= 122) {
										let val = code % 32;
										result += "\\x";
										result += (val >> 4).toString(16).toUpperCase();
										result += (val & 15).toString(16).toUpperCase();
										i += 3;
										changed = true;
										continue;
									}
								}
								result += "c";
								i += 2;
								changed = true;
								continue;
							case "u":
								if (i + 2 < size) {
									if (data[i + 2] === "{") {
										let j = i + 3;
										let hasHex = false;
										let closed = false;
										while (j < size) {
											const hexChar = data[j];
											if (hexChar === "}") {
												closed = true;
												break;
											}
											if (!TranslateRegExpString.isHexadecimal(hexChar)) break;
											hasHex = true;
											j++;
										}
										if (closed && hasHex) {
											result += "\\x";
											i += 2;
											changed = true;
											continue;
										}
									} else if (i + 5 < size) {
										let isHex4 = true;
										for (let j = 0; j < 4; j++) if (!TranslateRegExpString.isHexadecimal(data[i + 2 + j])) {
											isHex4 = false;
											break;
										}
										if (isHex4) {
											result += "\\x{" + data.substring(i + 2, i + 6) + "}";
											i += 6;
											changed = true;
											continue;
										}
									}
								}
								result += "u";
								i += 2;
								changed = true;
								continue;
							case "x": {
								let isValidHex = false;
								if (i + 2 < size && data[i + 2] === "{") {
									let j = i + 3;
									let hasHex = false;
									let closed = false;
									while (j < size) {
										const hexChar = data[j];
										if (hexChar === "}") {
											closed = true;
											break;
										}
										if (!TranslateRegExpString.isHexadecimal(hexChar)) break;
										hasHex = true;
										j++;
									}
									if (closed && hasHex) isValidHex = true;
								} else if (i + 3 < size && TranslateRegExpString.isHexadecimal(data[i + 2]) && TranslateRegExpString.isHexadecimal(data[i + 3])) isValidHex = true;
								if (isValidHex) {
									result += "\\x";
									i += 2;
								} else {
									result += "x";
									i += 2;
									changed = true;
								}
								continue;
							}
							case "n":
							case "r":
							case "t":
							case "a":
							case "f":
							case "v":
							case "d":
							case "D":
							case "s":
							case "S":
							case "w":
							case "W":
							case "b":
							case "B":
							case "p":
							case "P":
							case "A":
							case "z":
							case "Q":
							case "E":
							case "0":
							case "1":
							case "2":
							case "3":
							case "4":
							case "5":
							case "6":
							case "7":
								result += "\\" + ch;
								i += 2;
								continue;
							default: {
								let cp = data.codePointAt(i + 1);
								if (cp >= 48 && cp <= 57 || cp >= 65 && cp <= 90 || cp >= 97 && cp <= 122) {
									let symSize = Utils.charCount(cp);
									result += data.substring(i + 1, i + 1 + symSize);
									i += symSize + 1;
									changed = true;
								} else {
									result += "\\";
									let symSize = Utils.charCount(cp);
									result += data.substring(i + 1, i + 1 + symSize);
									i += symSize + 1;
								}
								continue;
							}
						}
					}
				} else if (ch === "/") {
					result += "\\/";
					i += 1;
					changed = true;
					continue;
				} else if (ch === "[") {
					if (!inCharClass && data[i + 1] === "]") {
						result += "[^\\x00-\\x{10FFFF}]";
						i += 2;
						changed = true;
						continue;
					}
					if (!inCharClass && data[i + 1] === "^" && data[i + 2] === "]") {
						result += "[\\x00-\\x{10FFFF}]";
						i += 3;
						changed = true;
						continue;
					}
					inCharClass = true;
				} else if (ch === "]") inCharClass = false;
				else if (!inCharClass && ch === "(" && i + 2 < size && data[i + 1] === "?" && data[i + 2] === "<") {
					if (i + 3 < size && !"=!>)".includes(data[i + 3])) {
						result += "(?P<";
						i += 3;
						changed = true;
						continue;
					}
				}
				let cp = data.codePointAt(i);
				let symSize = Utils.charCount(cp);
				result += data.substring(i, i + symSize);
				i += symSize;
			}
			const finalResult = changed ? result : data;
			if (prefixFlags.length > 0) return `(?${prefixFlags})${finalResult}`;
			return finalResult;
		}
	};
	const execResult = (m, input) => {
		const result = m.matchArray();
		result.index = m.start(0);
		result.input = input;
		result.groups = m.namedGroupsObject();
		return result;
	};
	var RE2JS = class RE2JS {
		static CASE_INSENSITIVE = PublicFlags.CASE_INSENSITIVE;
		static DOTALL = PublicFlags.DOTALL;
		static MULTILINE = PublicFlags.MULTILINE;
		static DISABLE_UNICODE_GROUPS = PublicFlags.DISABLE_UNICODE_GROUPS;
		static LONGEST_MATCH = PublicFlags.LONGEST_MATCH;
		static LOOKBEHINDS = PublicFlags.LOOKBEHINDS;
		static quote(str) {
			return Utils.quoteMeta(str);
		}
		static quoteReplacement(str, javaMode = false) {
			return Matcher.quoteReplacement(str, javaMode);
		}
		static translateRegExp(expr) {
			return TranslateRegExpString.translate(expr);
		}
		static compile(regex, flags = 0) {
			Utils.checkPattern(regex);
			Utils.checkFlags(flags);
			let fregex = regex;
			if ((flags & RE2JS.CASE_INSENSITIVE) !== 0) fregex = `(?i)${fregex}`;
			if ((flags & RE2JS.DOTALL) !== 0) fregex = `(?s)${fregex}`;
			if ((flags & RE2JS.MULTILINE) !== 0) fregex = `(?m)${fregex}`;
			let re2Flags = RE2Flags.PERL;
			if ((flags & RE2JS.DISABLE_UNICODE_GROUPS) !== 0) re2Flags &= ~RE2Flags.UNICODE_GROUPS;
			if ((flags & RE2JS.LOOKBEHINDS) !== 0) re2Flags |= RE2Flags.LOOKBEHIND;
			const p = new RE2JS(regex, flags);
			p.re2Input = RE2.compileImpl(fregex, re2Flags, (flags & RE2JS.LONGEST_MATCH) !== 0);
			return p;
		}
		static matches(regex, input) {
			return RE2JS.compile(regex).testExact(input);
		}
		static initTest(pattern, flags, re2) {
			if (pattern == null) throw new Error("pattern is null");
			if (re2 == null) throw new Error("re2 is null");
			const p = new RE2JS(pattern, flags);
			p.re2Input = re2;
			return p;
		}
		constructor(pattern, flags) {
			this.patternInput = pattern;
			this.flagsInput = flags;
			this.re2Input = null;
		}
		reset() {
			this.re2Input.reset();
		}
		flags() {
			return this.flagsInput;
		}
		pattern() {
			return this.patternInput;
		}
		re2() {
			return this.re2Input;
		}
		matches(input) {
			return this.testExact(input);
		}
		matcher(input) {
			if (Utils.isByteArray(input)) input = MatcherInput.utf8(input);
			return new Matcher(this, input);
		}
		test(input) {
			if (Utils.isByteArray(input)) return this.re2Input.matchUTF8(input);
			return this.re2Input.match(input);
		}
		testExact(input) {
			const machineInput = Utils.isByteArray(input) ? MachineInput.fromUTF8(input) : MachineInput.fromUTF16(input);
			return this.re2Input.executeEngine(machineInput, 0, RE2Flags.ANCHOR_BOTH, 0) !== null;
		}
		exec(input) {
			const m = this.matcher(input);
			return m.find() ? execResult(m, input) : null;
		}
		split(input, limit = 0) {
			const m = this.matcher(input);
			const result = [];
			let emptiesSkipped = 0;
			let last = 0;
			while (m.find()) {
				if (last === 0 && m.end() === 0) {
					last = m.end();
					continue;
				}
				if (limit > 0 && result.length === limit - 1) break;
				if (last === m.start()) {
					if (limit === 0) {
						emptiesSkipped += 1;
						last = m.end();
						continue;
					}
				} else while (emptiesSkipped > 0) {
					result.push("");
					emptiesSkipped -= 1;
				}
				result.push(m.substring(last, m.start()));
				last = m.end();
			}
			if (limit === 0 && last !== m.inputLength()) {
				while (emptiesSkipped > 0) {
					result.push("");
					emptiesSkipped -= 1;
				}
				result.push(m.substring(last, m.inputLength()));
			}
			if (limit !== 0 || result.length === 0 && !(last === m.inputLength() && last > 0)) result.push(m.substring(last, m.inputLength()));
			return result;
		}
		*matchAll(input) {
			const m = this.matcher(input);
			while (m.find()) yield execResult(m, input);
		}
		toString() {
			return this.patternInput;
		}
		programSize() {
			return this.re2Input.numberOfInstructions();
		}
		groupCount() {
			return this.re2Input.numberOfCapturingGroups();
		}
		namedGroups() {
			return this.re2Input.namedGroups;
		}
		equals(other) {
			if (this === other) return true;
			if (other === null || this.constructor !== other.constructor) return false;
			return this.flagsInput === other.flagsInput && this.patternInput === other.patternInput;
		}
	};
	function re(stringsOrFlags, ...values) {
		if (Array.isArray(stringsOrFlags) && "raw" in stringsOrFlags) {
			const pattern = String.raw(stringsOrFlags, ...values);
			return RE2JS.compile(pattern);
		}
		const flags = typeof stringsOrFlags === "number" ? stringsOrFlags : 0;
		return (strings, ...tagValues) => {
			const pattern = String.raw(strings, ...tagValues);
			return RE2JS.compile(pattern, flags);
		};
	}
	exports.Matcher = Matcher;
	exports.MatcherInput = MatcherInput;
	exports.MatcherInputBase = MatcherInputBase;
	exports.RE2JS = RE2JS;
	exports.RE2JSCompileException = RE2JSCompileException;
	exports.RE2JSException = RE2JSException;
	exports.RE2JSFlagsException = RE2JSFlagsException;
	exports.RE2JSGroupException = RE2JSGroupException;
	exports.RE2JSInternalException = RE2JSInternalException;
	exports.RE2JSSyntaxException = RE2JSSyntaxException;
	exports.RE2Set = RE2Set;
	exports.re = re;
}));
require_picomatch();
const MAX_PATTERN_LENGTH = 1e3;
const MAX_PROGRAM_SIZE = 2e3;
const CONFIGURED_TIME_BUDGET_MS = 1e3;
let re2;
function engine$1() {
	if (re2) return re2;
	try {
		re2 = typeof require === "function" ? require_build() : (0, node_module.createRequire)(require("url").pathToFileURL(__filename).href)("re2js");
	} catch (e) {
		throw new Error(`the re2js package, which runs configured regular expressions, cannot be loaded: ${e.message.split("\n")[0]}`);
	}
	return re2;
}
function unsupportedConstruct(source) {
	let inClass = false;
	for (let i = 0; i < source.length; i++) {
		const ch = source[i];
		if (ch === "\\") {
			const next = source[i + 1] ?? "";
			if (!inClass && /[1-9]/.test(next)) return `a backreference \`\\${next}\``;
			if (!inClass && next === "k" && source[i + 2] === "<") return "a named backreference `\\k<\u2026>`";
			i++;
			continue;
		}
		if (inClass) {
			if (ch === "]") inClass = false;
			continue;
		}
		if (ch === "[") inClass = true;
		else if (ch === "(" && source[i + 1] === "?") {
			const head = source.slice(i + 2, i + 4);
			if (head.startsWith("=") || head.startsWith("!")) return `a lookahead \`${source.slice(i, i + 3)}\u2026\``;
			if (head === "<=" || head === "<!") return `a lookbehind \`${source.slice(i, i + 4)}\u2026\``;
		}
	}
}
function re2Flags(flags, RE2JS) {
	let out = 0;
	for (const f of flags) if (f === "i") out |= RE2JS.CASE_INSENSITIVE;
	else if (f === "m") out |= RE2JS.MULTILINE;
	else if (f === "s") out |= RE2JS.DOTALL;
	else if (!"ugdy".includes(f)) return void 0;
	return out;
}
const compiled = /* @__PURE__ */ new Map();
function compileConfigured(source, flags = "") {
	const key = `${flags}/${source}`;
	let out = compiled.get(key);
	if (out === void 0) compiled.set(key, out = compile(source, flags));
	return out;
}
function compile(source, flags) {
	if (source.length > 1e3) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
	const construct = unsupportedConstruct(source);
	if (construct) return `uses ${construct}, which configured patterns cannot: they run on a linear-time engine (RE2 syntax); match the text itself instead`;
	const { RE2JS } = engine$1();
	const bits = re2Flags(flags, RE2JS);
	if (bits === void 0) return `has flags "${flags}", of which only i, m, s and u are supported`;
	let re;
	try {
		re = RE2JS.compile(RE2JS.translateRegExp(source), bits);
	} catch (e) {
		return `is not a valid regular expression: ${e.message}`;
	}
	const size = re.programSize();
	if (size > 2e3) return `compiles to a program of ${size} instructions (at most ${MAX_PROGRAM_SIZE}): nested or large counted repetitions such as {1,30}{1,30} multiply; write a smaller pattern`;
	return {
		source,
		re,
		hasSecretGroup: "secret" in re.namedGroups()
	};
}
function configuredPattern(source, flags = "") {
	const p = compileConfigured(source, flags);
	if (typeof p === "string") throw new Error(`configured pattern ${JSON.stringify(source)} ${p}`);
	return p;
}
// src/config/config.ts
init_redact();
// src/config/extra-rules.ts
init_placeholder();
function extraRule(r, source) {
	const { re, hasSecretGroup } = configuredPattern(r.regex);
	return {
		kind: "content",
		id: r.id,
		provider: r.provider,
		title: r.title,
		why: `A project rule (${source ?? "configuration"}): ${r.title}.`,
		severity: r.severity,
		remediation: r.remediation,
		keywords: r.keywords,
		timeBudgetMs: CONFIGURED_TIME_BUDGET_MS,
		match(text, ctx) {
			const out = [];
			const m = re.matcher(text);
			while (m.find()) {
				const inGroup = hasSecretGroup && m.start("secret") >= 0;
				const start = inGroup ? m.start("secret") : m.start();
				const end = inGroup ? m.end("secret") : m.end();
				if (end > start) {
					const secret = text.slice(start, end);
					if (r.entropy === void 0 || entropy(secret) >= r.entropy) out.push({
						start,
						end,
						secret,
						visiblePrefix: 0
					});
				}
				if (ctx.deadline !== void 0 && performance.now() > ctx.deadline) {
					ctx.cutShort = true;
					break;
				}
			}
			return out;
		}
	};
}
function extraRules(rules, source) {
	return rules.map((r) => extraRule(r, source));
}
// src/rulekit/value-shapes.ts
function longestConsonantRun(word) {
	let best = 0;
	let run = 0;
	for (const ch of word) {
		run = /[a-z]/i.test(ch) && !VOWEL.test(ch) ? run + 1 : 0;
		if (run > best) best = run;
	}
	return best;
}
function isWordlikePiece(piece) {
	if (piece === "") return false;
	if (/^\d{1,12}$/.test(piece)) return true;
	if (/^v?\d{1,4}(?:\.\d{1,4}){0,3}[a-z]?$/i.test(piece)) return true;
	if (/^\d{1,4}[a-z]{1,2}$/i.test(piece)) return true;
	if (/^[a-z]{1,3}\d{0,3}$/i.test(piece)) return true;
	if (/^[A-Z]{2,5}\d{0,2}$/.test(piece)) return true;
	const letters = /^([A-Za-z]{4,24})\d{0,3}$/.exec(piece)?.[1];
	if (letters === void 0) return isCamelName(piece);
	if (letters !== letters.toLowerCase() && letters !== letters[0].toUpperCase() + letters.slice(1).toLowerCase() && letters !== letters.toUpperCase()) return isCamelName(letters);
	return VOWEL.test(letters) && longestConsonantRun(letters) <= 4;
}
function isCamelName(value) {
	if (value.length > 80) return false;
	const letters = /^([A-Za-z]+)\d{0,3}$/.exec(value)?.[1];
	if (letters === void 0) return false;
	const words = letters.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g);
	if (!words || words.length < 2 || words.join("") !== letters || letters.length / words.length < 3.5) return false;
	let odd = 0;
	for (const [i, w] of words.entries()) {
		if (w.length > 16 || longestConsonantRun(w) > 4) return false;
		const acronym = w === w.toUpperCase();
		if (acronym && w.length > 4) return false;
		if (!acronym && w.length < 3 && i > 0 && !(i === words.length - 1 && VOWEL.test(w))) return false;
		if (acronym || !VOWEL.test(w)) odd++;
	}
	return odd * 3 <= words.length;
}
function isNumberOrTiming(value) {
	return /^[-+]?(?:\d{1,40}(?:\.\d{0,40})?|\.\d{1,40})(?:e[-+]?\d{1,4})?(?:ns|us|ms|s|m|h|d|min|sec)?$/i.test(value);
}
function isDateOrTime(value) {
	return /^(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}:\d{2}:\d{2}(?:\.\d{1,9})?)$/.test(value);
}
function isVersionSpec(value) {
	return VERSION_SPEC.test(value) || BARE_VERSION.test(value);
}
function isLockHash(value) {
	return /^(?:(?:sha1|sha224|sha256|sha384|sha512|sha3-256)[:=-]|(?:md5|blake2b|blake3|xxh64|xxh3|h1):)[A-Za-z0-9+/_-]{8,200}={0,2}$/i.test(value);
}
function isModelId(value) {
	const m = /^([A-Za-z0-9][\w.-]{0,95})\/([A-Za-z0-9][\w.-]{0,95})(?:@[\w.-]{1,64})?$/.exec(value);
	return m !== null && (/^[a-z0-9][a-z0-9-]{0,39}$/.test(m[1]) || isWordyName(m[1])) && isWordyName(m[2]);
}
function isWordyName(value) {
	const core = value.replace(/:$/, "");
	const colon = core.indexOf(":");
	if (colon !== -1) return colon > 0 && isWordyName(core.slice(0, colon)) && isWordyName(core.slice(colon + 1));
	const pieces = core.split(/[-_.]+/);
	if (pieces.length > 24) return false;
	return pieces.every(isWordlikePiece);
}
function isUrn(value) {
	return /^urn:[a-z0-9][a-z0-9-]{0,31}:\S/i.test(value);
}
function isArn(value) {
	return /^arn:aws[a-z-]{0,12}:[a-z0-9-]{1,40}:[a-z0-9-]{0,30}:\d{0,12}:\S/i.test(value);
}
function isCliFlag(value) {
	const m = /^--([A-Za-z][\w.-]{0,60})(?:=.*)?$/.exec(value);
	return m !== null && isWordyName(m[1]);
}
function jsonSegment(segment) {
	try {
		const parsed = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
		return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : void 0;
	} catch {
		return;
	}
}
function isSignedDigest(value) {
	if (value.length > 4096) return false;
	const m = /^(eyJ[A-Za-z0-9_-]{4,200})\.(eyJ[A-Za-z0-9_-]{4,1000})\.[A-Za-z0-9_-]{0,1000}$/.exec(value);
	if (!m) return false;
	const header = jsonSegment(m[1]);
	const payload = jsonSegment(m[2]);
	if (!header || typeof header.alg !== "string" || !payload) return false;
	const keys = Object.keys(payload);
	return keys.length > 0 && keys.every((k) => DIGEST_CLAIMS.has(k)) && keys.some((k) => HASH_CLAIMS.has(k) && typeof payload[k] === "string" && /^[A-Za-z0-9+/=_-]{16,200}$/.test(payload[k]));
}
function isCodeReference(value) {
	const path = value.split("::");
	if (path.length >= 2 && path.every((p, i) => IDENTIFIER.test(i === 0 ? p.replace(/^\$/, "") : p))) return true;
	if (!value.includes(".")) return false;
	const pieces = value.split(/[=?:,|&!]+/).filter(Boolean);
	return pieces.length >= 2 && pieces.every((p) => p.split(".").every((part) => IDENTIFIER.test(part)));
}
function nonSecretShape(value) {
	if (isNumberOrTiming(value)) return "number";
	if (isDateOrTime(value)) return "date";
	if (isVersionSpec(value)) return "version";
	if (isLockHash(value)) return "lock-hash";
	if (isUrn(value)) return "urn";
	if (isArn(value)) return "arn";
	if (isCliFlag(value)) return "cli-flag";
	if (isSignedDigest(value)) return "signed-digest";
	if (isModelId(value)) return "model-id";
	if (isCamelName(value)) return "identifier";
	if (isCodeReference(value)) return "code";
	if (/[-_.:]/.test(value) && isWordyName(value)) return "identifier";
}
function segments(letters) {
	if (letters.length > 40) return {
		ok: false,
		secret: false
	};
	const can = [true];
	const secret = [false];
	for (let i = 1; i <= letters.length; i++) {
		can[i] = false;
		secret[i] = false;
		for (let j = Math.max(0, i - 11); j < i; j++) {
			if (!can[j]) continue;
			const w = letters.slice(j, i);
			if (!SYNTHETIC_VOCABULARY.has(w)) continue;
			can[i] = true;
			if (secret[j] || SECRET_PARTS.includes(w)) secret[i] = true;
		}
	}
	return {
		ok: can[letters.length],
		secret: secret[letters.length]
	};
}
function unLeet(value) {
	return value.replace(/(?<=[A-Za-z])[013457@$](?=[A-Za-z])/g, (c) => LEET[c]);
}
function isSyntheticSpelling(value) {
	const parts = value.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
	if (parts.length === 0) return false;
	let holdsSecret = false;
	let unknown = 0;
	for (const part of parts) for (const run of part.match(/[a-z]+|\d+/g) ?? []) {
		if (/^\d/.test(run)) {
			if (run.length > 6) return false;
			continue;
		}
		const s = segments(run);
		if (!s.ok && (run.length > 3 || ++unknown > 2)) return false;
		if (s.secret) holdsSecret = true;
	}
	return holdsSecret;
}
function isSyntheticSecret(value) {
	if (value.length > 64) return false;
	return isSyntheticSpelling(value) || isSyntheticSpelling(unLeet(value));
}
function isStandInPassword(value) {
	const squashed = value.toLowerCase().replace(/[^a-z]/g, "");
	if (/^(?:replacewith|replace|enter|insert|put|set|change|fill)(?:my|your|the|a|real|actual)?[a-z]{0,12}(?:password|passwd|pwd|secret|token|key|pass)(?:here)?$/.test(squashed)) return true;
	return /^(?:my|your|the|some|db|user|admin|root|app|super|secret|strong|secure|new|default|dummy)?(?:password|passwd|pwd|secret|pass|token)(?:here|goeshere)?$/.test(squashed) && !/\d/.test(value);
}
var VOWEL, VERSION_SPEC, BARE_VERSION, DIGEST_CLAIMS, HASH_CLAIMS, IDENTIFIER, SECRET_PARTS, FILLER_WORDS, SYNTHETIC_VOCABULARY, LEET;
var init_value_shapes = __esmMin((() => {
	VOWEL = /[aeiouy]/i;
	VERSION_SPEC = /^(?:[A-Za-z0-9_.[\]-]{0,100}\s{0,3})?(?:===|==|~=|!=|>=|<=|>|<|\^|~|=|@)\s{0,3}v?\d{1,6}(?:\.[0-9A-Za-z*+-]{1,20}){0,6}(?:,\s{0,3}(?:===|==|~=|!=|>=|<=|>|<|\^|~|=|@)\s{0,3}v?\d{1,6}(?:\.[0-9A-Za-z*+-]{1,20}){0,6}){0,4}$/;
	BARE_VERSION = /^v?\d{1,6}(?:\.\d{1,6}){1,3}(?:[-+.]?(?:a|b|c|rc|alpha|beta|dev|post|pre|final)\.?\d{0,4}){0,2}(?:\+[0-9A-Za-z.]{1,40})?$/i;
	DIGEST_CLAIMS = /* @__PURE__ */ new Set([
		"hash",
		"digest",
		"checksum",
		"sha",
		"sha1",
		"sha256",
		"sha512",
		"md5",
		"version",
		"v"
	]);
	HASH_CLAIMS = /* @__PURE__ */ new Set([
		"hash",
		"digest",
		"checksum",
		"sha",
		"sha1",
		"sha256",
		"sha512",
		"md5"
	]);
	IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
	SECRET_PARTS = [
		"password",
		"passwd",
		"passphrase",
		"pass",
		"pwd",
		"secret",
		"token",
		"key",
		"apikey",
		"auth",
		"oauth",
		"cred",
		"creds",
		"credential",
		"credentials"
	];
	FILLER_WORDS = [
		"my",
		"your",
		"our",
		"the",
		"some",
		"new",
		"old",
		"super",
		"secure",
		"strong",
		"default",
		"test",
		"testing",
		"dev",
		"prod",
		"local",
		"staging",
		"admin",
		"root",
		"user",
		"write",
		"read",
		"access",
		"api",
		"bearer",
		"refresh",
		"session",
		"client",
		"service",
		"bot",
		"app",
		"db",
		"database",
		"foo",
		"bar",
		"baz",
		"qux",
		"hello",
		"world",
		"letmein",
		"welcome",
		"qwerty",
		"hunter",
		"abc",
		"xyz",
		"very",
		"top",
		"value",
		"valid",
		"invalid",
		"wrong",
		"bad",
		"good",
		"other",
		"another",
		"second",
		"first",
		"one",
		"two",
		"three",
		"upload",
		"download",
		"hub",
		"org",
		"private",
		"public"
	];
	SYNTHETIC_VOCABULARY = /* @__PURE__ */ new Set([...SECRET_PARTS, ...FILLER_WORDS]);
	LEET = {
		"0": "o",
		"1": "i",
		"3": "e",
		"4": "a",
		"5": "s",
		"7": "t",
		"@": "a",
		$: "s"
	};
}));
// src/rulekit/rulekit.ts
function isAsciiSpace(b) {
	return b === 32 || b >= 9 && b <= 13;
}
function isNameByte(b) {
	return b >= 97 && b <= 122 || b >= 65 && b <= 90 || b >= 48 && b <= 57 || b === 95 || b === 46 || b === 45;
}
function isWordByte(b) {
	return b >= 97 && b <= 122 || b >= 65 && b <= 90 || b >= 48 && b <= 57 || b === 95;
}
function isAlnumByte(b) {
	return b >= 97 && b <= 122 || b >= 65 && b <= 90 || b >= 48 && b <= 57;
}
function isHexByte(b) {
	return b >= 48 && b <= 57 || b >= 97 && b <= 102 || b >= 65 && b <= 70;
}
function userinfoMayFollow(bytes, end) {
	let i = end;
	const n = bytes.length;
	const part = (limit, stopAtColon) => {
		const from = i;
		for (; i < n && i - from <= limit; i++) {
			const b = bytes[i];
			if (b >= 128) return true;
			if (isAsciiSpace(b) || USERINFO_STOP[b] === 1 && (stopAtColon || b !== 58)) break;
		}
		return i > from && i - from <= limit;
	};
	if (!part(128, true)) return false;
	if (i < n && bytes[i] >= 128) return true;
	if (bytes[i] !== 58) return false;
	i++;
	if (!part(256, false)) return false;
	if (i < n && bytes[i] >= 128) return true;
	return bytes[i] === 64;
}
function regexRule(spec) {
	const { validate, visiblePrefix } = spec;
	let compiled;
	const global = () => {
		if (compiled) return compiled;
		const flags = new Set(spec.pattern.flags);
		flags.add("g");
		flags.add("d");
		return compiled = new RegExp(spec.pattern.source, [...flags].join(""));
	};
	const rule = {
		kind: "content",
		id: spec.id,
		provider: spec.provider,
		title: spec.title,
		why: spec.why,
		severity: spec.severity,
		remediation: spec.remediation,
		keywords: spec.keywords,
		match(text, ctx) {
			const out = [];
			const pattern = global();
			pattern.lastIndex = 0;
			let m;
			while ((m = pattern.exec(text)) !== null) {
				if (m[0].length === 0) {
					pattern.lastIndex++;
					continue;
				}
				const span = m.indices?.groups?.secret ?? m.indices[0];
				const secret = text.slice(span[0], span[1]);
				let extra = {};
				if (validate) {
					const verdict = validate(secret, m, {
						...ctx,
						text
					});
					if (verdict === false) continue;
					if (typeof verdict === "object") extra = verdict;
				}
				const vp = typeof visiblePrefix === "function" ? visiblePrefix(secret) : visiblePrefix ?? 0;
				out.push({
					start: span[0],
					end: span[1],
					secret,
					visiblePrefix: vp,
					...extra
				});
			}
			return out;
		}
	};
	if (spec.helpUri !== void 0) rule.helpUri = spec.helpUri;
	if (spec.contextLines !== void 0) rule.contextLines = spec.contextLines;
	if (spec.fallback) rule.fallback = true;
	if (spec.hitCanMatch) rule.hitCanMatch = spec.hitCanMatch;
	if ("examples" in spec) Object.defineProperty(rule, "examples", {
		get: () => spec.examples,
		enumerable: true,
		configurable: true
	});
	return rule;
}
function lineCounter(text) {
	let at = 0;
	let line = 0;
	return (offset) => {
		if (offset < at) throw new Error("lineCounter: offsets must not decrease");
		for (let i = text.indexOf("\n", at); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
		at = offset;
		return line;
	};
}
function prefixLength(secret, max = 16) {
	const m = /^(?:[A-Za-z0-9]{1,12}[_-]){1,3}/.exec(secret);
	return m ? Math.min(m[0].length, max) : 0;
}
function looksLikeIdentifier(body) {
	const words = body.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g);
	if (!words || words.join("") !== body) return false;
	return words.slice(0, -1).every((w) => w.length >= 3) && (words.length === 1 || isCamelName(body));
}
function crc32(text) {
	if (!crcTable) {
		crcTable = /* @__PURE__ */ new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
			crcTable[n] = c >>> 0;
		}
	}
	let crc = 4294967295;
	for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 255] ^ crc >>> 8;
	return (crc ^ 4294967295) >>> 0;
}
function base62(value, width) {
	let out = "";
	let v = value;
	while (v > 0) {
		out = BASE62$1[v % 62] + out;
		v = Math.floor(v / 62);
	}
	return out.padStart(width, "0");
}
function hasValidCrc32Checksum(body36) {
	if (body36.length !== 36) return false;
	return base62(crc32(body36.slice(0, 30)), 6) === body36.slice(30);
}
var LEFT, RIGHT, RIGHT_WITH_DASH, USERINFO_STOP, BASE62$1, crcTable;
var init_rulekit = __esmMin((() => {
	init_value_shapes();
	LEFT = String.raw`(?:(?<![A-Za-z0-9_])|(?<=\\[nrt]))`;
	RIGHT = String.raw`(?![A-Za-z0-9_])`;
	RIGHT_WITH_DASH = String.raw`(?![A-Za-z0-9_-])`;
	USERINFO_STOP = /* @__PURE__ */ new Uint8Array(128);
	for (const c of ":@/\"'<>`()[]{}") USERINFO_STOP[c.charCodeAt(0)] = 1;
	BASE62$1 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
}));
// src/rulekit/fakes.ts
function fake(length, alphabet, label) {
	return seededChars(length, alphabet, crc32(label));
}
function seededChars(length, alphabet, seed) {
	let state = seed | 0;
	let out = "";
	for (let i = 0; i < length; i++) {
		state = state + 1831565813 | 0;
		let t = Math.imul(state ^ state >>> 15, 1 | state);
		t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t;
		const r = ((t ^ t >>> 14) >>> 0) / 4294967296;
		out += alphabet[Math.floor(r * alphabet.length)];
	}
	return out;
}
function fakeWithCrc32(label) {
	const body = fake(30, ALNUM, label);
	return body + base62(crc32(body), 6);
}
function fakeUuid$1(label) {
	return uuidOf(fake(32, HEX, label));
}
function uuidOf(h) {
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
var UPPER, LOWER, DIGITS, LETTERS, ALNUM, UPPER_ALNUM, HEX, BASE64;
var init_fakes = __esmMin((() => {
	init_rulekit();
	UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	LOWER = "abcdefghijklmnopqrstuvwxyz";
	DIGITS = "0123456789";
	LETTERS = UPPER + LOWER;
	ALNUM = UPPER + LOWER + DIGITS;
	UPPER_ALNUM = UPPER + DIGITS;
	HEX = "0123456789abcdef";
	BASE64 = ALNUM + "+/";
}));
// rules/anthropic.ts
function keyRule$1(id, kind, knownVersion, title, why) {
	return regexRule({
		id,
		provider: "anthropic",
		title,
		why,
		severity: "error",
		remediation: remediation$32,
		helpUri: helpUri$27,
		keywords: [`sk-ant-${kind}`],
		pattern: new RegExp(`${LEFT}(?<secret>sk-ant-${kind}(?<version>\\d{2})-[A-Za-z0-9_-]{93}AA)${RIGHT_WITH_DASH}`),
		visiblePrefix: (s) => s.indexOf("-", 8) + 1,
		get examples() {
			return {
				match: [`ANTHROPIC_API_KEY=sk-ant-${kind}${knownVersion}-${fake(93, ALNUM, id)}AA`],
				noMatch: [`sk-ant-${kind}${knownVersion}-${fake(90, ALNUM, `${id}-short`)}AA`, `sk-ant-${kind}${knownVersion}-...`]
			};
		},
		validate: (_s, m) => m.groups.version === knownVersion ? true : {
			severity: "warning",
			message: `${title} (unknown key version ${m.groups.version})`
		}
	});
}
var remediation$32, helpUri$27, rules$52;
var init_anthropic = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$32 = {
		rotate: "Anthropic Console \u2192 Settings \u2192 API keys (https://console.anthropic.com/settings/keys, moving to platform.claude.com): disable or delete the key, then create a new one",
		store: "the CI or platform secret store (`gh secret set ANTHROPIC_API_KEY`), with workspace-scoped keys",
		read: "the Anthropic SDK reads ANTHROPIC_API_KEY from the environment by itself"
	};
	helpUri$27 = "https://docs.anthropic.com/en/api/getting-started";
	rules$52 = [keyRule$1("anthropic-api-key", "api", "03", "Anthropic API key", "An Anthropic key spends its workspace\u2019s credit on the Claude API."), keyRule$1("anthropic-admin-key", "admin", "01", "Anthropic Admin API key", "An Admin key manages the organization: members, workspaces and other API keys.")];
}));
// src/rulekit/matches.ts
function allMatches(re, text) {
	if (!re.global) throw new TypeError(`allMatches needs a global pattern: ${re}`);
	const out = [];
	re.lastIndex = 0;
	let m;
	while ((m = re.exec(text)) !== null) {
		out.push(m);
		if (m[0].length === 0) re.lastIndex = advance(text, re.lastIndex, re.unicode || re.flags.includes("v"));
	}
	re.lastIndex = 0;
	return out;
}
function advance(text, at, codePoints) {
	if (!codePoints || at + 1 >= text.length) return at + 1;
	const c = text.charCodeAt(at);
	return c >= 55296 && c <= 56319 && (text.charCodeAt(at + 1) & 64512) === 56320 ? at + 2 : at + 1;
}
var init_matches = __esmMin((() => {}));
// rules/aws.ts
var fakeKeyId, fakeSecret, remediation$31, helpUri$26, KEY_ID, NAMED_SECRET, PAIR_DISTANCE$1, accessKey, secretKey$2, credentialsFile$1, rules$51;
var init_aws = __esmMin((() => {
	init_rulekit();
	init_fakes();
	init_matches();
	fakeKeyId = (label) => `AKIA${fake(16, UPPER_ALNUM, label)}`;
	fakeSecret = (label) => fake(40, BASE64, label);
	remediation$31 = {
		rotate: "`aws iam create-access-key` (new key first), then `aws iam update-access-key --access-key-id <id> --status Inactive` and `aws iam delete-access-key`; temporary keys: the role\u2019s \"Revoke active sessions\"",
		store: "AWS Secrets Manager or SSM Parameter Store for applications; in CI no key at all: GitHub OIDC with aws-actions/configure-aws-credentials and a role",
		read: "the AWS SDKs read AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or a profile, or the role) by themselves"
	};
	helpUri$26 = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html";
	KEY_ID = /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9])/g;
	NAMED_SECRET = /(?:aws_?secret_?access_?key|secret_?access_?key|SecretAccessKey|aws_?secret(?:_?key)?)["']?\s*(?:=|:|=>|,)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
	PAIR_DISTANCE$1 = 5;
	accessKey = {
		kind: "content",
		id: "aws-access-key",
		provider: "aws",
		title: "AWS access key",
		why: "An AWS key pair acts as its IAM user: whatever that user may do \u2014 read buckets, start instances, run up the bill \u2014 anyone holding the pair may too.",
		severity: "error",
		remediation: remediation$31,
		helpUri: helpUri$26,
		keywords: [
			"AKIA",
			"ASIA",
			"ABIA",
			"ACCA"
		],
		contextLines: PAIR_DISTANCE$1,
		get examples() {
			return {
				match: [`AWS_ACCESS_KEY_ID=${fakeKeyId("aws-id")}\nAWS_SECRET_ACCESS_KEY=${fakeSecret("aws-secret")}`, `aws_access_key_id = ${fakeKeyId("aws-id-2")}`],
				noMatch: [`AKIA${fake(16, ALNUM.slice(26), "aws-lower")}`, "AWS_ACCESS_KEY_ID=AKIA<your key id>"]
			};
		},
		match(text) {
			const secretLine = lineCounter(text);
			const secrets = allMatches(NAMED_SECRET, text).map((m) => ({
				value: m.groups.secret,
				start: m.index + m[0].length - 40,
				line: secretLine(m.index)
			}));
			const out = [];
			const idLine = lineCounter(text);
			let reach = 0;
			let next = 0;
			for (const m of allMatches(KEY_ID, text)) {
				const id = m[1];
				const line = idLine(m.index);
				while (reach < secrets.length && secrets[reach].line < line - PAIR_DISTANCE$1) reach++;
				if (next < reach) next = reach;
				const s = secrets[next];
				if (s !== void 0 && s.line <= line + PAIR_DISTANCE$1) {
					next++;
					out.push({
						start: s.start,
						end: s.start + 40,
						secret: s.value,
						message: `AWS access key pair (key id ${id} with its secret access key)`,
						pairId: id
					});
				} else out.push({
					start: m.index,
					end: m.index + 20,
					secret: id,
					visiblePrefix: 4,
					severity: "warning",
					message: "AWS access key id without its secret nearby (not usable alone, but its secret is probably close)"
				});
			}
			return out;
		}
	};
	secretKey$2 = regexRule({
		id: "aws-secret-access-key",
		provider: "aws",
		title: "AWS secret access key",
		why: "The secret access key is the private half of an AWS key pair.",
		severity: "error",
		remediation: remediation$31,
		helpUri: helpUri$26,
		keywords: [
			"secret_access_key",
			"secretaccesskey",
			"aws_secret"
		],
		fallback: true,
		pattern: NAMED_SECRET,
		validate: (s) => /[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s),
		get examples() {
			return {
				match: [`aws_secret_access_key = ${fakeSecret("aws-secret-2")}`, `"SecretAccessKey": "${fakeSecret("aws-secret-3")}"`],
				noMatch: [`aws_secret_access_key = ${fake(40, ALNUM.slice(26, 52), "aws-secret-lower")}`, "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}"]
			};
		}
	});
	credentialsFile$1 = {
		kind: "path",
		id: "aws-credentials-file",
		provider: "aws",
		title: "AWS shared credentials file",
		why: "`aws configure` writes access keys into this file in plain text; committed, every profile in it is exposed.",
		severity: "error",
		remediation: {
			...remediation$31,
			note: "The credentials file belongs in ~/.aws only, never in a repository."
		},
		ignorePattern: ".aws/",
		get examples() {
			return {
				match: [`.aws/credentials\n[default]\naws_access_key_id = ${fakeKeyId("aws-file-id")}\naws_secret_access_key = ${fakeSecret("aws-file-secret")}\n`],
				noMatch: [".aws/config\n[default]\nregion = eu-west-1\n", "docs/credentials\nSee the wiki for how to get credentials.\n"]
			};
		},
		test(path, content) {
			if (!/(^|\/)(credentials|\.aws\/config)$/.test(path)) return false;
			const text = content();
			return text !== void 0 && /^[ \t]*aws_(?:secret_access_key|access_key_id)[ \t]*=[ \t]*\S/m.test(text);
		}
	};
	rules$51 = [
		accessKey,
		secretKey$2,
		credentialsFile$1
	];
}));
// src/rulekit/keyed-rule.ts
function anyCase(name) {
	return name.replace(/\\.|\[[^\]]{0,40}\]|\{[^}]{0,12}\}|[A-Za-z]/g, (c) => c.length === 1 ? `[${c.toUpperCase()}${c.toLowerCase()}]` : c);
}
function keyedPattern(names, value, valueAlphabet = "A-Za-z0-9_\\-") {
	return new RegExp(String.raw`(?<![A-Za-z0-9_])(?:${names.map(anyCase).join("|")})["'\]]{0,2}\s{0,16}(?::=|=>|=|:|,)\s{0,16}(?:[rbfu]?["'\`])?(?<secret>${value})(?![${valueAlphabet}])`);
}
function keyedRule(spec) {
	const { names, value, valueAlphabet, keywords, minEntropy = 3, check, visiblePrefix, ...base } = spec;
	return regexRule({
		...base,
		keywords: keywords ?? names,
		pattern: keyedPattern(names, value, valueAlphabet),
		...visiblePrefix !== void 0 ? { visiblePrefix } : {},
		validate(secret) {
			if (looksLikeIdentifier(secret) || nonSecretShape(secret) !== void 0) return false;
			if (entropy(secret) < minEntropy) return false;
			return check ? check(secret) : true;
		}
	});
}
function hasDigitAndLetter(value) {
	return /[0-9]/.test(value) && /[A-Za-z]/.test(value);
}
var init_keyed_rule = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	init_value_shapes();
}));
// src/rulekit/fake-token.ts
function fakeToken$1(alphabet, length, seed) {
	return seededChars(length, alphabet, seed);
}
function fakeUuid(seed) {
	return uuidOf(fakeToken$1(HEX, 32, seed));
}
function base64$1(text) {
	return Buffer.from(text, "utf8").toString("base64");
}
var BASE62, BASE64URL$1;
var init_fake_token = __esmMin((() => {
	init_fakes();
	BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	BASE64URL$1 = BASE62 + "-_";
}));
// rules/azure-openai.ts
var legacy$4, current$2, rules$50;
var init_azure_openai = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	legacy$4 = fakeToken$1(HEX, 32, 601);
	current$2 = fakeToken$1(BASE62, 84, 602);
	rules$50 = [keyedRule({
		id: "azure-openai-api-key",
		provider: "azure-openai",
		title: "Azure OpenAI API key",
		why: "An Azure OpenAI key calls every deployment of its resource, billed to the Azure subscription, and is accepted until the key is regenerated.",
		severity: "error",
		remediation: {
			rotate: "Azure portal \u2192 the Azure OpenAI resource \u2192 Resource Management \u2192 Keys and Endpoint \u2192 Regenerate Key 1/2 (switch clients to the other key first), or `az cognitiveservices account keys regenerate`",
			store: "Azure Key Vault, or the CI secret store (`gh secret set AZURE_OPENAI_API_KEY`); better, Microsoft Entra ID (managed identity) with no key at all",
			read: "the OpenAI SDK\u2019s AzureOpenAI client reads AZURE_OPENAI_API_KEY from the environment by itself"
		},
		helpUri: "https://learn.microsoft.com/en-us/azure/ai-services/openai/how-to/managed-identity",
		names: [
			"AZURE_OPENAI_API_KEY",
			"AZURE_OPENAI_KEY",
			"AZURE_API_KEY",
			"AZURE_AI_API_KEY",
			"AZURE_COGNITIVE_SERVICES_KEY",
			String.raw`AzureOpenAI\(\s{0,8}api_key`
		],
		keywords: [
			"azure_openai_api_key",
			"azure_openai_key",
			"azure_api_key",
			"azure_ai_api_key",
			"azure_cognitive_services_key",
			"azureopenai("
		],
		value: "[a-f0-9]{32}|[A-Za-z0-9]{84}",
		check: hasDigitAndLetter,
		examples: {
			match: [
				`AZURE_OPENAI_API_KEY=${legacy$4}`,
				`AZURE_OPENAI_KEY="${current$2}"`,
				`client = AzureOpenAI(api_key="${legacy$4}")`
			],
			noMatch: [`AZURE_OPENAI_API_KEY=${legacy$4.slice(0, 30)}`, `AZURE_OPENAI_ENDPOINT=https://example.openai.azure.com/`]
		}
	})];
}));
// rules/bedrock.ts
var remediation$30, helpUri$25, longTerm, presigned, shortTerm, rules$49;
var init_bedrock = __esmMin((() => {
	init_rulekit();
	init_fake_token();
	remediation$30 = {
		rotate: "Amazon Bedrock console \u2192 API keys: delete the long-term key (it belongs to an IAM user named BedrockAPIKey-\u2026: also `aws iam delete-service-specific-credential`); a short-term key cannot be revoked one by one \u2014 revoke the sessions of the role or user that generated it (IAM \u2192 Revoke active sessions)",
		store: "AWS Secrets Manager, or the CI secret store (`gh secret set AWS_BEARER_TOKEN_BEDROCK`); better, short-term keys generated at run time (`aws-bedrock-token-generator`) or plain IAM role credentials",
		read: "the AWS SDKs read AWS_BEARER_TOKEN_BEDROCK from the environment by themselves"
	};
	helpUri$25 = "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html";
	longTerm = "ABSK" + fakeToken$1(BASE62, 128, 1901);
	presigned = `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIA${fakeToken$1("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 1902)}%2F20260101%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Signature=${fakeToken$1("0123456789abcdef", 64, 1903)}&Version=1`;
	shortTerm = "bedrock-api-key-" + base64$1(presigned);
	rules$49 = [regexRule({
		id: "bedrock-api-key",
		provider: "bedrock",
		title: "Amazon Bedrock long-term API key",
		why: "A long-term Bedrock API key calls every Bedrock model its IAM user\u2019s policy allows, billed to the AWS account, until it expires or is deleted.",
		severity: "error",
		remediation: remediation$30,
		helpUri: helpUri$25,
		keywords: ["absk"],
		pattern: new RegExp(`${LEFT}(?<secret>ABSK[A-Za-z0-9+/]{105,265}={0,2})(?![A-Za-z0-9+/=])`),
		visiblePrefix: 4,
		validate: (s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s.slice(4)),
		examples: {
			match: [`AWS_BEARER_TOKEN_BEDROCK=${longTerm}`, `"Authorization": "Bearer ${longTerm}"`],
			noMatch: [`AWS_BEARER_TOKEN_BEDROCK=${longTerm.slice(0, 60)}`, `ABSKIP_TESTS=1`]
		}
	}), regexRule({
		id: "bedrock-short-term-api-key",
		provider: "bedrock",
		title: "Amazon Bedrock short-term API key",
		why: "A short-term Bedrock API key carries its generator\u2019s signed session: for up to 12 hours it calls Bedrock with that principal\u2019s permissions.",
		severity: "error",
		remediation: remediation$30,
		helpUri: helpUri$25,
		keywords: ["bedrock-api-key-"],
		pattern: /(?<secret>bedrock-api-key-YmVkcm9jay[A-Za-z0-9+/]{100,6000}={0,2})(?![A-Za-z0-9+/=])/,
		visiblePrefix: 16,
		examples: {
			match: [`AWS_BEARER_TOKEN_BEDROCK=${shortTerm}`],
			noMatch: ["AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay", `token_prefix = "bedrock-api-key-"`]
		}
	})];
}));
// rules/clearml.ts
var remediation$29, helpUri$24, secret$4, access, rules$48;
var init_clearml = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$29 = {
		rotate: "ClearML Web UI \u2192 Settings \u2192 Workspace \u2192 App Credentials: revoke the leaked credentials, create new ones",
		store: "the CI or platform secret store (`gh secret set CLEARML_API_SECRET_KEY`); on agents, their own clearml.conf outside the repository",
		read: "the clearml package reads CLEARML_API_ACCESS_KEY and CLEARML_API_SECRET_KEY from the environment by itself"
	};
	helpUri$24 = "https://clear.ml/docs/latest/docs/configs/clearml_conf/";
	secret$4 = fakeToken$1(BASE62, 50, 2801);
	access = fakeToken$1(UPPER_ALNUM, 30, 2802);
	rules$48 = [keyedRule({
		id: "clearml-secret-key",
		provider: "clearml",
		title: "ClearML API secret key",
		why: "With its access key, a ClearML secret key reads and writes every project, experiment, model and dataset of the workspace, and queues work on its agents.",
		severity: "error",
		remediation: remediation$29,
		helpUri: helpUri$24,
		names: [
			"CLEARML_API_SECRET_KEY",
			"TRAINS_API_SECRET_KEY",
			"CLEARML_SECRET_KEY"
		],
		value: "[A-Za-z0-9]{30,80}",
		check: hasDigitAndLetter,
		examples: {
			match: [`CLEARML_API_SECRET_KEY=${secret$4}`, `TRAINS_API_SECRET_KEY: "${secret$4}"`],
			noMatch: [`CLEARML_API_ACCESS_KEY=${access}`, `CLEARML_API_SECRET_KEY=${secret$4.slice(0, 20)}`]
		}
	}), regexRule({
		id: "clearml-conf-secret-key",
		provider: "clearml",
		title: "ClearML secret key in a clearml.conf credentials block",
		why: "`clearml-init` writes the workspace\u2019s access and secret key into clearml.conf in plain text; a committed copy publishes them.",
		severity: "error",
		remediation: {
			...remediation$29,
			note: "clearml.conf belongs in the home directory (~/clearml.conf) of each machine, not in the repository."
		},
		helpUri: helpUri$24,
		keywords: ["secret_key"],
		contextLines: 8,
		pattern: /"?secret_key"?\s{0,16}[=:]\s{0,16}"?(?<secret>[A-Za-z0-9]{30,80})(?![A-Za-z0-9])/,
		validate(secret, _m, ctx) {
			return hasDigitAndLetter(secret) && /\b(?:api_server|web_server|files_server)\b|clear\.ml/.test(ctx.text);
		},
		examples: {
			match: [`api {\n  api_server: https://api.clear.ml\n  credentials {\n    "access_key" = "${access}"\n    "secret_key" = "${secret$4}"\n  }\n}`],
			noMatch: [`aws {\n  s3 {\n    secret_key: "${secret$4}"\n  }\n}`, `api {\n  api_server: https://api.clear.ml\n  credentials { "secret_key" = "" }\n}`]
		}
	})];
}));
// rules/cloudflare.ts
var remediation$28, helpUri$23, scannable, legacyToken$1, legacyGlobal, KINDS$3, rules$47;
var init_cloudflare = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$28 = {
		rotate: "Cloudflare dashboard \u2192 My Profile \u2192 API Tokens (account tokens: Manage Account \u2192 API Tokens): Roll the token, or delete it; the Global API Key: View \u2192 Change",
		store: "the CI secret store (`gh secret set CLOUDFLARE_API_TOKEN`), Workers secrets (`wrangler secret put`) for values a Worker needs",
		read: "wrangler and the Terraform provider read CLOUDFLARE_API_TOKEN from the environment by themselves"
	};
	helpUri$23 = "https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/";
	scannable = "cfut_" + fakeToken$1(BASE62, 48, 2601);
	legacyToken$1 = fakeToken$1(BASE64URL$1, 40, 2602);
	legacyGlobal = fakeToken$1(HEX, 37, 2603);
	KINDS$3 = {
		cfk: "Cloudflare Global API Key",
		cfut: "Cloudflare user API token",
		cfat: "Cloudflare account API token"
	};
	rules$47 = [
		regexRule({
			id: "cloudflare-api-token",
			provider: "cloudflare",
			title: "Cloudflare API token",
			why: "A Cloudflare token changes DNS, firewall rules, Workers and Pages of the zones and accounts it covers (a Global API Key: everything its user can do).",
			severity: "error",
			remediation: remediation$28,
			helpUri: helpUri$23,
			keywords: [
				"cfk_",
				"cfut_",
				"cfat_"
			],
			pattern: new RegExp(`${LEFT}(?<secret>(?<kind>cfk|cfut|cfat)_(?<body>[A-Za-z0-9]{42,60}))${RIGHT}`),
			visiblePrefix: (s) => s.indexOf("_") + 1,
			validate: (_s, m) => hasDigitAndLetter(m.groups.body) ? { message: KINDS$3[m.groups.kind] } : false,
			examples: {
				match: [`CLOUDFLARE_API_TOKEN=${scannable}`, `"Authorization": "Bearer ${scannable}"`],
				noMatch: [`cfut_${fakeToken$1(BASE62, 30, 2604)}`, `cfat_settings = {}`]
			}
		}),
		keyedRule({
			id: "cloudflare-legacy-api-token",
			provider: "cloudflare",
			title: "Cloudflare API token (unprefixed, older format)",
			why: "An older Cloudflare API token stays valid until rolled or deleted and changes what its permissions cover (DNS, Workers, firewall).",
			severity: "error",
			remediation: remediation$28,
			helpUri: helpUri$23,
			names: [
				"CLOUDFLARE_API_TOKEN",
				"CF_API_TOKEN",
				"CLOUDFLARE_TOKEN",
				"CF_DNS_API_TOKEN"
			],
			value: "[A-Za-z0-9_-]{40}",
			check: hasDigitAndLetter,
			examples: {
				match: [`CLOUDFLARE_API_TOKEN=${legacyToken$1}`, `export CF_API_TOKEN="${legacyToken$1}"`],
				noMatch: [`CLOUDFLARE_ACCOUNT_ID=${legacyGlobal.slice(0, 32)}`, `CLOUDFLARE_API_TOKEN=${legacyToken$1.slice(0, 30)}`]
			}
		}),
		keyedRule({
			id: "cloudflare-global-api-key",
			provider: "cloudflare",
			title: "Cloudflare Global API Key (unprefixed, older format)",
			why: "The Global API Key, with its account email, does everything its user can do in every account and zone.",
			severity: "error",
			remediation: remediation$28,
			helpUri: helpUri$23,
			names: [
				"CLOUDFLARE_API_KEY",
				"CF_API_KEY",
				"CLOUDFLARE_GLOBAL_API_KEY",
				"CF_GLOBAL_API_KEY",
				"CLOUDFLARE_AUTH_KEY",
				"X-Auth-Key"
			],
			value: "[a-f0-9]{37}",
			check: hasDigitAndLetter,
			examples: {
				match: [`CLOUDFLARE_API_KEY=${legacyGlobal}`, `-H "X-Auth-Key: ${legacyGlobal}"`],
				noMatch: [`CLOUDFLARE_API_KEY=${legacyGlobal}0`, `CLOUDFLARE_ZONE_ID=${legacyGlobal.slice(0, 32)}`]
			}
		})
	];
}));
// rules/cohere.ts
var key$5, rules$46;
var init_cohere = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	key$5 = fakeToken$1(BASE62, 40, 301);
	rules$46 = [keyedRule({
		id: "cohere-api-key",
		provider: "cohere",
		title: "Cohere API key",
		why: "A Cohere key calls every Cohere model on its owner\u2019s account and billing (trial keys are rate-limited, production keys are billed).",
		severity: "error",
		remediation: {
			rotate: "https://dashboard.cohere.com/api-keys \u2192 delete the key, create a new one",
			store: "the CI or platform secret store (`gh secret set CO_API_KEY`), an HF Space secret or a Colab secret",
			read: "the Cohere SDK reads CO_API_KEY from the environment by itself (`cohere.ClientV2()` with no key)"
		},
		helpUri: "https://docs.cohere.com/docs/rate-limits",
		names: [
			"COHERE_API_KEY",
			"COHERE_KEY",
			"CO_API_KEY",
			"COHERE_API_TOKEN",
			String.raw`cohere\.Client(?:V2)?\(\s{0,8}api_key`
		],
		keywords: [
			"cohere_api_key",
			"cohere_key",
			"co_api_key",
			"cohere_api_token",
			"cohere.client"
		],
		value: "[A-Za-z0-9]{40}",
		check: hasDigitAndLetter,
		examples: {
			match: [
				`COHERE_API_KEY=${key$5}`,
				`os.environ["CO_API_KEY"] = "${key$5}"`,
				`co = cohere.ClientV2(api_key="${key$5}")`
			],
			noMatch: [`COHERE_API_KEY=${key$5.slice(0, 32)}`, `COHERE_MODEL=command-r-plus-08-2024-preview-release`]
		}
	})];
}));
// rules/comet.ts
var key$4, rules$45;
var init_comet = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	key$4 = fakeToken$1(BASE62, 25, 701);
	rules$45 = [keyedRule({
		id: "comet-api-key",
		provider: "comet",
		title: "Comet (Comet ML / Opik) API key",
		why: "A Comet key reads and writes every experiment, model registry entry and artifact in its owner\u2019s workspaces.",
		severity: "error",
		remediation: {
			rotate: "Comet \u2192 account settings \u2192 API Keys: delete the key and generate a new one",
			store: "the CI or platform secret store (`gh secret set COMET_API_KEY`), an HF Space secret or a Colab secret",
			read: "comet_ml (and Opik) read COMET_API_KEY / OPIK_API_KEY from the environment by themselves; call `comet_ml.login()` without a key"
		},
		helpUri: "https://www.comet.com/docs/v2/guides/experiment-management/configure-sdk/",
		names: [
			"COMET_API_KEY",
			"OPIK_API_KEY",
			"COMET_REST_API_KEY",
			String.raw`comet_ml\.(?:login|start|Experiment|API)\([^)\n]{0,200}?api_key`
		],
		keywords: [
			"comet_api_key",
			"opik_api_key",
			"comet_rest_api_key",
			"comet_ml."
		],
		value: "[A-Za-z0-9]{20,40}",
		check: hasDigitAndLetter,
		examples: {
			match: [`COMET_API_KEY=${key$4}`, `experiment = comet_ml.Experiment(project_name="demo-run", api_key="${key$4}")`],
			noMatch: [`COMET_API_KEY=${key$4.slice(0, 12)}`, `COMET_PROJECT_NAME=image-classification`]
		}
	})];
}));
// src/rulekit/secret-names.ts
function nameWords(name) {
	const out = [];
	for (const part of name.split(/[^A-Za-z0-9]+/)) for (const w of part.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []) out.push(w.toLowerCase());
	return out;
}
function isNotSecretPrefix(prefix) {
	return NOT_SECRET_QUALIFIERS.includes(prefix) || prefix.endsWith("tik");
}
function isSecretWord(word, before, rest) {
	if (SECRET_WORDS.has(word)) return true;
	if (word === "key" || word === "keys") {
		if (before === void 0) return false;
		if (KEY_QUALIFIERS.has(before)) return true;
		return rest.every((w) => /^\d+$/.test(w)) && !/^\d+$/.test(before) && !NOT_CREDENTIAL_KEY_QUALIFIERS.has(before) && !NOT_SECRET_QUALIFIERS.includes(before);
	}
	for (const ending of SECRET_ENDINGS) {
		if (word.endsWith(ending) && word.length > ending.length) return !isNotSecretPrefix(word.slice(0, -ending.length));
		if (word.startsWith(ending) && word.length > ending.length) return SECRET_CONTINUATIONS.has(word.slice(ending.length));
	}
	return false;
}
function namesASecret(name) {
	if (CODE_FILE_NAME.test(name)) return false;
	const words = nameWords(name);
	let last = -1;
	for (let i = 0; i < words.length; i++) if (isSecretWord(words[i], words[i - 1], words.slice(i + 1))) last = i;
	if (last === -1) return false;
	const word = words[last];
	const before = words[last - 1];
	if (before !== void 0 && NOT_SECRET_QUALIFIERS.includes(before) && !SECRET_WORDS.has(before)) return false;
	const after = words[last + 1];
	if (after !== void 0 && NOT_A_VALUE_WORDS.has(after)) return false;
	if (words.length > 1 && NOT_A_VALUE_WORDS.has(words[words.length - 1])) return false;
	if (word === "auth" && after !== void 0 && !/^\d+$/.test(after)) return false;
	return true;
}
var SECRET_WORDS, SECRET_ENDINGS, KEY_QUALIFIERS, NOT_CREDENTIAL_KEY_QUALIFIERS, SECRET_CONTINUATIONS, NOT_SECRET_QUALIFIERS, NOT_A_VALUE_WORDS, CODE_FILE_NAME;
var init_secret_names = __esmMin((() => {
	SECRET_WORDS = /* @__PURE__ */ new Set([
		"password",
		"passwords",
		"passwd",
		"passphrase",
		"pwd",
		"pass",
		"secret",
		"secrets",
		"token",
		"tokens",
		"apikey",
		"apikeys",
		"credential",
		"credentials",
		"creds",
		"auth"
	]);
	SECRET_ENDINGS = [
		"password",
		"passwd",
		"passphrase",
		"pwd",
		"secret",
		"token",
		"apikey",
		"accesskey",
		"privatekey",
		"secretkey",
		"masterkey",
		"signingkey",
		"encryptionkey",
		"credentials"
	];
	KEY_QUALIFIERS = /* @__PURE__ */ new Set([
		"api",
		"access",
		"private",
		"encryption",
		"signing",
		"master",
		"secret",
		"auth",
		"client"
	]);
	NOT_CREDENTIAL_KEY_QUALIFIERS = /* @__PURE__ */ new Set([
		"primary",
		"foreign",
		"sort",
		"partition",
		"hash",
		"range",
		"cache",
		"lookup",
		"dict",
		"map",
		"row",
		"column",
		"col",
		"object",
		"obj",
		"idempotency",
		"dedup",
		"dedupe",
		"routing",
		"shard",
		"group",
		"unique",
		"composite",
		"join",
		"index",
		"react",
		"i18n",
		"translation",
		"message",
		"msg",
		"config",
		"setting",
		"settings",
		"registry",
		"context",
		"state",
		"cluster",
		"node",
		"entry",
		"item",
		"field",
		"attr",
		"attribute",
		"property",
		"prop",
		"json",
		"yaml",
		"label",
		"metric",
		"metrics",
		"order",
		"event",
		"feature",
		"model",
		"layer",
		"dataset",
		"data",
		"record",
		"result",
		"text",
		"memory",
		"target",
		"host",
		"gpg",
		"pgp",
		"known",
		"pub",
		"the",
		"a",
		"this",
		"that",
		"bucket",
		"s3",
		"file",
		"path",
		"local",
		"global",
		"sub",
		"parent",
		"child",
		"root",
		"hot",
		"short",
		"self",
		"cls",
		"import",
		"module",
		"param",
		"params",
		"parameter",
		"query",
		"arg",
		"args",
		"argument",
		"option",
		"options",
		"opt",
		"flag",
		"header",
		"headers",
		"style",
		"scheme",
		"consumer"
	]);
	SECRET_CONTINUATIONS = /* @__PURE__ */ new Set([
		"s",
		"key",
		"value",
		"str",
		"string",
		"b",
		"enc",
		"encrypted",
		"raw",
		"hash",
		"secret",
		"token"
	]);
	NOT_SECRET_QUALIFIERS = [
		"public",
		"authenticity",
		"publishable",
		"csrf",
		"xsrf",
		"page",
		"next",
		"prev",
		"previous",
		"continuation",
		"pagination",
		"cursor",
		"sync",
		"resume",
		"bos",
		"eos",
		"pad",
		"unk",
		"sep",
		"cls",
		"mask",
		"special",
		"start",
		"end",
		"max",
		"min",
		"num",
		"total",
		"prompt",
		"completion",
		"input",
		"output",
		"image",
		"audio",
		"video",
		"vision",
		"sub",
		"multi",
		"pre",
		"non",
		"cancellation",
		"cancel"
	];
	NOT_A_VALUE_WORDS = /* @__PURE__ */ new Set([
		"url",
		"uri",
		"urls",
		"endpoint",
		"path",
		"file",
		"files",
		"dir",
		"name",
		"names",
		"id",
		"ids",
		"type",
		"types",
		"length",
		"len",
		"size",
		"count",
		"env",
		"var",
		"header",
		"prefix",
		"suffix",
		"format",
		"expiry",
		"expires",
		"expiration",
		"ttl",
		"timeout",
		"enabled",
		"required",
		"mode",
		"min",
		"max",
		"policy",
		"field",
		"hint",
		"label",
		"description",
		"help",
		"regex",
		"pattern",
		"classification",
		"source",
		"mechanism",
		"method",
		"provider",
		"scheme",
		"strategy",
		"domain",
		"host",
		"port",
		"user",
		"username",
		"usage",
		"limit",
		"limits",
		"budget",
		"index",
		"idx",
		"position",
		"positions",
		"embedding",
		"embeddings",
		"location",
		"lifetime",
		"duration",
		"seconds",
		"secs",
		"ms",
		"minutes",
		"hours",
		"days",
		"version",
		"schema",
		"arn",
		"arns",
		"template",
		"kind",
		"level",
		"class",
		"parser",
		"validator",
		"generator",
		"handler",
		"manager",
		"store",
		"ref",
		"through",
		"thru",
		"rate",
		"at",
		"fail"
	]);
	CODE_FILE_NAME = /\.(?:rs|a|so|o|lib|dll|dylib|py|pyi|pyc|go|c|cc|cpp|h|hpp|js|mjs|cjs|ts|tsx|jsx|java|class|kt|rb|php|cs|swift|scala|md|rst|html|css)$/i;
}));
// rules/credential-files.ts
function fileRule(id, title, why, ignore, test, examples) {
	const [ignorePattern, ...alsoIgnore] = typeof ignore === "string" ? [ignore] : ignore;
	return {
		kind: "path",
		id,
		provider: "credential-files",
		title,
		why,
		severity: "error",
		remediation: remediation$27,
		ignorePattern,
		...alsoIgnore.length ? { alsoIgnore } : {},
		examples,
		test: (path) => test(path)
	};
}
var remediation$27, basename, ENV_TEMPLATES, TOML_VALUE, streamlitSecrets, rules$44;
var init_credential_files = __esmMin((() => {
	init_placeholder();
	init_secret_names();
	init_fakes();
	init_matches();
	remediation$27 = {
		rotate: "rotate every credential the file held: it stays readable in history even after the file is deleted",
		store: "the platform\u2019s secret store (CI secrets, HF Space secrets, Modal Secrets, Prefect Secret blocks, a cloud secret manager); locally, keep the file but ignore it",
		read: "from the environment (os.environ[\"NAME\"], process.env.NAME); commit a template such as .env.example with placeholder values instead"
	};
	basename = (path) => path.slice(path.lastIndexOf("/") + 1);
	ENV_TEMPLATES = /^\.env\.(example|sample|template|dist|defaults?|schema|tpl|in)$|^\.env\.sentry-build-plugin$/i;
	TOML_VALUE = /^\s{0,16}([A-Za-z0-9_.-]{1,80})\s{0,16}=\s{0,16}(?:"([^"\n]{1,512})"|'([^'\n]{1,512})')/gm;
	streamlitSecrets = {
		kind: "path",
		id: "credential-files-streamlit-secrets",
		provider: "credential-files",
		title: "Streamlit secrets file (.streamlit/secrets.toml)",
		why: "secrets.toml holds the real values a Streamlit app reads through st.secrets: API keys, database passwords and connection URLs.",
		severity: "error",
		remediation: {
			...remediation$27,
			store: "Streamlit Community Cloud: the app\u2019s Settings \u2192 Secrets; elsewhere the platform\u2019s secret store. Locally, keep .streamlit/secrets.toml but ignore it",
			read: "st.secrets[\"NAME\"] (Streamlit also exposes root-level secrets as environment variables)"
		},
		ignorePattern: ".streamlit/secrets.toml",
		test(path, content) {
			if (!/(^|\/)\.streamlit\/secrets\.toml$/.test(path)) return false;
			const text = content();
			if (text === void 0) return true;
			for (const m of allMatches(TOML_VALUE, text)) {
				const value = m[2] ?? m[3];
				if (namesASecret(m[1]) && value.length >= 8 && !isPlaceholder(value)) return true;
			}
			return false;
		},
		get examples() {
			const file = `[connections.db]\ndialect = "postgresql"\npassword = "${fake(28, ALNUM, "streamlit-secrets")}"\n`;
			return {
				match: [`.streamlit/secrets.toml\n${file}`, `app/.streamlit/secrets.toml\n${file}`],
				noMatch: [`.streamlit/config.toml\n${file}`, ".streamlit/secrets.toml\n[connections.db]\ndialect = \"postgresql\"\nhost = \"localhost\"\n"]
			};
		}
	};
	rules$44 = [
		fileRule("credential-files-dotenv", "Environment file (.env)", ".env files hold the real values of API keys and passwords for local runs; they are meant to stay on one machine.", [".env", ".env.*"], (path) => {
			const name = basename(path);
			return /^\.env(\..+)?$/i.test(name) && !ENV_TEMPLATES.test(name);
		}, {
			match: [
				".env",
				"services/api/.env.local",
				".env.production"
			],
			noMatch: [
				".env.example",
				"app/.env.sample",
				".envrc",
				"docs/env.md"
			]
		}),
		fileRule("credential-files-netrc", "netrc file", "A netrc file holds login passwords for hosts (W&B, Heroku, curl \u2026) in plain text.", ".netrc", (path) => /^[._]netrc$/.test(basename(path)), {
			match: [".netrc", "ci/_netrc"],
			noMatch: ["netrc.md", ".netrc.example"]
		}),
		fileRule("credential-files-git-credentials", "git credential store (.git-credentials)", "`git credential-store` writes every remembered password and token here as https://user:token@host lines.", ".git-credentials", (path) => basename(path) === ".git-credentials", {
			match: [".git-credentials", "home/.git-credentials"],
			noMatch: ["git-credentials.md", ".git-credentials.example"]
		}),
		fileRule("credential-files-local-secrets", "Local secrets module or script", "Files named for secrets (_local_secrets.py, secrets_*.py, *_secrets.sh, *.secret) exist to hold real values outside the code.", ["*.secret", "_local_secrets.py"], (path) => {
			const name = basename(path);
			return name === "_local_secrets.py" || /^secrets_[^/]+\.py$/.test(name) || /_secrets\.sh$/.test(name) || /\.secret$/.test(name);
		}, {
			match: [
				"_local_secrets.py",
				"config/secrets_prod.py",
				"deploy/db_secrets.sh",
				"jwt.secret"
			],
			noMatch: [
				"secrets.py",
				"docs/secrets.md",
				"secret_santa.py"
			]
		}),
		streamlitSecrets,
		fileRule("credential-files-shell-history", "Shell or REPL history file", "History files record commands as typed, including tokens passed on the command line and exported secrets.", ".*_history", (path) => /^\.(bash|zsh|sh|python|psql|mysql|node_repl|sqlite|irb|rediscli)_history$/.test(basename(path)), {
			match: [".bash_history", "notebooks/.python_history"],
			noMatch: [
				"history.md",
				".bash_profile",
				"src/.git_history"
			]
		})
	];
}));
// rules/databricks.ts
var remediation$26, hex$1, rules$43;
var init_databricks = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$26 = {
		rotate: "Databricks workspace \u2192 your user name \u2192 Settings \u2192 Developer \u2192 Access tokens \u2192 Manage: revoke the token (admins: Settings \u2192 Advanced \u2192 Personal access tokens, or the Token Management API)",
		store: "a CI secret (`gh secret set DATABRICKS_TOKEN`); inside Databricks, a secret scope (`databricks secrets put-secret <scope> <key>`); for machines, OAuth credentials of a service principal instead of a personal token",
		read: "the Databricks SDK and CLI read DATABRICKS_HOST and DATABRICKS_TOKEN from the environment by themselves; in notebooks, `dbutils.secrets.get(scope, key)`"
	};
	hex$1 = fakeToken$1(HEX, 32, 101);
	rules$43 = [regexRule({
		id: "databricks-access-token",
		provider: "databricks",
		title: "Databricks personal access token",
		why: "A Databricks personal access token acts as its user in one workspace: it reads tables and secret scopes and runs jobs on clusters the account pays for.",
		severity: "error",
		remediation: remediation$26,
		helpUri: "https://docs.databricks.com/en/dev-tools/auth/pat.html",
		keywords: ["dapi"],
		pattern: new RegExp(`${LEFT}(?<secret>dapi(?<body>[a-f0-9]{32})(?:-\\d)?)${RIGHT_WITH_DASH}`),
		visiblePrefix: 4,
		validate: (_s, m) => hasDigitAndLetter(m.groups.body),
		examples: {
			match: [`DATABRICKS_TOKEN=dapi${hex$1}`, `token = "dapi${hex$1}-2"`],
			noMatch: [`DATABRICKS_TOKEN=dapi${hex$1.slice(0, 31)}`, `from databricks import sdk  # dapi_client`]
		}
	})];
}));
// rules/datadog.ts
var remediation$25, helpUri$22, apiKey$3, appKey, rules$42;
var init_datadog = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	remediation$25 = {
		rotate: "Datadog \u2192 Organization Settings \u2192 API Keys (or Application Keys): create a new key, move clients to it, then revoke the leaked one",
		store: "the CI or platform secret store (`gh secret set DD_API_KEY`); on Kubernetes a Secret referenced by the Agent\u2019s `apiKeyExistingSecret`",
		read: "the Datadog Agent, libraries and CLI read DD_API_KEY and DD_APP_KEY from the environment by themselves"
	};
	helpUri$22 = "https://docs.datadoghq.com/account_management/api-app-keys/";
	apiKey$3 = fakeToken$1(HEX, 32, 1101);
	appKey = fakeToken$1(HEX, 40, 1102);
	rules$42 = [keyedRule({
		id: "datadog-api-key",
		provider: "datadog",
		title: "Datadog API key",
		why: "A Datadog API key submits metrics, logs and events into the organization (costing money and polluting monitors) and, with an application key, reads its data.",
		severity: "error",
		remediation: remediation$25,
		helpUri: helpUri$22,
		names: [
			"DD_API_KEY",
			"DATADOG_API_KEY",
			"DD_CLIENT_API_KEY"
		],
		value: "[a-f0-9]{32}",
		check: hasDigitAndLetter,
		examples: {
			match: [`DD_API_KEY=${apiKey$3}`, `DATADOG_API_KEY: "${apiKey$3}"`],
			noMatch: [`DD_API_KEY=${appKey}`, `DD_SITE=datadoghq.eu`]
		}
	}), keyedRule({
		id: "datadog-application-key",
		provider: "datadog",
		title: "Datadog application key",
		why: "A Datadog application key, with an API key, reads and changes the organization\u2019s dashboards, monitors, logs and users with its owner\u2019s permissions.",
		severity: "error",
		remediation: remediation$25,
		helpUri: helpUri$22,
		names: [
			"DD_APP_KEY",
			"DD_APPLICATION_KEY",
			"DATADOG_APP_KEY",
			"DATADOG_APPLICATION_KEY",
			"DD_CLIENT_APP_KEY"
		],
		value: "[a-f0-9]{40}",
		check: hasDigitAndLetter,
		examples: {
			match: [`DD_APP_KEY=${appKey}`, `export DATADOG_APPLICATION_KEY="${appKey}"`],
			noMatch: [`DD_APP_KEY=${apiKey$3}`, `DD_APPLICATION_KEY_NAME=ci-dashboards`]
		}
	})];
}));
// rules/deepseek.ts
var key$3, rules$41;
var init_deepseek = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	key$3 = fakeToken$1(HEX, 32, 501);
	rules$41 = [keyedRule({
		id: "deepseek-api-key",
		provider: "deepseek",
		title: "DeepSeek API key",
		why: "A DeepSeek key spends its account\u2019s prepaid balance on the DeepSeek API.",
		severity: "error",
		remediation: {
			rotate: "https://platform.deepseek.com/api_keys \u2192 delete the key, create a new one",
			store: "the CI or platform secret store (`gh secret set DEEPSEEK_API_KEY`)",
			read: "os.environ[\"DEEPSEEK_API_KEY\"], passed to the OpenAI-compatible client with base_url https://api.deepseek.com"
		},
		helpUri: "https://api-docs.deepseek.com/",
		names: ["DEEPSEEK_API_KEY", "DEEPSEEK_KEY"],
		value: "sk-[a-f0-9]{32}",
		visiblePrefix: 3,
		check: (v) => hasDigitAndLetter(v.slice(3)),
		examples: {
			match: [`DEEPSEEK_API_KEY=sk-${key$3}`, `"DEEPSEEK_API_KEY": "sk-${key$3}"`],
			noMatch: [`OPENAI_API_KEY=sk-${key$3}`, `DEEPSEEK_API_KEY=sk-${key$3.slice(0, 20)}`]
		}
	})];
}));
// rules/digitalocean.ts
var body$4, KINDS$2, rules$40;
var init_digitalocean = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	body$4 = fakeToken$1(HEX, 64, 1801);
	KINDS$2 = {
		p: "DigitalOcean personal access token",
		o: "DigitalOcean OAuth access token",
		r: "DigitalOcean OAuth refresh token"
	};
	rules$40 = [regexRule({
		id: "digitalocean-token",
		provider: "digitalocean",
		title: "DigitalOcean API token",
		why: "A DigitalOcean token with write scope creates, changes and destroys Droplets, databases, Spaces and DNS records billed to the team.",
		severity: "error",
		remediation: {
			rotate: "https://cloud.digitalocean.com/account/api/tokens \u2192 the token\u2019s More menu \u2192 Delete (OAuth tokens: revoke the app\u2019s authorization), then generate a new one with custom scopes and an expiry",
			store: "the CI secret store (`gh secret set DIGITALOCEAN_ACCESS_TOKEN`)",
			read: "doctl and the Terraform provider read DIGITALOCEAN_ACCESS_TOKEN (the provider also DIGITALOCEAN_TOKEN) from the environment by themselves"
		},
		helpUri: "https://docs.digitalocean.com/reference/api/create-personal-access-token/",
		keywords: [
			"dop_v1_",
			"doo_v1_",
			"dor_v1_"
		],
		pattern: new RegExp(`${LEFT}(?<secret>do(?<kind>[por])_v1_(?<body>[a-f0-9]{64}))${RIGHT}`),
		visiblePrefix: 7,
		validate: (_s, m) => hasDigitAndLetter(m.groups.body) ? { message: KINDS$2[m.groups.kind] } : false,
		examples: {
			match: [`DIGITALOCEAN_ACCESS_TOKEN=dop_v1_${body$4}`, `refresh_token: dor_v1_${body$4}`],
			noMatch: [`dop_v1_${body$4.slice(0, 40)}`, `dox_v1_${body$4}`]
		}
	})];
}));
// rules/discord.ts
function firstPartIsUserId(token) {
	const first = token.slice(0, token.indexOf("."));
	return /^[1-9][0-9]{16,19}$/.test(Buffer.from(first, "base64url").toString("latin1"));
}
var remediation$24, helpUri$21, userId, botToken, webhookToken, rules$39;
var init_discord = __esmMin((() => {
	init_rulekit();
	init_fake_token();
	remediation$24 = {
		rotate: "Discord Developer Portal \u2192 the application \u2192 Bot \u2192 Reset Token (webhooks: the channel\u2019s Integrations \u2192 Webhooks \u2192 delete the webhook and create a new one)",
		store: "the platform or CI secret store (`gh secret set DISCORD_TOKEN`)",
		read: "os.environ[\"DISCORD_TOKEN\"] / process.env.DISCORD_TOKEN, passed to `client.run(\u2026)` / `client.login(\u2026)`"
	};
	helpUri$21 = "https://discord.com/developers/docs/reference#authentication";
	userId = fakeToken$1("123456789", 1, 2901) + fakeToken$1(DIGITS, 18, 2902);
	botToken = `${Buffer.from(userId).toString("base64url")}.${fakeToken$1(BASE64URL$1, 6, 2903)}.${fakeToken$1(BASE64URL$1, 38, 2904)}`;
	webhookToken = fakeToken$1(BASE64URL$1, 68, 2905);
	rules$39 = [regexRule({
		id: "discord-bot-token",
		provider: "discord",
		title: "Discord bot token",
		why: "A Discord bot token logs in as the bot: it reads and sends messages and acts with the bot\u2019s permissions in every server it has joined.",
		severity: "error",
		remediation: remediation$24,
		helpUri: helpUri$21,
		keywords: [
			"discord",
			".run(",
			".login("
		],
		contextLines: 3,
		pattern: new RegExp(`${LEFT}(?<secret>[MNO][A-Za-z0-9_-]{22,26}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,40})${RIGHT_WITH_DASH}`),
		visiblePrefix: 0,
		validate: (secret) => firstPartIsUserId(secret),
		examples: {
			match: [`DISCORD_TOKEN=${botToken}`, `client.run("${botToken}")`],
			noMatch: [`DISCORD_TOKEN=${Buffer.from("not-a-user-id-ok").toString("base64url")}.${fakeToken$1(BASE64URL$1, 6, 2906)}.${fakeToken$1(BASE64URL$1, 38, 2907)}`, `client.run(os.environ["DISCORD_TOKEN"])`]
		}
	}), regexRule({
		id: "discord-webhook-url",
		provider: "discord",
		title: "Discord webhook URL",
		why: "Anyone with a webhook URL posts into its channel under any name and avatar (phishing, spam) until the webhook is deleted.",
		severity: "error",
		remediation: remediation$24,
		helpUri: "https://discord.com/developers/docs/resources/webhook",
		keywords: ["discord.com/api", "discordapp.com/api"],
		pattern: /https?:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api(?:\/v\d{1,2})?\/webhooks\/\d{17,20}\/(?<secret>[A-Za-z0-9_-]{60,80})(?![A-Za-z0-9_-])/,
		visiblePrefix: 0,
		examples: {
			match: [`DISCORD_WEBHOOK=https://discord.com/api/webhooks/${userId}/${webhookToken}`],
			noMatch: [`https://discord.com/api/webhooks/${userId}/{token}`, `https://discord.com/api/v10/channels/${userId}/messages`]
		}
	})];
}));
// rules/doppler.ts
var body$3, KINDS$1, rules$38;
var init_doppler = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	body$3 = fakeToken$1(BASE62, 43, 1601);
	KINDS$1 = {
		ct: "Doppler CLI token",
		pt: "Doppler personal token",
		st: "Doppler service token",
		sa: "Doppler service account token",
		said: "Doppler service account identity token (short-lived)",
		scim: "Doppler SCIM token",
		audit: "Doppler audit token"
	};
	rules$38 = [regexRule({
		id: "doppler-token",
		provider: "doppler",
		title: "Doppler token",
		why: "A Doppler token reads (and often writes) the secrets it is scoped to: for a personal or CLI token, every secret of every project its owner can reach.",
		severity: "error",
		remediation: {
			rotate: "Doppler dashboard \u2192 Tokens (personal/CLI), the project config\u2019s Access tab (service tokens) or Team \u2192 Service Accounts: revoke the token and create a new one; `doppler configs tokens revoke` for service tokens",
			store: "the CI secret store (`gh secret set DOPPLER_TOKEN`), or the platform\u2019s Doppler integration that syncs secrets without a token in the repository",
			read: "the Doppler CLI reads DOPPLER_TOKEN from the environment (`doppler run -- <command>`)"
		},
		helpUri: "https://docs.doppler.com/docs/Auth-token-formats",
		keywords: [
			"dp.ct.",
			"dp.pt.",
			"dp.st.",
			"dp.sa.",
			"dp.said.",
			"dp.scim.",
			"dp.audit."
		],
		pattern: new RegExp(`${LEFT}(?<secret>dp\\.(?<kind>ct|pt|sa|said|scim|audit|st(?:\\.[a-z0-9_-]{2,35})?)\\.(?<body>[A-Za-z0-9]{40,44}))${RIGHT}`),
		visiblePrefix: (s) => s.lastIndexOf(".") + 1,
		validate(_s, m) {
			if (!hasDigitAndLetter(m.groups.body)) return false;
			const kind = m.groups.kind.split(".")[0];
			return { message: KINDS$1[kind] ?? "Doppler token" };
		},
		examples: {
			match: [
				`DOPPLER_TOKEN=dp.st.prd.${body$3}`,
				`DOPPLER_TOKEN="dp.pt.${body$3}"`,
				`dp.sa.${body$3}`
			],
			noMatch: [`DOPPLER_TOKEN=dp.st.${body$3.slice(0, 30)}`, `dp.xx.${body$3}`]
		}
	})];
}));
// rules/fireworks.ts
var remediation$23, helpUri$20, key$2, rules$37;
var init_fireworks = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	remediation$23 = {
		rotate: "https://app.fireworks.ai/settings/users/api-keys \u2192 delete the key (or `firectl delete api-key <id>`), create a new one",
		store: "the CI or platform secret store (`gh secret set FIREWORKS_API_KEY`)",
		read: "the Fireworks SDK reads FIREWORKS_API_KEY from the environment by itself"
	};
	helpUri$20 = "https://docs.fireworks.ai/getting-started/quickstart";
	key$2 = "fw_" + fakeToken$1(BASE62, 24, 2301);
	rules$37 = [keyedRule({
		id: "fireworks-api-key",
		provider: "fireworks",
		title: "Fireworks AI API key",
		why: "A Fireworks key runs inference, fine-tuning and deployments on its account\u2019s billing.",
		severity: "error",
		remediation: remediation$23,
		helpUri: helpUri$20,
		names: [
			"FIREWORKS_API_KEY",
			"FIREWORKS_KEY",
			"FIREWORKS_AI_API_KEY",
			String.raw`Fireworks\(\s{0,8}api_key`
		],
		keywords: [
			"fireworks_api_key",
			"fireworks_key",
			"fireworks_ai_api_key",
			"fireworks("
		],
		value: "(?:fw_)?[A-Za-z0-9]{20,48}",
		visiblePrefix: 0,
		check: hasDigitAndLetter,
		examples: {
			match: [`FIREWORKS_API_KEY=${key$2}`, `FIREWORKS_API_KEY="${key$2.slice(3)}"`],
			noMatch: [`FIREWORKS_API_KEY=${key$2.slice(0, 15)}`, `FIREWORKS_ACCOUNT_ID=fireworks`]
		}
	})];
}));
// src/rulekit/basic-credential.ts
function decodeBasicCredential(value) {
	if (value.length < 8 || value.length > 1024 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return void 0;
	if (value.replace(/=+$/, "").length % 4 === 1) return void 0;
	const decoded = Buffer.from(value, /[-_]/.test(value) ? "base64url" : "base64").toString("latin1");
	if (!/^[\x20-\x7e]+$/.test(decoded)) return void 0;
	const colon = decoded.indexOf(":");
	if (colon <= 0 || colon === decoded.length - 1) return void 0;
	return {
		user: decoded.slice(0, colon),
		password: decoded.slice(colon + 1)
	};
}
var init_basic_credential = __esmMin((() => {}));
// src/rulekit/jwt.ts
function hasJwtShape(value) {
	return JWT_SHAPE.test(value);
}
function decodePart(part) {
	try {
		const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
		return value !== null && typeof value === "object" && !Array.isArray(value) ? value : void 0;
	} catch {
		return;
	}
}
function decodeJwt(token) {
	if (!hasJwtShape(token)) return void 0;
	const [h, p, signature] = token.split(".");
	const header = decodePart(h);
	const claims = decodePart(p);
	return header && claims ? {
		header,
		claims,
		signature
	} : void 0;
}
function shown(value) {
	return String(value).replace(/[^\x20-\x7e]/g, "?").slice(0, 60);
}
function judgeJwt(token, nowSeconds = Date.now() / 1e3) {
	const jwt = decodeJwt(token);
	if (!jwt) return {
		report: false,
		why: "not JSON header and claims"
	};
	const { header, claims, signature } = jwt;
	const alg = header.alg;
	if (typeof alg !== "string") return {
		report: false,
		why: "no alg in the header"
	};
	if (!TYPICAL_CLAIMS.some((c) => c in claims)) return {
		report: false,
		why: "no token claims"
	};
	if (alg.toLowerCase() === "none" || signature === "") return {
		report: false,
		why: "unsigned"
	};
	if (claims.sub === "1234567890" && claims.name === "John Doe") return {
		report: false,
		why: "the jwt.io sample"
	};
	if (typeof claims.iss === "string" && EXAMPLE_ISSUER.test(claims.iss)) return {
		report: false,
		why: "an example issuer"
	};
	const issuer = typeof claims.iss === "string" ? `, issuer ${shown(claims.iss)}` : "";
	if (claims.role === "anon") return {
		report: false,
		why: "an anon key, public by design"
	};
	if (typeof claims.exp === "number" && claims.exp < nowSeconds) return {
		report: true,
		severity: "warning",
		message: `Expired JWT (${shown(alg)}${issuer}, expired ${(/* @__PURE__ */ new Date(claims.exp * 1e3)).toISOString().slice(0, 10)})`
	};
	const role = typeof claims.role === "string" ? `, role ${shown(claims.role)}` : "";
	const expiry = typeof claims.exp === "number" ? `, valid until ${(/* @__PURE__ */ new Date(claims.exp * 1e3)).toISOString().slice(0, 10)}` : ", no expiry";
	return {
		report: true,
		severity: "error",
		message: `JWT (${shown(alg)}${issuer}${role}${expiry})`
	};
}
var JWT_SHAPE, TYPICAL_CLAIMS, EXAMPLE_ISSUER;
var init_jwt$1 = __esmMin((() => {
	JWT_SHAPE = /^eyJ[A-Za-z0-9_-]{2,4096}\.eyJ[A-Za-z0-9_-]{2,16384}\.[A-Za-z0-9_-]{0,2048}$/;
	TYPICAL_CLAIMS = [
		"iss",
		"sub",
		"aud",
		"exp",
		"nbf",
		"iat",
		"jti",
		"role",
		"scope",
		"scp",
		"client_id",
		"azp",
		"uid",
		"user_id",
		"tid",
		"oid",
		"appid"
	];
	EXAMPLE_ISSUER = /(?:^|[./@])(?:example\.(?:com|org|net)|[a-z0-9-]+\.example|localhost\.example)(?:[:/]|$)/i;
}));
// rules/generic.ts
function spells(bytes, from, word) {
	if (from < 0 || from + word.length > bytes.length) return false;
	for (let i = 0; i < word.length; i++) {
		const b = bytes[from + i];
		if ((b >= 65 && b <= 90 ? b + 32 : b) !== word.charCodeAt(i)) return false;
	}
	return true;
}
function inSecretWord(bytes, start, end) {
	if (end - start === 4 && spells(bytes, start, "auth")) return !spells(bytes, end, "or") && !spells(bytes, end, "ent");
	return true;
}
function formMayFollow(bytes, start, end) {
	const n = Math.min(bytes.length, end + FORM_REACH);
	let i = end;
	while (i < n && isNameByte(bytes[i])) i++;
	if (i < n && bytes[i] === 92) i++;
	const quoted = i < n && (bytes[i] === 34 || bytes[i] === 39);
	if (quoted) i++;
	if (i < n && bytes[i] === 93) i++;
	while (i < n && isAsciiSpace(bytes[i])) i++;
	if (i >= n) return n < bytes.length;
	const b = bytes[i];
	if (b === 58 || b === 61) return valueMayFollow(bytes, i);
	if (b === 44) return quoted && setterCallBefore(bytes, start);
	if (b === 63 || b === 46 || b === 62 || b === 38 || b >= 128) return true;
	return spells(bytes, i, "str") || spells(bytes, i, "value");
}
function setterCallBefore(bytes, start) {
	let i = start;
	while (i > 0 && isNameByte(bytes[i - 1])) if (start - --i > NAME_RUN_MAX) return true;
	if (i === 0 || bytes[i - 1] !== 34 && bytes[i - 1] !== 39) return false;
	i--;
	const p = bytes[i - 1];
	if (p === 114 || p === 98 || p === 102 || p === 117 || p === 82 || p === 66 || p === 70 || p === 85) i--;
	for (let blanks = 0; blanks < 8 && i > 0 && (isAsciiSpace(bytes[i - 1]) || bytes[i - 1] >= 128); blanks++) {
		if (bytes[i - 1] >= 128) return true;
		i--;
	}
	if (i === 0 || bytes[i - 1] !== 40) return false;
	i--;
	return SETTERS_REVERSED.some((w) => {
		for (let k = 0; k < w.length; k++) {
			const b = bytes[i - 1 - k];
			if (b === void 0 || (b >= 65 && b <= 90 ? b + 32 : b) !== w.charCodeAt(k)) return false;
		}
		const before = bytes[i - 1 - w.length];
		return before === void 0 || !isWordByte(before);
	});
}
function valueMayFollow(bytes, at) {
	const n = Math.min(bytes.length, at + 512);
	let i = at + 1;
	if (i >= n || bytes[i] === 58 || bytes[i] === 61 || bytes[i] === 62) return true;
	while (i < n && (bytes[i] === 32 || bytes[i] === 9)) i++;
	if (i >= n) return true;
	if (bytes[at] === 58 && spells(bytes, i, "str")) return true;
	let q = i;
	if (bytes[q] === 114 || bytes[q] === 98 || bytes[q] === 102 || bytes[q] === 117) q++;
	if (bytes[q] === 92) q++;
	const quoted = q < n && isQuoteByte(bytes[q]);
	if (quoted) i = q + 1;
	let b = 0;
	let length = 0;
	for (; i < n && length < 256; i++, length++) {
		b = bytes[i];
		if (b <= 32 || b === 34 || b === 39 || b === 96 || b >= 128) break;
		if (!quoted && (b === 44 || b === 59 || b === 35)) break;
		if (b === 38) return true;
		if (isBracketByte(b)) return false;
	}
	if (i >= n || length >= 256 || b >= 128 || b < 32 && b !== 9 && b !== 10 && b !== 13) return true;
	return length >= 8;
}
function assignmentMatches(text) {
	const out = [];
	let resume = 0;
	const words = SECRET_WORD_ANYWHERE;
	words.lastIndex = 0;
	let w;
	while ((w = words.exec(text)) !== null) {
		let runEnd = w.index + w[0].length;
		while (runEnd < text.length && isNameByte(text.charCodeAt(runEnd))) runEnd++;
		words.lastIndex = runEnd;
		OPERATOR_AT.lastIndex = runEnd;
		if (!OPERATOR_AT.test(text)) continue;
		let runStart = w.index;
		while (runStart > 0 && isNameByte(text.charCodeAt(runStart - 1))) runStart--;
		for (let x = Math.max(runStart, resume, runEnd - MAX_NAME); x < runEnd; x++) {
			if (x > 0 && isWordByte(text.charCodeAt(x - 1))) continue;
			ASSIGNMENT_AT.lastIndex = x;
			const m = ASSIGNMENT_AT.exec(text);
			if (m) {
				out.push(m);
				resume = x + m[0].length;
				break;
			}
		}
	}
	return out;
}
function looksLikeWordName(value) {
	const words = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g);
	if (!words || words.length < 2 || words.join("") !== value) return false;
	const short = words.filter((w) => w.length <= 2).length;
	return value.length / words.length >= 3 && short * 3 <= words.length && words.every((w) => w.length <= 2 || w.length <= 16 && /[aeiouy]/i.test(w));
}
function isLettersOnlyName(value) {
	const core = /^[^A-Za-z0-9]*([A-Za-z]+)[^A-Za-z0-9]*$/.exec(value)?.[1];
	return core !== void 0 && (core.length < 24 || looksLikeWordName(core));
}
function looksRandom(value) {
	if (value.length < 10) return false;
	if (/[^\x21-\x7e]/.test(value)) return false;
	if ([
		/[a-z]/,
		/[A-Z]/,
		/[0-9]/,
		/[^A-Za-z0-9]/
	].filter((re) => re.test(value)).length < 2) return false;
	return entropy(value) >= (value.length >= 20 ? 3.5 : 3);
}
function isCode(value) {
	if (/^[A-Za-z_$][\w$]*(?:[!?]?\.[A-Za-z_$][\w$]*)+[!?]?(?:\(|$)/.test(value)) return true;
	if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.$/.test(value)) return true;
	if (/[()[\]{}<>]/.test(value)) return true;
	if (/^(?:https?|file):\/\//i.test(value) || /^[./~]/.test(value) || /\/.*\//.test(value) && !/[+=]/.test(value)) return true;
	if (/^_{0,4}[a-z]+(?:[_-]{1,2}[a-z]+)+_{0,4}$/i.test(value)) return true;
	if (/^(?:true|false|null|none|nil|undefined)$/i.test(value)) return true;
	if (value.includes("#")) return value.split("#").every((part) => part === "" || isCode(part) || looksLikeIdentifier(part) || nonSecretShape(part) !== void 0);
	if (/^[\w.@/-]+\.(?:json|ya?ml|toml|txt|xml|csv|log|md|py|[cm]?js|[cm]?ts|jsx|tsx|sh|env|ini|cfg|conf|pem|key|crt|lock|html|zip|gz)$/i.test(value)) return true;
	return false;
}
function isKeyPosition(text, index, matched, op) {
	if (op !== ":") return true;
	if (/^["']/.test(text.slice(index - 1, index)) || /["']\s*:/.test(matched)) return true;
	const before = skipBlanksBack(text, index);
	if (before === 0 || text[before - 1] === "\n") return true;
	const c = text[before - 1];
	if (c === "{" || c === "," || c === "(") return true;
	if (c === "-") return atLineStart(text, skipBlanksBack(text, before - 1));
	let wordStart = before;
	while (wordStart > 0 && before - wordStart < 6 && isWordByte(text.charCodeAt(wordStart - 1))) wordStart--;
	return /^(?:export|set|ENV)$/i.test(text.slice(wordStart, before)) && atLineStart(text, skipBlanksBack(text, wordStart));
}
function skipBlanksBack(text, at) {
	while (at > 0 && isBlank(text[at - 1])) at--;
	return at;
}
function isQueryParameter(text, nameStart) {
	const c = text[nameStart - 1];
	return c === "?" || c === "&" || c === ";" && text.slice(nameStart - 5, nameStart) === "&amp;";
}
function judgeValue(name, value, literal, path) {
	if (!namesASecret(name)) return void 0;
	if (squash(value) === squash(name.split(".").pop())) return void 0;
	if (hasJwtShape(value)) return void 0;
	const basic = /auth$/i.test(name) ? decodeBasicCredential(value) : void 0;
	if (basic) return judgePassword(basic.password, basic.user);
	if (isCode(value) || !looksRandom(value)) return void 0;
	const synthetic = isSyntheticSecret(value);
	const shape = nonSecretShape(value);
	if (shape !== void 0 && !((shape === "identifier" || shape === "model-id") && (synthetic || PASSWORD_NAME.test(name)))) return void 0;
	if (!literal) {
		if (SOURCE_CODE.test(path)) return void 0;
		if (looksLikeIdentifier(value)) return void 0;
	} else if (isLettersOnlyName(value) && !PASSWORD_NAME.test(name)) return;
	return synthetic ? "warning" : "error";
}
function judgePassword(password, user) {
	if (password.length < 6 || password === user || SPECIFICATION_USERS.has(user) || isStandInPassword(password) || isPlaceholder(password)) return void 0;
	if ("$%{<|&;()>".includes(password[0])) return void 0;
	return isSyntheticSecret(password) ? "warning" : "error";
}
function candidates(text) {
	const out = [];
	for (const m of assignmentMatches(text)) {
		const g = m.groups;
		const raw = g.value ?? g.bare;
		const rawStart = m.index + m[0].length - raw.length;
		let value = raw.replace(/(?:\\[nrt])+$/, "").replace(/\\+$/, "");
		if (isQueryParameter(text, m.index) || MORE_PARAMETERS.test(value)) {
			const amp = value.indexOf("&");
			if (amp !== -1) value = value.slice(0, amp);
			if (value.length < 8) continue;
		}
		if (!isKeyPosition(text, m.index, m[0], g.op)) continue;
		const nameAt = m.index;
		const before = text[nameAt - 1];
		const inLiteral = g.value === void 0 && text[nameAt + g.name.length] === "=" && (before === ";" || (before === "\"" || before === "'") && text[rawStart + raw.length] === ";");
		out.push({
			name: g.name,
			value,
			valueStart: rawStart,
			literal: g.value !== void 0 || inLiteral
		});
	}
	const forms = [
		text.includes("(") ? SETTER_CALL : void 0,
		text.includes("</") ? XML_ELEMENT : void 0,
		text.includes("key=") || text.includes("name=") ? XML_NAMED : void 0
	];
	for (const re of forms) {
		if (!re) continue;
		for (const m of allMatches(re, text)) {
			const value = m.groups.value ?? m.groups.text;
			out.push({
				name: m.groups.name,
				value,
				valueStart: m.index + m[0].lastIndexOf(value),
				literal: true
			});
		}
	}
	return out;
}
function loginArgument(tool, args) {
	const words = [...args.matchAll(/[^\s"'`,;()\\]+/g)];
	for (let i = 0; i < words.length; i++) {
		const word = words[i][0];
		if (word.startsWith("--token=")) return void 0;
		const eq = /^--key=(.+)$/.exec(word);
		if (eq) return [eq[1], words[i].index + word.length - eq[1].length];
		if (word === "--token" || word === "--key") {
			const next = words[i + 1];
			return next ? [next[0], next.index] : void 0;
		}
		if (tool === "wandb" && !word.startsWith("-")) return [word, words[i].index];
		if (tool === "wandb" && WANDB_VALUE_OPTIONS.has(word)) i++;
	}
}
function inCurlCommand(text, at) {
	const curl = text.lastIndexOf("curl", at);
	if (curl === -1) return false;
	for (let nl = text.indexOf("\n", curl); nl !== -1 && nl < at; nl = text.indexOf("\n", nl + 1)) if (!/\\\r?$/.test(text.slice(Math.max(curl, nl - 2), nl))) return false;
	return true;
}
var exampleValues, base64, remediation$22, SECRET_WORD, FORM_REACH, NAME_RUN_MAX, SETTERS_REVERSED, isBracketByte, isQuoteByte, CLOSE, TYPE, OPERATOR, ASSIGNMENT, MAX_NAME, SECRET_WORD_ANYWHERE, OPERATOR_AT, ASSIGNMENT_AT, SOURCE_CODE, PASSWORD_NAME, squash, isBlank, atLineStart, MORE_PARAMETERS, SETTER_CALL, XML_ELEMENT, XML_NAMED, SPECIFICATION_USERS, assignment, AUTHORIZATION, authorizationHeader, CLI_LOGIN, WANDB_VALUE_OPTIONS, CURL_USER, cliCredential, rules$36;
var init_generic = __esmMin((() => {
	init_placeholder();
	init_rulekit();
	init_secret_names();
	init_value_shapes();
	init_basic_credential();
	init_jwt$1();
	init_fakes();
	init_matches();
	exampleValues = () => ({
		V: fake(24, ALNUM, "generic-value"),
		PW: fake(16, ALNUM, "generic-password"),
		HEX_KEY: fake(40, HEX, "generic-hex")
	});
	base64 = (text) => Buffer.from(text).toString("base64");
	remediation$22 = {
		rotate: "rotate the value at the system that issued it (regenerate the key, change the password)",
		store: "the platform\u2019s secret store: CI secrets (`gh secret set NAME`), HF Space secrets, Modal Secrets, Prefect Secret blocks, a cloud secret manager",
		read: "from the environment: os.environ[\"NAME\"], process.env.NAME, $NAME"
	};
	SECRET_WORD = String.raw`(?:password|passwd|passphrase|pass|pwd|secret|token|key|creds|credentials?|auth(?!or|ent|ori))`;
	FORM_REACH = 256;
	NAME_RUN_MAX = 512;
	SETTERS_REVERSED = [
		"setdefault",
		"setproperty",
		"putenv",
		"setenv",
		"set_env",
		"setenvironmentvariable"
	].map((w) => [...w].reverse().join(""));
	isBracketByte = (b) => b === 40 || b === 41 || b === 91 || b === 93 || b === 123 || b === 125 || b === 60 || b === 62;
	isQuoteByte = (b) => b === 34 || b === 39 || b === 96;
	CLOSE = String.raw`(?:\\?["'](?:\])?|\])?`;
	TYPE = String.raw`(?:\s{1,8}(?:string|String|str)|\s{0,8}:\s{0,8}(?:&(?:'static\s{1,4})?)?(?:string|String|str))?`;
	OPERATOR = String.raw`(?<op>:::=|::=|:=|\?=|\.=|=>|=|:)`;
	ASSIGNMENT = new RegExp(String.raw`(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,40}${SECRET_WORD}[A-Za-z0-9_.-]{0,40})${CLOSE}${TYPE}\s*${OPERATOR}\s*(?:(?<q>[rbfu]?\\?["'\`])(?<value>[^\s"'\`]{8,256})|(?<bare>[^\s"'\`,;#]{8,256}))`, "gi");
	MAX_NAME = 91;
	SECRET_WORD_ANYWHERE = new RegExp(SECRET_WORD, "gi");
	OPERATOR_AT = new RegExp(String.raw`${CLOSE}${TYPE}\s*${OPERATOR}`, "iy");
	ASSIGNMENT_AT = new RegExp(ASSIGNMENT.source, "iy");
	SOURCE_CODE = /\.(?:[cm]?[jt]sx?|py|pyi|rb|go|java|kt|kts|scala|swift|rs|php|cs|c|cc|cpp|h|hpp|m|dart|lua|r|jl|ex|exs|vue|svelte|flow|map)$/i;
	PASSWORD_NAME = /pass|pwd/i;
	squash = (s) => s.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
	isBlank = (c) => c === " " || c === "	" || c === "\r" || c === "\f" || c === "\v";
	atLineStart = (text, at) => at === 0 || text[at - 1] === "\n";
	MORE_PARAMETERS = /&[A-Za-z_][\w.-]{0,40}=/;
	SETTER_CALL = /(?<![A-Za-z0-9_])(?:setdefault|setProperty|putenv|setenv|set_env|setEnv|SetEnvironmentVariable)\(\s{0,8}[rbfu]?["'](?<name>[A-Za-z0-9_.-]{1,94})["']\s{0,8},\s{0,8}(?<q>[rbfu]?["'`])(?<value>[^\s"'`]{8,256})/gi;
	XML_ELEMENT = /<(?<name>[A-Za-z_][A-Za-z0-9_.:-]{0,93})(?:\s[^<>]{0,200})?>\s{0,8}(?<value>[^\s<>"'`]{8,256})\s{0,8}<\//g;
	XML_NAMED = /\s(?:key|name)=["'](?<name>[A-Za-z0-9_.:-]{1,94})["'](?:\s{1,8}[A-Za-z_:-]{1,30}=["'][^"'<>]{0,100}["']){0,4}?(?:\s{1,8}value=["'](?<value>[^\s"'<>]{8,256})["']|\s{0,8}>\s{0,8}(?<text>[^\s<>"'`]{8,256})\s{0,8}<\/)/g;
	SPECIFICATION_USERS = /* @__PURE__ */ new Set(["Aladdin", "s6BhdRkqt3"]);
	assignment = {
		kind: "content",
		id: "generic-secret-assignment",
		provider: "generic",
		title: "High-entropy value assigned to a secret-named key",
		why: "A random-looking value held by a name like *_TOKEN, *_SECRET, *_API_KEY or password is very likely a live credential.",
		severity: "error",
		remediation: remediation$22,
		keywords: [
			"pass",
			"pwd",
			"secret",
			"token",
			"key",
			"auth",
			"credential",
			"creds"
		],
		fallback: true,
		hitCanMatch: (bytes, start, end) => inSecretWord(bytes, start, end) && formMayFollow(bytes, start, end),
		match(text, ctx) {
			const out = [];
			const seen = /* @__PURE__ */ new Set();
			for (const c of candidates(text)) {
				if (seen.has(c.valueStart)) continue;
				const verdict = judgeValue(c.name, c.value, c.literal, ctx.path);
				if (!verdict) continue;
				seen.add(c.valueStart);
				out.push({
					start: c.valueStart,
					end: c.valueStart + c.value.length,
					secret: c.value,
					...verdict === "warning" ? {
						severity: "warning",
						message: `Test-looking value assigned to ${c.name}`
					} : { message: `High-entropy value assigned to ${c.name}` }
				});
			}
			return out.sort((a, b) => a.start - b.start);
		},
		get examples() {
			const { V, PW } = exampleValues();
			return {
				match: [
					`DB_PASSWORD = "${[
						"q7Zr",
						"2Lx8",
						"Wd4K",
						"p3Nb",
						"6Tc1"
					].join("")}"`,
					`api_key: ${[
						"Hs8e",
						"K2qP",
						"x9Lm",
						"R4tV",
						"z7Nc"
					].join("")}`,
					`os.environ["OPENAI_API_KEY"] = "${V}"`,
					`os.environ.setdefault('WANDB_API_KEY', '${V}')`,
					`%env COHERE_API_KEY=${V}`,
					`!export HF_TOKEN=${V}`,
					`"{\\"secretKey\\":\\"${V}\\"}"`,
					`"auths": {"registry.acme.io": {"auth": "${base64(`deploy:${PW}`)}"}}`,
					`DB_PASSWORD = "${PW.slice(0, 8)}#${PW.slice(8)}"`,
					`AZURE_OPENAI_KEY=${V}`,
					`AccountName=acme;AccountKey=${V}${V}+/==;EndpointSuffix=core.windows.net`,
					`SMTP_PASS=${PW}`,
					`creds: "${V}"`,
					`var apiToken string = "${V}"`,
					`$password .= "${PW}";`,
					`API_TOKEN ?= ${V}`,
					`API_TOKEN ::= ${V}`,
					`<password>${PW}</password>`,
					`<add key="ApiToken" value="${V}" />`,
					`System.setProperty("db.password", "${PW}");`
				],
				noMatch: [
					"os.environ[\"OPENAI_API_KEY\"] = os.getenv(\"KEY\")",
					`primary_key: "${V}"`,
					`bypass: "${V}"`,
					`headers.get("token", "${V}")`,
					"<password>${env.DB_PASSWORD}</password>",
					`"auths": {"registry.acme.io": {"auth": "${base64("admin:password")}"}}`,
					"openai_notiktoken-v1.0.1: openai==1.0.1",
					"password = os.environ[\"DB_PASSWORD\"]",
					"api_key: \"your-api-key-here\"",
					"\"token\": \"primaryNextBtnHoverBg\"",
					"const token = getToken(request);"
				]
			};
		}
	};
	AUTHORIZATION = /(?<![A-Za-z0-9_-])(?:Proxy-)?Authorization\\?["']?\]?\s{0,8}[:=,]\s{0,8}\\?["']?(?<scheme>Bearer|Basic|token)\s{1,8}(?<value>[A-Za-z0-9._~+/=-]{8,2048})/gi;
	authorizationHeader = {
		kind: "content",
		id: "generic-authorization-header",
		provider: "generic",
		title: "Credential in an Authorization header",
		why: "A Bearer token or Basic user:password written into a request is the credential itself: anyone who reads it can send the same request.",
		severity: "error",
		remediation: {
			...remediation$22,
			read: "build the header at run time from the environment: f\"Bearer {os.environ['API_TOKEN']}\", `-H \"Authorization: Bearer $API_TOKEN\"`"
		},
		keywords: ["authorization"],
		fallback: true,
		match(text) {
			const out = [];
			for (const m of allMatches(AUTHORIZATION, text)) {
				const { scheme, value } = m.groups;
				const start = m.index + m[0].length - value.length;
				let verdict;
				if (scheme.toLowerCase() === "basic") {
					const basic = decodeBasicCredential(value);
					verdict = basic && judgePassword(basic.password, basic.user);
				} else if (value.length >= 16 && !hasJwtShape(value) && !isCode(value) && looksRandom(value) && nonSecretShape(value) === void 0) verdict = isSyntheticSecret(value) ? "warning" : "error";
				if (!verdict) continue;
				const what = scheme.toLowerCase() === "basic" ? "Basic credentials (base64 user:password)" : `${scheme} token`;
				out.push({
					start,
					end: start + value.length,
					secret: value,
					...verdict === "warning" ? {
						severity: "warning",
						message: `Test-looking ${what} in an Authorization header`
					} : { message: `${what} in an Authorization header` }
				});
			}
			return out;
		},
		get examples() {
			const { V, PW } = exampleValues();
			return {
				match: [
					`curl -H "Authorization: Bearer ${V}" https://api.acme.io/v1`,
					`headers = {"Authorization": "Bearer ${V}"}`,
					`Authorization: Basic ${base64(`deploy:${PW}`)}`
				],
				noMatch: [
					"headers = {\"Authorization\": f\"Bearer {token}\"}",
					"Authorization: Bearer $API_TOKEN",
					"Authorization: Bearer YOUR_API_KEY",
					`Authorization: Basic ${base64("admin:password")}`,
					`Authorization: Basic ${base64(V)}`
				]
			};
		}
	};
	CLI_LOGIN = /(?<![A-Za-z0-9_.-])(?<tool>wandb|huggingface-cli|hf(?:[ \t]{1,4}auth)?)[ \t]{1,8}login(?<args>[^\n;&|]{0,300})/g;
	WANDB_VALUE_OPTIONS = /* @__PURE__ */ new Set([
		"--host",
		"--base-url",
		"--cloud-host",
		"--project",
		"--entity"
	]);
	CURL_USER = /(?<![A-Za-z0-9_-])(?:-u|--user)(?:[ \t]{1,8}|=)(?<q>["']?)(?<user>[^\s:"'@]{1,128}):(?<password>[^\s"']{1,256})/g;
	cliCredential = {
		kind: "content",
		id: "generic-cli-credential",
		provider: "generic",
		title: "Credential passed on a command line",
		why: "A key typed into a command (`wandb login KEY`, `curl -u user:password`) is saved with the script, the notebook or the shell history, and shows in process lists.",
		severity: "error",
		remediation: {
			...remediation$22,
			read: "let the tool read its variable (WANDB_API_KEY, HF_TOKEN) or prompt: `wandb login` and `hf auth login` without a key; `curl -u \"$USER:$PASSWORD\"` or a netrc file outside the repository"
		},
		keywords: ["login", "curl"],
		contextLines: 4,
		fallback: true,
		match(text) {
			const out = [];
			for (const m of allMatches(CLI_LOGIN, text)) {
				const tool = m.groups.tool.replace(/\s+/g, " ");
				const arg = loginArgument(tool, m.groups.args);
				if (!arg) continue;
				const value = arg[0];
				if (/^[$%{<]/.test(value) || isCode(value) || !looksRandom(value)) continue;
				const start = m.index + m[0].length - m.groups.args.length + arg[1];
				const warning = isSyntheticSecret(value);
				out.push({
					start,
					end: start + value.length,
					secret: value,
					...warning ? { severity: "warning" } : {},
					message: `${warning ? "Test-looking key" : "Key"} passed to \`${tool} login\``
				});
			}
			for (const m of allMatches(CURL_USER, text)) {
				if (!inCurlCommand(text, m.index)) continue;
				const { user, password } = m.groups;
				const clean = password.replace(/(?:\\[nrt])+$/, "").replace(/\\+$/, "");
				const verdict = judgePassword(clean, user.replace(/^\$/, ""));
				if (!verdict || /^\$/.test(user)) continue;
				const start = m.index + m[0].length - password.length;
				out.push({
					start,
					end: start + clean.length,
					secret: clean,
					...verdict === "warning" ? { severity: "warning" } : {},
					message: `${verdict === "warning" ? "Test-looking password" : "Password"} passed to curl -u`
				});
			}
			return out;
		},
		get examples() {
			const { V, PW, HEX_KEY } = exampleValues();
			return {
				match: [
					`wandb login ${HEX_KEY}`,
					`!wandb login ${HEX_KEY}`,
					`huggingface-cli login --token ${V}`,
					`hf auth login --token ${V}`,
					`curl -u deploy:${PW} https://nexus.acme.io/`
				],
				noMatch: [
					"wandb login $WANDB_API_KEY",
					"wandb login --relogin",
					"huggingface-cli login --token \"$HF_TOKEN\"",
					"curl -u \"$USER:$PASSWORD\" https://nexus.acme.io/",
					"git push -u origin main:release"
				]
			};
		}
	};
	rules$36 = [
		assignment,
		authorizationHeader,
		cliCredential
	];
}));
// rules/github.ts
var jsonPart, remediation$21, helpUri$19, KINDS, classic$1, fineGrained, rules$35;
var init_github = __esmMin((() => {
	init_rulekit();
	init_fakes();
	init_jwt$1();
	jsonPart = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
	remediation$21 = {
		rotate: "https://github.com/settings/tokens (fine-grained: https://github.com/settings/personal-access-tokens) \u2192 delete the token; OAuth apps: Settings \u2192 Applications \u2192 Revoke",
		store: "GitHub Actions secrets (`gh secret set NAME`), or better no PAT at all: the job\u2019s GITHUB_TOKEN with a `permissions:` block, or a GitHub App token",
		read: "`${{ secrets.NAME }}` in workflows; GH_TOKEN / GITHUB_TOKEN from the environment in scripts"
	};
	helpUri$19 = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation";
	KINDS = {
		ghp: "GitHub personal access token (classic)",
		gho: "GitHub OAuth access token",
		ghu: "GitHub App user-to-server token",
		ghs: "GitHub App installation token",
		ghr: "GitHub refresh token"
	};
	classic$1 = regexRule({
		id: "github-token",
		provider: "github",
		title: "GitHub token",
		why: "A GitHub token acts as its user or app: depending on scopes it reads private code, pushes commits and changes settings.",
		severity: "error",
		remediation: remediation$21,
		helpUri: helpUri$19,
		keywords: [
			"ghp_",
			"gho_",
			"ghu_",
			"ghs_",
			"ghr_"
		],
		pattern: new RegExp(`${LEFT}(?<secret>(?<kind>gh[pousr])_(?<body>[A-Za-z0-9]{36})${RIGHT}|ghs_(?<app>\\d{1,12})_(?<jwt>eyJ[A-Za-z0-9_-]{2,4096}\\.eyJ[A-Za-z0-9_-]{2,16384}\\.[A-Za-z0-9_-]{16,2048})${RIGHT_WITH_DASH})`),
		visiblePrefix: 4,
		get examples() {
			return {
				match: [
					`GH_TOKEN=ghp_${fakeWithCrc32("github-ghp")}`,
					`git clone https://x-access-token:ghs_${fakeWithCrc32("github-ghs")}@github.com/acme/app.git`,
					`GITHUB_TOKEN=ghs_804213_${jsonPart({
						alg: "RS256",
						typ: "JWT"
					})}.${jsonPart({
						iss: 804213,
						iat: 1767225600,
						exp: 1767229200
					})}.${fake(342, `${ALNUM}-_`, "github-ghs-jwt")}`
				],
				noMatch: [`GH_TOKEN=ghp_${fake(36, ALNUM, "github-bad-crc")}`, `ghs_804213_eyJ${fake(40, ALNUM, "github-ghs-1")}.eyJ${fake(40, ALNUM, "github-ghs-2")}.${fake(40, ALNUM, "github-ghs-3")}`]
			};
		},
		validate(_s, m) {
			if (m.groups.jwt !== void 0) return decodeJwt(m.groups.jwt) ? {
				severity: "warning",
				message: `${KINDS.ghs} (app ${m.groups.app}, short-lived)`
			} : false;
			if (!hasValidCrc32Checksum(m.groups.body)) return false;
			const kind = m.groups.kind;
			if (kind === "ghs") return {
				severity: "warning",
				message: `${KINDS[kind]} (short-lived)`
			};
			return { message: KINDS[kind] };
		}
	});
	fineGrained = regexRule({
		id: "github-fine-grained-pat",
		provider: "github",
		title: "GitHub fine-grained personal access token",
		why: "A fine-grained token acts as its user on the repositories and permissions it was granted.",
		severity: "error",
		remediation: remediation$21,
		helpUri: helpUri$19,
		keywords: ["github_pat_"],
		pattern: new RegExp(`${LEFT}(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${RIGHT}`),
		visiblePrefix: 11,
		get examples() {
			return {
				match: [`GITHUB_TOKEN=github_pat_${fake(22, ALNUM, "github-pat-1")}_${fake(59, ALNUM, "github-pat-2")}`],
				noMatch: [`github_pat_${fake(22, ALNUM, "github-pat-3")}_${fake(40, ALNUM, "github-pat-4")}`, "github_pat_ is the prefix of fine-grained tokens"]
			};
		}
	});
	rules$35 = [classic$1, fineGrained];
}));
// rules/gitlab.ts
var remediation$20, helpUri$18, pat$1, PREFIXES, other, rules$34;
var init_gitlab = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$20 = {
		rotate: "https://gitlab.com/-/user_settings/personal_access_tokens \u2192 revoke (or `POST /api/v4/personal_access_tokens/self/rotate`); project and group tokens in their settings",
		store: "GitLab CI/CD variables, masked, hidden and protected; better an OIDC ID token or CI_JOB_TOKEN",
		read: "`$GITLAB_TOKEN` (a CI/CD variable) in jobs"
	};
	helpUri$18 = "https://docs.gitlab.com/security/tokens/";
	pat$1 = regexRule({
		id: "gitlab-personal-access-token",
		provider: "gitlab",
		title: "GitLab personal access token",
		why: "A GitLab token acts as its user: with the api scope it reads and writes every project they can reach.",
		severity: "error",
		remediation: remediation$20,
		helpUri: helpUri$18,
		keywords: ["glpat-"],
		pattern: new RegExp(`${LEFT}(?<secret>glpat-(?:[A-Za-z0-9_-]{20}|[A-Za-z0-9_-]{27,300}\\.[A-Za-z0-9]{2,12}))${RIGHT_WITH_DASH}`),
		visiblePrefix: 6,
		get examples() {
			return {
				match: [`GITLAB_TOKEN=glpat-${fake(20, ALNUM, "gitlab-pat")}`, `token: glpat-${fake(36, ALNUM, "gitlab-pat-2")}.${fake(9, ALNUM, "gitlab-pat-3")}`],
				noMatch: [`glpat-${fake(19, ALNUM, "gitlab-pat-short")}`, "GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx"]
			};
		}
	});
	PREFIXES = [
		"gldt",
		"glrt",
		"glptt",
		"glft",
		"glimt",
		"glagent",
		"gloas",
		"glsoat",
		"glcbt",
		"glffct"
	];
	other = regexRule({
		id: "gitlab-token",
		provider: "gitlab",
		title: "GitLab token (deploy, runner, trigger, feed, OAuth or other)",
		why: "GitLab deploy, runner, trigger and application tokens read code, run jobs or act for an application.",
		severity: "error",
		remediation: {
			...remediation$20,
			rotate: "revoke and recreate it where it was issued: the project or group\u2019s Settings \u2192 Access tokens or Repository \u2192 Deploy tokens, CI/CD \u2192 Runners or Pipeline trigger tokens, or Admin \u2192 Applications"
		},
		helpUri: helpUri$18,
		keywords: [...PREFIXES.map((p) => `${p}-`), "GR1348941"],
		pattern: new RegExp(`${LEFT}(?<secret>(?:${PREFIXES.join("|")})-[A-Za-z0-9_-]{20,300}|GR1348941[A-Za-z0-9_-]{20})${RIGHT_WITH_DASH}`),
		visiblePrefix: (s) => s.startsWith("GR1348941") ? 9 : s.indexOf("-") + 1,
		get examples() {
			return {
				match: [`RUNNER_TOKEN=glrt-${fake(24, ALNUM, "gitlab-runner")}`, `registration-token: GR1348941${fake(20, ALNUM, "gitlab-registration")}`],
				noMatch: [`glrt-${fake(12, ALNUM, "gitlab-runner-short")}`, "gldt-deploy-token-name"]
			};
		}
	});
	rules$34 = [pat$1, other];
}));
// rules/google.ts
function isAndroidSdkKey(text, at) {
	const window = text.slice(Math.max(0, at - 200), at);
	const before = window.slice(window.lastIndexOf("\n") + 1);
	return /"current_key"\s*:\s*"$/.test(before) || /<string\s+name="(?:google_api_key|google_crash_reporting_api_key|firebase_[a-z_]*key)"[^<>]*>$/.test(before);
}
var remediation$19, apiKey$2, oauthClientSecret, refreshToken, SERVICE_ACCOUNT_TYPE, ESCAPED_PEM, serviceAccountKey$1, rules$33;
var init_google = __esmMin((() => {
	init_rulekit();
	init_fakes();
	init_matches();
	remediation$19 = {
		rotate: "https://console.cloud.google.com/apis/credentials \u2192 regenerate or delete the key, and add API and application restrictions",
		store: "Google Secret Manager, or the CI secret store (`gh secret set GOOGLE_API_KEY`); for CI access to GCP, Workload Identity Federation instead of keys",
		read: "GOOGLE_API_KEY / GEMINI_API_KEY from the environment"
	};
	apiKey$2 = regexRule({
		id: "google-api-key",
		provider: "google",
		title: "Google API key",
		why: "An unrestricted Google API key calls any API enabled in its project \u2014 Gemini, Maps and others \u2014 billed to that project.",
		severity: "error",
		remediation: remediation$19,
		helpUri: "https://cloud.google.com/docs/authentication/api-keys",
		keywords: ["AIza"],
		pattern: new RegExp(`${LEFT}(?<secret>AIza[A-Za-z0-9_-]{35})${RIGHT_WITH_DASH}`),
		visiblePrefix: 4,
		get examples() {
			return {
				match: [`GEMINI_API_KEY=AIza${fake(35, ALNUM, "google-key")}`, `"current_key": "AIza${fake(35, ALNUM, "google-key-2")}"`],
				noMatch: [`AIza${fake(30, ALNUM, "google-key-short")}`, "GOOGLE_API_KEY=AIza..."]
			};
		},
		validate: (_secret, m, { text }) => isAndroidSdkKey(text, m.index) ? {
			severity: "warning",
			message: "Google API key in an Android Firebase/Google SDK config (shipped in the app; restrict it by package and API)"
		} : true
	});
	oauthClientSecret = regexRule({
		id: "google-oauth-client-secret",
		provider: "google",
		title: "Google OAuth client secret",
		why: "With the client secret anyone can impersonate your OAuth application to Google\u2019s sign-in.",
		severity: "error",
		remediation: {
			...remediation$19,
			rotate: "Cloud Console \u2192 APIs & Services \u2192 Credentials \u2192 the OAuth client \u2192 reset the secret"
		},
		helpUri: "https://support.google.com/cloud/answer/6158849",
		keywords: ["GOCSPX-"],
		pattern: new RegExp(`${LEFT}(?<secret>GOCSPX-[A-Za-z0-9_-]{28})${RIGHT_WITH_DASH}`),
		visiblePrefix: 7,
		get examples() {
			return {
				match: [`"client_secret": "GOCSPX-${fake(28, ALNUM, "google-oauth")}"`],
				noMatch: [`GOCSPX-${fake(20, ALNUM, "google-oauth-short")}`, "\"client_secret\": \"GOCSPX-<secret>\""]
			};
		}
	});
	refreshToken = regexRule({
		id: "google-oauth-refresh-token",
		provider: "google",
		title: "Google OAuth refresh token",
		why: "A refresh token mints new access tokens for its user, with every scope granted to it, until it is revoked: an `authorized_user` file is a login.",
		severity: "error",
		remediation: {
			...remediation$19,
			rotate: "https://myaccount.google.com/permissions \u2192 remove the application\u2019s access (for gcloud ADC: `gcloud auth application-default revoke`), then sign in again",
			store: "nowhere in the repository: ADC files live in ~/.config/gcloud; in CI use Workload Identity Federation",
			read: "Application Default Credentials find the file by themselves (GOOGLE_APPLICATION_CREDENTIALS names a path outside the repository)"
		},
		helpUri: "https://cloud.google.com/docs/authentication/application-default-credentials",
		keywords: ["1//0"],
		pattern: /(?<![A-Za-z0-9_/])(?<secret>1\/\/0[A-Za-z0-9_-]{40,512})(?![A-Za-z0-9_-])/,
		visiblePrefix: 4,
		validate: (secret) => /[A-Z]/.test(secret.slice(4)) && /[a-z]/.test(secret.slice(4)),
		get examples() {
			return {
				match: [`"refresh_token": "1//0${fake(99, `${ALNUM}-_`, "google-refresh")}"`],
				noMatch: ["\"refresh_token\": \"1//0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"", "https://example.com/1//0abc"]
			};
		}
	});
	SERVICE_ACCOUNT_TYPE = /type\\{0,3}["']\s{0,8}:\s{0,8}\\{0,3}["']service_account/;
	ESCAPED_PEM = /-----BEGIN PRIVATE KEY-----(?<body>(?:\\{1,3}[nr]|[A-Za-z0-9+/=\s]){64,8192})-----END PRIVATE KEY-----/g;
	serviceAccountKey$1 = {
		kind: "content",
		id: "google-service-account-key",
		provider: "google",
		title: "Google Cloud service-account key (JSON key file)",
		why: "A service-account key signs in as the service account, with every IAM role it holds, until the key is deleted.",
		severity: "error",
		remediation: {
			...remediation$19,
			rotate: "IAM & Admin \u2192 Service Accounts \u2192 Keys \u2192 delete the key (`gcloud iam service-accounts keys delete KEY_ID --iam-account=SA_EMAIL`), then create a new one if still needed"
		},
		helpUri: "https://cloud.google.com/iam/docs/keys-create-delete",
		keywords: ["service_account"],
		contextLines: 30,
		fallback: true,
		ownPlaceholderCheck: true,
		match(text) {
			if (!SERVICE_ACCOUNT_TYPE.test(text)) return [];
			const out = [];
			for (const m of allMatches(ESCAPED_PEM, text)) {
				const data = m.groups.body.replace(/\\+[nr]|\s/g, "");
				if (data.length < 64 || new Set(data).size < 16) continue;
				out.push({
					start: m.index,
					end: m.index + m[0].length,
					secret: data,
					message: "Google Cloud service-account key (private key of a JSON key file)"
				});
			}
			return out;
		},
		get examples() {
			return {
				match: [`{"credentials": "{\\"type\\": \\"service_account\\", \\"private_key\\": \\"-----BEGIN PRIVATE KEY-----\\\\nMIIE${fake(64, BASE64, "google-sa-1")}\\\\n${fake(64, BASE64, "google-sa-2")}\\\\n-----END PRIVATE KEY-----\\\\n\\"}"}`],
				noMatch: ["{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIE...\\n-----END PRIVATE KEY-----\\n\"}", "{\"type\": \"authorized_user\"}"]
			};
		}
	};
	rules$33 = [
		apiKey$2,
		oauthClientSecret,
		refreshToken,
		serviceAccountKey$1
	];
}));
// rules/groq.ts
var rules$32;
var init_groq = __esmMin((() => {
	init_rulekit();
	init_fakes();
	rules$32 = [regexRule({
		id: "groq-api-key",
		provider: "groq",
		title: "Groq API key",
		why: "A Groq key spends its organization\u2019s quota and credit on the Groq API.",
		severity: "error",
		remediation: {
			rotate: "https://console.groq.com/keys \u2192 delete the key, create a new one",
			store: "the CI or platform secret store (`gh secret set GROQ_API_KEY`)",
			read: "the Groq SDK reads GROQ_API_KEY from the environment by itself"
		},
		helpUri: "https://console.groq.com/docs/quickstart",
		keywords: ["gsk_"],
		pattern: new RegExp(`${LEFT}(?<secret>gsk_[A-Za-z0-9]{50,54})${RIGHT}`),
		visiblePrefix: 4,
		get examples() {
			return {
				match: [`GROQ_API_KEY=gsk_${fake(52, ALNUM, "groq")}`],
				noMatch: [`gsk_${fake(40, ALNUM, "groq-short")}`, "GROQ_API_KEY=gsk_..."]
			};
		}
	})];
}));
// rules/heroku.ts
var remediation$18, helpUri$17, current$1, legacy$3, rules$31;
var init_heroku = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$18 = {
		rotate: "Heroku Dashboard \u2192 Account settings \u2192 API Key \u2192 Regenerate (OAuth authorizations: `heroku authorizations:revoke <id>`, then `heroku authorizations:create`)",
		store: "the CI secret store (`gh secret set HEROKU_API_KEY`); app settings belong in config vars (`heroku config:set`), never in the repository",
		read: "the Heroku CLI reads HEROKU_API_KEY from the environment by itself"
	};
	helpUri$17 = "https://devcenter.heroku.com/articles/authentication";
	current$1 = "HRKU-" + fakeToken$1(BASE64URL$1, 60, 2701);
	legacy$3 = fakeUuid(2702);
	rules$31 = [regexRule({
		id: "heroku-api-key",
		provider: "heroku",
		title: "Heroku API key",
		why: "A Heroku API key acts as its user: it deploys, scales and deletes apps, and reads their config vars, which hold the apps\u2019 own secrets.",
		severity: "error",
		remediation: remediation$18,
		helpUri: helpUri$17,
		keywords: ["hrku-"],
		pattern: new RegExp(`${LEFT}(?<secret>HRKU-(?<body>[A-Za-z0-9_-]{40,80}))${RIGHT_WITH_DASH}`),
		visiblePrefix: 5,
		validate: (_s, m) => hasDigitAndLetter(m.groups.body),
		examples: {
			match: [`HEROKU_API_KEY=${current$1}`, `Authorization: Bearer ${current$1}`],
			noMatch: [`HRKU-${fakeToken$1(BASE64URL$1, 20, 2703)}`, `HRKU-TOKEN-FORMAT`]
		}
	}), keyedRule({
		id: "heroku-legacy-api-key",
		provider: "heroku",
		title: "Heroku API key (UUID, older format)",
		why: "An older Heroku API key acts as its user: it deploys and deletes apps and reads their config vars.",
		severity: "error",
		remediation: remediation$18,
		helpUri: helpUri$17,
		names: [
			"HEROKU_API_KEY",
			"HEROKU_API_TOKEN",
			"HEROKU_TOKEN",
			"HEROKU_AUTH_TOKEN"
		],
		value: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
		examples: {
			match: [`HEROKU_API_KEY=${legacy$3}`, `heroku_api_key: "${legacy$3}"`],
			noMatch: [`HEROKU_APP_ID=${legacy$3}`, `HEROKU_API_KEY=${legacy$3.slice(0, 23)}`]
		}
	})];
}));
// rules/huggingface.ts
var remediation$17, helpUri$16, userToken$1, orgToken$1, tokenFile, rules$30;
var init_huggingface = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$17 = {
		rotate: "https://huggingface.co/settings/tokens \u2192 Manage \u2192 Refresh or Delete (there is no CLI revoke; `hf auth logout` only removes the local copy)",
		store: "Hugging Face Space secrets (Settings \u2192 Variables and secrets), a Colab secret named HF_TOKEN, or a CI secret (`gh secret set HF_TOKEN`)",
		read: "os.environ[\"HF_TOKEN\"] (huggingface_hub reads HF_TOKEN by itself); in GitHub Actions `${{ secrets.HF_TOKEN }}`"
	};
	helpUri$16 = "https://huggingface.co/docs/hub/security-tokens";
	userToken$1 = regexRule({
		id: "huggingface-user-token",
		provider: "huggingface",
		title: "Hugging Face user access token",
		why: "A Hugging Face token can read, and with write or fine-grained scopes push to, every model, dataset and Space its owner can reach.",
		severity: "error",
		remediation: remediation$17,
		helpUri: helpUri$16,
		keywords: ["hf_"],
		pattern: new RegExp(`${LEFT}(?<secret>hf_(?<body>[A-Za-z0-9]{34}))${RIGHT}`),
		visiblePrefix: 3,
		get examples() {
			return {
				match: [`HF_TOKEN=hf_${fake(34, LETTERS, "hf-user")}`, `login(token="hf_${fake(34, LETTERS, "hf-user-2")}")`],
				noMatch: [
					`hf_${fake(33, LETTERS, "hf-user-short")}`,
					"HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
					"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"
				]
			};
		},
		validate(_secret, m) {
			const body = m.groups.body;
			if (looksLikeIdentifier(body)) return false;
			if (/[0-9]/.test(body)) return {
				severity: "warning",
				message: "Possible Hugging Face user access token (digits are unusual in real tokens)"
			};
			return true;
		}
	});
	orgToken$1 = regexRule({
		id: "huggingface-org-token",
		provider: "huggingface",
		title: "Hugging Face organization API token (api_org_, deprecated but possibly still valid)",
		why: "An organization API token acts for a whole Hugging Face organization.",
		severity: "error",
		remediation: {
			...remediation$17,
			rotate: "Organization settings \u2192 API tokens on https://huggingface.co (org tokens are deprecated: replace with a fine-grained user token)"
		},
		helpUri: helpUri$16,
		keywords: ["api_org_"],
		pattern: new RegExp(`${LEFT}(?<secret>api_org_(?<body>[A-Za-z]{34}))${RIGHT}`),
		visiblePrefix: 8,
		get examples() {
			return {
				match: [`HUGGINGFACEHUB_API_TOKEN = "api_org_${fake(34, LETTERS, "hf-org")}"`],
				noMatch: [`api_org_${fake(30, LETTERS, "hf-org-short")}`, "api_org_id = \"acme-research\""]
			};
		},
		validate: (_s, m) => !looksLikeIdentifier(m.groups.body)
	});
	tokenFile = {
		kind: "path",
		id: "huggingface-token-file",
		provider: "huggingface",
		title: "Hugging Face CLI token file",
		why: "`hf auth login` writes the raw token to this file; a committed copy publishes the token.",
		severity: "error",
		remediation: {
			...remediation$17,
			note: "Log in on each machine instead (`hf auth login`): the token file belongs in ~/.cache/huggingface, never in a repository."
		},
		ignorePattern: ".hf_secrets",
		get examples() {
			return {
				match: [
					".huggingface/token",
					"cache/huggingface/stored_tokens",
					"space/.hf_secrets"
				],
				noMatch: [
					"docs/huggingface/token.md",
					"huggingface/tokenizer.json",
					".hf_secrets.example"
				]
			};
		},
		test: (path) => /(^|\/)\.?huggingface\/(token|stored_tokens)$/.test(path) || /(^|\/)\.hf_secrets$/.test(path)
	};
	rules$30 = [
		userToken$1,
		orgToken$1,
		tokenFile
	];
}));
// rules/jwt.ts
var BASE64URL, base64urlJson, token$7, jwt$1, rules$29;
var init_jwt = __esmMin((() => {
	init_rulekit();
	init_jwt$1();
	init_fakes();
	BASE64URL = `${ALNUM}-_`;
	base64urlJson = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
	token$7 = (header, claims, label) => `${base64urlJson(header)}.${base64urlJson(claims)}.${fake(43, BASE64URL, label)}`;
	jwt$1 = regexRule({
		id: "jwt",
		provider: "jwt",
		title: "JSON Web Token",
		why: "A signed JWT is a bearer credential: until it expires, whoever holds it is whoever it names to every service that trusts its issuer.",
		severity: "error",
		remediation: {
			rotate: "revoke the session or refresh token it belongs to at its issuer; if it does not expire, rotate the issuer\u2019s signing key (which invalidates every token it signed)",
			store: "nowhere in the repository: tokens are minted at run time; long-lived service tokens (a Supabase service_role key) belong in the CI or platform secret store",
			read: "from the environment (`os.environ[\"API_TOKEN\"]`, `process.env.API_TOKEN`), or mint one at run time from a client credential",
			note: "Severity follows the decoded claims: expired tokens are warnings; Supabase anon keys (public by design), unsigned tokens (alg none) and documentation samples are not reported."
		},
		helpUri: "https://datatracker.ietf.org/doc/html/rfc7519",
		keywords: ["eyJ"],
		fallback: true,
		pattern: new RegExp(`${LEFT}(?<secret>eyJ[A-Za-z0-9_-]{2,4096}\\.eyJ[A-Za-z0-9_-]{2,16384}\\.[A-Za-z0-9_-]{0,2048})${RIGHT_WITH_DASH}(?!\\.[A-Za-z0-9_-])`),
		validate(secret) {
			const verdict = judgeJwt(secret);
			return verdict.report ? {
				severity: verdict.severity,
				message: verdict.message
			} : false;
		},
		get examples() {
			return {
				match: [
					`API_TOKEN=${token$7({
						alg: "HS256",
						typ: "JWT"
					}, {
						iss: "https://auth.acme.io/",
						sub: "svc-ingest",
						iat: 1764e6
					}, "jwt-1")}`,
					`Authorization: Bearer ${token$7({
						alg: "RS256",
						kid: "k1"
					}, {
						sub: "u-1",
						aud: "api",
						exp: 4102444800
					}, "jwt-2")}`,
					`expired: ${token$7({ alg: "HS256" }, {
						sub: "svc",
						exp: 16e8
					}, "jwt-4")}`
				],
				noMatch: [
					`SUPABASE_ANON_KEY=${token$7({
						alg: "HS256",
						typ: "JWT"
					}, {
						iss: "supabase",
						role: "anon",
						iat: 1764e6
					}, "jwt-3")}`,
					`${base64urlJson({
						alg: "none",
						typ: "JWT"
					})}.${base64urlJson({
						sub: "u-1",
						iat: 1764e6
					})}.`,
					token$7({
						alg: "HS256",
						typ: "JWT"
					}, {
						sub: "1234567890",
						name: "John Doe",
						iat: 1516239022
					}, "jwt-5"),
					token$7({ alg: "RS256" }, {
						iss: "https://auth.example.com/",
						sub: "alice"
					}, "jwt-6"),
					`${base64urlJson({ color: "red" })}.${base64urlJson({ size: 3 })}.${fake(43, BASE64URL, "jwt-not-a-token")}`
				]
			};
		}
	});
	rules$29 = [jwt$1];
}));
// rules/kaggle.ts
var remediation$16, helpUri$15, hex, KEY_IN_FILE, kaggleJson, rules$28;
var init_kaggle = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_placeholder();
	init_fake_token();
	init_matches();
	remediation$16 = {
		rotate: "https://www.kaggle.com/settings \u2192 API: Expire the leaked token (or \u201CExpire API Token\u201D for the legacy key), then create a new one",
		store: "a Kaggle Notebook or Colab secret, or the CI secret store (`gh secret set KAGGLE_API_TOKEN`)",
		read: "the kaggle package reads KAGGLE_API_TOKEN (or KAGGLE_USERNAME with KAGGLE_KEY) from the environment by itself; kaggle.json belongs in ~/.kaggle only"
	};
	helpUri$15 = "https://www.kaggle.com/docs/api";
	hex = fakeToken$1(HEX, 32, 2401);
	KEY_IN_FILE = /"key"\s{0,16}:\s{0,16}"([^"\n]{1,256})"/g;
	kaggleJson = {
		kind: "path",
		id: "kaggle-json-file",
		provider: "kaggle",
		title: "Kaggle API credentials file (kaggle.json)",
		why: "kaggle.json is the file Kaggle\u2019s \u201CCreate New Token\u201D downloads: it holds the account\u2019s username and API key in plain text.",
		severity: "error",
		remediation: {
			...remediation$16,
			note: "Keep kaggle.json in ~/.kaggle (mode 600) on each machine, never in a repository."
		},
		ignorePattern: "kaggle.json",
		test(path, content) {
			if (!/(^|\/)kaggle\.json$/.test(path)) return false;
			const text = content();
			if (text === void 0) return true;
			for (const m of allMatches(KEY_IN_FILE, text)) if (!isPlaceholder(m[1], m[1].startsWith("KGAT_") ? 5 : 0)) return true;
			return false;
		},
		get examples() {
			const file = `{"username":"ada","key":"${fakeToken$1(HEX, 32, 2402)}"}`;
			return {
				match: [`kaggle.json\n${file}`, `notebooks/.kaggle/kaggle.json\n${file}`],
				noMatch: [
					`kaggle.json.example\n${file}`,
					"docs/kaggle.md",
					"kaggle.json\n{\"username\":\"ada\",\"key\":\"<your-key>\"}"
				]
			};
		}
	};
	rules$28 = [
		regexRule({
			id: "kaggle-api-token",
			provider: "kaggle",
			title: "Kaggle API token",
			why: "A Kaggle API token acts as its account: it downloads competition data under the account\u2019s accepted rules, and publishes or overwrites its datasets, models and notebooks.",
			severity: "error",
			remediation: remediation$16,
			helpUri: helpUri$15,
			keywords: ["kgat_"],
			pattern: new RegExp(`${LEFT}(?<secret>KGAT_(?<body>[a-f0-9]{32}))${RIGHT}`),
			visiblePrefix: 5,
			validate: (_s, m) => hasDigitAndLetter(m.groups.body),
			examples: {
				match: [`KAGGLE_API_TOKEN=KGAT_${hex}`, `os.environ["KAGGLE_API_TOKEN"] = "KGAT_${hex}"`],
				noMatch: [`KGAT_${hex.slice(0, 20)}`, `KGAT_${hex}${hex}`]
			}
		}),
		keyedRule({
			id: "kaggle-api-key",
			provider: "kaggle",
			title: "Kaggle API key (legacy kaggle.json key)",
			why: "A legacy Kaggle key, with its username, acts as the account: it downloads competition data and publishes or overwrites its datasets, models and notebooks.",
			severity: "error",
			remediation: remediation$16,
			helpUri: helpUri$15,
			names: [
				"KAGGLE_KEY",
				"KAGGLE_API_KEY",
				String.raw`"username"\s{0,4}:\s{0,4}"[^"\n]{1,64}"\s{0,4},\s{0,4}"key`
			],
			keywords: [
				"kaggle_key",
				"kaggle_api_key",
				"\"username\""
			],
			value: "[a-f0-9]{32}",
			check: hasDigitAndLetter,
			examples: {
				match: [`KAGGLE_KEY=${hex}`, `{"username":"data-sci-17","key":"${hex}"}`],
				noMatch: [`KAGGLE_USERNAME=${hex}`, `{"username":"data-sci-17","key":"${hex.slice(0, 16)}"}`]
			}
		}),
		kaggleJson
	];
}));
// rules/langsmith.ts
var remediation$15, helpUri$14, a, b, rules$27;
var init_langsmith = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$15 = {
		rotate: "LangSmith \u2192 Settings \u2192 API Keys: delete the key (trash icon in the Actions column), then create a new one with an expiry",
		store: "the CI or platform secret store (`gh secret set LANGSMITH_API_KEY`); service keys for applications, personal access tokens only for personal scripts",
		read: "the LangSmith SDK reads LANGSMITH_API_KEY (or the older LANGCHAIN_API_KEY) from the environment by itself"
	};
	helpUri$14 = "https://docs.langchain.com/langsmith/create-account-api-key";
	a = fakeToken$1(HEX, 32, 201);
	b = fakeToken$1(HEX, 10, 202);
	rules$27 = [regexRule({
		id: "langsmith-api-key",
		provider: "langsmith",
		title: "LangSmith API key",
		why: "A LangSmith key reads every trace it can reach, prompts and outputs included, and writes runs, datasets and prompts in its workspaces.",
		severity: "error",
		remediation: remediation$15,
		helpUri: helpUri$14,
		keywords: ["lsv2_", "ls__"],
		pattern: new RegExp(`${LEFT}(?<secret>lsv2_(?<kind>pt|sk)_(?<body>[a-f0-9]{32})_[a-f0-9]{10}|ls__(?<legacy>[a-f0-9]{32}))${RIGHT}`),
		visiblePrefix: (s) => s.startsWith("lsv2_") ? 8 : 4,
		validate(_s, m) {
			const g = m.groups;
			if (!hasDigitAndLetter(g.body ?? g.legacy)) return false;
			if (g.legacy) return { message: "LangSmith API key (ls__, older format)" };
			return { message: g.kind === "pt" ? "LangSmith personal access token" : "LangSmith service key" };
		},
		examples: {
			match: [
				`LANGSMITH_API_KEY=lsv2_pt_${a}_${b}`,
				`"apiKey": "lsv2_sk_${a}_${b}"`,
				`LANGCHAIN_API_KEY="ls__${a}"`
			],
			noMatch: [`LANGSMITH_API_KEY=lsv2_pt_${a}`, `lsv2_pt_${a}_${b}extra`]
		}
	})];
}));
// rules/mistral.ts
var key$1, rules$26;
var init_mistral = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	key$1 = fakeToken$1(BASE62, 32, 401);
	rules$26 = [keyedRule({
		id: "mistral-api-key",
		provider: "mistral",
		title: "Mistral AI API key",
		why: "A Mistral key calls the Mistral API (chat, embeddings, fine-tuning, files) on its workspace\u2019s billing.",
		severity: "error",
		remediation: {
			rotate: "https://console.mistral.ai/api-keys \u2192 delete the key, create a new one (set an expiry)",
			store: "the CI or platform secret store (`gh secret set MISTRAL_API_KEY`), an HF Space secret or a Colab secret",
			read: "os.environ[\"MISTRAL_API_KEY\"], passed as `Mistral(api_key=os.environ[\"MISTRAL_API_KEY\"])`"
		},
		helpUri: "https://docs.mistral.ai/getting-started/quickstart/",
		names: [
			"MISTRAL_API_KEY",
			"MISTRAL_KEY",
			"MISTRALAI_API_KEY",
			String.raw`Mistral(?:Client)?\(\s{0,8}api_key`
		],
		keywords: [
			"mistral_api_key",
			"mistral_key",
			"mistralai_api_key",
			"mistral("
		],
		value: "[A-Za-z0-9]{32}",
		check: hasDigitAndLetter,
		examples: {
			match: [`MISTRAL_API_KEY=${key$1}`, `client = Mistral(api_key="${key$1}")`],
			noMatch: [`MISTRAL_API_KEY=${key$1}xyz`, `MISTRAL_MODEL=mistral-large-latest`]
		}
	})];
}));
// rules/modal.ts
function isModalPlaceholder(body) {
	if (PLACEHOLDER_WORDS.test(body)) return true;
	return !/[0-9]/.test(body) && (body === body.toUpperCase() || body === body.toLowerCase());
}
function tokenAt(bytes, start) {
	if (bytes[start] !== 97 || bytes[start + 1] !== 107 && bytes[start + 1] !== 115 || bytes[start + 2] !== 45) return false;
	for (let i = start + 3; i < start + 25; i++) if (i >= bytes.length || !isAlnum(bytes[i])) return false;
	const after = bytes[start + 25];
	if (after !== void 0 && (isAlnum(after) || after === 95 || after === 45)) return false;
	const before = bytes[start - 1];
	if (before === void 0 || !(isAlnum(before) || before === 95)) return true;
	return (before === 110 || before === 114 || before === 116) && bytes[start - 2] === 92;
}
var remediation$14, helpUri$13, TOKEN, PLACEHOLDER_WORDS, isAlnum, PAIR_DISTANCE, token$6, config, rules$25;
var init_modal = __esmMin((() => {
	init_rulekit();
	init_fakes();
	init_matches();
	remediation$14 = {
		rotate: "Modal dashboard \u2192 workspace settings \u2192 API tokens (https://modal.com/settings/<workspace>/tokens): delete the token (`modal token new` makes a new one but does not revoke the old)",
		store: "CI secrets MODAL_TOKEN_ID / MODAL_TOKEN_SECRET (`gh secret set MODAL_TOKEN_SECRET`), preferably for a service user; credentials your Modal functions use go in Modal Secrets (`modal secret create NAME KEY=VALUE`)",
		read: "the Modal client reads MODAL_TOKEN_ID and MODAL_TOKEN_SECRET from the environment; in functions, `modal.Secret.from_name(\"name\")`"
	};
	helpUri$13 = "https://modal.com/docs/reference/modal.config";
	TOKEN = new RegExp(`${LEFT}(a[ks])-([A-Za-z0-9]{22})${RIGHT_WITH_DASH}`, "g");
	PLACEHOLDER_WORDS = /fake|notareal|notreal|example|sample|dummy|placeholder|token|secret|string/i;
	isAlnum = (b) => b >= 97 && b <= 122 || b >= 65 && b <= 90 || b >= 48 && b <= 57;
	PAIR_DISTANCE = 3;
	token$6 = {
		kind: "content",
		id: "modal-token",
		provider: "modal",
		title: "Modal API token",
		why: "A Modal token pair deploys and runs code in the workspace, billed to its owner, and reads the workspace\u2019s Modal Secrets.",
		severity: "error",
		remediation: remediation$14,
		helpUri: helpUri$13,
		keywords: ["ak-", "as-"],
		contextLines: PAIR_DISTANCE,
		hitCanMatch: tokenAt,
		get examples() {
			return {
				match: [`MODAL_TOKEN_ID=ak-${fake(22, ALNUM, "modal-id")}\nMODAL_TOKEN_SECRET=as-${fake(22, ALNUM, "modal-secret")}`, `token_id = "ak-${fake(22, ALNUM, "modal-id-2")}"`],
				noMatch: ["MODAL_TOKEN_ID=ak-EXAMPLETOKENIDEXAMPLE12", `MODAL_TOKEN_SECRET=as-${fake(21, ALNUM, "modal-short")}`]
			};
		},
		match(text) {
			const halves = [];
			const lineOf = lineCounter(text);
			for (const m of allMatches(TOKEN, text)) {
				if (isModalPlaceholder(m[2])) continue;
				const start = m.index;
				halves.push({
					kind: m[1],
					start,
					end: start + m[0].length,
					line: lineOf(start),
					value: m[0]
				});
			}
			const idsOnLine = /* @__PURE__ */ new Map();
			for (const h of halves) {
				if (h.kind !== "ak") continue;
				let group = idsOnLine.get(h.line);
				if (!group) idsOnLine.set(h.line, group = {
					ids: [],
					paired: 0
				});
				group.ids.push(h);
			}
			const takeId = (line) => {
				const group = idsOnLine.get(line);
				return group && group.paired < group.ids.length ? group.ids[group.paired++] : void 0;
			};
			const out = [];
			const pairedIds = /* @__PURE__ */ new Set();
			for (const secret of halves) {
				if (secret.kind !== "as") continue;
				let id;
				for (let d = 0; d <= PAIR_DISTANCE && !id; d++) id = takeId(secret.line - d) ?? (d > 0 ? takeId(secret.line + d) : void 0);
				if (id) {
					pairedIds.add(id);
					out.push({
						start: secret.start,
						end: secret.end,
						secret: secret.value,
						pairId: id.value,
						visiblePrefix: 3,
						message: `Modal token pair (id ${id.value} with its secret)`
					});
				} else out.push({
					start: secret.start,
					end: secret.end,
					secret: secret.value,
					visiblePrefix: 3,
					message: "Modal token secret (as-\u2026)"
				});
			}
			for (const id of halves) {
				if (id.kind !== "ak" || pairedIds.has(id)) continue;
				out.push({
					start: id.start,
					end: id.end,
					secret: id.value,
					visiblePrefix: 3,
					severity: "warning",
					message: "Modal token id (ak-\u2026) without its secret nearby: half a credential"
				});
			}
			return out;
		}
	};
	config = {
		kind: "path",
		id: "modal-config-file",
		provider: "modal",
		title: "Modal .modal.toml credentials file",
		why: "`modal setup` and `modal token new` write the token pair into .modal.toml in plain text.",
		severity: "error",
		remediation: {
			...remediation$14,
			note: "Keep .modal.toml in your home directory, where `modal token set` writes it."
		},
		ignorePattern: ".modal.toml",
		get examples() {
			return {
				match: [".modal.toml", "deploy/.modal.toml"],
				noMatch: ["modal.toml", "docs/.modal.toml.md"]
			};
		},
		test: (path) => /(^|\/)\.modal\.toml$/.test(path)
	};
	rules$25 = [token$6, config];
}));
// rules/neptune.ts
function holdsApiKey(secret) {
	try {
		const key = JSON.parse(Buffer.from(secret, "base64").toString("utf8")).api_key;
		return typeof key === "string" && key.length >= 16 && !isPlaceholder(key);
	} catch {
		return false;
	}
}
var token$5, rules$24;
var init_neptune = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	init_fake_token();
	token$5 = base64$1(JSON.stringify({
		api_address: "https://app.neptune.ai",
		api_url: "https://app.neptune.ai",
		api_key: fakeUuid(2001)
	}));
	rules$24 = [regexRule({
		id: "neptune-api-token",
		provider: "neptune",
		title: "neptune.ai API token",
		why: "A Neptune API token reads and writes every project, run and model its owner (or service account) can reach.",
		severity: "error",
		remediation: {
			rotate: "neptune.ai \u2192 user menu \u2192 Get your API token \u2192 Reset (service accounts: workspace settings \u2192 Service accounts \u2192 reset the token)",
			store: "the CI or platform secret store (`gh secret set NEPTUNE_API_TOKEN`), a Colab secret",
			read: "the neptune client reads NEPTUNE_API_TOKEN from the environment by itself (`neptune.init_run()` with no api_token)"
		},
		helpUri: "https://docs.neptune.ai/setup/setting_api_token/",
		keywords: ["eyjhcglfywrkcmvzcyi6"],
		pattern: new RegExp(`${LEFT}(?<secret>eyJhcGlfYWRkcmVzcyI6[A-Za-z0-9+/]{40,600}={0,2})(?![A-Za-z0-9+/=])`),
		visiblePrefix: 0,
		validate: (s) => holdsApiKey(s),
		examples: {
			match: [`NEPTUNE_API_TOKEN=${token$5}`, `run = neptune.init_run(project="team/demo", api_token="${token$5}")`],
			noMatch: [`NEPTUNE_API_TOKEN=${token$5.slice(0, 60)}`, `NEPTUNE_API_TOKEN=${base64$1(JSON.stringify({
				api_address: "https://app.neptune.ai",
				api_url: "https://app.neptune.ai"
			}))}`]
		}
	})];
}));
// rules/npm.ts
var remediation$13, helpUri$12, token$4, legacy$2, AUTH_LINE, npmrc, rules$23;
var init_npm = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	init_fakes();
	init_matches();
	remediation$13 = {
		rotate: "https://www.npmjs.com/settings/<user>/tokens, or `npm token list` then `npm token revoke <id>`",
		store: "npm Trusted Publishing (OIDC from GitHub Actions or GitLab CI, no token at all); otherwise a CI secret NPM_TOKEN",
		read: "`//registry.npmjs.org/:_authToken=${NPM_TOKEN}` in .npmrc, with NPM_TOKEN (or NODE_AUTH_TOKEN for actions/setup-node) from the environment"
	};
	helpUri$12 = "https://docs.npmjs.com/about-access-tokens";
	token$4 = regexRule({
		id: "npm-access-token",
		provider: "npm",
		title: "npm access token",
		why: "An npm token can publish new versions of every package its owner maintains: a supply-chain risk for all their users.",
		severity: "error",
		remediation: remediation$13,
		helpUri: helpUri$12,
		keywords: ["npm_"],
		pattern: new RegExp(`${LEFT}(?<secret>npm_(?<body>[A-Za-z0-9]{36}))${RIGHT}`),
		visiblePrefix: 4,
		get examples() {
			return {
				match: [`NPM_TOKEN=npm_${fakeWithCrc32("npm")}`, `//registry.npmjs.org/:_authToken=npm_${fakeWithCrc32("npm-2")}`],
				noMatch: [`NPM_TOKEN=npm_${fake(36, ALNUM, "npm-bad-crc")}`]
			};
		},
		validate: (_s, m) => hasValidCrc32Checksum(m.groups.body)
	});
	legacy$2 = regexRule({
		id: "npm-legacy-auth-token",
		provider: "npm",
		title: "npm auth token (UUID, legacy format) in an _authToken setting",
		why: "Legacy npm tokens were retired in 2025, but one in history may still be live on a private registry.",
		severity: "error",
		remediation: remediation$13,
		helpUri: helpUri$12,
		keywords: ["_authToken"],
		get examples() {
			return {
				match: [`//registry.npmjs.org/:_authToken=${fakeUuid$1("npm-legacy")}`],
				noMatch: ["//registry.npmjs.org/:_authToken=${NPM_TOKEN}", `build_id=${fakeUuid$1("npm-legacy-2")}`]
			};
		},
		pattern: /_authToken\s*=\s*["']?(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])/i
	});
	AUTH_LINE = /^[ \t]*(?:\S*:)?(?:_authToken|_auth|_password)[ \t]*=[ \t]*["']?([^\s"']+)/gm;
	npmrc = {
		kind: "path",
		id: "npm-npmrc-with-token",
		provider: "npm",
		title: ".npmrc holding a literal auth token",
		why: "A project .npmrc is committed with the code; a literal _authToken in it publishes the token.",
		severity: "error",
		remediation: {
			...remediation$13,
			note: "Replace the value with `${NPM_TOKEN}` and rotate the token."
		},
		get examples() {
			return {
				match: [`.npmrc\n//registry.npmjs.org/:_authToken=npm_${fakeWithCrc32("npmrc")}\n`, `packages/app/.npmrc\n@acme:registry=https://npm.acme.dev/\n//npm.acme.dev/:_password=${fake(16, ALNUM, "npmrc-2")}\n`],
				noMatch: [".npmrc\n//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n", ".npmrc\nsave-exact=true\n"]
			};
		},
		test(path, content) {
			if (!/(^|\/)\.npmrc$/.test(path)) return false;
			const text = content();
			if (text === void 0) return false;
			for (const m of allMatches(AUTH_LINE, text)) if (!isPlaceholder(m[1])) return true;
			return false;
		}
	};
	rules$23 = [
		token$4,
		legacy$2,
		npmrc
	];
}));
// rules/openai.ts
var apiKey$1, rules$22;
var init_openai = __esmMin((() => {
	init_rulekit();
	init_fakes();
	apiKey$1 = regexRule({
		id: "openai-api-key",
		provider: "openai",
		title: "OpenAI API key",
		why: "An OpenAI key spends its organization\u2019s credit and reads its files, assistants and fine-tuned models.",
		severity: "error",
		remediation: {
			rotate: "https://platform.openai.com/api-keys \u2192 revoke the key (project keys also under Project settings) and create a new one",
			store: "the platform or CI secret store (`gh secret set OPENAI_API_KEY`); prefer project-scoped or service-account keys for servers",
			read: "the OpenAI SDK reads OPENAI_API_KEY from the environment by itself"
		},
		helpUri: "https://platform.openai.com/docs/api-reference/authentication",
		keywords: ["T3BlbkFJ"],
		pattern: new RegExp(`${LEFT}(?<secret>sk-(?:(?:proj|svcacct|admin|service)-)?[A-Za-z0-9_-]{20,80}T3BlbkFJ[A-Za-z0-9_-]{20,80})${RIGHT_WITH_DASH}`),
		visiblePrefix: (s) => prefixLength(s, 12),
		get examples() {
			return {
				match: [`OPENAI_API_KEY=sk-proj-${fake(74, ALNUM, "openai-1")}T3BlbkFJ${fake(74, ALNUM, "openai-2")}`, `openai.api_key = "sk-${fake(20, ALNUM, "openai-3")}T3BlbkFJ${fake(20, ALNUM, "openai-4")}"`],
				noMatch: [`sk-${fake(48, ALNUM, "openai-5")}`, `sk-proj-${fake(10, ALNUM, "openai-6")}T3BlbkFJ${fake(10, ALNUM, "openai-7")}`]
			};
		}
	});
	rules$22 = [apiKey$1];
}));
// rules/openrouter.ts
var body$2, rules$21;
var init_openrouter = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	body$2 = fakeToken$1(HEX, 64, 1401);
	rules$21 = [regexRule({
		id: "openrouter-api-key",
		provider: "openrouter",
		title: "OpenRouter API key",
		why: "An OpenRouter key spends its account\u2019s credit on every model OpenRouter routes to, up to the key\u2019s limit.",
		severity: "error",
		remediation: {
			rotate: "https://openrouter.ai/settings/keys \u2192 delete (or disable) the key, create a new one with a credit limit",
			store: "the CI or platform secret store (`gh secret set OPENROUTER_API_KEY`)",
			read: "os.environ[\"OPENROUTER_API_KEY\"], passed to the OpenAI-compatible client with base_url https://openrouter.ai/api/v1"
		},
		helpUri: "https://openrouter.ai/docs/api-reference/authentication",
		keywords: ["sk-or-v1-"],
		pattern: new RegExp(`${LEFT}(?<secret>sk-or-v1-(?<body>[a-f0-9]{64}))${RIGHT}`),
		visiblePrefix: 9,
		validate: (_s, m) => hasDigitAndLetter(m.groups.body),
		examples: {
			match: [`OPENROUTER_API_KEY=sk-or-v1-${body$2}`, `"Authorization": "Bearer sk-or-v1-${body$2}"`],
			noMatch: [`sk-or-v1-${body$2.slice(0, 48)}`, `sk-or-v1-${body$2}0`]
		}
	})];
}));
// rules/perplexity.ts
var body$1, rules$20;
var init_perplexity = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	body$1 = fakeToken$1(BASE62, 48, 1201);
	rules$20 = [regexRule({
		id: "perplexity-api-key",
		provider: "perplexity",
		title: "Perplexity API key",
		why: "A Perplexity key spends its group\u2019s credit on the Sonar API.",
		severity: "error",
		remediation: {
			rotate: "https://www.perplexity.ai/account/api/keys \u2192 delete the key, generate a new one",
			store: "the CI or platform secret store (`gh secret set PERPLEXITY_API_KEY`)",
			read: "os.environ[\"PERPLEXITY_API_KEY\"] (the perplexity SDK reads it by itself)"
		},
		helpUri: "https://docs.perplexity.ai/getting-started/quickstart",
		keywords: ["pplx-"],
		pattern: new RegExp(`${LEFT}(?<secret>pplx-(?<body>[A-Za-z0-9]{40,56}))${RIGHT}`),
		visiblePrefix: 5,
		validate: (_s, m) => hasDigitAndLetter(m.groups.body),
		examples: {
			match: [`PERPLEXITY_API_KEY=pplx-${body$1}`, `headers = {"Authorization": "Bearer pplx-${body$1}"}`],
			noMatch: [`pplx-${body$1.slice(0, 20)}`, `npm install pplx-client`]
		}
	})];
}));
// rules/pinecone.ts
var remediation$12, helpUri$11, id$2, secret$3, legacy$1, rules$19;
var init_pinecone = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$12 = {
		rotate: "Pinecone console \u2192 the project \u2192 API keys: delete the key, create a new one (with the narrowest role that works)",
		store: "the CI or platform secret store (`gh secret set PINECONE_API_KEY`), an HF Space secret or a Colab secret",
		read: "the Pinecone SDK reads PINECONE_API_KEY from the environment by itself (`Pinecone()` with no key)"
	};
	helpUri$11 = "https://docs.pinecone.io/guides/projects/manage-api-keys";
	id$2 = fakeToken$1(BASE62, 6, 2101);
	secret$3 = fakeToken$1(BASE62, 62, 2102);
	legacy$1 = fakeUuid(2103);
	rules$19 = [regexRule({
		id: "pinecone-api-key",
		provider: "pinecone",
		title: "Pinecone API key",
		why: "A Pinecone key reads, overwrites and deletes the vectors of every index in its project, and can create and delete indexes.",
		severity: "error",
		remediation: remediation$12,
		helpUri: helpUri$11,
		keywords: ["pcsk_"],
		pattern: new RegExp(`${LEFT}(?<secret>pcsk_[A-Za-z0-9]{4,10}_(?<body>[A-Za-z0-9]{40,100}))${RIGHT}`),
		visiblePrefix: 5,
		validate: (_s, m) => hasDigitAndLetter(m.groups.body),
		examples: {
			match: [`PINECONE_API_KEY=pcsk_${id$2}_${secret$3}`, `pc = Pinecone(api_key="pcsk_${id$2}_${secret$3}")`],
			noMatch: [`pcsk_${id$2}_${secret$3.slice(0, 20)}`, `pcsk_${id$2}`]
		}
	}), keyedRule({
		id: "pinecone-legacy-api-key",
		provider: "pinecone",
		title: "Pinecone API key (UUID, older format)",
		why: "An older Pinecone key is a UUID; it still reads and writes every index of its project until deleted.",
		severity: "error",
		remediation: remediation$12,
		helpUri: helpUri$11,
		names: [
			"PINECONE_API_KEY",
			"PINECONE_KEY",
			String.raw`Pinecone\(\s{0,8}api_key`,
			String.raw`pinecone\.init\(\s{0,8}api_key`
		],
		keywords: [
			"pinecone_api_key",
			"pinecone_key",
			"pinecone(",
			"pinecone.init("
		],
		value: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
		examples: {
			match: [`PINECONE_API_KEY=${legacy$1}`, `pinecone.init(api_key="${legacy$1}", environment="us-west1-gcp")`],
			noMatch: [`PINECONE_INDEX_ID=${legacy$1}`, `PINECONE_API_KEY=${legacy$1.slice(0, 30)}`]
		}
	})];
}));
// rules/prefect.ts
function keyRule(id, prefix, title, why) {
	return regexRule({
		id,
		provider: "prefect",
		title,
		why,
		severity: "error",
		remediation: remediation$11,
		helpUri: helpUri$10,
		keywords: [prefix],
		pattern: new RegExp(`${LEFT}(?<secret>${prefix}(?<body>[A-Za-z0-9]{36}))${RIGHT}`),
		visiblePrefix: 4,
		get examples() {
			return {
				match: [`PREFECT_API_KEY=${prefix}${fake(36, ALNUM, id)}`],
				noMatch: [`${prefix}${fake(35, ALNUM, `${id}-short`)}`, `PREFECT_API_KEY=${prefix}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`]
			};
		},
		validate: (_s, m) => !looksLikeIdentifier(m.groups.body)
	});
}
var remediation$11, helpUri$10, userKey, serviceAccountKey, authString, KEY_IN_PROFILE, profiles, rules$18;
var init_prefect = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	init_fakes();
	init_matches();
	remediation$11 = {
		rotate: "Prefect Cloud (https://app.prefect.cloud) \u2192 account icon, bottom left \u2192 API Keys (service accounts: Account \u2192 Service Accounts \u2192 regenerate); delete the leaked key and create a new one with an expiry",
		store: "the CI secret store (`gh secret set PREFECT_API_KEY`) or the worker\u2019s environment; other credentials a flow needs go in a Prefect Secret block (`Secret(value=\u2026).save(\"name\")`)",
		read: "Prefect reads PREFECT_API_KEY from the environment by itself; in flows, `Secret.load(\"name\").get()`"
	};
	helpUri$10 = "https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys";
	userKey = keyRule("prefect-user-key", "pnu_", "Prefect Cloud user API key", "A Prefect user key acts as its owner in every workspace they can reach: it can read flow runs, blocks and secrets, and start deployments.");
	serviceAccountKey = keyRule("prefect-service-account-key", "pnb_", "Prefect Cloud service-account API key", "A service-account key gives a machine identity\u2019s access to its workspaces, usually with enough rights to run and change deployments.");
	authString = regexRule({
		id: "prefect-auth-string",
		provider: "prefect",
		title: "Prefect server basic-auth string (PREFECT_API_AUTH_STRING)",
		why: "The `user:password` pair guards a self-hosted Prefect server; whoever has it can drive that server.",
		severity: "error",
		remediation: {
			rotate: "change the password on the Prefect server (PREFECT_SERVER_API_AUTH_STRING) and on every client",
			store: "the CI or platform secret store, set as the PREFECT_API_AUTH_STRING environment variable",
			read: "Prefect reads PREFECT_API_AUTH_STRING from the environment by itself"
		},
		keywords: ["API_AUTH_STRING"],
		get examples() {
			return {
				match: [["PREFECT_API_AUTH_STRING=\"admin", fake(20, ALNUM, "prefect-auth")].join(":") + "\""],
				noMatch: ["PREFECT_API_AUTH_STRING=\"$PREFECT_AUTH\"", "PREFECT_API_URL=\"http://127.0.0.1:4200/api\""]
			};
		},
		pattern: /PREFECT_(?:SERVER_)?API_AUTH_STRING["']?\s*(?:=|:)\s*["']?(?<secret>[^\s"':$]{1,128}:[^\s"']{4,256})/i
	});
	KEY_IN_PROFILE = /PREFECT_API_(?:KEY|AUTH_STRING)\s*=\s*["']([^"'\n]+)["']/g;
	profiles = {
		kind: "path",
		id: "prefect-profiles-file",
		provider: "prefect",
		title: "Prefect profiles.toml holding an API key",
		why: "`prefect cloud login` writes the key into profiles.toml in plain text; a committed copy publishes it.",
		severity: "error",
		remediation: {
			...remediation$11,
			note: "Keep Prefect settings in the environment; profiles belong in ~/.prefect."
		},
		ignorePattern: ".prefect/",
		get examples() {
			return {
				match: [`.prefect/profiles.toml\n[profiles.cloud]\nPREFECT_API_KEY = "pnu_${fake(36, ALNUM, "prefect-profile")}"\n`],
				noMatch: [".prefect/profiles.toml\n[profiles.local]\nPREFECT_API_URL = \"http://127.0.0.1:4200/api\"\n", "profiles.toml.md"]
			};
		},
		test(path, content) {
			if (!/(^|\/)profiles\.toml$/.test(path)) return false;
			const text = content();
			if (text === void 0) return false;
			for (const m of allMatches(KEY_IN_PROFILE, text)) {
				const value = m[1];
				if (!isPlaceholder(value, /^pn[ub]_/.test(value) ? 4 : 0)) return true;
			}
			return false;
		}
	};
	rules$18 = [
		userKey,
		serviceAccountKey,
		authString,
		profiles
	];
}));
// rules/private-key.ts
function fakePem(label, lines, seed, headers = "") {
	const body = Array.from({ length: lines }, (_, i) => fake(64, BASE64, `${seed}-${i}`)).join("\n");
	return [
		`-----BEGIN ${label}-----`,
		`${headers}${body}`,
		`-----END ${label}-----`
	].join("\n");
}
function payload(body) {
	return body.replace(/\\r|\\n/g, "\n").split("\n").filter((l) => !/^\s*[A-Za-z-]+:\s/.test(l) && !/^\s*=[A-Za-z0-9+/]{4}\s*$/.test(l)).join("").replace(/[\s"',]/g, "");
}
function isEncrypted(label, body, data) {
	if (label.startsWith("ENCRYPTED") || /Proc-Type:\s*4,ENCRYPTED/.test(body)) return true;
	if (label.startsWith("OPENSSH")) {
		const raw = Buffer.from(data, "base64");
		const len = raw.length >= 19 ? raw.readUInt32BE(15) : 0;
		return len > 0 && len < 64 && raw.subarray(19, 19 + len).toString("latin1") !== "none";
	}
	return false;
}
var RSA, remediation$10, helpUri$9, BLOCK, pemKey, putty, KEY_FILE, KEYSTORE, MAYBE_KEY, keyFile, rules$17;
var init_private_key = __esmMin((() => {
	init_fakes();
	init_matches();
	RSA = "RSA PRIVATE KEY";
	remediation$10 = {
		rotate: "generate a new key pair, then remove the old public key everywhere it is trusted (GitHub/GitLab SSH and deploy keys, servers\u2019 authorized_keys, cloud key pairs); TLS: re-issue and revoke the certificate; GitHub App: generate a new key in the App settings and delete the old one",
		store: "an SSH agent or hardware key, a secret manager, or a multi-line CI secret written to a file at run time",
		read: "load the key from a path given in the environment (for example SSH_KEY_PATH), never from the repository"
	};
	helpUri$9 = "https://docs.github.com/en/authentication/connecting-to-github-with-ssh";
	BLOCK = /-----BEGIN (?<label>(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----(?<body>[\s\S]{0,20000}?)-----END \k<label>-----/g;
	pemKey = {
		kind: "content",
		id: "private-key-pem",
		provider: "private-key",
		title: "Private key (PEM)",
		why: "A private key proves identity: whoever has it can log in to servers, sign as you, or decrypt what was sent to you.",
		severity: "error",
		remediation: remediation$10,
		helpUri: helpUri$9,
		keywords: ["PRIVATE KEY"],
		ownPlaceholderCheck: true,
		contextLines: 120,
		get examples() {
			return {
				match: [
					fakePem(RSA, 8, "pem-rsa"),
					`key = "${fakePem("PRIVATE KEY", 4, "pem-pkcs8").replaceAll("\n", "\\n")}"`,
					fakePem(RSA, 8, "pem-enc", "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n")
				],
				noMatch: [`-----BEGIN ${RSA}-----\nMIIEowIBAAKCAQEA...\n-----END ${RSA}-----`, fakePem("CERTIFICATE", 8, "pem-cert")]
			};
		},
		match(text) {
			const out = [];
			for (const m of allMatches(BLOCK, text)) {
				const label = m.groups.label;
				const body = m.groups.body;
				if (/\.\.\.|\u2026/.test(body)) continue;
				const data = payload(body);
				if (data.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(data)) continue;
				const encrypted = isEncrypted(label, body, data);
				out.push({
					start: m.index,
					end: m.index + m[0].length,
					secret: data,
					...encrypted ? {
						severity: "warning",
						message: `Encrypted private key (${label}): useless without its passphrase, but still to be removed`
					} : { message: `Private key (${label})` }
				});
			}
			return out;
		}
	};
	putty = {
		kind: "content",
		id: "private-key-putty",
		provider: "private-key",
		title: "PuTTY private key",
		why: "A PuTTY key file holds an SSH private key.",
		severity: "error",
		remediation: remediation$10,
		helpUri: helpUri$9,
		keywords: ["PuTTY-User-Key-File-"],
		ownPlaceholderCheck: true,
		contextLines: 40,
		get examples() {
			return {
				match: [[
					"PuTTY-User-Key-File-3: ssh-ed25519",
					"Encryption: none",
					"Comment: eddsa-key-20260101",
					"Public-Lines: 2",
					fake(64, BASE64, "putty-pub-1"),
					fake(4, BASE64, "putty-pub-2"),
					"Private-Lines: 1",
					fake(44, BASE64, "putty-private"),
					`Private-MAC: ${fake(64, HEX, "putty-mac")}`
				].join("\n")],
				noMatch: ["PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nAAAA\n", "Save the key in PuTTY-User-Key-File-3 format."]
			};
		},
		match(text) {
			const m = /PuTTY-User-Key-File-[23]:[^\n]{0,200}\n[\s\S]{0,8000}?Private-Lines:[ \t]{0,16}\d{1,4}\n(?<lines>(?:[A-Za-z0-9+/=]{1,128}\n?){1,40})/.exec(text);
			if (!m) return [];
			const secret = m.groups.lines.replace(/\s/g, "");
			if (secret.length < 32) return [];
			const encrypted = /Encryption:\s*(?!none)\S+/.test(m[0]);
			return [{
				start: m.index,
				end: m.index + m[0].length,
				secret,
				...encrypted ? { severity: "warning" } : {}
			}];
		}
	};
	KEY_FILE = /(^|\/)id_(rsa|dsa|ecdsa|ed25519)(_sk)?$/;
	KEYSTORE = /\.(p12|pfx|jks|keystore)$/i;
	MAYBE_KEY = /\.(pem|key|ppk)$/i;
	keyFile = {
		kind: "path",
		id: "private-key-file",
		provider: "private-key",
		title: "Private key or keystore file",
		why: "SSH keys, PEM keys and keystores must never be committed: the file itself is the credential.",
		severity: "error",
		remediation: {
			...remediation$10,
			note: "Ignore every key format you use (`*.pem`, `id_rsa*`, `*.p12` \u2026)."
		},
		ignorePattern: "*.pem",
		alsoIgnore: ["id_rsa*"],
		get examples() {
			return {
				match: [
					"deploy/id_rsa",
					".ssh/id_ed25519",
					"certs/keystore.p12",
					`tls/server.key\n${fakePem("PRIVATE KEY", 4, "key-file")}\n`
				],
				noMatch: [
					"deploy/id_rsa.pub",
					`certs/ca.pem\n${fakePem("CERTIFICATE", 4, "cert-file")}\n`,
					"docs/keys.md"
				]
			};
		},
		test(path, content) {
			if (KEY_FILE.test(path) || KEYSTORE.test(path)) return true;
			if (!MAYBE_KEY.test(path)) return false;
			const text = content();
			return text !== void 0 && /PRIVATE KEY-----|PuTTY-User-Key-File-/.test(text);
		}
	};
	rules$17 = [
		pemKey,
		putty,
		keyFile
	];
}));
// rules/pypi.ts
var fakeToken, remediation$9, helpUri$8, token$3, PASSWORD, pypirc, rules$16;
var init_pypi = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	init_fakes();
	init_matches();
	fakeToken = (label) => `pypi-AgEIcHlwaS5vcmc${fake(64, ALNUM, label)}`;
	remediation$9 = {
		rotate: "https://pypi.org/manage/account/token/ \u2192 remove the token (project-scoped tokens: the project\u2019s settings)",
		store: "PyPI Trusted Publishing (pypa/gh-action-pypi-publish with `id-token: write`, no token stored); otherwise a project-scoped token as a CI secret",
		read: "TWINE_USERNAME=__token__ and TWINE_PASSWORD (or UV_PUBLISH_TOKEN) from the environment"
	};
	helpUri$8 = "https://pypi.org/help/#apitoken";
	token$3 = regexRule({
		id: "pypi-token",
		provider: "pypi",
		title: "PyPI API token",
		why: "A PyPI token uploads releases of the projects it covers: a supply-chain risk for every user of them.",
		severity: "error",
		remediation: remediation$9,
		helpUri: helpUri$8,
		keywords: ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBp"],
		pattern: new RegExp(`${LEFT}(?<secret>pypi-(?<loc>AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9y)[A-Za-z0-9_-]{50,})${RIGHT_WITH_DASH}`),
		visiblePrefix: 5,
		get examples() {
			return {
				match: [`TWINE_PASSWORD=${fakeToken("pypi")}`, `UV_PUBLISH_TOKEN=pypi-AgENdGVzdC5weXBpLm9y${fake(64, ALNUM, "testpypi")}`],
				noMatch: [`pypi-AgEIcHlwaS5vcmc${fake(20, ALNUM, "pypi-short")}`, "TWINE_PASSWORD=pypi-..."]
			};
		},
		validate: (_s, m) => m.groups.loc.startsWith("AgEN") ? {
			severity: "warning",
			message: "TestPyPI API token"
		} : true
	});
	PASSWORD = /^[ \t]*password[ \t]*[=:][ \t]*(\S+)/gim;
	pypirc = {
		kind: "path",
		id: "pypi-pypirc-with-password",
		provider: "pypi",
		title: ".pypirc holding a password or token",
		why: "twine reads upload credentials from .pypirc in plain text; committed, they are public.",
		severity: "error",
		remediation: {
			...remediation$9,
			note: "Keep .pypirc in your home directory, or drop its password line."
		},
		ignorePattern: ".pypirc",
		get examples() {
			return {
				match: [`.pypirc\n[pypi]\nusername = __token__\npassword = ${fakeToken("pypirc")}\n`],
				noMatch: [".pypirc\n[pypi]\nusername = __token__\n", ".pypirc\n[pypi]\npassword = <your token>\n"]
			};
		},
		test(path, content) {
			if (!/(^|\/)\.pypirc$/.test(path)) return false;
			const text = content();
			if (text === void 0) return false;
			for (const m of allMatches(PASSWORD, text)) if (!isPlaceholder(m[1], m[1].startsWith("pypi-") ? 5 : 0)) return true;
			return false;
		}
	};
	rules$16 = [token$3, pypirc];
}));
// rules/replicate.ts
var rules$15;
var init_replicate = __esmMin((() => {
	init_rulekit();
	init_fakes();
	rules$15 = [regexRule({
		id: "replicate-api-token",
		provider: "replicate",
		title: "Replicate API token",
		why: "A Replicate token runs models billed to its owner and reads their predictions and deployments.",
		severity: "error",
		remediation: {
			rotate: "https://replicate.com/account/api-tokens \u2192 delete the token, create a new one",
			store: "a CI secret REPLICATE_API_TOKEN, a Modal Secret or an HF Space secret",
			read: "the Replicate client reads REPLICATE_API_TOKEN from the environment by itself"
		},
		helpUri: "https://replicate.com/docs/topics/security/api-tokens",
		keywords: ["r8_"],
		pattern: new RegExp(`${LEFT}(?<secret>r8_[A-Za-z0-9]{37})${RIGHT}`),
		visiblePrefix: 3,
		get examples() {
			return {
				match: [`REPLICATE_API_TOKEN=r8_${fake(37, ALNUM, "replicate")}`],
				noMatch: [`r8_${fake(30, ALNUM, "replicate-short")}`, "REPLICATE_API_TOKEN=r8_..."]
			};
		}
	})];
}));
// rules/roboflow.ts
var key, rules$14;
var init_roboflow = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	key = fakeToken$1(BASE62, 20, 801);
	rules$14 = [keyedRule({
		id: "roboflow-api-key",
		provider: "roboflow",
		title: "Roboflow API key",
		why: "A Roboflow private key downloads and uploads every dataset and model in its workspace and runs hosted inference on its billing.",
		severity: "error",
		remediation: {
			rotate: "Roboflow \u2192 workspace Settings \u2192 API Keys \u2192 Revoke (or Regenerate) the private API key",
			store: "the CI or platform secret store (`gh secret set ROBOFLOW_API_KEY`), a Colab secret",
			read: "the roboflow package reads ROBOFLOW_API_KEY from the environment by itself (`Roboflow()` with no key)"
		},
		helpUri: "https://docs.roboflow.com/developer/authentication/find-your-roboflow-api-key",
		names: [
			"ROBOFLOW_API_KEY",
			"ROBOFLOW_KEY",
			String.raw`Roboflow\(\s{0,8}api_key`
		],
		keywords: [
			"roboflow_api_key",
			"roboflow_key",
			"roboflow("
		],
		value: "[A-Za-z0-9]{20}",
		check: hasDigitAndLetter,
		examples: {
			match: [`rf = Roboflow(api_key="${key}")`, `ROBOFLOW_API_KEY=${key}`],
			noMatch: [`ROBOFLOW_API_KEY=${key}abc`, `rf = Roboflow(api_key=os.environ["ROBOFLOW_API_KEY"])`]
		}
	})];
}));
// rules/sendgrid.ts
var id$1, secret$2, rules$13;
var init_sendgrid = __esmMin((() => {
	init_rulekit();
	init_fake_token();
	id$1 = fakeToken$1(BASE64URL$1, 22, 1501);
	secret$2 = fakeToken$1(BASE64URL$1, 43, 1502);
	rules$13 = [regexRule({
		id: "sendgrid-api-key",
		provider: "sendgrid",
		title: "SendGrid API key",
		why: "A SendGrid key sends mail from the account\u2019s verified domains (phishing that passes SPF and DKIM) and, with full access, reads contacts and changes settings.",
		severity: "error",
		remediation: {
			rotate: "SendGrid \u2192 Settings \u2192 API Keys \u2192 the key\u2019s menu \u2192 Delete, then create a new one with restricted access",
			store: "the CI or platform secret store (`gh secret set SENDGRID_API_KEY`)",
			read: "os.environ[\"SENDGRID_API_KEY\"], passed to `SendGridAPIClient(os.environ[\"SENDGRID_API_KEY\"])`"
		},
		helpUri: "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
		keywords: ["sg."],
		pattern: new RegExp(`${LEFT}(?<secret>SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43})${RIGHT_WITH_DASH}`),
		visiblePrefix: 3,
		validate: (s) => /[0-9]/.test(s) && /[a-z]/.test(s.slice(3)) && /[A-Z]/.test(s.slice(3)),
		examples: {
			match: [`SENDGRID_API_KEY=SG.${id$1}.${secret$2}`, `sg = SendGridAPIClient("SG.${id$1}.${secret$2}")`],
			noMatch: [`SG.${id$1}.${secret$2.slice(0, 30)}`, `import SG.${id$1}`]
		}
	})];
}));
// rules/sentry.ts
function isValidOrgToken(payload, secret) {
	if (!/^[A-Za-z0-9+/]{43}$/.test(secret) || Buffer.from(secret, "base64").length !== 32) return false;
	let json;
	try {
		json = JSON.parse(Buffer.from(payload, "base64").toString("utf8"));
	} catch {
		return false;
	}
	if (!json || typeof json !== "object") return false;
	const { org, region_url: regionUrl, url } = json;
	return typeof org === "string" && typeof regionUrl === "string" && (url === void 0 || url === null || typeof url === "string");
}
function hexAssignedAt(bytes, end) {
	const n = Math.min(bytes.length, end + 512);
	let i = end;
	if (i < n && (bytes[i] === 34 || bytes[i] === 39)) i++;
	while (i < n && isAsciiSpace(bytes[i])) i++;
	if (i >= n) return n < bytes.length;
	if (bytes[i] >= 128) return true;
	if (bytes[i] !== 61 && bytes[i] !== 58) return false;
	i++;
	while (i < n && isAsciiSpace(bytes[i])) i++;
	if (i < n && (bytes[i] === 34 || bytes[i] === 39)) i++;
	if (i + 64 > n) return n < bytes.length || i < n && bytes[i] >= 128;
	if (bytes[i] >= 128) return true;
	for (let k = 0; k < 64; k++) if (!isHexByte(bytes[i + k])) return false;
	return i + 64 >= bytes.length || !isAlnumByte(bytes[i + 64]);
}
function holdsToken(content) {
	const text = content();
	if (text === void 0) return false;
	const m = TOKEN_LINE.exec(text);
	if (!m) return false;
	const value = m[1];
	return !isPlaceholder(value, /^sntry[su]_/.test(value) ? 7 : 0);
}
var orgPayload, fakeUserToken, remediation$8, helpUri$7, orgToken, userToken, CLI_CONFIG, legacyToken, DSN, dsnSecret, TOKEN_LINE, buildPluginEnv, cliConfig, rules$12;
var init_sentry = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	init_fakes();
	init_matches();
	orgPayload = (org) => Buffer.from(JSON.stringify({
		iat: 1767225600.5,
		url: "https://sentry.io",
		region_url: "https://us.sentry.io",
		org
	})).toString("base64");
	fakeUserToken = () => `sntryu_${fake(64, HEX, "sentry-user")}`;
	remediation$8 = {
		rotate: "Sentry \u2192 Settings \u2192 Developer Settings \u2192 Organization Tokens (personal tokens: https://sentry.io/settings/account/api/auth-tokens/) \u2192 revoke, then create a new one",
		store: "the CI secret store (`gh secret set SENTRY_AUTH_TOKEN`, Vercel sensitive env vars, EAS secrets); locally a git-ignored .env.sentry-build-plugin",
		read: "sentry-cli and the bundler plugins read SENTRY_AUTH_TOKEN from the environment; in GitHub Actions `${{ secrets.SENTRY_AUTH_TOKEN }}`"
	};
	helpUri$7 = "https://docs.sentry.io/account/auth-tokens/";
	orgToken = regexRule({
		id: "sentry-org-token",
		provider: "sentry",
		title: "Sentry organization auth token",
		why: "An org token uploads source maps and releases and, depending on its scopes, can read and change the organization\u2019s projects.",
		severity: "error",
		remediation: remediation$8,
		helpUri: helpUri$7,
		keywords: ["sntrys_"],
		pattern: new RegExp(`${LEFT}(?<secret>sntrys_(?<payload>eyJpYXQiO[A-Za-z0-9+/]+={0,2})_(?<key>[A-Za-z0-9+/]{43}))(?![A-Za-z0-9+/=_])`),
		visiblePrefix: 7,
		get examples() {
			return {
				match: [`SENTRY_AUTH_TOKEN=sntrys_${orgPayload("acme")}_${fake(43, BASE64, "sentry-org")}`],
				noMatch: [`sntrys_${Buffer.from(JSON.stringify({ iat: 1767225600.5 })).toString("base64")}_${fake(43, BASE64, "sentry-org-2")}`, `sntrys_${orgPayload("acme")}_${fake(42, BASE64, "sentry-org-3")}`]
			};
		},
		validate: (_s, m) => isValidOrgToken(m.groups.payload, m.groups.key)
	});
	userToken = regexRule({
		id: "sentry-user-token",
		provider: "sentry",
		title: "Sentry user auth token",
		why: "A personal Sentry token acts as its owner in every organization they belong to.",
		severity: "error",
		remediation: remediation$8,
		helpUri: helpUri$7,
		keywords: ["sntryu_"],
		pattern: new RegExp(`${LEFT}(?<secret>sntryu_[a-f0-9]{64})${RIGHT}`),
		visiblePrefix: 7,
		get examples() {
			return {
				match: [`SENTRY_AUTH_TOKEN: ${fakeUserToken()}`],
				noMatch: [`sntryu_${fake(63, HEX, "sentry-user-short")}`, "SENTRY_AUTH_TOKEN: sntryu_<your token>"]
			};
		}
	});
	CLI_CONFIG = /(^|\/)(\.sentryclirc|sentrycli\.ini)$/;
	legacyToken = regexRule({
		id: "sentry-legacy-token",
		provider: "sentry",
		title: "Sentry auth token (unprefixed, legacy format)",
		why: "Tokens made before Sentry added prefixes still work and act as their owner.",
		severity: "error",
		remediation: remediation$8,
		helpUri: helpUri$7,
		keywords: [
			"sentry_auth_token",
			"auth.token",
			"token"
		],
		hitCanMatch: (bytes, _start, end) => hexAssignedAt(bytes, end),
		pattern: /(?<key>SENTRY_AUTH_TOKEN|auth\.token|(?<![\w.-])token)["']?\s*[=:]\s*["']?(?<secret>[a-fA-F0-9]{64})(?![A-Za-z0-9])/i,
		validate: (_s, m, ctx) => m.groups.key.toLowerCase() !== "token" || CLI_CONFIG.test(ctx.path),
		get examples() {
			return {
				match: [`SENTRY_AUTH_TOKEN=${fake(64, HEX, "sentry-legacy")}`, `defaults.url=https://sentry.io/\nauth.token=${fake(64, HEX, "sentry-legacy-2")}`],
				noMatch: [`release_token: ${fake(64, HEX, "sentry-legacy-3")}`, `SENTRY_AUTH_TOKEN=${fake(40, HEX, "sentry-legacy-4")}`]
			};
		}
	});
	DSN = /\b[a-z][a-z0-9+.-]{1,15}:\/\/(?<pub>[a-f0-9]{32}):(?<secret>[a-f0-9]{32})@[A-Za-z0-9.-]+(?::\d+)?\/(?:[^\s"'/?#]+\/)*\d+/g;
	dsnSecret = {
		kind: "content",
		id: "sentry-dsn-secret",
		provider: "sentry",
		title: "Sentry DSN carrying a secret key",
		why: "The `:secret` part of a legacy DSN authenticates event submission and API calls as the project key; unlike the public key it must not be published.",
		severity: "error",
		remediation: {
			rotate: "Sentry \u2192 [Project] \u2192 Settings \u2192 SDK Setup \u2192 Client Keys (DSN): create a new key and disable the old one",
			store: "the environment (SENTRY_DSN) or nowhere: code needs only the public DSN form (`https://<public key>@\u2026`), since sending events takes no secret",
			read: "SENTRY_DSN from the environment, or the public DSN in code"
		},
		helpUri: "https://docs.sentry.io/concepts/key-terms/dsn-explainer/",
		keywords: ["://"],
		hitCanMatch: (bytes, _start, end) => userinfoMayFollow(bytes, end),
		get examples() {
			return {
				match: [`SENTRY_DSN=https://${fake(32, HEX, "sentry-dsn-pub")}:${fake(32, HEX, "sentry-dsn")}@o4504.ingest.sentry.io/4505`],
				noMatch: [`SENTRY_DSN=https://${fake(32, HEX, "sentry-dsn-pub-2")}@o4504.ingest.sentry.io/4505`]
			};
		},
		match(text) {
			const out = [];
			for (const m of allMatches(DSN, text)) {
				const start = m.index + m[0].indexOf(`:${m.groups.secret}@`) + 1;
				out.push({
					start,
					end: start + 32,
					secret: m.groups.secret
				});
			}
			return out;
		}
	};
	TOKEN_LINE = /^[ \t]*(?:token|auth\.token|api_key)[ \t]*[=:][ \t]*["']?([^\s"'#;]+)/im;
	buildPluginEnv = {
		kind: "path",
		id: "sentry-build-plugin-env",
		provider: "sentry",
		title: "Sentry wizard\u2019s .env.sentry-build-plugin",
		why: "@sentry/wizard writes SENTRY_AUTH_TOKEN into this file under a \"DO NOT commit\" header; committed, the token is public.",
		severity: "error",
		remediation: {
			...remediation$8,
			note: "The Sentry wizard writes this file for local builds: keep it on your machine, ignored."
		},
		ignorePattern: ".env.sentry-build-plugin",
		get examples() {
			return {
				match: [".env.sentry-build-plugin", "apps/web/.env.sentry-build-plugin"],
				noMatch: ["sentry-build-plugin.config.js", "docs/env.sentry-build-plugin.md"]
			};
		},
		test: (path) => /(^|\/)\.env\.sentry-build-plugin$/.test(path)
	};
	cliConfig = {
		kind: "path",
		id: "sentry-cli-config",
		provider: "sentry",
		title: "sentry-cli configuration holding an auth token",
		why: "`sentry-cli login` writes the token into .sentryclirc; sentry.properties may hold auth.token. Either, committed, publishes it.",
		severity: "error",
		remediation: {
			...remediation$8,
			note: "Drop the token line (org, project and url can stay) or the whole file, and ignore .sentryclirc."
		},
		ignorePattern: ".sentryclirc",
		get examples() {
			return {
				match: [`.sentryclirc\n[auth]\ntoken=${fakeUserToken()}\n`, `ios/sentry.properties\ndefaults.org=acme\nauth.token=${fakeUserToken()}\n`],
				noMatch: [".sentryclirc\n[defaults]\norg=acme\nproject=web\n", ".sentryclirc\n[auth]\ntoken=${SENTRY_AUTH_TOKEN}\n"]
			};
		},
		test: (path, content) => (CLI_CONFIG.test(path) || /(^|\/)sentry\.properties$/.test(path)) && holdsToken(content)
	};
	rules$12 = [
		orgToken,
		userToken,
		legacyToken,
		dsnSecret,
		buildPluginEnv,
		cliConfig
	];
}));
// rules/slack.ts
function isSlackTokenShape(secret) {
	const parts = secret.replace(/^xoxe\./, "").split("-").slice(1);
	const tail = parts.pop();
	const groups = parts;
	if (groups.length === 0) return false;
	const version = /^\d{1,2}$/.test(groups[0]);
	if (!(version ? groups.slice(1) : groups).every((g) => /^\d{6,14}$/.test(g))) return false;
	if (version && groups.length === 1) return tail.length >= 8 && (/^xox[ar]/.test(secret) || tail.length >= 40);
	if (groups.length - (version ? 1 : 0) === 0) return false;
	return tail.length >= 18 || /^[0-9a-f]{8,32}$/.test(tail);
}
var remediation$7, helpUri$6, token$2, webhook, rules$11;
var init_slack = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$7 = {
		rotate: "https://api.slack.com/apps \u2192 the app \u2192 OAuth & Permissions: revoke or reinstall (enable token rotation there)",
		store: "the CI or platform secret store (`gh secret set SLACK_BOT_TOKEN`)",
		read: "SLACK_BOT_TOKEN / SLACK_APP_TOKEN from the environment"
	};
	helpUri$6 = "https://api.slack.com/authentication/token-types";
	token$2 = regexRule({
		id: "slack-token",
		provider: "slack",
		title: "Slack token",
		why: "A Slack token reads and posts messages, files and member lists in the workspace as its bot or user.",
		severity: "error",
		remediation: remediation$7,
		helpUri: helpUri$6,
		keywords: ["xox", "xapp-"],
		pattern: new RegExp(`${LEFT}(?<secret>(?:xoxe\\.)?xox[abeoprs]-(?:\\d{1,14}-){1,4}[A-Za-z0-9]{8,400}|xapp-\\d-[A-Z0-9]{8,14}-\\d{8,14}-[A-Za-z0-9]{32,80})${RIGHT_WITH_DASH}`),
		validate: (secret) => secret.startsWith("xapp-") || isSlackTokenShape(secret),
		visiblePrefix: (s) => s.indexOf("-") + 1,
		get examples() {
			return {
				match: [
					`SLACK_BOT_TOKEN=xoxb-${fake(12, DIGITS, "slack-1")}-${fake(13, DIGITS, "slack-2")}-${fake(24, ALNUM, "slack-3")}`,
					`SLACK_APP_TOKEN=xapp-1-A${fake(10, UPPER_ALNUM, "slack-4")}-${fake(13, DIGITS, "slack-5")}-${fake(64, ALNUM, "slack-6")}`,
					`xoxe.xoxp-1-${fake(140, ALNUM, "slack-rotating")}`,
					`xoxe-1-${fake(140, ALNUM, "slack-refresh")}`,
					`xoxa-2-${fake(11, DIGITS, "slack-xoxa-1")}-${fake(12, DIGITS, "slack-xoxa-2")}-${fake(12, DIGITS, "slack-xoxa-3")}-${fake(64, HEX, "slack-xoxa-4")}`,
					`xoxb-${fake(11, DIGITS, "slack-short-1")}-${fake(24, ALNUM, "slack-short-2")}`,
					`xoxp-${fake(10, DIGITS, "slack-hex-1")}-${fake(10, DIGITS, "slack-hex-2")}-${fake(11, DIGITS, "slack-hex-3")}-${fake(10, HEX, "slack-hex-4")}`
				],
				noMatch: [
					"SLACK_BOT_TOKEN=xoxb-your-bot-token",
					`xoxb-${fake(12, DIGITS, "slack-7")}-${fake(10, ALNUM, "slack-8")}`,
					`xoxe.xoxp-1-${"x".repeat(100)}`,
					`xoxb-${fake(12, DIGITS, "slack-9")}`
				]
			};
		}
	});
	webhook = regexRule({
		id: "slack-webhook",
		provider: "slack",
		title: "Slack incoming webhook URL",
		why: "Anyone with the webhook URL can post messages into the channel it belongs to.",
		severity: "error",
		remediation: {
			...remediation$7,
			rotate: "https://api.slack.com/apps \u2192 the app \u2192 Incoming Webhooks: remove the URL and create a new one"
		},
		helpUri: "https://api.slack.com/messaging/webhooks",
		keywords: ["hooks.slack.com"],
		pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/(?:[A-Z0-9]{6,24}\/){1,2}(?<secret>[A-Za-z0-9]{20,64})(?![A-Za-z0-9])/,
		get examples() {
			const team = `T${fake(9, UPPER_ALNUM, "slack-team")}`;
			return {
				match: [
					`SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T${fake(8, UPPER_ALNUM, "slack-w1")}/B${fake(10, UPPER_ALNUM, "slack-w2")}/${fake(24, ALNUM, "slack-w3")}`,
					`https://hooks.slack.com/workflows/${team}/A${fake(10, UPPER_ALNUM, "slack-wf-1")}/${fake(18, DIGITS, "slack-wf-2")}/${fake(32, ALNUM, "slack-wf-3")}`,
					`https://hooks.slack.com/triggers/${team}/${fake(13, DIGITS, "slack-tr-1")}/${fake(32, HEX, "slack-tr-2")}`
				],
				noMatch: [
					"SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T000/B000/XXXX",
					"https://hooks.slack.com/services/",
					"https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
				]
			};
		}
	});
	rules$11 = [token$2, webhook];
}));
// rules/snowflake.ts
var password, rules$10;
var init_snowflake = __esmMin((() => {
	init_keyed_rule();
	init_value_shapes();
	init_fake_token();
	password = fakeToken$1(BASE64URL$1, 18, 901);
	rules$10 = [keyedRule({
		id: "snowflake-password",
		provider: "snowflake",
		title: "Snowflake password or access token",
		why: "A Snowflake password or programmatic access token logs in as its user: it queries and changes every database and warehouse that user\u2019s roles reach, on the account\u2019s credits.",
		severity: "error",
		remediation: {
			rotate: "Snowsight \u2192 user menu \u2192 My profile \u2192 change the password (admins: `ALTER USER <name> SET PASSWORD = \u2026`; for a programmatic access token `ALTER USER <name> REMOVE PROGRAMMATIC ACCESS TOKEN <token_name>`)",
			store: "the CI or platform secret store (`gh secret set SNOWFLAKE_PASSWORD`), or a cloud secret manager; better, key-pair or OAuth authentication for services",
			read: "os.environ[\"SNOWFLAKE_PASSWORD\"], passed to `snowflake.connector.connect(password=\u2026)`; the Snowflake CLI reads SNOWFLAKE_PASSWORD by itself"
		},
		helpUri: "https://docs.snowflake.com/en/user-guide/admin-user-management",
		names: [
			"SNOWFLAKE_PASSWORD",
			"SNOWFLAKE_PWD",
			"SNOWSQL_PWD",
			"SNOWFLAKE_TOKEN",
			"SNOWFLAKE_PAT",
			String.raw`snowflake\.connector\.connect\([^)]{0,300}?password`
		],
		keywords: [
			"snowflake_password",
			"snowflake_pwd",
			"snowsql_pwd",
			"snowflake_token",
			"snowflake_pat",
			"snowflake.connector.connect"
		],
		value: String.raw`[^\s"'\`,;#)]{8,256}`,
		valueAlphabet: String.raw`^\s"'\`,;#)`,
		minEntropy: 2.5,
		check(value) {
			if (isStandInPassword(value)) return false;
			if (isSyntheticSecret(value)) return {
				severity: "warning",
				message: "Possible Snowflake password (looks made up for a test)"
			};
			return true;
		},
		examples: {
			match: [`SNOWFLAKE_PASSWORD=${password}`, `conn = snowflake.connector.connect(user="etl", account="xy12345", password="${password}")`],
			noMatch: [`SNOWFLAKE_PASSWORD=\${SNOWFLAKE_PASSWORD}`, `conn = snowflake.connector.connect(user="etl", password=os.environ["SNOWFLAKE_PASSWORD"])`]
		}
	})];
}));
// rules/stripe.ts
var remediation$6, helpUri$5, secretKey$1, webhookSecret, rules$9;
var init_stripe = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$6 = {
		rotate: "https://dashboard.stripe.com/apikeys \u2192 Roll key (webhook secrets: Developers \u2192 Webhooks \u2192 the endpoint \u2192 Roll secret)",
		store: "the platform or CI secret store, with restricted keys of minimal permissions",
		read: "STRIPE_SECRET_KEY from the environment on the server only (never in NEXT_PUBLIC_ / VITE_ variables)"
	};
	helpUri$5 = "https://docs.stripe.com/keys";
	secretKey$1 = regexRule({
		id: "stripe-secret-key",
		provider: "stripe",
		title: "Stripe secret or restricted key",
		why: "A live Stripe secret key moves money: it creates charges and refunds and reads customer data.",
		severity: "error",
		remediation: remediation$6,
		helpUri: helpUri$5,
		keywords: [
			"sk_live_",
			"rk_live_",
			"sk_test_",
			"rk_test_"
		],
		pattern: new RegExp(`${LEFT}(?<secret>[sr]k_(?<mode>live|test)_[A-Za-z0-9]{20,250})${RIGHT}`),
		visiblePrefix: 8,
		get examples() {
			return {
				match: [`STRIPE_SECRET_KEY=sk_live_${fake(99, ALNUM, "stripe-live")}`, `STRIPE_KEY=rk_test_${fake(24, ALNUM, "stripe-test")}`],
				noMatch: [`STRIPE_PUBLISHABLE_KEY=pk_live_${fake(99, ALNUM, "stripe-pk")}`, "STRIPE_SECRET_KEY=sk_live_..."]
			};
		},
		validate: (_s, m) => m.groups.mode === "test" ? {
			severity: "warning",
			message: "Stripe test-mode key (reaches test data only)"
		} : true
	});
	webhookSecret = regexRule({
		id: "stripe-webhook-secret",
		provider: "stripe",
		title: "Stripe webhook signing secret",
		why: "With the signing secret anyone can forge webhook events that your endpoint will trust.",
		severity: "error",
		remediation: remediation$6,
		helpUri: "https://docs.stripe.com/webhooks#verify-events",
		keywords: ["whsec_"],
		pattern: new RegExp(`${LEFT}(?<secret>whsec_[A-Za-z0-9+/]{24,80}={0,2})(?![A-Za-z0-9+/=])`),
		visiblePrefix: 6,
		get examples() {
			return {
				match: [`STRIPE_WEBHOOK_SECRET=whsec_${fake(32, ALNUM, "stripe-whsec")}`],
				noMatch: [`whsec_${fake(12, ALNUM, "stripe-whsec-short")}`, "STRIPE_WEBHOOK_SECRET=whsec_..."]
			};
		}
	});
	rules$9 = [secretKey$1, webhookSecret];
}));
// rules/supabase.ts
function roleOf(payload) {
	try {
		const role = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")).role;
		return typeof role === "string" ? role : void 0;
	} catch {
		return;
	}
}
var helpUri$4, projectRemediation, secretKey, pat, b64url, ref, jwt, PAYLOAD_ANCHOR, rules$8;
var init_supabase = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	helpUri$4 = "https://supabase.com/docs/guides/api/api-keys";
	projectRemediation = {
		rotate: "Supabase dashboard \u2192 Project Settings \u2192 API Keys: create a new secret key and delete the leaked one (legacy service_role JWT: rotate the project\u2019s JWT secret, or move to the new API keys and disable the legacy ones)",
		store: "the server\u2019s or Edge Function\u2019s secrets (`supabase secrets set`), the CI secret store; never a browser bundle or a NEXT_PUBLIC_/VITE_ variable",
		read: "process.env.SUPABASE_SECRET_KEY / os.environ[\"SUPABASE_SECRET_KEY\"] on the server only (Edge Functions get SUPABASE_SERVICE_ROLE_KEY by themselves)"
	};
	secretKey = "sb_secret_" + fakeToken$1(BASE64URL$1, 31, 2501);
	pat = "sbp_" + fakeToken$1(HEX, 40, 2502);
	b64url = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
	ref = fakeToken$1("abcdefghijklmnopqrstuvwxyz", 20, 2503);
	jwt = (role) => `${b64url({
		alg: "HS256",
		typ: "JWT"
	})}.${b64url({
		iss: "supabase",
		ref,
		role,
		iat: 1767225600,
		exp: 2082758400
	})}.${fakeToken$1(BASE64URL$1, 43, 2504)}`;
	PAYLOAD_ANCHOR = "eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6";
	rules$8 = [
		regexRule({
			id: "supabase-secret-key",
			provider: "supabase",
			title: "Supabase secret API key",
			why: "A Supabase secret key bypasses Row Level Security: it reads, changes and deletes every row of the project\u2019s database and every file in its storage.",
			severity: "error",
			remediation: projectRemediation,
			helpUri: helpUri$4,
			keywords: ["sb_secret_"],
			pattern: new RegExp(`${LEFT}(?<secret>sb_secret_(?<body>[A-Za-z0-9_-]{20,80}))${RIGHT_WITH_DASH}`),
			visiblePrefix: 10,
			validate: (_s, m) => hasDigitAndLetter(m.groups.body),
			examples: {
				match: [`SUPABASE_SECRET_KEY=${secretKey}`],
				noMatch: [`SUPABASE_PUBLISHABLE_KEY=sb_publishable_${fakeToken$1(BASE64URL$1, 31, 2505)}`, `sb_secret_key`]
			}
		}),
		regexRule({
			id: "supabase-service-role-jwt",
			provider: "supabase",
			title: "Supabase service_role key (legacy JWT)",
			why: "The service_role key bypasses Row Level Security: it reads, changes and deletes every row of the project\u2019s database and every file in its storage.",
			severity: "error",
			remediation: projectRemediation,
			helpUri: helpUri$4,
			keywords: [PAYLOAD_ANCHOR.toLowerCase()],
			pattern: new RegExp(`${LEFT}(?<secret>eyJ[A-Za-z0-9_-]{10,200}\\.(?<payload>${PAYLOAD_ANCHOR}[A-Za-z0-9_-]{10,1000})\\.[A-Za-z0-9_-]{20,200})${RIGHT_WITH_DASH}`),
			visiblePrefix: 0,
			validate: (_s, m) => roleOf(m.groups.payload) === "service_role",
			examples: {
				match: [`SUPABASE_SERVICE_ROLE_KEY=${jwt("service_role")}`],
				noMatch: [`NEXT_PUBLIC_SUPABASE_ANON_KEY=${jwt("anon")}`, `SUPABASE_SERVICE_ROLE_KEY=${jwt("service_role").split(".").slice(0, 2).join(".")}`]
			}
		}),
		regexRule({
			id: "supabase-access-token",
			provider: "supabase",
			title: "Supabase personal access token",
			why: "A Supabase personal access token drives the Management API as its user: it reads keys and changes settings of every project in the user\u2019s organizations.",
			severity: "error",
			remediation: {
				rotate: "https://supabase.com/dashboard/account/tokens \u2192 revoke the token, generate a new one",
				store: "the CI secret store (`gh secret set SUPABASE_ACCESS_TOKEN`)",
				read: "the Supabase CLI reads SUPABASE_ACCESS_TOKEN from the environment by itself"
			},
			helpUri: "https://supabase.com/docs/reference/cli/supabase-login",
			keywords: ["sbp_"],
			pattern: new RegExp(`${LEFT}(?<secret>sbp_(?<body>[a-f0-9]{40}))${RIGHT}`),
			visiblePrefix: 4,
			validate: (_s, m) => hasDigitAndLetter(m.groups.body),
			examples: {
				match: [`SUPABASE_ACCESS_TOKEN=${pat}`],
				noMatch: [`sbp_${fakeToken$1(BASE62, 40, 2506).toUpperCase()}`, `${pat}${pat.slice(4)}`]
			}
		})
	];
}));
// rules/telegram.ts
var token$1, rules$7;
var init_telegram = __esmMin((() => {
	init_rulekit();
	init_fake_token();
	token$1 = `${fakeToken$1("123456789", 1, 3001)}${fakeToken$1(DIGITS, 9, 3002)}:AA${fakeToken$1(BASE64URL$1, 33, 3003)}`;
	rules$7 = [regexRule({
		id: "telegram-bot-token",
		provider: "telegram",
		title: "Telegram bot token",
		why: "A Telegram bot token controls the bot: it reads every message sent to it and sends messages as it to every chat it is in.",
		severity: "error",
		remediation: {
			rotate: "in Telegram, @BotFather \u2192 /mybots \u2192 the bot \u2192 API Token \u2192 Revoke current token (or /revoke)",
			store: "the platform or CI secret store (`gh secret set TELEGRAM_BOT_TOKEN`)",
			read: "os.environ[\"TELEGRAM_BOT_TOKEN\"] / process.env.TELEGRAM_BOT_TOKEN, passed to the bot library"
		},
		helpUri: "https://core.telegram.org/bots/api#authorizing-your-bot",
		keywords: [":aa"],
		pattern: /(?:(?<![A-Za-z0-9_:])|(?<=\/bot))(?<secret>[1-9][0-9]{5,11}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/,
		visiblePrefix: 0,
		validate: (secret) => {
			const body = secret.slice(secret.indexOf(":") + 3);
			return /[a-z]/.test(body) && /[A-Z]/.test(body);
		},
		examples: {
			match: [`TELEGRAM_BOT_TOKEN=${token$1}`, `https://api.telegram.org/bot${token$1}/getMe`],
			noMatch: [`ts = "12:AA:${fakeToken$1(BASE64URL$1, 33, 3004)}"`, `TELEGRAM_BOT_TOKEN=${token$1.slice(0, 30)}`]
		}
	})];
}));
// rules/terraform-cloud.ts
var remediation$5, id, secret$1, credentialsFile, rules$6;
var init_terraform_cloud = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$5 = {
		rotate: "HCP Terraform \u2192 User settings \u2192 Tokens (team and organization tokens: the team\u2019s or organization\u2019s API token page): delete the token, create a new one with an expiry",
		store: "the CI secret store (`gh secret set TF_API_TOKEN`), read by `hashicorp/setup-terraform` as `cli_config_credentials_token`; better, dynamic credentials (workload identity) for runs",
		read: "Terraform reads TF_TOKEN_app_terraform_io from the environment, the tfe provider TFE_TOKEN; `terraform login` keeps the token in ~/.terraform.d/credentials.tfrc.json, outside the repository"
	};
	id = fakeToken$1(BASE62, 14, 1701);
	secret$1 = fakeToken$1(BASE62, 67, 1702);
	credentialsFile = {
		kind: "path",
		id: "terraform-cloud-credentials-file",
		provider: "terraform-cloud",
		title: "Terraform CLI credentials file (credentials.tfrc.json)",
		why: "`terraform login` writes API tokens for HCP Terraform and private registries into this file in plain text.",
		severity: "error",
		remediation: {
			...remediation$5,
			note: "The file belongs in ~/.terraform.d only: remove it from the repository and rotate the tokens it held."
		},
		ignorePattern: "credentials.tfrc.json",
		test: (path) => /(^|\/)credentials\.tfrc\.json$/.test(path),
		examples: {
			match: [".terraform.d/credentials.tfrc.json", "credentials.tfrc.json"],
			noMatch: ["docs/credentials.tfrc.json.md", "terraform.tfvars"]
		}
	};
	rules$6 = [regexRule({
		id: "terraform-cloud-api-token",
		provider: "terraform-cloud",
		title: "HCP Terraform (Terraform Cloud/Enterprise) API token",
		why: "A Terraform Cloud token can queue and apply runs and read state files, which hold every secret the infrastructure uses, in each workspace its user or team reaches.",
		severity: "error",
		remediation: remediation$5,
		helpUri: "https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens",
		keywords: [".atlasv1."],
		pattern: new RegExp(`${LEFT}(?<secret>[A-Za-z0-9]{14}\\.atlasv1\\.(?<body>[A-Za-z0-9_=-]{60,70}))${RIGHT_WITH_DASH}`),
		visiblePrefix: 0,
		validate: (_s, m) => hasDigitAndLetter(m.groups.body),
		examples: {
			match: [`TF_API_TOKEN=${id}.atlasv1.${secret$1}`, `"token": "${id}.atlasv1.${secret$1}"`],
			noMatch: [`${id}.atlasv1.${secret$1.slice(0, 40)}`, `provider "tfe" { hostname = "app.terraform.io" } # atlasv1`]
		}
	}), credentialsFile];
}));
// rules/together.ts
var remediation$4, helpUri$3, current, legacy, rules$5;
var init_together = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$4 = {
		rotate: "https://api.together.ai/settings/api-keys \u2192 revoke the key, create a new one",
		store: "the CI or platform secret store (`gh secret set TOGETHER_API_KEY`), an HF Space secret or a Colab secret",
		read: "the Together SDK reads TOGETHER_API_KEY from the environment by itself (`Together()` with no key)"
	};
	helpUri$3 = "https://docs.together.ai/reference/authentication-1";
	current = "tgp_v1_" + fakeToken$1(BASE64URL$1, 43, 2201);
	legacy = fakeToken$1(HEX, 64, 2202);
	rules$5 = [regexRule({
		id: "together-api-key",
		provider: "together",
		title: "Together AI API key",
		why: "A Together key runs inference and fine-tuning jobs on its account\u2019s credit and reads its uploaded files.",
		severity: "error",
		remediation: remediation$4,
		helpUri: helpUri$3,
		keywords: ["tgp_v1_"],
		pattern: new RegExp(`${LEFT}(?<secret>tgp_v1_(?<body>[A-Za-z0-9_-]{40,64}))${RIGHT_WITH_DASH}`),
		visiblePrefix: 7,
		validate: (_s, m) => hasDigitAndLetter(m.groups.body),
		examples: {
			match: [`TOGETHER_API_KEY=${current}`, `client = Together(api_key="${current}")`],
			noMatch: [`tgp_v1_${legacy.slice(0, 20)}`, `tgp_v1_config = load()`]
		}
	}), keyedRule({
		id: "together-legacy-api-key",
		provider: "together",
		title: "Together AI API key (64-hex, older format)",
		why: "An older Together key stays valid until revoked and spends its account\u2019s credit.",
		severity: "error",
		remediation: remediation$4,
		helpUri: helpUri$3,
		names: [
			"TOGETHER_API_KEY",
			"TOGETHER_AI_API_KEY",
			"TOGETHERAI_API_KEY",
			String.raw`Together\(\s{0,8}api_key`
		],
		keywords: [
			"together_api_key",
			"together_ai_api_key",
			"togetherai_api_key",
			"together("
		],
		value: "[a-f0-9]{64}",
		check: hasDigitAndLetter,
		examples: {
			match: [`TOGETHER_API_KEY=${legacy}`, `client = Together(api_key="${legacy}")`],
			noMatch: [`TOGETHER_MODEL_SHA=${legacy}`, `TOGETHER_API_KEY=${legacy.slice(0, 40)}`]
		}
	})];
}));
// rules/twilio.ts
var remediation$3, helpUri$2, token, secret, rules$4;
var init_twilio = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	remediation$3 = {
		rotate: "Twilio Console \u2192 Account \u2192 API keys & tokens: promote the secondary auth token (Request a secondary token, then Promote), or delete a leaked API key and create a new one",
		store: "the CI or platform secret store (`gh secret set TWILIO_AUTH_TOKEN`); prefer an API key + secret per application over the account auth token",
		read: "the Twilio SDKs read TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, or TWILIO_API_KEY with TWILIO_API_SECRET, from the environment"
	};
	helpUri$2 = "https://www.twilio.com/docs/iam/api-keys";
	token = fakeToken$1(HEX, 32, 1001);
	secret = fakeToken$1(BASE62, 32, 1002);
	rules$4 = [keyedRule({
		id: "twilio-auth-token",
		provider: "twilio",
		title: "Twilio auth token or API key secret",
		why: "With the account SID, a Twilio auth token or API key secret sends messages and places calls billed to the account and reads its message logs.",
		severity: "error",
		remediation: remediation$3,
		helpUri: helpUri$2,
		names: [
			"TWILIO_AUTH_TOKEN",
			"TWILIO_API_SECRET",
			"TWILIO_TOKEN",
			"TWILIO_SECRET",
			"TWILIO_API_KEY_SECRET"
		],
		value: "[A-Za-z0-9]{32}",
		check: hasDigitAndLetter,
		examples: {
			match: [`TWILIO_AUTH_TOKEN=${token}`, `twilio_api_secret: "${secret}"`],
			noMatch: [`TWILIO_ACCOUNT_SID=AC${token}`, `TWILIO_AUTH_TOKEN=${token.slice(0, 24)}`]
		}
	})];
}));
// rules/url-credentials.ts
function mayHoldCredential(text) {
	for (let at = text.indexOf("://"); at !== -1; at = text.indexOf("://", at + 1)) {
		USER_PASSWORD_AT.lastIndex = at + 3;
		if (USER_PASSWORD_AT.test(text)) return true;
	}
	return false;
}
function urlCredentialMatches(text) {
	return mayHoldCredential(text) ? allMatches(URL_CREDENTIAL, text) : [];
}
var remediation$2, URL_CREDENTIAL, USER_PASSWORD_AT, OBVIOUS, DOC_HOSTS, TEMPLATE_CHARS, DEV_HOSTS, urlCredential, rules$3;
var init_url_credentials = __esmMin((() => {
	init_rulekit();
	init_value_shapes();
	init_fakes();
	init_matches();
	remediation$2 = {
		rotate: "rotate the password or token at the service the URL points to",
		store: "git: a credential helper (`gh auth setup-git`, Git Credential Manager, the OS keychain) or SSH; databases and brokers: assemble the URL at run time from values in the secret store",
		read: "DATABASE_URL (or the password alone) from the environment; `git remote set-url origin https://host/owner/repo.git` to clean a remote"
	};
	URL_CREDENTIAL = /(?<![A-Za-z0-9+.-])(?<scheme>[a-z][a-z0-9+.-]{1,20}):\/\/(?<user>[^\s:@/"'<>`()[\]{}]{1,128}):(?<password>[^\s@/"'<>`()[\]{}]{1,256})@(?<host>[A-Za-z0-9._-]+|\[[0-9a-fA-F:]+\])/g;
	USER_PASSWORD_AT = /[^\s:@/"'<>`()[\]{}]{1,128}:[^\s@/"'<>`()[\]{}]{1,256}@/y;
	OBVIOUS = /^(?:pass(?:word)?|passwd|pwd|secret|changeme|admin|root|user(?:name)?|token|none|null|foo|bar|baz|qux|xyz|abc|x+|\*+)$/i;
	DOC_HOSTS = /(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid)$/i;
	TEMPLATE_CHARS = /[$%{}<>*]/;
	DEV_HOSTS = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|db|database|postgres|mysql|redis|mongo|rabbitmq|host\.docker\.internal)$/i;
	urlCredential = {
		kind: "content",
		id: "url-credentials",
		provider: "url-credentials",
		title: "Credential embedded in a URL",
		why: "A password or token inside a URL travels wherever the URL does: logs, shell history, CI output, copied configuration.",
		severity: "error",
		remediation: remediation$2,
		keywords: ["://"],
		hitCanMatch: (bytes, _start, end) => userinfoMayFollow(bytes, end),
		fallback: true,
		get examples() {
			return {
				match: [`DATABASE_URL=postgres://app:${fake(20, ALNUM, "url-db")}@db.acme-internal.io:5432/app`, `CELERY_BROKER_URL=redis://default:${fake(20, ALNUM, "url-redis")}@localhost:6379/0`],
				noMatch: [
					"postgres://user:password@localhost/app",
					"https://user:${GITHUB_TOKEN}@github.com/acme/app.git",
					`postgres://app:${fake(20, ALNUM, "url-doc")}@db.example.com/app`
				]
			};
		},
		match(text) {
			const out = [];
			for (const m of urlCredentialMatches(text)) {
				const { user, password, host } = m.groups;
				if (OBVIOUS.test(password) || TEMPLATE_CHARS.test(password) || password.length < 3) continue;
				if (DOC_HOSTS.test(host) || /\\[ux]/i.test(password)) continue;
				if (isStandInPassword(password)) continue;
				const start = m.index + m[0].lastIndexOf(`:${password}@`) + 1;
				const devDefault = DEV_HOSTS.test(host) || password === user;
				const synthetic = !devDefault && isSyntheticSecret(password);
				out.push({
					start,
					end: start + password.length,
					secret: password,
					...devDefault ? {
						severity: "warning",
						message: `Credential in a URL for a local or development host (${host})`
					} : synthetic ? {
						severity: "warning",
						message: `Test-looking password in a ${m.groups.scheme} URL for ${host}`
					} : { message: `Credential embedded in a ${m.groups.scheme} URL for ${host}` }
				});
			}
			return out;
		}
	};
	rules$3 = [urlCredential];
}));
// rules/vercel.ts
var remediation$1, helpUri$1, prefixed, classic, rules$2;
var init_vercel = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$1 = {
		rotate: "https://vercel.com/account/tokens \u2192 delete the token (or `vercel tokens rm <id>`), create a new one",
		store: "Vercel project environment variables of the sensitive type, or GitHub Actions secrets (`gh secret set VERCEL_TOKEN`)",
		read: "`vercel --token \"$VERCEL_TOKEN\"` with VERCEL_TOKEN from the CI secret store"
	};
	helpUri$1 = "https://vercel.com/docs/rest-api#creating-an-access-token";
	prefixed = regexRule({
		id: "vercel-token",
		provider: "vercel",
		title: "Vercel access token",
		why: "A Vercel token deploys, reads environment variables and changes projects of its owner\u2019s teams.",
		severity: "error",
		remediation: remediation$1,
		helpUri: helpUri$1,
		keywords: [
			"vcp_",
			"vci_",
			"vca_",
			"vcr_",
			"vck_"
		],
		pattern: new RegExp(`${LEFT}(?<secret>vc[pikar]_[A-Za-z0-9]{20,60})${RIGHT}`),
		visiblePrefix: 4,
		get examples() {
			return {
				match: [
					"vcp_",
					"vci_",
					"vca_",
					"vcr_",
					"vck_"
				].map((prefix) => `VERCEL_TOKEN=${prefix}${fake(24, ALNUM, `vercel-${prefix}`)}`),
				noMatch: [`vcp_${fake(12, ALNUM, "vercel-short")}`, "VERCEL_TOKEN=vcp_..."]
			};
		}
	});
	classic = regexRule({
		id: "vercel-classic-token",
		provider: "vercel",
		title: "Vercel access token (unprefixed, classic format)",
		why: "A Vercel token deploys, reads environment variables and changes projects of its owner\u2019s teams.",
		severity: "error",
		remediation: remediation$1,
		helpUri: helpUri$1,
		keywords: ["vercel"],
		pattern: /(?:VERCEL_TOKEN["']?\s{0,16}[=:]\s{0,16}["']?|vercel\b[^\n]{0,200}?--token[= ]["']?)(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])/i,
		validate: (s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s),
		get examples() {
			return {
				match: [`VERCEL_TOKEN=${fake(24, ALNUM, "vercel-classic")}`, `npx vercel deploy --prod --token ${fake(24, ALNUM, "vercel-classic-2")}`],
				noMatch: [`VERCEL_TOKEN=${fake(24, LETTERS, "vercel-letters")}`, "vercel deploy --token \"$VERCEL_TOKEN\""]
			};
		}
	});
	rules$2 = [prefixed, classic];
}));
// rules/wandb.ts
function hexRunNear(bytes, start, end) {
	let from = start;
	for (let breaks = 0; from > 0; from--) {
		if (start - from > NEAR) return true;
		if (bytes[from - 1] === 10 && ++breaks > 2) break;
	}
	let to = end;
	for (let breaks = 0; to < bytes.length; to++) {
		if (to - end > NEAR) return true;
		if (bytes[to] === 10 && ++breaks > 2) break;
	}
	return hasHexRun(bytes, from, Math.min(bytes.length, to + LEGACY_REACH));
}
function hasHexRun(bytes, from, to) {
	for (let p = from + 39; p < to; p += 40) {
		if (!isHexByte(bytes[p])) continue;
		let left = p;
		while (left > from && isHexByte(bytes[left - 1])) left--;
		let right = p + 1;
		while (right < to && right - left < 40 && isHexByte(bytes[right])) right++;
		if (right - left >= 40) return true;
	}
	return false;
}
var remediation, helpUri, apiKey, LEGACY, NEAR, LEGACY_REACH, legacyKey, netrc, rules$1;
var init_wandb = __esmMin((() => {
	init_rulekit();
	init_fakes();
	init_matches();
	remediation = {
		rotate: "Weights & Biases \u2192 User settings \u2192 API keys (https://wandb.ai/authorize): create a new key, delete the leaked one",
		store: "a CI secret WANDB_API_KEY (`gh secret set WANDB_API_KEY`), a Modal Secret (W&B template), an HF Space secret or a Colab secret",
		read: "wandb reads WANDB_API_KEY from the environment by itself; call `wandb.login()` without a key"
	};
	helpUri = "https://docs.wandb.ai/guides/track/environment-variables/";
	apiKey = regexRule({
		id: "wandb-api-key",
		provider: "wandb",
		title: "Weights & Biases API key",
		why: "A W&B key reads and writes every project, run, artifact and model its owner can reach.",
		severity: "error",
		remediation,
		helpUri,
		keywords: ["wandb_v1_"],
		pattern: new RegExp(`${LEFT}(?<secret>wandb_v1_[A-Za-z0-9_]{77})${RIGHT}`),
		visiblePrefix: 9,
		get examples() {
			return {
				match: [`WANDB_API_KEY=wandb_v1_${fake(77, ALNUM, "wandb")}`],
				noMatch: [`wandb_v1_${fake(70, ALNUM, "wandb-short")}`, "WANDB_API_KEY=wandb_v1_<your key>"]
			};
		}
	});
	LEGACY = /(?<name>WANDB_API_KEY|wandb\.login\s{0,16}\([^)\n]{0,200}?key|api_key|apikey)["']?\s{0,16}[=:]\s{0,16}(?:[rbu]?["'])?(?<secret>[a-f0-9]{40})(?![A-Za-z0-9])/gi;
	NEAR = 512;
	LEGACY_REACH = 320;
	legacyKey = {
		kind: "content",
		id: "wandb-legacy-api-key",
		provider: "wandb",
		title: "Weights & Biases API key (40-hex, legacy format)",
		why: "Legacy W&B keys stay valid until deleted and give full access to their owner\u2019s projects.",
		severity: "error",
		remediation,
		helpUri,
		keywords: ["wandb"],
		contextLines: 2,
		hitCanMatch: hexRunNear,
		get examples() {
			return {
				match: [`WANDB_API_KEY=${fake(40, HEX, "wandb-legacy")}`, `import wandb\nwandb.login(key="${fake(40, HEX, "wandb-legacy-2")}")`],
				noMatch: [`wandb.init(project="demo")\ncommit_sha = "${fake(40, HEX, "wandb-legacy-3")}"`]
			};
		},
		match(text) {
			const out = [];
			for (const m of allMatches(LEGACY, text)) {
				if (!m.groups.name.toLowerCase().includes("wandb") && !/wandb/i.test(text)) continue;
				const secret = m.groups.secret;
				const start = m.index + m[0].length - secret.length;
				out.push({
					start,
					end: start + secret.length,
					secret
				});
			}
			return out;
		}
	};
	netrc = regexRule({
		id: "wandb-netrc-entry",
		provider: "wandb",
		title: "Weights & Biases key in a netrc entry",
		why: "`wandb login` stores the key as the password of `machine api.wandb.ai` in .netrc.",
		severity: "error",
		remediation: {
			...remediation,
			note: "netrc files belong in the home directory only: remove this one from the repository."
		},
		helpUri,
		keywords: ["api.wandb.ai"],
		contextLines: 3,
		get examples() {
			return {
				match: [`machine api.wandb.ai\n  login user\n  password ${fake(40, HEX, "wandb-netrc")}`],
				noMatch: ["machine api.wandb.ai\n  login user\n  password short", `machine github.com\n  login user\n  password ${fake(40, HEX, "wandb-netrc-2")}`]
			};
		},
		pattern: /machine\s+api\.wandb\.ai\s+(?:login\s+\S+\s+)?password\s+(?!wandb_v1_)(?<secret>[A-Za-z0-9_-]{32,})/
	});
	rules$1 = [
		apiKey,
		legacyKey,
		netrc
	];
}));
// rules/xai.ts
var body, rules;
var init_xai = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	body = fakeToken$1(BASE62, 80, 1301);
	rules = [regexRule({
		id: "xai-api-key",
		provider: "xai",
		title: "xAI (Grok) API key",
		why: "An xAI key calls the Grok models on its team\u2019s prepaid credit or invoiced billing.",
		severity: "error",
		remediation: {
			rotate: "https://console.x.ai \u2192 API Keys: delete the key, create a new one (restrict its models and endpoints)",
			store: "the CI or platform secret store (`gh secret set XAI_API_KEY`)",
			read: "os.environ[\"XAI_API_KEY\"] (the xai-sdk reads it by itself)"
		},
		helpUri: "https://docs.x.ai/docs/overview",
		keywords: ["xai-"],
		pattern: new RegExp(`${LEFT}(?<secret>xai-(?<body>[A-Za-z0-9]{70,90}))${RIGHT}`),
		visiblePrefix: 4,
		validate: (_s, m) => hasDigitAndLetter(m.groups.body),
		examples: {
			match: [`XAI_API_KEY=xai-${body}`, `client = Client(api_key="xai-${body}")`],
			noMatch: [`XAI_API_KEY=xai-${body.slice(0, 40)}`, `model = "xai-grok-4-fast-reasoning"`]
		}
	})];
}));
// rules/index.ts
var rules_exports$1 = /* @__PURE__ */ __exportAll({
	allRules: () => allRules,
	providerModules: () => providerModules
});
var providerModules, allRules;
var init_rules$1 = __esmMin((() => {
	init_anthropic();
	init_aws();
	init_azure_openai();
	init_bedrock();
	init_clearml();
	init_cloudflare();
	init_cohere();
	init_comet();
	init_credential_files();
	init_databricks();
	init_datadog();
	init_deepseek();
	init_digitalocean();
	init_discord();
	init_doppler();
	init_fireworks();
	init_generic();
	init_github();
	init_gitlab();
	init_google();
	init_groq();
	init_heroku();
	init_huggingface();
	init_jwt();
	init_kaggle();
	init_langsmith();
	init_mistral();
	init_modal();
	init_neptune();
	init_npm();
	init_openai();
	init_openrouter();
	init_perplexity();
	init_pinecone();
	init_prefect();
	init_private_key();
	init_pypi();
	init_replicate();
	init_roboflow();
	init_sendgrid();
	init_sentry();
	init_slack();
	init_snowflake();
	init_stripe();
	init_supabase();
	init_telegram();
	init_terraform_cloud();
	init_together();
	init_twilio();
	init_url_credentials();
	init_vercel();
	init_wandb();
	init_xai();
	providerModules = {
		anthropic: rules$52,
		aws: rules$51,
		"azure-openai": rules$50,
		bedrock: rules$49,
		clearml: rules$48,
		cloudflare: rules$47,
		cohere: rules$46,
		comet: rules$45,
		"credential-files": rules$44,
		databricks: rules$43,
		datadog: rules$42,
		deepseek: rules$41,
		digitalocean: rules$40,
		discord: rules$39,
		doppler: rules$38,
		fireworks: rules$37,
		generic: rules$36,
		github: rules$35,
		gitlab: rules$34,
		google: rules$33,
		groq: rules$32,
		heroku: rules$31,
		huggingface: rules$30,
		jwt: rules$29,
		kaggle: rules$28,
		langsmith: rules$27,
		mistral: rules$26,
		modal: rules$25,
		neptune: rules$24,
		npm: rules$23,
		openai: rules$22,
		openrouter: rules$21,
		perplexity: rules$20,
		pinecone: rules$19,
		prefect: rules$18,
		"private-key": rules$17,
		pypi: rules$16,
		replicate: rules$15,
		roboflow: rules$14,
		sendgrid: rules$13,
		sentry: rules$12,
		slack: rules$11,
		snowflake: rules$10,
		stripe: rules$9,
		supabase: rules$8,
		telegram: rules$7,
		"terraform-cloud": rules$6,
		together: rules$5,
		twilio: rules$4,
		"url-credentials": rules$3,
		vercel: rules$2,
		wandb: rules$1,
		xai: rules
	};
	allRules = Object.values(providerModules).flat();
}));
async function contentRulesFrom(recipe) {
	const { allRules } = await Promise.resolve().then(() => (init_rules$1(), rules_exports$1));
	const byId = /* @__PURE__ */ new Map();
	for (const r of [...allRules, ...extraRules(recipe.extra, recipe.source)]) byId.set(r.id, r);
	return recipe.ids.map((id) => {
		const rule = byId.get(id);
		if (rule?.kind !== "content") throw new Error(`rule ${id} is not a content rule this build knows`);
		return rule;
	});
}
// src/workers/triage.ts
const { cwd, maxSize, recipe, limit, batchBytes } = node_worker_threads.workerData;
const port = node_worker_threads.parentPort;
let engine;
const ready = contentRulesFrom(recipe).then((rules) => {
	engine = new Engine(rules);
	engine.rememberCleanVersions();
});
const UNSET_ORIGIN = { kind: "worktree" };
const READ_AHEAD = 8388608;
const SLICE_MS = 4;
const IDLE_FLUSH_MS = 20;
function fail(message) {
	port.postMessage({
		type: "error",
		message
	});
}
serveBlobs();
function serveBlobs() {
	let reader = new CatFileBatchReader(maxSize, true);
	const asked = [];
	let askedAt = 0;
	let unanswered = 0;
	const nextRequest = () => {
		let r = asked[0];
		while (askedAt >= r.oids.length) {
			asked.shift();
			askedAt = 0;
			r = asked[0];
		}
		const i = askedAt++;
		unanswered--;
		return {
			oid: r.oids[i],
			path: r.paths[i],
			whole: r.whole[i]
		};
	};
	const unansweredOids = () => {
		const out = [];
		asked.forEach((r, n) => out.push(...n === 0 ? r.oids.slice(askedAt) : r.oids));
		return out;
	};
	let behind = 0;
	let batch = [];
	let batchSize = 0;
	let clean = 0;
	let cleanBytes = 0;
	let lastFlush = Date.now();
	const chunks = [];
	let queued = 0;
	let ended = false;
	let finished = false;
	let idleFlush;
	let scheduled = false;
	const regulate = () => {
		if (!engine || behind > limit || queued > READ_AHEAD) child.stdout.pause();
		else child.stdout.resume();
	};
	const flush = () => {
		if (clean) batch.push({
			clean,
			bytes: cleanBytes
		});
		clean = cleanBytes = 0;
		lastFlush = Date.now();
		if (batch.length === 0) return;
		behind += batchSize;
		port.postMessage({
			type: "blobs",
			blobs: batch,
			bytes: batchSize
		});
		batch = [];
		batchSize = 0;
	};
	const sendScanned = (oid, size, path, data, triaged) => {
		const scanned = scanHistoryVersion(engine, path, data, UNSET_ORIGIN, triaged);
		batch.push({
			oid,
			size,
			scanned
		});
		batchSize += 256 * scanned.findings.length;
	};
	const triageChunk = (chunk) => {
		for (const blob of reader.push(chunk)) {
			const { path, whole } = nextRequest();
			if (blob.missing) batch.push({
				oid: blob.oid,
				missing: true
			});
			else if (!blob.data) batch.push({
				oid: blob.oid,
				size: blob.size
			});
			else if (whole) sendScanned(blob.oid, blob.size, path, blob.data, false);
			else {
				const verdict = engine.triage(path, blob.data);
				if (verdict === "clean") {
					clean++;
					cleanBytes += blob.size;
					continue;
				}
				if (verdict === "binary") batch.push({
					oid: blob.oid,
					size: blob.size,
					verdict: "binary"
				});
				else sendScanned(blob.oid, blob.size, path, blob.data, true);
			}
			batchSize += 64;
		}
	};
	const work = () => {
		scheduled = false;
		const until = performance.now() + SLICE_MS;
		while (chunks.length && performance.now() < until && behind <= limit) {
			const chunk = chunks.shift();
			queued -= chunk.length;
			triageChunk(chunk);
			if (batchSize >= batchBytes || Date.now() - lastFlush >= 100) flush();
		}
		regulate();
		if (chunks.length) schedule();
		else if (ended && !finished) {
			const next = restart();
			if (next === "restarted") schedule();
			else {
				finished = true;
				if (next === "done") {
					flush();
					port.postMessage({ type: "end" });
				}
			}
		} else if (!idleFlush) idleFlush = setTimeout(() => {
			idleFlush = void 0;
			if (!finished) flush();
		}, IDLE_FLUSH_MS);
	};
	const schedule = () => {
		if (scheduled || !engine || behind > limit) return;
		scheduled = true;
		setImmediate(work);
	};
	let child;
	let stderr = "";
	let inputEnded = false;
	let restarts = 0;
	const startGit = () => {
		const c = (0, node_child_process.spawn)("git", gitArgs(["cat-file", "--batch"]), {
			cwd,
			env: safeEnv(),
			stdio: [
				"pipe",
				"pipe",
				"pipe"
			]
		});
		child = c;
		stderr = "";
		c.stderr.on("data", (d) => stderr = (stderr + d.toString("utf8")).slice(-8192));
		if (!engine) c.stdout.pause();
		else regulate();
		c.stdout.on("data", (chunk) => {
			chunks.push(chunk);
			queued += chunk.length;
			if (queued > READ_AHEAD) c.stdout.pause();
			schedule();
		});
		c.on("close", () => {
			ended = true;
			schedule();
		});
		c.on("error", (e) => fail(e.message));
		c.stdin.on("error", () => {});
	};
	const restart = () => {
		if (unanswered === 0 && inputEnded) return "done";
		const bad = unanswered > 0 ? nextRequest() : void 0;
		const last = stderr.trim().split("\n").pop() || "it stopped before answering";
		if (!bad || !diedOn(stderr, bad.oid)) {
			fail(`git cat-file failed: ${last}`);
			return "failed";
		}
		if (++restarts > 100) {
			fail(`git cat-file failed on more than 100 objects (the last: ${last}): the repository is damaged; \`git fsck\` lists what is wrong`);
			return "failed";
		}
		batch.push({
			oid: bad.oid,
			missing: true
		});
		batchSize += 64;
		reader = new CatFileBatchReader(maxSize, true);
		ended = false;
		startGit();
		const rest = unansweredOids();
		if (rest.length) child.stdin.write(`${rest.join("\n")}\n`);
		if (inputEnded) child.stdin.end();
		return "restarted";
	};
	startGit();
	port.on("message", (m) => {
		if (m.type === "blobs") {
			if (m.oids.length === 0) return;
			asked.push(m);
			unanswered += m.oids.length;
			child.stdin.write(`${m.oids.join("\n")}\n`);
		} else if (m.type === "end") {
			inputEnded = true;
			child.stdin.end();
		} else if (m.type === "ack") {
			behind -= m.bytes;
			regulate();
			schedule();
		} else if (m.type === "kill") {
			child.kill(m.signal);
			port.close();
		}
	});
	ready.then(() => {
		regulate();
		schedule();
	}, (e) => {
		fail(`the worker could not build the rules: ${e.message}`);
		child.kill();
	});
}
