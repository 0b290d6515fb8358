Object.defineProperty(exports, Symbol.toStringTag, { value: "Module" });
// \0rolldown/runtime.js
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
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
var __copyProps = (to, from, except, desc) => {
	if (from && typeof from === "object" || typeof from === "function") for (var keys = __getOwnPropNames(from), i = 0, n = keys.length, key; i < n; i++) {
		key = keys[i];
		if (!__hasOwnProp.call(to, key) && key !== except) __defProp(to, key, {
			get: ((k) => from[k]).bind(null, key),
			enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable
		});
	}
	return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(isNodeMode || !mod || !mod.__esModule || !__hasOwnProp.call(mod, "default") ? __defProp(target, "default", {
	value: mod,
	enumerable: true
}) : target, mod));
let node_buffer = require("node:buffer");
let node_module = require("node:module");
let node_fs = require("node:fs");
let node_path = require("node:path");
let node_child_process = require("node:child_process");
let node_url = require("node:url");
let node_crypto = require("node:crypto");
let assert = require("assert");
let path = require("path");
let fs = require("fs");
let util = require("util");
let url = require("url");
let node_os = require("node:os");
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
function hmacSha256Hex(keyHex, text) {
	return loadCrypto().createHmac("sha256", Buffer.from(keyHex, "hex")).update(text).digest("hex");
}
function randomHex(bytes) {
	return loadCrypto().randomBytes(bytes).toString("hex");
}
function preloadSha256() {
	loadCrypto();
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
function keyedFingerprint(key, plain) {
	return hmacSha256Hex(key, plain).slice(0, 32);
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
// src/types.ts
function emptyStats() {
	return {
		files: 0,
		bytes: 0,
		skippedBinary: 0,
		skippedLarge: 0,
		unread: 0,
		warnings: []
	};
}
var init_types$1 = __esmMin((() => {}));
// src/notebook.ts
function joinSource(source) {
	if (typeof source === "string") return source;
	if (Array.isArray(source) && source.every((s) => typeof s === "string")) return source.join("");
}
function stripAnsi$1(text) {
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
			if (!mime.startsWith("text/") && mime !== "application/json" && mime !== "application/javascript") continue;
			const text = typeof value === "string" || Array.isArray(value) ? joinSource(value) : stringifyOutput(value);
			if (text !== void 0) texts.push(text);
		}
		let traceback = "";
		if (Array.isArray(o.traceback)) texts.push(traceback = stripAnsi$1(o.traceback.filter((t) => typeof t === "string").join("\n")));
		if (typeof o.evalue === "string" && !traceback.includes(stripAnsi$1(o.evalue))) texts.push(o.evalue);
	}
	return [...new Set(texts.map((t) => normaliseEol(stripAnsi$1(t))))];
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
	return chunks;
}
var ANSI_ESCAPE;
var init_notebook = __esmMin((() => {
	init_text();
	ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
}));
// src/scan.ts
function formatBytes(n) {
	if (n >= 1048576) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
	if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
	return `${Math.round(n)} B`;
}
var DEFAULT_MAX_FILE_SIZE, Scanner;
var init_scan = __esmMin((() => {
	init_types$1();
	init_text();
	init_notebook();
	DEFAULT_MAX_FILE_SIZE = 5242880;
	Scanner = class {
		engine;
		options;
		findings = [];
		suppressed = [];
		stats = emptyStats();
		lastChunkPath;
		rekeyed = /* @__PURE__ */ new WeakSet();
		constructor(engine, options) {
			this.engine = engine;
			this.options = options;
		}
		isIgnored(path) {
			return this.options.isIgnored?.(path) ?? false;
		}
		add(item) {
			if (item.type !== "finding" && this.isIgnored(item.type === "chunk" ? item.chunk.path : item.path)) return;
			switch (item.type) {
				case "file":
					this.addFile(item.path, item.origin, item.data, item.pathRules ?? true);
					break;
				case "unscanned":
					this.stats.files += item.files ?? 1;
					if (item.binary) this.skip(item.path, "binary");
					else this.stats.bytes += item.size;
					break;
				case "chunk":
					if (item.chunk.path !== this.lastChunkPath) this.stats.files++;
					this.lastChunkPath = item.chunk.path;
					this.stats.bytes += item.chunk.text.length;
					this.keep(this.engine.scan(item.chunk));
					break;
				case "path":
					this.keep(this.engine.scanPath(item.path, item.origin, item.content ?? (() => void 0)));
					break;
				case "skipped":
					this.skip(item.path, item.reason, item.detail);
					break;
				case "finding": this.keep([item.finding]);
			}
		}
		skip(path, reason, detail) {
			if (reason === "binary") this.stats.skippedBinary++;
			else if (reason === "large") {
				this.stats.skippedLarge++;
				this.stats.warnings.push(`skipped ${path}: ${detail ?? "larger than the size limit"} (raise it with --max-file-size)`);
			} else {
				this.stats.unread++;
				this.stats.warnings.push(`could not read ${path}${detail ? `: ${detail}` : ""}`);
			}
		}
		addFile(path, origin, data, pathRules) {
			this.stats.files++;
			let text;
			let decoded = false;
			const content = () => {
				if (!decoded) {
					decoded = true;
					const d = data.length <= this.options.maxFileSize ? decode$1(data) : void 0;
					text = d?.kind === "text" ? d.text : void 0;
				}
				return text;
			};
			if (pathRules) this.keep(this.engine.scanPath(path, origin, content));
			if (data.length > this.options.maxFileSize) {
				this.skip(path, "large", `${formatBytes(data.length)} is over the ${formatBytes(this.options.maxFileSize)} limit`);
				return;
			}
			if (!path.toLowerCase().endsWith(".ipynb")) {
				const found = this.engine.scanBytes(path, data, origin);
				if (found === void 0) {
					this.skip(path, "binary");
					return;
				}
				this.stats.bytes += data.length;
				this.keep(found);
				return;
			}
			const body = content();
			if (body === void 0) {
				this.skip(path, "binary");
				return;
			}
			this.stats.bytes += data.length;
			const cells = notebookChunks(path, body, origin);
			if (cells) {
				for (const chunk of cells) this.keep(this.engine.scan(chunk));
				return;
			}
			this.stats.warnings.push(`${path}: not valid notebook JSON, scanned as plain text`);
			this.keep(this.engine.scan({
				path,
				text: body,
				startLine: 1,
				origin
			}));
		}
		keep(findings) {
			for (const f of findings) {
				if (this.options.adjust && !this.options.adjust(f)) continue;
				if (this.options.fingerprint && !this.rekeyed.has(f)) {
					this.rekeyed.add(f);
					f.fingerprint = this.options.fingerprint(f);
				}
				if (!f.suppressed && this.options.accept) {
					const reason = this.options.accept(f);
					if (reason) f.suppressed = reason;
				}
				(f.suppressed ? this.suppressed : this.findings).push(f);
			}
		}
		result() {
			return {
				findings: this.findings,
				suppressed: this.suppressed,
				stats: this.stats,
				moment: this.options.moment
			};
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
// src/regex-safety.ts
function superLinearShape(source) {
	const stripped = source.replace(/\\./g, "x").replace(/\[(?:[^\]\\]|\\.)*\]/g, "x");
	const stack = [];
	for (let i = 0; i < stripped.length; i++) {
		const ch = stripped[i];
		if (ch === "(") stack.push(i);
		else if (ch === ")") {
			const open = stack.pop();
			if (open === void 0) continue;
			const after = stripped[i + 1];
			if (!(after === "*" || after === "+" || after === "{" && /^\{\d+,\d*\}/.test(stripped.slice(i + 1)) && !/^\{\d+,\d+\}/.test(stripped.slice(i + 1)))) continue;
			const body = stripped.slice(open + 1, i).replace(/^\?(?::|<?[=!]|<[A-Za-z_]\w*>)/, "");
			if (/[*+]|\{\d+,\d*\}/.test(body)) return "a repeated group that contains a repetition";
			if (body.includes("|")) {
				const branches = body.split("|");
				for (let a = 0; a < branches.length; a++) for (let b = 0; b < branches.length; b++) if (a !== b && branches[b].startsWith(branches[a])) return "a repeated alternation whose branches overlap";
			}
		}
	}
}
function unsafePatternReason(source) {
	if (source.length > 1e3) return `is longer than ${MAX_PATTERN_LENGTH} characters`;
	try {
		new RegExp(source);
	} catch (e) {
		return `is not a valid regular expression: ${e.message}`;
	}
	const danger = superLinearShape(source);
	if (danger) return `could take super-linear time (${danger}); rewrite it without nested or overlapping repetition`;
}
var MAX_PATTERN_LENGTH;
var init_regex_safety = __esmMin((() => {
	MAX_PATTERN_LENGTH = 1e3;
}));
// src/scrub.ts
function jsonErrorMessage(e) {
	return (e instanceof Error ? e.message : String(e)).replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)?\s+is not valid JSON$/, " (not valid JSON)");
}
function scrubSecrets(text, rules) {
	let findings;
	try {
		findings = new Engine(rules).scan({
			path: "message",
			text,
			startLine: 1,
			origin: { kind: "stdin" }
		});
	} catch {
		return text;
	}
	let out = text;
	const secrets = [...new Set(findings.map((f) => f.secret).filter((s) => Boolean(s)))].sort((a, b) => b.length - a.length);
	for (const secret of secrets) {
		const shown = findings.find((f) => f.secret === secret)?.preview ?? "[redacted]";
		out = out.split(secret).join(shown);
	}
	return out;
}
async function scrubInternalError(err) {
	const message = err instanceof Error && err.message ? err.message : String(err);
	try {
		const { loadRules } = await Promise.resolve().then(() => (init_cli(), cli_exports));
		return scrubSecrets(message, await loadRules());
	} catch {
		return "(message withheld: it could not be checked for secrets)";
	}
}
var init_scrub = __esmMin((() => {
	init_engine();
}));
// src/config.ts
var config_exports = /* @__PURE__ */ __exportAll({
	CONFIG_FILE: () => CONFIG_FILE,
	ConfigError: () => ConfigError,
	checkRuleIds: () => checkRuleIds,
	compileConfig: () => compileConfig,
	defaultConfig: () => defaultConfig,
	loadConfig: () => loadConfig,
	parseConfig: () => parseConfig,
	superLinearShape: () => superLinearShape
});
function defaultConfig() {
	return {
		ignorePaths: [],
		allowlist: emptyAllowlist(),
		disabledRules: [],
		severity: {},
		rules: [],
		gitignore: {},
		overrides: []
	};
}
function emptyAllowlist() {
	return {
		paths: [],
		values: [],
		regexes: []
	};
}
function parseExtraRule(r, value, key) {
	const obj = r.object(value, key);
	r.keys(obj, [
		"id",
		"provider",
		"title",
		"regex",
		"keywords",
		"entropy",
		"severity",
		"remediation"
	], `${key}.`);
	const id = r.string(obj.id, `${key}.id`);
	if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) r.fail(`${key}.id`, "must be kebab-case (letters, digits and dashes)");
	const regex = r.string(obj.regex, `${key}.regex`);
	r.regex(regex, `${key}.regex`);
	const keywords = r.strings(obj.keywords, `${key}.keywords`);
	if (keywords.length === 0) r.fail(`${key}.keywords`, "needs at least one keyword (a literal every match contains): the prefilter runs rules only where their keywords occur");
	keywords.forEach((k, i) => {
		if (k.length === 0 || !/^[\x20-\x7e]+$/.test(k)) r.fail(`${key}.keywords[${i}]`, "must be non-empty printable ASCII");
	});
	const rule = {
		id,
		provider: obj.provider === void 0 ? "custom" : r.string(obj.provider, `${key}.provider`),
		title: obj.title === void 0 ? id : r.string(obj.title, `${key}.title`),
		regex,
		keywords,
		severity: obj.severity === void 0 ? "error" : r.severity(obj.severity, `${key}.severity`),
		remediation: {}
	};
	if (obj.entropy !== void 0) {
		if (typeof obj.entropy !== "number" || obj.entropy < 0 || obj.entropy > 8) r.fail(`${key}.entropy`, "must be a number of bits per character between 0 and 8");
		rule.entropy = obj.entropy;
	}
	if (obj.remediation !== void 0) {
		const rem = r.object(obj.remediation, `${key}.remediation`);
		r.keys(rem, [
			"rotate",
			"store",
			"read",
			"note"
		], `${key}.remediation.`);
		for (const [k, v] of Object.entries(rem)) rule.remediation[k] = r.string(v, `${key}.remediation.${k}`);
	}
	return rule;
}
function parseOverride(r, value, key) {
	const obj = r.object(value, key);
	r.keys(obj, [
		"files",
		"disabledRules",
		"severity",
		"allowlist"
	], `${key}.`);
	if (obj.files === void 0) r.fail(`${key}.files`, "is required (a glob or a list of globs)");
	return {
		files: r.globs(obj.files, `${key}.files`),
		disabledRules: obj.disabledRules === void 0 ? [] : r.strings(obj.disabledRules, `${key}.disabledRules`),
		severity: obj.severity === void 0 ? {} : r.severities(obj.severity, `${key}.severity`),
		allowlist: obj.allowlist === void 0 ? emptyAllowlist() : r.allowlist(obj.allowlist, `${key}.allowlist`)
	};
}
function parseVerify(r, value) {
	if (typeof value === "boolean") return { enabled: value };
	if (!value || typeof value !== "object" || Array.isArray(value)) r.fail("verify", "must be true, false or an object { enabled, invalidSeverity }");
	const obj = value;
	r.keys(obj, ["enabled", "invalidSeverity"], "verify.");
	if (obj.enabled !== void 0 && typeof obj.enabled !== "boolean") r.fail("verify.enabled", "must be true or false");
	const out = { enabled: obj.enabled === true };
	if (obj.invalidSeverity !== void 0) out.invalidSeverity = r.severity(obj.invalidSeverity, "verify.invalidSeverity");
	return out;
}
function parseConfig(raw, source) {
	const config = defaultConfig();
	config.source = source;
	const r = new Reader(source);
	if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw new ConfigError(`${source}: the configuration must be a JSON object`);
	for (const [key, value] of Object.entries(raw)) switch (key) {
		case "$schema":
		case "description": break;
		case "ignorePaths":
			config.ignorePaths = r.globs(value, key);
			break;
		case "disabledRules":
			config.disabledRules = r.strings(value, key);
			break;
		case "severity":
			config.severity = r.severities(value, key);
			break;
		case "maxFileSize":
			if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) r.fail(key, "must be a positive whole number of bytes");
			config.maxFileSize = value;
			break;
		case "allowlist":
			config.allowlist = r.allowlist(value, key);
			break;
		case "rules":
			if (!Array.isArray(value)) r.fail(key, "must be an array of rules");
			config.rules = value.map((v, i) => parseExtraRule(r, v, `rules[${i}]`));
			break;
		case "gitignore": {
			const obj = r.object(value, key);
			r.keys(obj, ["required"], "gitignore.");
			if (obj.required !== void 0) config.gitignore.required = r.strings(obj.required, "gitignore.required");
			break;
		}
		case "overrides":
			if (!Array.isArray(value)) r.fail(key, "must be an array of { files, disabledRules?, severity?, allowlist? }");
			config.overrides = value.map((v, i) => parseOverride(r, v, `overrides[${i}]`));
			break;
		case "verify":
			config.verify = parseVerify(r, value);
			break;
		default: throw new ConfigError(`${source}: unknown key "${key}"`);
	}
	return config;
}
function checkRuleIds(config, known) {
	const where = config.source ?? "configuration";
	const check = (id, key) => {
		if (!known.has(id)) throw new ConfigError(`${where}: "${key}" names an unknown rule "${id}" (leaklint rules lists them)`);
	};
	config.disabledRules.forEach((id) => check(id, "disabledRules"));
	Object.keys(config.severity).forEach((id) => check(id, `severity.${id}`));
	config.overrides.forEach((o, i) => {
		o.disabledRules.forEach((id) => check(id, `overrides[${i}].disabledRules`));
		Object.keys(o.severity).forEach((id) => check(id, `overrides[${i}].severity.${id}`));
	});
}
function loadConfig(dir, explicit) {
	const read = (file) => {
		try {
			return JSON.parse((0, node_fs.readFileSync)(file, "utf8"));
		} catch (e) {
			throw new ConfigError(`${file}: ${jsonErrorMessage(e)}`);
		}
	};
	if (explicit) {
		if (!(0, node_fs.existsSync)(explicit)) throw new ConfigError(`config file not found: ${explicit}`);
		return parseConfig(read(explicit), explicit);
	}
	const file = (0, node_path.join)(dir, CONFIG_FILE);
	if ((0, node_fs.existsSync)(file)) return parseConfig(read(file), CONFIG_FILE);
	const pkg = (0, node_path.join)(dir, "package.json");
	if ((0, node_fs.existsSync)(pkg)) {
		const json = read(pkg);
		if (json && typeof json === "object" && "leaklint" in json) return parseConfig(json.leaklint, "package.json \"leaklint\"");
	}
	return defaultConfig();
}
function allowlistMatcher(list, label) {
	const paths = list.paths.length ? (0, import_picomatch.default)(list.paths, { dot: true }) : () => false;
	const values = new Set(list.values);
	const regexes = list.regexes.map((r) => new RegExp(r));
	return (finding) => {
		if (paths(finding.file)) return `${label}: allowlisted path`;
		if (finding.secret && values.has(finding.secret)) return `${label}: allowlisted value`;
		if (finding.secret && regexes.some((r) => r.test(finding.secret))) return `${label}: allowlisted pattern`;
	};
}
function compileConfig(config) {
	const glob = (patterns) => patterns.length ? (0, import_picomatch.default)(patterns, { dot: true }) : () => false;
	const ignored = glob(config.ignorePaths);
	const disabled = new Set(config.disabledRules);
	const allow = allowlistMatcher(config.allowlist, "config");
	const overrides = config.overrides.map((o, i) => ({
		...o,
		matches: glob(o.files),
		allow: allowlistMatcher(o.allowlist, `config overrides[${i}]`),
		disabled: new Set(o.disabledRules)
	}));
	return {
		isIgnored: (path) => ignored(normalisePath(path)),
		isDisabled: (ruleId) => disabled.has(ruleId),
		adjust(finding) {
			const global = config.severity[finding.ruleId];
			if (global) finding.severity = global;
			for (const o of overrides) {
				if (!o.matches(finding.file)) continue;
				if (o.disabled.has(finding.ruleId)) return false;
				const s = o.severity[finding.ruleId];
				if (s) finding.severity = s;
			}
			return true;
		},
		accept(finding) {
			const reason = allow(finding);
			if (reason) return reason;
			for (const o of overrides) if (o.matches(finding.file)) {
				const r = o.allow(finding);
				if (r) return r;
			}
		}
	};
}
var import_picomatch, CONFIG_FILE, ConfigError, SEVERITIES, Reader;
var init_config = __esmMin((() => {
	import_picomatch = /* @__PURE__ */ __toESM(require_picomatch(), 1);
	init_redact();
	init_regex_safety();
	init_scrub();
	CONFIG_FILE = "leaklint.config.json";
	ConfigError = class extends Error {};
	SEVERITIES = [
		"error",
		"warning",
		"info"
	];
	Reader = class {
		source;
		constructor(source) {
			this.source = source;
		}
		fail(key, what) {
			throw new ConfigError(`${this.source}: "${key}" ${what}`);
		}
		object(value, key) {
			if (!value || typeof value !== "object" || Array.isArray(value)) this.fail(key, "must be an object");
			return value;
		}
		strings(value, key) {
			if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) this.fail(key, "must be an array of strings");
			return value;
		}
		globs(value, key) {
			return (typeof value === "string" ? [value] : this.strings(value, key)).map((g) => g.split("\\").join("/"));
		}
		string(value, key) {
			if (typeof value !== "string" || value === "") this.fail(key, "must be a non-empty string");
			return value;
		}
		severity(value, key) {
			if (typeof value !== "string" || !SEVERITIES.includes(value)) this.fail(key, `must be one of ${SEVERITIES.join(", ")}`);
			return value;
		}
		severities(value, key) {
			const out = {};
			for (const [id, s] of Object.entries(this.object(value, key))) out[id] = this.severity(s, `${key}.${id}`);
			return out;
		}
		keys(obj, allowed, prefix) {
			for (const k of Object.keys(obj)) if (!allowed.includes(k)) this.fail(`${prefix}${k}`, `is not a known key (expected ${allowed.join(", ")})`);
		}
		allowlist(value, key) {
			const obj = this.object(value, key);
			this.keys(obj, [
				"paths",
				"values",
				"regexes"
			], `${key}.`);
			const out = emptyAllowlist();
			if (obj.paths !== void 0) out.paths = this.globs(obj.paths, `${key}.paths`);
			if (obj.values !== void 0) out.values = this.strings(obj.values, `${key}.values`);
			if (obj.regexes !== void 0) {
				out.regexes = this.strings(obj.regexes, `${key}.regexes`);
				out.regexes.forEach((re, i) => this.regex(re, `${key}.regexes[${i}]`));
			}
			return out;
		}
		regex(source, key) {
			const reason = unsafePatternReason(source);
			if (reason) this.fail(key, reason);
		}
	};
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
var remediation$18, helpUri$11, userToken$1, orgToken$1, tokenFile, rules$21;
var init_huggingface = __esmMin((() => {
	init_rulekit();
	remediation$18 = {
		rotate: "https://huggingface.co/settings/tokens \u2192 Manage \u2192 Refresh or Delete (there is no CLI revoke; `hf auth logout` only removes the local copy)",
		store: "Hugging Face Space secrets (Settings \u2192 Variables and secrets), a Colab secret named HF_TOKEN, or a CI secret (`gh secret set HF_TOKEN`)",
		read: "os.environ[\"HF_TOKEN\"] (huggingface_hub reads HF_TOKEN by itself); in GitHub Actions `${{ secrets.HF_TOKEN }}`"
	};
	helpUri$11 = "https://huggingface.co/docs/hub/security-tokens";
	userToken$1 = regexRule({
		id: "huggingface-user-token",
		provider: "huggingface",
		title: "Hugging Face user access token",
		why: "A Hugging Face token can read, and with write or fine-grained scopes push to, every model, dataset and Space its owner can reach.",
		severity: "error",
		remediation: remediation$18,
		helpUri: helpUri$11,
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
		helpUri: helpUri$11,
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
		helpUri: helpUri$10,
		keywords: [prefix],
		pattern: new RegExp(`${LEFT}(?<secret>${prefix}(?<body>[A-Za-z0-9]{36}))${RIGHT}`),
		visiblePrefix: 4,
		validate: (_s, m) => !looksLikeIdentifier(m.groups.body)
	});
}
var remediation$17, helpUri$10, userKey, serviceAccountKey, authString, KEY_IN_PROFILE, profiles, rules$20;
var init_prefect = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	remediation$17 = {
		rotate: "Prefect Cloud (https://app.prefect.cloud) \u2192 account icon, bottom left \u2192 API Keys (service accounts: Account \u2192 Service Accounts \u2192 regenerate); delete the leaked key and create a new one with an expiry",
		store: "the CI secret store (`gh secret set PREFECT_API_KEY`) or the worker\u2019s environment; other credentials a flow needs go in a Prefect Secret block (`Secret(value=\u2026).save(\"name\")`)",
		read: "Prefect reads PREFECT_API_KEY from the environment by itself; in flows, `Secret.load(\"name\").get()`"
	};
	helpUri$10 = "https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys";
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
var remediation$16, helpUri$9, orgToken, userToken, CLI_CONFIG, legacyToken, DSN, dsnSecret, TOKEN_LINE, buildPluginEnv, cliConfig, rules$19;
var init_sentry = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	remediation$16 = {
		rotate: "Sentry \u2192 Settings \u2192 Developer Settings \u2192 Organization Tokens (personal tokens: https://sentry.io/settings/account/api/auth-tokens/) \u2192 revoke, then create a new one",
		store: "the CI secret store (`gh secret set SENTRY_AUTH_TOKEN`, Vercel sensitive env vars, EAS secrets); locally a git-ignored .env.sentry-build-plugin",
		read: "sentry-cli and the bundler plugins read SENTRY_AUTH_TOKEN from the environment; in GitHub Actions `${{ secrets.SENTRY_AUTH_TOKEN }}`"
	};
	helpUri$9 = "https://docs.sentry.io/account/auth-tokens/";
	orgToken = regexRule({
		id: "sentry-org-token",
		provider: "sentry",
		title: "Sentry organization auth token",
		why: "An org token uploads source maps and releases and, depending on its scopes, can read and change the organization\u2019s projects.",
		severity: "error",
		remediation: remediation$16,
		helpUri: helpUri$9,
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
		helpUri: helpUri$9,
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
		helpUri: helpUri$9,
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
var remediation$15, helpUri$8, TOKEN, PLACEHOLDER_WORDS, isAlnum, PAIR_DISTANCE$1, token$3, config, rules$18;
var init_modal = __esmMin((() => {
	init_rulekit();
	remediation$15 = {
		rotate: "Modal dashboard \u2192 workspace settings \u2192 API tokens (https://modal.com/settings/<workspace>/tokens): delete the token (`modal token new` makes a new one but does not revoke the old)",
		store: "CI secrets MODAL_TOKEN_ID / MODAL_TOKEN_SECRET (`gh secret set MODAL_TOKEN_SECRET`), preferably for a service user; credentials your Modal functions use go in Modal Secrets (`modal secret create NAME KEY=VALUE`)",
		read: "the Modal client reads MODAL_TOKEN_ID and MODAL_TOKEN_SECRET from the environment; in functions, `modal.Secret.from_name(\"name\")`"
	};
	helpUri$8 = "https://modal.com/docs/reference/modal.config";
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
		helpUri: helpUri$8,
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
var remediation$14, helpUri$7, apiKey$2, LEGACY, legacyKey, netrc, rules$17;
var init_wandb = __esmMin((() => {
	init_rulekit();
	remediation$14 = {
		rotate: "Weights & Biases \u2192 User settings \u2192 API keys (https://wandb.ai/authorize): create a new key, delete the leaked one",
		store: "a CI secret WANDB_API_KEY (`gh secret set WANDB_API_KEY`), a Modal Secret (W&B template), an HF Space secret or a Colab secret",
		read: "wandb reads WANDB_API_KEY from the environment by itself; call `wandb.login()` without a key"
	};
	helpUri$7 = "https://docs.wandb.ai/guides/track/environment-variables/";
	apiKey$2 = regexRule({
		id: "wandb-api-key",
		provider: "wandb",
		title: "Weights & Biases API key",
		why: "A W&B key reads and writes every project, run, artifact and model its owner can reach.",
		severity: "error",
		remediation: remediation$14,
		helpUri: helpUri$7,
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
		helpUri: helpUri$7,
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
		helpUri: helpUri$7,
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
		helpUri: helpUri$6,
		keywords: [`sk-ant-${kind}`],
		pattern: new RegExp(`${LEFT}(?<secret>sk-ant-${kind}(?<version>\\d{2})-[A-Za-z0-9_-]{93}AA)${RIGHT_WITH_DASH}`),
		visiblePrefix: (s) => s.indexOf("-", 8) + 1,
		validate: (_s, m) => m.groups.version === knownVersion ? true : {
			severity: "warning",
			message: `${title} (unknown key version ${m.groups.version})`
		}
	});
}
var remediation$13, helpUri$6, rules$15;
var init_anthropic = __esmMin((() => {
	init_rulekit();
	remediation$13 = {
		rotate: "Anthropic Console \u2192 Settings \u2192 API keys (https://console.anthropic.com/settings/keys, moving to platform.claude.com): disable or delete the key, then create a new one",
		store: "the CI or platform secret store (`gh secret set ANTHROPIC_API_KEY`), with workspace-scoped keys",
		read: "the Anthropic SDK reads ANTHROPIC_API_KEY from the environment by itself"
	};
	helpUri$6 = "https://docs.anthropic.com/en/api/getting-started";
	rules$15 = [keyRule("anthropic-api-key", "api", "03", "Anthropic API key", "An Anthropic key spends its workspace\u2019s credit on the Claude API."), keyRule("anthropic-admin-key", "admin", "01", "Anthropic Admin API key", "An Admin key manages the organization: members, workspaces and other API keys.")];
}));
// rules/github.ts
var remediation$12, helpUri$5, KINDS, classic$1, fineGrained, rules$14;
var init_github$1 = __esmMin((() => {
	init_rulekit();
	remediation$12 = {
		rotate: "https://github.com/settings/tokens (fine-grained: https://github.com/settings/personal-access-tokens) \u2192 delete the token; OAuth apps: Settings \u2192 Applications \u2192 Revoke",
		store: "GitHub Actions secrets (`gh secret set NAME`), or better no PAT at all: the job\u2019s GITHUB_TOKEN with a `permissions:` block, or a GitHub App token",
		read: "`${{ secrets.NAME }}` in workflows; GH_TOKEN / GITHUB_TOKEN from the environment in scripts"
	};
	helpUri$5 = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation";
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
		helpUri: helpUri$5,
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
		helpUri: helpUri$5,
		keywords: ["github_pat_"],
		pattern: new RegExp(`${LEFT}(?<secret>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})${RIGHT}`),
		visiblePrefix: 11
	});
	rules$14 = [classic$1, fineGrained];
}));
// rules/gitlab.ts
var remediation$11, helpUri$4, pat, PREFIXES, other, rules$13;
var init_gitlab$1 = __esmMin((() => {
	init_rulekit();
	remediation$11 = {
		rotate: "https://gitlab.com/-/user_settings/personal_access_tokens \u2192 revoke (or `POST /api/v4/personal_access_tokens/self/rotate`); project and group tokens in their settings",
		store: "GitLab CI/CD variables, masked, hidden and protected; better an OIDC ID token or CI_JOB_TOKEN",
		read: "`$GITLAB_TOKEN` (a CI/CD variable) in jobs"
	};
	helpUri$4 = "https://docs.gitlab.com/security/tokens/";
	pat = regexRule({
		id: "gitlab-personal-access-token",
		provider: "gitlab",
		title: "GitLab personal access token",
		why: "A GitLab token acts as its user: with the api scope it reads and writes every project they can reach.",
		severity: "error",
		remediation: remediation$11,
		helpUri: helpUri$4,
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
		helpUri: helpUri$4,
		keywords: [...PREFIXES.map((p) => `${p}-`), "GR1348941"],
		pattern: new RegExp(`${LEFT}(?<secret>(?:${PREFIXES.join("|")})-[A-Za-z0-9_-]{20,300}|GR1348941[A-Za-z0-9_-]{20})${RIGHT_WITH_DASH}`),
		visiblePrefix: (s) => s.startsWith("GR1348941") ? 9 : s.indexOf("-") + 1
	});
	rules$13 = [pat, other];
}));
// rules/aws.ts
var remediation$10, helpUri$3, KEY_ID, NAMED_SECRET, PAIR_DISTANCE, accessKey, secretKey$1, credentialsFile, rules$12;
var init_aws = __esmMin((() => {
	init_rulekit();
	remediation$10 = {
		rotate: "`aws iam create-access-key` (new key first), then `aws iam update-access-key --access-key-id <id> --status Inactive` and `aws iam delete-access-key`; temporary keys: the role\u2019s \"Revoke active sessions\"",
		store: "AWS Secrets Manager or SSM Parameter Store for applications; in CI no key at all: GitHub OIDC with aws-actions/configure-aws-credentials and a role",
		read: "the AWS SDKs read AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or a profile, or the role) by themselves"
	};
	helpUri$3 = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html";
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
		helpUri: helpUri$3,
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
		helpUri: helpUri$3,
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
var remediation$8, token$2, webhook, rules$10;
var init_slack = __esmMin((() => {
	init_rulekit();
	remediation$8 = {
		rotate: "https://api.slack.com/apps \u2192 the app \u2192 OAuth & Permissions: revoke or reinstall (enable token rotation there)",
		store: "the CI or platform secret store (`gh secret set SLACK_BOT_TOKEN`)",
		read: "SLACK_BOT_TOKEN / SLACK_APP_TOKEN from the environment"
	};
	token$2 = regexRule({
		id: "slack-token",
		provider: "slack",
		title: "Slack token",
		why: "A Slack token reads and posts messages, files and member lists in the workspace as its bot or user.",
		severity: "error",
		remediation: remediation$8,
		helpUri: "https://api.slack.com/authentication/token-types",
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
var remediation$7, secretKey, webhookSecret, rules$9;
var init_stripe = __esmMin((() => {
	init_rulekit();
	remediation$7 = {
		rotate: "https://dashboard.stripe.com/apikeys \u2192 Roll key (webhook secrets: Developers \u2192 Webhooks \u2192 the endpoint \u2192 Roll secret)",
		store: "the platform or CI secret store, with restricted keys of minimal permissions",
		read: "STRIPE_SECRET_KEY from the environment on the server only (never in NEXT_PUBLIC_ / VITE_ variables)"
	};
	secretKey = regexRule({
		id: "stripe-secret-key",
		provider: "stripe",
		title: "Stripe secret or restricted key",
		why: "A live Stripe secret key moves money: it creates charges and refunds and reads customer data.",
		severity: "error",
		remediation: remediation$7,
		helpUri: "https://docs.stripe.com/keys",
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
var remediation$6, helpUri$2, token$1, legacy, AUTH_LINE, npmrc, rules$8;
var init_npm = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	remediation$6 = {
		rotate: "https://www.npmjs.com/settings/<user>/tokens, or `npm token list` then `npm token revoke <id>`",
		store: "npm Trusted Publishing (OIDC from GitHub Actions or GitLab CI, no token at all); otherwise a CI secret NPM_TOKEN",
		read: "`//registry.npmjs.org/:_authToken=${NPM_TOKEN}` in .npmrc, with NPM_TOKEN (or NODE_AUTH_TOKEN for actions/setup-node) from the environment"
	};
	helpUri$2 = "https://docs.npmjs.com/about-access-tokens";
	token$1 = regexRule({
		id: "npm-access-token",
		provider: "npm",
		title: "npm access token",
		why: "An npm token can publish new versions of every package its owner maintains: a supply-chain risk for all their users.",
		severity: "error",
		remediation: remediation$6,
		helpUri: helpUri$2,
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
		helpUri: helpUri$2,
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
var remediation$5, token, PASSWORD, pypirc, rules$7;
var init_pypi = __esmMin((() => {
	init_rulekit();
	init_placeholder();
	remediation$5 = {
		rotate: "https://pypi.org/manage/account/token/ \u2192 remove the token (project-scoped tokens: the project\u2019s settings)",
		store: "PyPI Trusted Publishing (pypa/gh-action-pypi-publish with `id-token: write`, no token stored); otherwise a project-scoped token as a CI secret",
		read: "TWINE_USERNAME=__token__ and TWINE_PASSWORD (or UV_PUBLISH_TOKEN) from the environment"
	};
	token = regexRule({
		id: "pypi-token",
		provider: "pypi",
		title: "PyPI API token",
		why: "A PyPI token uploads releases of the projects it covers: a supply-chain risk for every user of them.",
		severity: "error",
		remediation: remediation$5,
		helpUri: "https://pypi.org/help/#apitoken",
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
var remediation, basename$5, ENV_TEMPLATES, rules;
var init_credential_files = __esmMin((() => {
	remediation = {
		rotate: "rotate every credential the file held: it stays readable in history even after the file is deleted",
		store: "the platform\u2019s secret store (CI secrets, HF Space secrets, Modal Secrets, Prefect Secret blocks, a cloud secret manager); locally, keep the file but ignore it",
		read: "from the environment (os.environ[\"NAME\"], process.env.NAME); commit a template such as .env.example with placeholder values instead"
	};
	basename$5 = (path) => path.slice(path.lastIndexOf("/") + 1);
	ENV_TEMPLATES = /^\.env\.(example|sample|template|dist|defaults?|schema|tpl|in)$|^\.env\.sentry-build-plugin$/i;
	rules = [
		fileRule("credential-files-dotenv", "Environment file (.env)", ".env files hold the real values of API keys and passwords for local runs; they are meant to stay on one machine.", ".env", (path) => {
			const name = basename$5(path);
			return /^\.env(\..+)?$/.test(name) && !ENV_TEMPLATES.test(name);
		}),
		fileRule("credential-files-netrc", "netrc file", "A netrc file holds login passwords for hosts (W&B, Heroku, curl \u2026) in plain text.", ".netrc", (path) => /^[._]netrc$/.test(basename$5(path))),
		fileRule("credential-files-git-credentials", "git credential store (.git-credentials)", "`git credential-store` writes every remembered password and token here as https://user:token@host lines.", ".git-credentials", (path) => basename$5(path) === ".git-credentials"),
		fileRule("credential-files-local-secrets", "Local secrets module or script", "Files named for secrets (_local_secrets.py, secrets_*.py, *_secrets.sh, *.secret) exist to hold real values outside the code.", "*.secret", (path) => {
			const name = basename$5(path);
			return name === "_local_secrets.py" || /^secrets_[^/]+\.py$/.test(name) || /_secrets\.sh$/.test(name) || /\.secret$/.test(name);
		}),
		fileRule("credential-files-shell-history", "Shell or REPL history file", "History files record commands as typed, including tokens passed on the command line and exported secrets.", ".*_history", (path) => /^\.(bash|zsh|sh|python|psql|mysql|node_repl|sqlite|irb|rediscli)_history$/.test(basename$5(path)))
	];
}));
// rules/index.ts
var rules_exports$1 = /* @__PURE__ */ __exportAll({
	allRules: () => allRules,
	providerModules: () => providerModules
});
var providerModules, allRules;
var init_rules$2 = __esmMin((() => {
	init_huggingface();
	init_prefect();
	init_sentry();
	init_modal();
	init_wandb();
	init_openai();
	init_anthropic();
	init_github$1();
	init_gitlab$1();
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
// src/repo/rules.ts
var rules_exports = /* @__PURE__ */ __exportAll({
	extraHeaderCredential: () => extraHeaderCredential,
	gitignoreMissing: () => gitignoreMissing,
	remoteCredential: () => remoteCredential,
	repoFinding: () => repoFinding,
	repoRules: () => repoRules,
	trackedIgnored: () => trackedIgnored
});
function repoFinding(rule, file, message, opts = {}) {
	return {
		ruleId: rule.id,
		provider: opts.provider ?? rule.provider,
		severity: opts.severity ?? rule.severity,
		message,
		file,
		line: 1,
		column: 1,
		endLine: 1,
		endColumn: 1,
		secret: opts.secret ?? "",
		preview: opts.preview ?? "",
		fingerprint: fingerprint(rule.id, file, opts.secret ?? message),
		origin: { kind: "repo" },
		kind: "repo"
	};
}
var gitignoreMissing, trackedIgnored, remoteCredential, extraHeaderCredential, repoRules;
var init_rules$1 = __esmMin((() => {
	init_redact();
	gitignoreMissing = {
		kind: "repo",
		id: "repo-gitignore-missing-patterns",
		provider: "repo",
		title: ".gitignore does not exclude credential files",
		why: "Without these patterns, `git add .` picks up .env files, CLI credential files and keys the next time one lands in the tree.",
		severity: "warning",
		remediation: { note: "Run `leaklint gitignore --fix` to append the missing patterns (idempotent), then commit .gitignore." }
	};
	trackedIgnored = {
		kind: "repo",
		id: "repo-tracked-ignored-file",
		provider: "repo",
		title: "Tracked file that .gitignore now excludes",
		why: "Ignore rules do not apply to files already tracked: this file is still committed with every change.",
		severity: "warning",
		remediation: { note: "Stop tracking it: `git rm --cached <file>` and commit; rotate anything it held." }
	};
	remoteCredential = {
		kind: "repo",
		id: "repo-remote-url-credential",
		provider: "repo",
		title: "Credential embedded in a git remote URL",
		why: "A token in a remote URL sits in plain text in .git/config (or the committed .gitmodules) and leaks with any copy of the .git directory: CI artifacts, Docker build contexts, backups.",
		severity: "error",
		remediation: {
			rotate: "rotate the token at its provider (the finding names it when leaklint recognises it)",
			store: "a credential helper (`gh auth setup-git`, `hf auth login --add-to-git-credential`, Git Credential Manager) or SSH",
			read: "git asks the credential helper (or the SSH agent) for the token when it connects; the URL holds none",
			note: "Clean the URL: `git remote set-url <name> https://host/owner/repo.git` (for .gitmodules, edit the url and run `git submodule sync`)."
		}
	};
	extraHeaderCredential = {
		kind: "repo",
		id: "repo-http-extraheader-credential",
		provider: "repo",
		title: "Credential in an http.extraHeader of the git config",
		why: "git sends http.<url>.extraHeader with every request, and .git/config keeps it in plain text: `actions/checkout` persists `AUTHORIZATION: basic <token>` there by default, and it leaks with any copy of the .git directory (an uploaded artifact, a Docker build context, a cache) while the token is still valid.",
		severity: "error",
		remediation: {
			rotate: "revoke a personal access token the header holds at its provider; a GitHub Actions job token (ghs_) expires when its job ends",
			store: "a credential helper (`gh auth setup-git`, Git Credential Manager) or SSH; in GitHub Actions, `actions/checkout` with `persist-credentials: false`, passing a token only to the step that pushes",
			read: "git asks the credential helper when it connects; no header is stored",
			note: "Remove it: `git config --unset-all http.<url>.extraheader` (the finding names the key). In GitHub Actions, `persist-credentials: false` on actions/checkout keeps it from being written."
		}
	};
	repoRules = [
		gitignoreMissing,
		trackedIgnored,
		remoteCredential,
		extraHeaderCredential
	];
}));
// src/rule-set.ts
async function loadRules() {
	const { allRules } = await Promise.resolve().then(() => (init_rules$2(), rules_exports$1));
	const { repoRules } = await Promise.resolve().then(() => (init_rules$1(), rules_exports));
	return [...allRules, ...repoRules];
}
async function rulesFor(config) {
	const builtIn = await loadRules();
	const ids = new Set(builtIn.map((r) => r.id));
	for (const r of config.rules) {
		if (ids.has(r.id)) throw new ConfigError(`${config.source ?? "configuration"}: rules: "${r.id}" is already a built-in rule id`);
		ids.add(r.id);
	}
	checkRuleIds(config, ids);
	return [...builtIn, ...extraRules(config.rules, config.source)];
}
function recipeOf(rules, config) {
	return {
		ids: rules.filter((r) => r.kind === "content").map((r) => r.id),
		extra: config.rules,
		...config.source !== void 0 ? { source: config.source } : {}
	};
}
var init_rule_set = __esmMin((() => {
	init_config();
	init_extra_rules();
}));
// src/safe-write.ts
function within(dir, path) {
	const rel = (0, node_path.relative)(dir, path);
	return rel === "" || !rel.startsWith("..") && !(0, node_path.isAbsolute)(rel);
}
function refuse(target, why, verb = "write") {
	throw new UnsafeWriteError(`refusing to ${verb} ${target}: ${why}`);
}
function checkedDir(bound, dir, opts = {}) {
	const target = opts.target ?? dir;
	const verb = opts.verb ?? "write";
	const realBound = (0, node_fs.realpathSync)(bound);
	const rel = (0, node_path.relative)((0, node_path.resolve)(bound), (0, node_path.resolve)(dir));
	if (rel.startsWith("..") || (0, node_path.isAbsolute)(rel)) refuse(target, `it is outside ${bound}`, verb);
	let cur = realBound;
	for (const part of rel.split(node_path.sep).filter(Boolean)) {
		const next = (0, node_path.join)(cur, part);
		let real;
		try {
			real = (0, node_fs.realpathSync)(next);
		} catch (e) {
			if (e.code !== "ENOENT") throw e;
		}
		if (real === void 0) {
			if (!opts.create) refuse(target, `${next} does not exist`, verb);
			try {
				(0, node_fs.mkdirSync)(next, 493);
			} catch (e) {
				refuse(target, `${next} cannot be created (${e.code ?? e.message})`, verb);
			}
			real = next;
		}
		if (!within(realBound, real)) refuse(target, `${next} is a symlink to ${real}, outside ${bound}`, verb);
		if (!(0, node_fs.lstatSync)(real).isDirectory()) refuse(target, `${next} is not a directory`, verb);
		cur = real;
	}
	return cur;
}
function existing(target, verb = "write") {
	let st;
	try {
		st = (0, node_fs.lstatSync)(target);
	} catch (e) {
		if (e.code === "ENOENT") return void 0;
		throw e;
	}
	if (st.isSymbolicLink()) refuse(target, `it is a symlink (leaklint never ${verb}s through one)`, verb);
	if (!st.isFile()) refuse(target, "it is not a regular file", verb);
	return { mode: st.mode & 4095 };
}
function writeAll$1(fd, text) {
	const buf = Buffer.from(text, "utf8");
	let at = 0;
	while (at < buf.length) at += (0, node_fs.writeSync)(fd, buf, at, buf.length - at);
}
function defaultMode() {
	return 438 & ~process.umask();
}
function writeFileWithin(bound, target, content, opts = {}) {
	const dir = checkedDir(bound, (0, node_path.dirname)((0, node_path.resolve)(target)), {
		create: opts.createDirs,
		target
	});
	const file = (0, node_path.join)(dir, (0, node_path.basename)(target));
	const before = existing(file);
	const mode = opts.mode ?? before?.mode ?? defaultMode();
	const tmp = (0, node_path.join)(dir, `.${(0, node_path.basename)(target)}.leaklint-${process.pid}-${++written}.tmp`);
	let fd;
	try {
		fd = (0, node_fs.openSync)(tmp, node_fs.constants.O_WRONLY | node_fs.constants.O_CREAT | node_fs.constants.O_EXCL | NO_FOLLOW$1, 384);
		writeAll$1(fd, content);
		(0, node_fs.fchmodSync)(fd, mode);
		(0, node_fs.fsyncSync)(fd);
		(0, node_fs.closeSync)(fd);
		fd = void 0;
		(0, node_fs.renameSync)(tmp, file);
	} catch (e) {
		if (fd !== void 0) (0, node_fs.closeSync)(fd);
		try {
			(0, node_fs.unlinkSync)(tmp);
		} catch {}
		if (e instanceof UnsafeWriteError) throw e;
		refuse(target, e.code ?? e.message);
	}
}
function readFileWithin(bound, target) {
	const dir = checkedDir(bound, (0, node_path.dirname)((0, node_path.resolve)(target)), {
		target,
		verb: "read"
	});
	const file = (0, node_path.join)(dir, (0, node_path.basename)(target));
	if (!existing(file, "read")) return void 0;
	const fd = (0, node_fs.openSync)(file, node_fs.constants.O_RDONLY | NO_FOLLOW$1);
	try {
		const size = (0, node_fs.fstatSync)(fd).size;
		const buf = Buffer.alloc(size);
		let got = 0;
		while (got < size) {
			const n = (0, node_fs.readSync)(fd, buf, got, size - got, got);
			if (n === 0) break;
			got += n;
		}
		return buf.subarray(0, got).toString("utf8");
	} finally {
		(0, node_fs.closeSync)(fd);
	}
}
function moveAsideWithin(bound, from, to) {
	const dir = checkedDir(bound, (0, node_path.dirname)((0, node_path.resolve)(from)), { target: from });
	if (checkedDir(bound, (0, node_path.dirname)((0, node_path.resolve)(to)), { target: to }) !== dir) refuse(to, "not beside the file it keeps");
	const src = (0, node_path.join)(dir, (0, node_path.basename)(from));
	const dst = (0, node_path.join)(dir, (0, node_path.basename)(to));
	try {
		(0, node_fs.linkSync)(src, dst);
	} catch (e) {
		const code = e.code;
		refuse(to, code === "EEXIST" ? "it already exists (leaklint never overwrites a saved hook)" : code ?? e.message);
	}
	(0, node_fs.unlinkSync)(src);
}
var UnsafeWriteError, NO_FOLLOW$1, written;
var init_safe_write = __esmMin((() => {
	UnsafeWriteError = class extends Error {};
	NO_FOLLOW$1 = node_fs.constants.O_NOFOLLOW ?? 0;
	written = 0;
}));
// src/baseline.ts
function boundOf(file, root) {
	const rel = root === void 0 ? ".." : (0, node_path.relative)(root, file);
	return rel.startsWith("..") || (0, node_path.isAbsolute)(rel) ? (0, node_path.dirname)(file) : root;
}
function readBaseline(file, root) {
	let raw;
	const text = root === void 0 ? (0, node_fs.readFileSync)(file, "utf8") : readFileWithin(boundOf((0, node_path.resolve)(file), root), (0, node_path.resolve)(file));
	if (text === void 0) throw new ConfigError(`baseline file not found: ${file}`);
	try {
		raw = JSON.parse(text);
	} catch (e) {
		throw new ConfigError(`${file}: ${jsonErrorMessage(e)}`);
	}
	const { entries, key, version } = raw ?? {};
	if (!Array.isArray(entries)) throw new ConfigError(`${file}: "entries" must be an array`);
	if (key !== void 0 && (typeof key !== "string" || !/^[0-9a-f]{64}$/.test(key))) throw new ConfigError(`${file}: "key" must be 64 lowercase hex digits`);
	if (version === 2 && key === void 0) throw new ConfigError(`${file}: a version 2 baseline needs its "key"`);
	return {
		...typeof key === "string" ? { key } : {},
		entries: entries.map((e, i) => {
			const o = e;
			for (const k of [
				"fingerprint",
				"rule",
				"path"
			]) if (typeof o?.[k] !== "string") throw new ConfigError(`${file}: "entries[${i}].${k}" must be a string`);
			if (o.expires !== void 0 && (typeof o.expires !== "string" || !isDay(o.expires))) throw new ConfigError(`${file}: "entries[${i}].expires" must be a date written YYYY-MM-DD`);
			return {
				fingerprint: o.fingerprint,
				rule: o.rule,
				path: o.path,
				...optional(o)
			};
		})
	};
}
function newBaselineKey() {
	return randomHex(32);
}
function migrateBaseline(old, key) {
	return old.key ? old.entries : old.entries.map((e) => ({
		...e,
		fingerprint: keyedFingerprint(key, e.fingerprint)
	}));
}
function isDay(text) {
	return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
}
function optional(e) {
	return {
		...typeof e.reason === "string" && e.reason ? { reason: e.reason } : {},
		...typeof e.expires === "string" ? { expires: e.expires } : {}
	};
}
function today() {
	return (/* @__PURE__ */ new Date()).toISOString().slice(0, 10);
}
function compare(a, b) {
	return a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint);
}
function formatBaseline(key, entries) {
	const lines = [...entries].sort(compare).map((e) => "    " + JSON.stringify({
		fingerprint: e.fingerprint,
		rule: e.rule,
		path: e.path,
		...optional(e)
	}));
	return `{\n  "version": 2,\n  "key": ${JSON.stringify(key)},\n  "entries": [\n${lines.join(",\n")}${lines.length ? "\n" : ""}  ]\n}\n`;
}
function writeBaseline(file, key, entries, root) {
	writeFileWithin(boundOf(file, root), file, formatBaseline(key, entries));
}
function baselinePath(option, root) {
	if (option === false) return void 0;
	if (typeof option === "string" && option !== "") {
		if (!(0, node_fs.existsSync)(option)) throw new ConfigError(`baseline file not found: ${option}`);
		return option;
	}
	const file = (0, node_path.join)(root, BASELINE_FILE);
	return (0, node_fs.existsSync)(file) ? file : void 0;
}
function mergeBaseline(old, findings, opts) {
	const oldBy = new Map(old.map((e) => [e.fingerprint, e]));
	const current = /* @__PURE__ */ new Map();
	for (const f of findings) {
		const prev = oldBy.get(f.fingerprint);
		current.set(f.fingerprint, {
			fingerprint: f.fingerprint,
			rule: f.ruleId,
			path: f.file,
			...optional(prev ?? {})
		});
	}
	const fresh = [...current.keys()].filter((k) => !oldBy.has(k)).length;
	const staleEntries = old.filter((e) => !current.has(e.fingerprint) && opts.inScope(e));
	if (opts.prune) {
		const stale = new Set(staleEntries);
		return {
			entries: old.filter((e) => !stale.has(e)),
			added: 0,
			stale: staleEntries.length,
			unaccepted: fresh
		};
	}
	return {
		entries: [...current.values(), ...old.filter((e) => !current.has(e.fingerprint))],
		added: fresh,
		stale: staleEntries.length,
		unaccepted: 0
	};
}
var BASELINE_FILE, BaselineMatcher;
var init_baseline$1 = __esmMin((() => {
	init_config();
	init_scrub();
	init_redact();
	init_sha256();
	init_safe_write();
	BASELINE_FILE = ".leaklint-baseline.json";
	BaselineMatcher = class {
		entries;
		day;
		byFingerprint;
		used = /* @__PURE__ */ new Set();
		expiredUsed = /* @__PURE__ */ new Set();
		constructor(entries, day = today()) {
			this.entries = entries;
			this.day = day;
			this.byFingerprint = new Map(entries.map((e) => [e.fingerprint, e]));
		}
		accept(f) {
			const e = this.byFingerprint.get(f.fingerprint);
			if (!e) return void 0;
			this.used.add(e.fingerprint);
			if (e.expires && e.expires <= this.day) {
				this.expiredUsed.add(e.fingerprint);
				return;
			}
			return e.reason ? `baseline: ${e.reason}` : "baseline";
		}
		expired() {
			return this.entries.filter((e) => this.expiredUsed.has(e.fingerprint));
		}
		stale() {
			return this.entries.filter((e) => !this.used.has(e.fingerprint));
		}
	};
}));
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
function policyShellExports(quote) {
	const lines = Object.entries(POLICY_ENV).map(([key, value]) => `export ${key}=${quote(value)}`);
	lines.push(`export GIT_CONFIG_COUNT=${PINNED_CONFIG.length}`);
	PINNED_CONFIG.forEach(([key, value], i) => lines.push(`export GIT_CONFIG_KEY_${i}=${quote(key)} GIT_CONFIG_VALUE_${i}=${quote(value)}`));
	return lines.join("\n");
}
function refusedRevision(value) {
	if (value === "") return "it is empty";
	if (value.startsWith("-")) return "it starts with \"-\", which git would read as an option";
	if (/[\0\r\n]/.test(value)) return "it holds a line break or NUL";
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
function gitSync(cwd, args, input) {
	const r = (0, node_child_process.spawnSync)("git", gitArgs(args), {
		cwd,
		env: safeEnv(),
		input,
		maxBuffer: 1073741824,
		stdio: [
			"pipe",
			"pipe",
			"pipe"
		]
	});
	if (r.error && !(r.error.code === "EPIPE" && r.status !== null)) {
		if (r.error.code === "ENOENT") throw new GitError("git is not installed or not on PATH", "missing");
		throw new GitError(`git ${args[0]} failed: ${r.error.message}`, "failed");
	}
	return {
		stdout: r.stdout,
		stderr: r.stderr.toString("utf8"),
		status: r.status ?? 1
	};
}
function gitHooksPath(cwd) {
	const run = (args) => {
		const all = gitArgs(args);
		const kept = [];
		for (let i = 0; i < all.length; i++) if (all[i] === "-c" && all[i + 1]?.startsWith("core.hooksPath=")) i++;
		else kept.push(all[i]);
		const r = (0, node_child_process.spawnSync)("git", kept, {
			cwd,
			env: safeEnv(),
			stdio: [
				"ignore",
				"pipe",
				"pipe"
			]
		});
		if (r.error) throw new GitError(`git ${args[0]} failed: ${r.error.message}`, "failed");
		return {
			status: r.status ?? 1,
			stdout: r.stdout.toString("utf8").replace(/\n$/, "")
		};
	};
	const path = run([
		"rev-parse",
		"--git-path",
		"hooks"
	]);
	if (path.status !== 0 || !path.stdout) throw new GitError("git rev-parse --git-path hooks failed", "failed");
	const scope = run([
		"config",
		"--show-scope",
		"--get",
		"core.hooksPath"
	]);
	return {
		path: path.stdout,
		...scope.status === 0 ? { scope: scope.stdout.split("	")[0] } : {}
	};
}
function git(cwd, args, input) {
	const r = gitSync(cwd, args, input);
	if (r.status !== 0) {
		const msg = r.stderr.trim().split("\n").pop() ?? "";
		if (/not a git repository/i.test(r.stderr)) throw new GitError(`not a git repository: ${cwd}`, "not-a-repo");
		throw new GitError(`git ${args[0]} failed: ${msg}`, "failed");
	}
	return r.stdout.toString("utf8");
}
function gitBytes(cwd, args, input) {
	const r = gitSync(cwd, args, input);
	if (r.status !== 0) {
		if (/not a git repository/i.test(r.stderr)) throw new GitError(`not a git repository: ${cwd}`, "not-a-repo");
		throw new GitError(`git ${args[0]} failed: ${r.stderr.trim().split("\n").pop() ?? ""}`, "failed");
	}
	return r.stdout;
}
function repoRoot(cwd) {
	try {
		const r = gitSync(cwd, ["rev-parse", "--show-toplevel"]);
		return r.status === 0 ? r.stdout.toString("utf8").trim() : void 0;
	} catch {
		return;
	}
}
function isShallow(root) {
	return gitSync(root, ["rev-parse", "--is-shallow-repository"]).stdout.toString("utf8").trim() === "true";
}
function requireRepoRoot(cwd, why) {
	const r = gitSync(cwd, ["rev-parse", "--show-toplevel"]);
	if (r.status === 0) return r.stdout.toString("utf8").trim();
	const bare = gitSync(cwd, [
		"rev-parse",
		"--is-bare-repository",
		"--absolute-git-dir"
	]);
	const [isBare, gitDir] = bare.stdout.toString("utf8").trim().split("\n");
	if (bare.status === 0 && isBare === "true" && gitDir) return gitDir;
	throw new GitError(`not a git repository: ${cwd} (${why})`, "not-a-repo");
}
function listFiles(cwd, pathspecs, untracked) {
	const args = [
		"ls-files",
		"-z",
		"--cached"
	];
	if (untracked) args.push("--others", "--exclude-standard");
	args.push("--", ...pathspecs);
	const files = git(cwd, args).split("\0").filter(Boolean);
	return [...new Set(files)];
}
function killGitChildren(signal = "SIGTERM") {
	for (const child of liveChildren) child.kill(signal);
	liveChildren.clear();
	for (const worker of liveWorkers) worker.postMessage({
		type: "kill",
		signal
	});
	liveWorkers.clear();
}
function gitStream(cwd, args) {
	const child = (0, node_child_process.spawn)("git", gitArgs(args), {
		cwd,
		env: safeEnv(),
		stdio: [
			"pipe",
			"pipe",
			"pipe"
		]
	});
	liveChildren.add(child);
	child.once("close", () => liveChildren.delete(child));
	child.once("error", () => liveChildren.delete(child));
	return child;
}
function adoptGitChild(child) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	liveChildren.add(child);
	child.once("close", () => liveChildren.delete(child));
}
async function* nulRecords(stream) {
	let rest = "";
	for await (const chunk of stream) {
		const parts = (rest + chunk.toString("latin1")).split("\0");
		rest = parts.pop();
		yield* parts;
	}
	if (rest) yield rest;
}
async function* gitOutput(cwd, args, input) {
	const child = gitStream(cwd, args);
	let stderr = "";
	child.stderr.on("data", (d) => stderr += d.toString("utf8"));
	child.stdin.on("error", () => {});
	child.stdin.end(input);
	const exit = new Promise((r) => child.once("close", (c) => r(c ?? 1)));
	try {
		for await (const chunk of child.stdout) yield chunk;
	} finally {
		if (child.exitCode === null) child.kill();
	}
	if (await exit !== 0) {
		if (/not a git repository/i.test(stderr)) throw new GitError(`not a git repository: ${cwd}`, "not-a-repo");
		throw new GitError(`git ${args[0]} failed: ${stderr.trim().split("\n").pop() ?? ""}`, "failed");
	}
}
function triageWorkerFile() {
	const url = new URL([".", "triage-worker.cjs"].join("/"), require("url").pathToFileURL(__filename).href);
	return url.protocol === "file:" && (0, node_fs.existsSync)((0, node_url.fileURLToPath)(url)) ? url : void 0;
}
function startTriageWorker(data) {
	const file = triageWorkerFile();
	if (!file) return void 0;
	const { Worker: WorkerThread } = (0, node_module.createRequire)(require("url").pathToFileURL(__filename).href)("node:worker_threads");
	const worker = new WorkerThread(file, {
		workerData: data,
		resourceLimits: { maxYoungGenerationSizeMb: 8 }
	});
	liveWorkers.add(worker);
	worker.once("exit", () => liveWorkers.delete(worker));
	return worker;
}
function triageWorker(cwd, request) {
	const worker = startTriageWorker({
		cwd,
		...request,
		limit: OFF_THREAD_AHEAD,
		batchBytes: 524288
	});
	if (!worker) return void 0;
	let pending = {
		type: "blobs",
		oids: [],
		paths: [],
		whole: []
	};
	const send = () => {
		if (pending.oids.length === 0) return;
		worker.postMessage(pending);
		pending = {
			type: "blobs",
			oids: [],
			paths: [],
			whole: []
		};
	};
	const queue = [];
	let head = 0;
	let ended = false;
	let failure;
	let wake;
	const notify = () => {
		const w = wake;
		wake = void 0;
		w?.();
	};
	worker.on("message", (m) => {
		if (m.type === "blobs") queue.push({
			blobs: m.blobs,
			bytes: m.bytes
		});
		else if (m.type === "end") ended = true;
		else if (m.type === "error") failure = new GitError(`git cat-file failed: ${m.message}`, "failed");
		notify();
	});
	worker.on("error", (e) => {
		failure = e;
		notify();
	});
	worker.on("exit", () => {
		ended = true;
		notify();
	});
	return {
		add(oid, path) {
			pending.oids.push(oid);
			pending.paths.push(path);
			pending.whole.push(path.toLowerCase().endsWith(".ipynb"));
		},
		flush: send,
		end() {
			send();
			worker.postMessage({ type: "end" });
		},
		results: (async function* () {
			try {
				for (;;) {
					if (head < queue.length) {
						const batch = queue[head];
						queue[head++] = void 0;
						yield* batch.blobs;
						worker.postMessage({
							type: "ack",
							bytes: batch.bytes
						});
						continue;
					}
					if (failure) throw failure;
					if (ended) break;
					await new Promise((r) => wake = r);
				}
			} finally {
				liveWorkers.delete(worker);
				worker.postMessage({
					type: "kill",
					signal: "SIGTERM"
				});
				await worker.terminate();
			}
		})()
	};
}
function diedOn(stderr, oid) {
	return stderr.includes(oid);
}
function lastLine(stderr) {
	return stderr.trim().split("\n").pop() ?? "";
}
async function* catFileBatch(cwd, oids, maxSize) {
	let asked = [];
	let head = 0;
	let inputDone = false;
	let writeError;
	const start = () => {
		const c = gitStream(cwd, ["cat-file", "--batch"]);
		let stderr = "";
		c.stderr.on("data", (d) => stderr = (stderr + d.toString("utf8")).slice(-8192));
		c.stdin.on("error", () => {});
		return {
			c,
			closed: new Promise((r) => {
				c.once("close", () => r(stderr));
				c.once("error", () => r(stderr));
			})
		};
	};
	let child = start();
	const send = async (text) => {
		const { c, closed } = child;
		if (!c.stdin.write(text)) await Promise.race([new Promise((r) => c.stdin.once("drain", r)), closed]);
	};
	const writer = (async () => {
		try {
			for await (const oid of oids) {
				asked.push(oid);
				await send(`${oid}\n`);
			}
		} catch (e) {
			writeError = e;
		} finally {
			inputDone = true;
			child.c.stdin.end();
		}
	})();
	let reader = new CatFileBatchReader(maxSize);
	let restarts = 0;
	try {
		for (;;) {
			const { c, closed } = child;
			for await (const chunk of c.stdout) {
				for (const blob of reader.push(chunk)) {
					head++;
					yield blob;
				}
				if (head > 4096) {
					asked = asked.slice(head);
					head = 0;
				}
			}
			const stderr = await closed;
			if (head >= asked.length && inputDone) break;
			const bad = asked[head];
			if (bad === void 0 || !diedOn(stderr, bad)) throw new GitError(`git cat-file failed: ${lastLine(stderr) || "it stopped before answering"}`, "failed");
			if (++restarts > 100) throw new GitError(`git cat-file failed on more than 100 objects (the last: ${lastLine(stderr)}): the repository is damaged; \`git fsck\` lists what is wrong`, "failed");
			head++;
			yield {
				oid: bad,
				missing: true,
				damaged: true
			};
			reader = new CatFileBatchReader(maxSize);
			child = start();
			const rest = asked.slice(head);
			if (rest.length) send(rest.join("\n") + "\n");
			if (inputDone) child.c.stdin.end();
		}
	} finally {
		child.c.kill();
	}
	await writer;
	if (writeError) throw writeError;
}
var GitError, liveChildren, liveWorkers, CatFileBatchReader, OFF_THREAD_AHEAD;
var init_git = __esmMin((() => {
	init_git_policy();
	GitError = class extends Error {
		code;
		constructor(message, code) {
			super(message);
			this.code = code;
		}
	};
	liveChildren = /* @__PURE__ */ new Set();
	liveWorkers = /* @__PURE__ */ new Set();
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
	OFF_THREAD_AHEAD = 4194304;
}));
// src/report-file.ts
function removePendingReports() {
	for (const tmp of pending) try {
		(0, node_fs.unlinkSync)(tmp);
	} catch {}
	pending.clear();
}
function fail(target, e) {
	const code = e.code;
	const why = (code && REASONS[code]) ?? e.message;
	throw new ReportWriteError(`cannot write the report to ${target}: ${why}${code ? ` (${code})` : ""}`);
}
function writeAll(fd, text) {
	const buf = Buffer.from(text, "utf8");
	let at = 0;
	while (at < buf.length) at += (0, node_fs.writeSync)(fd, buf, at, buf.length - at);
}
function writeReportFile(target, text, root) {
	const rel = root === void 0 ? ".." : (0, node_path.relative)(root, (0, node_path.resolve)(target));
	if (rel !== "" && !rel.startsWith("..") && !(0, node_path.isAbsolute)(rel)) target = (0, node_path.join)(checkedDir(root, (0, node_path.dirname)((0, node_path.resolve)(target)), { target }), (0, node_path.basename)(target));
	let existing;
	try {
		existing = (0, node_fs.lstatSync)(target);
	} catch {
		existing = void 0;
	}
	if (existing && !existing.isFile() && !existing.isSymbolicLink()) {
		if (existing.isDirectory()) fail(target, Object.assign(/* @__PURE__ */ new Error("is a directory"), { code: "EISDIR" }));
		let fd;
		try {
			fd = (0, node_fs.openSync)(target, "w");
			writeAll(fd, text);
		} catch (e) {
			fail(target, e);
		} finally {
			if (fd !== void 0) (0, node_fs.closeSync)(fd);
		}
		return;
	}
	const tmp = (0, node_path.join)((0, node_path.dirname)(target), `.${(0, node_path.basename)(target)}.leaklint-${process.pid}.tmp`);
	pending.add(tmp);
	let fd;
	try {
		fd = (0, node_fs.openSync)(tmp, "wx", 384);
		writeAll(fd, text);
		(0, node_fs.fsyncSync)(fd);
		(0, node_fs.closeSync)(fd);
		fd = void 0;
		(0, node_fs.renameSync)(tmp, target);
	} catch (e) {
		if (fd !== void 0) (0, node_fs.closeSync)(fd);
		try {
			(0, node_fs.unlinkSync)(tmp);
		} catch {}
		fail(target, e);
	} finally {
		pending.delete(tmp);
	}
}
function checkReportTarget(target, shown = target, root) {
	let existing;
	try {
		existing = (0, node_fs.statSync)(target);
	} catch {
		existing = void 0;
	}
	if (existing?.isDirectory()) fail(shown, Object.assign(/* @__PURE__ */ new Error("is a directory"), { code: "EISDIR" }));
	try {
		if (existing && !existing.isFile()) (0, node_fs.accessSync)(target, node_fs.constants.W_OK);
		else {
			if (!(0, node_fs.statSync)((0, node_path.dirname)(target)).isDirectory()) fail(shown, Object.assign(/* @__PURE__ */ new Error("not a directory"), { code: "ENOTDIR" }));
			(0, node_fs.accessSync)((0, node_path.dirname)(target), node_fs.constants.W_OK | node_fs.constants.X_OK);
		}
	} catch (e) {
		if (e instanceof ReportWriteError) throw e;
		fail(shown, e);
	}
	const rel = root === void 0 ? ".." : (0, node_path.relative)(root, target);
	if (rel !== "" && !rel.startsWith("..") && !(0, node_path.isAbsolute)(rel)) checkedDir(root, (0, node_path.dirname)(target), { target: shown });
}
var ReportWriteError, pending, REASONS;
var init_report_file = __esmMin((() => {
	init_safe_write();
	ReportWriteError = class extends Error {};
	pending = /* @__PURE__ */ new Set();
	REASONS = {
		ENOSPC: "no space left on the device",
		EACCES: "permission denied",
		EPERM: "permission denied",
		ENOENT: "no such directory",
		ENOTDIR: "a parent is not a directory",
		EISDIR: "it is a directory",
		EROFS: "read-only file system",
		EDQUOT: "disk quota exceeded"
	};
}));
// node_modules/picocolors/picocolors.js
var require_picocolors = /* @__PURE__ */ __commonJSMin(((exports, module) => {
	let p = process || {};
	let argv = p.argv || [];
	let env = p.env || {};
	let isColorSupported = !(!!env.NO_COLOR || argv.includes("--no-color")) && (!!env.FORCE_COLOR || argv.includes("--color") || p.platform === "win32" || (p.stdout || {}).isTTY && env.TERM !== "dumb" || !!env.CI);
	let formatter = (open, close, replace = open) => (input) => {
		let string = "" + input, index = string.indexOf(close, open.length);
		return ~index ? open + replaceClose(string, close, replace, index) + close : open + string + close;
	};
	let replaceClose = (string, close, replace, index) => {
		let result = "", cursor = 0;
		do {
			result += string.substring(cursor, index) + replace;
			cursor = index + close.length;
			index = string.indexOf(close, cursor);
		} while (~index);
		return result + string.substring(cursor);
	};
	let createColors = (enabled = isColorSupported) => {
		let f = enabled ? formatter : () => String;
		return {
			isColorSupported: enabled,
			reset: f("\x1B[0m", "\x1B[0m"),
			bold: f("\x1B[1m", "\x1B[22m", "\x1B[22m\x1B[1m"),
			dim: f("\x1B[2m", "\x1B[22m", "\x1B[22m\x1B[2m"),
			italic: f("\x1B[3m", "\x1B[23m"),
			underline: f("\x1B[4m", "\x1B[24m"),
			inverse: f("\x1B[7m", "\x1B[27m"),
			hidden: f("\x1B[8m", "\x1B[28m"),
			strikethrough: f("\x1B[9m", "\x1B[29m"),
			black: f("\x1B[30m", "\x1B[39m"),
			red: f("\x1B[31m", "\x1B[39m"),
			green: f("\x1B[32m", "\x1B[39m"),
			yellow: f("\x1B[33m", "\x1B[39m"),
			blue: f("\x1B[34m", "\x1B[39m"),
			magenta: f("\x1B[35m", "\x1B[39m"),
			cyan: f("\x1B[36m", "\x1B[39m"),
			white: f("\x1B[37m", "\x1B[39m"),
			gray: f("\x1B[90m", "\x1B[39m"),
			bgBlack: f("\x1B[40m", "\x1B[49m"),
			bgRed: f("\x1B[41m", "\x1B[49m"),
			bgGreen: f("\x1B[42m", "\x1B[49m"),
			bgYellow: f("\x1B[43m", "\x1B[49m"),
			bgBlue: f("\x1B[44m", "\x1B[49m"),
			bgMagenta: f("\x1B[45m", "\x1B[49m"),
			bgCyan: f("\x1B[46m", "\x1B[49m"),
			bgWhite: f("\x1B[47m", "\x1B[49m"),
			blackBright: f("\x1B[90m", "\x1B[39m"),
			redBright: f("\x1B[91m", "\x1B[39m"),
			greenBright: f("\x1B[92m", "\x1B[39m"),
			yellowBright: f("\x1B[93m", "\x1B[39m"),
			blueBright: f("\x1B[94m", "\x1B[39m"),
			magentaBright: f("\x1B[95m", "\x1B[39m"),
			cyanBright: f("\x1B[96m", "\x1B[39m"),
			whiteBright: f("\x1B[97m", "\x1B[39m"),
			bgBlackBright: f("\x1B[100m", "\x1B[49m"),
			bgRedBright: f("\x1B[101m", "\x1B[49m"),
			bgGreenBright: f("\x1B[102m", "\x1B[49m"),
			bgYellowBright: f("\x1B[103m", "\x1B[49m"),
			bgBlueBright: f("\x1B[104m", "\x1B[49m"),
			bgMagentaBright: f("\x1B[105m", "\x1B[49m"),
			bgCyanBright: f("\x1B[106m", "\x1B[49m"),
			bgWhiteBright: f("\x1B[107m", "\x1B[49m")
		};
	};
	module.exports = createColors();
	module.exports.createColors = createColors;
}));
// src/reporters/types.ts
function shownSecret(f, showSecrets) {
	return showSecrets && f.secret ? f.secret : f.preview;
}
var init_types = __esmMin((() => {}));
// src/shell.ts
function shellQuote(word) {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
var init_shell = __esmMin((() => {}));
// src/remediation.ts
function commitRef(f) {
	return f.origin.kind === "commit" ? f.origin.commit.sha.slice(0, 12) : void 0;
}
function ignorePattern(rule) {
	return rule?.kind === "path" ? rule.ignorePattern : void 0;
}
function remediationSteps(rule, finding, moment) {
	const r = rule?.remediation ?? {};
	const steps = [];
	const rotate = r.rotate ? `Rotate it: ${r.rotate}.` : "Rotate it at the service that issued it.";
	const store = r.store ? `Keep the value in ${r.store}` + (r.read ? `, and read it from there: ${r.read}.` : ".") : void 0;
	const file = shellQuote(finding.file);
	const isPath = finding.kind === "path";
	const pattern = ignorePattern(rule);
	if (finding.kind === "repo") {
		if (r.rotate) steps.push(rotate);
		if (store) steps.push(store);
		if (r.note) steps.push(r.note);
		return steps;
	}
	switch (moment === "audit" && finding.origin.kind !== "commit" ? "files" : moment) {
		case "precommit":
			if (isPath) {
				steps.push(`Unstage the file: git rm --cached -- ${file}`);
				if (pattern) steps.push(`Ignore it: echo '${pattern}' >> .gitignore`);
			} else steps.push(`Unstage and edit: git restore --staged -- ${file}, then remove the value from the file.`);
			if (store) steps.push(store);
			steps.push("Commit again. The secret never left this machine, so rotating is optional.");
			break;
		case "ci": {
			const sha = commitRef(finding);
			const fix = isPath ? `git rm --cached -- ${file}${pattern ? `, add '${pattern}' to .gitignore` : ""}` : "remove the value";
			if (sha) steps.push(`Rewrite the commit that introduced it before merging: git rebase -i ${sha}^ (mark that commit "edit", ${fix}, git commit --amend, git rebase --continue), then force-push the branch.`);
			else steps.push(`Rewrite the commits that carry it before merging (${fix} in each, git commit --amend), then force-push the branch.`);
			steps.push(`If the branch was ever pushed anywhere public: ${rotate}`);
			if (store) steps.push(store);
			break;
		}
		case "audit":
			steps.push(`First, ${rotate.charAt(0).toLowerCase()}${rotate.slice(1)} It is already in history, so treat it as exposed.`);
			if (store) steps.push(store);
			if (isPath && finding.history?.inHead !== false) steps.push(`Stop tracking it: git rm --cached -- ${file}${pattern ? ` and add '${pattern}' to .gitignore` : ""}.`);
			steps.push(`Then purge it from history: \`leaklint purge-plan\` writes the git filter-repo commands (${isPath ? "the file is dropped from every commit" : "the value becomes ***REMOVED*** in every commit"}).`);
			steps.push("Finally, forks, pull-request refs and existing clones keep the old commits: force-push every ref and ask collaborators to re-clone.");
			break;
		case "files":
			if (isPath) steps.push(`Keep the file out of version control: git rm --cached -- ${file}` + (pattern ? ` and add '${pattern}' to .gitignore.` : "."));
			else steps.push("Remove the value from the file.");
			if (store) steps.push(store);
			steps.push(`If it was ever committed or shared: ${rotate}`);
	}
	if (r.note) steps.push(r.note);
	return steps;
}
var init_remediation = __esmMin((() => {
	init_shell();
}));
// src/safe-text.ts
function hex(c) {
	const code = c.charCodeAt(0);
	return code <= 255 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
function escaped(s, keepLineBreaks) {
	return s.replace(CONTROL, (c) => keepLineBreaks && (c === "\n" || c === "\r") ? c : SHORT[c] ?? hex(c)).replace(/##\[/g, "\\x23#[").replace(/^(\s*):(?=:)/, "$1\\x3a");
}
function escapeText(s) {
	return escaped(s, false);
}
function escapeTextButLineBreaks(s) {
	return escaped(s, true);
}
function escapeStrings(value) {
	if (typeof value === "string") return escapeText(value);
	if (Array.isArray(value)) return value.map(escapeStrings);
	if (value && typeof value === "object") {
		const out = {};
		for (const [k, v] of Object.entries(value)) out[k] = escapeStrings(v);
		return out;
	}
	return value;
}
function escapeJsonText(json) {
	return json.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
var CONTROL, SHORT, JSON_RAW;
var init_safe_text = __esmMin((() => {
	CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
	SHORT = {
		"\n": "\\n",
		"\r": "\\r",
		"	": "\\t"
	};
	JSON_RAW = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|#(?=#\[)/g;
}));
// src/reporters/verification.ts
function verificationWord(f) {
	const v = f.verification;
	if (!v) return "";
	return v.status === "unknown" ? `unknown (${v.reason ?? "no answer"})` : v.status;
}
function verificationFields(f) {
	const v = f.verification;
	if (!v) return {};
	return {
		verification: v.status,
		...v.status === "unknown" && v.reason ? { verificationReason: v.reason } : {}
	};
}
function verificationCounts(findings) {
	if (!findings.some((f) => f.verification)) return void 0;
	const counts = {
		live: 0,
		invalid: 0,
		unknown: 0
	};
	for (const f of findings) if (f.verification) counts[f.verification.status]++;
	return counts;
}
function verificationSummary(findings, paint) {
	const counts = verificationCounts(findings);
	if (!counts) return [];
	const out = [];
	const live = findings.filter((f) => f.verification?.status === "live");
	if (live.length) {
		out.push(paint.live(`live: rotate now: ${live.length} credential finding${live.length === 1 ? "" : "s"} the provider accepted`));
		for (const f of live.slice(0, 20)) out.push(`  ${f.provider} ${f.preview}  ${f.file}${f.kind === "content" ? `:${f.line}` : ""}`);
		if (live.length > 20) out.push(`  \u2026 and ${live.length - 20} more`);
	}
	if (counts.invalid) out.push(`invalid: ${counts.invalid} (the provider rejected them: revoked or never valid)`);
	if (counts.unknown) {
		const reasons = /* @__PURE__ */ new Map();
		for (const f of findings) if (f.verification?.status === "unknown") {
			const r = (f.verification.reason ?? "no answer").split(":")[0];
			reasons.set(r, (reasons.get(r) ?? 0) + 1);
		}
		out.push(paint.dim(`unknown: ${counts.unknown} (${[...reasons].map(([r, n]) => `${r} ${n}`).join(", ")})`));
	}
	return [...out, ""];
}
var init_verification = __esmMin((() => {}));
// src/reporters/human.ts
function groupBy(items, key) {
	const groups = /* @__PURE__ */ new Map();
	for (const item of items) {
		const k = key(item);
		const list = groups.get(k);
		if (list) list.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}
function historyLine(h) {
	const parts = [
		`first added in ${h.firstCommit.sha.slice(0, 12)} on ${h.firstCommit.date.slice(0, 10)}`,
		`${h.commits} commit${h.commits === 1 ? "" : "s"}`,
		`path${h.paths.length === 1 ? "" : "s"}: ${h.paths.join(", ")}`,
		h.inHead ? "still in HEAD" : "history only (not in HEAD)"
	];
	if (h.refs.length) parts.push(`reachable from ${h.refs.slice(0, 5).join(", ")}${h.refs.length > 5 ? ` and ${h.refs.length - 5} more` : ""}`);
	return parts.join(" \u00B7 ");
}
function auditSummary(findings) {
	if (findings.length === 0) return [];
	const secrets = findings.filter((f) => f.kind === "content");
	const byProvider = groupBy(secrets, (f) => f.provider);
	const inHead = secrets.filter((f) => !f.history || f.history.inHead).length;
	const files = [...new Set(findings.filter((f) => f.kind === "path").map((f) => f.file))];
	const repo = findings.filter((f) => f.kind === "repo");
	const out = ["Before going public:"];
	if (secrets.length) {
		out.push(`  secrets: ${secrets.length} (${[...byProvider].map(([p, l]) => `${p} ${l.length}`).join(", ")}); ${inHead} still in HEAD, ${secrets.length - inHead} only in history`);
		out.push(`  1. rotate first (they are exposed to anyone with a clone): ${[...byProvider.keys()].join(", ")}`);
		out.push("  2. then purge them from every ref (git filter-repo --replace-text), force-push, and have collaborators re-clone; forks and pull-request refs keep the old objects");
	}
	if (files.length) out.push(`  files to remove from the repository: ${files.join(", ")}`);
	for (const f of repo) out.push(`  ${f.file}: ${f.message}`);
	return [...out, ""];
}
var import_picocolors, humanReporter;
var init_human = __esmMin((() => {
	import_picocolors = /* @__PURE__ */ __toESM(require_picocolors(), 1);
	init_types();
	init_remediation();
	init_scan();
	init_safe_text();
	init_verification();
	humanReporter = (ctx) => {
		const c = import_picocolors.default.createColors(ctx.color);
		const result = escapeStrings(ctx.result);
		const sev = (s) => s === "error" ? c.red("error") : s === "warning" ? c.yellow("warning") : c.blue("info");
		const lines = [];
		for (const [file, findings] of groupBy(result.findings, (f) => f.file)) {
			lines.push(c.underline(file));
			for (const f of findings) {
				const where = f.kind !== "content" ? "" : f.cell !== void 0 ? `cell ${f.cell} line ${f.line}:${f.column}` : `${f.line}:${f.column}`;
				const commit = f.origin.kind === "commit" ? ` ${c.dim(`in ${f.origin.commit.sha.slice(0, 12)} by ${f.origin.commit.author} on ${f.origin.commit.date.slice(0, 10)}`)}` : "";
				const value = f.kind !== "content" ? "" : `  ${c.bold(shownSecret(f, ctx.showSecrets))}`;
				lines.push(`  ${where ? where + "  " : ""}${sev(f.severity)}  ${f.message}${value}  ${c.dim(f.ruleId)}${commit}`);
				if (f.history) lines.push(`      ${c.dim(historyLine(f.history))}`);
				if (f.verification) lines.push(`      ${f.verification.status === "live" ? c.red(c.bold("verified live: rotate now")) : c.dim(`verified: ${verificationWord(f)}`)}`);
			}
			if (!ctx.quiet) for (const [ruleId, same] of groupBy(findings, (f) => f.ruleId)) {
				const rule = ctx.rules.get(ruleId);
				lines.push(`    ${c.bold(ruleId)}${rule ? `: ${escapeText(rule.why)}` : ""}`);
				for (const step of remediationSteps(rule, same[0], result.moment)) lines.push(`      ${c.dim("\u2192")} ${escapeText(step)}`);
			}
			lines.push("");
		}
		lines.push(...verificationSummary(result.findings, {
			live: (t) => c.red(c.bold(t)),
			dim: c.dim
		}));
		if (result.moment === "audit") lines.push(...auditSummary(result.findings));
		const s = result.stats;
		const counts = {
			error: 0,
			warning: 0,
			info: 0
		};
		for (const f of result.findings) counts[f.severity]++;
		const parts = [
			`${result.findings.length} finding${result.findings.length === 1 ? "" : "s"} (${counts.error} error, ${counts.warning} warning, ${counts.info} info)`,
			`${result.suppressed.length} suppressed`,
			`${s.files} file${s.files === 1 ? "" : "s"} scanned (${formatBytes(s.bytes)})`
		];
		if (s.skippedBinary) parts.push(`${s.skippedBinary} binary skipped`);
		if (s.skippedLarge) parts.push(`${s.skippedLarge} over the size limit skipped`);
		if (s.unread) parts.push(`${s.unread} could not be read: INCOMPLETE`);
		for (const w of s.warnings) lines.push(c.yellow(`warning: ${w}`));
		const summary = parts.join(", ");
		lines.push(counts.error ? c.red(summary) : result.findings.length || s.unread ? c.yellow(summary) : c.green(summary));
		return lines.join("\n") + "\n";
	};
}));
// src/reporters/json.ts
function origin(f) {
	if (f.origin.kind === "commit") return {
		commit: f.origin.commit.sha,
		author: f.origin.commit.author,
		date: f.origin.commit.date
	};
	return {};
}
var jsonReporter;
var init_json = __esmMin((() => {
	init_types();
	init_remediation();
	init_safe_text();
	init_verification();
	jsonReporter = (ctx) => {
		const { result } = ctx;
		const render = (f) => ({
			ruleId: f.ruleId,
			provider: f.provider,
			severity: f.severity,
			message: f.message,
			file: f.file,
			line: f.line,
			column: f.column,
			endLine: f.endLine,
			endColumn: f.endColumn,
			...f.cell !== void 0 ? { cell: f.cell } : {},
			...origin(f),
			secret: shownSecret(f, ctx.showSecrets),
			fingerprint: f.fingerprint,
			remediation: remediationSteps(ctx.rules.get(f.ruleId), f, result.moment),
			...f.history ? { history: {
				...f.history,
				firstCommit: { ...f.history.firstCommit }
			} } : {},
			...f.suppressed ? { suppressed: f.suppressed } : {},
			...verificationFields(f)
		});
		const bySeverity = {
			error: 0,
			warning: 0,
			info: 0
		};
		for (const f of result.findings) bySeverity[f.severity]++;
		const report = {
			version: 1,
			findings: result.findings.map(render),
			suppressed: result.suppressed.map(render),
			summary: {
				moment: result.moment,
				findings: result.findings.length,
				...bySeverity,
				suppressed: result.suppressed.length,
				filesScanned: result.stats.files,
				bytesScanned: result.stats.bytes,
				skippedBinary: result.stats.skippedBinary,
				skippedLarge: result.stats.skippedLarge,
				unread: result.stats.unread,
				warnings: result.stats.warnings,
				...verificationCounts(result.findings) ? { verification: verificationCounts(result.findings) } : {}
			}
		};
		return escapeJsonText(JSON.stringify(report, null, 2)) + "\n";
	};
}));
// src/self.ts
function packageRoot() {
	if (root === void 0) {
		const start = (0, node_path.dirname)((0, node_url.fileURLToPath)(require("url").pathToFileURL(__filename).href));
		let dir = start;
		while (!(0, node_fs.existsSync)((0, node_path.join)(dir, "package.json")) && (0, node_path.dirname)(dir) !== dir) dir = (0, node_path.dirname)(dir);
		root = (0, node_fs.existsSync)((0, node_path.join)(dir, "package.json")) ? dir : (0, node_path.dirname)(start);
	}
	return root;
}
function ownPackage() {
	if (own === void 0) try {
		own = JSON.parse((0, node_fs.readFileSync)((0, node_path.join)(packageRoot(), "package.json"), "utf8"));
	} catch {
		own = {};
	}
	return own;
}
function leaklintRepositoryUrl() {
	const repo = ownPackage().repository;
	const url = typeof repo === "string" ? repo : repo?.url;
	if (!url) return void 0;
	const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(url);
	if (shorthand) return `https://github.com/${shorthand[1]}`;
	return url.replace(/^git\+/, "").replace(/\.git$/, "");
}
function leaklintBin() {
	return (0, node_path.join)(packageRoot(), "bin", "leaklint.js");
}
var root, own;
var init_self = __esmMin((() => {}));
// src/version.ts
function leaklintVersion() {
	return ownPackage().version ?? "0.0.0";
}
var init_version = __esmMin((() => {
	init_self();
}));
// src/security-severity.ts
function securitySeverity(severity, provider) {
	if (severity === "info") return "2.0";
	if (severity === "warning") return "5.0";
	if (CRITICAL_PROVIDERS.has(provider)) return "9.0";
	return GUESSING_PROVIDERS.has(provider) ? "7.0" : "8.0";
}
var CRITICAL_PROVIDERS, GUESSING_PROVIDERS;
var init_security_severity = __esmMin((() => {
	CRITICAL_PROVIDERS = /* @__PURE__ */ new Set([
		"aws",
		"github",
		"gitlab",
		"npm",
		"pypi",
		"private-key",
		"stripe",
		"vercel"
	]);
	GUESSING_PROVIDERS = /* @__PURE__ */ new Set(["generic"]);
}));
// src/reporters/sarif.ts
function commitProperties(f) {
	const props = {};
	if (f.origin.kind === "commit") Object.assign(props, {
		commit: f.origin.commit.sha,
		author: f.origin.commit.author,
		date: f.origin.commit.date
	});
	if (f.cell !== void 0) props.cell = f.cell;
	if (f.history) props.history = f.history;
	Object.assign(props, verificationFields(f));
	return props;
}
var LEVEL, RANK$1, sarifReporter;
var init_sarif = __esmMin((() => {
	init_types();
	init_remediation();
	init_safe_text();
	init_version();
	init_verification();
	init_security_severity();
	LEVEL = {
		error: "error",
		warning: "warning",
		info: "note"
	};
	RANK$1 = {
		error: 0,
		warning: 1,
		info: 2
	};
	sarifReporter = (ctx) => {
		const { result } = ctx;
		const all = [...result.findings, ...result.suppressed];
		const ruleIds = [...new Set(all.map((f) => f.ruleId))];
		const rules = ruleIds.map((id) => {
			const rule = ctx.rules.get(id);
			const sample = all.find((f) => f.ruleId === id);
			const reported = result.findings.filter((f) => f.ruleId === id);
			const severity = reported.length ? reported.map((f) => f.severity).sort((a, b) => RANK$1[a] - RANK$1[b])[0] : sample.severity;
			const steps = remediationSteps(rule, sample, result.moment);
			return {
				id,
				name: id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c) => c.toUpperCase()),
				shortDescription: { text: rule?.title ?? sample.message },
				fullDescription: { text: rule?.why ?? sample.message },
				help: {
					text: steps.join("\n"),
					markdown: steps.map((s) => `- ${s}`).join("\n")
				},
				...rule?.helpUri ? { helpUri: rule.helpUri } : {},
				defaultConfiguration: { level: LEVEL[rule?.severity ?? sample.severity] },
				properties: {
					provider: rule?.provider ?? sample.provider,
					tags: ["security", "secret"],
					"security-severity": securitySeverity(severity, rule?.provider ?? sample.provider)
				}
			};
		});
		const toResult = (f) => {
			const value = f.kind === "content" ? `: ${shownSecret(f, ctx.showSecrets)}` : "";
			const props = commitProperties(f);
			return {
				ruleId: f.ruleId,
				ruleIndex: ruleIds.indexOf(f.ruleId),
				level: LEVEL[f.severity],
				message: { text: `${f.message}${value}${f.cell !== void 0 ? ` (cell ${f.cell})` : ""}` },
				locations: [{ physicalLocation: {
					artifactLocation: { uri: f.file.split("/").map(encodeURIComponent).join("/") },
					region: {
						startLine: f.line,
						startColumn: f.column,
						endLine: f.endLine,
						endColumn: Math.max(f.endColumn, f.column)
					}
				} }],
				partialFingerprints: { "leaklintFingerprint/v1": f.fingerprint },
				...Object.keys(props).length ? { properties: props } : {},
				...f.suppressed ? { suppressions: [{
					kind: f.suppressed.startsWith("inline") ? "inSource" : "external",
					justification: f.suppressed
				}] } : {}
			};
		};
		const log = {
			$schema: "https://json.schemastore.org/sarif-2.1.0.json",
			version: "2.1.0",
			runs: [{
				tool: { driver: {
					name: "leaklint",
					version: leaklintVersion(),
					informationUri: "https://www.npmjs.com/package/leaklint",
					rules
				} },
				results: all.map(toResult),
				properties: {
					moment: result.moment,
					filesScanned: result.stats.files,
					unread: result.stats.unread,
					warnings: result.stats.warnings
				}
			}]
		};
		return escapeJsonText(JSON.stringify(log, null, 2)) + "\n";
	};
}));
// src/reporters/github.ts
function escapeData(s) {
	return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
	return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
var COMMAND, githubReporter;
var init_github = __esmMin((() => {
	init_types();
	init_remediation();
	init_safe_text();
	COMMAND = {
		error: "error",
		warning: "warning",
		info: "notice"
	};
	githubReporter = (ctx) => {
		const result = escapeStrings(ctx.result);
		const lines = result.findings.map((f, i) => {
			const rule = ctx.rules.get(f.ruleId);
			const props = [
				`file=${escapeProperty(escapeTextButLineBreaks(ctx.result.findings[i].file))}`,
				`line=${f.line}`,
				`col=${f.column}`,
				`endLine=${f.endLine}`,
				`endColumn=${f.endColumn}`,
				`title=${escapeProperty(escapeText(`${rule?.title ?? f.message} (${f.ruleId})`))}`
			];
			const value = f.kind === "content" ? ` ${shownSecret(f, ctx.showSecrets)}` : "";
			const commit = f.origin.kind === "commit" ? ` in ${f.origin.commit.sha.slice(0, 12)}` : "";
			const what = remediationSteps(rule, f, result.moment).map(escapeText).join("\n");
			return `::${COMMAND[f.severity]} ${props.join(",")}::${escapeData(`${f.message}${value}${commit}\n${what}`)}`;
		});
		const errors = result.findings.filter((f) => f.severity === "error").length;
		lines.push(`leaklint: ${result.findings.length} finding${result.findings.length === 1 ? "" : "s"} (${errors} error), ${result.suppressed.length} suppressed, ${result.stats.files} files scanned`);
		for (const w of result.stats.warnings) lines.push(`::warning title=leaklint::${escapeData(w)}`);
		return lines.join("\n") + "\n";
	};
}));
// src/reporters/gitlab.ts
function gitlabTime(d) {
	return d.toISOString().slice(0, 19);
}
function stableId(fingerprint) {
	const h = sha256Hex(fingerprint);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
var SEVERITY, gitlabReporter;
var init_gitlab = __esmMin((() => {
	init_sha256();
	init_types();
	init_remediation();
	init_safe_text();
	init_version();
	SEVERITY = {
		error: "Critical",
		warning: "Medium",
		info: "Info"
	};
	gitlabReporter = (ctx) => {
		const { result } = ctx;
		const now = gitlabTime(/* @__PURE__ */ new Date());
		const tool = {
			id: "leaklint",
			name: "leaklint",
			version: leaklintVersion(),
			vendor: { name: "leaklint" }
		};
		const report = {
			version: "15.0.7",
			vulnerabilities: result.findings.map((f) => {
				const rule = ctx.rules.get(f.ruleId);
				const commit = f.origin.kind === "commit" ? f.origin.commit : void 0;
				return {
					id: stableId(f.fingerprint),
					category: "secret_detection",
					name: rule?.title ?? f.message,
					description: `${rule?.why ?? f.message}\n\n${remediationSteps(rule, f, result.moment).join("\n")}`,
					severity: SEVERITY[f.severity],
					confidence: "High",
					scanner: {
						id: tool.id,
						name: tool.name
					},
					location: {
						file: f.file,
						start_line: f.line,
						end_line: f.endLine,
						commit: commit ? {
							sha: commit.sha,
							author: commit.author,
							date: commit.date
						} : { sha: "0000000" }
					},
					identifiers: [{
						type: "leaklint_rule_id",
						name: `leaklint rule ${f.ruleId}`,
						value: f.ruleId
					}],
					...f.kind === "content" ? { raw_source_code_extract: shownSecret(f, ctx.showSecrets) } : {}
				};
			}),
			scan: {
				analyzer: tool,
				scanner: tool,
				type: "secret_detection",
				start_time: now,
				end_time: now,
				status: "success"
			}
		};
		return escapeJsonText(JSON.stringify(report, null, 2)) + "\n";
	};
}));
// src/reporters/junit.ts
function xml(s) {
	return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
var junitReporter;
var init_junit = __esmMin((() => {
	init_types();
	init_remediation();
	init_safe_text();
	junitReporter = (ctx) => {
		const result = escapeStrings(ctx.result);
		const cases = result.findings.map((f) => {
			const rule = ctx.rules.get(f.ruleId);
			const value = f.kind === "content" ? ` ${shownSecret(f, ctx.showSecrets)}` : "";
			const commit = f.origin.kind === "commit" ? ` (commit ${f.origin.commit.sha.slice(0, 12)})` : "";
			const body = [
				`${f.file}:${f.line}:${f.column}${commit}`,
				`${f.message}${value}`,
				...remediationSteps(rule, f, result.moment).map(escapeText)
			].join("\n");
			const inner = (f.severity === "error" ? "failure" : "skipped") === "failure" ? `<failure message="${xml(f.message)}" type="${xml(f.ruleId)}">${xml(body)}</failure>` : `<skipped message="${xml(`${f.severity}: ${f.message}${value}`)}"/>`;
			return `    <testcase classname="${xml(f.file)}" name="${xml(`${f.ruleId} at line ${f.line}`)}">${inner}</testcase>`;
		});
		if (cases.length === 0) cases.push(`    <testcase classname="leaklint" name="no secrets found (${result.stats.files} files scanned)"/>`);
		const failures = result.findings.filter((f) => f.severity === "error").length;
		const skipped = result.findings.length - failures;
		return [
			"<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
			`<testsuites name="leaklint" tests="${cases.length}" failures="${failures}">`,
			`  <testsuite name="leaklint" tests="${cases.length}" failures="${failures}" skipped="${skipped}" errors="0">`,
			...cases,
			"  </testsuite>",
			"</testsuites>",
			""
		].join("\n");
	};
}));
// src/reporters/index.ts
var reporters;
var init_reporters = __esmMin((() => {
	init_human();
	init_json();
	init_sarif();
	init_github();
	init_gitlab();
	init_junit();
	reporters = {
		human: humanReporter,
		json: jsonReporter,
		sarif: sarifReporter,
		github: githubReporter,
		gitlab: gitlabReporter,
		junit: junitReporter
	};
}));
// src/report-outputs.ts
function formatNamed(name, where) {
	const format = name.toLowerCase();
	if (!Object.hasOwn(reporters, format)) throw new OutputSpecError(`unknown format: ${name}${where} (formats: ${Object.keys(reporters).join(", ")})`);
	return format;
}
function planReports(format, output, cwd, root = () => void 0) {
	if (Array.isArray(format)) throw new OutputSpecError(`--format given ${format.length} times (${format.join(", ")}): give one, and --output FORMAT=FILE for other reports`);
	const consoleFormat = formatNamed(String(format), "");
	const specs = output === void 0 ? [] : Array.isArray(output) ? output : [output];
	const files = [];
	let plain;
	for (const spec of specs.map(String)) {
		const prefix = FORMAT_PREFIX.exec(spec);
		const shown = prefix ? spec.slice(prefix[0].length) : spec;
		if (!shown) throw new OutputSpecError(`--output ${spec} names no file`);
		const target = {
			format: prefix ? formatNamed(prefix[1], ` in --output ${spec}`) : consoleFormat,
			file: (0, node_path.resolve)(cwd, shown),
			shown
		};
		if (!prefix) {
			if (plain) throw new OutputSpecError(`--output names two files for the ${consoleFormat} report (${plain.shown}, ${shown}): give FORMAT=FILE for each further report, e.g. --output sarif=${shown}`);
			plain = target;
		}
		const twice = files.find((f) => f.file === target.file);
		if (twice) throw new OutputSpecError(`--output names ${shown} twice (${twice.format} and ${target.format})`);
		files.push(target);
	}
	const repo = files.length ? root() : void 0;
	for (const f of files) checkReportTarget(f.file, f.shown, repo);
	return plain ? files : [{ format: consoleFormat }, ...files];
}
function stepSummaryFile(flag, outputs, env) {
	const file = env.GITHUB_STEP_SUMMARY;
	if (!file || flag === false) return void 0;
	return flag || outputs.some((o) => o.format === "github") ? file : void 0;
}
function appendStepSummary(file, text) {
	(0, node_fs.appendFileSync)(file, text.endsWith("\n") ? text : `${text}\n`, { mode: 384 });
}
var OutputSpecError, FORMAT_PREFIX;
var init_report_outputs = __esmMin((() => {
	init_reporters();
	init_report_file();
	OutputSpecError = class extends Error {};
	FORMAT_PREFIX = /^([A-Za-z][A-Za-z0-9_-]*)=/;
}));
// src/reporters/step-summary.ts
function htmlText(s, max = MAX_CELL) {
	return (s.length > max ? `${s.slice(0, max)}\u2026` : s).replace(/[&<>"']|[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (c) => ENTITY[c] ?? `\\u{${c.codePointAt(0).toString(16)}}`);
}
function row(f) {
	const where = `${f.file}:${f.line}${f.cell !== void 0 ? ` (cell ${f.cell})` : ""}`;
	const commit = f.origin.kind === "commit" ? f.origin.commit.sha.slice(0, 12) : "";
	const extra = f.history && f.history.commits > 1 ? ` +${f.history.commits - 1}` : "";
	const value = f.kind === "content" ? f.preview : "";
	return `<tr><td>${f.severity}</td><td>${code(f.ruleId)}</td><td>${code(where)}</td><td>${code(commit)}${extra}</td><td>${code(value)}</td></tr>`;
}
var TABLE_MAX_BYTES, MAX_CELL, MAX_PARAGRAPH, MAX_RULES, MAX_WARNINGS, RANK, ENTITY, code, plural, stepSummaryReporter;
var init_step_summary = __esmMin((() => {
	init_remediation();
	TABLE_MAX_BYTES = 393216;
	MAX_CELL = 300;
	MAX_PARAGRAPH = 1500;
	MAX_RULES = 30;
	MAX_WARNINGS = 20;
	RANK = {
		error: 0,
		warning: 1,
		info: 2
	};
	ENTITY = {
		"&": "&amp;",
		"<": "&lt;",
		">": "&gt;",
		"\"": "&quot;",
		"'": "&#39;"
	};
	code = (s) => s ? `<code>${htmlText(s)}</code>` : "";
	plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
	stepSummaryReporter = (ctx) => {
		const { result } = ctx;
		const findings = [...result.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
		const count = (s) => findings.filter((f) => f.severity === s).length;
		const counts = [
			plural(count("error"), "error"),
			plural(count("warning"), "warning"),
			...count("info") ? [`${count("info")} info`] : [],
			`${result.suppressed.length} suppressed`,
			`${plural(result.stats.files, "file")} scanned`,
			...result.stats.unread ? [`**${result.stats.unread} could not be read: the scan is incomplete**`] : []
		].join(", ");
		const out = [
			`### leaklint: ${findings.length ? plural(findings.length, "finding") : "no findings"}`,
			"",
			`${counts}.`,
			""
		];
		if (findings.length) {
			let size = out.join("\n").length;
			let shown = 0;
			const rows = ["<table>", "<tr><th>severity</th><th>rule</th><th>where</th><th>commit</th><th>value (redacted)</th></tr>"];
			for (const f of findings) {
				const r = row(f);
				if (shown >= 1e3 || size + Buffer.byteLength(r) > TABLE_MAX_BYTES) break;
				rows.push(r);
				size += Buffer.byteLength(r) + 1;
				shown++;
			}
			rows.push("</table>");
			out.push(rows.join("\n"), "");
			if (shown < findings.length) out.push(`\u2026and ${plural(findings.length - shown, "more finding")} not listed here (the summary's size limit): the SARIF report or a local run lists them all.`, "");
			const byRule = /* @__PURE__ */ new Map();
			for (const f of findings) if (!byRule.has(f.ruleId)) byRule.set(f.ruleId, f);
			out.push("#### What to do", "");
			for (const f of [...byRule.values()].slice(0, MAX_RULES)) {
				const rule = ctx.rules.get(f.ruleId);
				const steps = remediationSteps(rule, f, result.moment).map((s) => `<li>${htmlText(s, MAX_PARAGRAPH)}</li>`).join("");
				out.push(`<details><summary>${htmlText(rule?.title ?? f.message)} (${code(f.ruleId)})</summary><ul>${steps}</ul></details>`);
			}
			if (byRule.size > MAX_RULES) out.push(`<p>\u2026and ${plural(byRule.size - MAX_RULES, "more rule")}.</p>`);
			out.push("");
		}
		const warnings = result.stats.warnings;
		if (warnings.length) {
			out.push("#### Warnings", "", `<ul>${warnings.slice(0, MAX_WARNINGS).map((w) => `<li>${htmlText(w, MAX_PARAGRAPH)}</li>`).join("")}</ul>`);
			if (warnings.length > MAX_WARNINGS) out.push(`<p>\u2026and ${plural(warnings.length - MAX_WARNINGS, "more warning")}.</p>`);
			out.push("");
		}
		return out.join("\n");
	};
}));
// src/fast-argv.ts
function readOptions(argv, args, flags, positional, rest) {
	const seen = /* @__PURE__ */ new Set();
	const set = (name, value) => {
		if (name === "output" && seen.has(name)) {
			args[name] = [args[name], value].flat();
			return true;
		}
		if (seen.has(name)) return false;
		seen.add(name);
		args[name] = value;
		return true;
	};
	for (let i = 1; i < argv.length; i++) {
		const token = argv[i];
		if (token === "--") {
			if (!rest) return false;
			rest(argv.slice(i + 1));
			break;
		}
		if (!token.startsWith("-")) {
			if (!positional(token)) return false;
			continue;
		}
		const flag = flags[token];
		if (flag) {
			const next = argv[i + 1];
			if (next === "true" || next === "false") return false;
			if (!set(flag[0], flag[1])) return false;
			continue;
		}
		const eq = token.indexOf("=");
		const spelling = eq > 0 && token.startsWith("--") ? token.slice(0, eq) : token;
		const name = VALUE_OPTIONS[spelling];
		if (!name) return false;
		const value = eq > 0 && spelling !== token ? token.slice(eq + 1) : argv[++i];
		if (value === void 0 || value === "" || value.startsWith("-")) return false;
		if (name === "max-file-size") {
			if (!PLAIN_SIZE.test(value)) return false;
			if (!set(name, Number(value))) return false;
		} else if (!set(name, value)) return false;
	}
	return true;
}
function parseStagedArgv(argv) {
	if (argv[0] !== "staged") return void 0;
	const args = {
		format: "human",
		"show-secrets": false,
		color: true,
		quiet: false,
		paths: []
	};
	return readOptions(argv, args, FLAGS, (token) => (args.paths.push(token), true), (tokens) => args.paths.push(...tokens)) ? args : void 0;
}
function parseDiffArgv(argv) {
	if (argv[0] !== "diff") return void 0;
	const args = {
		format: "human",
		"show-secrets": false,
		color: true,
		quiet: false,
		"allow-empty": false
	};
	return readOptions(argv, args, DIFF_FLAGS, (token) => {
		if (args.range !== void 0) return false;
		args.range = token;
		return true;
	}) ? args : void 0;
}
var VALUE_OPTIONS, FLAGS, PLAIN_SIZE, DIFF_FLAGS;
var init_fast_argv = __esmMin((() => {
	VALUE_OPTIONS = {
		"--format": "format",
		"-f": "format",
		"--config": "config",
		"-c": "config",
		"--output": "output",
		"-o": "output",
		"--baseline": "baseline",
		"--max-file-size": "max-file-size"
	};
	FLAGS = {
		"--show-secrets": ["show-secrets", true],
		"--color": ["color", true],
		"--no-color": ["color", false],
		"--quiet": ["quiet", true],
		"-q": ["quiet", true],
		"--no-baseline": ["baseline", false],
		"--step-summary": ["step-summary", true],
		"--no-step-summary": ["step-summary", false]
	};
	PLAIN_SIZE = /^[1-9][0-9]{0,14}$/;
	DIFF_FLAGS = {
		...FLAGS,
		"--allow-empty": ["allow-empty", true]
	};
}));
// src/sigv4.ts
function amzDate(now) {
	return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
function signV4(req) {
	const date = amzDate(req.now);
	const day = date.slice(0, 8);
	const signed = {
		host: req.url.host,
		"x-amz-date": date
	};
	for (const [k, v] of Object.entries(req.headers)) signed[k.toLowerCase()] = v.trim().replace(/\s+/g, " ");
	const names = Object.keys(signed).sort();
	const canonicalQuery = [...req.url.searchParams].map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)]).sort(([a, x], [b, y]) => a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0).map(([k, v]) => `${k}=${v}`).join("&");
	const canonical = [
		req.method,
		req.url.pathname || "/",
		canonicalQuery,
		...names.map((n) => `${n}:${signed[n]}`),
		"",
		names.join(";"),
		sha256(req.body)
	].join("\n");
	const scope = `${day}/${req.region}/${req.service}/aws4_request`;
	const toSign = [
		"AWS4-HMAC-SHA256",
		date,
		scope,
		sha256(canonical)
	].join("\n");
	const key = hmac(hmac(hmac(hmac(`AWS4${req.secretAccessKey}`, day), req.region), req.service), "aws4_request");
	const signature = (0, node_crypto.createHmac)("sha256", key).update(toSign, "utf8").digest("hex");
	const out = {
		...req.headers,
		"x-amz-date": date
	};
	out.authorization = `AWS4-HMAC-SHA256 Credential=${req.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`;
	return out;
}
function encodeRfc3986(s) {
	return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
var sha256, hmac;
var init_sigv4 = __esmMin((() => {
	sha256 = (data) => (0, node_crypto.createHash)("sha256").update(data, "utf8").digest("hex");
	hmac = (key, data) => (0, node_crypto.createHmac)("sha256", key).update(data, "utf8").digest();
}));
// src/verifiers.ts
function json(body) {
	try {
		return JSON.parse(body);
	} catch {
		return;
	}
}
function byStatus(live, invalid, ok) {
	return (a) => {
		if (invalid.includes(a.status)) return INVALID;
		if (a.status === 200) return ok(json(a.body)) ? LIVE : MALFORMED;
		if (live.includes(a.status)) return LIVE;
		return unexpected(a);
	};
}
function simple(name, rules, origin, method, path, headers, judge) {
	return {
		name,
		rules,
		origin: () => origin,
		request: (c, base) => ({
			method,
			url: new URL(path, base),
			headers: headers(c.secret)
		}),
		judge
	};
}
function sentryOrigin(c) {
	if (!c.secret.startsWith("sntrys_")) return "https://sentry.io";
	const payload = c.secret.slice(7, c.secret.lastIndexOf("_"));
	const claims = json(Buffer.from(payload, "base64").toString("utf8"));
	const named = isObject(claims) ? claims.region_url || claims.url : void 0;
	if (typeof named !== "string" || named === "") return "https://sentry.io";
	let url;
	try {
		url = new URL(named);
	} catch {
		return unsupported("the token names a host that is not a URL");
	}
	return url.protocol === "https:" && url.port === "" && (url.hostname === "sentry.io" || url.hostname.endsWith(".sentry.io")) ? url.origin : unsupported(`the token names a self-hosted Sentry (${url.hostname}), which is not contacted`);
}
function verifierFor(ruleId) {
	return byRule.get(ruleId);
}
var LIVE, INVALID, MALFORMED, unsupported, unexpected, isObject, bearer, hasList, hasString, STS_BODY, aws, slackError, verifiers, byRule;
var init_verifiers = __esmMin((() => {
	init_sigv4();
	LIVE = { status: "live" };
	INVALID = { status: "invalid" };
	MALFORMED = {
		status: "unknown",
		reason: "malformed answer"
	};
	unsupported = (why) => ({
		status: "unknown",
		reason: `unsupported: ${why}`
	});
	unexpected = (a) => ({
		status: "unknown",
		reason: `unexpected answer (HTTP ${a.status})`
	});
	isObject = (v) => Boolean(v) && typeof v === "object" && !Array.isArray(v);
	bearer = (secret) => ({ authorization: `Bearer ${secret}` });
	hasList = (key) => (b) => isObject(b) && Array.isArray(b[key]);
	hasString = (key) => (b) => isObject(b) && typeof b[key] === "string";
	STS_BODY = "Action=GetCallerIdentity&Version=2011-06-15";
	aws = {
		name: "aws",
		rules: ["aws-access-key"],
		origin: (c) => {
			if (!c.pairId) return unsupported("an AWS key id and its secret are needed together");
			if (!c.pairId.startsWith("AKIA")) return unsupported("temporary (ASIA) and other non-AKIA keys need their session token");
			return "https://sts.amazonaws.com";
		},
		request: (c, base, now) => {
			const url = new URL("/", base);
			return {
				method: "POST",
				url,
				headers: signV4({
					method: "POST",
					url,
					headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
					body: STS_BODY,
					region: "us-east-1",
					service: "sts",
					accessKeyId: c.pairId,
					secretAccessKey: c.secret,
					now
				}),
				body: STS_BODY
			};
		},
		judge: (a) => {
			if (a.status === 200) return /<GetCallerIdentityResult>[\s\S]*<Arn>/.test(a.body) ? LIVE : MALFORMED;
			if (a.status === 403 && /InvalidClientTokenId|SignatureDoesNotMatch/.test(a.body)) return INVALID;
			return unexpected(a);
		}
	};
	slackError = /* @__PURE__ */ new Set([
		"invalid_auth",
		"token_revoked",
		"account_inactive",
		"not_authed",
		"token_expired"
	]);
	verifiers = [
		simple("huggingface", ["huggingface-user-token", "huggingface-org-token"], "https://huggingface.co", "GET", "/api/whoami-v2", bearer, byStatus([], [401], hasString("name"))),
		simple("openai", ["openai-api-key"], "https://api.openai.com", "GET", "/v1/models", bearer, byStatus([], [401], hasList("data"))),
		simple("anthropic", ["anthropic-api-key"], "https://api.anthropic.com", "GET", "/v1/models", (s) => ({
			"x-api-key": s,
			"anthropic-version": "2023-06-01"
		}), byStatus([], [401], hasList("data"))),
		simple("groq", ["groq-api-key"], "https://api.groq.com", "GET", "/openai/v1/models", bearer, byStatus([], [401], hasList("data"))),
		{
			name: "wandb",
			rules: [
				"wandb-api-key",
				"wandb-legacy-api-key",
				"wandb-netrc-entry"
			],
			origin: () => "https://api.wandb.ai",
			request: (c, base) => ({
				method: "POST",
				url: new URL("/graphql", base),
				headers: {
					authorization: `Basic ${Buffer.from(`api:${c.secret}`).toString("base64")}`,
					"content-type": "application/json"
				},
				body: JSON.stringify({ query: "query { viewer { username } }" })
			}),
			judge: byStatus([], [401], (b) => isObject(b) && isObject(b.data) && isObject(b.data.viewer) && typeof b.data.viewer.username === "string")
		},
		{
			name: "sentry",
			rules: [
				"sentry-org-token",
				"sentry-user-token",
				"sentry-legacy-token"
			],
			origin: sentryOrigin,
			request: (c, base) => ({
				method: "GET",
				url: new URL("/api/0/organizations/", base),
				headers: bearer(c.secret)
			}),
			judge: byStatus([403], [401], Array.isArray)
		},
		simple("prefect", ["prefect-user-key", "prefect-service-account-key"], "https://api.prefect.cloud", "GET", "/api/me/workspaces", bearer, byStatus([], [401, 403], Array.isArray)),
		{
			name: "github",
			rules: ["github-token", "github-fine-grained-pat"],
			origin: () => "https://api.github.com",
			request: (c, base) => ({
				method: "GET",
				url: new URL("/user", base),
				headers: {
					...bearer(c.secret),
					accept: "application/vnd.github+json",
					"x-github-api-version": "2022-11-28",
					"user-agent": "leaklint"
				}
			}),
			judge: byStatus([], [401], hasString("login"))
		},
		simple("gitlab", ["gitlab-personal-access-token"], "https://gitlab.com", "GET", "/api/v4/personal_access_tokens/self", (s) => ({ "private-token": s }), (a) => {
			if (a.status === 401) return INVALID;
			if (a.status !== 200) return unexpected(a);
			const b = json(a.body);
			if (!isObject(b) || typeof b.active !== "boolean") return MALFORMED;
			return b.active ? LIVE : INVALID;
		}),
		{
			name: "slack",
			rules: ["slack-token"],
			origin: (c) => /^(?:xoxe\.)?xox[bp]-/.test(c.secret) ? "https://slack.com" : unsupported("only bot and user tokens (xoxb-, xoxp-) have a read-only check"),
			request: (c, base) => ({
				method: "POST",
				url: new URL("/api/auth.test", base),
				headers: bearer(c.secret)
			}),
			judge: (a) => {
				if (a.status !== 200) return unexpected(a);
				const b = json(a.body);
				if (!isObject(b) || typeof b.ok !== "boolean") return MALFORMED;
				if (b.ok) return LIVE;
				return typeof b.error === "string" && slackError.has(b.error) ? INVALID : {
					status: "unknown",
					reason: "unexpected answer (auth.test error)"
				};
			}
		},
		simple("stripe", ["stripe-secret-key"], "https://api.stripe.com", "GET", "/v1/balance", bearer, byStatus([403], [401], isObject)),
		simple("npm", ["npm-access-token", "npm-legacy-auth-token"], "https://registry.npmjs.org", "GET", "/-/whoami", bearer, byStatus([], [401], hasString("username"))),
		simple("replicate", ["replicate-api-token"], "https://api.replicate.com", "GET", "/v1/account", bearer, byStatus([], [401], hasString("username"))),
		simple("vercel", ["vercel-token", "vercel-classic-token"], "https://api.vercel.com", "GET", "/v2/user", bearer, byStatus([], [401, 403], (b) => isObject(b) && isObject(b.user))),
		simple("google", ["google-api-key"], "https://generativelanguage.googleapis.com", "GET", "/v1beta/models", (s) => ({ "x-goog-api-key": s }), (a) => {
			if (a.status === 400 && a.body.includes("API_KEY_INVALID")) return INVALID;
			if (a.status === 403) return LIVE;
			return byStatus([], [], hasList("models"))(a);
		}),
		aws
	];
	byRule = new Map(verifiers.flatMap((v) => v.rules.map((r) => [r, v])));
}));
// src/verify.ts
var verify_exports = /* @__PURE__ */ __exportAll({
	DEFAULT_CONCURRENCY: () => 4,
	DEFAULT_TIMEOUT_MS: () => DEFAULT_TIMEOUT_MS,
	VerifySetupError: () => VerifySetupError,
	testOrigins: () => testOrigins,
	verifyResult: () => verifyResult
});
function testOrigins(env) {
	const out = /* @__PURE__ */ new Map();
	const names = new Set(verifiers.map((v) => v.name));
	for (const [key, value] of Object.entries(env)) {
		const m = /^LEAKLINT_VERIFY_([A-Z0-9]+)_URL$/.exec(key);
		if (!m || value === void 0) continue;
		const name = m[1].toLowerCase();
		if (!names.has(name)) throw new VerifySetupError(`${key} names no verifier (known: ${[...names].map((n) => n.toUpperCase()).join(", ")})`);
		let url;
		try {
			url = new URL(value);
		} catch {
			url = void 0;
		}
		const loopback = url && (url.protocol === "http:" || url.protocol === "https:") && (/^127(?:\.\d{1,3}){3}$/.test(url.hostname) || url.hostname === "[::1]");
		if (!url || !loopback || url.username || url.password || url.pathname !== "/" && url.pathname !== "" || url.search || url.hash) throw new VerifySetupError(`${key} must be a loopback URL such as http://127.0.0.1:8080 (it exists for tests; any other host would be sent the secrets)`);
		out.set(name, url.origin);
	}
	return out;
}
function timeoutOf(env) {
	const raw = env.LEAKLINT_VERIFY_TIMEOUT_MS;
	if (raw === void 0 || raw === "") return DEFAULT_TIMEOUT_MS;
	if (!/^[1-9][0-9]{0,5}$/.test(raw)) throw new VerifySetupError("LEAKLINT_VERIFY_TIMEOUT_MS must be a whole number of milliseconds (1 to 999999)");
	return Number(raw);
}
async function verifyResult(result, opts) {
	const overrides = testOrigins(opts.env);
	const timeoutMs = timeoutOf(opts.env);
	const jobs = /* @__PURE__ */ new Map();
	for (const f of result.findings) {
		const verifier = f.kind === "content" && f.secret ? verifierFor(f.ruleId) : void 0;
		if (!verifier) {
			f.verification = {
				status: "unknown",
				reason: f.kind === "content" ? `unsupported: no read-only check for ${f.ruleId}` : "unsupported: not a credential value"
			};
			continue;
		}
		const key = `${verifier.name}\0${f.pairId ?? ""}\0${f.secret}`;
		const job = jobs.get(key) ?? {
			verifier,
			credential: {
				ruleId: f.ruleId,
				secret: f.secret,
				...f.pairId ? { pairId: f.pairId } : {}
			},
			findings: []
		};
		job.findings.push(f);
		jobs.set(key, job);
	}
	const toSend = [];
	for (const job of jobs.values()) {
		const origin = job.verifier.origin(job.credential);
		if (typeof origin !== "string") job.outcome = origin;
		else {
			job.origin = overrides.get(job.verifier.name) ?? origin;
			toSend.push(job);
		}
	}
	opts.note(describePlan$1(toSend, overrides, timeoutMs));
	const now = /* @__PURE__ */ new Date();
	await pool(toSend, opts.concurrency ?? 4, async (job) => {
		job.outcome = await check(job, job.origin, now, timeoutMs);
	});
	for (const job of jobs.values()) {
		const outcome = scrub(job.outcome ?? {
			status: "unknown",
			reason: "not checked"
		}, job.credential);
		const host = job.origin ? new URL(job.origin).host : void 0;
		for (const f of job.findings) {
			f.verification = {
				status: outcome.status,
				...outcome.reason ? { reason: outcome.reason } : {},
				...host ? { host } : {}
			};
			if (outcome.status === "invalid") f.severity = opts.invalidSeverity ?? (f.severity === "error" ? "warning" : f.severity);
		}
	}
}
function describePlan$1(jobs, overrides, timeoutMs) {
	if (jobs.length === 0) return "verify: no finding holds a credential with a live check: nothing sent";
	const per = /* @__PURE__ */ new Map();
	for (const j of jobs) {
		const where = `${j.verifier.name} \u2192 ${new URL(j.origin).host}${overrides.has(j.verifier.name) ? ` (LEAKLINT_VERIFY_${j.verifier.name.toUpperCase()}_URL)` : ""}`;
		per.set(where, (per.get(where) ?? 0) + 1);
	}
	const list = [...per].map(([where, n]) => `${where} (${n})`).join(", ");
	return `verify: sending ${jobs.length} credential${jobs.length === 1 ? "" : "s"}, one read-only request each (timeout ${timeoutMs / 1e3} s), to: ${list}`;
}
async function pool(items, size, run) {
	let next = 0;
	const worker = async () => {
		while (next < items.length) await run(items[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
function retryAfterMs(value) {
	if (value === null) return void 0;
	if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1e3;
	const at = Date.parse(value);
	return Number.isNaN(at) ? void 0 : Math.max(0, at - Date.now());
}
async function check(job, origin, now, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let req;
	try {
		req = job.verifier.request(job.credential, origin, now);
	} catch {
		return {
			status: "unknown",
			reason: "the request could not be built"
		};
	}
	if (!("url" in req)) return req;
	for (let attempt = 0;; attempt++) {
		const left = deadline - Date.now();
		if (left <= 0) return {
			status: "unknown",
			reason: "timeout"
		};
		let status;
		let body;
		let retryAfter = null;
		try {
			const res = await fetch(req.url, {
				method: req.method,
				headers: req.headers,
				...req.body !== void 0 ? { body: req.body } : {},
				redirect: "manual",
				signal: AbortSignal.timeout(left)
			});
			status = res.status;
			retryAfter = res.headers.get("retry-after");
			body = await readCapped(res);
		} catch (e) {
			return {
				status: "unknown",
				reason: Date.now() >= deadline || isAbort(e) ? "timeout" : network(e)
			};
		}
		if (status === 429) {
			const wait = retryAfterMs(retryAfter);
			if (attempt === 0 && wait !== void 0 && Date.now() + wait < deadline) {
				await new Promise((r) => setTimeout(r, wait));
				continue;
			}
			return {
				status: "unknown",
				reason: "rate limit"
			};
		}
		try {
			return job.verifier.judge({
				status,
				body
			});
		} catch {
			return {
				status: "unknown",
				reason: "malformed answer"
			};
		}
	}
}
async function readCapped(res) {
	if (!res.body) return "";
	const reader = res.body.getReader();
	const parts = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		parts.push(value);
		size += value.length;
		if (size > MAX_BODY) {
			await reader.cancel().catch(() => void 0);
			break;
		}
	}
	return Buffer.concat(parts).toString("utf8");
}
function isAbort(e) {
	const name = e?.name;
	const cause = e?.cause?.name;
	return name === "TimeoutError" || name === "AbortError" || cause === "TimeoutError" || cause === "AbortError";
}
function network(e) {
	const code = e?.cause?.code ?? e?.code;
	return typeof code === "string" && /^[A-Z0-9_]{2,40}$/.test(code) ? `network (${code})` : "network";
}
function scrub(outcome, c) {
	if (!outcome.reason || !outcome.reason.includes(c.secret)) return outcome;
	return {
		...outcome,
		reason: outcome.reason.split(c.secret).join("[redacted]")
	};
}
var DEFAULT_TIMEOUT_MS, MAX_BODY, VerifySetupError;
var init_verify = __esmMin((() => {
	init_verifiers();
	DEFAULT_TIMEOUT_MS = 5e3;
	MAX_BODY = 262144;
	VerifySetupError = class extends Error {};
}));
// src/sources/patch.ts
function rawEntry(head) {
	const m = RAW$1.exec(head);
	if (m) return {
		status: m[5],
		oid: m[4],
		newMode: m[2],
		parents: 1
	};
	const c = COMBINED_RAW.exec(head);
	if (!c) return void 0;
	const parents = c[1].length;
	const modes = c[2].trim().split(" ");
	const oids = c[3].trim().split(" ");
	const letters = c[4];
	if (modes.length !== parents + 1 || oids.length !== parents + 1 || letters.length !== parents) return void 0;
	return {
		status: /^A+$/.test(letters) ? "A" : "M",
		oid: oids[parents],
		newMode: modes[parents],
		parents
	};
}
function utf8(latin1) {
	return Buffer.from(latin1, "latin1").toString("utf8");
}
function parseRawPatch(text) {
	const files = [];
	const parentsOf = [];
	let at = 0;
	while (at < text.length && text[at] === ":") {
		const headEnd = text.indexOf("\0", at);
		if (headEnd === -1) break;
		const entry = rawEntry(text.slice(at, headEnd));
		at = headEnd + 1;
		if (!entry) break;
		const { status } = entry;
		const p1End = text.indexOf("\0", at);
		const p1 = utf8(text.slice(at, p1End));
		at = p1End + 1;
		let path = p1;
		let oldPath;
		if (entry.parents === 1 && (status === "R" || status === "C")) {
			const p2End = text.indexOf("\0", at);
			oldPath = p1;
			path = utf8(text.slice(at, p2End));
			at = p2End + 1;
		}
		files.push({
			status,
			path,
			...oldPath !== void 0 ? { oldPath } : {},
			oid: entry.oid,
			newMode: entry.newMode,
			binary: false,
			added: []
		});
		parentsOf.push(entry.parents);
	}
	if (text[at] === "\0") at++;
	text.slice(at).split(/^diff --(?:git|cc|combined) /m).slice(1).forEach((patch, i) => {
		const file = files[i];
		if (!file) return;
		const parents = parentsOf[i];
		const hunkHead = new RegExp(`^${"@".repeat(parents + 1)} (?:-\\d+(?:,\\d+)? ){${parents}}\\+(\\d+)(?:,\\d+)? ${"@".repeat(parents + 1)}`);
		const addedEverywhere = "+".repeat(parents);
		const lines = patch.split("\n");
		let newLine = 0;
		let inHunk = false;
		for (const raw of lines) {
			if (raw.startsWith("@@")) {
				const h = hunkHead.exec(raw);
				if (h) {
					newLine = Number(h[1]);
					inHunk = true;
				}
				continue;
			}
			if (!inHunk) {
				if (raw.startsWith("Binary files ") || raw === "GIT binary patch") file.binary = true;
				continue;
			}
			const columns = raw.slice(0, parents);
			if (columns.length < parents || !/^[ +]+$/.test(columns)) continue;
			if (columns === addedEverywhere) file.added.push({
				line: newLine,
				text: utf8(raw.slice(parents)).replace(/\r$/, "")
			});
			newLine++;
		}
	});
	return files;
}
var RAW$1, COMBINED_RAW, CommitSplitter;
var init_patch = __esmMin((() => {
	RAW$1 = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/;
	COMBINED_RAW = /^(:{2,})((?:\d{6} )+)((?:[0-9a-f]+ )+)([A-Z]+)$/;
	CommitSplitter = class CommitSplitter {
		static HEADER = /(?:^|\n)([0-9a-f]{40}|[0-9a-f]{64})\0/g;
		pieces = [];
		sha;
		carry = "";
		seen = 0;
		push(piece) {
			const out = [];
			const search = this.carry + piece;
			const searchAt = this.seen - this.carry.length;
			this.seen += piece.length;
			const re = CommitSplitter.HEADER;
			re.lastIndex = 0;
			const headers = [];
			let m;
			while ((m = re.exec(search)) !== null) {
				if (m.index === 0 && !m[0].startsWith("\n") && searchAt !== 0) {
					re.lastIndex = 1;
					continue;
				}
				headers.push(m);
			}
			if (headers.length === 0) {
				this.pieces.push(piece);
				this.carry = search.slice(-66);
				return out;
			}
			const full = this.pieces.join("") + piece;
			const shift = full.length - search.length;
			let start = 0;
			for (const h of headers) {
				const bodyEnd = shift + h.index + (h[0].startsWith("\n") ? 1 : 0);
				if (this.sha !== void 0) out.push({
					sha: this.sha,
					body: full.slice(start, bodyEnd)
				});
				this.sha = h[1];
				start = shift + h.index + h[0].length;
			}
			this.pieces = [full.slice(start)];
			this.carry = search.slice(Math.max(start - shift, search.length - 66));
			return out;
		}
		end() {
			const last = this.sha !== void 0 ? [{
				sha: this.sha,
				body: this.pieces.join("")
			}] : [];
			this.sha = void 0;
			this.pieces = [];
			this.carry = "";
			return last;
		}
	};
}));
// src/sources/diff-items.ts
function* fileDiffItems(file, o) {
	if (file.newMode === "160000") return;
	const where = o.where ? ` in ${o.where}` : "";
	const withinLimit = () => (o.blobSize(file.oid) ?? Infinity) <= o.maxFileSize;
	if (o.pathRules) yield {
		type: "path",
		path: file.path,
		origin: o.origin,
		content: () => withinLimit() ? o.readBlob(file.oid)?.toString("utf8") : void 0
	};
	if (file.binary) {
		const size = o.blobSize(file.oid);
		const data = size !== void 0 && size <= o.maxFileSize ? o.readBlob(file.oid) : void 0;
		if (size === void 0 || size <= o.maxFileSize && !data) yield {
			type: "skipped",
			path: file.path,
			reason: "unreadable",
			detail: `blob ${file.oid} is missing${where}`
		};
		else if (!data) yield {
			type: "skipped",
			path: file.path,
			reason: "large",
			detail: `${size} bytes${where}`
		};
		else yield {
			type: "file",
			path: file.path,
			origin: o.origin,
			data,
			pathRules: false
		};
		return;
	}
	if (file.added.length === 0) return;
	const text = file.added.map((l) => l.text).join("\n");
	if (text.length > o.maxFileSize) {
		yield {
			type: "skipped",
			path: file.path,
			reason: "large",
			detail: `${text.length} bytes added${where}`
		};
		return;
	}
	yield {
		type: "chunk",
		chunk: {
			path: file.path,
			text,
			startLine: file.added[0].line,
			lineNumbers: file.added.map((l) => l.line),
			origin: o.origin
		}
	};
}
function isNewPath(file) {
	return file.status !== "M" && file.status !== "T";
}
var init_diff_items = __esmMin((() => {}));
// src/sources/diff-blobs.ts
function blobSize(root, oid) {
	const r = gitSync(root, [
		"cat-file",
		"-s",
		oid
	]);
	return r.status === 0 ? Number(r.stdout.toString().trim()) : void 0;
}
function readBlob(root, oid) {
	const r = gitSync(root, [
		"cat-file",
		"blob",
		oid
	]);
	return r.status === 0 ? r.stdout : void 0;
}
function blobSizes(root, oids) {
	const sizes = /* @__PURE__ */ new Map();
	if (oids.length === 0) return sizes;
	const r = gitSync(root, ["cat-file", "--batch-check"], oids.join("\n") + "\n");
	if (r.status !== 0) return sizes;
	for (const line of r.stdout.toString("latin1").split("\n")) {
		const m = /^([0-9a-f]+) \S+ (\d+)$/.exec(line);
		if (m) sizes.set(m[1], Number(m[2]));
		else if (line.endsWith(" missing")) sizes.set(line.slice(0, -8), void 0);
	}
	return sizes;
}
function readBlobsText(root, oids, maxSize) {
	const out = /* @__PURE__ */ new Map();
	const wanted = [...new Set(oids)];
	const sizes = blobSizes(root, wanted);
	if (wanted.length && sizes.size === 0) throw new GitError("git cat-file --batch-check failed while reading files for path rules", "failed");
	let group = [];
	let bytes = 0;
	const flush = () => {
		if (group.length === 0) return;
		const r = gitSync(root, ["cat-file", "--batch"], group.join("\n") + "\n");
		group = [];
		bytes = 0;
		if (r.status !== 0) throw new GitError(`git cat-file failed while reading files for path rules: ${r.stderr.trim().split("\n").pop() ?? ""}`, "failed");
		const buf = r.stdout;
		let at = 0;
		while (at < buf.length) {
			const nl = buf.indexOf(10, at);
			if (nl === -1) break;
			const header = buf.toString("latin1", at, nl).split(" ");
			at = nl + 1;
			if (header.length !== 3) continue;
			const size = Number(header[2]);
			out.set(header[0], buf.toString("utf8", at, at + size));
			at += size + 1;
		}
	};
	for (const [oid, size] of sizes) {
		if (size === void 0 || size > maxSize) continue;
		if (bytes + size > BATCH_BYTES) flush();
		group.push(oid);
		bytes += size;
	}
	flush();
	return out;
}
async function* diffFileItems(root, files, o) {
	const blobs = new DiffBlobs(root, files, o.maxFileSize, o.pathRules);
	const readBlob = (oid) => blobs.read(oid);
	const blobSize = (oid) => blobs.size(oid);
	try {
		for (const file of files) {
			if (streamed(file)) await blobs.next(file);
			yield* fileDiffItems(file, {
				origin: o.origin,
				maxFileSize: o.maxFileSize,
				readBlob,
				blobSize,
				pathRules: o.pathRules(file),
				...o.where !== void 0 ? { where: o.where } : {}
			});
		}
	} finally {
		await blobs.close();
	}
}
var BATCH_BYTES, streamed, DiffBlobs;
var init_diff_blobs = __esmMin((() => {
	init_git();
	init_diff_items();
	BATCH_BYTES = 67108864;
	streamed = (file) => file.binary && file.newMode !== "160000";
	DiffBlobs = class {
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
			this.sizes ??= blobSizes(this.root, [...new Set(this.files.filter((f) => f.newMode !== "160000" && (f.binary || this.pathRules(f))).map((f) => f.oid))]);
			return this.sizes.has(oid) ? this.sizes.get(oid) : blobSize(this.root, oid);
		}
		read(oid) {
			return this.current?.oid === oid ? this.current.data : readBlob(this.root, oid);
		}
		async next(file) {
			this.current = void 0;
			const size = this.size(file.oid);
			if (size === void 0 || size > this.maxFileSize) return;
			this.stream ??= catFileBatch(this.root, this.binaryOids(), this.maxFileSize);
			const next = await this.stream.next();
			if (!next.done && next.value.oid === file.oid && !next.value.missing && next.value.data) this.current = {
				oid: file.oid,
				data: next.value.data
			};
		}
		async close() {
			await this.stream?.return(void 0);
		}
		binaryOids() {
			return this.files.filter((f) => streamed(f) && (this.size(f.oid) ?? Infinity) <= this.maxFileSize).map((f) => f.oid);
		}
	};
}));
// src/sources/staged.ts
function pathspecs(root, cwd, paths) {
	return paths.map((p) => {
		return `:(top,literal)${(0, node_path.relative)(root, (0, node_path.isAbsolute)(p) ? p : (0, node_path.resolve)(cwd, p)).split(node_path.sep).join("/")}`;
	});
}
function locateRepo(cwd) {
	let r;
	try {
		r = gitSync(cwd, LOCATE_ARGS);
	} catch (e) {
		if (e instanceof GitError) return {
			cwd,
			bare: false,
			error: e
		};
		throw e;
	}
	return locationFrom(cwd, r);
}
function locationFrom(cwd, r) {
	const out = r.stdout.toString("utf8");
	const nl = out.indexOf("\n");
	const bare = out.slice(0, nl === -1 ? out.length : nl) === "true";
	if (r.status !== 0) return {
		cwd,
		bare
	};
	return {
		cwd,
		root: out.slice(nl + 1).trim(),
		bare
	};
}
function stagedDiff(repo, paths, prestarted) {
	if (repo.error) throw repo.error;
	if (repo.bare) throw new GitError("this is a bare repository: it has no index to scan (use leaklint history)", "failed");
	const root = repo.root;
	if (root === void 0) throw new GitError(`not a git repository: ${repo.cwd} (leaklint staged scans the index of a repository)`, "not-a-repo");
	return {
		root,
		files: parseRawPatch((prestarted ?? gitBytes(root, stagedDiffArgs(root, repo.cwd, paths))).toString("latin1"))
	};
}
function stagedDiffArgs(root, cwd, paths) {
	const args = [
		"diff",
		"--cached",
		...DIFF_OPTIONS,
		"--diff-filter=ACMRT"
	];
	if (paths.length) args.push("--", ...pathspecs(root, cwd, paths));
	return args;
}
async function* stagedItems(plan, maxFileSize) {
	yield* diffFileItems(plan.root, plan.files, {
		origin: { kind: "staged" },
		maxFileSize,
		pathRules: isNewPath
	});
}
var DIFF_OPTIONS, LOCATE_ARGS;
var init_staged$1 = __esmMin((() => {
	init_git();
	init_patch();
	init_diff_items();
	init_diff_blobs();
	DIFF_OPTIONS = [
		"--raw",
		"-p",
		"-z",
		"-U0",
		"-M",
		"--no-abbrev",
		"--full-index",
		"--no-ext-diff",
		"--no-textconv",
		"--no-color"
	];
	LOCATE_ARGS = [
		"rev-parse",
		"--is-bare-repository",
		"--show-toplevel"
	];
}));
// src/staged-prestart.ts
async function prestartedLocation(pre, cwd) {
	if (pre.cwd !== cwd) return void 0;
	adoptGitChild(pre.locate.child);
	adoptGitChild(pre.diff.child);
	const r = await pre.locate.result;
	return r ? locationFrom(cwd, r) : void 0;
}
async function prestartedDiff(pre, repo, paths) {
	if (!(!repo.error && !repo.bare && repo.root === pre.cwd && repo.cwd === pre.cwd && paths.length === pre.paths.length && paths.every((p, i) => p === pre.paths[i]))) {
		if (!pre.diff.settled) pre.diff.child.kill();
		return;
	}
	const r = await pre.diff.result;
	return r && r.status === 0 ? r.stdout : void 0;
}
var init_staged_prestart = __esmMin((() => {
	init_fast_argv();
	init_git();
	init_staged$1();
}));
// src/read-file.ts
function errorOf(e) {
	const err = e;
	if (err.code === "ENOENT" || err.code === "ENOTDIR") return { kind: "none" };
	if (err.code === "ELOOP") return { kind: "none" };
	return {
		kind: "error",
		detail: err.code ?? err.message
	};
}
function readAfterLstat(full, maxSize) {
	try {
		const st = (0, node_fs.lstatSync)(full);
		if (!st.isFile()) return { kind: "none" };
		if (st.size > maxSize) return {
			kind: "large",
			size: st.size
		};
		return {
			kind: "data",
			data: (0, node_fs.readFileSync)(full)
		};
	} catch (e) {
		return errorOf(e);
	}
}
function readRegularFile(full, maxSize) {
	if (NO_FOLLOW === void 0) return readAfterLstat(full, maxSize);
	let fd;
	try {
		fd = (0, node_fs.openSync)(full, node_fs.constants.O_RDONLY | NO_FOLLOW | (node_fs.constants.O_NONBLOCK ?? 0));
	} catch (e) {
		return errorOf(e);
	}
	try {
		const st = (0, node_fs.fstatSync)(fd);
		if (!st.isFile()) return { kind: "none" };
		if (st.size > maxSize) return {
			kind: "large",
			size: st.size
		};
		const data = Buffer.allocUnsafe(st.size);
		let got = 0;
		while (got < data.length) {
			const n = (0, node_fs.readSync)(fd, data, got, data.length - got, got);
			if (n === 0) break;
			got += n;
		}
		return {
			kind: "data",
			data: got === data.length ? data : data.subarray(0, got)
		};
	} catch (e) {
		return errorOf(e);
	} finally {
		(0, node_fs.closeSync)(fd);
	}
}
var NO_FOLLOW;
var init_read_file = __esmMin((() => {
	NO_FOLLOW = node_fs.constants.O_NOFOLLOW;
}));
// src/sources/files.ts
var files_exports = /* @__PURE__ */ __exportAll({
	fileItems: () => fileItems,
	resolveFiles: () => resolveFiles
});
async function walk(dir, out) {
	let entries;
	try {
		entries = await node_fs.promises.readdir(dir, { withFileTypes: true });
	} catch {
		return;
	}
	for (const e of entries) {
		const full = (0, node_path.join)(dir, e.name);
		if (e.isDirectory()) {
			if (!SKIP_DIRS.has(e.name)) await walk(full, out);
		} else if (e.isFile()) out.push(full);
	}
}
async function resolveFiles(paths, opts) {
	const root = repoRoot(opts.cwd);
	if (paths.length === 0) {
		if (root) return listFiles(opts.cwd, ["."], opts.untracked);
		const all = [];
		await walk(opts.cwd, all);
		return all.map((f) => (0, node_path.relative)(opts.cwd, f));
	}
	const files = [];
	for (const p of paths) {
		const st = await node_fs.promises.lstat((0, node_path.resolve)(opts.cwd, p)).catch(() => void 0);
		if (!st) throw new Error(`no such file or directory: ${p}`);
		if (st.isDirectory()) {
			if (repoRoot((0, node_path.resolve)(opts.cwd, p))) files.push(...listFiles((0, node_path.resolve)(opts.cwd, p), ["."], true).map((f) => (0, node_path.join)(p, f)));
			else {
				const found = [];
				await walk((0, node_path.resolve)(opts.cwd, p), found);
				files.push(...found.map((f) => (0, node_path.relative)(opts.cwd, f)));
			}
		} else files.push(p);
	}
	return files;
}
function namer(cwd, root) {
	if (!root) return (path) => path;
	let base;
	try {
		base = (0, node_fs.realpathSync)(cwd);
	} catch {
		return (path) => path;
	}
	return (path) => {
		const fromRoot = (0, node_path.relative)(root, (0, node_path.resolve)(base, path));
		return fromRoot && !fromRoot.startsWith("..") && !(0, node_path.isAbsolute)(fromRoot) ? fromRoot : path;
	};
}
function symlinkedParent(cwd, root) {
	let top;
	try {
		top = (0, node_fs.realpathSync)(root ?? cwd);
	} catch {
		return () => false;
	}
	const linked = /* @__PURE__ */ new Map();
	const check = (dir) => {
		const rel = (0, node_path.relative)(top, dir);
		if (rel === "" || rel.startsWith("..") || (0, node_path.isAbsolute)(rel)) return false;
		let known = linked.get(dir);
		if (known === void 0) {
			let link = false;
			try {
				link = (0, node_fs.lstatSync)(dir).isSymbolicLink();
			} catch {
				link = false;
			}
			known = link || check((0, node_path.dirname)(dir));
			linked.set(dir, known);
		}
		return known;
	};
	return (full) => check((0, node_path.dirname)(full));
}
async function* fileItems(paths, opts) {
	const files = await resolveFiles(paths, opts);
	const root = repoRoot(opts.cwd);
	const nameOf = namer(opts.cwd, root);
	const throughSymlink = symlinkedParent(opts.cwd, root);
	let base;
	try {
		base = (0, node_fs.realpathSync)(opts.cwd);
	} catch {
		base = opts.cwd;
	}
	for (const given of files) {
		const path = nameOf(given);
		if (opts.isIgnored(path)) continue;
		const full = (0, node_path.resolve)(opts.cwd, given);
		if (throughSymlink((0, node_path.resolve)(base, given))) continue;
		const read = readRegularFile(full, opts.maxFileSize);
		if (read.kind === "none") continue;
		if (read.kind === "error") {
			yield {
				type: "skipped",
				path,
				reason: "unreadable",
				detail: read.detail
			};
			continue;
		}
		if (read.kind === "large") {
			yield {
				type: "path",
				path,
				origin: { kind: "worktree" }
			};
			yield {
				type: "skipped",
				path,
				reason: "large",
				detail: `${read.size} bytes is over the ${opts.maxFileSize}-byte limit`
			};
			continue;
		}
		yield {
			type: "file",
			path,
			origin: { kind: "worktree" },
			data: read.data
		};
	}
}
var SKIP_DIRS;
var init_files$1 = __esmMin((() => {
	init_read_file();
	init_git();
	SKIP_DIRS = /* @__PURE__ */ new Set([
		".git",
		"node_modules",
		".hg",
		".svn",
		"__pycache__",
		".venv",
		".tox"
	]);
}));
// src/commands/staged.ts
var staged_exports = /* @__PURE__ */ __exportAll({ stagedCommand: () => stagedCommand });
async function warmUpScan() {
	await loadRules();
	preloadSha256();
}
var stagedCommand;
var init_staged = __esmMin((() => {
	init_cli();
	init_config();
	init_scan();
	init_staged$1();
	init_staged_prestart();
	init_sha256();
	stagedCommand = {
		command: "staged [paths..]",
		describe: "pre-commit: scan what is about to be committed (the index, added lines only)",
		builder: (y) => common(y).positional("paths", {
			type: "string",
			array: true,
			describe: "restrict to these paths (lint-staged passes them); their index version is read"
		}),
		async run(args, io) {
			const pre = io.prestarted;
			const repo = (pre && await prestartedLocation(pre, io.cwd)) ?? locateRepo(io.cwd);
			const config = loadConfig(repo.root ?? io.cwd, args.config);
			const paths = args.paths ?? [];
			const prestarted = pre && prestartedDiff(pre, repo, paths);
			if (pre && prestarted && !pre.diff.settled) await warmUpScan();
			const plan = stagedDiff(repo, paths, prestarted && await prestarted);
			if (plan.files.length === 0) {
				if (io.env.PRE_COMMIT === "1" && !io.env.GIT_INDEX_FILE && paths.length === 0 && repo.root) {
					io.stderr.write("leaklint: nothing is staged and this is not a commit (pre-commit run --all-files?): scanning the tracked files instead\n");
					const { fileItems } = await Promise.resolve().then(() => (init_files$1(), files_exports));
					const { compileConfig } = await Promise.resolve().then(() => (init_config(), config_exports));
					return runScan(fileItems([], {
						cwd: repo.root,
						untracked: false,
						maxFileSize: args["max-file-size"] ?? config.maxFileSize ?? 5242880,
						isIgnored: compileConfig(config).isIgnored
					}), "files", args, io, config, {
						fullScan: true,
						root: repo.root,
						verifyFromConfig: false
					});
				}
				io.stderr.write("leaklint: nothing staged to scan (no added, copied, modified or renamed files)\n");
				return 0;
			}
			return runScan(stagedItems(plan, args["max-file-size"] ?? config.maxFileSize ?? 5242880), "precommit", args, io, config, {
				root: plan.root,
				verifyFromConfig: false
			});
		}
	};
}));
// src/ci-env.ts
function readEvent(path) {
	if (!path) return void 0;
	try {
		const parsed = JSON.parse((0, node_fs.readFileSync)(path, "utf8"));
		return parsed && typeof parsed === "object" ? parsed : void 0;
	} catch {
		return;
	}
}
function str(payload, ...keys) {
	let at = payload;
	for (const key of keys) at = at && typeof at === "object" ? at[key] : void 0;
	return typeof at === "string" && at !== "" ? at : void 0;
}
function newBranch(head, branch, source) {
	return {
		head,
		newBranch: { excludeRef: branch ? `origin/${branch}` : void 0 },
		emptyNote: `the new branch${branch ? ` ${branch}` : ""} holds no commit that another remote branch does not already have`,
		source
	};
}
function tagRange(head, tag, defaultBranch, source) {
	const empty = `the tag ${tag} adds no commit beyond ${defaultBranch ? `the default branch (${defaultBranch})` : "the remote branches"}`;
	const anyBranch = {
		head,
		newBranch: {},
		emptyNote: `the tag ${tag} adds no commit beyond the remote branches`,
		source
	};
	if (!defaultBranch) return anyBranch;
	return {
		head,
		beyond: `origin/${defaultBranch}`,
		emptyNote: empty,
		fallback: {
			request: anyBranch,
			note: `origin/${defaultBranch} is not in this clone: scanning the commits of ${tag} that no remote branch has (fetch the default branch to scan only what the tag adds beyond it)`
		},
		source
	};
}
function wholeHistory(head, source) {
	return {
		head,
		wholeHistory: true,
		source
	};
}
function github(env) {
	const event = env.GITHUB_EVENT_NAME ?? "";
	const payload = readEvent(env.GITHUB_EVENT_PATH);
	const ref = env.GITHUB_REF ?? "";
	const sha = nonEmpty(env.GITHUB_SHA) ?? "HEAD";
	const tagName = ref.startsWith("refs/tags/") ? ref.slice(10) : void 0;
	const defaultBranch = str(payload, "repository", "default_branch");
	if (event === "pull_request" || event === "pull_request_target") {
		const baseSha = str(payload, "pull_request", "base", "sha");
		const headSha = str(payload, "pull_request", "head", "sha");
		const number = payload?.number ?? (payload?.pull_request)?.number;
		const baseRef = nonEmpty(env.GITHUB_BASE_REF) ?? str(payload, "pull_request", "base", "ref");
		const base = baseSha ?? (baseRef ? `origin/${baseRef}` : void 0);
		const source = `GitHub Actions pull request${event === "pull_request_target" ? " (pull_request_target)" : ""}${baseRef ? ` into ${baseRef}` : ""}`;
		if (base) return {
			base,
			head: headSha ?? "HEAD",
			mergeBase: true,
			...baseSha && baseRef ? { exclude: [`origin/${baseRef}`] } : {},
			...typeof number === "number" ? { fetch: `git fetch origin ${baseRef ?? "main"} refs/pull/${number}/head` } : {},
			source
		};
	}
	if (event === "merge_group") {
		const base = str(payload, "merge_group", "base_sha");
		const head = str(payload, "merge_group", "head_sha") ?? sha;
		if (base) return {
			base,
			head,
			source: "GitHub Actions merge_group (base_sha..head_sha)"
		};
	}
	if (event === "push") {
		const after = str(payload, "after") ?? sha;
		const before = str(payload, "before");
		const name = nonEmpty(env.GITHUB_REF_NAME) ?? ref.replace(/^refs\/(?:heads|tags)\//, "");
		if (ZERO.test(after) || payload?.deleted === true) return {
			head: "HEAD",
			nothing: `the push deleted ${name || "a ref"}: there are no commits to scan`,
			source: "GitHub Actions push"
		};
		if (tagName !== void 0) return tagRange(after, tagName, defaultBranch, `GitHub Actions push of tag ${tagName}`);
		const created = newBranch(after, name || void 0, "GitHub Actions push of a new branch");
		if (before && !ZERO.test(before)) return {
			base: before,
			head: after,
			...defaultBranch && name !== defaultBranch ? { exclude: [`origin/${defaultBranch}`] } : {},
			emptyNote: "the push moved the branch back to a commit it already had: no new commits",
			fallback: {
				request: {
					...created,
					source: "GitHub Actions push (before not in the clone)"
				},
				note: `the commit before the push (${before.slice(0, 12)}) is not in this clone, as after a force-push: scanning the commits of the branch that no other remote branch has`
			},
			source: "GitHub Actions push (before..after)"
		};
		return created;
	}
	if (event === "release" || tagName !== void 0 && event !== "workflow_dispatch" && event !== "schedule") {
		const tag = str(payload, "release", "tag_name") ?? tagName;
		if (tag) return tagRange(tagName !== void 0 ? sha : `refs/tags/${tag}`, tag, defaultBranch, `GitHub Actions ${event} of tag ${tag}`);
	}
	return wholeHistory(sha, `GitHub Actions ${event || "run"}: every commit of ${env.GITHUB_REF_NAME || sha}`);
}
function gitlab(env) {
	const head = nonEmpty(env.CI_COMMIT_SHA) ?? "HEAD";
	const pipeline = env.CI_PIPELINE_SOURCE ?? "";
	if (env.CI_MERGE_REQUEST_DIFF_BASE_SHA) {
		const source = nonEmpty(env.CI_MERGE_REQUEST_SOURCE_BRANCH_SHA) ?? head;
		const iid = env.CI_MERGE_REQUEST_IID;
		return {
			base: env.CI_MERGE_REQUEST_DIFF_BASE_SHA,
			head: source,
			...iid ? { fetch: `git fetch origin refs/merge-requests/${iid}/head` } : {},
			source: "GitLab merge request (CI_MERGE_REQUEST_DIFF_BASE_SHA)"
		};
	}
	if (env.CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_SHA) return {
		base: env.CI_EXTERNAL_PULL_REQUEST_TARGET_BRANCH_SHA,
		head: nonEmpty(env.CI_EXTERNAL_PULL_REQUEST_SOURCE_BRANCH_SHA) ?? head,
		mergeBase: true,
		source: "GitLab external pull request"
	};
	if (env.CI_COMMIT_TAG) return tagRange(head, env.CI_COMMIT_TAG, nonEmpty(env.CI_DEFAULT_BRANCH), `GitLab pipeline for tag ${env.CI_COMMIT_TAG}`);
	if (pipeline === "push" || pipeline === "") {
		const before = env.CI_COMMIT_BEFORE_SHA;
		const branch = nonEmpty(env.CI_COMMIT_BRANCH) ?? nonEmpty(env.CI_COMMIT_REF_NAME);
		const created = newBranch(head, branch, "GitLab push of a new branch");
		const defaultBranch = nonEmpty(env.CI_DEFAULT_BRANCH);
		if (before && !ZERO.test(before)) return {
			base: before,
			head,
			...defaultBranch && branch !== defaultBranch ? { exclude: [`origin/${defaultBranch}`] } : {},
			emptyNote: "the push moved the branch back to a commit it already had: no new commits",
			fallback: {
				request: {
					...created,
					source: "GitLab push (CI_COMMIT_BEFORE_SHA not in the clone)"
				},
				note: `the commit before the push (${before.slice(0, 12)}) is not in this clone, as after a force-push: scanning the commits of the branch that no other remote branch has`
			},
			source: "GitLab push (CI_COMMIT_BEFORE_SHA)"
		};
		if (before || pipeline === "push") return created;
		return wholeHistory(head, `GitLab pipeline: every commit of ${env.CI_COMMIT_REF_NAME || head}`);
	}
	return wholeHistory(head, `GitLab ${pipeline} pipeline: every commit of ${env.CI_COMMIT_REF_NAME || head}`);
}
function rangeFromEnv(env) {
	if (env.PRE_COMMIT_FROM_REF && env.PRE_COMMIT_TO_REF) return {
		base: env.PRE_COMMIT_FROM_REF,
		head: env.PRE_COMMIT_TO_REF,
		source: "pre-push (PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF)"
	};
	if (env.PRE_COMMIT_REMOTE_NAME) return {
		head: env.PRE_COMMIT_LOCAL_BRANCH || "HEAD",
		newBranch: {},
		source: `pre-push to ${env.PRE_COMMIT_REMOTE_NAME} of a branch that includes its root commit`
	};
	if (env.GITHUB_ACTIONS === "true") return github(env);
	if (env.GITLAB_CI === "true") return gitlab(env);
}
function parseRange(spec) {
	const three = spec.split("...");
	if (three.length === 2) return {
		base: three[0] || "HEAD",
		head: three[1] || "HEAD",
		mergeBase: true,
		source: spec
	};
	const two = spec.split("..");
	if (two.length === 2) return {
		base: two[0] || "HEAD",
		head: two[1] || "HEAD",
		source: spec
	};
	return {
		base: spec,
		head: "HEAD",
		source: `${spec}..HEAD`
	};
}
var ZERO, nonEmpty;
var init_ci_env = __esmMin((() => {
	ZERO = /^0+$/;
	nonEmpty = (value) => value ? value : void 0;
}));
// src/sources/range.ts
function plainRevision(rev) {
	return rev !== "" && !rev.startsWith("-");
}
function probeRange(cwd, request) {
	const probe = {
		cwd,
		commits: /* @__PURE__ */ new Map()
	};
	const revs = request ? [request.head, ...[
		request.base,
		request.beyond,
		...request.exclude ?? []
	].filter((r) => r !== void 0)] : [];
	const asked = revs.every(plainRevision) ? [...new Set(revs)] : [];
	let r;
	try {
		r = gitSync(cwd, [
			"rev-parse",
			"--is-shallow-repository",
			"--show-toplevel",
			...asked.map((rev) => `${rev}^{commit}`),
			...asked.length ? ["--"] : []
		]);
	} catch {
		return probe;
	}
	if (r.status !== 0) return probe;
	const lines = r.stdout.toString("utf8").split("\n");
	if (lines[lines.length - 1] === "") lines.pop();
	const ids = lines.slice(2, 2 + asked.length);
	const expected = 2 + asked.length + (asked.length ? 1 : 0);
	if (lines.length !== expected || asked.length && lines[expected - 1] !== "--") return probe;
	if (lines[0] !== "true" && lines[0] !== "false" || !lines[1]) return probe;
	probe.shallow = lines[0] === "true";
	probe.root = lines[1];
	if (ids.every((id) => OBJECT_ID.test(id))) asked.forEach((rev, i) => probe.commits.set(rev, ids[i]));
	return probe;
}
function verify(root, rev) {
	const r = gitSync(root, [
		"rev-parse",
		"--verify",
		"--quiet",
		"--end-of-options",
		`${rev}^{commit}`
	]);
	return r.status === 0 ? r.stdout.toString("utf8").trim() : void 0;
}
function fetchHint(shallow, what, fetch) {
	if (shallow) return [
		`${what} is not in this shallow clone, so the range cannot be scanned.`,
		"Fetch the missing history, then run again:",
		"  git fetch --deepen=200        (or: git fetch --unshallow)",
		"GitHub Actions: give actions/checkout `fetch-depth: 0`. GitLab CI: set `GIT_DEPTH: 0`."
	].join("\n");
	return `${what} is not in this repository. Fetch it first (for example \`${fetch ?? "git fetch origin"}\`), then run again.`;
}
function listCommits(root, revs) {
	const out = git(root, [
		"log",
		"--reverse",
		"--no-show-signature",
		"--no-color",
		"--encoding=UTF-8",
		"--format=%H%x00%an <%ae>%x00%aI%x00%P",
		...revs
	]);
	const commits = [];
	const info = /* @__PURE__ */ new Map();
	let roots = 0;
	for (const line of out.split("\n")) {
		const [sha, author, date, parents] = line.split("\0");
		if (!sha) continue;
		commits.push(sha);
		if (parents === "") roots++;
		if (author !== void 0 && date !== void 0) info.set(sha, {
			sha,
			author,
			date
		});
	}
	return {
		commits,
		info,
		roots
	};
}
function shallowCuts(root) {
	const r = gitSync(root, [
		"rev-parse",
		"--git-path",
		"shallow"
	]);
	if (r.status !== 0) return /* @__PURE__ */ new Set();
	try {
		return new Set((0, node_fs.readFileSync)((0, node_path.resolve)(root, r.stdout.toString("utf8").trim()), "utf8").split("\n").filter(Boolean));
	} catch {
		return /* @__PURE__ */ new Set();
	}
}
function resolveRange(probe, request) {
	const root = probe.root ?? requireRepoRoot(probe.cwd, "leaklint diff scans the commits of a repository");
	let shallowKnown = probe.root !== void 0 ? probe.shallow : void 0;
	const shallow = () => shallowKnown ??= isShallow(root);
	const commitOf = (rev) => probe.commits.get(rev) ?? verify(root, rev);
	return resolveIn(root, shallow, commitOf, request, []);
}
function resolveIn(root, shallow, commitOf, request, notes) {
	if (request.nothing !== void 0) return {
		root,
		commits: [],
		info: /* @__PURE__ */ new Map(),
		label: "nothing",
		source: request.source,
		notes: [...notes, request.nothing]
	};
	const head = commitOf(request.head);
	if (!head) throw new VacuousRangeError(fetchHint(shallow(), `The head commit ${request.head}`, request.fetch));
	const fallBack = () => request.fallback ? resolveIn(root, shallow, commitOf, request.fallback.request, [...notes, request.fallback.note]) : void 0;
	let revs;
	let label;
	let open = false;
	if (request.newBranch) {
		revs = [head, "--not"];
		if (request.newBranch.excludeRef) revs.push(`--exclude=${request.newBranch.excludeRef}`);
		revs.push("--remotes");
		label = `${head.slice(0, 12)} (new branch: commits on no other remote branch)`;
		open = true;
	} else if (request.wholeHistory) {
		revs = [head];
		label = `${head.slice(0, 12)} (every commit it reaches)`;
		open = true;
	} else if (request.beyond !== void 0) {
		const beyond = commitOf(request.beyond);
		if (!beyond) {
			const other = fallBack();
			if (other) return other;
			throw new VacuousRangeError(fetchHint(shallow(), `The branch ${request.beyond}`, request.fetch));
		}
		revs = [
			head,
			"--not",
			beyond
		];
		label = `${head.slice(0, 12)} (commits not on ${request.beyond})`;
		open = true;
	} else {
		let base = commitOf(request.base);
		if (!base) {
			const other = shallow() ? void 0 : fallBack();
			if (other) return other;
			throw new VacuousRangeError(fetchHint(shallow(), `The base ${request.base}`, request.fetch));
		}
		if (request.mergeBase) {
			const mb = gitSync(root, [
				"merge-base",
				base,
				head
			]);
			if (mb.status !== 0) throw new VacuousRangeError(fetchHint(shallow(), `The merge base of ${request.base} and ${request.head}`, request.fetch));
			base = mb.stdout.toString("utf8").trim();
		} else if (shallow() && gitSync(root, [
			"merge-base",
			base,
			head
		]).status !== 0) throw new VacuousRangeError(fetchHint(true, `The history between ${request.base} and ${request.head}`));
		if (base === head) {
			if (request.emptyNote !== void 0) return {
				root,
				commits: [],
				info: /* @__PURE__ */ new Map(),
				label: `${head.slice(0, 12)}`,
				source: request.source,
				notes: [...notes, request.emptyNote]
			};
			throw new VacuousRangeError(`The range ${request.source} is empty: base and head are the same commit (${head.slice(0, 12)}). Nothing was scanned.`);
		}
		revs = [`${base}..${head}`];
		for (const rev of request.exclude ?? []) {
			const other = commitOf(rev);
			if (other) revs.push(`^${other}`);
		}
		label = `${base.slice(0, 12)}..${head.slice(0, 12)}`;
	}
	const { commits, info, roots } = listCommits(root, revs);
	if (open && commits.length && shallow()) {
		const cuts = shallowCuts(root);
		if (commits.some((c) => cuts.has(c))) throw new VacuousRangeError(fetchHint(true, `The history of ${request.head} before ${commits.find((c) => cuts.has(c)).slice(0, 12)}`));
	}
	if (commits.length === 0) {
		if (request.emptyNote !== void 0) return {
			root,
			commits,
			info,
			label,
			source: request.source,
			notes: [...notes, request.emptyNote]
		};
		throw new VacuousRangeError(`The range ${label} (${request.source}) holds no commits. Nothing was scanned.`);
	}
	if (request.newBranch && request.newBranch.excludeRef !== void 0 && roots > 0) notes.push("no other remote branch in this clone shares this history, so every commit of the branch is scanned (fetch the default branch first, e.g. `git fetch origin main`, to scan only the new ones)");
	return {
		root,
		commits,
		info,
		label,
		source: request.source,
		notes
	};
}
function readAhead(source, limit) {
	const queue = [];
	let queued = 0;
	let done = false;
	let stopped = false;
	let failure;
	let wakeReader;
	let wakePump;
	const wake = (which) => {
		const w = which === "reader" ? wakeReader : wakePump;
		if (which === "reader") wakeReader = void 0;
		else wakePump = void 0;
		w?.();
	};
	const stop = () => {
		stopped = true;
		wake("pump");
	};
	(async () => {
		try {
			for await (const chunk of source) {
				queue.push(chunk);
				queued += chunk.length;
				wake("reader");
				while (queued > limit && !stopped) await new Promise((r) => wakePump = r);
				if (stopped) break;
			}
		} catch (error) {
			failure = { error };
		} finally {
			done = true;
			wake("reader");
		}
	})();
	return {
		chunks: (async function* () {
			try {
				for (;;) {
					const chunk = queue.shift();
					if (chunk) {
						queued -= chunk.length;
						wake("pump");
						yield chunk;
						await new Promise((r) => setImmediate(r));
					} else if (done) {
						if (failure) throw failure.error;
						return;
					} else await new Promise((r) => wakeReader = r);
				}
			} finally {
				stop();
			}
		})(),
		stop
	};
}
function rangeItems(range, maxFileSize, progress) {
	if (range.commits.length === 0) return {
		items: (async function* () {})(),
		stop: () => {}
	};
	const done = {
		commits: 0,
		total: range.commits.length,
		bytes: 0
	};
	const args = [
		"diff-tree",
		"--stdin",
		"--root",
		"-r",
		"--diff-merges=dense-combined",
		...DIFF_OPTIONS,
		"--diff-filter=ACMRT"
	];
	const output = readAhead(gitOutput(range.root, args, range.commits.join("\n") + "\n"), READ_AHEAD_BYTES);
	const pathsSeen = /* @__PURE__ */ new Set();
	const itemsOf = async function* (sha, body) {
		const origin = {
			kind: "commit",
			commit: range.info.get(sha) ?? {
				sha,
				author: "unknown",
				date: ""
			}
		};
		const files = parseRawPatch(body);
		done.commits++;
		done.bytes += body.length;
		progress?.(done);
		const judged = /* @__PURE__ */ new Set();
		for (const file of files) {
			if (!isNewPath(file) || pathsSeen.has(file.path)) continue;
			pathsSeen.add(file.path);
			judged.add(file);
		}
		yield* diffFileItems(range.root, files, {
			origin,
			maxFileSize,
			pathRules: (file) => judged.has(file),
			where: sha.slice(0, 12)
		});
	};
	return {
		items: (async function* () {
			const splitter = new CommitSplitter();
			for await (const chunk of output.chunks) for (const { sha, body } of splitter.push(chunk.toString("latin1"))) yield* itemsOf(sha, body);
			for (const { sha, body } of splitter.end()) yield* itemsOf(sha, body);
		})(),
		stop: output.stop
	};
}
var VacuousRangeError, OBJECT_ID, READ_AHEAD_BYTES;
var init_range = __esmMin((() => {
	init_git();
	init_patch();
	init_diff_items();
	init_diff_blobs();
	init_staged$1();
	VacuousRangeError = class extends Error {};
	OBJECT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
	READ_AHEAD_BYTES = 33554432;
}));
// src/commands/diff.ts
var diff_exports = /* @__PURE__ */ __exportAll({ diffCommand: () => diffCommand });
function rangeProgressPrinter(io) {
	const stderr = io.stderr;
	if (!stderr.isTTY) return void 0;
	const start = Date.now();
	let last;
	let shown = 0;
	const show = (p) => {
		const secs = Math.max((Date.now() - start) / 1e3, .001);
		stderr.write(`\r${p.commits}/${p.total} commits, ${formatBytes(p.bytes)} of diffs, ${formatBytes(p.bytes / secs)}/s   `);
	};
	return {
		update(p) {
			last = p;
			if (shown === 0 || Date.now() - shown > 250) {
				shown = Date.now();
				show(p);
			}
		},
		end() {
			if (!last) return;
			show(last);
			stderr.write("\n");
		}
	};
}
async function* endsWith(items, end) {
	try {
		yield* items;
	} finally {
		end();
	}
}
function upstreamRange(root) {
	const upstream = gitSync(root, [
		"rev-parse",
		"--abbrev-ref",
		"--symbolic-full-name",
		"@{upstream}"
	]);
	if (upstream.status === 0) {
		const name = upstream.stdout.toString("utf8").trim();
		return {
			base: name,
			head: "HEAD",
			source: `the upstream of the current branch (${name}..HEAD)`
		};
	}
	throw new UsageError("no range given, no CI range in the environment, and the current branch has no upstream: give one, e.g. `leaklint diff origin/main..HEAD`");
}
var diffCommand;
var init_diff = __esmMin((() => {
	init_cli();
	init_config();
	init_scan();
	init_ci_env();
	init_range();
	init_git();
	diffCommand = {
		command: "diff [range]",
		describe: "CI: scan every commit of a range (base, base..head, base...head; default: from the CI environment)",
		builder: (y) => common(y).positional("range", {
			type: "string",
			describe: "<base>, <base>..<head> or <base>...<head>"
		}).option("allow-empty", {
			type: "boolean",
			default: false,
			describe: "exit 0 with a warning instead of failing when the range is empty or cannot be seen"
		}),
		async run(args, io) {
			const spec = args.range;
			const given = spec ? parseRange(spec) : rangeFromEnv(io.env);
			const probe = probeRange(io.cwd, given);
			const workTree = probe.root ?? repoRoot(io.cwd) ?? io.cwd;
			const config = loadConfig(workTree, args.config);
			const request = given ?? upstreamRange(workTree);
			let range;
			try {
				range = resolveRange(given ? probe : probeRange(io.cwd, request), request);
			} catch (e) {
				if (!(e instanceof VacuousRangeError)) throw e;
				if (!args["allow-empty"]) throw new UsageError(`${e.message}\n(--allow-empty accepts this and exits 0)`);
				io.stderr.write(`leaklint: warning: nothing scanned. ${e.message}\n`);
				return 0;
			}
			for (const note of range.notes) io.stderr.write(`leaklint: note: ${note}\n`);
			if (range.commits.length === 0) io.stderr.write(`leaklint: no commits to scan (from ${range.source})\n`);
			else io.stderr.write(`leaklint: scanning ${range.commits.length} commit${range.commits.length === 1 ? "" : "s"} (${range.label}, from ${range.source})\n`);
			const maxFileSize = args["max-file-size"] ?? config.maxFileSize ?? 5242880;
			const progress = range.commits.length > 0 ? rangeProgressPrinter(io) : void 0;
			const scan = rangeItems(range, maxFileSize, progress?.update);
			const items = progress ? endsWith(scan.items, progress.end) : scan.items;
			try {
				return await runScan(items, "ci", args, io, config, { root: workTree });
			} finally {
				scan.stop();
			}
		}
	};
}));
// node_modules/cliui/build/lib/index.js
function addBorder(col, ts, style) {
	if (col.border) {
		if (/[.']-+[.']/.test(ts)) return "";
		if (ts.trim().length !== 0) return style;
		return "  ";
	}
	return "";
}
function _minWidth(col) {
	const padding = col.padding || [];
	const minWidth = 1 + (padding[left] || 0) + (padding[right] || 0);
	if (col.border) return minWidth + 4;
	return minWidth;
}
function getWindowWidth() {
	/* istanbul ignore next: depends on terminal */
	if (typeof process === "object" && process.stdout && process.stdout.columns) return process.stdout.columns;
	return 80;
}
function alignRight(str, width) {
	str = str.trim();
	const strWidth = mixin$1.stringWidth(str);
	if (strWidth < width) return " ".repeat(width - strWidth) + str;
	return str;
}
function alignCenter(str, width) {
	str = str.trim();
	const strWidth = mixin$1.stringWidth(str);
	/* istanbul ignore next */
	if (strWidth >= width) return str;
	return " ".repeat(width - strWidth >> 1) + str;
}
function cliui(opts, _mixin) {
	mixin$1 = _mixin;
	return new UI({
		width: (opts === null || opts === void 0 ? void 0 : opts.width) || getWindowWidth(),
		wrap: opts === null || opts === void 0 ? void 0 : opts.wrap
	});
}
var align, top, right, bottom, left, UI, mixin$1;
var init_lib$2 = __esmMin((() => {
	align = {
		right: alignRight,
		center: alignCenter
	};
	top = 0;
	right = 1;
	bottom = 2;
	left = 3;
	UI = class {
		constructor(opts) {
			var _a;
			this.width = opts.width;
			this.wrap = (_a = opts.wrap) !== null && _a !== void 0 ? _a : true;
			this.rows = [];
		}
		span(...args) {
			const cols = this.div(...args);
			cols.span = true;
		}
		resetOutput() {
			this.rows = [];
		}
		div(...args) {
			if (args.length === 0) this.div("");
			if (this.wrap && this.shouldApplyLayoutDSL(...args) && typeof args[0] === "string") return this.applyLayoutDSL(args[0]);
			const cols = args.map((arg) => {
				if (typeof arg === "string") return this.colFromString(arg);
				return arg;
			});
			this.rows.push(cols);
			return cols;
		}
		shouldApplyLayoutDSL(...args) {
			return args.length === 1 && typeof args[0] === "string" && /[\t\n]/.test(args[0]);
		}
		applyLayoutDSL(str) {
			const rows = str.split("\n").map((row) => row.split("	"));
			let leftColumnWidth = 0;
			rows.forEach((columns) => {
				if (columns.length > 1 && mixin$1.stringWidth(columns[0]) > leftColumnWidth) leftColumnWidth = Math.min(Math.floor(this.width * .5), mixin$1.stringWidth(columns[0]));
			});
			rows.forEach((columns) => {
				this.div(...columns.map((r, i) => {
					return {
						text: r.trim(),
						padding: this.measurePadding(r),
						width: i === 0 && columns.length > 1 ? leftColumnWidth : void 0
					};
				}));
			});
			return this.rows[this.rows.length - 1];
		}
		colFromString(text) {
			return {
				text,
				padding: this.measurePadding(text)
			};
		}
		measurePadding(str) {
			const noAnsi = mixin$1.stripAnsi(str);
			return [
				0,
				noAnsi.match(/\s*$/)[0].length,
				0,
				noAnsi.match(/^\s*/)[0].length
			];
		}
		toString() {
			const lines = [];
			this.rows.forEach((row) => {
				this.rowToString(row, lines);
			});
			return lines.filter((line) => !line.hidden).map((line) => line.text).join("\n");
		}
		rowToString(row, lines) {
			this.rasterize(row).forEach((rrow, r) => {
				let str = "";
				rrow.forEach((col, c) => {
					const { width } = row[c];
					const wrapWidth = this.negatePadding(row[c]);
					let ts = col;
					if (wrapWidth > mixin$1.stringWidth(col)) ts += " ".repeat(wrapWidth - mixin$1.stringWidth(col));
					if (row[c].align && row[c].align !== "left" && this.wrap) {
						const fn = align[row[c].align];
						ts = fn(ts, wrapWidth);
						if (mixin$1.stringWidth(ts) < wrapWidth) ts += " ".repeat((width || 0) - mixin$1.stringWidth(ts) - 1);
					}
					const padding = row[c].padding || [
						0,
						0,
						0,
						0
					];
					if (padding[left]) str += " ".repeat(padding[left]);
					str += addBorder(row[c], ts, "| ");
					str += ts;
					str += addBorder(row[c], ts, " |");
					if (padding[right]) str += " ".repeat(padding[right]);
					if (r === 0 && lines.length > 0) str = this.renderInline(str, lines[lines.length - 1]);
				});
				lines.push({
					text: str.replace(/ +$/, ""),
					span: row.span
				});
			});
			return lines;
		}
		renderInline(source, previousLine) {
			const match = source.match(/^ */);
			const leadingWhitespace = match ? match[0].length : 0;
			const target = previousLine.text;
			const targetTextWidth = mixin$1.stringWidth(target.trimRight());
			if (!previousLine.span) return source;
			if (!this.wrap) {
				previousLine.hidden = true;
				return target + source;
			}
			if (leadingWhitespace < targetTextWidth) return source;
			previousLine.hidden = true;
			return target.trimRight() + " ".repeat(leadingWhitespace - targetTextWidth) + source.trimLeft();
		}
		rasterize(row) {
			const rrows = [];
			const widths = this.columnWidths(row);
			let wrapped;
			row.forEach((col, c) => {
				col.width = widths[c];
				if (this.wrap) wrapped = mixin$1.wrap(col.text, this.negatePadding(col), { hard: true }).split("\n");
				else wrapped = col.text.split("\n");
				if (col.border) {
					wrapped.unshift("." + "-".repeat(this.negatePadding(col) + 2) + ".");
					wrapped.push("'" + "-".repeat(this.negatePadding(col) + 2) + "'");
				}
				if (col.padding) {
					wrapped.unshift(...new Array(col.padding[top] || 0).fill(""));
					wrapped.push(...new Array(col.padding[bottom] || 0).fill(""));
				}
				wrapped.forEach((str, r) => {
					if (!rrows[r]) rrows.push([]);
					const rrow = rrows[r];
					for (let i = 0; i < c; i++) if (rrow[i] === void 0) rrow.push("");
					rrow.push(str);
				});
			});
			return rrows;
		}
		negatePadding(col) {
			let wrapWidth = col.width || 0;
			if (col.padding) wrapWidth -= (col.padding[left] || 0) + (col.padding[right] || 0);
			if (col.border) wrapWidth -= 4;
			return wrapWidth;
		}
		columnWidths(row) {
			if (!this.wrap) return row.map((col) => {
				return col.width || mixin$1.stringWidth(col.text);
			});
			let unset = row.length;
			let remainingWidth = this.width;
			const widths = row.map((col) => {
				if (col.width) {
					unset--;
					remainingWidth -= col.width;
					return col.width;
				}
			});
			const unsetWidth = unset ? Math.floor(remainingWidth / unset) : 0;
			return widths.map((w, i) => {
				if (w === void 0) return Math.max(unsetWidth, _minWidth(row[i]));
				return w;
			});
		}
	};
}));
// node_modules/cliui/build/lib/string-utils.js
function stripAnsi(str) {
	return str.replace(ansi, "");
}
function wrap(str, width) {
	const [start, end] = str.match(ansi) || ["", ""];
	str = stripAnsi(str);
	let wrapped = "";
	for (let i = 0; i < str.length; i++) {
		if (i !== 0 && i % width === 0) wrapped += "\n";
		wrapped += str.charAt(i);
	}
	if (start && end) wrapped = `${start}${wrapped}${end}`;
	return wrapped;
}
var ansi;
var init_string_utils$1 = __esmMin((() => {
	ansi = /* @__PURE__ */ new RegExp("\x1B(?:\\[(?:\\d+[ABCDEFGJKSTm]|\\d+;\\d+[Hfm]|\\d+;\\d+;\\d+m|6n|s|u|\\?25[lh])|\\w)", "g");
}));
// node_modules/cliui/index.mjs
function ui(opts) {
	return cliui(opts, {
		stringWidth: (str) => {
			return [...str].length;
		},
		stripAnsi,
		wrap
	});
}
var init_cliui = __esmMin((() => {
	init_lib$2();
	init_string_utils$1();
}));
// node_modules/escalade/sync/index.mjs
function sync_default(start, callback) {
	let dir = (0, path.resolve)(".", start);
	let tmp;
	if (!(0, fs.statSync)(dir).isDirectory()) dir = (0, path.dirname)(dir);
	while (true) {
		tmp = callback(dir, (0, fs.readdirSync)(dir));
		if (tmp) return (0, path.resolve)(dir, tmp);
		dir = (0, path.dirname)(tmp = dir);
		if (tmp === dir) break;
	}
}
var init_sync = __esmMin((() => {}));
// node_modules/yargs-parser/build/lib/string-utils.js
function camelCase(str) {
	if (!(str !== str.toLowerCase() && str !== str.toUpperCase())) str = str.toLowerCase();
	if (str.indexOf("-") === -1 && str.indexOf("_") === -1) return str;
	else {
		let camelcase = "";
		let nextChrUpper = false;
		const leadingHyphens = str.match(/^-+/);
		for (let i = leadingHyphens ? leadingHyphens[0].length : 0; i < str.length; i++) {
			let chr = str.charAt(i);
			if (nextChrUpper) {
				nextChrUpper = false;
				chr = chr.toUpperCase();
			}
			if (i !== 0 && (chr === "-" || chr === "_")) nextChrUpper = true;
			else if (chr !== "-" && chr !== "_") camelcase += chr;
		}
		return camelcase;
	}
}
function decamelize(str, joinString) {
	const lowercase = str.toLowerCase();
	joinString = joinString || "-";
	let notCamelcase = "";
	for (let i = 0; i < str.length; i++) {
		const chrLower = lowercase.charAt(i);
		const chrString = str.charAt(i);
		if (chrLower !== chrString && i > 0) notCamelcase += `${joinString}${lowercase.charAt(i)}`;
		else notCamelcase += chrString;
	}
	return notCamelcase;
}
function looksLikeNumber(x) {
	if (x === null || x === void 0) return false;
	if (typeof x === "number") return true;
	if (/^0x[0-9a-f]+$/i.test(x)) return true;
	if (/^0[^.]/.test(x)) return false;
	return /^[-]?(?:\d+(?:\.\d*)?|\.\d+)(e[-+]?\d+)?$/.test(x);
}
var init_string_utils = __esmMin((() => {}));
// node_modules/yargs-parser/build/lib/tokenize-arg-string.js
function tokenizeArgString(argString) {
	if (Array.isArray(argString)) return argString.map((e) => typeof e !== "string" ? e + "" : e);
	argString = argString.trim();
	let i = 0;
	let prevC = null;
	let c = null;
	let opening = null;
	const args = [];
	for (let ii = 0; ii < argString.length; ii++) {
		prevC = c;
		c = argString.charAt(ii);
		if (c === " " && !opening) {
			if (!(prevC === " ")) i++;
			continue;
		}
		if (c === opening) opening = null;
		else if ((c === "'" || c === "\"") && !opening) opening = c;
		if (!args[i]) args[i] = "";
		args[i] += c;
	}
	return args;
}
var init_tokenize_arg_string = __esmMin((() => {}));
// node_modules/yargs-parser/build/lib/yargs-parser-types.js
var DefaultValuesForTypeKey;
var init_yargs_parser_types = __esmMin((() => {
	(function(DefaultValuesForTypeKey) {
		DefaultValuesForTypeKey["BOOLEAN"] = "boolean";
		DefaultValuesForTypeKey["STRING"] = "string";
		DefaultValuesForTypeKey["NUMBER"] = "number";
		DefaultValuesForTypeKey["ARRAY"] = "array";
	})(DefaultValuesForTypeKey || (DefaultValuesForTypeKey = {}));
}));
// node_modules/yargs-parser/build/lib/yargs-parser.js
function combineAliases(aliases) {
	const aliasArrays = [];
	const combined = Object.create(null);
	let change = true;
	Object.keys(aliases).forEach(function(key) {
		aliasArrays.push([].concat(aliases[key], key));
	});
	while (change) {
		change = false;
		for (let i = 0; i < aliasArrays.length; i++) for (let ii = i + 1; ii < aliasArrays.length; ii++) if (aliasArrays[i].filter(function(v) {
			return aliasArrays[ii].indexOf(v) !== -1;
		}).length) {
			aliasArrays[i] = aliasArrays[i].concat(aliasArrays[ii]);
			aliasArrays.splice(ii, 1);
			change = true;
			break;
		}
	}
	aliasArrays.forEach(function(aliasArray) {
		aliasArray = aliasArray.filter(function(v, i, self) {
			return self.indexOf(v) === i;
		});
		const lastAlias = aliasArray.pop();
		if (lastAlias !== void 0 && typeof lastAlias === "string") combined[lastAlias] = aliasArray;
	});
	return combined;
}
function increment(orig) {
	return orig !== void 0 ? orig + 1 : 1;
}
function sanitizeKey(key) {
	if (key === "__proto__") return "___proto___";
	return key;
}
function stripQuotes(val) {
	return typeof val === "string" && (val[0] === "'" || val[0] === "\"") && val[val.length - 1] === val[0] ? val.substring(1, val.length - 1) : val;
}
var mixin, YargsParser;
var init_yargs_parser = __esmMin((() => {
	init_tokenize_arg_string();
	init_yargs_parser_types();
	init_string_utils();
	YargsParser = class {
		constructor(_mixin) {
			mixin = _mixin;
		}
		parse(argsInput, options) {
			const opts = Object.assign({
				alias: void 0,
				array: void 0,
				boolean: void 0,
				config: void 0,
				configObjects: void 0,
				configuration: void 0,
				coerce: void 0,
				count: void 0,
				default: void 0,
				envPrefix: void 0,
				narg: void 0,
				normalize: void 0,
				string: void 0,
				number: void 0,
				__: void 0,
				key: void 0
			}, options);
			const args = tokenizeArgString(argsInput);
			const inputIsString = typeof argsInput === "string";
			const aliases = combineAliases(Object.assign(Object.create(null), opts.alias));
			const configuration = Object.assign({
				"boolean-negation": true,
				"camel-case-expansion": true,
				"combine-arrays": false,
				"dot-notation": true,
				"duplicate-arguments-array": true,
				"flatten-duplicate-arrays": true,
				"greedy-arrays": true,
				"halt-at-non-option": false,
				"nargs-eats-options": false,
				"negation-prefix": "no-",
				"parse-numbers": true,
				"parse-positional-numbers": true,
				"populate--": false,
				"set-placeholder-key": false,
				"short-option-groups": true,
				"strip-aliased": false,
				"strip-dashed": false,
				"unknown-options-as-args": false
			}, opts.configuration);
			const defaults = Object.assign(Object.create(null), opts.default);
			const configObjects = opts.configObjects || [];
			const envPrefix = opts.envPrefix;
			const notFlagsOption = configuration["populate--"];
			const notFlagsArgv = notFlagsOption ? "--" : "_";
			const newAliases = Object.create(null);
			const defaulted = Object.create(null);
			const __ = opts.__ || mixin.format;
			const flags = {
				aliases: Object.create(null),
				arrays: Object.create(null),
				bools: Object.create(null),
				strings: Object.create(null),
				numbers: Object.create(null),
				counts: Object.create(null),
				normalize: Object.create(null),
				configs: Object.create(null),
				nargs: Object.create(null),
				coercions: Object.create(null),
				keys: []
			};
			const negative = /^-([0-9]+(\.[0-9]+)?|\.[0-9]+)$/;
			const negatedBoolean = new RegExp("^--" + configuration["negation-prefix"] + "(.+)");
			[].concat(opts.array || []).filter(Boolean).forEach(function(opt) {
				const key = typeof opt === "object" ? opt.key : opt;
				const assignment = Object.keys(opt).map(function(key) {
					return {
						boolean: "bools",
						string: "strings",
						number: "numbers"
					}[key];
				}).filter(Boolean).pop();
				if (assignment) flags[assignment][key] = true;
				flags.arrays[key] = true;
				flags.keys.push(key);
			});
			[].concat(opts.boolean || []).filter(Boolean).forEach(function(key) {
				flags.bools[key] = true;
				flags.keys.push(key);
			});
			[].concat(opts.string || []).filter(Boolean).forEach(function(key) {
				flags.strings[key] = true;
				flags.keys.push(key);
			});
			[].concat(opts.number || []).filter(Boolean).forEach(function(key) {
				flags.numbers[key] = true;
				flags.keys.push(key);
			});
			[].concat(opts.count || []).filter(Boolean).forEach(function(key) {
				flags.counts[key] = true;
				flags.keys.push(key);
			});
			[].concat(opts.normalize || []).filter(Boolean).forEach(function(key) {
				flags.normalize[key] = true;
				flags.keys.push(key);
			});
			if (typeof opts.narg === "object") Object.entries(opts.narg).forEach(([key, value]) => {
				if (typeof value === "number") {
					flags.nargs[key] = value;
					flags.keys.push(key);
				}
			});
			if (typeof opts.coerce === "object") Object.entries(opts.coerce).forEach(([key, value]) => {
				if (typeof value === "function") {
					flags.coercions[key] = value;
					flags.keys.push(key);
				}
			});
			if (typeof opts.config !== "undefined") {
				if (Array.isArray(opts.config) || typeof opts.config === "string") [].concat(opts.config).filter(Boolean).forEach(function(key) {
					flags.configs[key] = true;
				});
				else if (typeof opts.config === "object") Object.entries(opts.config).forEach(([key, value]) => {
					if (typeof value === "boolean" || typeof value === "function") flags.configs[key] = value;
				});
			}
			extendAliases(opts.key, aliases, opts.default, flags.arrays);
			Object.keys(defaults).forEach(function(key) {
				(flags.aliases[key] || []).forEach(function(alias) {
					defaults[alias] = defaults[key];
				});
			});
			let error = null;
			checkConfiguration();
			let notFlags = [];
			const argv = Object.assign(Object.create(null), { _: [] });
			const argvReturn = {};
			for (let i = 0; i < args.length; i++) {
				const arg = args[i];
				const truncatedArg = arg.replace(/^-{3,}/, "---");
				let broken;
				let key;
				let letters;
				let m;
				let next;
				let value;
				if (arg !== "--" && /^-/.test(arg) && isUnknownOptionAsArg(arg)) pushPositional(arg);
				else if (truncatedArg.match(/^---+(=|$)/)) {
					pushPositional(arg);
					continue;
				} else if (arg.match(/^--.+=/) || !configuration["short-option-groups"] && arg.match(/^-.+=/)) {
					m = arg.match(/^--?([^=]+)=([\s\S]*)$/);
					if (m !== null && Array.isArray(m) && m.length >= 3) {
						if (checkAllAliases(m[1], flags.arrays)) i = eatArray(i, m[1], args, m[2]);
						else if (checkAllAliases(m[1], flags.nargs) !== false) i = eatNargs(i, m[1], args, m[2]);
						else setArg(m[1], m[2], true);
					}
				} else if (arg.match(negatedBoolean) && configuration["boolean-negation"]) {
					m = arg.match(negatedBoolean);
					if (m !== null && Array.isArray(m) && m.length >= 2) {
						key = m[1];
						setArg(key, checkAllAliases(key, flags.arrays) ? [false] : false);
					}
				} else if (arg.match(/^--.+/) || !configuration["short-option-groups"] && arg.match(/^-[^-]+/)) {
					m = arg.match(/^--?(.+)/);
					if (m !== null && Array.isArray(m) && m.length >= 2) {
						key = m[1];
						if (checkAllAliases(key, flags.arrays)) i = eatArray(i, key, args);
						else if (checkAllAliases(key, flags.nargs) !== false) i = eatNargs(i, key, args);
						else {
							next = args[i + 1];
							if (next !== void 0 && (!next.match(/^-/) || next.match(negative)) && !checkAllAliases(key, flags.bools) && !checkAllAliases(key, flags.counts)) {
								setArg(key, next);
								i++;
							} else if (/^(true|false)$/.test(next)) {
								setArg(key, next);
								i++;
							} else setArg(key, defaultValue(key));
						}
					}
				} else if (arg.match(/^-.\..+=/)) {
					m = arg.match(/^-([^=]+)=([\s\S]*)$/);
					if (m !== null && Array.isArray(m) && m.length >= 3) setArg(m[1], m[2]);
				} else if (arg.match(/^-.\..+/) && !arg.match(negative)) {
					next = args[i + 1];
					m = arg.match(/^-(.\..+)/);
					if (m !== null && Array.isArray(m) && m.length >= 2) {
						key = m[1];
						if (next !== void 0 && !next.match(/^-/) && !checkAllAliases(key, flags.bools) && !checkAllAliases(key, flags.counts)) {
							setArg(key, next);
							i++;
						} else setArg(key, defaultValue(key));
					}
				} else if (arg.match(/^-[^-]+/) && !arg.match(negative)) {
					letters = arg.slice(1, -1).split("");
					broken = false;
					for (let j = 0; j < letters.length; j++) {
						next = arg.slice(j + 2);
						if (letters[j + 1] && letters[j + 1] === "=") {
							value = arg.slice(j + 3);
							key = letters[j];
							if (checkAllAliases(key, flags.arrays)) i = eatArray(i, key, args, value);
							else if (checkAllAliases(key, flags.nargs) !== false) i = eatNargs(i, key, args, value);
							else setArg(key, value);
							broken = true;
							break;
						}
						if (next === "-") {
							setArg(letters[j], next);
							continue;
						}
						if (/[A-Za-z]/.test(letters[j]) && /^-?\d+(\.\d*)?(e-?\d+)?$/.test(next) && checkAllAliases(next, flags.bools) === false) {
							setArg(letters[j], next);
							broken = true;
							break;
						}
						if (letters[j + 1] && letters[j + 1].match(/\W/)) {
							setArg(letters[j], next);
							broken = true;
							break;
						} else setArg(letters[j], defaultValue(letters[j]));
					}
					key = arg.slice(-1)[0];
					if (!broken && key !== "-") {
						if (checkAllAliases(key, flags.arrays)) i = eatArray(i, key, args);
						else if (checkAllAliases(key, flags.nargs) !== false) i = eatNargs(i, key, args);
						else {
							next = args[i + 1];
							if (next !== void 0 && (!/^(-|--)[^-]/.test(next) || next.match(negative)) && !checkAllAliases(key, flags.bools) && !checkAllAliases(key, flags.counts)) {
								setArg(key, next);
								i++;
							} else if (/^(true|false)$/.test(next)) {
								setArg(key, next);
								i++;
							} else setArg(key, defaultValue(key));
						}
					}
				} else if (arg.match(/^-[0-9]$/) && arg.match(negative) && checkAllAliases(arg.slice(1), flags.bools)) {
					key = arg.slice(1);
					setArg(key, defaultValue(key));
				} else if (arg === "--") {
					notFlags = args.slice(i + 1);
					break;
				} else if (configuration["halt-at-non-option"]) {
					notFlags = args.slice(i);
					break;
				} else pushPositional(arg);
			}
			applyEnvVars(argv, true);
			applyEnvVars(argv, false);
			setConfig(argv);
			setConfigObjects();
			applyDefaultsAndAliases(argv, flags.aliases, defaults, true);
			applyCoercions(argv);
			if (configuration["set-placeholder-key"]) setPlaceholderKeys(argv);
			Object.keys(flags.counts).forEach(function(key) {
				if (!hasKey(argv, key.split("."))) setArg(key, 0);
			});
			if (notFlagsOption && notFlags.length) argv[notFlagsArgv] = [];
			notFlags.forEach(function(key) {
				argv[notFlagsArgv].push(key);
			});
			if (configuration["camel-case-expansion"] && configuration["strip-dashed"]) Object.keys(argv).filter((key) => key !== "--" && key.includes("-")).forEach((key) => {
				delete argv[key];
			});
			if (configuration["strip-aliased"]) [].concat(...Object.keys(aliases).map((k) => aliases[k])).forEach((alias) => {
				if (configuration["camel-case-expansion"] && alias.includes("-")) delete argv[alias.split(".").map((prop) => camelCase(prop)).join(".")];
				delete argv[alias];
			});
			function pushPositional(arg) {
				const maybeCoercedNumber = maybeCoerceNumber("_", arg);
				if (typeof maybeCoercedNumber === "string" || typeof maybeCoercedNumber === "number") argv._.push(maybeCoercedNumber);
			}
			function eatNargs(i, key, args, argAfterEqualSign) {
				let ii;
				let toEat = checkAllAliases(key, flags.nargs);
				toEat = typeof toEat !== "number" || isNaN(toEat) ? 1 : toEat;
				if (toEat === 0) {
					if (!isUndefined(argAfterEqualSign)) error = Error(__("Argument unexpected for: %s", key));
					setArg(key, defaultValue(key));
					return i;
				}
				let available = isUndefined(argAfterEqualSign) ? 0 : 1;
				if (configuration["nargs-eats-options"]) {
					if (args.length - (i + 1) + available < toEat) error = Error(__("Not enough arguments following: %s", key));
					available = toEat;
				} else {
					for (ii = i + 1; ii < args.length; ii++) if (!args[ii].match(/^-[^0-9]/) || args[ii].match(negative) || isUnknownOptionAsArg(args[ii])) available++;
					else break;
					if (available < toEat) error = Error(__("Not enough arguments following: %s", key));
				}
				let consumed = Math.min(available, toEat);
				if (!isUndefined(argAfterEqualSign) && consumed > 0) {
					setArg(key, argAfterEqualSign);
					consumed--;
				}
				for (ii = i + 1; ii < consumed + i + 1; ii++) setArg(key, args[ii]);
				return i + consumed;
			}
			function eatArray(i, key, args, argAfterEqualSign) {
				let argsToSet = [];
				let next = argAfterEqualSign || args[i + 1];
				const nargsCount = checkAllAliases(key, flags.nargs);
				if (checkAllAliases(key, flags.bools) && !/^(true|false)$/.test(next)) argsToSet.push(true);
				else if (isUndefined(next) || isUndefined(argAfterEqualSign) && /^-/.test(next) && !negative.test(next) && !isUnknownOptionAsArg(next)) {
					if (defaults[key] !== void 0) {
						const defVal = defaults[key];
						argsToSet = Array.isArray(defVal) ? defVal : [defVal];
					}
				} else {
					if (!isUndefined(argAfterEqualSign)) argsToSet.push(processValue(key, argAfterEqualSign, true));
					for (let ii = i + 1; ii < args.length; ii++) {
						if (!configuration["greedy-arrays"] && argsToSet.length > 0 || nargsCount && typeof nargsCount === "number" && argsToSet.length >= nargsCount) break;
						next = args[ii];
						if (/^-/.test(next) && !negative.test(next) && !isUnknownOptionAsArg(next)) break;
						i = ii;
						argsToSet.push(processValue(key, next, inputIsString));
					}
				}
				if (typeof nargsCount === "number" && (nargsCount && argsToSet.length < nargsCount || isNaN(nargsCount) && argsToSet.length === 0)) error = Error(__("Not enough arguments following: %s", key));
				setArg(key, argsToSet);
				return i;
			}
			function setArg(key, val, shouldStripQuotes = inputIsString) {
				if (/-/.test(key) && configuration["camel-case-expansion"]) addNewAlias(key, key.split(".").map(function(prop) {
					return camelCase(prop);
				}).join("."));
				const value = processValue(key, val, shouldStripQuotes);
				const splitKey = key.split(".");
				setKey(argv, splitKey, value);
				if (flags.aliases[key]) flags.aliases[key].forEach(function(x) {
					const keyProperties = x.split(".");
					setKey(argv, keyProperties, value);
				});
				if (splitKey.length > 1 && configuration["dot-notation"]) (flags.aliases[splitKey[0]] || []).forEach(function(x) {
					let keyProperties = x.split(".");
					const a = [].concat(splitKey);
					a.shift();
					keyProperties = keyProperties.concat(a);
					if (!(flags.aliases[key] || []).includes(keyProperties.join("."))) setKey(argv, keyProperties, value);
				});
				if (checkAllAliases(key, flags.normalize) && !checkAllAliases(key, flags.arrays)) [key].concat(flags.aliases[key] || []).forEach(function(key) {
					Object.defineProperty(argvReturn, key, {
						enumerable: true,
						get() {
							return val;
						},
						set(value) {
							val = typeof value === "string" ? mixin.normalize(value) : value;
						}
					});
				});
			}
			function addNewAlias(key, alias) {
				if (!(flags.aliases[key] && flags.aliases[key].length)) {
					flags.aliases[key] = [alias];
					newAliases[alias] = true;
				}
				if (!(flags.aliases[alias] && flags.aliases[alias].length)) addNewAlias(alias, key);
			}
			function processValue(key, val, shouldStripQuotes) {
				if (shouldStripQuotes) val = stripQuotes(val);
				if (checkAllAliases(key, flags.bools) || checkAllAliases(key, flags.counts)) {
					if (typeof val === "string") val = val === "true";
				}
				let value = Array.isArray(val) ? val.map(function(v) {
					return maybeCoerceNumber(key, v);
				}) : maybeCoerceNumber(key, val);
				if (checkAllAliases(key, flags.counts) && (isUndefined(value) || typeof value === "boolean")) value = increment();
				if (checkAllAliases(key, flags.normalize) && checkAllAliases(key, flags.arrays)) {
					if (Array.isArray(val)) value = val.map((val) => {
						return mixin.normalize(val);
					});
					else value = mixin.normalize(val);
				}
				return value;
			}
			function maybeCoerceNumber(key, value) {
				if (!configuration["parse-positional-numbers"] && key === "_") return value;
				if (!checkAllAliases(key, flags.strings) && !checkAllAliases(key, flags.bools) && !Array.isArray(value)) {
					if (looksLikeNumber(value) && configuration["parse-numbers"] && Number.isSafeInteger(Math.floor(parseFloat(`${value}`))) || !isUndefined(value) && checkAllAliases(key, flags.numbers)) value = Number(value);
				}
				return value;
			}
			function setConfig(argv) {
				const configLookup = Object.create(null);
				applyDefaultsAndAliases(configLookup, flags.aliases, defaults);
				Object.keys(flags.configs).forEach(function(configKey) {
					const configPath = argv[configKey] || configLookup[configKey];
					if (configPath) try {
						let config = null;
						const resolvedConfigPath = mixin.resolve(mixin.cwd(), configPath);
						const resolveConfig = flags.configs[configKey];
						if (typeof resolveConfig === "function") {
							try {
								config = resolveConfig(resolvedConfigPath);
							} catch (e) {
								config = e;
							}
							if (config instanceof Error) {
								error = config;
								return;
							}
						} else config = mixin.require(resolvedConfigPath);
						setConfigObject(config);
					} catch (ex) {
						if (ex.name === "PermissionDenied") error = ex;
						else if (argv[configKey]) error = Error(__("Invalid JSON config file: %s", configPath));
					}
				});
			}
			function setConfigObject(config, prev) {
				Object.keys(config).forEach(function(key) {
					const value = config[key];
					const fullKey = prev ? prev + "." + key : key;
					if (typeof value === "object" && value !== null && !Array.isArray(value) && configuration["dot-notation"]) setConfigObject(value, fullKey);
					else if (!hasKey(argv, fullKey.split(".")) || checkAllAliases(fullKey, flags.arrays) && configuration["combine-arrays"]) setArg(fullKey, value);
				});
			}
			function setConfigObjects() {
				if (typeof configObjects !== "undefined") configObjects.forEach(function(configObject) {
					setConfigObject(configObject);
				});
			}
			function applyEnvVars(argv, configOnly) {
				if (typeof envPrefix === "undefined") return;
				const prefix = typeof envPrefix === "string" ? envPrefix : "";
				const env = mixin.env();
				Object.keys(env).forEach(function(envVar) {
					if (prefix === "" || envVar.lastIndexOf(prefix, 0) === 0) {
						const keys = envVar.split("__").map(function(key, i) {
							if (i === 0) key = key.substring(prefix.length);
							return camelCase(key);
						});
						if ((configOnly && flags.configs[keys.join(".")] || !configOnly) && !hasKey(argv, keys)) setArg(keys.join("."), env[envVar]);
					}
				});
			}
			function applyCoercions(argv) {
				let coerce;
				const applied = /* @__PURE__ */ new Set();
				Object.keys(argv).forEach(function(key) {
					if (!applied.has(key)) {
						coerce = checkAllAliases(key, flags.coercions);
						if (typeof coerce === "function") try {
							const value = maybeCoerceNumber(key, coerce(argv[key]));
							[].concat(flags.aliases[key] || [], key).forEach((ali) => {
								applied.add(ali);
								argv[ali] = value;
							});
						} catch (err) {
							error = err;
						}
					}
				});
			}
			function setPlaceholderKeys(argv) {
				flags.keys.forEach((key) => {
					if (~key.indexOf(".")) return;
					if (typeof argv[key] === "undefined") argv[key] = void 0;
				});
				return argv;
			}
			function applyDefaultsAndAliases(obj, aliases, defaults, canLog = false) {
				Object.keys(defaults).forEach(function(key) {
					if (!hasKey(obj, key.split("."))) {
						setKey(obj, key.split("."), defaults[key]);
						if (canLog) defaulted[key] = true;
						(aliases[key] || []).forEach(function(x) {
							if (hasKey(obj, x.split("."))) return;
							setKey(obj, x.split("."), defaults[key]);
						});
					}
				});
			}
			function hasKey(obj, keys) {
				let o = obj;
				if (!configuration["dot-notation"]) keys = [keys.join(".")];
				keys.slice(0, -1).forEach(function(key) {
					o = o[key] || {};
				});
				const key = keys[keys.length - 1];
				if (typeof o !== "object") return false;
				else return key in o;
			}
			function setKey(obj, keys, value) {
				let o = obj;
				if (!configuration["dot-notation"]) keys = [keys.join(".")];
				keys.slice(0, -1).forEach(function(key) {
					key = sanitizeKey(key);
					if (typeof o === "object" && o[key] === void 0) o[key] = {};
					if (typeof o[key] !== "object" || Array.isArray(o[key])) {
						if (Array.isArray(o[key])) o[key].push({});
						else o[key] = [o[key], {}];
						o = o[key][o[key].length - 1];
					} else o = o[key];
				});
				const key = sanitizeKey(keys[keys.length - 1]);
				const isTypeArray = checkAllAliases(keys.join("."), flags.arrays);
				const isValueArray = Array.isArray(value);
				let duplicate = configuration["duplicate-arguments-array"];
				if (!duplicate && checkAllAliases(key, flags.nargs)) {
					duplicate = true;
					if (!isUndefined(o[key]) && flags.nargs[key] === 1 || Array.isArray(o[key]) && o[key].length === flags.nargs[key]) o[key] = void 0;
				}
				if (value === increment()) o[key] = increment(o[key]);
				else if (Array.isArray(o[key])) {
					if (duplicate && isTypeArray && isValueArray) o[key] = configuration["flatten-duplicate-arrays"] ? o[key].concat(value) : (Array.isArray(o[key][0]) ? o[key] : [o[key]]).concat([value]);
					else if (!duplicate && Boolean(isTypeArray) === Boolean(isValueArray)) o[key] = value;
					else o[key] = o[key].concat([value]);
				} else if (o[key] === void 0 && isTypeArray) o[key] = isValueArray ? value : [value];
				else if (duplicate && !(o[key] === void 0 || checkAllAliases(key, flags.counts) || checkAllAliases(key, flags.bools))) o[key] = [o[key], value];
				else o[key] = value;
			}
			function extendAliases(...args) {
				args.forEach(function(obj) {
					Object.keys(obj || {}).forEach(function(key) {
						if (flags.aliases[key]) return;
						flags.aliases[key] = [].concat(aliases[key] || []);
						flags.aliases[key].concat(key).forEach(function(x) {
							if (/-/.test(x) && configuration["camel-case-expansion"]) {
								const c = camelCase(x);
								if (c !== key && flags.aliases[key].indexOf(c) === -1) {
									flags.aliases[key].push(c);
									newAliases[c] = true;
								}
							}
						});
						flags.aliases[key].concat(key).forEach(function(x) {
							if (x.length > 1 && /[A-Z]/.test(x) && configuration["camel-case-expansion"]) {
								const c = decamelize(x, "-");
								if (c !== key && flags.aliases[key].indexOf(c) === -1) {
									flags.aliases[key].push(c);
									newAliases[c] = true;
								}
							}
						});
						flags.aliases[key].forEach(function(x) {
							flags.aliases[x] = [key].concat(flags.aliases[key].filter(function(y) {
								return x !== y;
							}));
						});
					});
				});
			}
			function checkAllAliases(key, flag) {
				const toCheck = [].concat(flags.aliases[key] || [], key);
				const keys = Object.keys(flag);
				const setAlias = toCheck.find((key) => keys.includes(key));
				return setAlias ? flag[setAlias] : false;
			}
			function hasAnyFlag(key) {
				const flagsKeys = Object.keys(flags);
				return [].concat(flagsKeys.map((k) => flags[k])).some(function(flag) {
					return Array.isArray(flag) ? flag.includes(key) : flag[key];
				});
			}
			function hasFlagsMatching(arg, ...patterns) {
				return [].concat(...patterns).some(function(pattern) {
					const match = arg.match(pattern);
					return match && hasAnyFlag(match[1]);
				});
			}
			function hasAllShortFlags(arg) {
				if (arg.match(negative) || !arg.match(/^-[^-]+/)) return false;
				let hasAllFlags = true;
				let next;
				const letters = arg.slice(1).split("");
				for (let j = 0; j < letters.length; j++) {
					next = arg.slice(j + 2);
					if (!hasAnyFlag(letters[j])) {
						hasAllFlags = false;
						break;
					}
					if (letters[j + 1] && letters[j + 1] === "=" || next === "-" || /[A-Za-z]/.test(letters[j]) && /^-?\d+(\.\d*)?(e-?\d+)?$/.test(next) || letters[j + 1] && letters[j + 1].match(/\W/)) break;
				}
				return hasAllFlags;
			}
			function isUnknownOptionAsArg(arg) {
				return configuration["unknown-options-as-args"] && isUnknownOption(arg);
			}
			function isUnknownOption(arg) {
				arg = arg.replace(/^-{3,}/, "--");
				if (arg.match(negative)) return false;
				if (hasAllShortFlags(arg)) return false;
				return !hasFlagsMatching(arg, /^-+([^=]+?)=[\s\S]*$/, negatedBoolean, /^-+([^=]+?)$/, /^-+([^=]+?)-$/, /^-+([^=]+?\d+)$/, /^-+([^=]+?)\W+.*$/);
			}
			function defaultValue(key) {
				if (!checkAllAliases(key, flags.bools) && !checkAllAliases(key, flags.counts) && `${key}` in defaults) return defaults[key];
				else return defaultForType(guessType(key));
			}
			function defaultForType(type) {
				return {
					[DefaultValuesForTypeKey.BOOLEAN]: true,
					[DefaultValuesForTypeKey.STRING]: "",
					[DefaultValuesForTypeKey.NUMBER]: void 0,
					[DefaultValuesForTypeKey.ARRAY]: []
				}[type];
			}
			function guessType(key) {
				let type = DefaultValuesForTypeKey.BOOLEAN;
				if (checkAllAliases(key, flags.strings)) type = DefaultValuesForTypeKey.STRING;
				else if (checkAllAliases(key, flags.numbers)) type = DefaultValuesForTypeKey.NUMBER;
				else if (checkAllAliases(key, flags.bools)) type = DefaultValuesForTypeKey.BOOLEAN;
				else if (checkAllAliases(key, flags.arrays)) type = DefaultValuesForTypeKey.ARRAY;
				return type;
			}
			function isUndefined(num) {
				return num === void 0;
			}
			function checkConfiguration() {
				Object.keys(flags.counts).find((key) => {
					if (checkAllAliases(key, flags.arrays)) {
						error = Error(__("Invalid configuration: %s, opts.count excludes opts.array.", key));
						return true;
					} else if (checkAllAliases(key, flags.nargs)) {
						error = Error(__("Invalid configuration: %s, opts.count excludes opts.narg.", key));
						return true;
					}
					return false;
				});
			}
			return {
				aliases: Object.assign({}, flags.aliases),
				argv: Object.assign(argvReturn, argv),
				configuration,
				defaulted: Object.assign({}, defaulted),
				error,
				newAliases: Object.assign({}, newAliases)
			};
		}
	};
}));
// node_modules/yargs-parser/build/lib/index.js
var _a, _b, _c, minNodeVersion, nodeVersion, env, parser, yargsParser;
var init_lib$1 = __esmMin((() => {
	init_string_utils();
	init_yargs_parser();
	minNodeVersion = process && process.env && process.env.YARGS_MIN_NODE_VERSION ? Number(process.env.YARGS_MIN_NODE_VERSION) : 12;
	nodeVersion = (_b = (_a = process === null || process === void 0 ? void 0 : process.versions) === null || _a === void 0 ? void 0 : _a.node) !== null && _b !== void 0 ? _b : (_c = process === null || process === void 0 ? void 0 : process.version) === null || _c === void 0 ? void 0 : _c.slice(1);
	if (nodeVersion) {
		if (Number(nodeVersion.match(/^([^.]+)/)[1]) < minNodeVersion) throw Error(`yargs parser supports a minimum Node.js version of ${minNodeVersion}. Read our version support policy: https://github.com/yargs/yargs-parser#supported-nodejs-versions`);
	}
	env = process ? process.env : {};
	parser = new YargsParser({
		cwd: process.cwd,
		env: () => {
			return env;
		},
		format: util.format,
		normalize: path.normalize,
		resolve: path.resolve,
		require: (path) => {
			if (typeof require !== "undefined") return require(path);
			else if (path.match(/\.json$/)) return JSON.parse((0, fs.readFileSync)(path, "utf8"));
			else throw Error("only .json config files are supported in ESM");
		}
	});
	yargsParser = function Parser(args, opts) {
		return parser.parse(args.slice(), opts).argv;
	};
	yargsParser.detailed = function(args, opts) {
		return parser.parse(args.slice(), opts);
	};
	yargsParser.camelCase = camelCase;
	yargsParser.decamelize = decamelize;
	yargsParser.looksLikeNumber = looksLikeNumber;
}));
// node_modules/yargs/build/lib/utils/process-argv.js
function getProcessArgvBinIndex() {
	if (isBundledElectronApp()) return 0;
	return 1;
}
function isBundledElectronApp() {
	return isElectronApp() && !process.defaultApp;
}
function isElectronApp() {
	return !!process.versions.electron;
}
function getProcessArgvBin() {
	return process.argv[getProcessArgvBinIndex()];
}
var init_process_argv = __esmMin((() => {}));
// node_modules/yargs/build/lib/yerror.js
var YError;
var init_yerror = __esmMin((() => {
	YError = class YError extends Error {
		constructor(msg) {
			super(msg || "yargs error");
			this.name = "YError";
			if (Error.captureStackTrace) Error.captureStackTrace(this, YError);
		}
	};
}));
// node_modules/y18n/build/lib/platform-shims/node.js
var node_default;
var init_node = __esmMin((() => {
	node_default = {
		fs: {
			readFileSync: fs.readFileSync,
			writeFile: fs.writeFile
		},
		format: util.format,
		resolve: path.resolve,
		exists: (file) => {
			try {
				return (0, fs.statSync)(file).isFile();
			} catch (err) {
				return false;
			}
		}
	};
}));
// node_modules/y18n/build/lib/index.js
function y18n$1(opts, _shim) {
	shim$1 = _shim;
	const y18n = new Y18N(opts);
	return {
		__: y18n.__.bind(y18n),
		__n: y18n.__n.bind(y18n),
		setLocale: y18n.setLocale.bind(y18n),
		getLocale: y18n.getLocale.bind(y18n),
		updateLocale: y18n.updateLocale.bind(y18n),
		locale: y18n.locale
	};
}
var shim$1, Y18N;
var init_lib = __esmMin((() => {
	Y18N = class {
		constructor(opts) {
			opts = opts || {};
			this.directory = opts.directory || "./locales";
			this.updateFiles = typeof opts.updateFiles === "boolean" ? opts.updateFiles : true;
			this.locale = opts.locale || "en";
			this.fallbackToLanguage = typeof opts.fallbackToLanguage === "boolean" ? opts.fallbackToLanguage : true;
			this.cache = Object.create(null);
			this.writeQueue = [];
		}
		__(...args) {
			if (typeof arguments[0] !== "string") return this._taggedLiteral(arguments[0], ...arguments);
			const str = args.shift();
			let cb = function() {};
			if (typeof args[args.length - 1] === "function") cb = args.pop();
			cb = cb || function() {};
			if (!this.cache[this.locale]) this._readLocaleFile();
			if (!this.cache[this.locale][str] && this.updateFiles) {
				this.cache[this.locale][str] = str;
				this._enqueueWrite({
					directory: this.directory,
					locale: this.locale,
					cb
				});
			} else cb();
			return shim$1.format.apply(shim$1.format, [this.cache[this.locale][str] || str].concat(args));
		}
		__n() {
			const args = Array.prototype.slice.call(arguments);
			const singular = args.shift();
			const plural = args.shift();
			const quantity = args.shift();
			let cb = function() {};
			if (typeof args[args.length - 1] === "function") cb = args.pop();
			if (!this.cache[this.locale]) this._readLocaleFile();
			let str = quantity === 1 ? singular : plural;
			if (this.cache[this.locale][singular]) str = this.cache[this.locale][singular][quantity === 1 ? "one" : "other"];
			if (!this.cache[this.locale][singular] && this.updateFiles) {
				this.cache[this.locale][singular] = {
					one: singular,
					other: plural
				};
				this._enqueueWrite({
					directory: this.directory,
					locale: this.locale,
					cb
				});
			} else cb();
			const values = [str];
			if (~str.indexOf("%d")) values.push(quantity);
			return shim$1.format.apply(shim$1.format, values.concat(args));
		}
		setLocale(locale) {
			this.locale = locale;
		}
		getLocale() {
			return this.locale;
		}
		updateLocale(obj) {
			if (!this.cache[this.locale]) this._readLocaleFile();
			for (const key in obj) if (Object.prototype.hasOwnProperty.call(obj, key)) this.cache[this.locale][key] = obj[key];
		}
		_taggedLiteral(parts, ...args) {
			let str = "";
			parts.forEach(function(part, i) {
				const arg = args[i + 1];
				str += part;
				if (typeof arg !== "undefined") str += "%s";
			});
			return this.__.apply(this, [str].concat([].slice.call(args, 1)));
		}
		_enqueueWrite(work) {
			this.writeQueue.push(work);
			if (this.writeQueue.length === 1) this._processWriteQueue();
		}
		_processWriteQueue() {
			const _this = this;
			const work = this.writeQueue[0];
			const directory = work.directory;
			const locale = work.locale;
			const cb = work.cb;
			const languageFile = this._resolveLocaleFile(directory, locale);
			const serializedLocale = JSON.stringify(this.cache[locale], null, 2);
			shim$1.fs.writeFile(languageFile, serializedLocale, "utf-8", function(err) {
				_this.writeQueue.shift();
				if (_this.writeQueue.length > 0) _this._processWriteQueue();
				cb(err);
			});
		}
		_readLocaleFile() {
			let localeLookup = {};
			const languageFile = this._resolveLocaleFile(this.directory, this.locale);
			try {
				if (shim$1.fs.readFileSync) localeLookup = JSON.parse(shim$1.fs.readFileSync(languageFile, "utf-8"));
			} catch (err) {
				if (err instanceof SyntaxError) err.message = "syntax error in " + languageFile;
				if (err.code === "ENOENT") localeLookup = {};
				else throw err;
			}
			this.cache[this.locale] = localeLookup;
		}
		_resolveLocaleFile(directory, locale) {
			let file = shim$1.resolve(directory, "./", locale + ".json");
			if (this.fallbackToLanguage && !this._fileExistsSync(file) && ~locale.lastIndexOf("_")) {
				const languageFile = shim$1.resolve(directory, "./", locale.split("_")[0] + ".json");
				if (this._fileExistsSync(languageFile)) file = languageFile;
			}
			return file;
		}
		_fileExistsSync(file) {
			return shim$1.exists(file);
		}
	};
}));
// node_modules/y18n/index.mjs
var y18n;
var init_y18n = __esmMin((() => {
	init_node();
	init_lib();
	y18n = (opts) => {
		return y18n$1(opts, node_default);
	};
}));
// node_modules/yargs/lib/platform-shims/esm.mjs
var REQUIRE_ERROR, REQUIRE_DIRECTORY_ERROR, __dirname$1, mainFilename, esm_default;
var init_esm = __esmMin((() => {
	init_cliui();
	init_sync();
	init_lib$1();
	init_process_argv();
	init_yerror();
	init_y18n();
	REQUIRE_ERROR = "require is not supported by ESM";
	REQUIRE_DIRECTORY_ERROR = "loading a directory of commands is not supported yet for ESM";
	try {
		__dirname$1 = (0, url.fileURLToPath)(require("url").pathToFileURL(__filename).href);
	} catch (e) {
		__dirname$1 = process.cwd();
	}
	mainFilename = __dirname$1.substring(0, __dirname$1.lastIndexOf("node_modules"));
	esm_default = {
		assert: {
			notStrictEqual: assert.notStrictEqual,
			strictEqual: assert.strictEqual
		},
		cliui: ui,
		findUp: sync_default,
		getEnv: (key) => {
			return process.env[key];
		},
		inspect: util.inspect,
		getCallerFile: () => {
			throw new YError(REQUIRE_DIRECTORY_ERROR);
		},
		getProcessArgvBin,
		mainFilename: mainFilename || process.cwd(),
		Parser: yargsParser,
		path: {
			basename: path.basename,
			dirname: path.dirname,
			extname: path.extname,
			relative: path.relative,
			resolve: path.resolve
		},
		process: {
			argv: () => process.argv,
			cwd: process.cwd,
			emitWarning: (warning, type) => process.emitWarning(warning, type),
			execPath: () => process.execPath,
			exit: process.exit,
			nextTick: process.nextTick,
			stdColumns: typeof process.stdout.columns !== "undefined" ? process.stdout.columns : null
		},
		readFileSync: fs.readFileSync,
		require: () => {
			throw new YError(REQUIRE_ERROR);
		},
		requireDirectory: () => {
			throw new YError(REQUIRE_DIRECTORY_ERROR);
		},
		stringWidth: (str) => {
			return [...str].length;
		},
		y18n: y18n({
			directory: (0, path.resolve)(__dirname$1, "../locales"),
			updateFiles: false
		})
	};
}));
// node_modules/yargs/build/lib/typings/common-types.js
function assertNotStrictEqual(actual, expected, shim, message) {
	shim.assert.notStrictEqual(actual, expected, message);
}
function assertSingleKey(actual, shim) {
	shim.assert.strictEqual(typeof actual, "string");
}
function objectKeys(object) {
	return Object.keys(object);
}
var init_common_types = __esmMin((() => {}));
// node_modules/yargs/build/lib/utils/is-promise.js
function isPromise(maybePromise) {
	return !!maybePromise && !!maybePromise.then && typeof maybePromise.then === "function";
}
var init_is_promise = __esmMin((() => {}));
// node_modules/yargs/build/lib/parse-command.js
function parseCommand(cmd) {
	const splitCommand = cmd.replace(/\s{2,}/g, " ").split(/\s+(?![^[]*]|[^<]*>)/);
	const bregex = /\.*[\][<>]/g;
	const firstCommand = splitCommand.shift();
	if (!firstCommand) throw new Error(`No command found in: ${cmd}`);
	const parsedCommand = {
		cmd: firstCommand.replace(bregex, ""),
		demanded: [],
		optional: []
	};
	splitCommand.forEach((cmd, i) => {
		let variadic = false;
		cmd = cmd.replace(/\s/g, "");
		if (/\.+[\]>]/.test(cmd) && i === splitCommand.length - 1) variadic = true;
		if (/^\[/.test(cmd)) parsedCommand.optional.push({
			cmd: cmd.replace(bregex, "").split("|"),
			variadic
		});
		else parsedCommand.demanded.push({
			cmd: cmd.replace(bregex, "").split("|"),
			variadic
		});
	});
	return parsedCommand;
}
var init_parse_command = __esmMin((() => {}));
// node_modules/yargs/build/lib/argsert.js
function argsert(arg1, arg2, arg3) {
	function parseArgs() {
		return typeof arg1 === "object" ? [
			{
				demanded: [],
				optional: []
			},
			arg1,
			arg2
		] : [
			parseCommand(`cmd ${arg1}`),
			arg2,
			arg3
		];
	}
	try {
		let position = 0;
		const [parsed, callerArguments, _length] = parseArgs();
		const args = [].slice.call(callerArguments);
		while (args.length && args[args.length - 1] === void 0) args.pop();
		const length = _length || args.length;
		if (length < parsed.demanded.length) throw new YError(`Not enough arguments provided. Expected ${parsed.demanded.length} but received ${args.length}.`);
		const totalCommands = parsed.demanded.length + parsed.optional.length;
		if (length > totalCommands) throw new YError(`Too many arguments provided. Expected max ${totalCommands} but received ${length}.`);
		parsed.demanded.forEach((demanded) => {
			const observedType = guessType(args.shift());
			if (demanded.cmd.filter((type) => type === observedType || type === "*").length === 0) argumentTypeError(observedType, demanded.cmd, position);
			position += 1;
		});
		parsed.optional.forEach((optional) => {
			if (args.length === 0) return;
			const observedType = guessType(args.shift());
			if (optional.cmd.filter((type) => type === observedType || type === "*").length === 0) argumentTypeError(observedType, optional.cmd, position);
			position += 1;
		});
	} catch (err) {
		console.warn(err.stack);
	}
}
function guessType(arg) {
	if (Array.isArray(arg)) return "array";
	else if (arg === null) return "null";
	return typeof arg;
}
function argumentTypeError(observedType, allowedTypes, position) {
	throw new YError(`Invalid ${positionName[position] || "manyith"} argument. Expected ${allowedTypes.join(" or ")} but received ${observedType}.`);
}
var positionName;
var init_argsert = __esmMin((() => {
	init_yerror();
	init_parse_command();
	positionName = [
		"first",
		"second",
		"third",
		"fourth",
		"fifth",
		"sixth"
	];
}));
// node_modules/yargs/build/lib/middleware.js
function commandMiddlewareFactory(commandMiddleware) {
	if (!commandMiddleware) return [];
	return commandMiddleware.map((middleware) => {
		middleware.applyBeforeValidation = false;
		return middleware;
	});
}
function applyMiddleware(argv, yargs, middlewares, beforeValidation) {
	return middlewares.reduce((acc, middleware) => {
		if (middleware.applyBeforeValidation !== beforeValidation) return acc;
		if (middleware.mutates) {
			if (middleware.applied) return acc;
			middleware.applied = true;
		}
		if (isPromise(acc)) return acc.then((initialObj) => Promise.all([initialObj, middleware(initialObj, yargs)])).then(([initialObj, middlewareObj]) => Object.assign(initialObj, middlewareObj));
		else {
			const result = middleware(acc, yargs);
			return isPromise(result) ? result.then((middlewareObj) => Object.assign(acc, middlewareObj)) : Object.assign(acc, result);
		}
	}, argv);
}
var GlobalMiddleware;
var init_middleware = __esmMin((() => {
	init_argsert();
	init_is_promise();
	GlobalMiddleware = class {
		constructor(yargs) {
			this.globalMiddleware = [];
			this.frozens = [];
			this.yargs = yargs;
		}
		addMiddleware(callback, applyBeforeValidation, global = true, mutates = false) {
			argsert("<array|function> [boolean] [boolean] [boolean]", [
				callback,
				applyBeforeValidation,
				global
			], arguments.length);
			if (Array.isArray(callback)) {
				for (let i = 0; i < callback.length; i++) {
					if (typeof callback[i] !== "function") throw Error("middleware must be a function");
					const m = callback[i];
					m.applyBeforeValidation = applyBeforeValidation;
					m.global = global;
				}
				Array.prototype.push.apply(this.globalMiddleware, callback);
			} else if (typeof callback === "function") {
				const m = callback;
				m.applyBeforeValidation = applyBeforeValidation;
				m.global = global;
				m.mutates = mutates;
				this.globalMiddleware.push(callback);
			}
			return this.yargs;
		}
		addCoerceMiddleware(callback, option) {
			const aliases = this.yargs.getAliases();
			this.globalMiddleware = this.globalMiddleware.filter((m) => {
				const toCheck = [...aliases[option] || [], option];
				if (!m.option) return true;
				else return !toCheck.includes(m.option);
			});
			callback.option = option;
			return this.addMiddleware(callback, true, true, true);
		}
		getMiddleware() {
			return this.globalMiddleware;
		}
		freeze() {
			this.frozens.push([...this.globalMiddleware]);
		}
		unfreeze() {
			const frozen = this.frozens.pop();
			if (frozen !== void 0) this.globalMiddleware = frozen;
		}
		reset() {
			this.globalMiddleware = this.globalMiddleware.filter((m) => m.global);
		}
	};
}));
// node_modules/yargs/build/lib/utils/maybe-async-result.js
function maybeAsyncResult(getResult, resultHandler, errorHandler = (err) => {
	throw err;
}) {
	try {
		const result = isFunction(getResult) ? getResult() : getResult;
		return isPromise(result) ? result.then((result) => resultHandler(result)) : resultHandler(result);
	} catch (err) {
		return errorHandler(err);
	}
}
function isFunction(arg) {
	return typeof arg === "function";
}
var init_maybe_async_result = __esmMin((() => {
	init_is_promise();
}));
// node_modules/yargs/build/lib/utils/which-module.js
function whichModule(exported) {
	if (typeof require === "undefined") return null;
	for (let i = 0, files = Object.keys(require.cache), mod; i < files.length; i++) {
		mod = require.cache[files[i]];
		if (mod.exports === exported) return mod;
	}
	return null;
}
var init_which_module = __esmMin((() => {}));
// node_modules/yargs/build/lib/command.js
function command(usage, validation, globalMiddleware, shim) {
	return new CommandInstance(usage, validation, globalMiddleware, shim);
}
function isCommandBuilderDefinition(builder) {
	return typeof builder === "object" && !!builder.builder && typeof builder.handler === "function";
}
function isCommandAndAliases(cmd) {
	return cmd.every((c) => typeof c === "string");
}
function isCommandBuilderCallback(builder) {
	return typeof builder === "function";
}
function isCommandBuilderOptionDefinitions(builder) {
	return typeof builder === "object";
}
function isCommandHandlerDefinition(cmd) {
	return typeof cmd === "object" && !Array.isArray(cmd);
}
var DEFAULT_MARKER, CommandInstance;
var init_command = __esmMin((() => {
	init_common_types();
	init_is_promise();
	init_middleware();
	init_parse_command();
	init_yargs_factory();
	init_maybe_async_result();
	init_which_module();
	DEFAULT_MARKER = /(^\*)|(^\$0)/;
	CommandInstance = class {
		constructor(usage, validation, globalMiddleware, shim) {
			this.requireCache = /* @__PURE__ */ new Set();
			this.handlers = {};
			this.aliasMap = {};
			this.frozens = [];
			this.shim = shim;
			this.usage = usage;
			this.globalMiddleware = globalMiddleware;
			this.validation = validation;
		}
		addDirectory(dir, req, callerFile, opts) {
			opts = opts || {};
			if (typeof opts.recurse !== "boolean") opts.recurse = false;
			if (!Array.isArray(opts.extensions)) opts.extensions = ["js"];
			const parentVisit = typeof opts.visit === "function" ? opts.visit : (o) => o;
			opts.visit = (obj, joined, filename) => {
				const visited = parentVisit(obj, joined, filename);
				if (visited) {
					if (this.requireCache.has(joined)) return visited;
					else this.requireCache.add(joined);
					this.addHandler(visited);
				}
				return visited;
			};
			this.shim.requireDirectory({
				require: req,
				filename: callerFile
			}, dir, opts);
		}
		addHandler(cmd, description, builder, handler, commandMiddleware, deprecated) {
			let aliases = [];
			const middlewares = commandMiddlewareFactory(commandMiddleware);
			handler = handler || (() => {});
			if (Array.isArray(cmd)) {
				if (isCommandAndAliases(cmd)) [cmd, ...aliases] = cmd;
				else for (const command of cmd) this.addHandler(command);
			} else if (isCommandHandlerDefinition(cmd)) {
				let command = Array.isArray(cmd.command) || typeof cmd.command === "string" ? cmd.command : this.moduleName(cmd);
				if (cmd.aliases) command = [].concat(command).concat(cmd.aliases);
				this.addHandler(command, this.extractDesc(cmd), cmd.builder, cmd.handler, cmd.middlewares, cmd.deprecated);
				return;
			} else if (isCommandBuilderDefinition(builder)) {
				this.addHandler([cmd].concat(aliases), description, builder.builder, builder.handler, builder.middlewares, builder.deprecated);
				return;
			}
			if (typeof cmd === "string") {
				const parsedCommand = parseCommand(cmd);
				aliases = aliases.map((alias) => parseCommand(alias).cmd);
				let isDefault = false;
				const parsedAliases = [parsedCommand.cmd].concat(aliases).filter((c) => {
					if (DEFAULT_MARKER.test(c)) {
						isDefault = true;
						return false;
					}
					return true;
				});
				if (parsedAliases.length === 0 && isDefault) parsedAliases.push("$0");
				if (isDefault) {
					parsedCommand.cmd = parsedAliases[0];
					aliases = parsedAliases.slice(1);
					cmd = cmd.replace(DEFAULT_MARKER, parsedCommand.cmd);
				}
				aliases.forEach((alias) => {
					this.aliasMap[alias] = parsedCommand.cmd;
				});
				if (description !== false) this.usage.command(cmd, description, isDefault, aliases, deprecated);
				this.handlers[parsedCommand.cmd] = {
					original: cmd,
					description,
					handler,
					builder: builder || {},
					middlewares,
					deprecated,
					demanded: parsedCommand.demanded,
					optional: parsedCommand.optional
				};
				if (isDefault) this.defaultCommand = this.handlers[parsedCommand.cmd];
			}
		}
		getCommandHandlers() {
			return this.handlers;
		}
		getCommands() {
			return Object.keys(this.handlers).concat(Object.keys(this.aliasMap));
		}
		hasDefaultCommand() {
			return !!this.defaultCommand;
		}
		runCommand(command, yargs, parsed, commandIndex, helpOnly, helpOrVersionSet) {
			const commandHandler = this.handlers[command] || this.handlers[this.aliasMap[command]] || this.defaultCommand;
			const currentContext = yargs.getInternalMethods().getContext();
			const parentCommands = currentContext.commands.slice();
			const isDefaultCommand = !command;
			if (command) {
				currentContext.commands.push(command);
				currentContext.fullCommands.push(commandHandler.original);
			}
			const builderResult = this.applyBuilderUpdateUsageAndParse(isDefaultCommand, commandHandler, yargs, parsed.aliases, parentCommands, commandIndex, helpOnly, helpOrVersionSet);
			return isPromise(builderResult) ? builderResult.then((result) => this.applyMiddlewareAndGetResult(isDefaultCommand, commandHandler, result.innerArgv, currentContext, helpOnly, result.aliases, yargs)) : this.applyMiddlewareAndGetResult(isDefaultCommand, commandHandler, builderResult.innerArgv, currentContext, helpOnly, builderResult.aliases, yargs);
		}
		applyBuilderUpdateUsageAndParse(isDefaultCommand, commandHandler, yargs, aliases, parentCommands, commandIndex, helpOnly, helpOrVersionSet) {
			const builder = commandHandler.builder;
			let innerYargs = yargs;
			if (isCommandBuilderCallback(builder)) {
				yargs.getInternalMethods().getUsageInstance().freeze();
				const builderOutput = builder(yargs.getInternalMethods().reset(aliases), helpOrVersionSet);
				if (isPromise(builderOutput)) return builderOutput.then((output) => {
					innerYargs = isYargsInstance(output) ? output : yargs;
					return this.parseAndUpdateUsage(isDefaultCommand, commandHandler, innerYargs, parentCommands, commandIndex, helpOnly);
				});
			} else if (isCommandBuilderOptionDefinitions(builder)) {
				yargs.getInternalMethods().getUsageInstance().freeze();
				innerYargs = yargs.getInternalMethods().reset(aliases);
				Object.keys(commandHandler.builder).forEach((key) => {
					innerYargs.option(key, builder[key]);
				});
			}
			return this.parseAndUpdateUsage(isDefaultCommand, commandHandler, innerYargs, parentCommands, commandIndex, helpOnly);
		}
		parseAndUpdateUsage(isDefaultCommand, commandHandler, innerYargs, parentCommands, commandIndex, helpOnly) {
			if (isDefaultCommand) innerYargs.getInternalMethods().getUsageInstance().unfreeze(true);
			if (this.shouldUpdateUsage(innerYargs)) innerYargs.getInternalMethods().getUsageInstance().usage(this.usageFromParentCommandsCommandHandler(parentCommands, commandHandler), commandHandler.description);
			const innerArgv = innerYargs.getInternalMethods().runYargsParserAndExecuteCommands(null, void 0, true, commandIndex, helpOnly);
			return isPromise(innerArgv) ? innerArgv.then((argv) => ({
				aliases: innerYargs.parsed.aliases,
				innerArgv: argv
			})) : {
				aliases: innerYargs.parsed.aliases,
				innerArgv
			};
		}
		shouldUpdateUsage(yargs) {
			return !yargs.getInternalMethods().getUsageInstance().getUsageDisabled() && yargs.getInternalMethods().getUsageInstance().getUsage().length === 0;
		}
		usageFromParentCommandsCommandHandler(parentCommands, commandHandler) {
			const c = DEFAULT_MARKER.test(commandHandler.original) ? commandHandler.original.replace(DEFAULT_MARKER, "").trim() : commandHandler.original;
			const pc = parentCommands.filter((c) => {
				return !DEFAULT_MARKER.test(c);
			});
			pc.push(c);
			return `$0 ${pc.join(" ")}`;
		}
		handleValidationAndGetResult(isDefaultCommand, commandHandler, innerArgv, currentContext, aliases, yargs, middlewares, positionalMap) {
			if (!yargs.getInternalMethods().getHasOutput()) {
				const validation = yargs.getInternalMethods().runValidation(aliases, positionalMap, yargs.parsed.error, isDefaultCommand);
				innerArgv = maybeAsyncResult(innerArgv, (result) => {
					validation(result);
					return result;
				});
			}
			if (commandHandler.handler && !yargs.getInternalMethods().getHasOutput()) {
				yargs.getInternalMethods().setHasOutput();
				const populateDoubleDash = !!yargs.getOptions().configuration["populate--"];
				yargs.getInternalMethods().postProcess(innerArgv, populateDoubleDash, false, false);
				innerArgv = applyMiddleware(innerArgv, yargs, middlewares, false);
				innerArgv = maybeAsyncResult(innerArgv, (result) => {
					const handlerResult = commandHandler.handler(result);
					return isPromise(handlerResult) ? handlerResult.then(() => result) : result;
				});
				if (!isDefaultCommand) yargs.getInternalMethods().getUsageInstance().cacheHelpMessage();
				if (isPromise(innerArgv) && !yargs.getInternalMethods().hasParseCallback()) innerArgv.catch((error) => {
					try {
						yargs.getInternalMethods().getUsageInstance().fail(null, error);
					} catch (_err) {}
				});
			}
			if (!isDefaultCommand) {
				currentContext.commands.pop();
				currentContext.fullCommands.pop();
			}
			return innerArgv;
		}
		applyMiddlewareAndGetResult(isDefaultCommand, commandHandler, innerArgv, currentContext, helpOnly, aliases, yargs) {
			let positionalMap = {};
			if (helpOnly) return innerArgv;
			if (!yargs.getInternalMethods().getHasOutput()) positionalMap = this.populatePositionals(commandHandler, innerArgv, currentContext, yargs);
			const middlewares = this.globalMiddleware.getMiddleware().slice(0).concat(commandHandler.middlewares);
			const maybePromiseArgv = applyMiddleware(innerArgv, yargs, middlewares, true);
			return isPromise(maybePromiseArgv) ? maybePromiseArgv.then((resolvedInnerArgv) => this.handleValidationAndGetResult(isDefaultCommand, commandHandler, resolvedInnerArgv, currentContext, aliases, yargs, middlewares, positionalMap)) : this.handleValidationAndGetResult(isDefaultCommand, commandHandler, maybePromiseArgv, currentContext, aliases, yargs, middlewares, positionalMap);
		}
		populatePositionals(commandHandler, argv, context, yargs) {
			argv._ = argv._.slice(context.commands.length);
			const demanded = commandHandler.demanded.slice(0);
			const optional = commandHandler.optional.slice(0);
			const positionalMap = {};
			this.validation.positionalCount(demanded.length, argv._.length);
			while (demanded.length) {
				const demand = demanded.shift();
				this.populatePositional(demand, argv, positionalMap);
			}
			while (optional.length) {
				const maybe = optional.shift();
				this.populatePositional(maybe, argv, positionalMap);
			}
			argv._ = context.commands.concat(argv._.map((a) => "" + a));
			this.postProcessPositionals(argv, positionalMap, this.cmdToParseOptions(commandHandler.original), yargs);
			return positionalMap;
		}
		populatePositional(positional, argv, positionalMap) {
			const cmd = positional.cmd[0];
			if (positional.variadic) positionalMap[cmd] = argv._.splice(0).map(String);
			else if (argv._.length) positionalMap[cmd] = [String(argv._.shift())];
		}
		cmdToParseOptions(cmdString) {
			const parseOptions = {
				array: [],
				default: {},
				alias: {},
				demand: {}
			};
			const parsed = parseCommand(cmdString);
			parsed.demanded.forEach((d) => {
				const [cmd, ...aliases] = d.cmd;
				if (d.variadic) {
					parseOptions.array.push(cmd);
					parseOptions.default[cmd] = [];
				}
				parseOptions.alias[cmd] = aliases;
				parseOptions.demand[cmd] = true;
			});
			parsed.optional.forEach((o) => {
				const [cmd, ...aliases] = o.cmd;
				if (o.variadic) {
					parseOptions.array.push(cmd);
					parseOptions.default[cmd] = [];
				}
				parseOptions.alias[cmd] = aliases;
			});
			return parseOptions;
		}
		postProcessPositionals(argv, positionalMap, parseOptions, yargs) {
			const options = Object.assign({}, yargs.getOptions());
			options.default = Object.assign(parseOptions.default, options.default);
			for (const key of Object.keys(parseOptions.alias)) options.alias[key] = (options.alias[key] || []).concat(parseOptions.alias[key]);
			options.array = options.array.concat(parseOptions.array);
			options.config = {};
			const unparsed = [];
			Object.keys(positionalMap).forEach((key) => {
				positionalMap[key].map((value) => {
					if (options.configuration["unknown-options-as-args"]) options.key[key] = true;
					unparsed.push(`--${key}`);
					unparsed.push(value);
				});
			});
			if (!unparsed.length) return;
			const config = Object.assign({}, options.configuration, { "populate--": false });
			const parsed = this.shim.Parser.detailed(unparsed, Object.assign({}, options, { configuration: config }));
			if (parsed.error) yargs.getInternalMethods().getUsageInstance().fail(parsed.error.message, parsed.error);
			else {
				const positionalKeys = Object.keys(positionalMap);
				Object.keys(positionalMap).forEach((key) => {
					positionalKeys.push(...parsed.aliases[key]);
				});
				Object.keys(parsed.argv).forEach((key) => {
					if (positionalKeys.includes(key)) {
						if (!positionalMap[key]) positionalMap[key] = parsed.argv[key];
						if (!this.isInConfigs(yargs, key) && !this.isDefaulted(yargs, key) && Object.prototype.hasOwnProperty.call(argv, key) && Object.prototype.hasOwnProperty.call(parsed.argv, key) && (Array.isArray(argv[key]) || Array.isArray(parsed.argv[key]))) argv[key] = [].concat(argv[key], parsed.argv[key]);
						else argv[key] = parsed.argv[key];
					}
				});
			}
		}
		isDefaulted(yargs, key) {
			const { default: defaults } = yargs.getOptions();
			return Object.prototype.hasOwnProperty.call(defaults, key) || Object.prototype.hasOwnProperty.call(defaults, this.shim.Parser.camelCase(key));
		}
		isInConfigs(yargs, key) {
			const { configObjects } = yargs.getOptions();
			return configObjects.some((c) => Object.prototype.hasOwnProperty.call(c, key)) || configObjects.some((c) => Object.prototype.hasOwnProperty.call(c, this.shim.Parser.camelCase(key)));
		}
		runDefaultBuilderOn(yargs) {
			if (!this.defaultCommand) return;
			if (this.shouldUpdateUsage(yargs)) {
				const commandString = DEFAULT_MARKER.test(this.defaultCommand.original) ? this.defaultCommand.original : this.defaultCommand.original.replace(/^[^[\]<>]*/, "$0 ");
				yargs.getInternalMethods().getUsageInstance().usage(commandString, this.defaultCommand.description);
			}
			const builder = this.defaultCommand.builder;
			if (isCommandBuilderCallback(builder)) return builder(yargs, true);
			else if (!isCommandBuilderDefinition(builder)) Object.keys(builder).forEach((key) => {
				yargs.option(key, builder[key]);
			});
		}
		moduleName(obj) {
			const mod = whichModule(obj);
			if (!mod) throw new Error(`No command name given for module: ${this.shim.inspect(obj)}`);
			return this.commandFromFilename(mod.filename);
		}
		commandFromFilename(filename) {
			return this.shim.path.basename(filename, this.shim.path.extname(filename));
		}
		extractDesc({ describe, description, desc }) {
			for (const test of [
				describe,
				description,
				desc
			]) {
				if (typeof test === "string" || test === false) return test;
				assertNotStrictEqual(test, true, this.shim);
			}
			return false;
		}
		freeze() {
			this.frozens.push({
				handlers: this.handlers,
				aliasMap: this.aliasMap,
				defaultCommand: this.defaultCommand
			});
		}
		unfreeze() {
			const frozen = this.frozens.pop();
			assertNotStrictEqual(frozen, void 0, this.shim);
			({handlers: this.handlers, aliasMap: this.aliasMap, defaultCommand: this.defaultCommand} = frozen);
		}
		reset() {
			this.handlers = {};
			this.aliasMap = {};
			this.defaultCommand = void 0;
			this.requireCache = /* @__PURE__ */ new Set();
			return this;
		}
	};
}));
// node_modules/yargs/build/lib/utils/obj-filter.js
function objFilter(original = {}, filter = () => true) {
	const obj = {};
	objectKeys(original).forEach((key) => {
		if (filter(key, original[key])) obj[key] = original[key];
	});
	return obj;
}
var init_obj_filter = __esmMin((() => {
	init_common_types();
}));
// node_modules/yargs/build/lib/utils/set-blocking.js
function setBlocking(blocking) {
	if (typeof process === "undefined") return;
	[process.stdout, process.stderr].forEach((_stream) => {
		const stream = _stream;
		if (stream._handle && stream.isTTY && typeof stream._handle.setBlocking === "function") stream._handle.setBlocking(blocking);
	});
}
var init_set_blocking = __esmMin((() => {}));
// node_modules/yargs/build/lib/usage.js
function isBoolean(fail) {
	return typeof fail === "boolean";
}
function usage(yargs, shim) {
	const __ = shim.y18n.__;
	const self = {};
	const fails = [];
	self.failFn = function failFn(f) {
		fails.push(f);
	};
	let failMessage = null;
	let globalFailMessage = null;
	let showHelpOnFail = true;
	self.showHelpOnFail = function showHelpOnFailFn(arg1 = true, arg2) {
		const [enabled, message] = typeof arg1 === "string" ? [true, arg1] : [arg1, arg2];
		if (yargs.getInternalMethods().isGlobalContext()) globalFailMessage = message;
		failMessage = message;
		showHelpOnFail = enabled;
		return self;
	};
	let failureOutput = false;
	self.fail = function fail(msg, err) {
		const logger = yargs.getInternalMethods().getLoggerInstance();
		if (fails.length) for (let i = fails.length - 1; i >= 0; --i) {
			const fail = fails[i];
			if (isBoolean(fail)) {
				if (err) throw err;
				else if (msg) throw Error(msg);
			} else fail(msg, err, self);
		}
		else {
			if (yargs.getExitProcess()) setBlocking(true);
			if (!failureOutput) {
				failureOutput = true;
				if (showHelpOnFail) {
					yargs.showHelp("error");
					logger.error();
				}
				if (msg || err) logger.error(msg || err);
				const globalOrCommandFailMessage = failMessage || globalFailMessage;
				if (globalOrCommandFailMessage) {
					if (msg || err) logger.error("");
					logger.error(globalOrCommandFailMessage);
				}
			}
			err = err || new YError(msg);
			if (yargs.getExitProcess()) return yargs.exit(1);
			else if (yargs.getInternalMethods().hasParseCallback()) return yargs.exit(1, err);
			else throw err;
		}
	};
	let usages = [];
	let usageDisabled = false;
	self.usage = (msg, description) => {
		if (msg === null) {
			usageDisabled = true;
			usages = [];
			return self;
		}
		usageDisabled = false;
		usages.push([msg, description || ""]);
		return self;
	};
	self.getUsage = () => {
		return usages;
	};
	self.getUsageDisabled = () => {
		return usageDisabled;
	};
	self.getPositionalGroupName = () => {
		return __("Positionals:");
	};
	let examples = [];
	self.example = (cmd, description) => {
		examples.push([cmd, description || ""]);
	};
	let commands = [];
	self.command = function command(cmd, description, isDefault, aliases, deprecated = false) {
		if (isDefault) commands = commands.map((cmdArray) => {
			cmdArray[2] = false;
			return cmdArray;
		});
		commands.push([
			cmd,
			description || "",
			isDefault,
			aliases,
			deprecated
		]);
	};
	self.getCommands = () => commands;
	let descriptions = {};
	self.describe = function describe(keyOrKeys, desc) {
		if (Array.isArray(keyOrKeys)) keyOrKeys.forEach((k) => {
			self.describe(k, desc);
		});
		else if (typeof keyOrKeys === "object") Object.keys(keyOrKeys).forEach((k) => {
			self.describe(k, keyOrKeys[k]);
		});
		else descriptions[keyOrKeys] = desc;
	};
	self.getDescriptions = () => descriptions;
	let epilogs = [];
	self.epilog = (msg) => {
		epilogs.push(msg);
	};
	let wrapSet = false;
	let wrap;
	self.wrap = (cols) => {
		wrapSet = true;
		wrap = cols;
	};
	self.getWrap = () => {
		if (shim.getEnv("YARGS_DISABLE_WRAP")) return null;
		if (!wrapSet) {
			wrap = windowWidth();
			wrapSet = true;
		}
		return wrap;
	};
	const deferY18nLookupPrefix = "__yargsString__:";
	self.deferY18nLookup = (str) => deferY18nLookupPrefix + str;
	self.help = function help() {
		if (cachedHelpMessage) return cachedHelpMessage;
		normalizeAliases();
		const base$0 = yargs.customScriptName ? yargs.$0 : shim.path.basename(yargs.$0);
		const demandedOptions = yargs.getDemandedOptions();
		const demandedCommands = yargs.getDemandedCommands();
		const deprecatedOptions = yargs.getDeprecatedOptions();
		const groups = yargs.getGroups();
		const options = yargs.getOptions();
		let keys = [];
		keys = keys.concat(Object.keys(descriptions));
		keys = keys.concat(Object.keys(demandedOptions));
		keys = keys.concat(Object.keys(demandedCommands));
		keys = keys.concat(Object.keys(options.default));
		keys = keys.filter(filterHiddenOptions);
		keys = Object.keys(keys.reduce((acc, key) => {
			if (key !== "_") acc[key] = true;
			return acc;
		}, {}));
		const theWrap = self.getWrap();
		const ui = shim.cliui({
			width: theWrap,
			wrap: !!theWrap
		});
		if (!usageDisabled) {
			if (usages.length) {
				usages.forEach((usage) => {
					ui.div({ text: `${usage[0].replace(/\$0/g, base$0)}` });
					if (usage[1]) ui.div({
						text: `${usage[1]}`,
						padding: [
							1,
							0,
							0,
							0
						]
					});
				});
				ui.div();
			} else if (commands.length) {
				let u = null;
				if (demandedCommands._) u = `${base$0} <${__("command")}>\n`;
				else u = `${base$0} [${__("command")}]\n`;
				ui.div(`${u}`);
			}
		}
		if (commands.length > 1 || commands.length === 1 && !commands[0][2]) {
			ui.div(__("Commands:"));
			const context = yargs.getInternalMethods().getContext();
			const parentCommands = context.commands.length ? `${context.commands.join(" ")} ` : "";
			if (yargs.getInternalMethods().getParserConfiguration()["sort-commands"] === true) commands = commands.sort((a, b) => a[0].localeCompare(b[0]));
			const prefix = base$0 ? `${base$0} ` : "";
			commands.forEach((command) => {
				const commandString = `${prefix}${parentCommands}${command[0].replace(/^\$0 ?/, "")}`;
				ui.span({
					text: commandString,
					padding: [
						0,
						2,
						0,
						2
					],
					width: maxWidth(commands, theWrap, `${base$0}${parentCommands}`) + 4
				}, { text: command[1] });
				const hints = [];
				if (command[2]) hints.push(`[${__("default")}]`);
				if (command[3] && command[3].length) hints.push(`[${__("aliases:")} ${command[3].join(", ")}]`);
				if (command[4]) {
					if (typeof command[4] === "string") hints.push(`[${__("deprecated: %s", command[4])}]`);
					else hints.push(`[${__("deprecated")}]`);
				}
				if (hints.length) ui.div({
					text: hints.join(" "),
					padding: [
						0,
						0,
						0,
						2
					],
					align: "right"
				});
				else ui.div();
			});
			ui.div();
		}
		const aliasKeys = (Object.keys(options.alias) || []).concat(Object.keys(yargs.parsed.newAliases) || []);
		keys = keys.filter((key) => !yargs.parsed.newAliases[key] && aliasKeys.every((alias) => (options.alias[alias] || []).indexOf(key) === -1));
		const defaultGroup = __("Options:");
		if (!groups[defaultGroup]) groups[defaultGroup] = [];
		addUngroupedKeys(keys, options.alias, groups, defaultGroup);
		const isLongSwitch = (sw) => /^--/.test(getText(sw));
		const displayedGroups = Object.keys(groups).filter((groupName) => groups[groupName].length > 0).map((groupName) => {
			return {
				groupName,
				normalizedKeys: groups[groupName].filter(filterHiddenOptions).map((key) => {
					if (aliasKeys.includes(key)) return key;
					for (let i = 0, aliasKey; (aliasKey = aliasKeys[i]) !== void 0; i++) if ((options.alias[aliasKey] || []).includes(key)) return aliasKey;
					return key;
				})
			};
		}).filter(({ normalizedKeys }) => normalizedKeys.length > 0).map(({ groupName, normalizedKeys }) => {
			return {
				groupName,
				normalizedKeys,
				switches: normalizedKeys.reduce((acc, key) => {
					acc[key] = [key].concat(options.alias[key] || []).map((sw) => {
						if (groupName === self.getPositionalGroupName()) return sw;
						else return (/^[0-9]$/.test(sw) ? options.boolean.includes(key) ? "-" : "--" : sw.length > 1 ? "--" : "-") + sw;
					}).sort((sw1, sw2) => isLongSwitch(sw1) === isLongSwitch(sw2) ? 0 : isLongSwitch(sw1) ? 1 : -1).join(", ");
					return acc;
				}, {})
			};
		});
		if (displayedGroups.filter(({ groupName }) => groupName !== self.getPositionalGroupName()).some(({ normalizedKeys, switches }) => !normalizedKeys.every((key) => isLongSwitch(switches[key])))) displayedGroups.filter(({ groupName }) => groupName !== self.getPositionalGroupName()).forEach(({ normalizedKeys, switches }) => {
			normalizedKeys.forEach((key) => {
				if (isLongSwitch(switches[key])) switches[key] = addIndentation(switches[key], 4);
			});
		});
		displayedGroups.forEach(({ groupName, normalizedKeys, switches }) => {
			ui.div(groupName);
			normalizedKeys.forEach((key) => {
				const kswitch = switches[key];
				let desc = descriptions[key] || "";
				let type = null;
				if (desc.includes(deferY18nLookupPrefix)) desc = __(desc.substring(16));
				if (options.boolean.includes(key)) type = `[${__("boolean")}]`;
				if (options.count.includes(key)) type = `[${__("count")}]`;
				if (options.string.includes(key)) type = `[${__("string")}]`;
				if (options.normalize.includes(key)) type = `[${__("string")}]`;
				if (options.array.includes(key)) type = `[${__("array")}]`;
				if (options.number.includes(key)) type = `[${__("number")}]`;
				const deprecatedExtra = (deprecated) => typeof deprecated === "string" ? `[${__("deprecated: %s", deprecated)}]` : `[${__("deprecated")}]`;
				const extra = [
					key in deprecatedOptions ? deprecatedExtra(deprecatedOptions[key]) : null,
					type,
					key in demandedOptions ? `[${__("required")}]` : null,
					options.choices && options.choices[key] ? `[${__("choices:")} ${self.stringifiedValues(options.choices[key])}]` : null,
					defaultString(options.default[key], options.defaultDescription[key])
				].filter(Boolean).join(" ");
				ui.span({
					text: getText(kswitch),
					padding: [
						0,
						2,
						0,
						2 + getIndentation(kswitch)
					],
					width: maxWidth(switches, theWrap) + 4
				}, desc);
				const shouldHideOptionExtras = yargs.getInternalMethods().getUsageConfiguration()["hide-types"] === true;
				if (extra && !shouldHideOptionExtras) ui.div({
					text: extra,
					padding: [
						0,
						0,
						0,
						2
					],
					align: "right"
				});
				else ui.div();
			});
			ui.div();
		});
		if (examples.length) {
			ui.div(__("Examples:"));
			examples.forEach((example) => {
				example[0] = example[0].replace(/\$0/g, base$0);
			});
			examples.forEach((example) => {
				if (example[1] === "") ui.div({
					text: example[0],
					padding: [
						0,
						2,
						0,
						2
					]
				});
				else ui.div({
					text: example[0],
					padding: [
						0,
						2,
						0,
						2
					],
					width: maxWidth(examples, theWrap) + 4
				}, { text: example[1] });
			});
			ui.div();
		}
		if (epilogs.length > 0) {
			const e = epilogs.map((epilog) => epilog.replace(/\$0/g, base$0)).join("\n");
			ui.div(`${e}\n`);
		}
		return ui.toString().replace(/\s*$/, "");
	};
	function maxWidth(table, theWrap, modifier) {
		let width = 0;
		if (!Array.isArray(table)) table = Object.values(table).map((v) => [v]);
		table.forEach((v) => {
			width = Math.max(shim.stringWidth(modifier ? `${modifier} ${getText(v[0])}` : getText(v[0])) + getIndentation(v[0]), width);
		});
		if (theWrap) width = Math.min(width, parseInt((theWrap * .5).toString(), 10));
		return width;
	}
	function normalizeAliases() {
		const demandedOptions = yargs.getDemandedOptions();
		const options = yargs.getOptions();
		(Object.keys(options.alias) || []).forEach((key) => {
			options.alias[key].forEach((alias) => {
				if (descriptions[alias]) self.describe(key, descriptions[alias]);
				if (alias in demandedOptions) yargs.demandOption(key, demandedOptions[alias]);
				if (options.boolean.includes(alias)) yargs.boolean(key);
				if (options.count.includes(alias)) yargs.count(key);
				if (options.string.includes(alias)) yargs.string(key);
				if (options.normalize.includes(alias)) yargs.normalize(key);
				if (options.array.includes(alias)) yargs.array(key);
				if (options.number.includes(alias)) yargs.number(key);
			});
		});
	}
	let cachedHelpMessage;
	self.cacheHelpMessage = function() {
		cachedHelpMessage = this.help();
	};
	self.clearCachedHelpMessage = function() {
		cachedHelpMessage = void 0;
	};
	self.hasCachedHelpMessage = function() {
		return !!cachedHelpMessage;
	};
	function addUngroupedKeys(keys, aliases, groups, defaultGroup) {
		let groupedKeys = [];
		let toCheck = null;
		Object.keys(groups).forEach((group) => {
			groupedKeys = groupedKeys.concat(groups[group]);
		});
		keys.forEach((key) => {
			toCheck = [key].concat(aliases[key]);
			if (!toCheck.some((k) => groupedKeys.indexOf(k) !== -1)) groups[defaultGroup].push(key);
		});
		return groupedKeys;
	}
	function filterHiddenOptions(key) {
		return yargs.getOptions().hiddenOptions.indexOf(key) < 0 || yargs.parsed.argv[yargs.getOptions().showHiddenOpt];
	}
	self.showHelp = (level) => {
		const logger = yargs.getInternalMethods().getLoggerInstance();
		if (!level) level = "error";
		(typeof level === "function" ? level : logger[level])(self.help());
	};
	self.functionDescription = (fn) => {
		return [
			"(",
			fn.name ? shim.Parser.decamelize(fn.name, "-") : __("generated-value"),
			")"
		].join("");
	};
	self.stringifiedValues = function stringifiedValues(values, separator) {
		let string = "";
		const sep = separator || ", ";
		const array = [].concat(values);
		if (!values || !array.length) return string;
		array.forEach((value) => {
			if (string.length) string += sep;
			string += JSON.stringify(value);
		});
		return string;
	};
	function defaultString(value, defaultDescription) {
		let string = `[${__("default:")} `;
		if (value === void 0 && !defaultDescription) return null;
		if (defaultDescription) string += defaultDescription;
		else switch (typeof value) {
			case "string":
				string += `"${value}"`;
				break;
			case "object":
				string += JSON.stringify(value);
				break;
			default: string += value;
		}
		return `${string}]`;
	}
	function windowWidth() {
		const maxWidth = 80;
		if (shim.process.stdColumns) return Math.min(maxWidth, shim.process.stdColumns);
		else return maxWidth;
	}
	let version = null;
	self.version = (ver) => {
		version = ver;
	};
	self.showVersion = (level) => {
		const logger = yargs.getInternalMethods().getLoggerInstance();
		if (!level) level = "error";
		(typeof level === "function" ? level : logger[level])(version);
	};
	self.reset = function reset(localLookup) {
		failMessage = null;
		failureOutput = false;
		usages = [];
		usageDisabled = false;
		epilogs = [];
		examples = [];
		commands = [];
		descriptions = objFilter(descriptions, (k) => !localLookup[k]);
		return self;
	};
	const frozens = [];
	self.freeze = function freeze() {
		frozens.push({
			failMessage,
			failureOutput,
			usages,
			usageDisabled,
			epilogs,
			examples,
			commands,
			descriptions
		});
	};
	self.unfreeze = function unfreeze(defaultCommand = false) {
		const frozen = frozens.pop();
		if (!frozen) return;
		if (defaultCommand) {
			descriptions = {
				...frozen.descriptions,
				...descriptions
			};
			commands = [...frozen.commands, ...commands];
			usages = [...frozen.usages, ...usages];
			examples = [...frozen.examples, ...examples];
			epilogs = [...frozen.epilogs, ...epilogs];
		} else ({failMessage, failureOutput, usages, usageDisabled, epilogs, examples, commands, descriptions} = frozen);
	};
	return self;
}
function isIndentedText(text) {
	return typeof text === "object";
}
function addIndentation(text, indent) {
	return isIndentedText(text) ? {
		text: text.text,
		indentation: text.indentation + indent
	} : {
		text,
		indentation: indent
	};
}
function getIndentation(text) {
	return isIndentedText(text) ? text.indentation : 0;
}
function getText(text) {
	return isIndentedText(text) ? text.text : text;
}
var init_usage = __esmMin((() => {
	init_obj_filter();
	init_yerror();
	init_set_blocking();
}));
// node_modules/yargs/build/lib/completion-templates.js
var completionShTemplate, completionZshTemplate;
var init_completion_templates = __esmMin((() => {
	completionShTemplate = `###-begin-{{app_name}}-completions-###
#
# yargs command completion script
#
# Installation: {{app_path}} {{completion_command}} >> ~/.bashrc
#    or {{app_path}} {{completion_command}} >> ~/.bash_profile on OSX.
#
_{{app_name}}_yargs_completions()
{
    local cur_word args type_list

    cur_word="\${COMP_WORDS[COMP_CWORD]}"
    args=("\${COMP_WORDS[@]}")

    # ask yargs to generate completions.
    type_list=$({{app_path}} --get-yargs-completions "\${args[@]}")

    COMPREPLY=( $(compgen -W "\${type_list}" -- \${cur_word}) )

    # if no match was found, fall back to filename completion
    if [ \${#COMPREPLY[@]} -eq 0 ]; then
      COMPREPLY=()
    fi

    return 0
}
complete -o bashdefault -o default -F _{{app_name}}_yargs_completions {{app_name}}
###-end-{{app_name}}-completions-###
`;
	completionZshTemplate = `#compdef {{app_name}}
###-begin-{{app_name}}-completions-###
#
# yargs command completion script
#
# Installation: {{app_path}} {{completion_command}} >> ~/.zshrc
#    or {{app_path}} {{completion_command}} >> ~/.zprofile on OSX.
#
_{{app_name}}_yargs_completions()
{
  local reply
  local si=$IFS
  IFS=$'\n' reply=($(COMP_CWORD="$((CURRENT-1))" COMP_LINE="$BUFFER" COMP_POINT="$CURSOR" {{app_path}} --get-yargs-completions "\${words[@]}"))
  IFS=$si
  _describe 'values' reply
}
compdef _{{app_name}}_yargs_completions {{app_name}}
###-end-{{app_name}}-completions-###
`;
}));
// node_modules/yargs/build/lib/completion.js
function completion(yargs, usage, command, shim) {
	return new Completion(yargs, usage, command, shim);
}
function isSyncCompletionFunction(completionFunction) {
	return completionFunction.length < 3;
}
function isFallbackCompletionFunction(completionFunction) {
	return completionFunction.length > 3;
}
var Completion;
var init_completion = __esmMin((() => {
	init_command();
	init_common_types();
	init_completion_templates();
	init_is_promise();
	init_parse_command();
	Completion = class {
		constructor(yargs, usage, command, shim) {
			var _a, _b, _c;
			this.yargs = yargs;
			this.usage = usage;
			this.command = command;
			this.shim = shim;
			this.completionKey = "get-yargs-completions";
			this.aliases = null;
			this.customCompletionFunction = null;
			this.indexAfterLastReset = 0;
			this.zshShell = (_c = ((_a = this.shim.getEnv("SHELL")) === null || _a === void 0 ? void 0 : _a.includes("zsh")) || ((_b = this.shim.getEnv("ZSH_NAME")) === null || _b === void 0 ? void 0 : _b.includes("zsh"))) !== null && _c !== void 0 ? _c : false;
		}
		defaultCompletion(args, argv, current, done) {
			const handlers = this.command.getCommandHandlers();
			for (let i = 0, ii = args.length; i < ii; ++i) if (handlers[args[i]] && handlers[args[i]].builder) {
				const builder = handlers[args[i]].builder;
				if (isCommandBuilderCallback(builder)) {
					this.indexAfterLastReset = i + 1;
					const y = this.yargs.getInternalMethods().reset();
					builder(y, true);
					return y.argv;
				}
			}
			const completions = [];
			this.commandCompletions(completions, args, current);
			this.optionCompletions(completions, args, argv, current);
			this.choicesFromOptionsCompletions(completions, args, argv, current);
			this.choicesFromPositionalsCompletions(completions, args, argv, current);
			done(null, completions);
		}
		commandCompletions(completions, args, current) {
			const parentCommands = this.yargs.getInternalMethods().getContext().commands;
			if (!current.match(/^-/) && parentCommands[parentCommands.length - 1] !== current && !this.previousArgHasChoices(args)) this.usage.getCommands().forEach((usageCommand) => {
				const commandName = parseCommand(usageCommand[0]).cmd;
				if (args.indexOf(commandName) === -1) {
					if (!this.zshShell) completions.push(commandName);
					else {
						const desc = usageCommand[1] || "";
						completions.push(commandName.replace(/:/g, "\\:") + ":" + desc);
					}
				}
			});
		}
		optionCompletions(completions, args, argv, current) {
			if ((current.match(/^-/) || current === "" && completions.length === 0) && !this.previousArgHasChoices(args)) {
				const options = this.yargs.getOptions();
				const positionalKeys = this.yargs.getGroups()[this.usage.getPositionalGroupName()] || [];
				Object.keys(options.key).forEach((key) => {
					const negable = !!options.configuration["boolean-negation"] && options.boolean.includes(key);
					if (!positionalKeys.includes(key) && !options.hiddenOptions.includes(key) && !this.argsContainKey(args, key, negable)) this.completeOptionKey(key, completions, current, negable && !!options.default[key]);
				});
			}
		}
		choicesFromOptionsCompletions(completions, args, argv, current) {
			if (this.previousArgHasChoices(args)) {
				const choices = this.getPreviousArgChoices(args);
				if (choices && choices.length > 0) completions.push(...choices.map((c) => c.replace(/:/g, "\\:")));
			}
		}
		choicesFromPositionalsCompletions(completions, args, argv, current) {
			if (current === "" && completions.length > 0 && this.previousArgHasChoices(args)) return;
			const positionalKeys = this.yargs.getGroups()[this.usage.getPositionalGroupName()] || [];
			const offset = Math.max(this.indexAfterLastReset, this.yargs.getInternalMethods().getContext().commands.length + 1);
			const positionalKey = positionalKeys[argv._.length - offset - 1];
			if (!positionalKey) return;
			const choices = this.yargs.getOptions().choices[positionalKey] || [];
			for (const choice of choices) if (choice.startsWith(current)) completions.push(choice.replace(/:/g, "\\:"));
		}
		getPreviousArgChoices(args) {
			if (args.length < 1) return;
			let previousArg = args[args.length - 1];
			let filter = "";
			if (!previousArg.startsWith("-") && args.length > 1) {
				filter = previousArg;
				previousArg = args[args.length - 2];
			}
			if (!previousArg.startsWith("-")) return;
			const previousArgKey = previousArg.replace(/^-+/, "");
			const options = this.yargs.getOptions();
			const possibleAliases = [previousArgKey, ...this.yargs.getAliases()[previousArgKey] || []];
			let choices;
			for (const possibleAlias of possibleAliases) if (Object.prototype.hasOwnProperty.call(options.key, possibleAlias) && Array.isArray(options.choices[possibleAlias])) {
				choices = options.choices[possibleAlias];
				break;
			}
			if (choices) return choices.filter((choice) => !filter || choice.startsWith(filter));
		}
		previousArgHasChoices(args) {
			const choices = this.getPreviousArgChoices(args);
			return choices !== void 0 && choices.length > 0;
		}
		argsContainKey(args, key, negable) {
			const argsContains = (s) => args.indexOf((/^[^0-9]$/.test(s) ? "-" : "--") + s) !== -1;
			if (argsContains(key)) return true;
			if (negable && argsContains(`no-${key}`)) return true;
			if (this.aliases) {
				for (const alias of this.aliases[key]) if (argsContains(alias)) return true;
			}
			return false;
		}
		completeOptionKey(key, completions, current, negable) {
			var _a, _b, _c, _d;
			let keyWithDesc = key;
			if (this.zshShell) {
				const descs = this.usage.getDescriptions();
				const aliasKey = (_b = (_a = this === null || this === void 0 ? void 0 : this.aliases) === null || _a === void 0 ? void 0 : _a[key]) === null || _b === void 0 ? void 0 : _b.find((alias) => {
					const desc = descs[alias];
					return typeof desc === "string" && desc.length > 0;
				});
				const descFromAlias = aliasKey ? descs[aliasKey] : void 0;
				const desc = (_d = (_c = descs[key]) !== null && _c !== void 0 ? _c : descFromAlias) !== null && _d !== void 0 ? _d : "";
				keyWithDesc = `${key.replace(/:/g, "\\:")}:${desc.replace("__yargsString__:", "").replace(/(\r\n|\n|\r)/gm, " ")}`;
			}
			const startsByTwoDashes = (s) => /^--/.test(s);
			const isShortOption = (s) => /^[^0-9]$/.test(s);
			const dashes = !startsByTwoDashes(current) && isShortOption(key) ? "-" : "--";
			completions.push(dashes + keyWithDesc);
			if (negable) completions.push(dashes + "no-" + keyWithDesc);
		}
		customCompletion(args, argv, current, done) {
			assertNotStrictEqual(this.customCompletionFunction, null, this.shim);
			if (isSyncCompletionFunction(this.customCompletionFunction)) {
				const result = this.customCompletionFunction(current, argv);
				if (isPromise(result)) return result.then((list) => {
					this.shim.process.nextTick(() => {
						done(null, list);
					});
				}).catch((err) => {
					this.shim.process.nextTick(() => {
						done(err, void 0);
					});
				});
				return done(null, result);
			} else if (isFallbackCompletionFunction(this.customCompletionFunction)) return this.customCompletionFunction(current, argv, (onCompleted = done) => this.defaultCompletion(args, argv, current, onCompleted), (completions) => {
				done(null, completions);
			});
			else return this.customCompletionFunction(current, argv, (completions) => {
				done(null, completions);
			});
		}
		getCompletion(args, done) {
			const current = args.length ? args[args.length - 1] : "";
			const argv = this.yargs.parse(args, true);
			const completionFunction = this.customCompletionFunction ? (argv) => this.customCompletion(args, argv, current, done) : (argv) => this.defaultCompletion(args, argv, current, done);
			return isPromise(argv) ? argv.then(completionFunction) : completionFunction(argv);
		}
		generateCompletionScript($0, cmd) {
			let script = this.zshShell ? completionZshTemplate : completionShTemplate;
			const name = this.shim.path.basename($0);
			if ($0.match(/\.js$/)) $0 = `./${$0}`;
			script = script.replace(/{{app_name}}/g, name);
			script = script.replace(/{{completion_command}}/g, cmd);
			return script.replace(/{{app_path}}/g, $0);
		}
		registerFunction(fn) {
			this.customCompletionFunction = fn;
		}
		setParsed(parsed) {
			this.aliases = parsed.aliases;
		}
	};
}));
// node_modules/yargs/build/lib/utils/levenshtein.js
function levenshtein(a, b) {
	if (a.length === 0) return b.length;
	if (b.length === 0) return a.length;
	const matrix = [];
	let i = 0;
	for (; i <= b.length; i++) matrix[i] = [i];
	let j = 0;
	for (; j <= a.length; j++) matrix[0][j] = j;
	for (i = 1; i <= b.length; i++) for (j = 1; j <= a.length; j++) if (b.charAt(i - 1) === a.charAt(j - 1)) matrix[i][j] = matrix[i - 1][j - 1];
	else if (i > 1 && j > 1 && b.charAt(i - 2) === a.charAt(j - 1) && b.charAt(i - 1) === a.charAt(j - 2)) matrix[i][j] = matrix[i - 2][j - 2] + 1;
	else matrix[i][j] = Math.min(matrix[i - 1][j - 1] + 1, Math.min(matrix[i][j - 1] + 1, matrix[i - 1][j] + 1));
	return matrix[b.length][a.length];
}
var init_levenshtein = __esmMin((() => {}));
// node_modules/yargs/build/lib/validation.js
function validation(yargs, usage, shim) {
	const __ = shim.y18n.__;
	const __n = shim.y18n.__n;
	const self = {};
	self.nonOptionCount = function nonOptionCount(argv) {
		const demandedCommands = yargs.getDemandedCommands();
		const _s = argv._.length + (argv["--"] ? argv["--"].length : 0) - yargs.getInternalMethods().getContext().commands.length;
		if (demandedCommands._ && (_s < demandedCommands._.min || _s > demandedCommands._.max)) {
			if (_s < demandedCommands._.min) {
				if (demandedCommands._.minMsg !== void 0) usage.fail(demandedCommands._.minMsg ? demandedCommands._.minMsg.replace(/\$0/g, _s.toString()).replace(/\$1/, demandedCommands._.min.toString()) : null);
				else usage.fail(__n("Not enough non-option arguments: got %s, need at least %s", "Not enough non-option arguments: got %s, need at least %s", _s, _s.toString(), demandedCommands._.min.toString()));
			} else if (_s > demandedCommands._.max) {
				if (demandedCommands._.maxMsg !== void 0) usage.fail(demandedCommands._.maxMsg ? demandedCommands._.maxMsg.replace(/\$0/g, _s.toString()).replace(/\$1/, demandedCommands._.max.toString()) : null);
				else usage.fail(__n("Too many non-option arguments: got %s, maximum of %s", "Too many non-option arguments: got %s, maximum of %s", _s, _s.toString(), demandedCommands._.max.toString()));
			}
		}
	};
	self.positionalCount = function positionalCount(required, observed) {
		if (observed < required) usage.fail(__n("Not enough non-option arguments: got %s, need at least %s", "Not enough non-option arguments: got %s, need at least %s", observed, observed + "", required + ""));
	};
	self.requiredArguments = function requiredArguments(argv, demandedOptions) {
		let missing = null;
		for (const key of Object.keys(demandedOptions)) if (!Object.prototype.hasOwnProperty.call(argv, key) || typeof argv[key] === "undefined") {
			missing = missing || {};
			missing[key] = demandedOptions[key];
		}
		if (missing) {
			const customMsgs = [];
			for (const key of Object.keys(missing)) {
				const msg = missing[key];
				if (msg && customMsgs.indexOf(msg) < 0) customMsgs.push(msg);
			}
			const customMsg = customMsgs.length ? `\n${customMsgs.join("\n")}` : "";
			usage.fail(__n("Missing required argument: %s", "Missing required arguments: %s", Object.keys(missing).length, Object.keys(missing).join(", ") + customMsg));
		}
	};
	self.unknownArguments = function unknownArguments(argv, aliases, positionalMap, isDefaultCommand, checkPositionals = true) {
		var _a;
		const commandKeys = yargs.getInternalMethods().getCommandInstance().getCommands();
		const unknown = [];
		const currentContext = yargs.getInternalMethods().getContext();
		Object.keys(argv).forEach((key) => {
			if (!specialKeys.includes(key) && !Object.prototype.hasOwnProperty.call(positionalMap, key) && !Object.prototype.hasOwnProperty.call(yargs.getInternalMethods().getParseContext(), key) && !self.isValidAndSomeAliasIsNotNew(key, aliases)) unknown.push(key);
		});
		if (checkPositionals && (currentContext.commands.length > 0 || commandKeys.length > 0 || isDefaultCommand)) argv._.slice(currentContext.commands.length).forEach((key) => {
			if (!commandKeys.includes("" + key)) unknown.push("" + key);
		});
		if (checkPositionals) {
			const maxNonOptDemanded = ((_a = yargs.getDemandedCommands()._) === null || _a === void 0 ? void 0 : _a.max) || 0;
			const expected = currentContext.commands.length + maxNonOptDemanded;
			if (expected < argv._.length) argv._.slice(expected).forEach((key) => {
				key = String(key);
				if (!currentContext.commands.includes(key) && !unknown.includes(key)) unknown.push(key);
			});
		}
		if (unknown.length) usage.fail(__n("Unknown argument: %s", "Unknown arguments: %s", unknown.length, unknown.map((s) => s.trim() ? s : `"${s}"`).join(", ")));
	};
	self.unknownCommands = function unknownCommands(argv) {
		const commandKeys = yargs.getInternalMethods().getCommandInstance().getCommands();
		const unknown = [];
		const currentContext = yargs.getInternalMethods().getContext();
		if (currentContext.commands.length > 0 || commandKeys.length > 0) argv._.slice(currentContext.commands.length).forEach((key) => {
			if (!commandKeys.includes("" + key)) unknown.push("" + key);
		});
		if (unknown.length > 0) {
			usage.fail(__n("Unknown command: %s", "Unknown commands: %s", unknown.length, unknown.join(", ")));
			return true;
		} else return false;
	};
	self.isValidAndSomeAliasIsNotNew = function isValidAndSomeAliasIsNotNew(key, aliases) {
		if (!Object.prototype.hasOwnProperty.call(aliases, key)) return false;
		const newAliases = yargs.parsed.newAliases;
		return [key, ...aliases[key]].some((a) => !Object.prototype.hasOwnProperty.call(newAliases, a) || !newAliases[key]);
	};
	self.limitedChoices = function limitedChoices(argv) {
		const options = yargs.getOptions();
		const invalid = {};
		if (!Object.keys(options.choices).length) return;
		Object.keys(argv).forEach((key) => {
			if (specialKeys.indexOf(key) === -1 && Object.prototype.hasOwnProperty.call(options.choices, key)) [].concat(argv[key]).forEach((value) => {
				if (options.choices[key].indexOf(value) === -1 && value !== void 0) invalid[key] = (invalid[key] || []).concat(value);
			});
		});
		const invalidKeys = Object.keys(invalid);
		if (!invalidKeys.length) return;
		let msg = __("Invalid values:");
		invalidKeys.forEach((key) => {
			msg += `\n  ${__("Argument: %s, Given: %s, Choices: %s", key, usage.stringifiedValues(invalid[key]), usage.stringifiedValues(options.choices[key]))}`;
		});
		usage.fail(msg);
	};
	let implied = {};
	self.implies = function implies(key, value) {
		argsert("<string|object> [array|number|string]", [key, value], arguments.length);
		if (typeof key === "object") Object.keys(key).forEach((k) => {
			self.implies(k, key[k]);
		});
		else {
			yargs.global(key);
			if (!implied[key]) implied[key] = [];
			if (Array.isArray(value)) value.forEach((i) => self.implies(key, i));
			else {
				assertNotStrictEqual(value, void 0, shim);
				implied[key].push(value);
			}
		}
	};
	self.getImplied = function getImplied() {
		return implied;
	};
	function keyExists(argv, val) {
		const num = Number(val);
		val = isNaN(num) ? val : num;
		if (typeof val === "number") val = argv._.length >= val;
		else if (val.match(/^--no-.+/)) {
			val = val.match(/^--no-(.+)/)[1];
			val = !Object.prototype.hasOwnProperty.call(argv, val);
		} else val = Object.prototype.hasOwnProperty.call(argv, val);
		return val;
	}
	self.implications = function implications(argv) {
		const implyFail = [];
		Object.keys(implied).forEach((key) => {
			const origKey = key;
			(implied[key] || []).forEach((value) => {
				let key = origKey;
				const origValue = value;
				key = keyExists(argv, key);
				value = keyExists(argv, value);
				if (key && !value) implyFail.push(` ${origKey} -> ${origValue}`);
			});
		});
		if (implyFail.length) {
			let msg = `${__("Implications failed:")}\n`;
			implyFail.forEach((value) => {
				msg += value;
			});
			usage.fail(msg);
		}
	};
	let conflicting = {};
	self.conflicts = function conflicts(key, value) {
		argsert("<string|object> [array|string]", [key, value], arguments.length);
		if (typeof key === "object") Object.keys(key).forEach((k) => {
			self.conflicts(k, key[k]);
		});
		else {
			yargs.global(key);
			if (!conflicting[key]) conflicting[key] = [];
			if (Array.isArray(value)) value.forEach((i) => self.conflicts(key, i));
			else conflicting[key].push(value);
		}
	};
	self.getConflicting = () => conflicting;
	self.conflicting = function conflictingFn(argv) {
		Object.keys(argv).forEach((key) => {
			if (conflicting[key]) conflicting[key].forEach((value) => {
				if (value && argv[key] !== void 0 && argv[value] !== void 0) usage.fail(__("Arguments %s and %s are mutually exclusive", key, value));
			});
		});
		if (yargs.getInternalMethods().getParserConfiguration()["strip-dashed"]) Object.keys(conflicting).forEach((key) => {
			conflicting[key].forEach((value) => {
				if (value && argv[shim.Parser.camelCase(key)] !== void 0 && argv[shim.Parser.camelCase(value)] !== void 0) usage.fail(__("Arguments %s and %s are mutually exclusive", key, value));
			});
		});
	};
	self.recommendCommands = function recommendCommands(cmd, potentialCommands) {
		const threshold = 3;
		potentialCommands = potentialCommands.sort((a, b) => b.length - a.length);
		let recommended = null;
		let bestDistance = Infinity;
		for (let i = 0, candidate; (candidate = potentialCommands[i]) !== void 0; i++) {
			const d = levenshtein(cmd, candidate);
			if (d <= threshold && d < bestDistance) {
				bestDistance = d;
				recommended = candidate;
			}
		}
		if (recommended) usage.fail(__("Did you mean %s?", recommended));
	};
	self.reset = function reset(localLookup) {
		implied = objFilter(implied, (k) => !localLookup[k]);
		conflicting = objFilter(conflicting, (k) => !localLookup[k]);
		return self;
	};
	const frozens = [];
	self.freeze = function freeze() {
		frozens.push({
			implied,
			conflicting
		});
	};
	self.unfreeze = function unfreeze() {
		const frozen = frozens.pop();
		assertNotStrictEqual(frozen, void 0, shim);
		({implied, conflicting} = frozen);
	};
	return self;
}
var specialKeys;
var init_validation = __esmMin((() => {
	init_argsert();
	init_common_types();
	init_levenshtein();
	init_obj_filter();
	specialKeys = [
		"$0",
		"--",
		"_"
	];
}));
// node_modules/yargs/build/lib/utils/apply-extends.js
function applyExtends(config, cwd, mergeExtends, _shim) {
	shim = _shim;
	let defaultConfig = {};
	if (Object.prototype.hasOwnProperty.call(config, "extends")) {
		if (typeof config.extends !== "string") return defaultConfig;
		const isPath = /\.json|\..*rc$/.test(config.extends);
		let pathToDefault = null;
		if (!isPath) try {
			pathToDefault = require.resolve(config.extends);
		} catch (_err) {
			return config;
		}
		else pathToDefault = getPathToDefaultConfig(cwd, config.extends);
		checkForCircularExtends(pathToDefault);
		previouslyVisitedConfigs.push(pathToDefault);
		defaultConfig = isPath ? JSON.parse(shim.readFileSync(pathToDefault, "utf8")) : require(config.extends);
		delete config.extends;
		defaultConfig = applyExtends(defaultConfig, shim.path.dirname(pathToDefault), mergeExtends, shim);
	}
	previouslyVisitedConfigs = [];
	return mergeExtends ? mergeDeep(defaultConfig, config) : Object.assign({}, defaultConfig, config);
}
function checkForCircularExtends(cfgPath) {
	if (previouslyVisitedConfigs.indexOf(cfgPath) > -1) throw new YError(`Circular extended configurations: '${cfgPath}'.`);
}
function getPathToDefaultConfig(cwd, pathToExtend) {
	return shim.path.resolve(cwd, pathToExtend);
}
function mergeDeep(config1, config2) {
	const target = {};
	function isObject(obj) {
		return obj && typeof obj === "object" && !Array.isArray(obj);
	}
	Object.assign(target, config1);
	for (const key of Object.keys(config2)) if (isObject(config2[key]) && isObject(target[key])) target[key] = mergeDeep(config1[key], config2[key]);
	else target[key] = config2[key];
	return target;
}
var previouslyVisitedConfigs, shim;
var init_apply_extends = __esmMin((() => {
	init_yerror();
	previouslyVisitedConfigs = [];
}));
// node_modules/yargs/build/lib/yargs-factory.js
function YargsFactory(_shim) {
	return (processArgs = [], cwd = _shim.process.cwd(), parentRequire) => {
		const yargs = new YargsInstance(processArgs, cwd, parentRequire, _shim);
		Object.defineProperty(yargs, "argv", {
			get: () => {
				return yargs.parse();
			},
			enumerable: true
		});
		yargs.help();
		yargs.version();
		return yargs;
	};
}
function isYargsInstance(y) {
	return !!y && typeof y.getInternalMethods === "function";
}
var __classPrivateFieldSet, __classPrivateFieldGet, _YargsInstance_command, _YargsInstance_cwd, _YargsInstance_context, _YargsInstance_completion, _YargsInstance_completionCommand, _YargsInstance_defaultShowHiddenOpt, _YargsInstance_exitError, _YargsInstance_detectLocale, _YargsInstance_emittedWarnings, _YargsInstance_exitProcess, _YargsInstance_frozens, _YargsInstance_globalMiddleware, _YargsInstance_groups, _YargsInstance_hasOutput, _YargsInstance_helpOpt, _YargsInstance_isGlobalContext, _YargsInstance_logger, _YargsInstance_output, _YargsInstance_options, _YargsInstance_parentRequire, _YargsInstance_parserConfig, _YargsInstance_parseFn, _YargsInstance_parseContext, _YargsInstance_pkgs, _YargsInstance_preservedGroups, _YargsInstance_processArgs, _YargsInstance_recommendCommands, _YargsInstance_shim, _YargsInstance_strict, _YargsInstance_strictCommands, _YargsInstance_strictOptions, _YargsInstance_usage, _YargsInstance_usageConfig, _YargsInstance_versionOpt, _YargsInstance_validation, kCopyDoubleDash, kCreateLogger, kDeleteFromParserHintObject, kEmitWarning, kFreeze, kGetDollarZero, kGetParserConfiguration, kGetUsageConfiguration, kGuessLocale, kGuessVersion, kParsePositionalNumbers, kPkgUp, kPopulateParserHintArray, kPopulateParserHintSingleValueDictionary, kPopulateParserHintArrayDictionary, kPopulateParserHintDictionary, kSanitizeKey, kSetKey, kUnfreeze, kValidateAsync, kGetCommandInstance, kGetContext, kGetHasOutput, kGetLoggerInstance, kGetParseContext, kGetUsageInstance, kGetValidationInstance, kHasParseCallback, kIsGlobalContext, kPostProcess, kRebase, kReset, kRunYargsParserAndExecuteCommands, kRunValidation, kSetHasOutput, kTrackManuallySetKeys, YargsInstance;
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
	__classPrivateFieldSet = function(receiver, state, value, kind, f) {
		if (kind === "m") throw new TypeError("Private method is not writable");
		if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a setter");
		if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot write private member to an object whose class did not declare it");
		return kind === "a" ? f.call(receiver, value) : f ? f.value = value : state.set(receiver, value), value;
	};
	__classPrivateFieldGet = function(receiver, state, kind, f) {
		if (kind === "a" && !f) throw new TypeError("Private accessor was defined without a getter");
		if (typeof state === "function" ? receiver !== state || !f : !state.has(receiver)) throw new TypeError("Cannot read private member from an object whose class did not declare it");
		return kind === "m" ? f : kind === "a" ? f.call(receiver) : f ? f.value : state.get(receiver);
	};
	kCopyDoubleDash = Symbol("copyDoubleDash");
	kCreateLogger = Symbol("copyDoubleDash");
	kDeleteFromParserHintObject = Symbol("deleteFromParserHintObject");
	kEmitWarning = Symbol("emitWarning");
	kFreeze = Symbol("freeze");
	kGetDollarZero = Symbol("getDollarZero");
	kGetParserConfiguration = Symbol("getParserConfiguration");
	kGetUsageConfiguration = Symbol("getUsageConfiguration");
	kGuessLocale = Symbol("guessLocale");
	kGuessVersion = Symbol("guessVersion");
	kParsePositionalNumbers = Symbol("parsePositionalNumbers");
	kPkgUp = Symbol("pkgUp");
	kPopulateParserHintArray = Symbol("populateParserHintArray");
	kPopulateParserHintSingleValueDictionary = Symbol("populateParserHintSingleValueDictionary");
	kPopulateParserHintArrayDictionary = Symbol("populateParserHintArrayDictionary");
	kPopulateParserHintDictionary = Symbol("populateParserHintDictionary");
	kSanitizeKey = Symbol("sanitizeKey");
	kSetKey = Symbol("setKey");
	kUnfreeze = Symbol("unfreeze");
	kValidateAsync = Symbol("validateAsync");
	kGetCommandInstance = Symbol("getCommandInstance");
	kGetContext = Symbol("getContext");
	kGetHasOutput = Symbol("getHasOutput");
	kGetLoggerInstance = Symbol("getLoggerInstance");
	kGetParseContext = Symbol("getParseContext");
	kGetUsageInstance = Symbol("getUsageInstance");
	kGetValidationInstance = Symbol("getValidationInstance");
	kHasParseCallback = Symbol("hasParseCallback");
	kIsGlobalContext = Symbol("isGlobalContext");
	kPostProcess = Symbol("postProcess");
	kRebase = Symbol("rebase");
	kReset = Symbol("reset");
	kRunYargsParserAndExecuteCommands = Symbol("runYargsParserAndExecuteCommands");
	kRunValidation = Symbol("runValidation");
	kSetHasOutput = Symbol("setHasOutput");
	kTrackManuallySetKeys = Symbol("kTrackManuallySetKeys");
	YargsInstance = class {
		constructor(processArgs = [], cwd, parentRequire, shim) {
			this.customScriptName = false;
			this.parsed = false;
			_YargsInstance_command.set(this, void 0);
			_YargsInstance_cwd.set(this, void 0);
			_YargsInstance_context.set(this, {
				commands: [],
				fullCommands: []
			});
			_YargsInstance_completion.set(this, null);
			_YargsInstance_completionCommand.set(this, null);
			_YargsInstance_defaultShowHiddenOpt.set(this, "show-hidden");
			_YargsInstance_exitError.set(this, null);
			_YargsInstance_detectLocale.set(this, true);
			_YargsInstance_emittedWarnings.set(this, {});
			_YargsInstance_exitProcess.set(this, true);
			_YargsInstance_frozens.set(this, []);
			_YargsInstance_globalMiddleware.set(this, void 0);
			_YargsInstance_groups.set(this, {});
			_YargsInstance_hasOutput.set(this, false);
			_YargsInstance_helpOpt.set(this, null);
			_YargsInstance_isGlobalContext.set(this, true);
			_YargsInstance_logger.set(this, void 0);
			_YargsInstance_output.set(this, "");
			_YargsInstance_options.set(this, void 0);
			_YargsInstance_parentRequire.set(this, void 0);
			_YargsInstance_parserConfig.set(this, {});
			_YargsInstance_parseFn.set(this, null);
			_YargsInstance_parseContext.set(this, null);
			_YargsInstance_pkgs.set(this, {});
			_YargsInstance_preservedGroups.set(this, {});
			_YargsInstance_processArgs.set(this, void 0);
			_YargsInstance_recommendCommands.set(this, false);
			_YargsInstance_shim.set(this, void 0);
			_YargsInstance_strict.set(this, false);
			_YargsInstance_strictCommands.set(this, false);
			_YargsInstance_strictOptions.set(this, false);
			_YargsInstance_usage.set(this, void 0);
			_YargsInstance_usageConfig.set(this, {});
			_YargsInstance_versionOpt.set(this, null);
			_YargsInstance_validation.set(this, void 0);
			__classPrivateFieldSet(this, _YargsInstance_shim, shim, "f");
			__classPrivateFieldSet(this, _YargsInstance_processArgs, processArgs, "f");
			__classPrivateFieldSet(this, _YargsInstance_cwd, cwd, "f");
			__classPrivateFieldSet(this, _YargsInstance_parentRequire, parentRequire, "f");
			__classPrivateFieldSet(this, _YargsInstance_globalMiddleware, new GlobalMiddleware(this), "f");
			this.$0 = this[kGetDollarZero]();
			this[kReset]();
			__classPrivateFieldSet(this, _YargsInstance_command, __classPrivateFieldGet(this, _YargsInstance_command, "f"), "f");
			__classPrivateFieldSet(this, _YargsInstance_usage, __classPrivateFieldGet(this, _YargsInstance_usage, "f"), "f");
			__classPrivateFieldSet(this, _YargsInstance_validation, __classPrivateFieldGet(this, _YargsInstance_validation, "f"), "f");
			__classPrivateFieldSet(this, _YargsInstance_options, __classPrivateFieldGet(this, _YargsInstance_options, "f"), "f");
			__classPrivateFieldGet(this, _YargsInstance_options, "f").showHiddenOpt = __classPrivateFieldGet(this, _YargsInstance_defaultShowHiddenOpt, "f");
			__classPrivateFieldSet(this, _YargsInstance_logger, this[kCreateLogger](), "f");
		}
		addHelpOpt(opt, msg) {
			const defaultHelpOpt = "help";
			argsert("[string|boolean] [string]", [opt, msg], arguments.length);
			if (__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f")) {
				this[kDeleteFromParserHintObject](__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f"));
				__classPrivateFieldSet(this, _YargsInstance_helpOpt, null, "f");
			}
			if (opt === false && msg === void 0) return this;
			__classPrivateFieldSet(this, _YargsInstance_helpOpt, typeof opt === "string" ? opt : defaultHelpOpt, "f");
			this.boolean(__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f"));
			this.describe(__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f"), msg || __classPrivateFieldGet(this, _YargsInstance_usage, "f").deferY18nLookup("Show help"));
			return this;
		}
		help(opt, msg) {
			return this.addHelpOpt(opt, msg);
		}
		addShowHiddenOpt(opt, msg) {
			argsert("[string|boolean] [string]", [opt, msg], arguments.length);
			if (opt === false && msg === void 0) return this;
			const showHiddenOpt = typeof opt === "string" ? opt : __classPrivateFieldGet(this, _YargsInstance_defaultShowHiddenOpt, "f");
			this.boolean(showHiddenOpt);
			this.describe(showHiddenOpt, msg || __classPrivateFieldGet(this, _YargsInstance_usage, "f").deferY18nLookup("Show hidden options"));
			__classPrivateFieldGet(this, _YargsInstance_options, "f").showHiddenOpt = showHiddenOpt;
			return this;
		}
		showHidden(opt, msg) {
			return this.addShowHiddenOpt(opt, msg);
		}
		alias(key, value) {
			argsert("<object|string|array> [string|array]", [key, value], arguments.length);
			this[kPopulateParserHintArrayDictionary](this.alias.bind(this), "alias", key, value);
			return this;
		}
		array(keys) {
			argsert("<array|string>", [keys], arguments.length);
			this[kPopulateParserHintArray]("array", keys);
			this[kTrackManuallySetKeys](keys);
			return this;
		}
		boolean(keys) {
			argsert("<array|string>", [keys], arguments.length);
			this[kPopulateParserHintArray]("boolean", keys);
			this[kTrackManuallySetKeys](keys);
			return this;
		}
		check(f, global) {
			argsert("<function> [boolean]", [f, global], arguments.length);
			this.middleware((argv, _yargs) => {
				return maybeAsyncResult(() => {
					return f(argv, _yargs.getOptions());
				}, (result) => {
					if (!result) __classPrivateFieldGet(this, _YargsInstance_usage, "f").fail(__classPrivateFieldGet(this, _YargsInstance_shim, "f").y18n.__("Argument check failed: %s", f.toString()));
					else if (typeof result === "string" || result instanceof Error) __classPrivateFieldGet(this, _YargsInstance_usage, "f").fail(result.toString(), result);
					return argv;
				}, (err) => {
					__classPrivateFieldGet(this, _YargsInstance_usage, "f").fail(err.message ? err.message : err.toString(), err);
					return argv;
				});
			}, false, global);
			return this;
		}
		choices(key, value) {
			argsert("<object|string|array> [string|array]", [key, value], arguments.length);
			this[kPopulateParserHintArrayDictionary](this.choices.bind(this), "choices", key, value);
			return this;
		}
		coerce(keys, value) {
			argsert("<object|string|array> [function]", [keys, value], arguments.length);
			if (Array.isArray(keys)) {
				if (!value) throw new YError("coerce callback must be provided");
				for (const key of keys) this.coerce(key, value);
				return this;
			} else if (typeof keys === "object") {
				for (const key of Object.keys(keys)) this.coerce(key, keys[key]);
				return this;
			}
			if (!value) throw new YError("coerce callback must be provided");
			__classPrivateFieldGet(this, _YargsInstance_options, "f").key[keys] = true;
			__classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").addCoerceMiddleware((argv, yargs) => {
				let aliases;
				if (!Object.prototype.hasOwnProperty.call(argv, keys)) return argv;
				return maybeAsyncResult(() => {
					aliases = yargs.getAliases();
					return value(argv[keys]);
				}, (result) => {
					argv[keys] = result;
					const stripAliased = yargs.getInternalMethods().getParserConfiguration()["strip-aliased"];
					if (aliases[keys] && stripAliased !== true) for (const alias of aliases[keys]) argv[alias] = result;
					return argv;
				}, (err) => {
					throw new YError(err.message);
				});
			}, keys);
			return this;
		}
		conflicts(key1, key2) {
			argsert("<string|object> [string|array]", [key1, key2], arguments.length);
			__classPrivateFieldGet(this, _YargsInstance_validation, "f").conflicts(key1, key2);
			return this;
		}
		config(key = "config", msg, parseFn) {
			argsert("[object|string] [string|function] [function]", [
				key,
				msg,
				parseFn
			], arguments.length);
			if (typeof key === "object" && !Array.isArray(key)) {
				key = applyExtends(key, __classPrivateFieldGet(this, _YargsInstance_cwd, "f"), this[kGetParserConfiguration]()["deep-merge-config"] || false, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
				__classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects = (__classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects || []).concat(key);
				return this;
			}
			if (typeof msg === "function") {
				parseFn = msg;
				msg = void 0;
			}
			this.describe(key, msg || __classPrivateFieldGet(this, _YargsInstance_usage, "f").deferY18nLookup("Path to JSON config file"));
			(Array.isArray(key) ? key : [key]).forEach((k) => {
				__classPrivateFieldGet(this, _YargsInstance_options, "f").config[k] = parseFn || true;
			});
			return this;
		}
		completion(cmd, desc, fn) {
			argsert("[string] [string|boolean|function] [function]", [
				cmd,
				desc,
				fn
			], arguments.length);
			if (typeof desc === "function") {
				fn = desc;
				desc = void 0;
			}
			__classPrivateFieldSet(this, _YargsInstance_completionCommand, cmd || __classPrivateFieldGet(this, _YargsInstance_completionCommand, "f") || "completion", "f");
			if (!desc && desc !== false) desc = "generate completion script";
			this.command(__classPrivateFieldGet(this, _YargsInstance_completionCommand, "f"), desc);
			if (fn) __classPrivateFieldGet(this, _YargsInstance_completion, "f").registerFunction(fn);
			return this;
		}
		command(cmd, description, builder, handler, middlewares, deprecated) {
			argsert("<string|array|object> [string|boolean] [function|object] [function] [array] [boolean|string]", [
				cmd,
				description,
				builder,
				handler,
				middlewares,
				deprecated
			], arguments.length);
			__classPrivateFieldGet(this, _YargsInstance_command, "f").addHandler(cmd, description, builder, handler, middlewares, deprecated);
			return this;
		}
		commands(cmd, description, builder, handler, middlewares, deprecated) {
			return this.command(cmd, description, builder, handler, middlewares, deprecated);
		}
		commandDir(dir, opts) {
			argsert("<string> [object]", [dir, opts], arguments.length);
			const req = __classPrivateFieldGet(this, _YargsInstance_parentRequire, "f") || __classPrivateFieldGet(this, _YargsInstance_shim, "f").require;
			__classPrivateFieldGet(this, _YargsInstance_command, "f").addDirectory(dir, req, __classPrivateFieldGet(this, _YargsInstance_shim, "f").getCallerFile(), opts);
			return this;
		}
		count(keys) {
			argsert("<array|string>", [keys], arguments.length);
			this[kPopulateParserHintArray]("count", keys);
			this[kTrackManuallySetKeys](keys);
			return this;
		}
		default(key, value, defaultDescription) {
			argsert("<object|string|array> [*] [string]", [
				key,
				value,
				defaultDescription
			], arguments.length);
			if (defaultDescription) {
				assertSingleKey(key, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
				__classPrivateFieldGet(this, _YargsInstance_options, "f").defaultDescription[key] = defaultDescription;
			}
			if (typeof value === "function") {
				assertSingleKey(key, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
				if (!__classPrivateFieldGet(this, _YargsInstance_options, "f").defaultDescription[key]) __classPrivateFieldGet(this, _YargsInstance_options, "f").defaultDescription[key] = __classPrivateFieldGet(this, _YargsInstance_usage, "f").functionDescription(value);
				value = value.call();
			}
			this[kPopulateParserHintSingleValueDictionary](this.default.bind(this), "default", key, value);
			return this;
		}
		defaults(key, value, defaultDescription) {
			return this.default(key, value, defaultDescription);
		}
		demandCommand(min = 1, max, minMsg, maxMsg) {
			argsert("[number] [number|string] [string|null|undefined] [string|null|undefined]", [
				min,
				max,
				minMsg,
				maxMsg
			], arguments.length);
			if (typeof max !== "number") {
				minMsg = max;
				max = Infinity;
			}
			this.global("_", false);
			__classPrivateFieldGet(this, _YargsInstance_options, "f").demandedCommands._ = {
				min,
				max,
				minMsg,
				maxMsg
			};
			return this;
		}
		demand(keys, max, msg) {
			if (Array.isArray(max)) {
				max.forEach((key) => {
					assertNotStrictEqual(msg, true, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
					this.demandOption(key, msg);
				});
				max = Infinity;
			} else if (typeof max !== "number") {
				msg = max;
				max = Infinity;
			}
			if (typeof keys === "number") {
				assertNotStrictEqual(msg, true, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
				this.demandCommand(keys, max, msg, msg);
			} else if (Array.isArray(keys)) keys.forEach((key) => {
				assertNotStrictEqual(msg, true, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
				this.demandOption(key, msg);
			});
			else if (typeof msg === "string") this.demandOption(keys, msg);
			else if (msg === true || typeof msg === "undefined") this.demandOption(keys);
			return this;
		}
		demandOption(keys, msg) {
			argsert("<object|string|array> [string]", [keys, msg], arguments.length);
			this[kPopulateParserHintSingleValueDictionary](this.demandOption.bind(this), "demandedOptions", keys, msg);
			return this;
		}
		deprecateOption(option, message) {
			argsert("<string> [string|boolean]", [option, message], arguments.length);
			__classPrivateFieldGet(this, _YargsInstance_options, "f").deprecatedOptions[option] = message;
			return this;
		}
		describe(keys, description) {
			argsert("<object|string|array> [string]", [keys, description], arguments.length);
			this[kSetKey](keys, true);
			__classPrivateFieldGet(this, _YargsInstance_usage, "f").describe(keys, description);
			return this;
		}
		detectLocale(detect) {
			argsert("<boolean>", [detect], arguments.length);
			__classPrivateFieldSet(this, _YargsInstance_detectLocale, detect, "f");
			return this;
		}
		env(prefix) {
			argsert("[string|boolean]", [prefix], arguments.length);
			if (prefix === false) delete __classPrivateFieldGet(this, _YargsInstance_options, "f").envPrefix;
			else __classPrivateFieldGet(this, _YargsInstance_options, "f").envPrefix = prefix || "";
			return this;
		}
		epilogue(msg) {
			argsert("<string>", [msg], arguments.length);
			__classPrivateFieldGet(this, _YargsInstance_usage, "f").epilog(msg);
			return this;
		}
		epilog(msg) {
			return this.epilogue(msg);
		}
		example(cmd, description) {
			argsert("<string|array> [string]", [cmd, description], arguments.length);
			if (Array.isArray(cmd)) cmd.forEach((exampleParams) => this.example(...exampleParams));
			else __classPrivateFieldGet(this, _YargsInstance_usage, "f").example(cmd, description);
			return this;
		}
		exit(code, err) {
			__classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
			__classPrivateFieldSet(this, _YargsInstance_exitError, err, "f");
			if (__classPrivateFieldGet(this, _YargsInstance_exitProcess, "f")) __classPrivateFieldGet(this, _YargsInstance_shim, "f").process.exit(code);
		}
		exitProcess(enabled = true) {
			argsert("[boolean]", [enabled], arguments.length);
			__classPrivateFieldSet(this, _YargsInstance_exitProcess, enabled, "f");
			return this;
		}
		fail(f) {
			argsert("<function|boolean>", [f], arguments.length);
			if (typeof f === "boolean" && f !== false) throw new YError("Invalid first argument. Expected function or boolean 'false'");
			__classPrivateFieldGet(this, _YargsInstance_usage, "f").failFn(f);
			return this;
		}
		getAliases() {
			return this.parsed ? this.parsed.aliases : {};
		}
		async getCompletion(args, done) {
			argsert("<array> [function]", [args, done], arguments.length);
			if (!done) return new Promise((resolve, reject) => {
				__classPrivateFieldGet(this, _YargsInstance_completion, "f").getCompletion(args, (err, completions) => {
					if (err) reject(err);
					else resolve(completions);
				});
			});
			else return __classPrivateFieldGet(this, _YargsInstance_completion, "f").getCompletion(args, done);
		}
		getDemandedOptions() {
			argsert([], 0);
			return __classPrivateFieldGet(this, _YargsInstance_options, "f").demandedOptions;
		}
		getDemandedCommands() {
			argsert([], 0);
			return __classPrivateFieldGet(this, _YargsInstance_options, "f").demandedCommands;
		}
		getDeprecatedOptions() {
			argsert([], 0);
			return __classPrivateFieldGet(this, _YargsInstance_options, "f").deprecatedOptions;
		}
		getDetectLocale() {
			return __classPrivateFieldGet(this, _YargsInstance_detectLocale, "f");
		}
		getExitProcess() {
			return __classPrivateFieldGet(this, _YargsInstance_exitProcess, "f");
		}
		getGroups() {
			return Object.assign({}, __classPrivateFieldGet(this, _YargsInstance_groups, "f"), __classPrivateFieldGet(this, _YargsInstance_preservedGroups, "f"));
		}
		getHelp() {
			__classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
			if (!__classPrivateFieldGet(this, _YargsInstance_usage, "f").hasCachedHelpMessage()) {
				if (!this.parsed) {
					const parse = this[kRunYargsParserAndExecuteCommands](__classPrivateFieldGet(this, _YargsInstance_processArgs, "f"), void 0, void 0, 0, true);
					if (isPromise(parse)) return parse.then(() => {
						return __classPrivateFieldGet(this, _YargsInstance_usage, "f").help();
					});
				}
				const builderResponse = __classPrivateFieldGet(this, _YargsInstance_command, "f").runDefaultBuilderOn(this);
				if (isPromise(builderResponse)) return builderResponse.then(() => {
					return __classPrivateFieldGet(this, _YargsInstance_usage, "f").help();
				});
			}
			return Promise.resolve(__classPrivateFieldGet(this, _YargsInstance_usage, "f").help());
		}
		getOptions() {
			return __classPrivateFieldGet(this, _YargsInstance_options, "f");
		}
		getStrict() {
			return __classPrivateFieldGet(this, _YargsInstance_strict, "f");
		}
		getStrictCommands() {
			return __classPrivateFieldGet(this, _YargsInstance_strictCommands, "f");
		}
		getStrictOptions() {
			return __classPrivateFieldGet(this, _YargsInstance_strictOptions, "f");
		}
		global(globals, global) {
			argsert("<string|array> [boolean]", [globals, global], arguments.length);
			globals = [].concat(globals);
			if (global !== false) __classPrivateFieldGet(this, _YargsInstance_options, "f").local = __classPrivateFieldGet(this, _YargsInstance_options, "f").local.filter((l) => globals.indexOf(l) === -1);
			else globals.forEach((g) => {
				if (!__classPrivateFieldGet(this, _YargsInstance_options, "f").local.includes(g)) __classPrivateFieldGet(this, _YargsInstance_options, "f").local.push(g);
			});
			return this;
		}
		group(opts, groupName) {
			argsert("<string|array> <string>", [opts, groupName], arguments.length);
			const existing = __classPrivateFieldGet(this, _YargsInstance_preservedGroups, "f")[groupName] || __classPrivateFieldGet(this, _YargsInstance_groups, "f")[groupName];
			if (__classPrivateFieldGet(this, _YargsInstance_preservedGroups, "f")[groupName]) delete __classPrivateFieldGet(this, _YargsInstance_preservedGroups, "f")[groupName];
			const seen = {};
			__classPrivateFieldGet(this, _YargsInstance_groups, "f")[groupName] = (existing || []).concat(opts).filter((key) => {
				if (seen[key]) return false;
				return seen[key] = true;
			});
			return this;
		}
		hide(key) {
			argsert("<string>", [key], arguments.length);
			__classPrivateFieldGet(this, _YargsInstance_options, "f").hiddenOptions.push(key);
			return this;
		}
		implies(key, value) {
			argsert("<string|object> [number|string|array]", [key, value], arguments.length);
			__classPrivateFieldGet(this, _YargsInstance_validation, "f").implies(key, value);
			return this;
		}
		locale(locale) {
			argsert("[string]", [locale], arguments.length);
			if (locale === void 0) {
				this[kGuessLocale]();
				return __classPrivateFieldGet(this, _YargsInstance_shim, "f").y18n.getLocale();
			}
			__classPrivateFieldSet(this, _YargsInstance_detectLocale, false, "f");
			__classPrivateFieldGet(this, _YargsInstance_shim, "f").y18n.setLocale(locale);
			return this;
		}
		middleware(callback, applyBeforeValidation, global) {
			return __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").addMiddleware(callback, !!applyBeforeValidation, global);
		}
		nargs(key, value) {
			argsert("<string|object|array> [number]", [key, value], arguments.length);
			this[kPopulateParserHintSingleValueDictionary](this.nargs.bind(this), "narg", key, value);
			return this;
		}
		normalize(keys) {
			argsert("<array|string>", [keys], arguments.length);
			this[kPopulateParserHintArray]("normalize", keys);
			return this;
		}
		number(keys) {
			argsert("<array|string>", [keys], arguments.length);
			this[kPopulateParserHintArray]("number", keys);
			this[kTrackManuallySetKeys](keys);
			return this;
		}
		option(key, opt) {
			argsert("<string|object> [object]", [key, opt], arguments.length);
			if (typeof key === "object") Object.keys(key).forEach((k) => {
				this.options(k, key[k]);
			});
			else {
				if (typeof opt !== "object") opt = {};
				this[kTrackManuallySetKeys](key);
				if (__classPrivateFieldGet(this, _YargsInstance_versionOpt, "f") && (key === "version" || (opt === null || opt === void 0 ? void 0 : opt.alias) === "version")) this[kEmitWarning]([
					"\"version\" is a reserved word.",
					"Please do one of the following:",
					"- Disable version with `yargs.version(false)` if using \"version\" as an option",
					"- Use the built-in `yargs.version` method instead (if applicable)",
					"- Use a different option key",
					"https://yargs.js.org/docs/#api-reference-version"
				].join("\n"), void 0, "versionWarning");
				__classPrivateFieldGet(this, _YargsInstance_options, "f").key[key] = true;
				if (opt.alias) this.alias(key, opt.alias);
				const deprecate = opt.deprecate || opt.deprecated;
				if (deprecate) this.deprecateOption(key, deprecate);
				const demand = opt.demand || opt.required || opt.require;
				if (demand) this.demand(key, demand);
				if (opt.demandOption) this.demandOption(key, typeof opt.demandOption === "string" ? opt.demandOption : void 0);
				if (opt.conflicts) this.conflicts(key, opt.conflicts);
				if ("default" in opt) this.default(key, opt.default);
				if (opt.implies !== void 0) this.implies(key, opt.implies);
				if (opt.nargs !== void 0) this.nargs(key, opt.nargs);
				if (opt.config) this.config(key, opt.configParser);
				if (opt.normalize) this.normalize(key);
				if (opt.choices) this.choices(key, opt.choices);
				if (opt.coerce) this.coerce(key, opt.coerce);
				if (opt.group) this.group(key, opt.group);
				if (opt.boolean || opt.type === "boolean") {
					this.boolean(key);
					if (opt.alias) this.boolean(opt.alias);
				}
				if (opt.array || opt.type === "array") {
					this.array(key);
					if (opt.alias) this.array(opt.alias);
				}
				if (opt.number || opt.type === "number") {
					this.number(key);
					if (opt.alias) this.number(opt.alias);
				}
				if (opt.string || opt.type === "string") {
					this.string(key);
					if (opt.alias) this.string(opt.alias);
				}
				if (opt.count || opt.type === "count") this.count(key);
				if (typeof opt.global === "boolean") this.global(key, opt.global);
				if (opt.defaultDescription) __classPrivateFieldGet(this, _YargsInstance_options, "f").defaultDescription[key] = opt.defaultDescription;
				if (opt.skipValidation) this.skipValidation(key);
				const desc = opt.describe || opt.description || opt.desc;
				const descriptions = __classPrivateFieldGet(this, _YargsInstance_usage, "f").getDescriptions();
				if (!Object.prototype.hasOwnProperty.call(descriptions, key) || typeof desc === "string") this.describe(key, desc);
				if (opt.hidden) this.hide(key);
				if (opt.requiresArg) this.requiresArg(key);
			}
			return this;
		}
		options(key, opt) {
			return this.option(key, opt);
		}
		parse(args, shortCircuit, _parseFn) {
			argsert("[string|array] [function|boolean|object] [function]", [
				args,
				shortCircuit,
				_parseFn
			], arguments.length);
			this[kFreeze]();
			if (typeof args === "undefined") args = __classPrivateFieldGet(this, _YargsInstance_processArgs, "f");
			if (typeof shortCircuit === "object") {
				__classPrivateFieldSet(this, _YargsInstance_parseContext, shortCircuit, "f");
				shortCircuit = _parseFn;
			}
			if (typeof shortCircuit === "function") {
				__classPrivateFieldSet(this, _YargsInstance_parseFn, shortCircuit, "f");
				shortCircuit = false;
			}
			if (!shortCircuit) __classPrivateFieldSet(this, _YargsInstance_processArgs, args, "f");
			if (__classPrivateFieldGet(this, _YargsInstance_parseFn, "f")) __classPrivateFieldSet(this, _YargsInstance_exitProcess, false, "f");
			const parsed = this[kRunYargsParserAndExecuteCommands](args, !!shortCircuit);
			const tmpParsed = this.parsed;
			__classPrivateFieldGet(this, _YargsInstance_completion, "f").setParsed(this.parsed);
			if (isPromise(parsed)) return parsed.then((argv) => {
				if (__classPrivateFieldGet(this, _YargsInstance_parseFn, "f")) __classPrivateFieldGet(this, _YargsInstance_parseFn, "f").call(this, __classPrivateFieldGet(this, _YargsInstance_exitError, "f"), argv, __classPrivateFieldGet(this, _YargsInstance_output, "f"));
				return argv;
			}).catch((err) => {
				if (__classPrivateFieldGet(this, _YargsInstance_parseFn, "f")) __classPrivateFieldGet(this, _YargsInstance_parseFn, "f")(err, this.parsed.argv, __classPrivateFieldGet(this, _YargsInstance_output, "f"));
				throw err;
			}).finally(() => {
				this[kUnfreeze]();
				this.parsed = tmpParsed;
			});
			else {
				if (__classPrivateFieldGet(this, _YargsInstance_parseFn, "f")) __classPrivateFieldGet(this, _YargsInstance_parseFn, "f").call(this, __classPrivateFieldGet(this, _YargsInstance_exitError, "f"), parsed, __classPrivateFieldGet(this, _YargsInstance_output, "f"));
				this[kUnfreeze]();
				this.parsed = tmpParsed;
			}
			return parsed;
		}
		parseAsync(args, shortCircuit, _parseFn) {
			const maybePromise = this.parse(args, shortCircuit, _parseFn);
			return !isPromise(maybePromise) ? Promise.resolve(maybePromise) : maybePromise;
		}
		parseSync(args, shortCircuit, _parseFn) {
			const maybePromise = this.parse(args, shortCircuit, _parseFn);
			if (isPromise(maybePromise)) throw new YError(".parseSync() must not be used with asynchronous builders, handlers, or middleware");
			return maybePromise;
		}
		parserConfiguration(config) {
			argsert("<object>", [config], arguments.length);
			__classPrivateFieldSet(this, _YargsInstance_parserConfig, config, "f");
			return this;
		}
		pkgConf(key, rootPath) {
			argsert("<string> [string]", [key, rootPath], arguments.length);
			let conf = null;
			const obj = this[kPkgUp](rootPath || __classPrivateFieldGet(this, _YargsInstance_cwd, "f"));
			if (obj[key] && typeof obj[key] === "object") {
				conf = applyExtends(obj[key], rootPath || __classPrivateFieldGet(this, _YargsInstance_cwd, "f"), this[kGetParserConfiguration]()["deep-merge-config"] || false, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
				__classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects = (__classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects || []).concat(conf);
			}
			return this;
		}
		positional(key, opts) {
			argsert("<string> <object>", [key, opts], arguments.length);
			const supportedOpts = [
				"default",
				"defaultDescription",
				"implies",
				"normalize",
				"choices",
				"conflicts",
				"coerce",
				"type",
				"describe",
				"desc",
				"description",
				"alias"
			];
			opts = objFilter(opts, (k, v) => {
				if (k === "type" && ![
					"string",
					"number",
					"boolean"
				].includes(v)) return false;
				return supportedOpts.includes(k);
			});
			const fullCommand = __classPrivateFieldGet(this, _YargsInstance_context, "f").fullCommands[__classPrivateFieldGet(this, _YargsInstance_context, "f").fullCommands.length - 1];
			const parseOptions = fullCommand ? __classPrivateFieldGet(this, _YargsInstance_command, "f").cmdToParseOptions(fullCommand) : {
				array: [],
				alias: {},
				default: {},
				demand: {}
			};
			objectKeys(parseOptions).forEach((pk) => {
				const parseOption = parseOptions[pk];
				if (Array.isArray(parseOption)) {
					if (parseOption.indexOf(key) !== -1) opts[pk] = true;
				} else if (parseOption[key] && !(pk in opts)) opts[pk] = parseOption[key];
			});
			this.group(key, __classPrivateFieldGet(this, _YargsInstance_usage, "f").getPositionalGroupName());
			return this.option(key, opts);
		}
		recommendCommands(recommend = true) {
			argsert("[boolean]", [recommend], arguments.length);
			__classPrivateFieldSet(this, _YargsInstance_recommendCommands, recommend, "f");
			return this;
		}
		required(keys, max, msg) {
			return this.demand(keys, max, msg);
		}
		require(keys, max, msg) {
			return this.demand(keys, max, msg);
		}
		requiresArg(keys) {
			argsert("<array|string|object> [number]", [keys], arguments.length);
			if (typeof keys === "string" && __classPrivateFieldGet(this, _YargsInstance_options, "f").narg[keys]) return this;
			else this[kPopulateParserHintSingleValueDictionary](this.requiresArg.bind(this), "narg", keys, NaN);
			return this;
		}
		showCompletionScript($0, cmd) {
			argsert("[string] [string]", [$0, cmd], arguments.length);
			$0 = $0 || this.$0;
			__classPrivateFieldGet(this, _YargsInstance_logger, "f").log(__classPrivateFieldGet(this, _YargsInstance_completion, "f").generateCompletionScript($0, cmd || __classPrivateFieldGet(this, _YargsInstance_completionCommand, "f") || "completion"));
			return this;
		}
		showHelp(level) {
			argsert("[string|function]", [level], arguments.length);
			__classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
			if (!__classPrivateFieldGet(this, _YargsInstance_usage, "f").hasCachedHelpMessage()) {
				if (!this.parsed) {
					const parse = this[kRunYargsParserAndExecuteCommands](__classPrivateFieldGet(this, _YargsInstance_processArgs, "f"), void 0, void 0, 0, true);
					if (isPromise(parse)) {
						parse.then(() => {
							__classPrivateFieldGet(this, _YargsInstance_usage, "f").showHelp(level);
						});
						return this;
					}
				}
				const builderResponse = __classPrivateFieldGet(this, _YargsInstance_command, "f").runDefaultBuilderOn(this);
				if (isPromise(builderResponse)) {
					builderResponse.then(() => {
						__classPrivateFieldGet(this, _YargsInstance_usage, "f").showHelp(level);
					});
					return this;
				}
			}
			__classPrivateFieldGet(this, _YargsInstance_usage, "f").showHelp(level);
			return this;
		}
		scriptName(scriptName) {
			this.customScriptName = true;
			this.$0 = scriptName;
			return this;
		}
		showHelpOnFail(enabled, message) {
			argsert("[boolean|string] [string]", [enabled, message], arguments.length);
			__classPrivateFieldGet(this, _YargsInstance_usage, "f").showHelpOnFail(enabled, message);
			return this;
		}
		showVersion(level) {
			argsert("[string|function]", [level], arguments.length);
			__classPrivateFieldGet(this, _YargsInstance_usage, "f").showVersion(level);
			return this;
		}
		skipValidation(keys) {
			argsert("<array|string>", [keys], arguments.length);
			this[kPopulateParserHintArray]("skipValidation", keys);
			return this;
		}
		strict(enabled) {
			argsert("[boolean]", [enabled], arguments.length);
			__classPrivateFieldSet(this, _YargsInstance_strict, enabled !== false, "f");
			return this;
		}
		strictCommands(enabled) {
			argsert("[boolean]", [enabled], arguments.length);
			__classPrivateFieldSet(this, _YargsInstance_strictCommands, enabled !== false, "f");
			return this;
		}
		strictOptions(enabled) {
			argsert("[boolean]", [enabled], arguments.length);
			__classPrivateFieldSet(this, _YargsInstance_strictOptions, enabled !== false, "f");
			return this;
		}
		string(keys) {
			argsert("<array|string>", [keys], arguments.length);
			this[kPopulateParserHintArray]("string", keys);
			this[kTrackManuallySetKeys](keys);
			return this;
		}
		terminalWidth() {
			argsert([], 0);
			return __classPrivateFieldGet(this, _YargsInstance_shim, "f").process.stdColumns;
		}
		updateLocale(obj) {
			return this.updateStrings(obj);
		}
		updateStrings(obj) {
			argsert("<object>", [obj], arguments.length);
			__classPrivateFieldSet(this, _YargsInstance_detectLocale, false, "f");
			__classPrivateFieldGet(this, _YargsInstance_shim, "f").y18n.updateLocale(obj);
			return this;
		}
		usage(msg, description, builder, handler) {
			argsert("<string|null|undefined> [string|boolean] [function|object] [function]", [
				msg,
				description,
				builder,
				handler
			], arguments.length);
			if (description !== void 0) {
				assertNotStrictEqual(msg, null, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
				if ((msg || "").match(/^\$0( |$)/)) return this.command(msg, description, builder, handler);
				else throw new YError(".usage() description must start with $0 if being used as alias for .command()");
			} else {
				__classPrivateFieldGet(this, _YargsInstance_usage, "f").usage(msg);
				return this;
			}
		}
		usageConfiguration(config) {
			argsert("<object>", [config], arguments.length);
			__classPrivateFieldSet(this, _YargsInstance_usageConfig, config, "f");
			return this;
		}
		version(opt, msg, ver) {
			const defaultVersionOpt = "version";
			argsert("[boolean|string] [string] [string]", [
				opt,
				msg,
				ver
			], arguments.length);
			if (__classPrivateFieldGet(this, _YargsInstance_versionOpt, "f")) {
				this[kDeleteFromParserHintObject](__classPrivateFieldGet(this, _YargsInstance_versionOpt, "f"));
				__classPrivateFieldGet(this, _YargsInstance_usage, "f").version(void 0);
				__classPrivateFieldSet(this, _YargsInstance_versionOpt, null, "f");
			}
			if (arguments.length === 0) {
				ver = this[kGuessVersion]();
				opt = defaultVersionOpt;
			} else if (arguments.length === 1) {
				if (opt === false) return this;
				ver = opt;
				opt = defaultVersionOpt;
			} else if (arguments.length === 2) {
				ver = msg;
				msg = void 0;
			}
			__classPrivateFieldSet(this, _YargsInstance_versionOpt, typeof opt === "string" ? opt : defaultVersionOpt, "f");
			msg = msg || __classPrivateFieldGet(this, _YargsInstance_usage, "f").deferY18nLookup("Show version number");
			__classPrivateFieldGet(this, _YargsInstance_usage, "f").version(ver || void 0);
			this.boolean(__classPrivateFieldGet(this, _YargsInstance_versionOpt, "f"));
			this.describe(__classPrivateFieldGet(this, _YargsInstance_versionOpt, "f"), msg);
			return this;
		}
		wrap(cols) {
			argsert("<number|null|undefined>", [cols], arguments.length);
			__classPrivateFieldGet(this, _YargsInstance_usage, "f").wrap(cols);
			return this;
		}
		[(_YargsInstance_command = /* @__PURE__ */ new WeakMap(), _YargsInstance_cwd = /* @__PURE__ */ new WeakMap(), _YargsInstance_context = /* @__PURE__ */ new WeakMap(), _YargsInstance_completion = /* @__PURE__ */ new WeakMap(), _YargsInstance_completionCommand = /* @__PURE__ */ new WeakMap(), _YargsInstance_defaultShowHiddenOpt = /* @__PURE__ */ new WeakMap(), _YargsInstance_exitError = /* @__PURE__ */ new WeakMap(), _YargsInstance_detectLocale = /* @__PURE__ */ new WeakMap(), _YargsInstance_emittedWarnings = /* @__PURE__ */ new WeakMap(), _YargsInstance_exitProcess = /* @__PURE__ */ new WeakMap(), _YargsInstance_frozens = /* @__PURE__ */ new WeakMap(), _YargsInstance_globalMiddleware = /* @__PURE__ */ new WeakMap(), _YargsInstance_groups = /* @__PURE__ */ new WeakMap(), _YargsInstance_hasOutput = /* @__PURE__ */ new WeakMap(), _YargsInstance_helpOpt = /* @__PURE__ */ new WeakMap(), _YargsInstance_isGlobalContext = /* @__PURE__ */ new WeakMap(), _YargsInstance_logger = /* @__PURE__ */ new WeakMap(), _YargsInstance_output = /* @__PURE__ */ new WeakMap(), _YargsInstance_options = /* @__PURE__ */ new WeakMap(), _YargsInstance_parentRequire = /* @__PURE__ */ new WeakMap(), _YargsInstance_parserConfig = /* @__PURE__ */ new WeakMap(), _YargsInstance_parseFn = /* @__PURE__ */ new WeakMap(), _YargsInstance_parseContext = /* @__PURE__ */ new WeakMap(), _YargsInstance_pkgs = /* @__PURE__ */ new WeakMap(), _YargsInstance_preservedGroups = /* @__PURE__ */ new WeakMap(), _YargsInstance_processArgs = /* @__PURE__ */ new WeakMap(), _YargsInstance_recommendCommands = /* @__PURE__ */ new WeakMap(), _YargsInstance_shim = /* @__PURE__ */ new WeakMap(), _YargsInstance_strict = /* @__PURE__ */ new WeakMap(), _YargsInstance_strictCommands = /* @__PURE__ */ new WeakMap(), _YargsInstance_strictOptions = /* @__PURE__ */ new WeakMap(), _YargsInstance_usage = /* @__PURE__ */ new WeakMap(), _YargsInstance_usageConfig = /* @__PURE__ */ new WeakMap(), _YargsInstance_versionOpt = /* @__PURE__ */ new WeakMap(), _YargsInstance_validation = /* @__PURE__ */ new WeakMap(), kCopyDoubleDash)](argv) {
			if (!argv._ || !argv["--"]) return argv;
			argv._.push.apply(argv._, argv["--"]);
			try {
				delete argv["--"];
			} catch (_err) {}
			return argv;
		}
		[kCreateLogger]() {
			return {
				log: (...args) => {
					if (!this[kHasParseCallback]()) console.log(...args);
					__classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
					if (__classPrivateFieldGet(this, _YargsInstance_output, "f").length) __classPrivateFieldSet(this, _YargsInstance_output, __classPrivateFieldGet(this, _YargsInstance_output, "f") + "\n", "f");
					__classPrivateFieldSet(this, _YargsInstance_output, __classPrivateFieldGet(this, _YargsInstance_output, "f") + args.join(" "), "f");
				},
				error: (...args) => {
					if (!this[kHasParseCallback]()) console.error(...args);
					__classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
					if (__classPrivateFieldGet(this, _YargsInstance_output, "f").length) __classPrivateFieldSet(this, _YargsInstance_output, __classPrivateFieldGet(this, _YargsInstance_output, "f") + "\n", "f");
					__classPrivateFieldSet(this, _YargsInstance_output, __classPrivateFieldGet(this, _YargsInstance_output, "f") + args.join(" "), "f");
				}
			};
		}
		[kDeleteFromParserHintObject](optionKey) {
			objectKeys(__classPrivateFieldGet(this, _YargsInstance_options, "f")).forEach((hintKey) => {
				if (((key) => key === "configObjects")(hintKey)) return;
				const hint = __classPrivateFieldGet(this, _YargsInstance_options, "f")[hintKey];
				if (Array.isArray(hint)) {
					if (hint.includes(optionKey)) hint.splice(hint.indexOf(optionKey), 1);
				} else if (typeof hint === "object") delete hint[optionKey];
			});
			delete __classPrivateFieldGet(this, _YargsInstance_usage, "f").getDescriptions()[optionKey];
		}
		[kEmitWarning](warning, type, deduplicationId) {
			if (!__classPrivateFieldGet(this, _YargsInstance_emittedWarnings, "f")[deduplicationId]) {
				__classPrivateFieldGet(this, _YargsInstance_shim, "f").process.emitWarning(warning, type);
				__classPrivateFieldGet(this, _YargsInstance_emittedWarnings, "f")[deduplicationId] = true;
			}
		}
		[kFreeze]() {
			__classPrivateFieldGet(this, _YargsInstance_frozens, "f").push({
				options: __classPrivateFieldGet(this, _YargsInstance_options, "f"),
				configObjects: __classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects.slice(0),
				exitProcess: __classPrivateFieldGet(this, _YargsInstance_exitProcess, "f"),
				groups: __classPrivateFieldGet(this, _YargsInstance_groups, "f"),
				strict: __classPrivateFieldGet(this, _YargsInstance_strict, "f"),
				strictCommands: __classPrivateFieldGet(this, _YargsInstance_strictCommands, "f"),
				strictOptions: __classPrivateFieldGet(this, _YargsInstance_strictOptions, "f"),
				completionCommand: __classPrivateFieldGet(this, _YargsInstance_completionCommand, "f"),
				output: __classPrivateFieldGet(this, _YargsInstance_output, "f"),
				exitError: __classPrivateFieldGet(this, _YargsInstance_exitError, "f"),
				hasOutput: __classPrivateFieldGet(this, _YargsInstance_hasOutput, "f"),
				parsed: this.parsed,
				parseFn: __classPrivateFieldGet(this, _YargsInstance_parseFn, "f"),
				parseContext: __classPrivateFieldGet(this, _YargsInstance_parseContext, "f")
			});
			__classPrivateFieldGet(this, _YargsInstance_usage, "f").freeze();
			__classPrivateFieldGet(this, _YargsInstance_validation, "f").freeze();
			__classPrivateFieldGet(this, _YargsInstance_command, "f").freeze();
			__classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").freeze();
		}
		[kGetDollarZero]() {
			let $0 = "";
			let default$0;
			if (/\b(node|iojs|electron)(\.exe)?$/.test(__classPrivateFieldGet(this, _YargsInstance_shim, "f").process.argv()[0])) default$0 = __classPrivateFieldGet(this, _YargsInstance_shim, "f").process.argv().slice(1, 2);
			else default$0 = __classPrivateFieldGet(this, _YargsInstance_shim, "f").process.argv().slice(0, 1);
			$0 = default$0.map((x) => {
				const b = this[kRebase](__classPrivateFieldGet(this, _YargsInstance_cwd, "f"), x);
				return x.match(/^(\/|([a-zA-Z]:)?\\)/) && b.length < x.length ? b : x;
			}).join(" ").trim();
			if (__classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("_") && __classPrivateFieldGet(this, _YargsInstance_shim, "f").getProcessArgvBin() === __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("_")) $0 = __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("_").replace(`${__classPrivateFieldGet(this, _YargsInstance_shim, "f").path.dirname(__classPrivateFieldGet(this, _YargsInstance_shim, "f").process.execPath())}/`, "");
			return $0;
		}
		[kGetParserConfiguration]() {
			return __classPrivateFieldGet(this, _YargsInstance_parserConfig, "f");
		}
		[kGetUsageConfiguration]() {
			return __classPrivateFieldGet(this, _YargsInstance_usageConfig, "f");
		}
		[kGuessLocale]() {
			if (!__classPrivateFieldGet(this, _YargsInstance_detectLocale, "f")) return;
			const locale = __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("LC_ALL") || __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("LC_MESSAGES") || __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("LANG") || __classPrivateFieldGet(this, _YargsInstance_shim, "f").getEnv("LANGUAGE") || "en_US";
			this.locale(locale.replace(/[.:].*/, ""));
		}
		[kGuessVersion]() {
			return this[kPkgUp]().version || "unknown";
		}
		[kParsePositionalNumbers](argv) {
			const args = argv["--"] ? argv["--"] : argv._;
			for (let i = 0, arg; (arg = args[i]) !== void 0; i++) if (__classPrivateFieldGet(this, _YargsInstance_shim, "f").Parser.looksLikeNumber(arg) && Number.isSafeInteger(Math.floor(parseFloat(`${arg}`)))) args[i] = Number(arg);
			return argv;
		}
		[kPkgUp](rootPath) {
			const npath = rootPath || "*";
			if (__classPrivateFieldGet(this, _YargsInstance_pkgs, "f")[npath]) return __classPrivateFieldGet(this, _YargsInstance_pkgs, "f")[npath];
			let obj = {};
			try {
				let startDir = rootPath || __classPrivateFieldGet(this, _YargsInstance_shim, "f").mainFilename;
				if (!rootPath && __classPrivateFieldGet(this, _YargsInstance_shim, "f").path.extname(startDir)) startDir = __classPrivateFieldGet(this, _YargsInstance_shim, "f").path.dirname(startDir);
				const pkgJsonPath = __classPrivateFieldGet(this, _YargsInstance_shim, "f").findUp(startDir, (dir, names) => {
					if (names.includes("package.json")) return "package.json";
					else return;
				});
				assertNotStrictEqual(pkgJsonPath, void 0, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
				obj = JSON.parse(__classPrivateFieldGet(this, _YargsInstance_shim, "f").readFileSync(pkgJsonPath, "utf8"));
			} catch (_noop) {}
			__classPrivateFieldGet(this, _YargsInstance_pkgs, "f")[npath] = obj || {};
			return __classPrivateFieldGet(this, _YargsInstance_pkgs, "f")[npath];
		}
		[kPopulateParserHintArray](type, keys) {
			keys = [].concat(keys);
			keys.forEach((key) => {
				key = this[kSanitizeKey](key);
				__classPrivateFieldGet(this, _YargsInstance_options, "f")[type].push(key);
			});
		}
		[kPopulateParserHintSingleValueDictionary](builder, type, key, value) {
			this[kPopulateParserHintDictionary](builder, type, key, value, (type, key, value) => {
				__classPrivateFieldGet(this, _YargsInstance_options, "f")[type][key] = value;
			});
		}
		[kPopulateParserHintArrayDictionary](builder, type, key, value) {
			this[kPopulateParserHintDictionary](builder, type, key, value, (type, key, value) => {
				__classPrivateFieldGet(this, _YargsInstance_options, "f")[type][key] = (__classPrivateFieldGet(this, _YargsInstance_options, "f")[type][key] || []).concat(value);
			});
		}
		[kPopulateParserHintDictionary](builder, type, key, value, singleKeyHandler) {
			if (Array.isArray(key)) key.forEach((k) => {
				builder(k, value);
			});
			else if (((key) => typeof key === "object")(key)) for (const k of objectKeys(key)) builder(k, key[k]);
			else singleKeyHandler(type, this[kSanitizeKey](key), value);
		}
		[kSanitizeKey](key) {
			if (key === "__proto__") return "___proto___";
			return key;
		}
		[kSetKey](key, set) {
			this[kPopulateParserHintSingleValueDictionary](this[kSetKey].bind(this), "key", key, set);
			return this;
		}
		[kUnfreeze]() {
			var _a, _b, _c, _d, _e, _f, _g, _h, _j, _k, _l, _m;
			const frozen = __classPrivateFieldGet(this, _YargsInstance_frozens, "f").pop();
			assertNotStrictEqual(frozen, void 0, __classPrivateFieldGet(this, _YargsInstance_shim, "f"));
			let configObjects;
			_a = this, _b = this, _c = this, _d = this, _e = this, _f = this, _g = this, _h = this, _j = this, _k = this, _l = this, _m = this, {options: { set value(_o) {
				__classPrivateFieldSet(_a, _YargsInstance_options, _o, "f");
			} }.value, configObjects, exitProcess: { set value(_o) {
				__classPrivateFieldSet(_b, _YargsInstance_exitProcess, _o, "f");
			} }.value, groups: { set value(_o) {
				__classPrivateFieldSet(_c, _YargsInstance_groups, _o, "f");
			} }.value, output: { set value(_o) {
				__classPrivateFieldSet(_d, _YargsInstance_output, _o, "f");
			} }.value, exitError: { set value(_o) {
				__classPrivateFieldSet(_e, _YargsInstance_exitError, _o, "f");
			} }.value, hasOutput: { set value(_o) {
				__classPrivateFieldSet(_f, _YargsInstance_hasOutput, _o, "f");
			} }.value, parsed: this.parsed, strict: { set value(_o) {
				__classPrivateFieldSet(_g, _YargsInstance_strict, _o, "f");
			} }.value, strictCommands: { set value(_o) {
				__classPrivateFieldSet(_h, _YargsInstance_strictCommands, _o, "f");
			} }.value, strictOptions: { set value(_o) {
				__classPrivateFieldSet(_j, _YargsInstance_strictOptions, _o, "f");
			} }.value, completionCommand: { set value(_o) {
				__classPrivateFieldSet(_k, _YargsInstance_completionCommand, _o, "f");
			} }.value, parseFn: { set value(_o) {
				__classPrivateFieldSet(_l, _YargsInstance_parseFn, _o, "f");
			} }.value, parseContext: { set value(_o) {
				__classPrivateFieldSet(_m, _YargsInstance_parseContext, _o, "f");
			} }.value} = frozen;
			__classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects = configObjects;
			__classPrivateFieldGet(this, _YargsInstance_usage, "f").unfreeze();
			__classPrivateFieldGet(this, _YargsInstance_validation, "f").unfreeze();
			__classPrivateFieldGet(this, _YargsInstance_command, "f").unfreeze();
			__classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").unfreeze();
		}
		[kValidateAsync](validation, argv) {
			return maybeAsyncResult(argv, (result) => {
				validation(result);
				return result;
			});
		}
		getInternalMethods() {
			return {
				getCommandInstance: this[kGetCommandInstance].bind(this),
				getContext: this[kGetContext].bind(this),
				getHasOutput: this[kGetHasOutput].bind(this),
				getLoggerInstance: this[kGetLoggerInstance].bind(this),
				getParseContext: this[kGetParseContext].bind(this),
				getParserConfiguration: this[kGetParserConfiguration].bind(this),
				getUsageConfiguration: this[kGetUsageConfiguration].bind(this),
				getUsageInstance: this[kGetUsageInstance].bind(this),
				getValidationInstance: this[kGetValidationInstance].bind(this),
				hasParseCallback: this[kHasParseCallback].bind(this),
				isGlobalContext: this[kIsGlobalContext].bind(this),
				postProcess: this[kPostProcess].bind(this),
				reset: this[kReset].bind(this),
				runValidation: this[kRunValidation].bind(this),
				runYargsParserAndExecuteCommands: this[kRunYargsParserAndExecuteCommands].bind(this),
				setHasOutput: this[kSetHasOutput].bind(this)
			};
		}
		[kGetCommandInstance]() {
			return __classPrivateFieldGet(this, _YargsInstance_command, "f");
		}
		[kGetContext]() {
			return __classPrivateFieldGet(this, _YargsInstance_context, "f");
		}
		[kGetHasOutput]() {
			return __classPrivateFieldGet(this, _YargsInstance_hasOutput, "f");
		}
		[kGetLoggerInstance]() {
			return __classPrivateFieldGet(this, _YargsInstance_logger, "f");
		}
		[kGetParseContext]() {
			return __classPrivateFieldGet(this, _YargsInstance_parseContext, "f") || {};
		}
		[kGetUsageInstance]() {
			return __classPrivateFieldGet(this, _YargsInstance_usage, "f");
		}
		[kGetValidationInstance]() {
			return __classPrivateFieldGet(this, _YargsInstance_validation, "f");
		}
		[kHasParseCallback]() {
			return !!__classPrivateFieldGet(this, _YargsInstance_parseFn, "f");
		}
		[kIsGlobalContext]() {
			return __classPrivateFieldGet(this, _YargsInstance_isGlobalContext, "f");
		}
		[kPostProcess](argv, populateDoubleDash, calledFromCommand, runGlobalMiddleware) {
			if (calledFromCommand) return argv;
			if (isPromise(argv)) return argv;
			if (!populateDoubleDash) argv = this[kCopyDoubleDash](argv);
			if (this[kGetParserConfiguration]()["parse-positional-numbers"] || this[kGetParserConfiguration]()["parse-positional-numbers"] === void 0) argv = this[kParsePositionalNumbers](argv);
			if (runGlobalMiddleware) argv = applyMiddleware(argv, this, __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").getMiddleware(), false);
			return argv;
		}
		[kReset](aliases = {}) {
			__classPrivateFieldSet(this, _YargsInstance_options, __classPrivateFieldGet(this, _YargsInstance_options, "f") || {}, "f");
			const tmpOptions = {};
			tmpOptions.local = __classPrivateFieldGet(this, _YargsInstance_options, "f").local || [];
			tmpOptions.configObjects = __classPrivateFieldGet(this, _YargsInstance_options, "f").configObjects || [];
			const localLookup = {};
			tmpOptions.local.forEach((l) => {
				localLookup[l] = true;
				(aliases[l] || []).forEach((a) => {
					localLookup[a] = true;
				});
			});
			Object.assign(__classPrivateFieldGet(this, _YargsInstance_preservedGroups, "f"), Object.keys(__classPrivateFieldGet(this, _YargsInstance_groups, "f")).reduce((acc, groupName) => {
				const keys = __classPrivateFieldGet(this, _YargsInstance_groups, "f")[groupName].filter((key) => !(key in localLookup));
				if (keys.length > 0) acc[groupName] = keys;
				return acc;
			}, {}));
			__classPrivateFieldSet(this, _YargsInstance_groups, {}, "f");
			const arrayOptions = [
				"array",
				"boolean",
				"string",
				"skipValidation",
				"count",
				"normalize",
				"number",
				"hiddenOptions"
			];
			const objectOptions = [
				"narg",
				"key",
				"alias",
				"default",
				"defaultDescription",
				"config",
				"choices",
				"demandedOptions",
				"demandedCommands",
				"deprecatedOptions"
			];
			arrayOptions.forEach((k) => {
				tmpOptions[k] = (__classPrivateFieldGet(this, _YargsInstance_options, "f")[k] || []).filter((k) => !localLookup[k]);
			});
			objectOptions.forEach((k) => {
				tmpOptions[k] = objFilter(__classPrivateFieldGet(this, _YargsInstance_options, "f")[k], (k) => !localLookup[k]);
			});
			tmpOptions.envPrefix = __classPrivateFieldGet(this, _YargsInstance_options, "f").envPrefix;
			__classPrivateFieldSet(this, _YargsInstance_options, tmpOptions, "f");
			__classPrivateFieldSet(this, _YargsInstance_usage, __classPrivateFieldGet(this, _YargsInstance_usage, "f") ? __classPrivateFieldGet(this, _YargsInstance_usage, "f").reset(localLookup) : usage(this, __classPrivateFieldGet(this, _YargsInstance_shim, "f")), "f");
			__classPrivateFieldSet(this, _YargsInstance_validation, __classPrivateFieldGet(this, _YargsInstance_validation, "f") ? __classPrivateFieldGet(this, _YargsInstance_validation, "f").reset(localLookup) : validation(this, __classPrivateFieldGet(this, _YargsInstance_usage, "f"), __classPrivateFieldGet(this, _YargsInstance_shim, "f")), "f");
			__classPrivateFieldSet(this, _YargsInstance_command, __classPrivateFieldGet(this, _YargsInstance_command, "f") ? __classPrivateFieldGet(this, _YargsInstance_command, "f").reset() : command(__classPrivateFieldGet(this, _YargsInstance_usage, "f"), __classPrivateFieldGet(this, _YargsInstance_validation, "f"), __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f"), __classPrivateFieldGet(this, _YargsInstance_shim, "f")), "f");
			if (!__classPrivateFieldGet(this, _YargsInstance_completion, "f")) __classPrivateFieldSet(this, _YargsInstance_completion, completion(this, __classPrivateFieldGet(this, _YargsInstance_usage, "f"), __classPrivateFieldGet(this, _YargsInstance_command, "f"), __classPrivateFieldGet(this, _YargsInstance_shim, "f")), "f");
			__classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").reset();
			__classPrivateFieldSet(this, _YargsInstance_completionCommand, null, "f");
			__classPrivateFieldSet(this, _YargsInstance_output, "", "f");
			__classPrivateFieldSet(this, _YargsInstance_exitError, null, "f");
			__classPrivateFieldSet(this, _YargsInstance_hasOutput, false, "f");
			this.parsed = false;
			return this;
		}
		[kRebase](base, dir) {
			return __classPrivateFieldGet(this, _YargsInstance_shim, "f").path.relative(base, dir);
		}
		[kRunYargsParserAndExecuteCommands](args, shortCircuit, calledFromCommand, commandIndex = 0, helpOnly = false) {
			let skipValidation = !!calledFromCommand || helpOnly;
			args = args || __classPrivateFieldGet(this, _YargsInstance_processArgs, "f");
			__classPrivateFieldGet(this, _YargsInstance_options, "f").__ = __classPrivateFieldGet(this, _YargsInstance_shim, "f").y18n.__;
			__classPrivateFieldGet(this, _YargsInstance_options, "f").configuration = this[kGetParserConfiguration]();
			const populateDoubleDash = !!__classPrivateFieldGet(this, _YargsInstance_options, "f").configuration["populate--"];
			const config = Object.assign({}, __classPrivateFieldGet(this, _YargsInstance_options, "f").configuration, { "populate--": true });
			const parsed = __classPrivateFieldGet(this, _YargsInstance_shim, "f").Parser.detailed(args, Object.assign({}, __classPrivateFieldGet(this, _YargsInstance_options, "f"), { configuration: {
				"parse-positional-numbers": false,
				...config
			} }));
			const argv = Object.assign(parsed.argv, __classPrivateFieldGet(this, _YargsInstance_parseContext, "f"));
			let argvPromise = void 0;
			const aliases = parsed.aliases;
			let helpOptSet = false;
			let versionOptSet = false;
			Object.keys(argv).forEach((key) => {
				if (key === __classPrivateFieldGet(this, _YargsInstance_helpOpt, "f") && argv[key]) helpOptSet = true;
				else if (key === __classPrivateFieldGet(this, _YargsInstance_versionOpt, "f") && argv[key]) versionOptSet = true;
			});
			argv.$0 = this.$0;
			this.parsed = parsed;
			if (commandIndex === 0) __classPrivateFieldGet(this, _YargsInstance_usage, "f").clearCachedHelpMessage();
			try {
				this[kGuessLocale]();
				if (shortCircuit) return this[kPostProcess](argv, populateDoubleDash, !!calledFromCommand, false);
				if (__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f")) {
					if ([__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f")].concat(aliases[__classPrivateFieldGet(this, _YargsInstance_helpOpt, "f")] || []).filter((k) => k.length > 1).includes("" + argv._[argv._.length - 1])) {
						argv._.pop();
						helpOptSet = true;
					}
				}
				__classPrivateFieldSet(this, _YargsInstance_isGlobalContext, false, "f");
				const handlerKeys = __classPrivateFieldGet(this, _YargsInstance_command, "f").getCommands();
				const requestCompletions = __classPrivateFieldGet(this, _YargsInstance_completion, "f").completionKey in argv;
				const skipRecommendation = helpOptSet || requestCompletions || helpOnly;
				if (argv._.length) {
					if (handlerKeys.length) {
						let firstUnknownCommand;
						for (let i = commandIndex || 0, cmd; argv._[i] !== void 0; i++) {
							cmd = String(argv._[i]);
							if (handlerKeys.includes(cmd) && cmd !== __classPrivateFieldGet(this, _YargsInstance_completionCommand, "f")) {
								const innerArgv = __classPrivateFieldGet(this, _YargsInstance_command, "f").runCommand(cmd, this, parsed, i + 1, helpOnly, helpOptSet || versionOptSet || helpOnly);
								return this[kPostProcess](innerArgv, populateDoubleDash, !!calledFromCommand, false);
							} else if (!firstUnknownCommand && cmd !== __classPrivateFieldGet(this, _YargsInstance_completionCommand, "f")) {
								firstUnknownCommand = cmd;
								break;
							}
						}
						if (!__classPrivateFieldGet(this, _YargsInstance_command, "f").hasDefaultCommand() && __classPrivateFieldGet(this, _YargsInstance_recommendCommands, "f") && firstUnknownCommand && !skipRecommendation) __classPrivateFieldGet(this, _YargsInstance_validation, "f").recommendCommands(firstUnknownCommand, handlerKeys);
					}
					if (__classPrivateFieldGet(this, _YargsInstance_completionCommand, "f") && argv._.includes(__classPrivateFieldGet(this, _YargsInstance_completionCommand, "f")) && !requestCompletions) {
						if (__classPrivateFieldGet(this, _YargsInstance_exitProcess, "f")) setBlocking(true);
						this.showCompletionScript();
						this.exit(0);
					}
				}
				if (__classPrivateFieldGet(this, _YargsInstance_command, "f").hasDefaultCommand() && !skipRecommendation) {
					const innerArgv = __classPrivateFieldGet(this, _YargsInstance_command, "f").runCommand(null, this, parsed, 0, helpOnly, helpOptSet || versionOptSet || helpOnly);
					return this[kPostProcess](innerArgv, populateDoubleDash, !!calledFromCommand, false);
				}
				if (requestCompletions) {
					if (__classPrivateFieldGet(this, _YargsInstance_exitProcess, "f")) setBlocking(true);
					args = [].concat(args);
					const completionArgs = args.slice(args.indexOf(`--${__classPrivateFieldGet(this, _YargsInstance_completion, "f").completionKey}`) + 1);
					__classPrivateFieldGet(this, _YargsInstance_completion, "f").getCompletion(completionArgs, (err, completions) => {
						if (err) throw new YError(err.message);
						(completions || []).forEach((completion) => {
							__classPrivateFieldGet(this, _YargsInstance_logger, "f").log(completion);
						});
						this.exit(0);
					});
					return this[kPostProcess](argv, !populateDoubleDash, !!calledFromCommand, false);
				}
				if (!__classPrivateFieldGet(this, _YargsInstance_hasOutput, "f")) {
					if (helpOptSet) {
						if (__classPrivateFieldGet(this, _YargsInstance_exitProcess, "f")) setBlocking(true);
						skipValidation = true;
						this.showHelp("log");
						this.exit(0);
					} else if (versionOptSet) {
						if (__classPrivateFieldGet(this, _YargsInstance_exitProcess, "f")) setBlocking(true);
						skipValidation = true;
						__classPrivateFieldGet(this, _YargsInstance_usage, "f").showVersion("log");
						this.exit(0);
					}
				}
				if (!skipValidation && __classPrivateFieldGet(this, _YargsInstance_options, "f").skipValidation.length > 0) skipValidation = Object.keys(argv).some((key) => __classPrivateFieldGet(this, _YargsInstance_options, "f").skipValidation.indexOf(key) >= 0 && argv[key] === true);
				if (!skipValidation) {
					if (parsed.error) throw new YError(parsed.error.message);
					if (!requestCompletions) {
						const validation = this[kRunValidation](aliases, {}, parsed.error);
						if (!calledFromCommand) argvPromise = applyMiddleware(argv, this, __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").getMiddleware(), true);
						argvPromise = this[kValidateAsync](validation, argvPromise !== null && argvPromise !== void 0 ? argvPromise : argv);
						if (isPromise(argvPromise) && !calledFromCommand) argvPromise = argvPromise.then(() => {
							return applyMiddleware(argv, this, __classPrivateFieldGet(this, _YargsInstance_globalMiddleware, "f").getMiddleware(), false);
						});
					}
				}
			} catch (err) {
				if (err instanceof YError) __classPrivateFieldGet(this, _YargsInstance_usage, "f").fail(err.message, err);
				else throw err;
			}
			return this[kPostProcess](argvPromise !== null && argvPromise !== void 0 ? argvPromise : argv, populateDoubleDash, !!calledFromCommand, true);
		}
		[kRunValidation](aliases, positionalMap, parseErrors, isDefaultCommand) {
			const demandedOptions = { ...this.getDemandedOptions() };
			return (argv) => {
				if (parseErrors) throw new YError(parseErrors.message);
				__classPrivateFieldGet(this, _YargsInstance_validation, "f").nonOptionCount(argv);
				__classPrivateFieldGet(this, _YargsInstance_validation, "f").requiredArguments(argv, demandedOptions);
				let failedStrictCommands = false;
				if (__classPrivateFieldGet(this, _YargsInstance_strictCommands, "f")) failedStrictCommands = __classPrivateFieldGet(this, _YargsInstance_validation, "f").unknownCommands(argv);
				if (__classPrivateFieldGet(this, _YargsInstance_strict, "f") && !failedStrictCommands) __classPrivateFieldGet(this, _YargsInstance_validation, "f").unknownArguments(argv, aliases, positionalMap, !!isDefaultCommand);
				else if (__classPrivateFieldGet(this, _YargsInstance_strictOptions, "f")) __classPrivateFieldGet(this, _YargsInstance_validation, "f").unknownArguments(argv, aliases, {}, false, false);
				__classPrivateFieldGet(this, _YargsInstance_validation, "f").limitedChoices(argv);
				__classPrivateFieldGet(this, _YargsInstance_validation, "f").implications(argv);
				__classPrivateFieldGet(this, _YargsInstance_validation, "f").conflicting(argv);
			};
		}
		[kSetHasOutput]() {
			__classPrivateFieldSet(this, _YargsInstance_hasOutput, true, "f");
		}
		[kTrackManuallySetKeys](keys) {
			if (typeof keys === "string") __classPrivateFieldGet(this, _YargsInstance_options, "f").key[keys] = true;
			else for (const k of keys) __classPrivateFieldGet(this, _YargsInstance_options, "f").key[k] = true;
		}
	};
}));
// node_modules/yargs/index.mjs
var yargs_exports = /* @__PURE__ */ __exportAll({ default: () => Yargs });
var Yargs;
var init_yargs = __esmMin((() => {
	init_esm();
	init_yargs_factory();
	Yargs = YargsFactory(esm_default);
}));
// src/locate.ts
function locate(cwd) {
	const r = gitSync(cwd, [
		"rev-parse",
		"--is-bare-repository",
		"--is-inside-git-dir",
		"--absolute-git-dir",
		"--show-toplevel"
	]);
	const [bare, insideGitDir, gitDir, top] = r.stdout.toString("utf8").split("\n");
	if (r.status === 0 && top) return {
		kind: "worktree",
		root: top
	};
	if (gitDir && (bare === "true" || insideGitDir === "true")) return {
		kind: "gitdir",
		gitDir,
		bare: bare === "true"
	};
	if (/not a git repository/i.test(r.stderr)) return { kind: "none" };
	const fatal = /^fatal: (.*)$/m.exec(r.stderr)?.[1] ?? (r.stderr.trim() || `git rev-parse exited ${r.status}`);
	const hint = /safe\.directory/.test(r.stderr) ? " (if you trust it: git config --global --add safe.directory <path>)" : "";
	throw new GitError(`git cannot read the repository here: ${fatal}${hint}`, "failed");
}
var init_locate = __esmMin((() => {
	init_git();
}));
// src/commands/files.ts
var filesCommand;
var init_files = __esmMin((() => {
	init_cli();
	init_locate();
	init_config();
	init_scan();
	init_files$1();
	filesCommand = {
		command: "files [paths..]",
		describe: "scan files and directories (default: the tracked files of this repository)",
		builder: (y) => common(y).positional("paths", {
			type: "string",
			array: true,
			describe: "files or directories"
		}).option("untracked", {
			type: "boolean",
			default: false,
			describe: "also scan untracked files that .gitignore does not exclude"
		}),
		async run(args, io) {
			const paths = args.paths ?? [];
			if (paths.length === 0 && locate(io.cwd).kind === "gitdir") throw new UsageError("there is no working tree here (a bare repository, or inside .git): `leaklint files` has no files to scan; `leaklint audit` or `leaklint history` read the history");
			const config = configFor(args, io);
			const compiled = compileConfig(config);
			return runScan(fileItems(args.paths ?? [], {
				cwd: io.cwd,
				untracked: Boolean(args.untracked),
				maxFileSize: args["max-file-size"] ?? config.maxFileSize ?? 5242880,
				isIgnored: compiled.isIgnored
			}), "files", args, io, config, { fullScan: paths.length === 0 });
		}
	};
}));
// src/sources/stdin.ts
async function readAll(stream) {
	const parts = [];
	for await (const part of stream) parts.push(typeof part === "string" ? Buffer.from(part) : part);
	return Buffer.concat(parts);
}
async function* stdinItems(stream, name) {
	const data = await readAll(stream);
	yield {
		type: "file",
		path: name ?? "<stdin>",
		origin: { kind: "stdin" },
		data,
		pathRules: name !== void 0
	};
}
var init_stdin$1 = __esmMin((() => {}));
// src/commands/stdin.ts
var stdinCommand;
var init_stdin = __esmMin((() => {
	init_cli();
	init_stdin$1();
	stdinCommand = {
		command: ["stdin", "-"],
		describe: "scan text piped on standard input",
		builder: (y) => common(y).option("path", {
			type: "string",
			describe: "a file name for the input, so path-aware rules apply"
		}),
		run: (args, io) => runScan(stdinItems(io.stdin, args.path), "files", args, io, configFor(args, io))
	};
}));
// src/commands/rules.ts
function renderRules(rules, format) {
	if (format === "json") return JSON.stringify(rules.map((r) => ({
		id: r.id,
		kind: r.kind,
		provider: r.provider,
		severity: r.severity,
		title: r.title
	})), null, 2) + "\n";
	if (format === "markdown") return [
		"| rule | provider | kind | severity | what it catches |",
		"|---|---|---|---|---|",
		...rules.map((r) => `| \`${r.id}\` | ${r.provider} | ${r.kind} | ${r.severity} | ${r.title} |`)
	].join("\n") + "\n";
	const width = Math.max(...rules.map((r) => r.id.length));
	return rules.map((r) => `${r.id.padEnd(width)}  ${r.provider.padEnd(16)} ${r.kind.padEnd(7)} ${r.severity.padEnd(7)} ${r.title}`).join("\n") + "\n";
}
var rulesCommand;
var init_rules = __esmMin((() => {
	init_cli();
	rulesCommand = {
		command: "rules",
		describe: "list every rule with its provider and severity",
		builder: (y) => y.option("format", {
			alias: "f",
			type: "string",
			default: "human",
			choices: [
				"human",
				"json",
				"markdown"
			]
		}).option("config", {
			alias: "c",
			type: "string",
			describe: "configuration file (default: leaklint.config.json at the repository root)"
		}),
		async run(args, io) {
			const config = configFor(args, io);
			const rules = (await rulesFor(config)).map((r) => config.severity[r.id] ? {
				...r,
				severity: config.severity[r.id]
			} : r);
			io.stdout.write(renderRules(rules, String(args.format)));
			return 0;
		}
	};
}));
// src/repo/gitignore.ts
function probeFor(pattern) {
	return pattern.replace(/^\/+/, "").replace(/^\*/, "probe").replace(/\.\*$/, ".local").replace(/\*$/, "").replace(/\*/g, "x");
}
function ignoreRulesFailed(r, what) {
	const why = r.stderr.trim().split("\n").pop() || `exit status ${r.status}`;
	return new GitError(`the .gitignore policy could not be checked: git ${what} failed: ${why}`, "failed");
}
function ignored(root, paths) {
	const r = gitSync(root, [
		"check-ignore",
		"--no-index",
		"-z",
		"--stdin"
	], paths.join("\0") + "\0");
	if (r.status > 1) throw ignoreRulesFailed(r, "check-ignore");
	return new Set(r.stdout.toString("utf8").split("\0").filter(Boolean));
}
function missingPatterns(root, required = DEFAULT_REQUIRED) {
	const probes = required.map(probeFor);
	const hit = ignored(root, probes);
	return required.filter((_, i) => !hit.has(probes[i]));
}
function ignoredTemplates(root) {
	const hit = ignored(root, KEEP);
	return KEEP.filter((k) => hit.has(k));
}
function trackedButIgnored(root) {
	const r = gitSync(root, [
		"ls-files",
		"-ci",
		"--exclude-standard",
		"-z"
	]);
	if (r.status !== 0) throw ignoreRulesFailed(r, "ls-files");
	return r.stdout.toString("utf8").split("\0").filter(Boolean);
}
function gitignoreFindings(root, required) {
	const out = [];
	const missing = missingPatterns(root, required);
	if (missing.length) out.push(repoFinding(gitignoreMissing, ".gitignore", `.gitignore does not exclude: ${missing.join(", ")}`));
	for (const t of ignoredTemplates(root)) out.push(repoFinding(gitignoreMissing, ".gitignore", `${t} is ignored: templates with placeholder values should stay committable (add !${t})`, { severity: "info" }));
	for (const file of trackedButIgnored(root)) out.push(repoFinding(trackedIgnored, file, `${file} is tracked although .gitignore excludes it`));
	return out;
}
function gitignoreAddition(root, required, by = "leaklint gitignore --fix") {
	const missing = missingPatterns(root, required);
	const lines = [...missing];
	if (missing.includes(".env.*")) for (const keep of KEEP) lines.push(`!${keep}`);
	if (lines.length === 0) return {
		lines,
		text: "",
		content: ""
	};
	const current = readFileWithin(root, (0, node_path.join)(root, ".gitignore")) ?? "";
	const text = `${current === "" || current.endsWith("\n") ? "" : "\n"}${current ? "\n" : ""}# Credential files (added by ${by})\n${lines.join("\n")}\n`;
	return {
		lines,
		text,
		content: current + text
	};
}
function fixGitignore(root, required) {
	const { lines, content } = gitignoreAddition(root, required);
	if (lines.length) writeFileWithin(root, (0, node_path.join)(root, ".gitignore"), content);
	return lines;
}
var DEFAULT_REQUIRED, KEEP;
var init_gitignore$1 = __esmMin((() => {
	init_git();
	init_rules$1();
	init_safe_write();
	DEFAULT_REQUIRED = [
		".env",
		".env.*",
		".env.sentry-build-plugin",
		".modal.toml",
		".sentryclirc",
		".netrc",
		".git-credentials",
		"*.pem",
		"id_rsa*",
		"_local_secrets.py",
		".hf_secrets",
		"*.secret"
	];
	KEEP = [".env.example"];
}));
// src/init.ts
function runsLeaklint(text) {
	return /leaklint(\.js)?'?\s+staged\b/.test(text);
}
function readPackage(root) {
	const file = (0, node_path.join)(root, "package.json");
	if (!(0, node_fs.existsSync)(file)) return { indent: "  " };
	const text = (0, node_fs.readFileSync)(file, "utf8");
	const indent = /^\{\s*\n([ \t]+)/.exec(text)?.[1] ?? "  ";
	try {
		return {
			pkg: JSON.parse(text),
			indent
		};
	} catch {
		return { indent };
	}
}
function dependsOn(pkg, name) {
	return Boolean(pkg && (pkg.dependencies?.[name] || pkg.devDependencies?.[name]));
}
function hookCommand(pkg) {
	if (dependsOn(pkg, "leaklint")) return "npx --no-install leaklint";
	return `node ${shellQuote(leaklintBin())}`;
}
function isWithin(dir, path) {
	const rel = (0, node_path.relative)(dir, path);
	return rel === "" || !rel.startsWith("..") && !(0, node_path.isAbsolute)(rel);
}
function realish(path) {
	try {
		return (0, node_fs.realpathSync)(path);
	} catch {
		const parent = (0, node_path.dirname)(path);
		return parent === path ? path : (0, node_path.join)(realish(parent), (0, node_path.basename)(path));
	}
}
function hooksDir(root) {
	const gitDir = git(root, ["rev-parse", "--git-common-dir"]).trim();
	const commonDir = (0, node_path.isAbsolute)(gitDir) ? gitDir : (0, node_path.join)(root, gitDir);
	const { path, scope } = gitHooksPath(root);
	const dir = (0, node_path.isAbsolute)(path) ? path : (0, node_path.join)(root, path);
	const real = realish(dir);
	const what = scope ? "core.hooksPath points" : "hooks directory resolves";
	if (scope === "global" || scope === "system") return {
		dir: real,
		bound: real,
		outside: false,
		what
	};
	for (const bound of [realish(root), realish(commonDir)]) if (isWithin(bound, real)) return {
		dir: real,
		bound,
		outside: false,
		what
	};
	return {
		dir,
		bound: real,
		outside: true,
		what
	};
}
function displayPath(root, path) {
	const rel = (0, node_path.relative)(root, path);
	return rel && !rel.startsWith("..") && !(0, node_path.isAbsolute)(rel) ? rel : path;
}
function isFailingHuskyPlaceholder(text, pkg) {
	if (!/^(npm|pnpm|yarn|bun) test$/.test(text.trim())) return false;
	const scripts = pkg?.scripts ?? {};
	return scripts.test === void 0 || scripts.test === NPM_INIT_TEST;
}
function planHuskyHook(root, pkg, line, plan) {
	const hook = (0, node_path.join)(root, ".husky", "pre-commit");
	if (!(0, node_fs.existsSync)(hook)) {
		plan.changes.push({
			path: ".husky/pre-commit",
			content: `${line}\n`,
			mode: 493,
			why: "husky runs it before every commit"
		});
		return;
	}
	const text = (0, node_fs.readFileSync)(hook, "utf8");
	if (isFailingHuskyPlaceholder(text, pkg)) {
		const placeholder = text.trim();
		plan.changes.push({
			path: ".husky/pre-commit",
			content: `${line}\n`,
			mode: 493,
			why: `husky runs it before every commit; it replaces husky init's placeholder \`${placeholder}\`, which fails every commit because package.json has no real test script`
		});
		return;
	}
	if (text.includes(line) || (line.includes("lint-staged") ? /\blint-staged\b/.test(text) : runsLeaklint(text))) {
		plan.unchanged.push(".husky/pre-commit already runs it");
		return;
	}
	const sep = text.endsWith("\n") || text === "" ? "" : "\n";
	plan.changes.push({
		path: ".husky/pre-commit",
		content: `${text}${sep}${line}\n`,
		mode: 493,
		why: "husky runs it before every commit"
	});
}
function exists(path) {
	try {
		(0, node_fs.lstatSync)(path);
		return true;
	} catch {
		return false;
	}
}
function planGitHook(root, command, plan) {
	const { dir, bound, outside, what } = hooksDir(root);
	const hook = (0, node_path.join)(dir, "pre-commit");
	const chained = (0, node_path.join)(dir, "pre-commit.before-leaklint");
	const shown = displayPath(root, hook);
	let renameFrom;
	const script = [
		"#!/bin/sh",
		HOOK_MARK,
		"# A hook that was here before runs first, as it did.",
		"chained=\"$(dirname \"$0\")/pre-commit.before-leaklint\"",
		"if [ -x \"$chained\" ]; then \"$chained\" \"$@\" || exit $?; fi",
		`exec ${command} staged`,
		""
	].join("\n");
	if (outside) {
		plan.notes.push(`This repository's ${what} outside it (${bound}); leaklint init does not write there. If you trust that directory, save this as ${hook} (executable), moving any pre-commit hook already there to ${chained}:\n${script}`);
		return;
	}
	if (exists(hook)) {
		const text = (0, node_fs.readFileSync)(hook, "utf8");
		if (text.includes(HOOK_MARK) || runsLeaklint(text)) {
			plan.unchanged.push(`${shown} already runs leaklint`);
			return;
		}
		if (exists(chained)) {
			plan.notes.push(`${shown} is not leaklint's, and ${displayPath(root, chained)} already holds an earlier hook: leaklint init changes neither. Add this line to ${shown} by hand:\n  ${command} staged`);
			return;
		}
		renameFrom = hook;
	}
	plan.changes.push({
		path: shown,
		content: script,
		mode: 493,
		bound,
		...renameFrom ? {
			renameFrom,
			renameTo: chained
		} : {},
		why: renameFrom ? `git runs it before every commit; the existing hook moves to ${displayPath(root, chained)} and still runs first` : "git runs it before every commit"
	});
}
function planLintStaged(root, pkg, indent, command, plan) {
	const entry = `${command} staged`;
	const otherFile = LINT_STAGED_FILES.find((f) => (0, node_fs.existsSync)((0, node_path.join)(root, f)));
	if (otherFile || !pkg) {
		const where = otherFile ?? "your lint-staged configuration";
		plan.notes.push(`Add to ${where}:\n  "*": "${entry}"`);
		return;
	}
	const config = { ...pkg["lint-staged"] ?? {} };
	if (Object.values(config).flat().some((v) => typeof v === "string" && runsLeaklint(v))) {
		plan.unchanged.push("package.json \"lint-staged\" already runs leaklint");
		return;
	}
	const current = config["*"];
	config["*"] = current === void 0 ? entry : [...Array.isArray(current) ? current : [current], entry];
	const updated = {
		...pkg,
		"lint-staged": config
	};
	plan.changes.push({
		path: "package.json",
		content: JSON.stringify(updated, null, indent) + "\n",
		why: "lint-staged hands the staged paths to `leaklint staged`"
	});
}
function planGitignore(root, plan, required) {
	const { lines, content } = gitignoreAddition(root, required, "leaklint init");
	if (lines.length === 0) {
		plan.unchanged.push(".gitignore already excludes the credential files");
		return;
	}
	plan.changes.push({
		path: ".gitignore",
		content,
		why: `ignore credential files: ${lines.join(" ")}`
	});
}
function planStarterConfig(root, pkg, plan) {
	if ((0, node_fs.existsSync)((0, node_path.join)(root, "leaklint.config.json")) || pkg && "leaklint" in pkg) {
		plan.unchanged.push("a leaklint configuration exists");
		return;
	}
	plan.changes.push({
		path: CONFIG_FILE,
		content: JSON.stringify({
			allowlist: {
				paths: [],
				values: [],
				regexes: []
			},
			disabledRules: []
		}, null, 2) + "\n",
		why: "a starter configuration: allowlists, disabled rules"
	});
}
function preCommitSnippet() {
	return [
		"Add to .pre-commit-config.yaml under `repos:` (the pre-commit framework owns the git hooks, so leaklint does not edit it):",
		`  - repo: ${leaklintRepositoryUrl() ?? "<leaklint's repository URL>"}`,
		`    rev: v${leaklintVersion()}`,
		"    hooks:",
		"      - id: leaklint        # before each commit: the staged changes",
		"      - id: leaklint-push   # before each push: the commits being pushed",
		"then run: pre-commit install --hook-type pre-commit --hook-type pre-push"
	].join("\n");
}
function planInit(root, required) {
	const { pkg, indent } = readPackage(root);
	const command = hookCommand(pkg);
	const husky = dependsOn(pkg, "husky") || (0, node_fs.existsSync)((0, node_path.join)(root, ".husky"));
	const lintStaged = dependsOn(pkg, "lint-staged") || Boolean(pkg?.["lint-staged"]) || LINT_STAGED_FILES.some((f) => (0, node_fs.existsSync)((0, node_path.join)(root, f)));
	const framework = (0, node_fs.existsSync)((0, node_path.join)(root, ".pre-commit-config.yaml"));
	const plan = {
		setup: "git hook",
		command,
		changes: [],
		unchanged: [],
		notes: []
	};
	if (framework) {
		plan.setup = "pre-commit framework";
		plan.command = "leaklint";
		const text = (0, node_fs.readFileSync)((0, node_path.join)(root, ".pre-commit-config.yaml"), "utf8");
		if (runsLeaklint(text) || /id:\s*leaklint\b/.test(text)) plan.unchanged.push(".pre-commit-config.yaml already runs leaklint");
		else plan.notes.push(preCommitSnippet());
	} else if (lintStaged) {
		plan.setup = "lint-staged";
		planLintStaged(root, pkg, indent, command, plan);
		if (husky) planHuskyHook(root, pkg, "npx --no-install lint-staged", plan);
		else plan.notes.push("lint-staged needs a hook runner: add husky (npx husky init) and put `npx --no-install lint-staged` in .husky/pre-commit.");
	} else if (husky) {
		plan.setup = "husky";
		planHuskyHook(root, pkg, `${command} staged`, plan);
	} else planGitHook(root, command, plan);
	planGitignore(root, plan, required);
	planStarterConfig(root, pkg, plan);
	return plan;
}
var LINT_STAGED_FILES, NPM_INIT_TEST, HOOK_MARK;
var init_init$1 = __esmMin((() => {
	init_git();
	init_config();
	init_gitignore$1();
	init_self();
	init_version();
	init_shell();
	LINT_STAGED_FILES = [
		".lintstagedrc",
		".lintstagedrc.json",
		".lintstagedrc.yaml",
		".lintstagedrc.yml",
		".lintstagedrc.mjs",
		".lintstagedrc.cjs",
		".lintstagedrc.js",
		"lint-staged.config.js",
		"lint-staged.config.mjs",
		"lint-staged.config.cjs",
		"lint-staged.config.ts"
	];
	NPM_INIT_TEST = "echo \"Error: no test specified\" && exit 1";
	HOOK_MARK = "# leaklint: scan what is about to be committed (installed by `leaklint init`).";
}));
// src/commands/init.ts
function apply(root, change) {
	const bound = change.bound ?? root;
	const target = (0, node_path.isAbsolute)(change.path) ? change.path : (0, node_path.join)(root, change.path);
	if (change.renameFrom && change.renameTo) moveAsideWithin(bound, change.renameFrom, change.renameTo);
	writeFileWithin(bound, target, change.content, {
		createDirs: true,
		...change.mode ? { mode: change.mode } : {}
	});
}
var initCommand;
var init_init = __esmMin((() => {
	init_cli();
	init_git();
	init_init$1();
	init_config();
	init_safe_write();
	initCommand = {
		command: "init",
		describe: "install the pre-commit scan (husky, lint-staged, the pre-commit framework or a plain git hook) and a starter config",
		builder: (y) => y.option("dry-run", {
			type: "boolean",
			default: false,
			describe: "show what would change, change nothing"
		}),
		async run(args, io) {
			const root = repoRoot(io.cwd);
			if (!root) throw new UsageError("init needs a git repository: run it inside one (git init first)");
			const plan = planInit(root, loadConfig(root).gitignore.required);
			const dry = Boolean(args["dry-run"]);
			const out = [`Detected: ${plan.setup}. The hook runs: ${plan.command} staged`];
			for (const c of plan.changes) {
				if (!dry) apply(root, c);
				const verb = dry ? "would write" : "wrote";
				const moved = c.renameTo ? ` (existing hook kept as ${c.renameTo})` : "";
				out.push(`  ${verb} ${c.path}: ${c.why}${moved}`);
			}
			for (const u of plan.unchanged) out.push(`  unchanged: ${u}`);
			for (const n of plan.notes) out.push("", n);
			if (plan.changes.length === 0 && plan.notes.length === 0) out.push("  Nothing to do: leaklint is already set up here.");
			io.stdout.write(out.join("\n") + "\n");
			return 0;
		}
	};
}));
// src/async-queue.ts
var AsyncQueue;
var init_async_queue = __esmMin((() => {
	AsyncQueue = class {
		items = [];
		done = false;
		wake;
		push(item) {
			this.items.push(item);
			this.notify();
		}
		end() {
			this.done = true;
			this.notify();
		}
		notify() {
			const w = this.wake;
			this.wake = void 0;
			w?.();
		}
		async *[Symbol.asyncIterator]() {
			for (;;) {
				if (this.items.length) {
					const taken = this.items;
					this.items = [];
					yield* taken;
					continue;
				}
				if (this.done) return;
				await new Promise((r) => this.wake = r);
			}
		}
	};
}));
// src/sources/blob-feed.ts
function localFeed(root, maxSize) {
	const oids = new AsyncQueue();
	return {
		add: (oid) => oids.push(oid),
		end: () => oids.end(),
		results: (async function* () {
			for await (const b of catFileBatch(root, oids, maxSize)) yield b.missing ? {
				oid: b.oid,
				missing: true
			} : b.data ? {
				oid: b.oid,
				size: b.size,
				data: b.data
			} : {
				oid: b.oid,
				size: b.size
			};
		})()
	};
}
async function* merged(sources) {
	const iterators = sources.map((s) => s[Symbol.asyncIterator]());
	const next = (i) => iterators[i].next().then((r) => ({
		i,
		r
	}));
	const pending = new Map(iterators.map((_, i) => [i, next(i)]));
	try {
		while (pending.size) {
			const { i, r } = await Promise.race(pending.values());
			if (r.done) pending.delete(i);
			else {
				pending.set(i, next(i));
				yield r.value;
			}
		}
	} finally {
		await Promise.all(iterators.map((it) => it.return?.()));
	}
}
function triageWorkerCount(env = process.env) {
	const asked = env.LEAKLINT_WORKERS;
	if (asked !== void 0 && /^\d+$/.test(asked.trim())) return Math.min(Number(asked), 16);
	return Math.max(1, Math.min(4, (0, node_os.availableParallelism)()));
}
async function* counted(results, answered) {
	for await (const blob of results) {
		answered("clean" in blob ? blob.clean : 1);
		yield blob;
	}
}
function workerFeed(root, maxSize, recipe) {
	const count = triageWorkerCount();
	if (count === 0) return void 0;
	const workers = [];
	for (let i = 0; i < count; i++) {
		const w = triageWorker(root, {
			maxSize,
			recipe
		});
		if (!w) return void 0;
		workers.push(w);
	}
	const outstanding = new Array(count).fill(0);
	const held = new Array(count).fill(0);
	const post = (w) => {
		workers[w].flush?.();
		held[w] = 0;
	};
	const home = /* @__PURE__ */ new Map();
	let waiting = [];
	let next = 0;
	let ending = false;
	let ended = false;
	const leastBusy = () => outstanding.indexOf(Math.min(...outstanding));
	const dispatch = (flush) => {
		for (; next < waiting.length; next++) {
			const [oid, path] = waiting[next];
			let w = home.get(path);
			if (w === void 0) home.set(path, w = leastBusy());
			if (outstanding[w] >= WINDOW) {
				const other = leastBusy();
				if (outstanding[other] >= WINDOW / 2) break;
				w = other;
			}
			outstanding[w]++;
			held[w]++;
			workers[w].add(oid, path);
			if (held[w] >= 256 || outstanding[w] - held[w] < 128) post(w);
		}
		if (next > 4096) {
			waiting = waiting.slice(next);
			next = 0;
		}
		if (flush) workers.forEach((_, w) => post(w));
		if (ending && !ended && next >= waiting.length) {
			ended = true;
			for (const w of workers) w.end();
		}
	};
	return {
		add(oid, path) {
			waiting.push([oid, path]);
			dispatch(false);
		},
		end() {
			ending = true;
			dispatch(true);
		},
		results: merged(workers.map((w, i) => counted(w.results, (n) => {
			outstanding[i] -= n;
			dispatch(true);
		})))
	};
}
function blobFeed(root, engine, maxSize) {
	let target;
	const early = [];
	let chosen;
	const picked = new Promise((r) => chosen = r);
	const pick = (big) => {
		const feed = (big && engine.recipe ? workerFeed(root, maxSize, engine.recipe) : void 0) ?? localFeed(root, maxSize);
		for (const [oid, path] of early) feed.add(oid, path);
		early.length = 0;
		target = feed;
		chosen(feed);
	};
	return {
		add(oid, path) {
			if (target) return target.add(oid, path);
			early.push([oid, path]);
			if (early.length >= 2e3) pick(true);
		},
		end() {
			if (!target) pick(false);
			target.end();
		},
		results: (async function* () {
			yield* (await picked).results;
		})()
	};
}
var WINDOW;
var init_blob_feed = __esmMin((() => {
	init_git();
	init_async_queue();
	WINDOW = 1e3;
}));
// src/sources/history-refs.ts
function refsContainingAll(root, shas, commits, parents, batch = BATCH) {
	const out = /* @__PURE__ */ new Map();
	for (const sha of shas) out.set(sha, []);
	if (out.size === 0) return out;
	const listed = gitSync(root, ["for-each-ref", "--format=%(refname)%00%(refname:short)%00%(objectname)%00%(*objectname)"]);
	if (listed.status !== 0) return out;
	const refs = listed.stdout.toString("utf8").split("\n").filter(Boolean).map((l) => l.split("\0"));
	const graph = new CommitGraph(commits, parents);
	const unwalked = [...new Set(refs.map(([, , object, peeled]) => peeled || object).filter((sha) => !graph.has(sha)))];
	if (unwalked.length) graph.extend(root, unwalked, refs.map(([, , object, peeled]) => peeled || object).filter((sha) => graph.has(sha)));
	const tips = refs.map(([, shortName, object, peeled]) => ({
		shortName,
		at: graph.indexOf(peeled || object)
	}));
	const wanted = [...out.keys()].map((sha) => graph.indexOf(sha)).filter((i) => i >= 0);
	const order = graph.parentsFirst();
	for (let start = 0; start < wanted.length; start += batch) {
		const group = wanted.slice(start, start + batch);
		const words = Math.ceil(group.length / 32);
		const reach = new Uint32Array(graph.size * words);
		group.forEach((c, bit) => reach[c * words + (bit >>> 5)] |= 1 << (bit & 31));
		for (const c of order) {
			const base = c * words;
			for (const p of graph.parentsOf(c)) {
				const from = p * words;
				for (let w = 0; w < words; w++) reach[base + w] |= reach[from + w];
			}
		}
		for (const tip of tips) {
			if (tip.at < 0) continue;
			const base = tip.at * words;
			for (let w = 0; w < words; w++) {
				let bits = reach[base + w];
				while (bits) {
					const low = bits & -bits;
					const bit = w * 32 + (31 - Math.clz32(low));
					out.get(graph.shaAt(group[bit])).push(tip.shortName);
					bits ^= low;
				}
			}
		}
	}
	return out;
}
var BATCH, CommitGraph;
var init_history_refs = __esmMin((() => {
	init_git();
	BATCH = 2048;
	CommitGraph = class {
		shas;
		index = /* @__PURE__ */ new Map();
		parentShas;
		parentIdx;
		constructor(commits, parents) {
			this.shas = commits.map((c) => c.sha);
			this.shas.forEach((sha, i) => this.index.set(sha, i));
			this.parentShas = [...parents];
		}
		get size() {
			return this.shas.length;
		}
		has(sha) {
			return this.index.has(sha);
		}
		indexOf(sha) {
			return this.index.get(sha) ?? -1;
		}
		shaAt(i) {
			return this.shas[i];
		}
		extend(root, tips, known) {
			const r = gitSync(root, [
				"rev-list",
				"--parents",
				"--stdin",
				"--ignore-missing"
			], [...tips, ...[...new Set(known)].map((sha) => `^${sha}`)].join("\n") + "\n");
			const lines = r.status === 0 ? r.stdout.toString("latin1").split("\n") : [];
			if (r.status !== 0) for (const tip of tips) {
				const one = gitSync(root, [
					"rev-list",
					"--parents",
					tip,
					...[...new Set(known)].map((sha) => `^${sha}`),
					"--"
				]);
				if (one.status === 0) lines.push(...one.stdout.toString("latin1").split("\n"));
			}
			for (const line of lines) {
				if (!line) continue;
				const [sha, ...ps] = line.split(" ");
				if (this.index.has(sha)) continue;
				this.index.set(sha, this.shas.length);
				this.shas.push(sha);
				this.parentShas.push(ps.join(" "));
			}
			this.parentIdx = void 0;
		}
		parentsOf(i) {
			this.parentIdx ??= this.parentShas.map((ps) => ps ? ps.split(" ").map((p) => this.index.get(p) ?? -1).filter((p) => p >= 0) : []);
			return this.parentIdx[i];
		}
		parentsFirst() {
			const n = this.size;
			const children = Array.from({ length: n }, () => []);
			const waiting = new Uint32Array(n);
			for (let c = 0; c < n; c++) {
				const ps = this.parentsOf(c);
				waiting[c] = ps.length;
				for (const p of ps) children[p].push(c);
			}
			const order = new Uint32Array(n);
			let head = 0;
			let tail = 0;
			for (let c = 0; c < n; c++) if (waiting[c] === 0) order[tail++] = c;
			while (head < tail) {
				const c = order[head++];
				for (const child of children[c]) if (--waiting[child] === 0) order[tail++] = child;
			}
			return order.subarray(0, tail);
		}
	};
}));
// src/sources/history.ts
function short(c) {
	return c.sha.slice(0, 12);
}
async function scanHistory(root, scanner, opts) {
	const hasRefs = git(root, [
		"for-each-ref",
		"--count=1",
		"--format=%(refname)"
	]).trim() !== "";
	const hasHead = gitSync(root, [
		"rev-parse",
		"--verify",
		"--quiet",
		"HEAD^{commit}"
	]).status === 0;
	if (!hasRefs && !hasHead) return {
		commits: 0,
		blobs: 0,
		missing: 0,
		empty: true
	};
	if (isShallow(root)) scanner.stats.warnings.push("this is a shallow clone: history before the shallow boundary was not scanned (git fetch --unshallow for a full audit)");
	for (const w of historyRewrites(root)) scanner.stats.warnings.push(w);
	const revs = opts.refs.length ? ["--end-of-options", ...opts.refs] : opts.includeStash ? ["--all"] : [
		"--exclude=refs/stash",
		"--all",
		...hasHead ? ["HEAD"] : []
	];
	const absent = isPartialClone(root) ? absentObjects(root, revs) : /* @__PURE__ */ new Set();
	const reader = new LogRawReader((path) => scanner.isIgnored(path));
	const { commits, blobs, paths } = reader;
	const feed = blobFeed(root, scanner.engine, opts.maxFileSize);
	const walk = (async () => {
		try {
			const log = gitStream(root, [
				"log",
				"--reverse",
				"-r",
				"--raw",
				"--no-abbrev",
				"-z",
				"--root",
				"--diff-merges=first-parent",
				"--no-renames",
				"--no-show-signature",
				"--no-textconv",
				"--no-ext-diff",
				"--no-color",
				"--encoding=UTF-8",
				"--format=%x01%H%x1f%an <%ae>%x1f%aI%x1f%P",
				...revs,
				"--"
			]);
			let logErr = "";
			log.stderr.on("data", (d) => logErr += d.toString());
			for await (const record of nulRecords(log.stdout)) {
				const fresh = reader.push(record);
				if (fresh && !absent.has(fresh.oid)) feed.add(fresh.oid, fresh.path);
			}
			const code = await new Promise((r) => log.exitCode !== null ? r(log.exitCode) : log.on("close", (c) => r(c ?? 1)));
			if (code !== 0) throw new Error(`git log failed: ${logErr.trim().split("\n").pop() ?? code}`);
		} finally {
			feed.end();
		}
	})();
	const findingBlob = /* @__PURE__ */ new Map();
	const progress = {
		commits: 0,
		blobs: 0,
		blobsDone: 0,
		bytes: 0
	};
	let lastProgress = 0;
	const unread = /* @__PURE__ */ new Set();
	const tooLarge = [];
	let walkFailed = false;
	walk.catch(() => walkFailed = true);
	const scan = (async () => {
		for await (const blob of feed.results) {
			if (walkFailed) break;
			if (opts.progress && Date.now() - lastProgress > 250) {
				lastProgress = Date.now();
				opts.progress({
					...progress,
					commits: commits.length,
					blobs: blobs.size
				});
			}
			if ("clean" in blob) {
				progress.blobsDone += blob.clean;
				progress.bytes += blob.bytes;
				scanner.add({
					type: "unscanned",
					path: "",
					size: blob.bytes,
					binary: false,
					files: blob.clean
				});
				continue;
			}
			progress.blobsDone++;
			const info = blobs.get(blob.oid);
			if (!info) continue;
			if ("missing" in blob) {
				unread.add(blob.oid);
				continue;
			}
			const origin = {
				kind: "commit",
				commit: commits[info.first]
			};
			if (blob.verdict) {
				progress.bytes += blob.size;
				scanner.add({
					type: "unscanned",
					path: info.path,
					size: blob.size,
					binary: true
				});
				continue;
			}
			if (!blob.data) {
				tooLarge.push({
					info,
					size: blob.size
				});
				continue;
			}
			progress.bytes += blob.size;
			const before = {
				f: scanner.findings.length,
				s: scanner.suppressed.length
			};
			scanner.add({
				type: "file",
				path: info.path,
				origin,
				data: blob.data,
				pathRules: false
			});
			for (const f of scanner.findings.slice(before.f)) findingBlob.set(f, blob.oid);
			for (const f of scanner.suppressed.slice(before.s)) findingBlob.set(f, blob.oid);
		}
	})();
	await Promise.all([walk, scan]);
	tooLarge.sort((a, b) => a.info.first - b.info.first || (a.info.path < b.info.path ? -1 : 1));
	for (const { info, size } of tooLarge) scanner.add({
		type: "skipped",
		path: info.path,
		reason: "large",
		detail: `${formatBytes(size)} in ${short(commits[info.first])}`
	});
	progress.commits = commits.length;
	progress.blobs = blobs.size;
	let notAsked = 0;
	for (const oid of absent) if (blobs.has(oid)) {
		unread.add(oid);
		notAsked++;
	}
	const neverAnswered = Math.max(0, blobs.size - notAsked - progress.blobsDone);
	const missing = unread.size + neverAnswered;
	if (missing) {
		scanner.stats.unread += missing;
		scanner.stats.warnings.push(unreadWarning(unread, absent, blobs, commits, neverAnswered));
	}
	for (const oid of unread) blobs.delete(oid);
	const headBlobs = /* @__PURE__ */ new Set();
	const headPaths = /* @__PURE__ */ new Set();
	if (hasHead) {
		const tree = gitBytes(root, [
			"ls-tree",
			"-r",
			"-z",
			"--full-tree",
			"HEAD"
		]).toString("latin1");
		for (const entry of tree.split("\0")) {
			const tab = entry.indexOf("	");
			if (tab === -1) continue;
			headBlobs.add(entry.slice(0, tab).split(" ")[2]);
			headPaths.add(Buffer.from(entry.slice(tab + 1), "latin1").toString("utf8"));
		}
	}
	const peeked = readBlobsText(root, [...paths].filter(([path, ev]) => scanner.engine.looksInside(path) && !unread.has(ev.oid)).map(([, ev]) => ev.oid), opts.maxFileSize);
	for (const [path, ev] of paths) {
		const added = commits[ev.firstAdded];
		const before = {
			f: scanner.findings.length,
			s: scanner.suppressed.length
		};
		scanner.add({
			type: "path",
			path,
			origin: {
				kind: "commit",
				commit: added
			},
			content: () => peeked.get(ev.oid)
		});
		const fresh = [...scanner.findings.slice(before.f), ...scanner.suppressed.slice(before.s)];
		for (const f of fresh) {
			const inHead = headPaths.has(path);
			const deleted = ev.lastDeleted !== void 0 ? commits[ev.lastDeleted] : void 0;
			f.message = inHead ? `${f.message}: ${path} was added in ${short(added)} and is still in HEAD` : `${f.message}: ${path} was added in ${short(added)}${deleted ? ` and deleted in ${short(deleted)}` : ""}; its contents stay in history`;
			f.history = {
				firstCommit: added,
				commits: 1,
				paths: [path],
				inHead,
				refs: []
			};
		}
	}
	dedupe(root, scanner, findingBlob, blobs, commits, reader.parents, headBlobs);
	return {
		commits: commits.length,
		blobs: blobs.size,
		missing,
		empty: false
	};
}
function historyRewrites(root) {
	const out = [];
	const listed = gitSync(root, [
		"for-each-ref",
		"--format=%(refname)",
		"refs/replace/"
	]);
	const replaced = listed.status === 0 ? listed.stdout.toString("utf8").split("\n").filter(Boolean) : [];
	if (replaced.length) {
		const names = replaced.slice(0, 5).join(", ") + (replaced.length > 5 ? ", \u2026" : "");
		out.push(`${replaced.length} replace ref${replaced.length === 1 ? "" : "s"} (${names}) would show other commits or files in place of the stored ones: history was read as stored, without them`);
	}
	const common = gitSync(root, ["rev-parse", "--git-common-dir"]);
	if (common.status === 0 && (0, node_fs.existsSync)((0, node_path.resolve)(root, common.stdout.toString("utf8").trim(), "info", "grafts"))) out.push("a grafts file (info/grafts in the git directory) would hide or add parents of commits: history was read as stored, without it");
	return out;
}
function isPartialClone(root) {
	const r = gitSync(root, [
		"config",
		"-z",
		"--get-regexp",
		String.raw`^(extensions\.partialclone|remote\..*\.promisor)$`
	]);
	if (r.status > 1) throw new GitError(`git config failed: ${r.stderr.trim().split("\n").pop() ?? ""}`, "failed");
	for (const entry of r.stdout.toString("utf8").split("\0")) {
		const [key, value = ""] = entry.split("\n");
		if (key === "extensions.partialclone" ? value !== "" : key && /^(true|yes|on|1)$/i.test(value)) return true;
	}
	const packs = (0, node_path.join)(root, git(root, [
		"rev-parse",
		"--git-path",
		"objects/pack"
	]).trim());
	try {
		return (0, node_fs.readdirSync)(packs).some((name) => name.endsWith(".promisor"));
	} catch {
		return false;
	}
}
function absentObjects(root, revs) {
	const out = /* @__PURE__ */ new Set();
	const listed = gitBytes(root, [
		"rev-list",
		"--objects",
		"--missing=print",
		...revs,
		"--"
	]).toString("latin1");
	for (const line of listed.split("\n")) if (line.startsWith("?")) out.add(line.slice(1).trim());
	return out;
}
function unreadWarning(unread, absent, blobs, commits, neverAnswered) {
	const n = unread.size + neverAnswered;
	const damaged = [...unread].filter((oid) => !absent.has(oid)).length;
	const why = absent.size && damaged ? "absent from this partial clone, or damaged" : absent.size ? "absent from this partial clone; leaklint never fetches" : "missing or damaged";
	const first = [...unread].map((oid) => blobs.get(oid)).sort((a, b) => a.first - b.first).slice(0, 5).map((info) => `${info.path} in ${short(commits[info.first])}`);
	const examples = first.length ? ` (${first.join(", ")}${unread.size > first.length ? ", \u2026" : ""})` : "";
	return `${n} file version${n === 1 ? "" : "s"} could not be read (${why}) and ${n === 1 ? "was" : "were"} not scanned${examples}: the audit is incomplete`;
}
function dedupe(root, scanner, findingBlob, blobs, commits, parents, headBlobs) {
	const groupsOf = [scanner.findings, scanner.suppressed].map((list) => groupByRuleAndSecret(list, findingBlob));
	const firstShas = /* @__PURE__ */ new Set();
	for (const { groups } of groupsOf) for (const group of groups.values()) {
		const infoOf = (f) => blobs.get(findingBlob.get(f));
		group.sort((a, b) => infoOf(a).first - infoOf(b).first || byPlace(a, b));
		firstShas.add(commits[infoOf(group[0]).first].sha);
	}
	const refsOf = refsContainingAll(root, firstShas, commits, parents);
	[scanner.findings, scanner.suppressed].forEach((list, li) => {
		const { groups, kept } = groupsOf[li];
		const firsts = [];
		for (const group of groups.values()) {
			const infoOf = (f) => blobs.get(findingBlob.get(f));
			const first = group[0];
			const oids = new Set(group.map((f) => findingBlob.get(f)));
			let count = 0;
			const allPaths = /* @__PURE__ */ new Set();
			for (const oid of oids) {
				const info = blobs.get(oid);
				count += info.commits;
				for (const p of info.paths) allPaths.add(p);
			}
			const firstCommit = commits[infoOf(first).first];
			first.history = {
				firstCommit,
				commits: count,
				paths: [...allPaths].sort(),
				inHead: [...oids].some((o) => headBlobs.has(o)),
				refs: [...refsOf.get(firstCommit.sha)]
			};
			firsts.push(first);
		}
		const when = (f) => blobs.get(findingBlob.get(f)).first;
		firsts.sort((a, b) => when(a) - when(b) || byPlace(a, b));
		list.splice(0, list.length, ...kept, ...firsts);
	});
}
function byPlace(a, b) {
	if (a.file !== b.file) return a.file < b.file ? -1 : 1;
	if (a.line !== b.line) return a.line - b.line;
	if (a.column !== b.column) return a.column - b.column;
	return a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0;
}
function groupByRuleAndSecret(list, findingBlob) {
	const groups = /* @__PURE__ */ new Map();
	const kept = [];
	for (const f of list) {
		if (!findingBlob.has(f)) {
			kept.push(f);
			continue;
		}
		const key = `${f.ruleId}\0${f.secret}`;
		const g = groups.get(key);
		if (g) g.push(f);
		else groups.set(key, [f]);
	}
	return {
		groups,
		kept
	};
}
var RAW, LogRawReader;
var init_history$1 = __esmMin((() => {
	init_git();
	init_scan();
	init_blob_feed();
	init_diff_blobs();
	init_history_refs();
	RAW = /^\n?:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/;
	LogRawReader = class {
		isIgnored;
		commits = [];
		blobs = /* @__PURE__ */ new Map();
		paths = /* @__PURE__ */ new Map();
		parents = [];
		pendingRaw;
		constructor(isIgnored = () => false) {
			this.isIgnored = isIgnored;
		}
		push(record) {
			const { commits, blobs, paths } = this;
			if (this.pendingRaw) {
				const path = Buffer.from(record, "latin1").toString("utf8");
				const [, , newMode, , oid, status] = this.pendingRaw;
				this.pendingRaw = void 0;
				if (commits.length === 0 || this.isIgnored(path)) return;
				const at = commits.length - 1;
				if (status === "D") {
					const ev = paths.get(path);
					if (ev) ev.lastDeleted = at;
					return;
				}
				if (newMode === "160000") return;
				const known = blobs.get(oid);
				if (known) {
					known.commits++;
					known.paths.add(path);
				} else blobs.set(oid, {
					first: at,
					path,
					commits: 1,
					paths: /* @__PURE__ */ new Set([path])
				});
				const ev = paths.get(path);
				if (!ev) paths.set(path, {
					firstAdded: at,
					oid
				});
				else if (ev.lastDeleted !== void 0 && status === "A") ev.lastDeleted = void 0;
				return known ? void 0 : {
					oid,
					path
				};
			}
			if (record.startsWith("") || record.startsWith("\n")) {
				const [sha, author, date, parents] = record.replace(/^\n?\x01/, "").split("");
				commits.push({
					sha,
					author: Buffer.from(author ?? "", "latin1").toString("utf8"),
					date: date ?? ""
				});
				this.parents.push(parents ?? "");
				return;
			}
			const m = RAW.exec(record);
			if (m) this.pendingRaw = m;
		}
	};
}));
// src/commands/history.ts
function checkedRefs(refs) {
	return (refs ?? []).map((ref) => {
		const value = String(ref);
		const why = refusedRevision(value);
		if (why) throw new UsageError(`--ref ${JSON.stringify(value)} is not a revision: ${why}`);
		return value;
	});
}
function historyOptions(y) {
	return y.option("ref", {
		type: "string",
		array: true,
		describe: "walk only these refs (repeatable; default: every branch, tag and remote ref)"
	}).option("include-stash", {
		type: "boolean",
		default: false,
		describe: "also scan stashed changes (refs/stash)"
	});
}
function progressPrinter(io) {
	const stderr = io.stderr;
	if (!stderr.isTTY) return void 0;
	const start = Date.now();
	return (p) => {
		const secs = Math.max((Date.now() - start) / 1e3, .001);
		stderr.write(`\r${p.commits} commits, blobs ${p.blobsDone}/${p.blobs}, ${formatBytes(p.bytes)} scanned, ${formatBytes(p.bytes / secs)}/s   `);
	};
}
async function runHistory(root, scanner, args, io, maxFileSize) {
	const refs = checkedRefs(args.ref);
	const progress = progressPrinter(io);
	const scan = await scanHistory(root, scanner, {
		refs,
		includeStash: Boolean(args["include-stash"]),
		maxFileSize,
		...progress ? { progress } : {}
	});
	if (progress) io.stderr.write("\n");
	return scan;
}
var historyCommand;
var init_history = __esmMin((() => {
	init_cli();
	init_git_policy();
	init_git();
	init_history$1();
	init_scan();
	historyCommand = {
		command: "history",
		describe: "audit: scan every commit on every ref, each secret reported once with where it first appeared",
		builder: (y) => historyOptions(common(y)),
		async run(args, io) {
			const root = requireRepoRoot(io.cwd, "leaklint history scans the commits of a repository");
			const config = configFor(args, io);
			const { rules, scanner, maxFileSize } = await prepareScan("audit", args, config, root);
			const scan = await runHistory(root, scanner, args, io, maxFileSize);
			if (scan.empty) {
				io.stderr.write("leaklint: this repository has no commits: there is no history to scan (run `leaklint files` for the working tree)\n");
				return 0;
			}
			io.stderr.write(`leaklint: scanned ${scan.commits} commits, ${scan.blobs} unique file versions\n`);
			const result = scanner.result();
			await verifyIfAsked(result, args, io, config);
			return finishScan(result, rules, args, io);
		}
	};
}));
// src/redact-url.ts
function decode(s) {
	try {
		return decodeURIComponent(s.replace(/\+/g, " "));
	} catch {
		return s;
	}
}
function looksLikeCredential(raw) {
	const v = decode(raw);
	if (TOKEN_PREFIX.test(v)) return true;
	return v.length >= 16 && /[A-Za-z]/.test(v) && /[0-9]/.test(v);
}
function split(url) {
	const scheme = SCHEME.exec(url)?.[0] ?? "";
	let rest = url.slice(scheme.length);
	let userinfo;
	const slash = rest.indexOf("/");
	const authority = slash === -1 ? rest : rest.slice(0, slash);
	const at = authority.lastIndexOf("@");
	if (at !== -1) {
		userinfo = authority.slice(0, at);
		rest = rest.slice(at + 1);
	}
	let fragment;
	const hash = rest.indexOf("#");
	if (hash !== -1) {
		fragment = rest.slice(hash + 1);
		rest = rest.slice(0, hash);
	}
	let query;
	const q = rest.indexOf("?");
	if (q !== -1) {
		query = rest.slice(q + 1);
		rest = rest.slice(0, q);
	}
	let pathStart = scheme ? rest.indexOf("/") : -1;
	const at2 = rest.lastIndexOf("@");
	if (scheme && userinfo === void 0 && pathStart !== -1 && rest.slice(0, pathStart).includes(":") && at2 > pathStart && rest[at2 - 1] !== "/") {
		userinfo = rest.slice(0, at2);
		rest = rest.slice(at2 + 1);
		pathStart = rest.indexOf("/");
	}
	const host = pathStart === -1 ? scheme ? rest : "" : rest.slice(0, pathStart);
	const path = pathStart === -1 ? scheme ? "" : rest : rest.slice(pathStart);
	return {
		scheme,
		userinfo,
		host,
		path,
		query,
		fragment
	};
}
function plainUser(userinfo) {
	return !userinfo.includes(":") && !looksLikeCredential(userinfo) && /^[\w.+-]{1,64}$/.test(decode(userinfo));
}
function secretParam(param) {
	const eq = param.indexOf("=");
	const name = eq === -1 ? param : param.slice(0, eq);
	const value = eq === -1 ? "" : param.slice(eq + 1);
	return looksLikeCredential(name) || value !== "" && (SECRET_NAME.test(decode(name)) || looksLikeCredential(value));
}
function secretSegment(segment) {
	return TOKEN_PREFIX.test(decode(segment)) && decode(segment).length >= 12;
}
function build(p) {
	return `${p.scheme}${p.userinfo !== void 0 ? `${p.userinfo}@` : ""}${p.host}${p.path}${p.query !== void 0 ? `?${p.query}` : ""}${p.fragment !== void 0 ? `#${p.fragment}` : ""}`;
}
function redactUrl(url) {
	const p = split(url);
	if (p.userinfo !== void 0 && !plainUser(p.userinfo)) p.userinfo = "***";
	p.path = p.path.split("/").map((s) => secretSegment(s) ? "***" : s).join("/");
	if (p.query !== void 0) p.query = p.query.split(/([&;])/).map((part) => {
		if (part === "&" || part === ";" || !secretParam(part)) return part;
		const eq = part.indexOf("=");
		return eq === -1 || looksLikeCredential(part.slice(0, eq)) ? "***" : `${part.slice(0, eq)}=***`;
	}).join("");
	if (p.fragment) p.fragment = "***";
	return build(p);
}
function cleanUrl(url) {
	const p = split(url);
	if (p.path.split("/").some(secretSegment)) return void 0;
	if (p.userinfo !== void 0 && !plainUser(p.userinfo)) p.userinfo = void 0;
	if (p.query !== void 0) {
		const kept = p.query.split(/[&;]/).filter((part) => part !== "" && !secretParam(part));
		p.query = kept.length ? kept.join("&") : void 0;
	}
	p.fragment = void 0;
	return build(p);
}
function redactUrlsIn(text) {
	return text.replace(/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]*/gi, redactUrl);
}
function redactConfigKey(key) {
	const first = key.indexOf(".");
	const last = key.lastIndexOf(".");
	if (first === -1 || last <= first) return key;
	return `${key.slice(0, first + 1)}${redactUrl(key.slice(first + 1, last))}${key.slice(last)}`;
}
var SCHEME, SECRET_NAME, TOKEN_PREFIX;
var init_redact_url = __esmMin((() => {
	SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
	SECRET_NAME = /token|secret|pass|pwd|key|auth|sig|cred|session|sid|jwt|bearer|code|private|access|login/i;
	TOKEN_PREFIX = /^(?:gh[pousr]_|github_pat_|gl[a-z]{2,5}-|hf_|api_org_|npm_|pypi-|sk-|sk_|rk_|xox[a-z]-|xapp-|AKIA|ASIA|AIza|r8_|gsk_|sntry[a-z]_|pn[ub]_|wandb_|eyJ)/;
}));
// src/repo/remotes.ts
function configUrls(root, args, file, warn) {
	const r = gitSync(root, [
		"config",
		...args,
		"-z",
		"--get-regexp",
		String.raw`^(remote\..*\.(url|pushurl)|url\..*\.(push)?insteadof|submodule\..*\.url)$`
	]);
	if (r.status !== 0) {
		if (r.status !== 1) warn(`${file} could not be read (${r.stderr.trim().split("\n")[0] || `git config exited ${r.status}`}): its URLs were not checked`);
		return [];
	}
	const out = [];
	for (const entry of r.stdout.toString("utf8").split("\0")) {
		const nl = entry.indexOf("\n");
		if (nl === -1) continue;
		const key = entry.slice(0, nl);
		if (key.startsWith("url.")) out.push({
			key,
			url: key.slice(4, key.lastIndexOf(".")),
			file
		});
		out.push({
			key,
			url: entry.slice(nl + 1),
			file
		});
	}
	return out;
}
function remoteName(key) {
	return /^remote\.(.+)\.(?:url|pushurl)$/.exec(key)?.[1];
}
function fixFor$1(key, url, file) {
	const name = remoteName(key);
	const clean = cleanUrl(url);
	if (name && clean !== void 0) return `git remote set-url ${shellQuote(name)} ${shellQuote(clean)}`;
	const base = /^url\.(.+)\.(?:push)?insteadof$/.exec(key)?.[1];
	if (base !== void 0 && base === url) return `edit ${file}: remove the [url "${redactUrl(base)}"] section`;
	return `edit ${file}: ${redactConfigKey(key)} = ${clean ?? redactUrl(url)}`;
}
function hide$1(text, found) {
	let out = redactUrlsIn(text);
	for (const f of [...found].sort((a, b) => b.secret.length - a.secret.length)) if (f.secret) out = out.split(f.secret).join(f.preview);
	return out;
}
function remoteFindings(root, engine, warn = () => {}) {
	const urls = configUrls(root, ["--local"], ".git/config", warn);
	if ((0, node_fs.existsSync)((0, node_path.join)(root, ".gitmodules"))) urls.push(...configUrls(root, ["--file", (0, node_path.join)(root, ".gitmodules")], ".gitmodules", warn));
	const out = [];
	for (const { key, url, file } of urls) {
		const found = engine.scan({
			path: file,
			text: url,
			startLine: 1,
			origin: { kind: "repo" }
		});
		const best = found.find((f) => f.ruleId !== "url-credentials") ?? found[0];
		if (!best) continue;
		out.push(repoFinding(remoteCredential, file, hide$1(`${best.message} in ${redactConfigKey(key)} (fix: ${fixFor$1(key, url, file)})`, found), {
			secret: best.secret,
			preview: best.preview,
			severity: best.severity,
			provider: best.provider
		}));
	}
	return out;
}
var init_remotes = __esmMin((() => {
	init_git();
	init_rules$1();
	init_shell();
	init_redact_url();
}));
// src/repo/extraheader.ts
function parseConfigList(out) {
	const entries = [];
	for (const record of out.split("\0")) {
		if (record === "") continue;
		const nl = record.indexOf("\n");
		entries.push(nl === -1 ? { key: record } : {
			key: record.slice(0, nl),
			value: record.slice(nl + 1)
		});
	}
	return entries;
}
function printable(word) {
	return /^[A-Za-z][A-Za-z0-9-]{0,39}$/.test(word) && !looksLikeCredential(word);
}
function parseHeader(value) {
	const colon = value.indexOf(":");
	const name = colon === -1 ? "" : value.slice(0, colon).trim();
	const rest = (colon === -1 ? value : value.slice(colon + 1)).trim();
	if (EMPTY_VALUE.test(rest)) return void 0;
	const scheme = /^([A-Za-z-]{1,20})\s+(\S.*)$/s.exec(rest);
	const texts = [value];
	let secret = rest;
	if (scheme && /^authorization$|^proxy-authorization$/i.test(name)) {
		secret = scheme[2].trim();
		if (EMPTY_VALUE.test(secret)) return void 0;
		if (/^basic$/i.test(scheme[1]) && /^[A-Za-z0-9+/]+=*$/.test(secret)) texts.push(Buffer.from(secret, "base64").toString("utf8"));
	}
	return {
		label: [name, scheme && /^authorization$|^proxy-authorization$/i.test(name) ? scheme[1] : ""].filter((w) => w && printable(w)).join(" "),
		secret,
		named: name !== "" && CREDENTIAL_HEADER.test(name),
		texts
	};
}
function fixFor(key) {
	const shown = redactConfigKey(key);
	if (shown === key) return `git config --unset-all ${shellQuote(key)}`;
	return `edit .git/config: remove extraheader from [http "${shown.slice(shown.indexOf(".") + 1, shown.lastIndexOf("."))}"]`;
}
function hide(text, secrets) {
	let out = redactUrlsIn(text);
	for (const s of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) out = out.split(s).join("***");
	return out;
}
function extraHeaderFindings(root, engine, warn = () => {}) {
	const r = gitSync(root, [
		"config",
		"--local",
		"--null",
		"--list"
	]);
	if (r.status !== 0) {
		warn(`.git/config could not be read (${r.stderr.trim().split("\n")[0] || `git config exited ${r.status}`}): its http.extraHeader entries were not checked`);
		return [];
	}
	const out = [];
	for (const { key, value } of parseConfigList(r.stdout.toString("utf8"))) {
		if (value === void 0 || !key.startsWith("http.") || !key.endsWith(".extraheader")) continue;
		const header = parseHeader(value);
		if (!header) continue;
		const found = header.texts.flatMap((text) => engine.scan({
			path: ".git/config",
			text,
			startLine: 1,
			origin: { kind: "repo" }
		}));
		const best = found.find((f) => f.ruleId !== "url-credentials" && f.ruleId !== "generic-secret-assignment") ?? found[0];
		if (!header.named && !best) continue;
		const what = best?.message ?? "Credential";
		const job = best?.secret.startsWith("ghs_") ? ", a GitHub Actions job token valid until its job ends" : "";
		const message = `${what} in ${redactConfigKey(key)}${header.label ? ` (${header.label} header${job})` : job ? ` (${job.slice(2)})` : ""} (fix: ${fixFor(key)})`;
		out.push(repoFinding(extraHeaderCredential, ".git/config", hide(message, [header.secret, ...found.map((f) => f.secret)]), {
			secret: header.secret,
			preview: best?.preview ?? preview(header.secret),
			provider: best?.provider,
			severity: extraHeaderCredential.severity
		}));
	}
	return out;
}
var CREDENTIAL_HEADER, EMPTY_VALUE;
var init_extraheader = __esmMin((() => {
	init_git();
	init_rules$1();
	init_shell();
	init_redact_url();
	init_redact();
	CREDENTIAL_HEADER = /^(?:proxy-)?authorization$|token|key|secret|cookie|session|passw|credential|auth/i;
	EMPTY_VALUE = /^(?:[*x.]*|\$\{.*\}|\$\{\{.*\}\})$/i;
}));
// src/commands/audit.ts
function keyOf(f) {
	return f.kind === "path" ? `${f.ruleId}\0${f.file}` : `${f.ruleId}\0${f.secret}`;
}
var auditCommand;
var init_audit = __esmMin((() => {
	init_cli();
	init_locate();
	init_config();
	init_scan();
	init_files$1();
	init_gitignore$1();
	init_remotes();
	init_extraheader();
	init_history();
	auditCommand = {
		command: ["audit", "$0"],
		describe: "before going public (the default): history of every ref + working tree + repository set-up",
		builder: (y) => historyOptions(common(y)),
		async run(args, io) {
			const where = locate(io.cwd);
			const config = configFor(args, io);
			if (where.kind === "none") {
				io.stderr.write("leaklint: not a git repository: scanning the files of this directory only (no history, no repository checks)\n");
				const compiled = compileConfig(config);
				return runScan(fileItems(["."], {
					cwd: io.cwd,
					untracked: false,
					maxFileSize: args["max-file-size"] ?? config.maxFileSize ?? 5242880,
					isIgnored: compiled.isIgnored
				}), "audit", args, io, config);
			}
			const root = where.kind === "worktree" ? where.root : where.gitDir;
			const { rules, engine, scanner, maxFileSize, compiled, baseline } = await prepareScan("audit", args, config, root);
			const scan = await runHistory(root, scanner, args, io, maxFileSize);
			if (where.kind === "worktree") {
				const seen = new Set([...scanner.findings, ...scanner.suppressed].map(keyOf));
				const before = {
					f: scanner.findings.length,
					s: scanner.suppressed.length
				};
				for await (const item of fileItems([], {
					cwd: root,
					untracked: false,
					maxFileSize,
					isIgnored: compiled.isIgnored
				})) scanner.add(item);
				for (const list of [scanner.findings, scanner.suppressed]) {
					const start = list === scanner.findings ? before.f : before.s;
					const fresh = list.splice(start).filter((f) => !seen.has(keyOf(f)));
					list.push(...fresh);
				}
				for (const f of gitignoreFindings(root, config.gitignore.required)) scanner.add({
					type: "finding",
					finding: f
				});
			}
			const unreadConfig = (w) => {
				scanner.stats.unread++;
				scanner.stats.warnings.push(w);
			};
			for (const f of [...remoteFindings(root, engine, unreadConfig), ...extraHeaderFindings(root, engine, unreadConfig)]) scanner.add({
				type: "finding",
				finding: f
			});
			const result = scanner.result();
			noteStaleBaseline(result, baseline);
			const counted = `${scan.commits} commits (${scan.blobs} unique file versions)`;
			if (where.kind === "worktree") io.stderr.write(`leaklint: audited ${counted}, the working tree and the repository set-up\n`);
			else {
				const what = where.bare ? "a bare repository has no working tree" : "inside a git directory there is no working tree (run leaklint in the working tree for it)";
				io.stderr.write(`leaklint: audited ${counted} and the remote URLs; ${what}: the working-tree scan and the .gitignore policy were skipped\n`);
			}
			await verifyIfAsked(result, args, io, config);
			return finishScan(result, rules, args, io);
		}
	};
}));
// src/commands/gitignore.ts
var gitignoreCommand;
var init_gitignore = __esmMin((() => {
	init_cli();
	init_git();
	init_gitignore$1();
	gitignoreCommand = {
		command: "gitignore",
		describe: "check that .gitignore excludes credential files (--fix appends what is missing)",
		builder: (y) => common(y).option("fix", {
			type: "boolean",
			default: false,
			describe: "append the missing patterns to .gitignore (idempotent)"
		}),
		async run(args, io) {
			const root = requireRepoRoot(io.cwd, "the .gitignore policy is checked with git");
			const config = configFor(args, io);
			const required = config.gitignore.required;
			if (args.fix) {
				const added = fixGitignore(root, required);
				io.stderr.write(added.length ? `leaklint: added to .gitignore: ${added.join(" ")}\n` : "leaklint: .gitignore already excludes every required pattern\n");
			}
			async function* items() {
				for (const finding of gitignoreFindings(root, required)) yield {
					type: "finding",
					finding
				};
			}
			return runScan(items(), "files", args, io, config);
		}
	};
}));
// src/commands/baseline.ts
function scopeOf(paths, cwd, root, notRead, isIgnored) {
	const base = (0, node_fs.realpathSync)(cwd);
	const prefixes = paths.map((p) => normalisePath((0, node_path.relative)(root, (0, node_path.resolve)(base, p))));
	const under = (path) => prefixes.length === 0 || prefixes.some((p) => p === "" || path === p || path.startsWith(`${p}/`));
	return (e) => under(e.path) && !notRead.has(e.path) && !isIgnored(e.path);
}
var baselineCommand;
var init_baseline = __esmMin((() => {
	init_cli();
	init_git();
	init_files$1();
	init_redact();
	init_baseline$1();
	baselineCommand = {
		command: "baseline [paths..]",
		describe: `accept the current findings: write their fingerprints to ${BASELINE_FILE} (later scans report only new ones)`,
		builder: (y) => common(y).positional("paths", {
			type: "string",
			array: true,
			describe: "files or directories (default: the tracked files of this repository)"
		}).option("prune", {
			type: "boolean",
			default: false,
			describe: "only drop entries, within the paths scanned, that no longer match any finding (accepts nothing new)"
		}),
		async run(args, io) {
			const root = repoRoot(io.cwd) ?? io.cwd;
			const file = typeof args.baseline === "string" && args.baseline ? (0, node_path.resolve)(io.cwd, args.baseline) : (0, node_path.join)(root, BASELINE_FILE);
			if (args.baseline === false) throw new UsageError("--no-baseline makes no sense for the baseline command");
			const config = configFor(args, io);
			const old = (0, node_fs.existsSync)(file) ? readBaseline(file, root) : { entries: [] };
			const key = old.key ?? newBaselineKey();
			const { scanner, compiled, maxFileSize } = await prepareScan("files", {
				...args,
				baseline: false
			}, config, root, key);
			const paths = args.paths ?? [];
			const notRead = /* @__PURE__ */ new Set();
			for await (const item of fileItems(paths, {
				cwd: io.cwd,
				untracked: false,
				maxFileSize,
				isIgnored: compiled.isIgnored
			})) {
				if (item.type === "skipped") notRead.add(item.path);
				scanner.add(item);
			}
			const inScope = scopeOf(paths, io.cwd, root, notRead, compiled.isIgnored);
			const prune = Boolean(args.prune);
			const { entries, added, stale, unaccepted } = mergeBaseline(migrateBaseline(old, key), scanner.findings, {
				prune,
				inScope
			});
			writeBaseline(file, key, entries, root);
			const staleNote = stale ? `, ${stale} stale ${prune ? "dropped" : "kept (--prune drops them)"}` : "";
			const migrated = old.key === void 0 && old.entries.length ? `, ${old.entries.length} re-keyed from the version 1 format` : "";
			io.stderr.write(`leaklint: wrote ${file}: ${entries.length} entr${entries.length === 1 ? "y" : "ies"} (${added} new${staleNote}${migrated})\n`);
			if (unaccepted) io.stderr.write(`leaklint: ${unaccepted} finding${unaccepted === 1 ? " is" : "s are"} not in the baseline and stay reported (--prune accepts nothing; \`leaklint baseline\` without it does)\n`);
			return 0;
		}
	};
}));
// src/purge.ts
function pythonRegexLiteral(text, lineBreak) {
	let out = "";
	for (const ch of text) if (ch === "\n") out += lineBreak;
	else if (ch === "\r") out += "\\r";
	else if (ch === "	") out += "\\t";
	else if (/[A-Za-z0-9_]/.test(ch) || ch.charCodeAt(0) > 127) out += ch;
	else out += `\\${ch}`;
	return out;
}
function replacementLine(secret, spansLines = false) {
	if (/[\r\n]/.test(secret)) return `regex:${pythonRegexLiteral(secret.replace(/\r\n?/g, "\n"), "\\r?\\n")}==>${REMOVED}`;
	if (spansLines) return `regex:${[...secret].map((ch) => pythonRegexLiteral(ch, "\\n")).join("\\s*")}==>${REMOVED}`;
	return `literal:${secret}==>${REMOVED}`;
}
function pathLine(path) {
	if (path.includes("==>") || /[\r\n]/.test(path)) return `regex:^${pythonRegexLiteral(path, "\\n")}$`;
	return `literal:${path}`;
}
function shortSha(f) {
	return (f.history?.firstCommit ?? (f.origin.kind === "commit" ? f.origin.commit : void 0))?.sha.slice(0, 12);
}
function buildPurgePlan(findings) {
	const secrets = /* @__PURE__ */ new Map();
	const spansLines = /* @__PURE__ */ new Set();
	const files = /* @__PURE__ */ new Map();
	for (const f of findings) if (f.kind === "content" && f.secret) {
		if (f.endLine > f.line && !/\s/.test(f.secret)) spansLines.add(f.secret);
		const known = secrets.get(f.secret);
		const paths = f.history?.paths ?? [f.file];
		if (known) {
			for (const p of paths) if (!known.paths.includes(p)) known.paths.push(p);
			known.inHead ||= Boolean(f.history?.inHead);
		} else {
			const sha = shortSha(f);
			secrets.set(f.secret, {
				ruleId: f.ruleId,
				preview: f.preview,
				paths: [...paths],
				inHead: Boolean(f.history?.inHead),
				...sha ? { firstCommit: sha } : {}
			});
		}
	} else if (f.kind === "path") {
		for (const p of f.history?.paths ?? [f.file]) if (!files.has(p)) files.set(p, {
			ruleId: f.ruleId,
			path: p,
			message: f.message
		});
	}
	const raw = [...secrets.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
	const paths = [...files.keys()].sort();
	return {
		replacements: raw.map((secret) => replacementLine(secret, spansLines.has(secret))),
		paths: paths.map(pathLine),
		secrets: [...secrets.values()],
		files: paths.map((p) => files.get(p))
	};
}
function filterRepoArgs(plan, dir) {
	const args = [];
	if (plan.replacements.length) args.push("--replace-text", `${dir}/replacements.txt`, "--replace-message", `${dir}/replacements.txt`);
	if (plan.paths.length) args.push("--paths-from-file", `${dir}/paths.txt`, "--invert-paths");
	return args;
}
function pathsFile(plan) {
	return [...[
		"# Credential files leaklint found in history, for:",
		"#   git filter-repo --paths-from-file paths.txt --invert-paths",
		"# which drops them from every commit. Delete a line to keep that file."
	], ...plan.paths].join("\n") + "\n";
}
function replacementsFile(plan) {
	return plan.replacements.length ? plan.replacements.join("\n") + "\n" : "";
}
function purgeScript(plan, leaklint, rescanArgs) {
	const filterArgs = filterRepoArgs(plan, "$plan_dir").map((a) => a.startsWith("$plan_dir") ? `"${a}"` : a);
	const rescan = [
		...leaklint,
		"history",
		...rescanArgs
	].map(shellQuote).join(" ");
	return `#!/bin/sh
# Written by \`leaklint purge-plan\`. Rewrites EVERY branch, tag and other ref
# of the git repository in the current directory with git filter-repo, then
# scans its history again to prove the secrets are gone.
#
# Rotate the secrets first: rewriting history does not un-leak them.
# Run it in a fresh clone (git filter-repo refuses to rewrite anything else
# unless you pass --force; extra arguments are passed on to git filter-repo):
#   git clone --no-local <repository> <repository>-purged
#   cd <repository>-purged && sh <this directory>/purge.sh
set -eu
plan_dir=$(cd "$(dirname "$0")" && pwd)

# The git leaklint runs, run the same way here: no transport or lazy fetch, no
# hooks, signature or other programs named by configuration, no replace refs
# or grafts, and the options that change what git prints pinned.
${policyShellExports(shellQuote)}

if ! git filter-repo --version >/dev/null 2>&1; then
  echo "purge.sh: git filter-repo is not installed (apt-get install git-filter-repo, brew install git-filter-repo or pip install git-filter-repo)" >&2
  exit 2
fi

git filter-repo ${filterArgs.join(" ")} "$@"

echo "purge.sh: history rewritten; scanning it again with leaklint history" >&2
status=0
${rescan} || status=$?
if [ "$status" -eq 0 ]; then
  echo "purge.sh: leaklint history finds nothing at error severity: force-push every ref and delete $plan_dir" >&2
else
  echo "purge.sh: leaklint history still finds secrets (exit $status): do not push; re-run leaklint purge-plan in this clone" >&2
fi
exit "$status"
`;
}
var REMOVED;
var init_purge = __esmMin((() => {
	init_shell();
	init_git_policy();
	REMOVED = "***REMOVED***";
}));
// src/commands/purge-plan.ts
function defaultPlanDir(root) {
	return (0, node_path.join)((0, node_path.dirname)(root), `${(0, node_path.basename)(root)}-leaklint-purge`);
}
function checkNotCommittable(root, dir) {
	const rel = (0, node_path.relative)(root, dir);
	if (rel.startsWith("..") || (0, node_path.isAbsolute)(rel)) return;
	if (rel === "") throw new UsageError("--out must not be the repository itself: replacements.txt holds the raw secrets");
	if (rel === ".git" || rel.startsWith(`.git/`)) return;
	if (gitSync(root, [
		"check-ignore",
		"-q",
		"--",
		`${rel}/replacements.txt`
	]).status !== 0) throw new UsageError(`--out ${dir} is inside the repository and not ignored by .gitignore: replacements.txt holds the raw secrets; choose a directory outside it (default: ${defaultPlanDir(root)})`);
}
function preparePlanDir(dir, root) {
	(0, node_fs.mkdirSync)((0, node_path.dirname)(dir), {
		recursive: true,
		mode: 448
	});
	try {
		(0, node_fs.mkdirSync)(dir, 448);
		(0, node_fs.chmodSync)(dir, 448);
		writeFileWithin(dir, (0, node_path.join)(dir, PLAN_MARK), `${root}\n`, { mode: 384 });
		return;
	} catch (e) {
		if (e.code !== "EEXIST") throw new UsageError(`cannot create --out ${dir}: ${e.code ?? e.message}`);
	}
	const st = (0, node_fs.lstatSync)(dir);
	const refuse = (why) => {
		throw new UsageError(`--out ${dir} ${why}: choose a directory that does not exist yet (leaklint creates it, mode 0700)`);
	};
	if (st.isSymbolicLink()) refuse("is a symlink");
	if (!st.isDirectory()) refuse("exists and is not a directory");
	if (process.getuid && st.uid !== process.getuid()) refuse("belongs to another user");
	if ((st.mode & 511) !== 448) refuse(`has mode ${(st.mode & 511).toString(8).padStart(4, "0")}, not 0700`);
	let mark;
	try {
		mark = readFileWithin(dir, (0, node_path.join)(dir, PLAN_MARK));
	} catch {
		mark = void 0;
	}
	if (mark !== `${root}\n`) refuse(`already exists and was not created by leaklint purge-plan for this repository${(0, node_fs.readdirSync)(dir).length ? " (it is not empty)" : ""}`);
}
function writePrivate(dir, name, text, mode) {
	writeFileWithin(dir, (0, node_path.join)(dir, name), text, { mode });
}
function thisLeaklint() {
	return [process.execPath, leaklintBin()];
}
function rescanArgs(args, io) {
	const out = [];
	if (typeof args.config === "string") out.push("--config", (0, node_path.resolve)(io.cwd, args.config));
	if (args.baseline === false) out.push("--no-baseline");
	else if (typeof args.baseline === "string") out.push("--baseline", (0, node_path.resolve)(io.cwd, args.baseline));
	if (typeof args["max-file-size"] === "number") out.push("--max-file-size", String(args["max-file-size"]));
	return out;
}
function describePlan(plan, dir, root, rescan, suppressed) {
	const lines = [];
	const s = plan.secrets.length;
	const f = plan.files.length;
	lines.push(`leaklint purge-plan: ${s} secret${s === 1 ? "" : "s"} and ${f} credential file${f === 1 ? "" : "s"} to purge from history.`);
	if (s) {
		lines.push("", `Secrets (every occurrence, in every file version and commit message, becomes ***REMOVED***):`);
		for (const p of plan.secrets) lines.push(`  ${p.ruleId}  ${p.preview}  in ${p.paths.map(escapeText).join(", ")}${p.firstCommit ? `, first in ${p.firstCommit}` : ""}${p.inHead ? ", still in HEAD" : ""}`);
	}
	if (f) {
		lines.push("", "Credential files (dropped from every commit):");
		for (const file of plan.files) lines.push(`  ${escapeText(file.path)}  (${file.ruleId})`);
	}
	if (suppressed) lines.push("", `${suppressed} suppressed finding${suppressed === 1 ? " is" : "s are"} not in the plan (allowlists, inline directives, baseline).`);
	const clone = `${root}-purged`;
	const filter = [
		"git",
		"filter-repo",
		...filterRepoArgs(plan, dir)
	].map(shellQuote).join(" ");
	lines.push("", "Wrote:", `  ${(0, node_path.join)(dir, "replacements.txt")}  (mode 0600: it holds the raw secrets; delete the directory when you are done)`, `  ${(0, node_path.join)(dir, "paths.txt")}`, `  ${(0, node_path.join)(dir, "purge.sh")}`, "", "Before anything else: rotate every secret listed above. They are already exposed;", "rewriting history does not un-leak them, it only stops the next clone from getting them.", "", "Then, in a fresh clone (git filter-repo refuses to rewrite any other without --force):", `  git clone --no-local ${shellQuote(root)} ${shellQuote(clone)}`, `  cd ${shellQuote(clone)}`, `  sh ${shellQuote((0, node_path.join)(dir, "purge.sh"))}`, "", "purge.sh runs, on every branch, tag and other ref:", `  ${filter}`, "and then proves the purge by scanning every commit again (it must find nothing):", `  ${rescan}`, "", "After it passes, publish the rewritten history (git filter-repo removes the origin remote):", "  git remote add origin <URL of the hosted repository>", "  git push --force --all origin && git push --force --tags origin", "", "What a rewrite cannot reach:", "  - forks and every existing clone keep the old commits: ask collaborators to re-clone (a pull or rebase brings the secrets back);", "  - pull-request and merge-request refs (refs/pull/*, refs/merge-requests/*) and cached views stay on the host until its support removes them;", "  - so the rotation above is what actually protects you.");
	return lines.join("\n") + "\n";
}
var PLAN_FILES, PLAN_MARK, purgePlanCommand;
var init_purge_plan = __esmMin((() => {
	init_safe_write();
	init_self();
	init_cli();
	init_git();
	init_history();
	init_purge();
	init_shell();
	init_safe_text();
	PLAN_FILES = [
		"replacements.txt",
		"paths.txt",
		"purge.sh"
	];
	PLAN_MARK = ".leaklint-purge-plan";
	purgePlanCommand = {
		command: "purge-plan",
		describe: "write a git filter-repo plan (replacements.txt, paths.txt, purge.sh) that removes every secret found in history",
		builder: (y) => historyOptions(y).option("out", {
			type: "string",
			describe: "directory for the plan (default: <repository>-leaklint-purge beside the repository)"
		}).option("config", {
			alias: "c",
			type: "string",
			describe: "configuration file (default: leaklint.config.json at the repository root)"
		}).option("baseline", {
			type: "string",
			describe: "accepted findings, left out of the plan (--no-baseline ignores the repository\u2019s own)"
		}).option("max-file-size", {
			type: "number",
			coerce: positiveSize,
			describe: "skip file versions larger than this many bytes"
		}),
		async run(args, io) {
			const root = requireRepoRoot(io.cwd, "leaklint purge-plan rewrites the history of a repository");
			const dir = typeof args.out === "string" && args.out ? (0, node_path.resolve)(io.cwd, args.out) : defaultPlanDir(root);
			checkNotCommittable(root, dir);
			const { scanner, maxFileSize } = await prepareScan("audit", args, configFor(args, io), root);
			const scan = await runHistory(root, scanner, args, io, maxFileSize);
			if (scan.empty) {
				io.stdout.write("leaklint purge-plan: this repository has no commits: nothing to purge\n");
				return 0;
			}
			const result = scanner.result();
			for (const w of result.stats.warnings) io.stderr.write(`leaklint: warning: ${escapeText(w)}\n`);
			const plan = buildPurgePlan(result.findings);
			const done = result.stats.unread ? 3 : 0;
			if (result.stats.unread) io.stderr.write(`leaklint: the history was not read in full (${result.stats.unread} unread): the plan covers only what was read (exit 3)\n`);
			if (plan.replacements.length === 0 && plan.paths.length === 0) {
				io.stdout.write(`leaklint purge-plan: nothing to purge: leaklint history finds no secret and no credential file in ${scan.commits} commits (no plan written)\n`);
				return done;
			}
			preparePlanDir(dir, root);
			const leaklint = thisLeaklint();
			const again = rescanArgs(args, io);
			writePrivate(dir, PLAN_FILES[0], replacementsFile(plan), 384);
			writePrivate(dir, PLAN_FILES[1], pathsFile(plan), 384);
			writePrivate(dir, PLAN_FILES[2], purgeScript(plan, leaklint, again), 448);
			const rescan = [
				...leaklint,
				"history",
				...again
			].map(shellQuote).join(" ");
			io.stdout.write(describePlan(plan, dir, root, rescan, result.suppressed.length));
			return done;
		}
	};
}));
// src/commands/index.ts
var commands_exports = /* @__PURE__ */ __exportAll({ commands: () => commands });
var commands;
var init_commands = __esmMin((() => {
	init_files();
	init_stdin();
	init_rules();
	init_init();
	init_staged();
	init_diff();
	init_history();
	init_audit();
	init_gitignore();
	init_baseline();
	init_purge_plan();
	commands = [
		stagedCommand,
		diffCommand,
		historyCommand,
		auditCommand,
		gitignoreCommand,
		baselineCommand,
		purgePlanCommand,
		filesCommand,
		stdinCommand,
		rulesCommand,
		initCommand
	];
}));
// src/cli.ts
var cli_exports = /* @__PURE__ */ __exportAll({
	EXIT_CLEAN: () => 0,
	EXIT_FINDINGS: () => 1,
	EXIT_INCOMPLETE: () => 3,
	EXIT_USAGE: () => 2,
	UsageError: () => UsageError,
	common: () => common,
	configFor: () => configFor,
	exitCodeOf: () => exitCodeOf,
	finishScan: () => finishScan,
	loadRules: () => loadRules,
	main: () => main,
	noteStaleBaseline: () => noteStaleBaseline,
	positiveSize: () => positiveSize,
	prepareScan: () => prepareScan,
	reportOutputs: () => reportOutputs,
	rulesFor: () => rulesFor,
	runScan: () => runScan,
	verifyIfAsked: () => verifyIfAsked
});
function useColor(args, io) {
	if (!args.color || io.env.NO_COLOR) return false;
	if ("FORCE_COLOR" in io.env && io.env.FORCE_COLOR !== "0") return true;
	return Boolean(io.stdout.isTTY);
}
function reportOutputs(args, io) {
	try {
		return planReports(args.format, args.output, io.cwd, () => repoRoot(io.cwd));
	} catch (e) {
		if (e instanceof OutputSpecError) throw new UsageError(e.message);
		throw e;
	}
}
async function prepareScan(moment, args, config, root, fingerprintKey) {
	const compiled = compileConfig(config);
	const rules = (await rulesFor(config)).filter((r) => !compiled.isDisabled(r.id));
	const engine = new Engine(rules, recipeOf(rules, config));
	const maxFileSize = args["max-file-size"] ?? config.maxFileSize ?? 5242880;
	const baselineFile = root ? baselinePath(args.baseline, root) : void 0;
	const accepted = baselineFile ? readBaseline(baselineFile, root) : void 0;
	const baseline = accepted ? new BaselineMatcher(accepted.entries) : void 0;
	const key = fingerprintKey ?? accepted?.key;
	const accept = (f) => compiled.accept(f) ?? baseline?.accept(f);
	const fingerprint = key ? (f) => keyedFingerprint(key, f.fingerprint) : void 0;
	return {
		rules,
		engine,
		scanner: new Scanner(engine, {
			moment,
			maxFileSize,
			accept,
			adjust: compiled.adjust,
			isIgnored: compiled.isIgnored,
			...fingerprint ? { fingerprint } : {}
		}),
		maxFileSize,
		compiled,
		baseline
	};
}
function noteStaleBaseline(result, baseline, fullScan = true) {
	const expired = baseline?.expired() ?? [];
	if (expired.length) {
		const list = expired.slice(0, 10).map((e) => `${e.path} (${e.rule}, expired ${e.expires})`).join(", ");
		result.stats.warnings.push(`${expired.length} baseline entr${expired.length === 1 ? "y has" : "ies have"} expired, so ${expired.length === 1 ? "its finding is" : "their findings are"} reported again: ${list}${expired.length > 10 ? ", \u2026" : ""}`);
	}
	const stale = fullScan ? baseline?.stale() ?? [] : [];
	if (stale.length === 0) return;
	const list = stale.slice(0, 10).map((e) => `${e.path} (${e.rule})`).join(", ");
	result.stats.warnings.push(`${stale.length} baseline entr${stale.length === 1 ? "y is" : "ies are"} stale (the secret was removed, moved or changed): ${list}${stale.length > 10 ? ", \u2026" : ""}; \`leaklint baseline --prune\` drops them`);
}
function finishScan(result, rules, args, io) {
	const outputs = reportOutputs(args, io);
	const ctx = {
		result,
		rules: new Map(rules.map((r) => [r.id, r])),
		showSecrets: args["show-secrets"],
		color: false,
		quiet: args.quiet
	};
	const root = outputs.some((o) => o.file) ? repoRoot(io.cwd) : void 0;
	for (const out of outputs) if (out.file) writeReportFile(out.file, reporters[out.format](ctx), root);
	else io.stdout.write(reporters[out.format]({
		...ctx,
		color: useColor(args, io)
	}));
	const summary = stepSummaryFile(args["step-summary"], outputs, io.env);
	if (summary) try {
		appendStepSummary(summary, stepSummaryReporter({
			...ctx,
			showSecrets: false
		}));
	} catch (e) {
		io.stderr.write(`leaklint: warning: cannot append the job summary to ${summary}: ${e.message}\n`);
	}
	return exitCodeOf(result);
}
function exitCodeOf(result) {
	if (result.findings.some((f) => f.severity === "error")) return 1;
	return result.stats.unread > 0 ? 3 : 0;
}
async function verifyIfAsked(result, args, io, config, fromConfig = true) {
	if (!(args.verify ?? (fromConfig && config.verify?.enabled === true))) return;
	const { VerifySetupError, verifyResult } = await Promise.resolve().then(() => (init_verify(), verify_exports));
	try {
		await verifyResult(result, {
			env: io.env,
			invalidSeverity: config.verify?.invalidSeverity,
			note: (line) => io.stderr.write(`leaklint: ${line}\n`)
		});
	} catch (e) {
		if (e instanceof VerifySetupError) throw new UsageError(e.message);
		throw e;
	}
}
async function runScan(items, moment, args, io, config, opts = {}) {
	reportOutputs(args, io);
	const { rules, scanner, baseline } = await prepareScan(moment, args, config, opts.root ?? repoRoot(io.cwd) ?? io.cwd);
	for await (const item of items) scanner.add(item);
	const result = scanner.result();
	noteStaleBaseline(result, baseline, Boolean(opts.fullScan));
	await verifyIfAsked(result, args, io, config, opts.verifyFromConfig ?? true);
	return finishScan(result, rules, args, io);
}
function configFor(args, io) {
	return loadConfig(repoRoot(io.cwd) ?? io.cwd, args.config);
}
function positiveSize(value) {
	if (value === void 0) return void 0;
	if (!Number.isFinite(value) || value <= 0) throw new UsageError("--max-file-size takes a positive number of bytes");
	return value;
}
function common(y) {
	return y.option("format", {
		alias: "f",
		type: "string",
		default: "human",
		describe: `report format (${Object.keys(reporters).join(", ")})`
	}).option("show-secrets", {
		type: "boolean",
		default: false,
		describe: "print raw secret values instead of redacted previews"
	}).option("color", {
		type: "boolean",
		default: true,
		describe: "colour the human report (--no-color, or NO_COLOR, turns it off)"
	}).option("quiet", {
		alias: "q",
		type: "boolean",
		default: false,
		describe: "one line per finding, no remediation text"
	}).option("config", {
		alias: "c",
		type: "string",
		describe: "configuration file (default: leaklint.config.json at the repository root)"
	}).option("max-file-size", {
		type: "number",
		coerce: positiveSize,
		describe: `skip files larger than this many bytes (default ${DEFAULT_MAX_FILE_SIZE})`
	}).option("output", {
		alias: "o",
		type: "string",
		describe: "FORMAT=FILE: also write a report in FORMAT to FILE (mode 0600; repeatable); a plain FILE takes the --format report instead of stdout"
	}).option("step-summary", {
		type: "boolean",
		describe: "append a table of every finding to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY; default: when the github format is written)"
	}).option("baseline", {
		type: "string",
		describe: `accepted findings (default: ${BASELINE_FILE} at the repository root when present; --no-baseline ignores it)`
	}).option("verify", {
		type: "boolean",
		describe: "ask each credential's provider whether it is live (one read-only request per credential to the provider's official endpoint; --no-verify overrides the config)"
	});
}
async function main(argv, partialIo = {}) {
	const io = {
		stdout: process.stdout,
		stderr: process.stderr,
		get stdin() {
			return process.stdin;
		},
		cwd: process.cwd(),
		env: process.env,
		...partialIo
	};
	const state = {};
	try {
		if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
			io.stdout.write(`${leaklintVersion()}\n`);
			return 0;
		}
		const staged = parseStagedArgv(argv);
		if (staged) {
			reportOutputs(staged, io);
			const { stagedCommand } = await Promise.resolve().then(() => (init_staged(), staged_exports));
			return await stagedCommand.run(staged, io);
		}
		const diff = parseDiffArgv(argv);
		if (diff) {
			reportOutputs(diff, io);
			const { diffCommand } = await Promise.resolve().then(() => (init_diff(), diff_exports));
			return await diffCommand.run(diff, io);
		}
		return await parseAndRun(argv, io, state);
	} catch (e) {
		const lines = scrubSecrets(e instanceof UsageError || e instanceof ConfigError || e instanceof GitError || e instanceof ReportWriteError || e instanceof UnsafeWriteError ? e.message : state.failure ?? e?.message ?? String(e), await loadRules()).split("\n").map(escapeText);
		io.stderr.write(`leaklint: ${lines.join("\n")}\n`);
		return 2;
	}
}
async function parseAndRun(argv, io, state) {
	const [{ default: yargs }, { commands }] = await Promise.all([Promise.resolve().then(() => (init_yargs(), yargs_exports)), Promise.resolve().then(() => (init_commands(), commands_exports))]);
	let code = 0;
	const run = (fn) => async (args) => {
		const a = args;
		const rest = a["--"] ?? [];
		if (rest.length) a.paths = [...a.paths ?? [], ...rest.map(String)];
		if ("show-secrets" in a) reportOutputs(a, io);
		code = await fn(a);
	};
	const parser = yargs(argv).scriptName("leaklint").parserConfiguration({ "populate--": true }).usage("$0 [command] [options]\n\nFinds credentials before they are committed, pushed or published.\nWith no command, runs an audit of the current repository.").command(commands.map((c) => ({
		...c,
		handler: run((args) => c.run(args, io))
	}))).strict().epilog(EPILOG).help().version("version", "print the version and exit", leaklintVersion()).alias("version", "v").wrap(null).exitProcess(false).fail((msg, err) => {
		state.failure = msg ?? err?.message ?? "invalid arguments";
		if (!err) throw new UsageError(`${state.failure}\nRun 'leaklint --help' for usage.`);
	});
	let helpShown = false;
	parser.showHelpOnFail(false);
	await parser.parseAsync(argv, {}, (err, _argv, output) => {
		if (output && !err) {
			io.stdout.write(output + "\n");
			helpShown = true;
		} else if (err && !state.failure) state.failure = err.message;
	});
	if (state.failure) {
		io.stderr.write(`leaklint: ${state.failure}\nRun 'leaklint --help' for usage.\n`);
		return 2;
	}
	if (helpShown) return 0;
	return code;
}
var UsageError, EPILOG;
var init_cli = __esmMin((() => {
	init_engine();
	init_scan();
	init_config();
	init_rule_set();
	init_baseline$1();
	init_git();
	init_report_file();
	init_report_outputs();
	init_step_summary();
	init_safe_write();
	init_scrub();
	init_redact();
	init_safe_text();
	init_reporters();
	init_fast_argv();
	init_version();
	UsageError = class extends Error {};
	EPILOG = `Exit codes:
  0  no finding at error severity, and everything asked was read
  1  findings at error severity (even when the scan is incomplete)
  2  usage error, bad configuration, git error or internal error
  3  incomplete: no finding at error severity, but the scan read less than
     asked (objects missing from a partial clone or damaged, unreadable files)`;
}));
// src/interrupt.ts
init_git();
init_report_file();
const SIGNAL_EXIT = {
	SIGINT: 130,
	SIGTERM: 143
};
function installInterruptHandlers(stderr = process.stderr) {
	for (const signal of Object.keys(SIGNAL_EXIT)) process.once(signal, () => {
		killGitChildren("SIGKILL");
		removePendingReports();
		stderr.write(`\nleaklint: interrupted (${signal}): no report written\n`);
		process.exit(SIGNAL_EXIT[signal]);
	});
}
// src/entry.ts
init_cli();
init_scrub();
exports.installInterruptHandlers = installInterruptHandlers;
exports.main = main;
exports.scrubInternalError = scrubInternalError;
