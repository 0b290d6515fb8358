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
let node_os = require("node:os");
let node_readline = require("node:readline");
// dist/src/keywords.js
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
// dist/src/placeholder.js
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
// dist/src/sha256.js
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
// dist/src/redact.js
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
function fingerprintKeyId(key) {
	return hmacSha256Hex(key, "leaklint fingerprint key id").slice(0, 16);
}
var init_redact = __esmMin((() => {
	init_sha256();
}));
// dist/src/text.js
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
// dist/src/suppress.js
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
// dist/src/engine.js
function windowMargin(contextLines) {
	return WINDOW_MARGIN * (1 + contextLines);
}
function detach(secret) {
	return JSON.parse(JSON.stringify(secret));
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
			const specific = raw.filter((r) => !r.rule.fallback);
			const kept = raw.filter((r) => !r.rule.fallback || !specific.some((s) => s.start < r.end && r.start < s.end));
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
// dist/src/types.js
function emptyStats() {
	return {
		files: 0,
		bytes: 0,
		skippedBinary: 0,
		skippedLarge: 0,
		warnings: []
	};
}
var init_types$1 = __esmMin((() => {}));
// dist/src/notebook.js
function joinSource(source) {
	if (typeof source === "string") return source;
	if (Array.isArray(source) && source.every((s) => typeof s === "string")) return source.join("");
}
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
			if (!mime.startsWith("text/") && mime !== "application/json" && mime !== "application/javascript") continue;
			const text = typeof value === "string" || Array.isArray(value) ? joinSource(value) : stringifyOutput(value);
			if (text !== void 0) texts.push(text);
		}
		let traceback = "";
		if (Array.isArray(o.traceback)) texts.push(traceback = stripAnsi(o.traceback.filter((t) => typeof t === "string").join("\n")));
		if (typeof o.evalue === "string" && !traceback.includes(stripAnsi(o.evalue))) texts.push(o.evalue);
	}
	return [...new Set(texts.map((t) => normaliseEol(stripAnsi(t))))];
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
// dist/src/scan.js
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
			} else this.stats.warnings.push(`could not read ${path}${detail ? `: ${detail}` : ""}`);
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
			const { moment, fingerprintKeyId } = this.options;
			return {
				findings: this.findings,
				suppressed: this.suppressed,
				stats: this.stats,
				moment,
				...fingerprintKeyId ? { fingerprintKeyId } : {}
			};
		}
	};
}));
// ../../main/node_modules/picomatch/lib/constants.js
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
// ../../main/node_modules/picomatch/lib/utils.js
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
// ../../main/node_modules/picomatch/lib/scan.js
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
// ../../main/node_modules/picomatch/lib/parse.js
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
// ../../main/node_modules/picomatch/lib/picomatch.js
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
// ../../main/node_modules/picomatch/index.js
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
// dist/src/regex-safety.js
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
// dist/src/scrub.js
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
// dist/src/config.js
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
var import_picomatch, CONFIG_FILE, ConfigError, SEVERITIES$1, Reader;
var init_config = __esmMin((() => {
	import_picomatch = /* @__PURE__ */ __toESM(require_picomatch(), 1);
	init_redact();
	init_regex_safety();
	init_scrub();
	CONFIG_FILE = "leaklint.config.json";
	ConfigError = class extends Error {};
	SEVERITIES$1 = [
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
			if (typeof value !== "string" || !SEVERITIES$1.includes(value)) this.fail(key, `must be one of ${SEVERITIES$1.join(", ")}`);
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
// dist/src/rulekit.js
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
// dist/src/extra-rules.js
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
// dist/rules/huggingface.js
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
// dist/rules/prefect.js
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
// dist/rules/sentry.js
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
// dist/rules/modal.js
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
			for (const m of text.matchAll(TOKEN)) {
				if (isModalPlaceholder(m[2])) continue;
				const start = m.index;
				let line = 0;
				for (let i = text.indexOf("\n"); i !== -1 && i < start; i = text.indexOf("\n", i + 1)) line++;
				halves.push({
					kind: m[1],
					start,
					end: start + m[0].length,
					line,
					value: m[0]
				});
			}
			const ids = halves.filter((h) => h.kind === "ak");
			const out = [];
			const pairedIds = /* @__PURE__ */ new Set();
			for (const secret of halves.filter((h) => h.kind === "as")) {
				const id = ids.filter((i) => !pairedIds.has(i) && Math.abs(i.line - secret.line) <= PAIR_DISTANCE$1).sort((a, b) => Math.abs(a.line - secret.line) - Math.abs(b.line - secret.line))[0];
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
			for (const id of ids) {
				if (pairedIds.has(id)) continue;
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
// dist/rules/wandb.js
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
// dist/rules/openai.js
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
// dist/rules/anthropic.js
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
// dist/rules/github.js
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
// dist/rules/gitlab.js
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
// dist/rules/aws.js
function lineOf(text, offset) {
	let n = 0;
	for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) n++;
	return n;
}
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
			const secrets = [...text.matchAll(NAMED_SECRET)].map((m) => ({
				value: m.groups.secret,
				start: m.index + m[0].length - 40,
				line: lineOf(text, m.index)
			}));
			const used = /* @__PURE__ */ new Set();
			const out = [];
			for (const m of text.matchAll(KEY_ID)) {
				const id = m[1];
				const line = lineOf(text, m.index);
				const pairIndex = secrets.findIndex((s, i) => !used.has(i) && Math.abs(s.line - line) <= PAIR_DISTANCE);
				if (pairIndex >= 0) {
					used.add(pairIndex);
					const s = secrets[pairIndex];
					out.push({
						start: s.start,
						end: s.start + 40,
						secret: s.value,
						message: `AWS access key pair (key id ${id} with its secret access key)`
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
// dist/rules/google.js
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
		visiblePrefix: 4
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
// dist/rules/slack.js
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
// dist/rules/stripe.js
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
// dist/rules/npm.js
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
// dist/rules/pypi.js
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
// dist/rules/replicate.js
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
// dist/rules/groq.js
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
// dist/rules/vercel.js
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
// dist/rules/private-key.js
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
// dist/rules/url-credentials.js
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
				const start = m.index + m[0].lastIndexOf(`:${password}@`) + 1;
				const devDefault = DEV_HOSTS.test(host) || password === user;
				out.push({
					start,
					end: start + password.length,
					secret: password,
					...devDefault ? {
						severity: "warning",
						message: `Credential in a URL for a local or development host (${host})`
					} : { message: `Credential embedded in a ${m.groups.scheme} URL for ${host}` }
				});
			}
			return out;
		}
	};
	rules$2 = [urlCredential];
}));
// dist/rules/generic.js
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
	const lineStart = text.lastIndexOf("\n", index - 1) + 1;
	const before = text.slice(lineStart, index).trim();
	return before === "" || before === "-" || /[{,(]$/.test(before) || /^(?:export|set|ENV)$/i.test(before);
}
var remediation$1, SECRET_WORD, KEY_PREFIXES, NOT_A_VALUE, ASSIGNMENT, MAX_NAME, SECRET_WORD_ANYWHERE, OPERATOR_AT, ASSIGNMENT_AT, SOURCE_CODE, PASSWORD_NAME, squash, assignment, rules$1;
var init_generic = __esmMin((() => {
	init_placeholder();
	init_rulekit();
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
	NOT_A_VALUE = /(?:^|[_.-])(?:url|uri|endpoint|path|file|dir|name|id|type|length|len|size|count|env|var|header|prefix|format|expiry|expires|ttl|timeout|enabled|required|mode|min|max|policy|field|key_?id|hint|label|description|help|regex|pattern)$/i;
	ASSIGNMENT = new RegExp(String.raw`(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,40}${SECRET_WORD}[A-Za-z0-9_.-]{0,40})["'\]]?\s*(?::=|=>|=|:)\s*(?<q>(?:[rbfu]?["'\`])?)(?<value>[^\s"'\`,;#]{8,256})`, "gi");
	MAX_NAME = 94;
	SECRET_WORD_ANYWHERE = new RegExp(SECRET_WORD, "gi");
	OPERATOR_AT = /["'\]]?\s*[:=]/y;
	ASSIGNMENT_AT = new RegExp(ASSIGNMENT.source, "iy");
	SOURCE_CODE = /\.(?:[cm]?[jt]sx?|py|pyi|rb|go|java|kt|kts|scala|swift|rs|php|cs|c|cc|cpp|h|hpp|m|dart|lua|r|jl|ex|exs|vue|svelte|flow|map)$/i;
	PASSWORD_NAME = /pass|pwd/i;
	squash = (s) => s.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
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
				const value = m.groups.value.replace(/(?:\\[nrt])+$/, "");
				if (NOT_A_VALUE.test(name)) continue;
				if (squash(value) === squash(name.split(".").pop())) continue;
				if (!isKeyPosition(text, m.index, m[0])) continue;
				if (isCode(value) || !looksRandom(value)) continue;
				if (!m.groups.q) {
					if (SOURCE_CODE.test(ctx.path)) continue;
					if (looksLikeIdentifier(value)) continue;
				} else if (isLettersOnlyName(value) && !PASSWORD_NAME.test(name)) continue;
				const start = m.index + m[0].length - m.groups.value.length;
				out.push({
					start,
					end: start + value.length,
					secret: value,
					message: `High-entropy value assigned to ${name}`
				});
			}
			return out;
		}
	};
	rules$1 = [assignment];
}));
// dist/rules/credential-files.js
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
var remediation, basename$4, ENV_TEMPLATES, rules;
var init_credential_files = __esmMin((() => {
	remediation = {
		rotate: "rotate every credential the file held: it stays readable in history even after the file is deleted",
		store: "the platform\u2019s secret store (CI secrets, HF Space secrets, Modal Secrets, Prefect Secret blocks, a cloud secret manager); locally, keep the file but ignore it",
		read: "from the environment (os.environ[\"NAME\"], process.env.NAME); commit a template such as .env.example with placeholder values instead"
	};
	basename$4 = (path) => path.slice(path.lastIndexOf("/") + 1);
	ENV_TEMPLATES = /^\.env\.(example|sample|template|dist|defaults?|schema|tpl|in)$|^\.env\.sentry-build-plugin$/i;
	rules = [
		fileRule("credential-files-dotenv", "Environment file (.env)", ".env files hold the real values of API keys and passwords for local runs; they are meant to stay on one machine.", ".env", (path) => {
			const name = basename$4(path);
			return /^\.env(\..+)?$/.test(name) && !ENV_TEMPLATES.test(name);
		}),
		fileRule("credential-files-netrc", "netrc file", "A netrc file holds login passwords for hosts (W&B, Heroku, curl \u2026) in plain text.", ".netrc", (path) => /^[._]netrc$/.test(basename$4(path))),
		fileRule("credential-files-git-credentials", "git credential store (.git-credentials)", "`git credential-store` writes every remembered password and token here as https://user:token@host lines.", ".git-credentials", (path) => basename$4(path) === ".git-credentials"),
		fileRule("credential-files-local-secrets", "Local secrets module or script", "Files named for secrets (_local_secrets.py, secrets_*.py, *_secrets.sh, *.secret) exist to hold real values outside the code.", "*.secret", (path) => {
			const name = basename$4(path);
			return name === "_local_secrets.py" || /^secrets_[^/]+\.py$/.test(name) || /_secrets\.sh$/.test(name) || /\.secret$/.test(name);
		}),
		fileRule("credential-files-shell-history", "Shell or REPL history file", "History files record commands as typed, including tokens passed on the command line and exported secrets.", ".*_history", (path) => /^\.(bash|zsh|sh|python|psql|mysql|node_repl|sqlite|irb|rediscli)_history$/.test(basename$4(path)))
	];
}));
// dist/rules/index.js
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
// dist/src/repo/rules.js
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
// dist/src/rule-set.js
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
// dist/src/safe-write.js
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
// dist/src/baseline.js
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
			if (o.source !== void 0 && !SOURCES.includes(o.source)) throw new ConfigError(`${file}: "entries[${i}].source" must be one of ${SOURCES.map((x) => `"${x}"`).join(", ")}`);
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
		...typeof e.expires === "string" ? { expires: e.expires } : {},
		...e.source ? { source: e.source } : {}
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
function mergeBaseline(old, found, opts) {
	const oldBy = new Map(old.map((e) => [e.fingerprint, e]));
	const current = /* @__PURE__ */ new Map();
	for (const f of found) {
		const prev = oldBy.get(f.fingerprint);
		current.set(f.fingerprint, {
			fingerprint: f.fingerprint,
			rule: f.rule,
			path: f.path,
			...optional({
				...prev,
				...optional(f),
				source: f.source ?? prev?.source
			})
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
var BASELINE_FILE, SOURCES, BaselineMatcher;
var init_baseline$1 = __esmMin((() => {
	init_config();
	init_scrub();
	init_redact();
	init_sha256();
	init_safe_write();
	BASELINE_FILE = ".leaklint-baseline.json";
	SOURCES = ["history", "repo"];
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
		stale(covered = () => true) {
			return this.entries.filter((e) => !this.used.has(e.fingerprint) && covered(e));
		}
	};
}));
// dist/src/git-policy.js
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
// dist/src/git.js
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
	if (r.error) {
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
	const url = new URL([
		".",
		"workers",
		"triage.js"
	].join("/"), require("url").pathToFileURL(__filename).href);
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
async function* catFileBatch(cwd, oids, maxSize) {
	const child = gitStream(cwd, ["cat-file", "--batch"]);
	child.stderr.resume();
	let writeError;
	const writer = (async () => {
		try {
			for await (const oid of oids) if (!child.stdin.write(`${oid}\n`)) await new Promise((r) => child.stdin.once("drain", r));
		} catch (e) {
			writeError = e;
		} finally {
			child.stdin.end();
		}
	})();
	const reader = new CatFileBatchReader(maxSize);
	try {
		for await (const chunk of child.stdout) yield* reader.push(chunk);
	} finally {
		child.kill();
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
// dist/src/report-file.js
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
// dist/src/safe-text.js
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
// ../../main/node_modules/picocolors/picocolors.js
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
// dist/src/reporters/types.js
function shownSecret(f, showSecrets) {
	return showSecrets && f.secret ? f.secret : f.preview;
}
var init_types = __esmMin((() => {}));
// dist/src/shell.js
function shellQuote(word) {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
var init_shell = __esmMin((() => {}));
// dist/src/remediation.js
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
// dist/src/reporters/human.js
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
			}
			if (!ctx.quiet) for (const [ruleId, same] of groupBy(findings, (f) => f.ruleId)) {
				const rule = ctx.rules.get(ruleId);
				lines.push(`    ${c.bold(ruleId)}${rule ? `: ${escapeText(rule.why)}` : ""}`);
				for (const step of remediationSteps(rule, same[0], result.moment)) lines.push(`      ${c.dim("\u2192")} ${escapeText(step)}`);
			}
			lines.push("");
		}
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
		for (const w of s.warnings) lines.push(c.yellow(`warning: ${w}`));
		const summary = parts.join(", ");
		lines.push(counts.error ? c.red(summary) : result.findings.length ? c.yellow(summary) : c.green(summary));
		return lines.join("\n") + "\n";
	};
}));
// dist/src/reporters/json.js
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
			...f.suppressed ? { suppressed: f.suppressed } : {}
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
				warnings: result.stats.warnings,
				fingerprints: result.fingerprintKeyId ? "keyed" : "plain",
				...result.fingerprintKeyId ? { fingerprintKeyId: result.fingerprintKeyId } : {}
			}
		};
		return escapeJsonText(JSON.stringify(report, null, 2)) + "\n";
	};
}));
// dist/src/version.js
function leaklintVersion() {
	if (version === void 0) try {
		version = JSON.parse((0, node_fs.readFileSync)(new URL("../../package.json", require("url").pathToFileURL(__filename).href), "utf8")).version ?? "0.0.0";
	} catch {
		version = "0.0.0";
	}
	return version;
}
var version;
var init_version = __esmMin((() => {}));
// dist/src/reporters/sarif.js
function commitProperties(f) {
	const props = {};
	if (f.origin.kind === "commit") Object.assign(props, {
		commit: f.origin.commit.sha,
		author: f.origin.commit.author,
		date: f.origin.commit.date
	});
	if (f.cell !== void 0) props.cell = f.cell;
	if (f.history) props.history = f.history;
	return props;
}
var LEVEL, sarifReporter;
var init_sarif = __esmMin((() => {
	init_types();
	init_remediation();
	init_safe_text();
	init_version();
	LEVEL = {
		error: "error",
		warning: "warning",
		info: "note"
	};
	sarifReporter = (ctx) => {
		const { result } = ctx;
		const all = [...result.findings, ...result.suppressed];
		const ruleIds = [...new Set(all.map((f) => f.ruleId))];
		const rules = ruleIds.map((id) => {
			const rule = ctx.rules.get(id);
			const sample = all.find((f) => f.ruleId === id);
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
					tags: ["security", "secret"]
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
					warnings: result.stats.warnings
				}
			}]
		};
		return escapeJsonText(JSON.stringify(log, null, 2)) + "\n";
	};
}));
// dist/src/reporters/github.js
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
// dist/src/reporters/gitlab.js
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
// dist/src/reporters/junit.js
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
// dist/src/reporters/index.js
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
// dist/src/fast-argv.js
function readOptions(argv, args, flags, positional, rest) {
	const seen = /* @__PURE__ */ new Set();
	const set = (name, value) => {
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
		"--no-baseline": ["baseline", false]
	};
	PLAIN_SIZE = /^[1-9][0-9]{0,14}$/;
	DIFF_FLAGS = {
		...FLAGS,
		"--allow-empty": ["allow-empty", true]
	};
}));
// dist/src/sources/patch.js
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
// dist/src/sources/diff-items.js
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
// dist/src/sources/diff-blobs.js
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
	const sizes = blobSizes(root, [...new Set(oids)]);
	let group = [];
	let bytes = 0;
	const flush = () => {
		if (group.length === 0) return;
		const r = gitSync(root, ["cat-file", "--batch"], group.join("\n") + "\n");
		group = [];
		bytes = 0;
		if (r.status !== 0) return;
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
// dist/src/sources/staged.js
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
// dist/src/staged-prestart.js
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
// dist/src/read-file.js
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
// dist/src/sources/files.js
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
// dist/src/commands/staged.js
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
						root: repo.root
					});
				}
				io.stderr.write("leaklint: nothing staged to scan (no added, copied, modified or renamed files)\n");
				return 0;
			}
			return runScan(stagedItems(plan, args["max-file-size"] ?? config.maxFileSize ?? 5242880), "precommit", args, io, config, { root: plan.root });
		}
	};
}));
// dist/src/ci-env.js
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
		const number = payload?.number ?? payload?.pull_request?.number;
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
// dist/src/sources/range.js
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
// dist/src/commands/diff.js
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
// dist/src/commands/files.js
var filesCommand;
var init_files = __esmMin((() => {
	init_cli();
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
			const config = configFor(args, io);
			const compiled = compileConfig(config);
			return runScan(fileItems(args.paths ?? [], {
				cwd: io.cwd,
				untracked: Boolean(args.untracked),
				maxFileSize: args["max-file-size"] ?? config.maxFileSize ?? 5242880,
				isIgnored: compiled.isIgnored
			}), "files", args, io, config, { fullScan: (args.paths ?? []).length === 0 });
		}
	};
}));
// dist/src/sources/stdin.js
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
// dist/src/commands/stdin.js
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
// dist/src/commands/rules.js
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
// dist/src/repo/gitignore.js
function probeFor(pattern) {
	return pattern.replace(/^\/+/, "").replace(/^\*/, "probe").replace(/\.\*$/, ".local").replace(/\*$/, "").replace(/\*/g, "x");
}
function ignored(root, paths) {
	const r = gitSync(root, [
		"check-ignore",
		"--no-index",
		"-z",
		"--stdin"
	], paths.join("\0") + "\0");
	if (r.status > 1) return new Set(paths);
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
	return r.status === 0 ? r.stdout.toString("utf8").split("\0").filter(Boolean) : [];
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
// dist/src/self.js
function leaklintBin() {
	return (0, node_url.fileURLToPath)(new URL("../../bin/leaklint.js", require("url").pathToFileURL(__filename).href));
}
var init_self = __esmMin((() => {}));
// dist/src/init.js
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
		const text = (0, node_fs.readFileSync)((0, node_path.join)(root, ".pre-commit-config.yaml"), "utf8");
		if (runsLeaklint(text) || /id:\s*leaklint\b/.test(text)) plan.unchanged.push(".pre-commit-config.yaml already runs leaklint");
		else plan.notes.push([
			"Add to .pre-commit-config.yaml (the pre-commit framework owns the git hook, so leaklint does not edit it):",
			"  - repo: local",
			"    hooks:",
			"      - id: leaklint",
			"        name: leaklint (secrets in staged changes)",
			`        entry: ${command} staged`,
			"        language: system",
			"        pass_filenames: false",
			"then run: pre-commit install"
		].join("\n"));
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
// dist/src/commands/init.js
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
// dist/src/async-queue.js
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
// dist/src/sources/blob-feed.js
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
// dist/src/sources/history-refs.js
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
// dist/src/sources/history.js
function short(c) {
	return c.sha.slice(0, 12);
}
async function scanHistory(root, scanner, opts) {
	const hasRefs = gitSync(root, [
		"for-each-ref",
		"--count=1",
		"--format=%(refname)"
	]).stdout.toString().trim() !== "";
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
	const absent = missingObjects(root);
	const revs = opts.refs.length ? ["--end-of-options", ...opts.refs] : opts.includeStash ? ["--all"] : [
		"--exclude=refs/stash",
		"--all",
		...hasHead ? ["HEAD"] : []
	];
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
	let missingAnswers = 0;
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
				missingAnswers++;
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
	addCopies(scanner, findingBlob, blobs, paths, commits);
	tooLarge.sort((a, b) => a.info.first - b.info.first || (a.info.path < b.info.path ? -1 : 1));
	for (const { info, size } of tooLarge) scanner.add({
		type: "skipped",
		path: info.path,
		reason: "large",
		detail: `${formatBytes(size)} in ${short(commits[info.first])}`
	});
	progress.commits = commits.length;
	progress.blobs = blobs.size;
	let missing = missingAnswers;
	for (const oid of absent) if (blobs.delete(oid)) missing++;
	missing += Math.max(0, blobs.size - progress.blobsDone);
	if (missing) scanner.stats.warnings.push(`${missing} object${missing === 1 ? " is" : "s are"} missing (partial or damaged clone) and were skipped: the audit is incomplete`);
	const headBlobs = /* @__PURE__ */ new Set();
	const headPaths = /* @__PURE__ */ new Set();
	if (hasHead) {
		const tree = gitSync(root, [
			"ls-tree",
			"-r",
			"-z",
			"--full-tree",
			"HEAD"
		]).stdout.toString("latin1");
		for (const entry of tree.split("\0")) {
			const tab = entry.indexOf("	");
			if (tab === -1) continue;
			headBlobs.add(entry.slice(0, tab).split(" ")[2]);
			headPaths.add(Buffer.from(entry.slice(tab + 1), "latin1").toString("utf8"));
		}
	}
	const peeked = readBlobsText(root, [...paths].filter(([path]) => scanner.engine.looksInside(path)).map(([, ev]) => ev.oid), opts.maxFileSize);
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
function missingObjects(root) {
	if (!gitSync(root, [
		"config",
		"--get",
		"extensions.partialClone"
	]).stdout.toString().trim()) return /* @__PURE__ */ new Set();
	const r = gitSync(root, [
		"rev-list",
		"--objects",
		"--missing=print",
		"--all"
	]);
	const out = /* @__PURE__ */ new Set();
	for (const line of r.stdout.toString("latin1").split("\n")) if (line.startsWith("?")) out.add(line.slice(1).trim());
	return out;
}
function addCopies(scanner, findingBlob, blobs, paths, commits) {
	for (const [f, oid] of [...findingBlob]) {
		const info = blobs.get(oid);
		for (const path of info.paths) {
			if (path === info.path) continue;
			const inline = f.suppressed?.startsWith("inline") ? { suppressed: f.suppressed } : {};
			const { suppressed: _, ...rest } = f;
			const ev = paths.get(path);
			const origin = ev?.oid === oid ? {
				kind: "commit",
				commit: commits[ev.firstAdded]
			} : f.origin;
			const copy = {
				...rest,
				...inline,
				file: path,
				origin,
				fingerprint: fingerprint(f.ruleId, path, f.secret)
			};
			const before = {
				f: scanner.findings.length,
				s: scanner.suppressed.length
			};
			scanner.add({
				type: "finding",
				finding: copy
			});
			for (const c of [...scanner.findings.slice(before.f), ...scanner.suppressed.slice(before.s)]) findingBlob.set(c, oid);
		}
	}
}
function dedupe(root, scanner, findingBlob, blobs, commits, parents, headBlobs) {
	const groupsOf = [scanner.findings, scanner.suppressed].map((list) => groupByRuleAndSecret(list, findingBlob));
	const firstShas = /* @__PURE__ */ new Set();
	for (const { groups } of groupsOf) for (const group of groups.values()) {
		const infoOf = (f) => blobs.get(findingBlob.get(f));
		const copied = (f) => f.file === infoOf(f).path ? 0 : 1;
		group.sort((a, b) => infoOf(a).first - infoOf(b).first || copied(a) - copied(b) || byPlace(a, b));
		firstShas.add(firstCommitOf(group[0], infoOf(group[0]), commits).sha);
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
			const firstCommit = firstCommitOf(first, infoOf(first), commits);
			first.history = {
				firstCommit,
				commits: count,
				paths: [...allPaths].sort(),
				inHead: [...oids].some((o) => headBlobs.has(o)),
				refs: [...refsOf.get(firstCommit.sha)],
				fingerprints: [...new Map(group.map((f) => [f.file, f.fingerprint])).entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([path, fp]) => ({
					path,
					fingerprint: fp
				}))
			};
			firsts.push(first);
		}
		const when = (f) => blobs.get(findingBlob.get(f)).first;
		firsts.sort((a, b) => when(a) - when(b) || byPlace(a, b));
		list.splice(0, list.length, ...kept, ...firsts);
	});
}
function firstCommitOf(f, info, commits) {
	return f.origin.kind === "commit" ? f.origin.commit : commits[info.first];
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
	init_redact();
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
// dist/src/commands/history.js
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
			const { rules, scanner, maxFileSize } = await prepareScan("audit", args, configFor(args, io), root);
			const scan = await runHistory(root, scanner, args, io, maxFileSize);
			if (scan.empty) {
				io.stderr.write("leaklint: this repository has no commits: there is no history to scan (run `leaklint files` for the working tree)\n");
				return 0;
			}
			io.stderr.write(`leaklint: scanned ${scan.commits} commits, ${scan.blobs} unique file versions\n`);
			return finishScan(scanner.result(), rules, args, io);
		}
	};
}));
// dist/src/redact-url.js
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
// dist/src/repo/remotes.js
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
// dist/src/repo/extraheader.js
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
// dist/src/commands/audit.js
function keyOf(f) {
	return f.kind === "path" ? `${f.ruleId}\0${f.file}` : `${f.ruleId}\0${f.secret}`;
}
var auditCommand;
var init_audit = __esmMin((() => {
	init_cli();
	init_git();
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
			const config = configFor(args, io);
			const root = repoRoot(io.cwd);
			if (!root) {
				io.stderr.write("leaklint: not a git repository: scanning the files of this directory only (no history, no repository checks)\n");
				const compiled = compileConfig(config);
				return runScan(fileItems(["."], {
					cwd: io.cwd,
					untracked: false,
					maxFileSize: args["max-file-size"] ?? config.maxFileSize ?? 5242880,
					isIgnored: compiled.isIgnored
				}), "audit", args, io, config);
			}
			const { rules, engine, scanner, maxFileSize, compiled, baseline } = await prepareScan("audit", args, config, root);
			const scan = await runHistory(root, scanner, args, io, maxFileSize);
			const reported = new Set(scanner.findings.map(keyOf));
			const seen = /* @__PURE__ */ new Set([...reported, ...scanner.suppressed.map(keyOf)]);
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
				const known = list === scanner.findings ? reported : seen;
				const fresh = list.splice(start).filter((f) => !known.has(keyOf(f)));
				list.push(...fresh);
			}
			const warn = (w) => scanner.stats.warnings.push(w);
			for (const f of [
				...gitignoreFindings(root, config.gitignore.required),
				...remoteFindings(root, engine, warn),
				...extraHeaderFindings(root, engine, warn)
			]) scanner.add({
				type: "finding",
				finding: f
			});
			const result = scanner.result();
			noteStaleBaseline(result, baseline);
			io.stderr.write(`leaklint: audited ${scan.commits} commits (${scan.blobs} unique file versions), the working tree and the repository set-up\n`);
			return finishScan(result, rules, args, io);
		}
	};
}));
// dist/src/commands/gitignore.js
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
// dist/src/baseline-candidates.js
function candidatesOf(findings, source) {
	return findings.map((f) => {
		return {
			entries: (f.history?.fingerprints ?? [{
				path: f.file,
				fingerprint: f.fingerprint
			}]).map((p) => ({
				fingerprint: p.fingerprint,
				rule: f.ruleId,
				path: p.path,
				...source ? { source } : {}
			})),
			shown: {
				ruleId: f.ruleId,
				severity: f.severity,
				message: f.message,
				file: f.file,
				line: f.line,
				column: f.column,
				endLine: f.endLine,
				endColumn: f.endColumn,
				...f.cell !== void 0 ? { cell: f.cell } : {},
				preview: f.preview,
				secret: f.secret,
				...f.origin.kind === "commit" ? { commit: f.origin.commit.sha } : {},
				...f.history ? {
					paths: f.history.paths,
					inHead: f.history.inHead
				} : {}
			}
		};
	});
}
function candidatesOfReport(file, key) {
	let report;
	try {
		report = JSON.parse((0, node_fs.readFileSync)(file, "utf8"));
	} catch (e) {
		const code = e.code;
		throw new ConfigError(`${file}: ${code ? `cannot read it (${code})` : jsonErrorMessage(e)}`);
	}
	if (!isObject(report) || report.version !== 1 || !Array.isArray(report.findings) || !isObject(report.summary)) throw new ConfigError(`${file}: not a leaklint JSON report (version 1; write one with --format json)`);
	const { fingerprints, fingerprintKeyId: keyId } = report.summary;
	let accept;
	if (fingerprints === "plain") accept = (fp) => keyedFingerprint(key, fp);
	else if (fingerprints === "keyed") {
		if (keyId !== fingerprintKeyId(key)) throw new ConfigError(`${file}: its fingerprints are keyed with another baseline's key: scan again with this baseline (or with --no-baseline) and pass that report`);
		accept = (fp) => fp;
	} else throw new ConfigError(`${file}: the report does not say which fingerprints it holds (written by an older leaklint): scan again and pass the new report`);
	return report.findings.map((raw, i) => {
		const at = `${file}: findings[${i}]`;
		if (!isObject(raw)) throw new ConfigError(`${at} is not an object`);
		const { ruleId, file: path, fingerprint } = raw;
		if (typeof ruleId !== "string" || typeof path !== "string") throw new ConfigError(`${at} needs "ruleId" and "file"`);
		if (typeof fingerprint !== "string" || !FINGERPRINT.test(fingerprint)) throw new ConfigError(`${at}.fingerprint must be 32 hex digits`);
		const history = isObject(raw.history) ? raw.history : void 0;
		const commit = typeof raw.commit === "string" && SHA.test(raw.commit) ? raw.commit : void 0;
		const source = history || commit ? "history" : REPO_RULES.has(ruleId) ? "repo" : void 0;
		const entries = (Array.isArray(history?.fingerprints) ? history.fingerprints : [{
			path,
			fingerprint
		}]).map((p, j) => {
			const place = isObject(p) ? p : {};
			if (typeof place.path !== "string" || typeof place.fingerprint !== "string" || !FINGERPRINT.test(place.fingerprint)) throw new ConfigError(`${at}.history.fingerprints[${j}] needs a "path" and a 32-hex-digit "fingerprint"`);
			return {
				fingerprint: accept(place.fingerprint),
				rule: ruleId,
				path: place.path,
				...source ? { source } : {}
			};
		});
		const value = typeof raw.secret === "string" && raw.secret.includes("********") ? raw.secret : "";
		const paths = Array.isArray(history?.paths) ? history.paths.filter((p) => typeof p === "string") : void 0;
		return {
			entries,
			shown: {
				ruleId,
				severity: SEVERITIES.includes(raw.severity) ? raw.severity : "error",
				message: typeof raw.message === "string" ? raw.message : ruleId,
				file: path,
				line: int(raw.line),
				column: int(raw.column),
				endLine: int(raw.endLine),
				endColumn: int(raw.endColumn),
				...typeof raw.cell === "number" ? { cell: int(raw.cell) } : {},
				preview: value,
				...commit ? { commit } : {},
				...paths ? { paths } : {},
				...typeof history?.inHead === "boolean" ? { inHead: history.inHead } : {}
			}
		};
	});
}
var FINGERPRINT, SHA, REPO_RULES, SEVERITIES, isObject, int;
var init_baseline_candidates = __esmMin((() => {
	init_config();
	init_scrub();
	init_redact();
	init_rules$1();
	FINGERPRINT = /^[0-9a-f]{32}$/;
	SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
	REPO_RULES = new Set(repoRules.map((r) => r.id));
	SEVERITIES = [
		"error",
		"warning",
		"info"
	];
	isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
	int = (v) => typeof v === "number" && Number.isInteger(v) && v > 0 ? v : 1;
}));
// dist/src/baseline-review.js
function lineReader(input) {
	const rl = (0, node_readline.createInterface)({
		input,
		terminal: false
	});
	const lines = rl[Symbol.asyncIterator]();
	return {
		next: async () => {
			const r = await lines.next();
			return r.done ? void 0 : String(r.value);
		},
		close: () => rl.close()
	};
}
function header(c, i, total, rules) {
	const f = c.shown;
	const safe = (s) => escapeText(scrubSecrets(s, rules));
	const place = `${f.file}${f.cell !== void 0 ? ` (cell ${f.cell})` : ""}:${f.line}:${f.column}`;
	const out = [`[${i + 1}/${total}] ${f.severity}  ${safe(f.ruleId)}: ${safe(f.message)}`, `  ${safe(place)}${f.preview ? `  ${safe(f.preview)}` : ""}`];
	if (f.commit) {
		const head = f.inHead === void 0 ? "" : f.inHead ? ", still in HEAD" : ", no longer in HEAD";
		out.push(`  first committed in ${f.commit.slice(0, 12)}${head}`);
	}
	const others = (f.paths ?? []).filter((p) => p !== f.file);
	if (others.length) out.push(`  also committed as: ${others.slice(0, 5).map(safe).join(", ")}${others.length > 5 ? ", \u2026" : ""}`);
	return out;
}
async function reviewCandidates(candidates, io, rules, context) {
	const reader = lineReader(io.input);
	const say = (text) => io.output.write(text);
	const ask = async (prompt) => {
		say(prompt);
		return (await reader.next())?.trim();
	};
	const accepted = [];
	const counts = {
		accepted: 0,
		rejected: 0,
		skipped: 0,
		unreviewed: 0
	};
	try {
		for (let i = 0; i < candidates.length; i++) {
			const c = candidates[i];
			const lines = context(c);
			say(`\n${header(c, i, candidates.length, rules).join("\n")}\n${lines ? lines.map((l) => `    ${l}`).join("\n") : "    (no context: the file cannot be read here)"}\n`);
			let answer;
			for (;;) {
				answer = (await ask("Accept into the baseline? [a]ccept, [r]eject, [s]kip, [q]uit: "))?.toLowerCase();
				if (answer === void 0 || [
					"a",
					"accept",
					"r",
					"reject",
					"s",
					"skip",
					"q",
					"quit"
				].includes(answer)) break;
				say("Please answer a, r, s or q.\n");
			}
			if (answer === void 0 || answer.startsWith("q")) {
				counts.unreviewed = candidates.length - i;
				break;
			}
			if (answer.startsWith("r")) counts.rejected++;
			else if (answer.startsWith("s")) counts.skipped++;
			else {
				const reason = await askReason(ask, say, rules);
				const expires = reason === void 0 ? void 0 : await askExpiry(ask, say);
				if (reason === void 0 || expires === void 0) {
					counts.unreviewed = candidates.length - i;
					break;
				}
				accepted.push(...c.entries.map((e) => ({
					...e,
					reason,
					...expires ? { expires } : {}
				})));
				counts.accepted++;
			}
		}
	} finally {
		reader.close();
	}
	return {
		accepted,
		counts
	};
}
async function askReason(ask, say, rules) {
	for (;;) {
		const reason = await ask("Reason (why accepting it is safe, e.g. \"revoked 2024-05-01\"): ");
		if (reason === void 0) return void 0;
		if (!reason) say("A reason is required.\n");
		else if (scrubSecrets(reason, rules) !== reason) say("That reason looks like it holds a secret; describe it instead.\n");
		else return reason;
	}
}
async function askExpiry(ask, say) {
	for (;;) {
		const day = await ask("Expires on (YYYY-MM-DD, empty for never): ");
		if (day === void 0 || day === "") return day;
		if (!isDay(day)) say("Write the date as YYYY-MM-DD.\n");
		else if (day <= today()) say("The date must be after today (from that day on the finding is reported again).\n");
		else return day;
	}
}
var init_baseline_review = __esmMin((() => {
	init_baseline$1();
	init_safe_text();
	init_scrub();
}));
// dist/src/finding-context.js
function fromCommit(root, f) {
	for (const path of [f.file, ...(f.paths ?? []).filter((p) => p !== f.file)]) {
		const r = gitSync(root, [
			"cat-file",
			"blob",
			`${f.commit}:${path}`
		]);
		if (r.status === 0) return r.stdout;
	}
}
function fromWorktree(root, f) {
	try {
		const dir = checkedDir(root, (0, node_path.dirname)((0, node_path.join)(root, f.file)), {
			target: (0, node_path.join)(root, f.file),
			verb: "read"
		});
		const read = readRegularFile((0, node_path.join)(dir, f.file.split("/").pop()), MAX_BYTES);
		return read.kind === "data" ? read.data : void 0;
	} catch {
		return;
	}
}
function textOf(root, f) {
	const data = (f.commit ? fromCommit(root, f) : void 0) ?? fromWorktree(root, f);
	if (!data) return void 0;
	const decoded = decode$1(data);
	if (decoded.kind !== "text") return void 0;
	if (f.cell === void 0) return decoded.text;
	const chunks = notebookChunks(f.file, decoded.text, { kind: "worktree" })?.filter((c) => c.cell === f.cell) ?? [];
	return (chunks.find((c) => f.secret ? spanOf(c.text.split("\n"), f) === f.secret : c.text.split("\n").length >= f.endLine) ?? chunks[0])?.text;
}
function spanOf(lines, f) {
	const parts = [];
	for (let n = f.line; n <= f.endLine; n++) {
		const text = lines[n - 1] ?? "";
		parts.push(text.slice(n === f.line ? f.column - 1 : 0, n === f.endLine ? f.endColumn - 1 : text.length));
	}
	return parts.join("\n");
}
function cut(line, at) {
	if (line.length <= WIDTH) return line;
	const start = Math.max(0, Math.min(at - WIDTH / 2, line.length - WIDTH));
	return `${start > 0 ? "\u2026" : ""}${line.slice(start, start + WIDTH)}${start + WIDTH < line.length ? "\u2026" : ""}`;
}
function mask(lines, first, span, shown) {
	for (let n = Math.max(span.line, first); n <= Math.min(span.endLine, first + lines.length - 1); n++) {
		const line = lines[n - first];
		const from = n === span.line ? span.column - 1 : 0;
		const to = n === span.endLine ? span.endColumn - 1 : line.length;
		lines[n - first] = line.slice(0, from) + (n === span.line ? shown : "") + line.slice(Math.max(from, to));
	}
}
function maskOthers(lines, f, rules) {
	let found;
	try {
		found = new Engine(rules).scan({
			path: f.file,
			text: lines.join("\n"),
			startLine: 1,
			origin: { kind: "worktree" }
		});
	} catch {
		found = [];
	}
	for (const o of found.sort((a, b) => b.line - a.line || b.column - a.column)) mask(lines, 1, o, o.preview || "********");
}
function findingContext(root, f, rules) {
	const text = textOf(root, f);
	if (text === void 0) return void 0;
	const all = text.split("\n");
	if (all.length > 1 && all[all.length - 1] === "") all.pop();
	if (f.line > all.length) return void 0;
	const first = Math.max(1, f.line - 3);
	const last = Math.min(all.length, f.endLine + 3);
	const lines = all.slice(first - 1, last);
	mask(lines, first, f, f.preview || "********");
	if (f.secret) for (let i = 0; i < lines.length; i++) lines[i] = lines[i].split(f.secret).join(f.preview || "********");
	maskOthers(lines, f, rules);
	const width = String(last).length;
	return lines.map((line, i) => {
		const n = first + i;
		return `${String(n).padStart(width)} ${n >= f.line && n <= f.endLine ? ">" : "|"} ${cut(escapeText(line), n === f.line ? f.column : 0)}`;
	});
}
var WIDTH, MAX_BYTES;
var init_finding_context = __esmMin((() => {
	init_git();
	init_notebook();
	init_read_file();
	init_safe_write();
	init_safe_text();
	init_text();
	init_engine();
	WIDTH = 160;
	MAX_BYTES = 5242880;
}));
// dist/src/commands/baseline.js
function scopeOf(paths, cwd, root, notRead, isIgnored) {
	const base = (0, node_fs.realpathSync)(cwd);
	const prefixes = paths.map((p) => normalisePath((0, node_path.relative)(root, (0, node_path.resolve)(base, p))));
	const under = (path) => prefixes.length === 0 || prefixes.some((p) => p === "" || path === p || path.startsWith(`${p}/`));
	return (e) => e.source === void 0 && under(e.path) && !notRead.has(e.path) && !isIgnored(e.path);
}
async function fromFiles(args, io, config, root, key) {
	const { rules, scanner, compiled, maxFileSize } = await prepareScan("files", {
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
	return {
		candidates: candidatesOf(scanner.findings),
		inScope: scopeOf(paths, io.cwd, root, notRead, compiled.isIgnored),
		rules
	};
}
async function fromHistory(args, io, config, key) {
	const root = requireRepoRoot(io.cwd, "leaklint baseline --history reads the commits of a repository");
	const { rules, scanner, compiled, maxFileSize } = await prepareScan("audit", {
		...args,
		baseline: false
	}, config, root, key);
	const scan = await runHistory(root, scanner, args, io, maxFileSize);
	io.stderr.write(scan.empty ? "leaklint: this repository has no commits: no history to accept\n" : `leaklint: scanned ${scan.commits} commits, ${scan.blobs} unique file versions\n`);
	const unread = scan.missing + scanner.stats.skippedLarge;
	const noPrune = unread ? `${unread} file version${unread === 1 ? " was" : "s were"} not read (see the scan's warnings)` : void 0;
	for (const w of scanner.stats.warnings) io.stderr.write(`leaklint: warning: ${escapeText(scrubSecrets(w, rules))}\n`);
	return {
		candidates: candidatesOf(scanner.findings, "history"),
		inScope: (e) => !noPrune && e.source === "history" && !compiled.isIgnored(e.path),
		rules,
		...noPrune ? { noPrune } : {}
	};
}
function checkOptions(args) {
	const paths = args.paths ?? [];
	const refs = args.ref ?? [];
	if (args.baseline === false) throw new UsageError("--no-baseline makes no sense for the baseline command");
	if (args.from !== void 0 && (typeof args.from !== "string" || args.from === "")) throw new UsageError("--from takes the file name of a JSON report");
	if (args.from && args.history) throw new UsageError("--from and --history are two sources: give one");
	if ((args.from || args.history) && paths.length) throw new UsageError(`--${args.from ? "from" : "history"} takes no paths`);
	if (args.from && args.prune) throw new UsageError("--prune judges entries by a scan: it cannot be used with --from");
	if (args.review && args.prune) throw new UsageError("--review accepts findings; --prune only removes entries: give one");
	if (!args.history && (refs.length || args["include-stash"])) throw new UsageError("--ref and --include-stash go with --history");
	if (args.history && args.prune && refs.length) throw new UsageError("--prune with --history needs the whole history: drop --ref");
}
var baselineCommand;
var init_baseline = __esmMin((() => {
	init_cli();
	init_git();
	init_files$1();
	init_redact();
	init_baseline$1();
	init_baseline_candidates();
	init_baseline_review();
	init_finding_context();
	init_safe_text();
	init_scrub();
	init_history();
	baselineCommand = {
		command: "baseline [paths..]",
		describe: `accept the current findings: write their fingerprints to ${BASELINE_FILE} (later scans report only new ones)`,
		builder: (y) => historyOptions(common(y)).positional("paths", {
			type: "string",
			array: true,
			describe: "files or directories (default: the tracked files of this repository)"
		}).option("history", {
			type: "boolean",
			default: false,
			describe: "accept the findings of a history scan (every commit on every ref) instead of the working tree's"
		}).option("from", {
			type: "string",
			describe: "accept the findings of a reviewed JSON report (--format json) of any scan"
		}).option("review", {
			type: "boolean",
			default: false,
			describe: "at a terminal: decide each new finding in turn (accept with a reason and optional expiry, reject, skip, quit)"
		}).option("prune", {
			type: "boolean",
			default: false,
			describe: "only drop entries, within the paths scanned, that no longer match any finding (accepts nothing new)"
		}),
		async run(args, io) {
			checkOptions(args);
			const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);
			if (args.review && !interactive) throw new UsageError("--review asks questions at a terminal: standard input and output must both be one");
			const root = repoRoot(io.cwd) ?? io.cwd;
			const file = typeof args.baseline === "string" && args.baseline ? (0, node_path.resolve)(io.cwd, args.baseline) : (0, node_path.join)(root, BASELINE_FILE);
			const config = configFor(args, io);
			const old = (0, node_fs.existsSync)(file) ? readBaseline(file, root) : { entries: [] };
			const key = old.key ?? newBaselineKey();
			const oldEntries = migrateBaseline(old, key);
			const found = args.from ? {
				candidates: candidatesOfReport((0, node_path.resolve)(io.cwd, args.from), key),
				inScope: () => false,
				rules: await rulesFor(config)
			} : args.history ? await fromHistory(args, io, config, key) : await fromFiles(args, io, config, root, key);
			const migrated = old.key === void 0 && old.entries.length ? `, ${old.entries.length} re-keyed from the version 1 format` : "";
			const entriesWord = (n) => `${n} entr${n === 1 ? "y" : "ies"}`;
			if (args.review) {
				const known = new Set(oldEntries.map((e) => e.fingerprint));
				const fresh = found.candidates.filter((c) => c.entries.some((e) => !known.has(e.fingerprint)));
				if (fresh.length === 0) {
					io.stderr.write(`leaklint: nothing to review: every finding is in ${file} already\n`);
					return 0;
				}
				const { accepted, counts } = await reviewCandidates(fresh, {
					input: io.stdin,
					output: io.stdout
				}, found.rules, (c) => findingContext(root, c.shown, found.rules));
				const tally = `${counts.accepted} accepted, ${counts.rejected} rejected, ${counts.skipped} skipped${counts.unreviewed ? `, ${counts.unreviewed} not reviewed` : ""}`;
				if (accepted.length === 0) {
					io.stderr.write(`leaklint: ${tally}: ${file} left as it was\n`);
					return 0;
				}
				const { entries } = mergeBaseline(oldEntries, accepted, {
					prune: false,
					inScope: () => false
				});
				writeBaseline(file, key, entries, root);
				io.stderr.write(`leaklint: ${tally}: wrote ${file}: ${entriesWord(entries.length)}${migrated ? ` (${migrated.slice(2)})` : ""}\n`);
				if (counts.rejected) io.stderr.write("leaklint: rejected findings stay reported: rotate those secrets and remove them (`leaklint purge-plan` for history)\n");
				return 0;
			}
			const prune = Boolean(args.prune);
			if (prune && found.noPrune) io.stderr.write(`leaklint: nothing pruned: ${found.noPrune}\n`);
			const { entries, added, stale, unaccepted } = mergeBaseline(oldEntries, found.candidates.flatMap((c) => c.entries), {
				prune,
				inScope: found.inScope
			});
			writeBaseline(file, key, entries, root);
			const staleNote = stale ? `, ${stale} stale ${prune ? "dropped" : "kept (--prune drops them)"}` : "";
			io.stderr.write(`leaklint: wrote ${file}: ${entriesWord(entries.length)} (${added} new${staleNote}${migrated})\n`);
			if (unaccepted) io.stderr.write(`leaklint: ${unaccepted} finding${unaccepted === 1 ? " is" : "s are"} not in the baseline and stay reported (--prune accepts nothing; \`leaklint baseline\` without it does)\n`);
			return 0;
		}
	};
}));
// dist/src/purge.js
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
// dist/src/commands/purge-plan.js
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
			if (plan.replacements.length === 0 && plan.paths.length === 0) {
				io.stdout.write(`leaklint purge-plan: nothing to purge: leaklint history finds no secret and no credential file in ${scan.commits} commits (no plan written)\n`);
				return 0;
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
			return 0;
		}
	};
}));
// dist/src/commands/index.js
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
// dist/src/cli.js
var cli_exports = /* @__PURE__ */ __exportAll({
	EXIT_CLEAN: () => 0,
	EXIT_FINDINGS: () => 1,
	EXIT_USAGE: () => 2,
	UsageError: () => UsageError,
	common: () => common,
	configFor: () => configFor,
	finishScan: () => finishScan,
	loadRules: () => loadRules,
	main: () => main,
	noteStaleBaseline: () => noteStaleBaseline,
	positiveSize: () => positiveSize,
	prepareScan: () => prepareScan,
	rulesFor: () => rulesFor,
	runScan: () => runScan
});
function useColor(args, io) {
	if (!args.color || io.env.NO_COLOR) return false;
	if ("FORCE_COLOR" in io.env && io.env.FORCE_COLOR !== "0") return true;
	return Boolean(io.stdout.isTTY);
}
function writeReport(text, args, io) {
	if (!args.output) {
		io.stdout.write(text);
		return;
	}
	writeReportFile(args.output, text, repoRoot(io.cwd));
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
			...fingerprint ? {
				fingerprint,
				fingerprintKeyId: fingerprintKeyId(key)
			} : {}
		}),
		maxFileSize,
		compiled,
		baseline
	};
}
function noteStaleBaseline(result, baseline, covers = () => true) {
	const expired = baseline?.expired() ?? [];
	if (expired.length) {
		const list = expired.slice(0, 10).map((e) => `${e.path} (${e.rule}, expired ${e.expires})`).join(", ");
		result.stats.warnings.push(`${expired.length} baseline entr${expired.length === 1 ? "y has" : "ies have"} expired, so ${expired.length === 1 ? "its finding is" : "their findings are"} reported again: ${list}${expired.length > 10 ? ", \u2026" : ""}`);
	}
	const stale = covers ? baseline?.stale(covers) ?? [] : [];
	if (stale.length === 0) return;
	const list = stale.slice(0, 10).map((e) => `${e.path} (${e.rule})`).join(", ");
	result.stats.warnings.push(`${stale.length} baseline entr${stale.length === 1 ? "y is" : "ies are"} stale (the secret was removed, moved or changed): ${list}${stale.length > 10 ? ", \u2026" : ""}; \`leaklint baseline --prune\` drops them`);
}
function finishScan(result, rules, args, io) {
	const reporter = reporters[args.format];
	if (!reporter) throw new UsageError(`unknown format: ${args.format}`);
	writeReport(reporter({
		result,
		rules: new Map(rules.map((r) => [r.id, r])),
		showSecrets: args["show-secrets"],
		color: args.output ? false : useColor(args, io),
		quiet: args.quiet
	}), args, io);
	return result.findings.some((f) => f.severity === "error") ? 1 : 0;
}
async function runScan(items, moment, args, io, config, opts = {}) {
	if (!reporters[args.format]) throw new UsageError(`unknown format: ${args.format}`);
	const { rules, scanner, baseline } = await prepareScan(moment, args, config, opts.root ?? repoRoot(io.cwd) ?? io.cwd);
	for await (const item of items) scanner.add(item);
	const result = scanner.result();
	noteStaleBaseline(result, baseline, opts.fullScan ? (e) => e.source === void 0 : false);
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
		describe: "write the report to this file (mode 0600) instead of stdout"
	}).option("baseline", {
		type: "string",
		describe: `accepted findings (default: ${BASELINE_FILE} at the repository root when present; --no-baseline ignores it)`
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
		const staged = parseStagedArgv(argv);
		if (staged) {
			const { stagedCommand } = await Promise.resolve().then(() => (init_staged(), staged_exports));
			return await stagedCommand.run(staged, io);
		}
		const diff = parseDiffArgv(argv);
		if (diff) {
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
	const [{ default: yargs }, { commands }] = await Promise.all([Promise.resolve().then(() => /* @__PURE__ */ __toESM(require("yargs"), 1)), Promise.resolve().then(() => (init_commands(), commands_exports))]);
	let code = 0;
	const run = (fn) => async (args) => {
		const a = args;
		const rest = a["--"] ?? [];
		if (rest.length) a.paths = [...a.paths ?? [], ...rest.map(String)];
		code = await fn(a);
	};
	const parser = yargs(argv).scriptName("leaklint").parserConfiguration({ "populate--": true }).usage("$0 [command] [options]\n\nFinds credentials before they are committed, pushed or published.\nWith no command, runs an audit of the current repository.").command(commands.map((c) => ({
		...c,
		handler: run((args) => c.run(args, io))
	}))).strict().epilog(EPILOG).help().version(false).wrap(null).exitProcess(false).fail((msg, err) => {
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
	init_safe_write();
	init_scrub();
	init_redact();
	init_safe_text();
	init_reporters();
	init_fast_argv();
	UsageError = class extends Error {};
	EPILOG = `Exit codes:
  0  no finding at error severity
  1  findings at error severity
  2  usage error, bad configuration or internal error`;
}));
// dist/src/interrupt.js
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
// dist/src/entry.js
init_cli();
init_scrub();
exports.installInterruptHandlers = installInterruptHandlers;
exports.main = main;
exports.scrubInternalError = scrubInternalError;

//# sourceMappingURL=leaklint.bundle.cjs.map