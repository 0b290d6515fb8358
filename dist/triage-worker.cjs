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
require("node:crypto");
require("assert");
require("path");
require("fs");
require("util");
require("url");
require("node:os");
// src/git-policy.ts
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
var KNOWN_PROTOCOLS, NO_PROGRAM, PINNED_CONFIG, GLOBAL_OPTIONS, NO_GRAFTS, POLICY_ENV, DROPPED_ENV;
var init_git_policy = __esmMin((() => {
	KNOWN_PROTOCOLS = [
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
	NO_PROGRAM = "/dev/null";
	PINNED_CONFIG = [
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
	GLOBAL_OPTIONS = ["--no-replace-objects", "--no-pager"];
	NO_GRAFTS = "/dev/null/leaklint-no-grafts";
	POLICY_ENV = {
		GIT_ALLOW_PROTOCOL: "",
		GIT_PROTOCOL_FROM_USER: "0",
		GIT_NO_LAZY_FETCH: "1",
		GIT_NO_REPLACE_OBJECTS: "1",
		GIT_GRAFT_FILE: NO_GRAFTS,
		GIT_TERMINAL_PROMPT: "0",
		GIT_PAGER: "cat",
		PAGER: "cat",
		GIT_EDITOR: "false",
		GIT_ASKPASS: "false",
		SSH_ASKPASS: "false",
		GIT_OPTIONAL_LOCKS: "0",
		GCM_INTERACTIVE: "never"
	};
	DROPPED_ENV = /^(GIT_(EXTERNAL_DIFF|DIFF_OPTS|SSH|SSH_COMMAND|SSH_VARIANT|PROXY_COMMAND|SEQUENCE_EDITOR|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+|(LITERAL|GLOB|NOGLOB|ICASE)_PATHSPECS|REPLACE_REF_BASE|SHALLOW_FILE))$/;
}));
// src/git.ts
function safeEnv() {
	return policyEnv(process.env);
}
function gitArgs(args) {
	return policyArgs(args);
}
function diedOn(stderr, oid) {
	return stderr.includes(oid);
}
var CatFileBatchReader;
var init_git = __esmMin((() => {
	init_git_policy();
	CatFileBatchReader = class {
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
}));
// src/keywords.ts
function fold(code) {
	return code >= 65 && code <= 90 ? code + 32 : code;
}
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
var ALPHABET, stateAfter, KeywordMatcher;
var init_keywords = __esmMin((() => {
	ALPHABET = 128;
	stateAfter = 0;
	KeywordMatcher = class {
		keywords;
		goto;
		ends;
		fail;
		out;
		lengths;
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
			this.fail = fail;
			this.out = out;
			this.lengths = keywords.map((k) => k.length);
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
			const hits = [];
			const goto = this.bytesTable();
			const out = this.out;
			const lengths = this.lengths;
			const n = data.length;
			let s = 0;
			for (let i = runToHit(data, goto, 0, 0, n); i < n; i = runToHit(data, goto, s, i + 1, n)) {
				s = stateAfter;
				const ends = out[s >> 8];
				for (let q = 0; q < ends.length; q++) {
					const k = ends[q];
					hits.push({
						keyword: k,
						start: i + 1 - lengths[k]
					});
				}
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
}));
// src/placeholder.ts
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
// src/sha256.ts
function loadCrypto() {
	crypto ??= (0, node_module.createRequire)(require("url").pathToFileURL(__filename).href)("node:crypto");
	return crypto;
}
function sha256Hex(text) {
	return loadCrypto().createHash("sha256").update(text).digest("hex");
}
var crypto;
var init_sha256 = __esmMin((() => {}));
// src/redact.ts
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
// src/text.ts
function asciiText(buf) {
	return Buffer.from(buf.buffer, buf.byteOffset, buf.length).toString("latin1");
}
function isBinary(buf) {
	return Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.length, SNIFF_BYTES)).indexOf(0) !== -1;
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
	const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.length);
	const n = bytes.length;
	const lineStartOf = (pos) => pos <= 0 ? 0 : bytes.lastIndexOf(10, pos - 1) + 1;
	const lineEndOf = (pos) => {
		const e = pos >= n ? -1 : bytes.indexOf(10, pos);
		return e === -1 ? n : e;
	};
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
			lastLineStart = lineStartOf(hit.start);
			lastLineEnd = lineEndOf(hit.start);
			lastCtx = ctx;
			linesStart = lastLineStart;
			linesEnd = lastLineEnd;
			for (let i = 0; i < ctx && linesStart > 0; i++) linesStart = lineStartOf(linesStart - 1);
			for (let i = 0; i < ctx && linesEnd < n; i++) linesEnd = lineEndOf(linesEnd + 1);
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
function decode$1(buf) {
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
	for (let i = 0; i < end; i++) if (buf[i] === 0) return { kind: "binary" };
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
var SNIFF_BYTES, utf8$1;
var init_text = __esmMin((() => {
	SNIFF_BYTES = 8e3;
	utf8$1 = new TextDecoder("utf-8");
}));
// src/suppress.ts
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
var SAME_LINE, NEXT_LINE;
var init_suppress = __esmMin((() => {
	SAME_LINE = [
		"leaklint:allow",
		"gitleaks:allow",
		"pragma: allowlist secret",
		"secretlint-disable-line",
		"trufflehog:ignore",
		"ggignore",
		"kingfisher:ignore"
	];
	NEXT_LINE = [
		"leaklint:allow-next-line",
		"pragma: allowlist nextline secret",
		"secretlint-disable-next-line"
	];
}));
// src/engine.ts
function windowMargin(contextLines) {
	return WINDOW_MARGIN * (1 + contextLines);
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
var WINDOW_MARGIN, Engine;
var init_engine = __esmMin((() => {
	init_keywords();
	init_placeholder();
	init_redact();
	init_text();
	init_suppress();
	WINDOW_MARGIN = 512;
	Engine = class {
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
			const raw = this.candidates(chunk.text, chunk.path);
			if (raw.length === 0) return [];
			return this.findingsOf(chunk, raw);
		}
		scanBytes(path, data, origin) {
			const verdict = this.triage(path, data);
			if (verdict === "binary") return void 0;
			if (verdict === "clean") return [];
			const d = decode$1(data);
			return d.kind === "text" ? this.scan({
				path,
				text: d.text,
				startLine: 1,
				origin
			}) : void 0;
		}
		triage(path, data) {
			if (!hasNoBom(data) || !this.byteRegionsExact) return "scan";
			if (isBinary(data)) return "binary";
			const hits = this.hitsSomeRuleMayUse(data, this.matcher.searchBytes(data));
			if (hits.length === 0) return "clean";
			let next = 0;
			for (const [start, end] of hitRegions(data, hits, this.contextOf, this.reachOf)) {
				const bytes = data.subarray(start, end);
				const first = next;
				while (next < hits.length && hits[next].start < end) next++;
				const inRegion = hits.slice(first, next);
				let text;
				let regionHits;
				if (bytes.indexOf(13) !== -1) {
					text = normaliseEol(utf8$1.decode(bytes));
					regionHits = this.matcher.search(text);
				} else if ((0, node_buffer.isAscii)(bytes)) {
					text = asciiText(bytes);
					regionHits = inRegion.map((h) => ({
						keyword: h.keyword,
						start: h.start - start
					}));
				} else if ((0, node_buffer.isUtf8)(bytes)) {
					text = utf8$1.decode(bytes);
					const units = utf16Offsets(bytes, inRegion.map((h) => h.start - start));
					regionHits = inRegion.map((h) => ({
						keyword: h.keyword,
						start: units.get(h.start - start)
					}));
				} else {
					text = utf8$1.decode(bytes);
					regionHits = this.matcher.search(text);
				}
				if (this.candidates(text, path, regionHits).length > 0) return "scan";
			}
			return "clean";
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
		candidates(text, path, hits = this.matcher.search(text)) {
			if (hits.length === 0) return [];
			const windows = /* @__PURE__ */ new Map();
			let starts;
			for (const hit of hits) {
				const hitEnd = hit.start + this.matcher.keywords[hit.keyword].length;
				starts ??= lineStarts(text);
				const li = lineIndexAt(starts, hit.start);
				for (const ri of this.rulesOf[hit.keyword]) {
					const ctx = this.contentRules[ri].contextLines ?? 0;
					let list = windows.get(ri);
					if (!list) windows.set(ri, list = []);
					const ws0 = starts[Math.max(0, li - ctx)];
					const endLine = li + ctx + 1;
					const we0 = endLine < starts.length ? starts[endLine] - 1 : text.length;
					const margin = windowMargin(ctx);
					const ws = Math.max(ws0, hit.start - margin);
					const we = Math.min(we0, hitEnd + margin);
					const last = list[list.length - 1];
					if (last && ws <= last.end) {
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
				const seen = /* @__PURE__ */ new Set();
				for (const w of list) {
					const windowText = text.slice(w.start, w.end);
					for (const m of rule.match(windowText, { path })) {
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
			}
			return raw;
		}
		findingsOf(chunk, raw) {
			const text = chunk.text;
			const overlapsSpecific = specificOverlap(raw.filter((r) => !r.rule.fallback));
			const kept = raw.filter((r) => !r.rule.fallback || !overlapsSpecific(r.start, r.end));
			const lines = lineStarts(text);
			const lineText = (i) => text.slice(lines[i], i + 1 < lines.length ? lines[i + 1] - 1 : text.length);
			const trueLine = (i) => chunk.lineNumbers?.[i] ?? chunk.startLine + i;
			const findings = [];
			const directives = /* @__PURE__ */ new Map();
			for (const { rule, m, start, end } of kept) {
				const li = lineIndexAt(lines, start);
				const le = lineIndexAt(lines, Math.max(start, end - 1));
				const secret = detach(m.secret);
				const finding = {
					ruleId: rule.id,
					provider: rule.provider,
					severity: m.severity ?? rule.severity,
					message: m.message ?? rule.title,
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
}));
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
var init_regex_safety = __esmMin((() => {}));
var init_yerror = __esmMin((() => {}));
var init_common_types = __esmMin((() => {}));
var init_is_promise = __esmMin((() => {}));
var init_parse_command = __esmMin((() => {}));
var init_argsert = __esmMin((() => {
	init_yerror();
	init_parse_command();
}));
var init_middleware = __esmMin((() => {
	init_argsert();
	init_is_promise();
}));
var init_maybe_async_result = __esmMin((() => {
	init_is_promise();
})), init_which_module = __esmMin((() => {}));
var init_command = __esmMin((() => {
	init_common_types();
	init_is_promise();
	init_middleware();
	init_parse_command();
	init_yargs_factory();
	init_maybe_async_result();
	init_which_module();
}));
var init_obj_filter = __esmMin((() => {
	init_common_types();
}));
var init_set_blocking = __esmMin((() => {}));
var init_usage = __esmMin((() => {
	init_obj_filter();
	init_yerror();
	init_set_blocking();
}));
var init_completion_templates = __esmMin((() => {}));
var init_completion = __esmMin((() => {
	init_command();
	init_common_types();
	init_completion_templates();
	init_is_promise();
	init_parse_command();
}));
var init_levenshtein = __esmMin((() => {})), init_validation = __esmMin((() => {
	init_argsert();
	init_common_types();
	init_levenshtein();
	init_obj_filter();
}));
var init_apply_extends = __esmMin((() => {
	init_yerror();
}));
var init_yargs_factory = __esmMin((() => {
	init_command();
	init_common_types();
	init_yerror();
	init_usage();
	init_argsert();
	init_completion();
	init_validation();
	init_obj_filter();
	init_apply_extends();
	init_middleware();
	init_is_promise();
	init_maybe_async_result();
	init_set_blocking();
})), init_scrub = __esmMin((() => {
	init_engine();
}));
var init_config = __esmMin((() => {
	require_picomatch();
	init_redact();
	init_regex_safety();
	init_scrub();
}));
// src/rulekit.ts
function isAsciiSpace(b) {
	return b === 32 || b >= 9 && b <= 13;
}
function isNameByte(b) {
	return b >= 97 && b <= 122 || b >= 65 && b <= 90 || b >= 48 && b <= 57 || b === 95 || b === 46 || b === 45;
}
function assignmentMayFollow(bytes, end) {
	const n = Math.min(bytes.length, end + LOOK_AHEAD);
	let i = end;
	while (i < n && isNameByte(bytes[i])) i++;
	if (i < n && (bytes[i] === 34 || bytes[i] === 39 || bytes[i] === 93)) i++;
	while (i < n && isAsciiSpace(bytes[i])) i++;
	if (i >= n) return n < bytes.length;
	const b = bytes[i];
	return b === 58 || b === 61 || b >= 128;
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
	return words.slice(0, -1).every((w) => w.length >= 3);
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
		out = BASE62[v % 62] + out;
		v = Math.floor(v / 62);
	}
	return out.padStart(width, "0");
}
function hasValidCrc32Checksum(body36) {
	if (body36.length !== 36) return false;
	return base62(crc32(body36.slice(0, 30)), 6) === body36.slice(30);
}
var LEFT, RIGHT, RIGHT_WITH_DASH, LOOK_AHEAD, USERINFO_STOP, BASE62, crcTable;
var init_rulekit = __esmMin((() => {
	LEFT = String.raw`(?:(?<![A-Za-z0-9_])|(?<=\\[nrt]))`;
	RIGHT = String.raw`(?![A-Za-z0-9_])`;
	RIGHT_WITH_DASH = String.raw`(?![A-Za-z0-9_-])`;
	LOOK_AHEAD = 2048;
	USERINFO_STOP = /* @__PURE__ */ new Uint8Array(128);
	for (const c of ":@/\"'<>`()[]{}") USERINFO_STOP[c.charCodeAt(0)] = 1;
	BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
}));
// src/extra-rules.ts
function extraRules(rules, source) {
	return rules.map((r) => regexRule({
		id: r.id,
		provider: r.provider,
		title: r.title,
		why: `A project rule (${source ?? "configuration"}): ${r.title}.`,
		severity: r.severity,
		remediation: r.remediation,
		keywords: r.keywords,
		pattern: new RegExp(r.regex),
		...r.entropy !== void 0 ? { validate: (secret) => entropy(secret) >= r.entropy } : {}
	}));
}
var init_extra_rules = __esmMin((() => {
	init_rulekit();
	init_placeholder();
}));
// rules/huggingface.ts
var remediation$18, helpUri$14, userToken$1, orgToken$1, tokenFile, rules$21;
var init_huggingface = __esmMin((() => {
	init_rulekit();
	remediation$18 = {
		rotate: "https://huggingface.co/settings/tokens \u2192 Manage \u2192 Refresh or Delete (there is no CLI revoke; `hf auth logout` only removes the local copy)",
		store: "Hugging Face Space secrets (Settings \u2192 Variables and secrets), a Colab secret named HF_TOKEN, or a CI secret (`gh secret set HF_TOKEN`)",
		read: "os.environ[\"HF_TOKEN\"] (huggingface_hub reads HF_TOKEN by itself); in GitHub Actions `${{ secrets.HF_TOKEN }}`"
	};
	helpUri$14 = "https://huggingface.co/docs/hub/security-tokens";
	userToken$1 = regexRule({
		id: "huggingface-user-token",
		provider: "huggingface",
		title: "Hugging Face user access token",
		why: "A Hugging Face token can read, and with write or fine-grained scopes push to, every model, dataset and Space its owner can reach.",
		severity: "error",
		remediation: remediation$18,
		helpUri: helpUri$14,
		keywords: ["hf_"],
		pattern: new RegExp(`${LEFT}(?<secret>hf_(?<body>[A-Za-z0-9]{34}))${RIGHT}`),
		visiblePrefix: 3,
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
			...remediation$18,
			rotate: "Organization settings \u2192 API tokens on https://huggingface.co (org tokens are deprecated: replace with a fine-grained user token)"
		},
		helpUri: helpUri$14,
		keywords: ["api_org_"],
		pattern: new RegExp(`${LEFT}(?<secret>api_org_(?<body>[A-Za-z]{34}))${RIGHT}`),
		visiblePrefix: 8,
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
			...remediation$18,
			note: "Log in on each machine instead (`hf auth login`): the token file belongs in ~/.cache/huggingface, never in a repository."
		},
		ignorePattern: ".hf_secrets",
		test: (path) => /(^|\/)\.?huggingface\/(token|stored_tokens)$/.test(path) || /(^|\/)\.hf_secrets$/.test(path)
	};
	rules$21 = [
		userToken$1,
		orgToken$1,
		tokenFile
	];
}));
// rules/prefect.ts
function keyRule$1(id, prefix, title, why) {
	return regexRule({
		id,
		provider: "prefect",
		title,
		why,
		severity: "error",
		remediation: remediation$17,
		helpUri: helpUri$13,
		keywords: [prefix],
		pattern: new RegExp(`${LEFT}(?<secret>${prefix}(?<body>[A-Za-z0-9]{36}))${RIGHT}`),
		visiblePrefix: 4,
		validate: (_s, m) => !looksLikeIdentifier(m.groups.body)
	});
}
var remediation$17, helpUri$13, userKey, serviceAccountKey, authString, KEY_IN_PROFILE, profiles, rules$20;
var init_prefect = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	remediation$17 = {
		rotate: "Prefect Cloud (https://app.prefect.cloud) \u2192 account icon, bottom left \u2192 API Keys (service accounts: Account \u2192 Service Accounts \u2192 regenerate); delete the leaked key and create a new one with an expiry",
		store: "the CI secret store (`gh secret set PREFECT_API_KEY`) or the worker\u2019s environment; other credentials a flow needs go in a Prefect Secret block (`Secret(value=\u2026).save(\"name\")`)",
		read: "Prefect reads PREFECT_API_KEY from the environment by itself; in flows, `Secret.load(\"name\").get()`"
	};
	helpUri$13 = "https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys";
	userKey = keyRule$1("prefect-user-key", "pnu_", "Prefect Cloud user API key", "A Prefect user key acts as its owner in every workspace they can reach: it can read flow runs, blocks and secrets, and start deployments.");
	serviceAccountKey = keyRule$1("prefect-service-account-key", "pnb_", "Prefect Cloud service-account API key", "A service-account key gives a machine identity\u2019s access to its workspaces, usually with enough rights to run and change deployments.");
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
			...remediation$17,
			note: "Keep Prefect settings in the environment; profiles belong in ~/.prefect."
		},
		ignorePattern: ".prefect/",
		test(path, content) {
			if (!/(^|\/)profiles\.toml$/.test(path)) return false;
			const text = content();
			if (text === void 0) return false;
			for (const m of text.matchAll(KEY_IN_PROFILE)) {
				const value = m[1];
				if (!isPlaceholder(value, /^pn[ub]_/.test(value) ? 4 : 0)) return true;
			}
			return false;
		}
	};
	rules$20 = [
		userKey,
		serviceAccountKey,
		authString,
		profiles
	];
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
function holdsToken(content) {
	const text = content();
	if (text === void 0) return false;
	const m = TOKEN_LINE.exec(text);
	if (!m) return false;
	const value = m[1];
	return !isPlaceholder(value, /^sntry[su]_/.test(value) ? 7 : 0);
}
var remediation$16, helpUri$12, orgToken, userToken, CLI_CONFIG, legacyToken, DSN, dsnSecret, TOKEN_LINE, buildPluginEnv, cliConfig, rules$19;
var init_sentry = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	remediation$16 = {
		rotate: "Sentry \u2192 Settings \u2192 Developer Settings \u2192 Organization Tokens (personal tokens: https://sentry.io/settings/account/api/auth-tokens/) \u2192 revoke, then create a new one",
		store: "the CI secret store (`gh secret set SENTRY_AUTH_TOKEN`, Vercel sensitive env vars, EAS secrets); locally a git-ignored .env.sentry-build-plugin",
		read: "sentry-cli and the bundler plugins read SENTRY_AUTH_TOKEN from the environment; in GitHub Actions `${{ secrets.SENTRY_AUTH_TOKEN }}`"
	};
	helpUri$12 = "https://docs.sentry.io/account/auth-tokens/";
	orgToken = regexRule({
		id: "sentry-org-token",
		provider: "sentry",
		title: "Sentry organization auth token",
		why: "An org token uploads source maps and releases and, depending on its scopes, can read and change the organization\u2019s projects.",
		severity: "error",
		remediation: remediation$16,
		helpUri: helpUri$12,
		keywords: ["sntrys_"],
		pattern: new RegExp(`${LEFT}(?<secret>sntrys_(?<payload>eyJpYXQiO[A-Za-z0-9+/]+={0,2})_(?<key>[A-Za-z0-9+/]{43}))(?![A-Za-z0-9+/=_])`),
		visiblePrefix: 7,
		validate: (_s, m) => isValidOrgToken(m.groups.payload, m.groups.key)
	});
	userToken = regexRule({
		id: "sentry-user-token",
		provider: "sentry",
		title: "Sentry user auth token",
		why: "A personal Sentry token acts as its owner in every organization they belong to.",
		severity: "error",
		remediation: remediation$16,
		helpUri: helpUri$12,
		keywords: ["sntryu_"],
		pattern: new RegExp(`${LEFT}(?<secret>sntryu_[a-f0-9]{64})${RIGHT}`),
		visiblePrefix: 7
	});
	CLI_CONFIG = /(^|\/)(\.sentryclirc|sentrycli\.ini)$/;
	legacyToken = regexRule({
		id: "sentry-legacy-token",
		provider: "sentry",
		title: "Sentry auth token (unprefixed, legacy format)",
		why: "Tokens made before Sentry added prefixes still work and act as their owner.",
		severity: "error",
		remediation: remediation$16,
		helpUri: helpUri$12,
		keywords: [
			"sentry_auth_token",
			"auth.token",
			"token"
		],
		hitCanMatch: (bytes, _start, end) => assignmentMayFollow(bytes, end),
		pattern: /(?<key>SENTRY_AUTH_TOKEN|auth\.token|(?<![\w.-])token)["']?\s*[=:]\s*["']?(?<secret>[a-fA-F0-9]{64})(?![A-Za-z0-9])/i,
		validate: (_s, m, ctx) => m.groups.key.toLowerCase() !== "token" || CLI_CONFIG.test(ctx.path)
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
			store: "keep only the public DSN form (`https://<public key>@\u2026`) in code; nothing secret is needed to send events",
			read: "SENTRY_DSN from the environment, or the public DSN in code"
		},
		helpUri: "https://docs.sentry.io/concepts/key-terms/dsn-explainer/",
		keywords: ["://"],
		hitCanMatch: (bytes, _start, end) => userinfoMayFollow(bytes, end),
		match(text) {
			const out = [];
			for (const m of text.matchAll(DSN)) {
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
			...remediation$16,
			note: "The Sentry wizard writes this file for local builds: keep it on your machine, ignored."
		},
		ignorePattern: ".env.sentry-build-plugin",
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
			...remediation$16,
			note: "Drop the token line (org, project and url can stay) or the whole file, and ignore .sentryclirc."
		},
		ignorePattern: ".sentryclirc",
		test: (path, content) => (CLI_CONFIG.test(path) || /(^|\/)sentry\.properties$/.test(path)) && holdsToken(content)
	};
	rules$19 = [
		orgToken,
		userToken,
		legacyToken,
		dsnSecret,
		buildPluginEnv,
		cliConfig
	];
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
var remediation$15, helpUri$11, TOKEN, PLACEHOLDER_WORDS, isAlnum, PAIR_DISTANCE$1, token$3, config, rules$18;
var init_modal = __esmMin((() => {
	init_rulekit();
	remediation$15 = {
		rotate: "Modal dashboard \u2192 workspace settings \u2192 API tokens (https://modal.com/settings/<workspace>/tokens): delete the token (`modal token new` makes a new one but does not revoke the old)",
		store: "CI secrets MODAL_TOKEN_ID / MODAL_TOKEN_SECRET (`gh secret set MODAL_TOKEN_SECRET`), preferably for a service user; credentials your Modal functions use go in Modal Secrets (`modal secret create NAME KEY=VALUE`)",
		read: "the Modal client reads MODAL_TOKEN_ID and MODAL_TOKEN_SECRET from the environment; in functions, `modal.Secret.from_name(\"name\")`"
	};
	helpUri$11 = "https://modal.com/docs/reference/modal.config";
	TOKEN = new RegExp(`${LEFT}(a[ks])-([A-Za-z0-9]{22})${RIGHT_WITH_DASH}`, "g");
	PLACEHOLDER_WORDS = /fake|notareal|notreal|example|sample|dummy|placeholder|token|secret|string/i;
	isAlnum = (b) => b >= 97 && b <= 122 || b >= 65 && b <= 90 || b >= 48 && b <= 57;
	PAIR_DISTANCE$1 = 3;
	token$3 = {
		kind: "content",
		id: "modal-token",
		provider: "modal",
		title: "Modal API token",
		why: "A Modal token pair deploys and runs code in the workspace, billed to its owner, and reads the workspace\u2019s Modal Secrets.",
		severity: "error",
		remediation: remediation$15,
		helpUri: helpUri$11,
		keywords: ["ak-", "as-"],
		contextLines: PAIR_DISTANCE$1,
		hitCanMatch: tokenAt,
		match(text) {
			const halves = [];
			const lineOf = lineCounter(text);
			for (const m of text.matchAll(TOKEN)) {
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
				for (let d = 0; d <= PAIR_DISTANCE$1 && !id; d++) id = takeId(secret.line - d) ?? (d > 0 ? takeId(secret.line + d) : void 0);
				if (id) {
					pairedIds.add(id);
					out.push({
						start: secret.start,
						end: secret.end,
						secret: secret.value,
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
			...remediation$15,
			note: "Keep .modal.toml in your home directory, where `modal token set` writes it."
		},
		ignorePattern: ".modal.toml",
		test: (path) => /(^|\/)\.modal\.toml$/.test(path)
	};
	rules$18 = [token$3, config];
}));
// rules/wandb.ts
var remediation$14, helpUri$10, apiKey$2, LEGACY, legacyKey, netrc, rules$17;
var init_wandb = __esmMin((() => {
	init_rulekit();
	remediation$14 = {
		rotate: "Weights & Biases \u2192 User settings \u2192 API keys (https://wandb.ai/authorize): create a new key, delete the leaked one",
		store: "a CI secret WANDB_API_KEY (`gh secret set WANDB_API_KEY`), a Modal Secret (W&B template), an HF Space secret or a Colab secret",
		read: "wandb reads WANDB_API_KEY from the environment by itself; call `wandb.login()` without a key"
	};
	helpUri$10 = "https://docs.wandb.ai/guides/track/environment-variables/";
	apiKey$2 = regexRule({
		id: "wandb-api-key",
		provider: "wandb",
		title: "Weights & Biases API key",
		why: "A W&B key reads and writes every project, run, artifact and model its owner can reach.",
		severity: "error",
		remediation: remediation$14,
		helpUri: helpUri$10,
		keywords: ["wandb_v1_"],
		pattern: new RegExp(`${LEFT}(?<secret>wandb_v1_[A-Za-z0-9_]{77})${RIGHT}`),
		visiblePrefix: 9
	});
	LEGACY = /(?<name>WANDB_API_KEY|wandb\.login\s{0,16}\([^)\n]{0,200}?key|api_key|apikey)["']?\s{0,16}[=:]\s{0,16}(?:[rbu]?["'])?(?<secret>[a-f0-9]{40})(?![A-Za-z0-9])/gi;
	legacyKey = {
		kind: "content",
		id: "wandb-legacy-api-key",
		provider: "wandb",
		title: "Weights & Biases API key (40-hex, legacy format)",
		why: "Legacy W&B keys stay valid until deleted and give full access to their owner\u2019s projects.",
		severity: "error",
		remediation: remediation$14,
		helpUri: helpUri$10,
		keywords: ["wandb"],
		contextLines: 2,
		match(text) {
			const out = [];
			for (const m of text.matchAll(LEGACY)) {
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
			...remediation$14,
			note: "netrc files belong in the home directory only: remove this one from the repository."
		},
		helpUri: helpUri$10,
		keywords: ["api.wandb.ai"],
		contextLines: 3,
		pattern: /machine\s+api\.wandb\.ai\s+(?:login\s+\S+\s+)?password\s+(?!wandb_v1_)(?<secret>[A-Za-z0-9_-]{32,})/
	});
	rules$17 = [
		apiKey$2,
		legacyKey,
		netrc
	];
}));
// rules/openai.ts
var apiKey$1, rules$16;
var init_openai = __esmMin((() => {
	init_rulekit();
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
		visiblePrefix: (s) => prefixLength(s, 12)
	});
	rules$16 = [apiKey$1];
}));
// rules/anthropic.ts
function keyRule(id, kind, knownVersion, title, why) {
	return regexRule({
		id,
		provider: "anthropic",
		title,
		why,
		severity: "error",
		remediation: remediation$13,
		helpUri: helpUri$9,
		keywords: [`sk-ant-${kind}`],
		pattern: new RegExp(`${LEFT}(?<secret>sk-ant-${kind}(?<version>\\d{2})-[A-Za-z0-9_-]{93}AA)${RIGHT_WITH_DASH}`),
		visiblePrefix: (s) => s.indexOf("-", 8) + 1,
		validate: (_s, m) => m.groups.version === knownVersion ? true : {
			severity: "warning",
			message: `${title} (unknown key version ${m.groups.version})`
		}
	});
}
var remediation$13, helpUri$9, rules$15;
var init_anthropic = __esmMin((() => {
	init_rulekit();
	remediation$13 = {
		rotate: "Anthropic Console \u2192 Settings \u2192 API keys (https://console.anthropic.com/settings/keys, moving to platform.claude.com): disable or delete the key, then create a new one",
		store: "the CI or platform secret store (`gh secret set ANTHROPIC_API_KEY`), with workspace-scoped keys",
		read: "the Anthropic SDK reads ANTHROPIC_API_KEY from the environment by itself"
	};
	helpUri$9 = "https://docs.anthropic.com/en/api/getting-started";
	rules$15 = [keyRule("anthropic-api-key", "api", "03", "Anthropic API key", "An Anthropic key spends its workspace\u2019s credit on the Claude API."), keyRule("anthropic-admin-key", "admin", "01", "Anthropic Admin API key", "An Admin key manages the organization: members, workspaces and other API keys.")];
}));
// rules/github.ts
var remediation$12, helpUri$8, KINDS, classic$1, fineGrained, rules$14;
var init_github = __esmMin((() => {
	init_rulekit();
	remediation$12 = {
		rotate: "https://github.com/settings/tokens (fine-grained: https://github.com/settings/personal-access-tokens) \u2192 delete the token; OAuth apps: Settings \u2192 Applications \u2192 Revoke",
		store: "GitHub Actions secrets (`gh secret set NAME`), or better no PAT at all: the job\u2019s GITHUB_TOKEN with a `permissions:` block, or a GitHub App token",
		read: "`${{ secrets.NAME }}` in workflows; GH_TOKEN / GITHUB_TOKEN from the environment in scripts"
	};
	helpUri$8 = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation";
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
		remediation: remediation$12,
		helpUri: helpUri$8,
		keywords: [
			"ghp_",
			"gho_",
			"ghu_",
			"ghs_",
			"ghr_"
		],
		pattern: new RegExp(`${LEFT}(?<secret>(?<kind>gh[pousr])_(?<body>[A-Za-z0-9]{36}))${RIGHT}`),
		visiblePrefix: 4,
		validate(_s, m) {
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
		remediation: remediation$12,
		helpUri: helpUri$8,
		keywords: ["github_pat_"],
		pattern: new RegExp(`${LEFT}(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${RIGHT}`),
		visiblePrefix: 11
	});
	rules$14 = [classic$1, fineGrained];
}));
// rules/gitlab.ts
var remediation$11, helpUri$7, pat, PREFIXES, other, rules$13;
var init_gitlab = __esmMin((() => {
	init_rulekit();
	remediation$11 = {
		rotate: "https://gitlab.com/-/user_settings/personal_access_tokens \u2192 revoke (or `POST /api/v4/personal_access_tokens/self/rotate`); project and group tokens in their settings",
		store: "GitLab CI/CD variables, masked, hidden and protected; better an OIDC ID token or CI_JOB_TOKEN",
		read: "`$GITLAB_TOKEN` (a CI/CD variable) in jobs"
	};
	helpUri$7 = "https://docs.gitlab.com/security/tokens/";
	pat = regexRule({
		id: "gitlab-personal-access-token",
		provider: "gitlab",
		title: "GitLab personal access token",
		why: "A GitLab token acts as its user: with the api scope it reads and writes every project they can reach.",
		severity: "error",
		remediation: remediation$11,
		helpUri: helpUri$7,
		keywords: ["glpat-"],
		pattern: new RegExp(`${LEFT}(?<secret>glpat-(?:[A-Za-z0-9_-]{20}|[A-Za-z0-9_-]{27,300}\\.[A-Za-z0-9]{2,12}))${RIGHT_WITH_DASH}`),
		visiblePrefix: 6
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
			...remediation$11,
			rotate: "revoke and recreate it where it was issued: the project or group\u2019s Settings \u2192 Access tokens or Repository \u2192 Deploy tokens, CI/CD \u2192 Runners or Pipeline trigger tokens, or Admin \u2192 Applications"
		},
		helpUri: helpUri$7,
		keywords: [...PREFIXES.map((p) => `${p}-`), "GR1348941"],
		pattern: new RegExp(`${LEFT}(?<secret>(?:${PREFIXES.join("|")})-[A-Za-z0-9_-]{20,300}|GR1348941[A-Za-z0-9_-]{20})${RIGHT_WITH_DASH}`),
		visiblePrefix: (s) => s.startsWith("GR1348941") ? 9 : s.indexOf("-") + 1
	});
	rules$13 = [pat, other];
}));
// rules/aws.ts
var remediation$10, helpUri$6, KEY_ID, NAMED_SECRET, PAIR_DISTANCE, accessKey, secretKey$1, credentialsFile, rules$12;
var init_aws = __esmMin((() => {
	init_rulekit();
	remediation$10 = {
		rotate: "`aws iam create-access-key` (new key first), then `aws iam update-access-key --access-key-id <id> --status Inactive` and `aws iam delete-access-key`; temporary keys: the role\u2019s \"Revoke active sessions\"",
		store: "AWS Secrets Manager or SSM Parameter Store for applications; in CI no key at all: GitHub OIDC with aws-actions/configure-aws-credentials and a role",
		read: "the AWS SDKs read AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or a profile, or the role) by themselves"
	};
	helpUri$6 = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html";
	KEY_ID = /(?<![A-Za-z0-9])((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})(?![A-Za-z0-9])/g;
	NAMED_SECRET = /(?:aws_?secret_?access_?key|secret_?access_?key|SecretAccessKey|aws_?secret(?:_?key)?)["']?\s*(?:=|:|=>|,)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi;
	PAIR_DISTANCE = 5;
	accessKey = {
		kind: "content",
		id: "aws-access-key",
		provider: "aws",
		title: "AWS access key",
		why: "An AWS key pair acts as its IAM user: whatever that user may do \u2014 read buckets, start instances, run up the bill \u2014 anyone holding the pair may too.",
		severity: "error",
		remediation: remediation$10,
		helpUri: helpUri$6,
		keywords: [
			"AKIA",
			"ASIA",
			"ABIA",
			"ACCA"
		],
		contextLines: PAIR_DISTANCE,
		match(text) {
			const secretLine = lineCounter(text);
			const secrets = [...text.matchAll(NAMED_SECRET)].map((m) => ({
				value: m.groups.secret,
				start: m.index + m[0].length - 40,
				line: secretLine(m.index)
			}));
			const out = [];
			const idLine = lineCounter(text);
			let reach = 0;
			let next = 0;
			for (const m of text.matchAll(KEY_ID)) {
				const id = m[1];
				const line = idLine(m.index);
				while (reach < secrets.length && secrets[reach].line < line - PAIR_DISTANCE) reach++;
				if (next < reach) next = reach;
				const s = secrets[next];
				if (s !== void 0 && s.line <= line + PAIR_DISTANCE) {
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
	secretKey$1 = regexRule({
		id: "aws-secret-access-key",
		provider: "aws",
		title: "AWS secret access key",
		why: "The secret access key is the private half of an AWS key pair.",
		severity: "error",
		remediation: remediation$10,
		helpUri: helpUri$6,
		keywords: [
			"secret_access_key",
			"secretaccesskey",
			"aws_secret"
		],
		fallback: true,
		pattern: NAMED_SECRET,
		validate: (s) => /[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s)
	});
	credentialsFile = {
		kind: "path",
		id: "aws-credentials-file",
		provider: "aws",
		title: "AWS shared credentials file",
		why: "`aws configure` writes access keys into this file in plain text; committed, every profile in it is exposed.",
		severity: "error",
		remediation: {
			...remediation$10,
			note: "The credentials file belongs in ~/.aws only, never in a repository."
		},
		ignorePattern: ".aws/",
		test(path, content) {
			if (!/(^|\/)(credentials|\.aws\/config)$/.test(path)) return false;
			const text = content();
			return text !== void 0 && /^[ \t]*aws_(?:secret_access_key|access_key_id)[ \t]*=[ \t]*\S/m.test(text);
		}
	};
	rules$12 = [
		accessKey,
		secretKey$1,
		credentialsFile
	];
}));
// rules/google.ts
function isAndroidSdkKey(text, at) {
	const window = text.slice(Math.max(0, at - 200), at);
	const before = window.slice(window.lastIndexOf("\n") + 1);
	return /"current_key"\s*:\s*"$/.test(before) || /<string\s+name="(?:google_api_key|google_crash_reporting_api_key|firebase_[a-z_]*key)"[^<>]*>$/.test(before);
}
var remediation$9, apiKey, oauthClientSecret, rules$11;
var init_google = __esmMin((() => {
	init_rulekit();
	remediation$9 = {
		rotate: "https://console.cloud.google.com/apis/credentials \u2192 regenerate or delete the key, and add API and application restrictions",
		store: "Google Secret Manager, or the CI secret store (`gh secret set GOOGLE_API_KEY`); for CI access to GCP, Workload Identity Federation instead of keys",
		read: "GOOGLE_API_KEY / GEMINI_API_KEY from the environment"
	};
	apiKey = regexRule({
		id: "google-api-key",
		provider: "google",
		title: "Google API key",
		why: "An unrestricted Google API key calls any API enabled in its project \u2014 Gemini, Maps and others \u2014 billed to that project.",
		severity: "error",
		remediation: remediation$9,
		helpUri: "https://cloud.google.com/docs/authentication/api-keys",
		keywords: ["AIza"],
		pattern: new RegExp(`${LEFT}(?<secret>AIza[A-Za-z0-9_-]{35})${RIGHT_WITH_DASH}`),
		visiblePrefix: 4,
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
			...remediation$9,
			rotate: "Cloud Console \u2192 APIs & Services \u2192 Credentials \u2192 the OAuth client \u2192 reset the secret"
		},
		helpUri: "https://support.google.com/cloud/answer/6158849",
		keywords: ["GOCSPX-"],
		pattern: new RegExp(`${LEFT}(?<secret>GOCSPX-[A-Za-z0-9_-]{28})${RIGHT_WITH_DASH}`),
		visiblePrefix: 7
	});
	rules$11 = [apiKey, oauthClientSecret];
}));
// rules/slack.ts
var remediation$8, helpUri$5, token$2, webhook, rules$10;
var init_slack = __esmMin((() => {
	init_rulekit();
	remediation$8 = {
		rotate: "https://api.slack.com/apps \u2192 the app \u2192 OAuth & Permissions: revoke or reinstall (enable token rotation there)",
		store: "the CI or platform secret store (`gh secret set SLACK_BOT_TOKEN`)",
		read: "SLACK_BOT_TOKEN / SLACK_APP_TOKEN from the environment"
	};
	helpUri$5 = "https://api.slack.com/authentication/token-types";
	token$2 = regexRule({
		id: "slack-token",
		provider: "slack",
		title: "Slack token",
		why: "A Slack token reads and posts messages, files and member lists in the workspace as its bot or user.",
		severity: "error",
		remediation: remediation$8,
		helpUri: helpUri$5,
		keywords: ["xox", "xapp-"],
		pattern: new RegExp(`${LEFT}(?<secret>(?:xoxe\\.)?xox[abeoprs]-(?:\\d{6,14}-){1,3}[A-Za-z0-9]{20,64}|xapp-\\d-[A-Z0-9]{8,14}-\\d{8,14}-[A-Za-z0-9]{32,80})${RIGHT_WITH_DASH}`),
		visiblePrefix: (s) => s.indexOf("-") + 1
	});
	webhook = regexRule({
		id: "slack-webhook",
		provider: "slack",
		title: "Slack incoming webhook URL",
		why: "Anyone with the webhook URL can post messages into the channel it belongs to.",
		severity: "error",
		remediation: {
			...remediation$8,
			rotate: "https://api.slack.com/apps \u2192 the app \u2192 Incoming Webhooks: remove the URL and create a new one"
		},
		helpUri: "https://api.slack.com/messaging/webhooks",
		keywords: ["hooks.slack.com"],
		pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{6,12}\/[A-Z0-9]{6,14}\/(?<secret>[A-Za-z0-9]{20,40})(?![A-Za-z0-9])/
	});
	rules$10 = [token$2, webhook];
}));
// rules/stripe.ts
var remediation$7, helpUri$4, secretKey, webhookSecret, rules$9;
var init_stripe = __esmMin((() => {
	init_rulekit();
	remediation$7 = {
		rotate: "https://dashboard.stripe.com/apikeys \u2192 Roll key (webhook secrets: Developers \u2192 Webhooks \u2192 the endpoint \u2192 Roll secret)",
		store: "the platform or CI secret store, with restricted keys of minimal permissions",
		read: "STRIPE_SECRET_KEY from the environment on the server only (never in NEXT_PUBLIC_ / VITE_ variables)"
	};
	helpUri$4 = "https://docs.stripe.com/keys";
	secretKey = regexRule({
		id: "stripe-secret-key",
		provider: "stripe",
		title: "Stripe secret or restricted key",
		why: "A live Stripe secret key moves money: it creates charges and refunds and reads customer data.",
		severity: "error",
		remediation: remediation$7,
		helpUri: helpUri$4,
		keywords: [
			"sk_live_",
			"rk_live_",
			"sk_test_",
			"rk_test_"
		],
		pattern: new RegExp(`${LEFT}(?<secret>[sr]k_(?<mode>live|test)_[A-Za-z0-9]{20,250})${RIGHT}`),
		visiblePrefix: 8,
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
		remediation: remediation$7,
		helpUri: "https://docs.stripe.com/webhooks#verify-events",
		keywords: ["whsec_"],
		pattern: new RegExp(`${LEFT}(?<secret>whsec_[A-Za-z0-9+/]{24,80}={0,2})(?![A-Za-z0-9+/=])`),
		visiblePrefix: 6
	});
	rules$9 = [secretKey, webhookSecret];
}));
// rules/npm.ts
var remediation$6, helpUri$3, token$1, legacy, AUTH_LINE, npmrc, rules$8;
var init_npm = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	remediation$6 = {
		rotate: "https://www.npmjs.com/settings/<user>/tokens, or `npm token list` then `npm token revoke <id>`",
		store: "npm Trusted Publishing (OIDC from GitHub Actions or GitLab CI, no token at all); otherwise a CI secret NPM_TOKEN",
		read: "`//registry.npmjs.org/:_authToken=${NPM_TOKEN}` in .npmrc, with NPM_TOKEN (or NODE_AUTH_TOKEN for actions/setup-node) from the environment"
	};
	helpUri$3 = "https://docs.npmjs.com/about-access-tokens";
	token$1 = regexRule({
		id: "npm-access-token",
		provider: "npm",
		title: "npm access token",
		why: "An npm token can publish new versions of every package its owner maintains: a supply-chain risk for all their users.",
		severity: "error",
		remediation: remediation$6,
		helpUri: helpUri$3,
		keywords: ["npm_"],
		pattern: new RegExp(`${LEFT}(?<secret>npm_(?<body>[A-Za-z0-9]{36}))${RIGHT}`),
		visiblePrefix: 4,
		validate: (_s, m) => hasValidCrc32Checksum(m.groups.body)
	});
	legacy = regexRule({
		id: "npm-legacy-auth-token",
		provider: "npm",
		title: "npm auth token (UUID, legacy format) in an _authToken setting",
		why: "Legacy npm tokens were retired in 2025, but one in history may still be live on a private registry.",
		severity: "error",
		remediation: remediation$6,
		helpUri: helpUri$3,
		keywords: ["_authToken"],
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
			...remediation$6,
			note: "Replace the value with `${NPM_TOKEN}` and rotate the token."
		},
		test(path, content) {
			if (!/(^|\/)\.npmrc$/.test(path)) return false;
			const text = content();
			if (text === void 0) return false;
			for (const m of text.matchAll(AUTH_LINE)) if (!isPlaceholder(m[1])) return true;
			return false;
		}
	};
	rules$8 = [
		token$1,
		legacy,
		npmrc
	];
}));
// rules/pypi.ts
var remediation$5, helpUri$2, token, PASSWORD, pypirc, rules$7;
var init_pypi = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	remediation$5 = {
		rotate: "https://pypi.org/manage/account/token/ \u2192 remove the token (project-scoped tokens: the project\u2019s settings)",
		store: "PyPI Trusted Publishing (pypa/gh-action-pypi-publish with `id-token: write`, no token stored); otherwise a project-scoped token as a CI secret",
		read: "TWINE_USERNAME=__token__ and TWINE_PASSWORD (or UV_PUBLISH_TOKEN) from the environment"
	};
	helpUri$2 = "https://pypi.org/help/#apitoken";
	token = regexRule({
		id: "pypi-token",
		provider: "pypi",
		title: "PyPI API token",
		why: "A PyPI token uploads releases of the projects it covers: a supply-chain risk for every user of them.",
		severity: "error",
		remediation: remediation$5,
		helpUri: helpUri$2,
		keywords: ["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBp"],
		pattern: new RegExp(`${LEFT}(?<secret>pypi-(?<loc>AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9y)[A-Za-z0-9_-]{50,})${RIGHT_WITH_DASH}`),
		visiblePrefix: 5,
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
			...remediation$5,
			note: "Keep .pypirc in your home directory, or drop its password line."
		},
		ignorePattern: ".pypirc",
		test(path, content) {
			if (!/(^|\/)\.pypirc$/.test(path)) return false;
			const text = content();
			if (text === void 0) return false;
			for (const m of text.matchAll(PASSWORD)) if (!isPlaceholder(m[1], m[1].startsWith("pypi-") ? 5 : 0)) return true;
			return false;
		}
	};
	rules$7 = [token, pypirc];
}));
// rules/replicate.ts
var rules$6;
var init_replicate = __esmMin((() => {
	init_rulekit();
	rules$6 = [regexRule({
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
		visiblePrefix: 3
	})];
}));
// rules/groq.ts
var rules$5;
var init_groq = __esmMin((() => {
	init_rulekit();
	rules$5 = [regexRule({
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
		visiblePrefix: 4
	})];
}));
// rules/vercel.ts
var remediation$4, helpUri$1, prefixed, classic, rules$4;
var init_vercel = __esmMin((() => {
	init_rulekit();
	remediation$4 = {
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
		remediation: remediation$4,
		helpUri: helpUri$1,
		keywords: [
			"vcp_",
			"vci_",
			"vca_",
			"vcr_",
			"vck_"
		],
		pattern: new RegExp(`${LEFT}(?<secret>vc[pickr]_[A-Za-z0-9]{20,60})${RIGHT}`),
		visiblePrefix: 4
	});
	classic = regexRule({
		id: "vercel-classic-token",
		provider: "vercel",
		title: "Vercel access token (unprefixed, classic format)",
		why: "A Vercel token deploys, reads environment variables and changes projects of its owner\u2019s teams.",
		severity: "error",
		remediation: remediation$4,
		helpUri: helpUri$1,
		keywords: ["vercel"],
		pattern: /(?:VERCEL_TOKEN["']?\s{0,16}[=:]\s{0,16}["']?|vercel\b[^\n]{0,200}?--token[= ]["']?)(?<secret>[A-Za-z0-9]{24})(?![A-Za-z0-9])/i,
		validate: (s) => /[0-9]/.test(s) && /[A-Za-z]/.test(s)
	});
	rules$4 = [prefixed, classic];
}));
// rules/private-key.ts
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
var remediation$3, helpUri, BLOCK, pemKey, putty, KEY_FILE, KEYSTORE, MAYBE_KEY, keyFile, rules$3;
var init_private_key = __esmMin((() => {
	remediation$3 = {
		rotate: "generate a new key pair, then remove the old public key everywhere it is trusted (GitHub/GitLab SSH and deploy keys, servers\u2019 authorized_keys, cloud key pairs); TLS: re-issue and revoke the certificate; GitHub App: generate a new key in the App settings and delete the old one",
		store: "an SSH agent or hardware key, a secret manager, or a multi-line CI secret written to a file at run time",
		read: "load the key from a path given in the environment (for example SSH_KEY_PATH), never from the repository"
	};
	helpUri = "https://docs.github.com/en/authentication/connecting-to-github-with-ssh";
	BLOCK = /-----BEGIN (?<label>(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----(?<body>[\s\S]{0,20000}?)-----END \k<label>-----/g;
	pemKey = {
		kind: "content",
		id: "private-key-pem",
		provider: "private-key",
		title: "Private key (PEM)",
		why: "A private key proves identity: whoever has it can log in to servers, sign as you, or decrypt what was sent to you.",
		severity: "error",
		remediation: remediation$3,
		helpUri,
		keywords: ["PRIVATE KEY"],
		ownPlaceholderCheck: true,
		contextLines: 120,
		match(text) {
			const out = [];
			for (const m of text.matchAll(BLOCK)) {
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
		remediation: remediation$3,
		helpUri,
		keywords: ["PuTTY-User-Key-File-"],
		ownPlaceholderCheck: true,
		contextLines: 40,
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
			...remediation$3,
			note: "Ignore every key format you use (`*.pem`, `id_rsa*`, `*.p12` \u2026)."
		},
		ignorePattern: "*.pem",
		test(path, content) {
			if (KEY_FILE.test(path) || KEYSTORE.test(path)) return true;
			if (!MAYBE_KEY.test(path)) return false;
			const text = content();
			return text !== void 0 && /PRIVATE KEY-----|PuTTY-User-Key-File-/.test(text);
		}
	};
	rules$3 = [
		pemKey,
		putty,
		keyFile
	];
}));
// src/value-shapes.ts
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
		if (!acronym && w.length < 3 && i > 0) return false;
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
	return /^(?:sha1|sha224|sha256|sha384|sha512|sha3-256|md5|blake2b|blake3|xxh64|xxh3|h1)[:=-][A-Za-z0-9+/_-]{8,200}={0,2}$/i.test(value);
}
function isModelId(value) {
	const m = /^([A-Za-z0-9][\w.-]{0,95})\/([A-Za-z0-9][\w.-]{0,95})(?:@[\w.-]{1,64})?$/.exec(value);
	return m !== null && (/^[a-z0-9][a-z0-9-]{0,39}$/.test(m[1]) || isWordyName(m[1])) && isWordyName(m[2]);
}
function isWordyName(value) {
	const core = value.replace(/:$/, "");
	const colon = core.indexOf(":");
	if (colon !== -1) return colon > 0 && isWordyName(core.slice(0, colon)) && isWordyName(core.slice(colon + 1));
	const pieces = core.split(/[-_.]/);
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
function nonSecretShape(value) {
	if (isNumberOrTiming(value)) return "number";
	if (isDateOrTime(value)) return "date";
	if (isVersionSpec(value)) return "version";
	if (isLockHash(value)) return "lock-hash";
	if (isUrn(value)) return "urn";
	if (isArn(value)) return "arn";
	if (isCliFlag(value)) return "cli-flag";
	if (isModelId(value)) return "model-id";
	if (isCamelName(value)) return "identifier";
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
var VOWEL, VERSION_SPEC, BARE_VERSION, SECRET_PARTS, FILLER_WORDS, SYNTHETIC_VOCABULARY, LEET;
var init_value_shapes = __esmMin((() => {
	VOWEL = /[aeiouy]/i;
	VERSION_SPEC = /^(?:[A-Za-z0-9_.[\]-]{0,100}\s{0,3})?(?:===|==|~=|!=|>=|<=|>|<|\^|~|=|@)\s{0,3}v?\d{1,6}(?:\.[0-9A-Za-z*+-]{1,20}){0,6}(?:,\s{0,3}(?:===|==|~=|!=|>=|<=|>|<|\^|~|=|@)\s{0,3}v?\d{1,6}(?:\.[0-9A-Za-z*+-]{1,20}){0,6}){0,4}$/;
	BARE_VERSION = /^v?\d{1,6}(?:\.\d{1,6}){1,3}(?:[-+.]?(?:a|b|c|rc|alpha|beta|dev|post|pre|final)\.?\d{0,4}){0,2}(?:\+[0-9A-Za-z.]{1,40})?$/i;
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
// rules/url-credentials.ts
function mayHoldCredential(text) {
	for (let at = text.indexOf("://"); at !== -1; at = text.indexOf("://", at + 1)) {
		USER_PASSWORD_AT.lastIndex = at + 3;
		if (USER_PASSWORD_AT.test(text)) return true;
	}
	return false;
}
function urlCredentialMatches(text) {
	return mayHoldCredential(text) ? [...text.matchAll(URL_CREDENTIAL)] : [];
}
var remediation$2, URL_CREDENTIAL, USER_PASSWORD_AT, OBVIOUS, DOC_HOSTS, TEMPLATE_CHARS, DEV_HOSTS, urlCredential, rules$2;
var init_url_credentials = __esmMin((() => {
	init_rulekit();
	init_value_shapes();
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
	rules$2 = [urlCredential];
}));
// src/secret-names.ts
function nameWords(name) {
	const out = [];
	for (const part of name.split(/[^A-Za-z0-9]+/)) for (const w of part.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []) out.push(w.toLowerCase());
	return out;
}
function isNotSecretPrefix(prefix) {
	return NOT_SECRET_QUALIFIERS.includes(prefix) || prefix.endsWith("tik");
}
function isSecretWord(word, before) {
	if (SECRET_WORDS.has(word)) return true;
	if (word === "key" || word === "keys") return before !== void 0 && KEY_QUALIFIERS.has(before);
	for (const ending of SECRET_ENDINGS) {
		if (word.endsWith(ending) && word.length > ending.length) return !isNotSecretPrefix(word.slice(0, -ending.length));
		if (word.startsWith(ending) && word.length > ending.length) return SECRET_CONTINUATIONS.has(word.slice(ending.length));
	}
	return false;
}
function namesASecret(name) {
	const words = nameWords(name);
	let last = -1;
	for (let i = 0; i < words.length; i++) if (isSecretWord(words[i], words[i - 1])) last = i;
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
var SECRET_WORDS, SECRET_ENDINGS, KEY_QUALIFIERS, SECRET_CONTINUATIONS, NOT_SECRET_QUALIFIERS, NOT_A_VALUE_WORDS;
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
		"ref"
	]);
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
function endsWithReversed(bytes, at, reversed) {
	if (at < reversed.length) return false;
	for (let i = 0; i < reversed.length; i++) {
		const b = bytes[at - 1 - i];
		if ((b >= 65 && b <= 90 ? b + 32 : b) !== reversed.charCodeAt(i)) return false;
	}
	return true;
}
function inSecretWord(bytes, start, end) {
	const keyword = end - start;
	if (keyword === 3 && spells(bytes, start, "key")) return KEY_PREFIXES.some((reversed) => endsWithReversed(bytes, start, reversed));
	if (keyword === 4 && spells(bytes, start, "pass")) return spells(bytes, end, "word") || spells(bytes, end, "wd") || spells(bytes, end, "phrase");
	if (keyword === 4 && spells(bytes, start, "auth")) return !spells(bytes, end, "or") && !spells(bytes, end, "ent");
	return true;
}
function isNameChar(c) {
	return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95 || c === 46 || c === 45;
}
function isWordChar(c) {
	return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57 || c === 95;
}
function assignmentMatches(text) {
	const out = [];
	let resume = 0;
	const words = SECRET_WORD_ANYWHERE;
	words.lastIndex = 0;
	let w;
	while ((w = words.exec(text)) !== null) {
		let runEnd = w.index + w[0].length;
		while (runEnd < text.length && isNameChar(text.charCodeAt(runEnd))) runEnd++;
		words.lastIndex = runEnd;
		OPERATOR_AT.lastIndex = runEnd;
		if (!OPERATOR_AT.test(text)) continue;
		let runStart = w.index;
		while (runStart > 0 && isNameChar(text.charCodeAt(runStart - 1))) runStart--;
		for (let x = Math.max(runStart, resume, runEnd - MAX_NAME); x < runEnd; x++) {
			if (x > 0 && isWordChar(text.charCodeAt(x - 1))) continue;
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
	if (/[()[\]{}<>]/.test(value)) return true;
	if (/^(?:https?|file):\/\//i.test(value) || /^[./~]/.test(value) || /\/.*\//.test(value) && !/[+=]/.test(value)) return true;
	if (/^[a-z]+(?:[_-][a-z]+)+$/i.test(value)) return true;
	if (/^(?:true|false|null|none|nil|undefined)$/i.test(value)) return true;
	if (/^[\w.@/-]+\.(?:json|ya?ml|toml|txt|xml|csv|log|md|py|[cm]?js|[cm]?ts|jsx|tsx|sh|env|ini|cfg|conf|pem|key|crt|lock|html|zip|gz)$/i.test(value)) return true;
	return false;
}
function isKeyPosition(text, index, matched) {
	const op = /["'\]]?\s*(:=|=>|=|:)/.exec(matched.slice(matched.search(/["'\]\s:=]/)));
	if (!op || op[1] !== ":") return true;
	if (/^["']/.test(text.slice(index - 1, index)) || /["']\s*:/.test(matched)) return true;
	const before = skipBlanksBack(text, index);
	if (before === 0 || text[before - 1] === "\n") return true;
	const c = text[before - 1];
	if (c === "{" || c === "," || c === "(") return true;
	if (c === "-") return atLineStart(text, skipBlanksBack(text, before - 1));
	let wordStart = before;
	while (wordStart > 0 && before - wordStart < 6 && isWordChar(text.charCodeAt(wordStart - 1))) wordStart--;
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
var remediation$1, SECRET_WORD, KEY_PREFIXES, ASSIGNMENT, MAX_NAME, SECRET_WORD_ANYWHERE, OPERATOR_AT, ASSIGNMENT_AT, SOURCE_CODE, PASSWORD_NAME, squash, isBlank, atLineStart, MORE_PARAMETERS, assignment, rules$1;
var init_generic = __esmMin((() => {
	init_placeholder();
	init_rulekit();
	init_secret_names();
	init_value_shapes();
	remediation$1 = {
		rotate: "rotate the value at the system that issued it (regenerate the key, change the password)",
		store: "the platform\u2019s secret store: CI secrets (`gh secret set NAME`), HF Space secrets, Modal Secrets, Prefect Secret blocks, a cloud secret manager",
		read: "from the environment: os.environ[\"NAME\"], process.env.NAME, $NAME"
	};
	SECRET_WORD = String.raw`(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|encryption[_-]?key|signing[_-]?key|master[_-]?key|client[_-]?secret|credentials?|auth(?!or|ent|ori))`;
	KEY_PREFIXES = [
		"api",
		"access",
		"private",
		"encryption",
		"signing",
		"master"
	].flatMap((p) => [
		p,
		`${p}_`,
		`${p}-`
	]).map((p) => [...p].reverse().join(""));
	ASSIGNMENT = new RegExp(String.raw`(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,40}${SECRET_WORD}[A-Za-z0-9_.-]{0,40})["'\]]?\s*(?::=|=>|=|:)\s*(?<q>(?:[rbfu]?["'\`])?)(?<value>[^\s"'\`,;#]{8,256})`, "gi");
	MAX_NAME = 94;
	SECRET_WORD_ANYWHERE = new RegExp(SECRET_WORD, "gi");
	OPERATOR_AT = /["'\]]?\s*[:=]/y;
	ASSIGNMENT_AT = new RegExp(ASSIGNMENT.source, "iy");
	SOURCE_CODE = /\.(?:[cm]?[jt]sx?|py|pyi|rb|go|java|kt|kts|scala|swift|rs|php|cs|c|cc|cpp|h|hpp|m|dart|lua|r|jl|ex|exs|vue|svelte|flow|map)$/i;
	PASSWORD_NAME = /pass|pwd/i;
	squash = (s) => s.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
	isBlank = (c) => c === " " || c === "	" || c === "\r" || c === "\f" || c === "\v";
	atLineStart = (text, at) => at === 0 || text[at - 1] === "\n";
	MORE_PARAMETERS = /&[A-Za-z_][\w.-]{0,40}=/;
	assignment = {
		kind: "content",
		id: "generic-secret-assignment",
		provider: "generic",
		title: "High-entropy value assigned to a secret-named key",
		why: "A random-looking value held by a name like *_TOKEN, *_SECRET, *_API_KEY or password is very likely a live credential.",
		severity: "error",
		remediation: remediation$1,
		keywords: [
			"pass",
			"pwd",
			"secret",
			"token",
			"key",
			"auth",
			"credential"
		],
		fallback: true,
		hitCanMatch: (bytes, start, end) => inSecretWord(bytes, start, end) && assignmentMayFollow(bytes, end),
		match(text, ctx) {
			const out = [];
			for (const m of assignmentMatches(text)) {
				const { name } = m.groups;
				let value = m.groups.value.replace(/(?:\\[nrt])+$/, "");
				if (isQueryParameter(text, m.index) || MORE_PARAMETERS.test(value)) {
					const amp = value.indexOf("&");
					if (amp !== -1) value = value.slice(0, amp);
					if (value.length < 8) continue;
				}
				if (!namesASecret(name)) continue;
				if (squash(value) === squash(name.split(".").pop())) continue;
				if (!isKeyPosition(text, m.index, m[0])) continue;
				if (isCode(value) || !looksRandom(value)) continue;
				const synthetic = isSyntheticSecret(value);
				const shape = nonSecretShape(value);
				if (shape !== void 0 && !((shape === "identifier" || shape === "model-id") && (synthetic || PASSWORD_NAME.test(name)))) continue;
				if (!m.groups.q) {
					if (SOURCE_CODE.test(ctx.path)) continue;
					if (looksLikeIdentifier(value)) continue;
				} else if (isLettersOnlyName(value) && !PASSWORD_NAME.test(name)) continue;
				const start = m.index + m[0].length - m.groups.value.length;
				out.push({
					start,
					end: start + value.length,
					secret: value,
					...synthetic ? {
						severity: "warning",
						message: `Test-looking value assigned to ${name}`
					} : { message: `High-entropy value assigned to ${name}` }
				});
			}
			return out;
		}
	};
	rules$1 = [assignment];
}));
// rules/credential-files.ts
function fileRule(id, title, why, ignorePattern, test) {
	return {
		kind: "path",
		id,
		provider: "credential-files",
		title,
		why,
		severity: "error",
		remediation,
		ignorePattern,
		test: (path) => test(path)
	};
}
var remediation, basename, ENV_TEMPLATES, rules;
var init_credential_files = __esmMin((() => {
	remediation = {
		rotate: "rotate every credential the file held: it stays readable in history even after the file is deleted",
		store: "the platform\u2019s secret store (CI secrets, HF Space secrets, Modal Secrets, Prefect Secret blocks, a cloud secret manager); locally, keep the file but ignore it",
		read: "from the environment (os.environ[\"NAME\"], process.env.NAME); commit a template such as .env.example with placeholder values instead"
	};
	basename = (path) => path.slice(path.lastIndexOf("/") + 1);
	ENV_TEMPLATES = /^\.env\.(example|sample|template|dist|defaults?|schema|tpl|in)$|^\.env\.sentry-build-plugin$/i;
	rules = [
		fileRule("credential-files-dotenv", "Environment file (.env)", ".env files hold the real values of API keys and passwords for local runs; they are meant to stay on one machine.", ".env", (path) => {
			const name = basename(path);
			return /^\.env(\..+)?$/.test(name) && !ENV_TEMPLATES.test(name);
		}),
		fileRule("credential-files-netrc", "netrc file", "A netrc file holds login passwords for hosts (W&B, Heroku, curl \u2026) in plain text.", ".netrc", (path) => /^[._]netrc$/.test(basename(path))),
		fileRule("credential-files-git-credentials", "git credential store (.git-credentials)", "`git credential-store` writes every remembered password and token here as https://user:token@host lines.", ".git-credentials", (path) => basename(path) === ".git-credentials"),
		fileRule("credential-files-local-secrets", "Local secrets module or script", "Files named for secrets (_local_secrets.py, secrets_*.py, *_secrets.sh, *.secret) exist to hold real values outside the code.", "*.secret", (path) => {
			const name = basename(path);
			return name === "_local_secrets.py" || /^secrets_[^/]+\.py$/.test(name) || /_secrets\.sh$/.test(name) || /\.secret$/.test(name);
		}),
		fileRule("credential-files-shell-history", "Shell or REPL history file", "History files record commands as typed, including tokens passed on the command line and exported secrets.", ".*_history", (path) => /^\.(bash|zsh|sh|python|psql|mysql|node_repl|sqlite|irb|rediscli)_history$/.test(basename(path)))
	];
}));
// rules/index.ts
var rules_exports = /* @__PURE__ */ __exportAll({
	allRules: () => allRules,
	providerModules: () => providerModules
});
var providerModules, allRules;
var init_rules = __esmMin((() => {
	init_huggingface();
	init_prefect();
	init_sentry();
	init_modal();
	init_wandb();
	init_openai();
	init_anthropic();
	init_github();
	init_gitlab();
	init_aws();
	init_google();
	init_slack();
	init_stripe();
	init_npm();
	init_pypi();
	init_replicate();
	init_groq();
	init_vercel();
	init_private_key();
	init_url_credentials();
	init_generic();
	init_credential_files();
	providerModules = {
		huggingface: rules$21,
		prefect: rules$20,
		sentry: rules$19,
		modal: rules$18,
		wandb: rules$17,
		openai: rules$16,
		anthropic: rules$15,
		github: rules$14,
		gitlab: rules$13,
		aws: rules$12,
		google: rules$11,
		slack: rules$10,
		stripe: rules$9,
		npm: rules$8,
		pypi: rules$7,
		replicate: rules$6,
		groq: rules$5,
		vercel: rules$4,
		"private-key": rules$3,
		"url-credentials": rules$2,
		generic: rules$1,
		"credential-files": rules
	};
	allRules = Object.values(providerModules).flat();
}));
async function contentRulesFrom(recipe) {
	const { allRules } = await Promise.resolve().then(() => (init_rules(), rules_exports));
	const byId = /* @__PURE__ */ new Map();
	for (const r of [...allRules, ...extraRules(recipe.extra, recipe.source)]) byId.set(r.id, r);
	return recipe.ids.map((id) => {
		const rule = byId.get(id);
		if (rule?.kind !== "content") throw new Error(`rule ${id} is not a content rule this build knows`);
		return rule;
	});
}
var init_rule_set = __esmMin((() => {
	init_config();
	init_extra_rules();
}));
// src/workers/triage.ts
init_git();
init_engine();
init_rule_set();
const { cwd, maxSize, recipe, limit, batchBytes } = node_worker_threads.workerData;
const port = node_worker_threads.parentPort;
let engine;
const ready = contentRulesFrom(recipe).then((rules) => engine = new Engine(rules));
function own(data) {
	const copy = new Uint8Array(data.length);
	copy.set(data);
	return copy;
}
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
	let transfer = [];
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
		}, transfer);
		batch = [];
		transfer = [];
		batchSize = 0;
	};
	const sendWhole = (oid, size, data) => {
		const owned = own(data);
		batch.push({
			oid,
			size,
			data: owned
		});
		transfer.push(owned.buffer);
		batchSize += data.length;
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
			else if (whole) sendWhole(blob.oid, blob.size, blob.data);
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
				else sendWhole(blob.oid, blob.size, blob.data);
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
