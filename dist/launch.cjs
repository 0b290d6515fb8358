Object.defineProperty(exports, Symbol.toStringTag, { value: "Module" });
// \0rolldown/runtime.js
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
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
let node_path = require("node:path");
let node_child_process = require("node:child_process");
let node_fs = require("node:fs");
let node_module = require("node:module");
let node_os = require("node:os");
let node_vm = require("node:vm");
let node_zlib = require("node:zlib");
node_zlib = __toESM(node_zlib, 1);
// src/cli/option-table.ts
const COMMON_OPTIONS = {
	format: {
		type: "string",
		alias: "f",
		default: "human",
		describe: "report format"
	},
	"show-secrets": {
		type: "boolean",
		default: false,
		describe: "print raw secret values instead of redacted previews"
	},
	color: {
		type: "boolean",
		default: true,
		describe: "colour the human report (--no-color, or NO_COLOR, turns it off)"
	},
	quiet: {
		type: "boolean",
		alias: "q",
		default: false,
		describe: "nothing on a clean run; otherwise one line per finding and the summary, no advice"
	},
	config: {
		type: "string",
		alias: "c",
		describe: "configuration file (default: leaklint.config.json at the repository root)"
	},
	"max-file-size": {
		type: "number",
		describe: "skip files larger than this many bytes"
	},
	output: {
		type: "string",
		alias: "o",
		repeatable: true,
		describe: "FORMAT=FILE: also write a report in FORMAT to FILE (mode 0600; repeatable); a plain FILE takes the --format report instead of stdout"
	},
	"step-summary": {
		type: "boolean",
		describe: "append a table of every finding to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY; default: when the github format is written)"
	},
	baseline: {
		type: "string",
		negatable: true,
		describe: "accepted findings (default: the baseline file at the repository root when present; --no-baseline ignores it)"
	},
	verify: {
		type: "boolean",
		describe: "ask each credential's provider whether it is live (one read-only request per credential to the provider's official endpoint; --no-verify overrides the config)"
	}
};
// src/cli/fast-argv.ts
const VALUE_OPTIONS = {};
const FLAGS = {};
for (const [name, spec] of Object.entries(COMMON_OPTIONS)) {
	if (spec.type === "boolean") {
		FLAGS[`--${name}`] = [name, true];
		FLAGS[`--no-${name}`] = [name, false];
		if (spec.alias) FLAGS[`-${spec.alias}`] = [name, true];
		continue;
	}
	VALUE_OPTIONS[`--${name}`] = name;
	if (spec.alias) VALUE_OPTIONS[`-${spec.alias}`] = name;
	if (spec.negatable) FLAGS[`--no-${name}`] = [name, false];
}
const REPEATABLE = new Set(Object.entries(COMMON_OPTIONS).filter(([, spec]) => spec.repeatable).map(([name]) => name));
const NUMBERS = new Set(Object.entries(COMMON_OPTIONS).filter(([, spec]) => spec.type === "number").map(([name]) => name));
const PLAIN_SIZE = /^[1-9][0-9]{0,14}$/;
function readOptions(argv, args, flags, positional, rest) {
	const seen = /* @__PURE__ */ new Set();
	const set = (name, value) => {
		if (REPEATABLE.has(name) && seen.has(name)) {
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
		if (NUMBERS.has(name)) {
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
({ ...FLAGS });
// src/git/history-heap.ts
function tuneHeapForHistoryWalk() {
	const major = Number(process.versions.v8.split(".")[0]);
	if (major < 11 || major > 13) return;
	const v8 = (0, node_module.createRequire)(require("url").pathToFileURL(__filename).href)("node:v8");
	v8.setFlagsFromString("--semi-space-growth-factor=1");
	v8.setFlagsFromString("--heap-growing-percent=200");
}
function walksHistory(argv) {
	const first = argv[0];
	return first === void 0 || first === "history" || first === "audit" || first.startsWith("-");
}
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
// src/git/git.ts
function safeEnv() {
	return policyEnv(process.env);
}
function gitArgs(args) {
	return policyArgs(args);
}
const liveChildren = /* @__PURE__ */ new Set();
function gitLater(cwd, args, env = safeEnv()) {
	const child = (0, node_child_process.spawn)("git", gitArgs(args), {
		cwd,
		env,
		stdio: [
			"ignore",
			"pipe",
			"ignore"
		]
	});
	liveChildren.add(child);
	const out = [];
	child.stdout.on("data", (d) => out.push(d));
	const pending = {
		child,
		settled: false
	};
	pending.result = new Promise((done) => {
		const settle = (r) => {
			liveChildren.delete(child);
			pending.settled = true;
			done(r);
		};
		child.once("error", () => settle(void 0));
		child.once("close", (code) => settle(code === null ? void 0 : {
			stdout: Buffer.concat(out),
			status: code
		}));
	});
	return pending;
}
// src/sources/staged.ts
const DIFF_OPTIONS = [
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
function pathspecs(root, cwd, paths) {
	return paths.map((p) => {
		return `:(top,literal)${(0, node_path.relative)(root, (0, node_path.isAbsolute)(p) ? p : (0, node_path.resolve)(cwd, p)).split(node_path.sep).join("/")}`;
	});
}
const LOCATE_ARGS = [
	"rev-parse",
	"--is-bare-repository",
	"--show-toplevel"
];
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
// src/git/staged-prestart.ts
function prestartStaged(argv, cwd) {
	const args = parseStagedArgv(argv);
	if (!args) return void 0;
	const env = safeEnv();
	const diff = gitLater(cwd, stagedDiffArgs(cwd, cwd, args.paths), env);
	return {
		cwd,
		paths: args.paths,
		locate: gitLater(cwd, LOCATE_ARGS, env),
		diff
	};
}
const SLOT = Symbol.for("leaklint.prestartedStaged");
function leavePrestarted(pre) {
	globalThis[SLOT] = pre;
}
// src/start/code-cache.ts
const MAGIC = "leaklint-v8-cache 1\n";
function cacheDir(env = process.env) {
	const uid = process.getuid?.();
	const dir = env.LEAKLINT_CACHE_DIR || (0, node_path.join)((0, node_os.tmpdir)(), `leaklint-${uid ?? "user"}`);
	try {
		(0, node_fs.mkdirSync)(dir, {
			recursive: true,
			mode: 448
		});
		const st = (0, node_fs.lstatSync)(dir);
		if (!st.isDirectory() || (st.mode & 18) !== 0) return void 0;
		if (uid !== void 0 && st.uid !== uid) return void 0;
		return dir;
	} catch {
		return;
	}
}
function hashOf(text) {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return (h >>> 0).toString(16).padStart(8, "0");
}
const crc32 = node_zlib.crc32;
function headerFor(file, source, sourceCrc) {
	return `${MAGIC}${JSON.stringify({
		file,
		length: source.length,
		crc: sourceCrc,
		node: process.version,
		arch: process.arch,
		v8: process.versions.v8
	})}\n`;
}
function readCache(path, header) {
	let raw;
	try {
		raw = (0, node_fs.readFileSync)(path);
	} catch {
		return;
	}
	const head = Buffer.from(header, "utf8");
	if (raw.length < head.length + 4 || !raw.subarray(0, head.length).equals(head)) return void 0;
	const data = raw.subarray(head.length + 4);
	return raw.readUInt32LE(head.length) === crc32(data) ? data : void 0;
}
function writeCache(path, header, data) {
	const tmp = `${path}.${process.pid}.tmp`;
	try {
		const sum = Buffer.alloc(4);
		sum.writeUInt32LE(crc32(data));
		const fd = (0, node_fs.openSync)(tmp, "w", 384);
		try {
			(0, node_fs.writeSync)(fd, Buffer.concat([
				Buffer.from(header, "utf8"),
				sum,
				data
			]));
		} finally {
			(0, node_fs.closeSync)(fd);
		}
		(0, node_fs.renameSync)(tmp, path);
	} catch {
		(0, node_fs.rmSync)(tmp, { force: true });
	}
}
function loadCachedCommonJs(file, name, dir) {
	const source = (0, node_fs.readFileSync)(file, "utf8");
	const header = crc32 ? headerFor(file, source, crc32(source)) : "";
	const path = dir && crc32 ? (0, node_path.join)(dir, `${(0, node_path.basename)(file)}-${hashOf(file)}-${name}.v8`) : void 0;
	const cachedData = path ? readCache(path, header) : void 0;
	const wrapper = `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
	const script = new node_vm.Script(wrapper, {
		filename: file,
		cachedData
	});
	const cacheUsed = cachedData !== void 0 && !script.cachedDataRejected;
	const module = {
		exports: {},
		filename: file,
		id: file,
		loaded: false
	};
	script.runInThisContext().call(module.exports, module.exports, (0, node_module.createRequire)(file), module, file, (0, node_path.dirname)(file));
	module.loaded = true;
	return {
		exports: module.exports,
		cacheUsed,
		save() {
			if (cacheUsed || !path) return;
			try {
				writeCache(path, header, script.createCachedData());
			} catch {}
		}
	};
}
// src/launch.ts
async function launch(argv, dist) {
	if (walksHistory(argv)) tuneHeapForHistoryWalk();
	try {
		leavePrestarted(prestartStaged(argv, process.cwd()));
	} catch {}
	const cli = loadCachedCommonJs((0, node_path.join)(dist, "leaklint.cjs"), argv[0] === "staged" || argv[0] === "diff" ? argv[0] : "cli", cacheDir());
	const { main, installInterruptHandlers, scrubInternalError } = cli.exports;
	installInterruptHandlers();
	try {
		const code = await main(argv);
		if (code !== 2) cli.save();
		return code;
	} catch (err) {
		process.stderr.write(`leaklint: internal error: ${await scrubInternalError(err)}\n`);
		return 2;
	}
}
exports.launch = launch;
