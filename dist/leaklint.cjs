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
let node_fs = require("node:fs");
let node_path = require("node:path");
let node_module = require("node:module");
let node_child_process = require("node:child_process");
let node_url = require("node:url");
let node_buffer = require("node:buffer");
let node_crypto = require("node:crypto");
let assert = require("assert");
let path = require("path");
let fs = require("fs");
let util = require("util");
let url = require("url");
let node_os = require("node:os");
let node_readline = require("node:readline");
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
// src/util/sha256.ts
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
function gitBlobId(data, format) {
	return loadCrypto().createHash(format).update(`blob ${data.length}\0`).update(data).digest("hex");
}
function randomHex(bytes) {
	return loadCrypto().randomBytes(bytes).toString("hex");
}
function preloadSha256() {
	loadCrypto();
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
function keyedFingerprint(key, plain) {
	return hmacSha256Hex(key, plain).slice(0, 32);
}
function fingerprintKeyId(key) {
	return hmacSha256Hex(key, "leaklint fingerprint key id").slice(0, 16);
}
var init_redact = __esmMin((() => {
	init_sha256();
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
// src/config/configured-regex.ts
function engine() {
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
	const { RE2JS } = engine();
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
var MAX_PATTERN_LENGTH, MAX_PROGRAM_SIZE, CONFIGURED_TIME_BUDGET_MS, re2, compiled;
var init_configured_regex = __esmMin((() => {
	MAX_PATTERN_LENGTH = 1e3;
	MAX_PROGRAM_SIZE = 2e3;
	CONFIGURED_TIME_BUDGET_MS = 1e3;
	compiled = /* @__PURE__ */ new Map();
}));
// src/rulekit/regex-safety.ts
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
	const compiled = compileConfigured(source);
	return typeof compiled === "string" ? compiled : void 0;
}
var init_regex_safety = __esmMin((() => {
	init_configured_regex();
}));
// src/config/json-error.ts
function jsonErrorMessage(e) {
	return (e instanceof Error ? e.message : String(e)).replace(/,\s*(?:\.\.\.)?"[\s\S]*"(?:\.\.\.)?\s+is not valid JSON$/, " (not valid JSON)");
}
var init_json_error = __esmMin((() => {}));
// src/config/jsonc.ts
function lineColumn(text, offset) {
	let line = 1;
	let start = 0;
	for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
		line++;
		start = i + 1;
	}
	return {
		line,
		column: offset - start + 1
	};
}
function fail$1(text, offset, message) {
	const { line, column } = lineColumn(text, offset);
	throw new JsoncError(message, line, column);
}
function stripJsonc(text) {
	const out = text.split("");
	const blank = (from, to) => {
		for (let k = from; k < to; k++) if (out[k] !== "\n" && out[k] !== "\r") out[k] = " ";
	};
	let lastComma = -1;
	let i = 0;
	while (i < text.length) {
		const c = text[i];
		if (c === "\"") {
			i++;
			while (i < text.length && text[i] !== "\"" && text[i] !== "\n") i += text[i] === "\\" ? 2 : 1;
			i++;
			lastComma = -1;
		} else if (c === "/" && text[i + 1] === "/") {
			const end = text.indexOf("\n", i);
			const stop = end === -1 ? text.length : end;
			blank(i, stop);
			i = stop;
		} else if (c === "/" && text[i + 1] === "*") {
			const end = text.indexOf("*/", i + 2);
			if (end === -1) fail$1(text, i, "a /* comment is never closed");
			blank(i, end + 2);
			i = end + 2;
		} else if (c === ",") lastComma = i++;
		else if (c === "}" || c === "]") {
			if (lastComma !== -1) out[lastComma] = " ";
			lastComma = -1;
			i++;
		} else {
			if (!/\s/.test(c)) lastComma = -1;
			i++;
		}
	}
	return out.join("");
}
function scan(text) {
	const at = /* @__PURE__ */ new Map();
	let i = 0;
	const space = () => {
		while (i < text.length && /[ \t\n\r]/.test(text[i])) i++;
	};
	const what = () => i >= text.length ? "the end of the file" : /[\x21-\x7e]/.test(text[i]) ? `'${text[i]}'` : "a character that is not allowed here";
	const string = () => {
		const start = i++;
		while (i < text.length && text[i] !== "\"") {
			if (text[i] < " ") fail$1(text, i, "a line break or control character inside a string (write it as \\n or \\uXXXX)");
			i += text[i] === "\\" ? 2 : 1;
		}
		if (i >= text.length) fail$1(text, start, "a string is never closed");
		i++;
		try {
			return JSON.parse(text.slice(start, i));
		} catch {
			return fail$1(text, start, "a string holds an invalid escape (\\ \\\" \\n \\t \\uXXXX \u2026 are valid)");
		}
	};
	const value = (path, depth = 0) => {
		space();
		if (depth > 100) fail$1(text, i, "nested more than 100 levels deep");
		if (path) at.set(path, i);
		const c = text[i];
		if (c === "{") {
			i++;
			space();
			if (text[i] === "}") return void i++;
			for (;;) {
				space();
				if (text[i] !== "\"") fail$1(text, i, `expected a key in double quotes, found ${what()}`);
				const keyAt = i;
				const key = string();
				const child = path ? `${path}.${key}` : key;
				space();
				if (text[i] !== ":") fail$1(text, i, `expected ':' after the key "${key}", found ${what()}`);
				i++;
				value(child, depth + 1);
				at.set(child, keyAt);
				space();
				if (text[i] === ",") {
					i++;
					continue;
				}
				if (text[i] === "}") return void i++;
				fail$1(text, i, `expected ',' or '}', found ${what()}`);
			}
		}
		if (c === "[") {
			i++;
			space();
			if (text[i] === "]") return void i++;
			for (let n = 0;; n++) {
				value(`${path}[${n}]`, depth + 1);
				space();
				if (text[i] === ",") {
					i++;
					continue;
				}
				if (text[i] === "]") return void i++;
				fail$1(text, i, `expected ',' or ']', found ${what()}`);
			}
		}
		if (c === "\"") return void string();
		const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
		if (!literal) fail$1(text, i, `expected a value, found ${what()}`);
		i += literal[0].length;
	};
	value("");
	space();
	if (i < text.length) fail$1(text, i, `unexpected ${what()} after the end of the configuration`);
	return at;
}
function parseJsonc(text) {
	const plain = stripJsonc(text.replace(/^\uFEFF/, " "));
	const at = scan(plain);
	return {
		value: JSON.parse(plain),
		locate(path) {
			const offset = at.get(path);
			return offset === void 0 ? void 0 : lineColumn(text, offset);
		}
	};
}
var JsoncError;
var init_jsonc = __esmMin((() => {
	JsoncError = class extends Error {
		line;
		column;
		constructor(message, line, column) {
			super(`${line}:${column}: ${message}`);
			this.line = line;
			this.column = column;
		}
	};
}));
// src/util/suggest.ts
function editDistance(a, b) {
	const rows = [];
	for (let i = 0; i <= a.length; i++) {
		rows.push([i]);
		for (let j = 1; j <= b.length; j++) {
			if (i === 0) {
				rows[0].push(j);
				continue;
			}
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
			rows[i].push(d);
		}
	}
	return rows[a.length][b.length];
}
function closest(given, known) {
	const g = given.toLowerCase();
	const limit = Math.min(3, Math.max(1, Math.floor(g.length / 3)));
	let best;
	let bestDistance = Infinity;
	for (const name of known) {
		const d = editDistance(g, name.toLowerCase());
		if (d < bestDistance) {
			best = name;
			bestDistance = d;
		}
	}
	return bestDistance <= limit ? best : void 0;
}
function didYouMean(given, known, quote = (n) => `"${n}"`) {
	const match = closest(given, known);
	return match === void 0 ? "" : `; did you mean ${quote(match)}?`;
}
var init_suggest = __esmMin((() => {}));
// src/config/config.ts
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
function parseConfig(raw, source, locate) {
	const config = defaultConfig();
	config.source = source;
	const r = new Reader(source, locate);
	if (locate) config.where = (key) => r.where(key);
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
		default: r.fail(key, `is not a known key${didYouMean(key, TOP_KEYS.slice(2))} (expected ${TOP_KEYS.slice(2).join(", ")})`);
	}
	return config;
}
function checkRuleIds(config, known) {
	const source = config.source ?? "configuration";
	const check = (id, key, at = key) => {
		if (!known.has(id)) throw new ConfigError(`${source}${config.where?.(at) ?? ""}: "${key}" names an unknown rule "${id}"${didYouMean(id, known)} (leaklint rules lists them)`);
	};
	config.disabledRules.forEach((id, n) => check(id, "disabledRules", `disabledRules[${n}]`));
	Object.keys(config.severity).forEach((id) => check(id, `severity.${id}`));
	config.overrides.forEach((o, i) => {
		o.disabledRules.forEach((id, n) => check(id, `overrides[${i}].disabledRules`, `overrides[${i}].disabledRules[${n}]`));
		Object.keys(o.severity).forEach((id) => check(id, `overrides[${i}].severity.${id}`));
	});
}
function loadConfig(dir, explicit) {
	const read = (file, shown) => {
		try {
			return parseJsonc((0, node_fs.readFileSync)(file, "utf8"));
		} catch (e) {
			throw new ConfigError(`${shown}${e instanceof JsoncError ? ":" : ": "}${jsonErrorMessage(e)}`);
		}
	};
	if (explicit) {
		if (!(0, node_fs.existsSync)(explicit)) throw new ConfigError(`config file not found: ${explicit}`);
		const json = read(explicit, explicit);
		return parseConfig(json.value, explicit, json.locate);
	}
	const file = (0, node_path.join)(dir, CONFIG_FILE);
	if ((0, node_fs.existsSync)(file)) {
		const json = read(file, CONFIG_FILE);
		return parseConfig(json.value, CONFIG_FILE, json.locate);
	}
	const pkg = (0, node_path.join)(dir, "package.json");
	if ((0, node_fs.existsSync)(pkg)) {
		const json = read(pkg, "package.json");
		const value = json.value;
		if (value && typeof value === "object" && "leaklint" in value) return parseConfig(value.leaklint, "package.json \"leaklint\"", (key) => json.locate(`leaklint.${key}`));
	}
	return defaultConfig();
}
function allowlistRegexes(sources, key, warn) {
	const regexes = sources.map((source, i) => ({
		key: `${key}.regexes[${i}]`,
		re: configuredPattern(source).re,
		file: "",
		spent: 0,
		out: false
	}));
	return (secret, file) => {
		for (const r of regexes) {
			if (r.file !== file) Object.assign(r, {
				file,
				spent: 0,
				out: false
			});
			if (r.out) continue;
			const started = performance.now();
			const hit = r.re.test(secret);
			r.spent += performance.now() - started;
			if (hit) return true;
			if (r.spent > 1e3) {
				r.out = true;
				warn(`${r.key} ran out of its ${CONFIGURED_TIME_BUDGET_MS} ms on ${file}: the rest of that file's findings were not checked against it and are reported (simplify the pattern)`);
			}
		}
		return false;
	};
}
function allowlistMatcher(list, label, key, warn) {
	const paths = list.paths.length ? (0, import_picomatch$1.default)(list.paths, { dot: true }) : () => false;
	const values = new Set(list.values);
	const regexes = list.regexes.length ? allowlistRegexes(list.regexes, key, warn) : void 0;
	return (finding) => {
		if (paths(finding.file)) return `${label}: allowlisted path`;
		if (finding.secret && values.has(finding.secret)) return `${label}: allowlisted value`;
		if (finding.secret && regexes?.(finding.secret, finding.file)) return `${label}: allowlisted pattern`;
	};
}
function compileConfig(config, warn = () => {}) {
	const glob = (patterns) => patterns.length ? (0, import_picomatch$1.default)(patterns, { dot: true }) : () => false;
	const ignored = glob(config.ignorePaths);
	const disabled = new Set(config.disabledRules);
	const allow = allowlistMatcher(config.allowlist, "config", "allowlist", warn);
	const overrides = config.overrides.map((o, i) => ({
		...o,
		matches: glob(o.files),
		allow: allowlistMatcher(o.allowlist, `config overrides[${i}]`, `overrides[${i}].allowlist`, warn),
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
var import_picomatch$1, CONFIG_FILE, ConfigError, SEVERITIES$1, Reader, TOP_KEYS;
var init_config = __esmMin((() => {
	import_picomatch$1 = /* @__PURE__ */ __toESM(require_picomatch(), 1);
	init_redact();
	init_regex_safety();
	init_configured_regex();
	init_json_error();
	init_jsonc();
	init_suggest();
	CONFIG_FILE = "leaklint.config.json";
	ConfigError = class extends Error {};
	SEVERITIES$1 = [
		"error",
		"warning",
		"info"
	];
	Reader = class {
		source;
		locate;
		constructor(source, locate) {
			this.source = source;
			this.locate = locate;
		}
		where(key) {
			if (!this.locate) return "";
			for (let k = key;;) {
				const at = this.locate(k);
				if (at) return `:${at.line}:${at.column}`;
				const parent = k.replace(/(?:\.[^.[\]]*|\[\d+\])$/, "");
				if (parent === k || parent === "") return "";
				k = parent;
			}
		}
		fail(key, what) {
			throw new ConfigError(`${this.source}${this.where(key)}: "${key}" ${what}`);
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
			for (const k of Object.keys(obj)) if (!allowed.includes(k)) this.fail(`${prefix}${k}`, `is not a known key${didYouMean(k, allowed)} (expected ${allowed.join(", ")})`);
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
	TOP_KEYS = [
		"$schema",
		"description",
		"ignorePaths",
		"disabledRules",
		"severity",
		"maxFileSize",
		"allowlist",
		"rules",
		"gitignore",
		"overrides",
		"verify"
	];
}));
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
// src/config/extra-rules.ts
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
var init_extra_rules = __esmMin((() => {
	init_configured_regex();
	init_placeholder();
}));
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
		helpUri: helpUri$25,
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
var remediation$32, helpUri$25, rules$52;
var init_anthropic = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$32 = {
		rotate: "Anthropic Console \u2192 Settings \u2192 API keys (https://console.anthropic.com/settings/keys, moving to platform.claude.com): disable or delete the key, then create a new one",
		store: "the CI or platform secret store (`gh secret set ANTHROPIC_API_KEY`), with workspace-scoped keys",
		read: "the Anthropic SDK reads ANTHROPIC_API_KEY from the environment by itself"
	};
	helpUri$25 = "https://docs.anthropic.com/en/api/getting-started";
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
var fakeKeyId, fakeSecret, remediation$31, helpUri$24, KEY_ID, NAMED_SECRET, PAIR_DISTANCE$1, accessKey, secretKey$2, credentialsFile$1, rules$51;
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
	helpUri$24 = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html";
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
		helpUri: helpUri$24,
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
		helpUri: helpUri$24,
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
	BASE64URL$1 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
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
var remediation$30, helpUri$23, longTerm, presigned, shortTerm, rules$49;
var init_bedrock = __esmMin((() => {
	init_rulekit();
	init_fake_token();
	remediation$30 = {
		rotate: "Amazon Bedrock console \u2192 API keys: delete the long-term key (it belongs to an IAM user named BedrockAPIKey-\u2026: also `aws iam delete-service-specific-credential`); a short-term key cannot be revoked one by one \u2014 revoke the sessions of the role or user that generated it (IAM \u2192 Revoke active sessions)",
		store: "AWS Secrets Manager, or the CI secret store (`gh secret set AWS_BEARER_TOKEN_BEDROCK`); better, short-term keys generated at run time (`aws-bedrock-token-generator`) or plain IAM role credentials",
		read: "the AWS SDKs read AWS_BEARER_TOKEN_BEDROCK from the environment by themselves"
	};
	helpUri$23 = "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html";
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
		helpUri: helpUri$23,
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
		helpUri: helpUri$23,
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
var remediation$29, helpUri$22, secret$4, access, rules$48;
var init_clearml = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$29 = {
		rotate: "ClearML Web UI \u2192 Settings \u2192 Workspace \u2192 App Credentials: revoke the leaked credentials, create new ones",
		store: "the CI or platform secret store (`gh secret set CLEARML_API_SECRET_KEY`); on agents, their own clearml.conf outside the repository",
		read: "the clearml package reads CLEARML_API_ACCESS_KEY and CLEARML_API_SECRET_KEY from the environment by itself"
	};
	helpUri$22 = "https://clear.ml/docs/latest/docs/configs/clearml_conf/";
	secret$4 = fakeToken$1(BASE62, 50, 2801);
	access = fakeToken$1(UPPER_ALNUM, 30, 2802);
	rules$48 = [keyedRule({
		id: "clearml-secret-key",
		provider: "clearml",
		title: "ClearML API secret key",
		why: "With its access key, a ClearML secret key reads and writes every project, experiment, model and dataset of the workspace, and queues work on its agents.",
		severity: "error",
		remediation: remediation$29,
		helpUri: helpUri$22,
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
		helpUri: helpUri$22,
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
var remediation$28, helpUri$21, scannable, legacyToken$1, legacyGlobal, KINDS$3, rules$47;
var init_cloudflare = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$28 = {
		rotate: "Cloudflare dashboard \u2192 My Profile \u2192 API Tokens (account tokens: Manage Account \u2192 API Tokens): Roll the token, or delete it; the Global API Key: View \u2192 Change",
		store: "the CI secret store (`gh secret set CLOUDFLARE_API_TOKEN`), Workers secrets (`wrangler secret put`) for values a Worker needs",
		read: "wrangler and the Terraform provider read CLOUDFLARE_API_TOKEN from the environment by themselves"
	};
	helpUri$21 = "https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/";
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
			helpUri: helpUri$21,
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
			helpUri: helpUri$21,
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
			helpUri: helpUri$21,
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
var remediation$27, basename$5, ENV_TEMPLATES, TOML_VALUE, streamlitSecrets, rules$44;
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
	basename$5 = (path) => path.slice(path.lastIndexOf("/") + 1);
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
			const name = basename$5(path);
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
		fileRule("credential-files-netrc", "netrc file", "A netrc file holds login passwords for hosts (W&B, Heroku, curl \u2026) in plain text.", ".netrc", (path) => /^[._]netrc$/.test(basename$5(path)), {
			match: [".netrc", "ci/_netrc"],
			noMatch: ["netrc.md", ".netrc.example"]
		}),
		fileRule("credential-files-git-credentials", "git credential store (.git-credentials)", "`git credential-store` writes every remembered password and token here as https://user:token@host lines.", ".git-credentials", (path) => basename$5(path) === ".git-credentials", {
			match: [".git-credentials", "home/.git-credentials"],
			noMatch: ["git-credentials.md", ".git-credentials.example"]
		}),
		fileRule("credential-files-local-secrets", "Local secrets module or script", "Files named for secrets (_local_secrets.py, secrets_*.py, *_secrets.sh, *.secret) exist to hold real values outside the code.", ["*.secret", "_local_secrets.py"], (path) => {
			const name = basename$5(path);
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
		fileRule("credential-files-shell-history", "Shell or REPL history file", "History files record commands as typed, including tokens passed on the command line and exported secrets.", ".*_history", (path) => /^\.(bash|zsh|sh|python|psql|mysql|node_repl|sqlite|irb|rediscli)_history$/.test(basename$5(path)), {
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
var remediation$26, hex$2, rules$43;
var init_databricks = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$26 = {
		rotate: "Databricks workspace \u2192 your user name \u2192 Settings \u2192 Developer \u2192 Access tokens \u2192 Manage: revoke the token (admins: Settings \u2192 Advanced \u2192 Personal access tokens, or the Token Management API)",
		store: "a CI secret (`gh secret set DATABRICKS_TOKEN`); inside Databricks, a secret scope (`databricks secrets put-secret <scope> <key>`); for machines, OAuth credentials of a service principal instead of a personal token",
		read: "the Databricks SDK and CLI read DATABRICKS_HOST and DATABRICKS_TOKEN from the environment by themselves; in notebooks, `dbutils.secrets.get(scope, key)`"
	};
	hex$2 = fakeToken$1(HEX, 32, 101);
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
			match: [`DATABRICKS_TOKEN=dapi${hex$2}`, `token = "dapi${hex$2}-2"`],
			noMatch: [`DATABRICKS_TOKEN=dapi${hex$2.slice(0, 31)}`, `from databricks import sdk  # dapi_client`]
		}
	})];
}));
// rules/datadog.ts
var remediation$25, helpUri$20, apiKey$3, appKey, rules$42;
var init_datadog = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	remediation$25 = {
		rotate: "Datadog \u2192 Organization Settings \u2192 API Keys (or Application Keys): create a new key, move clients to it, then revoke the leaked one",
		store: "the CI or platform secret store (`gh secret set DD_API_KEY`); on Kubernetes a Secret referenced by the Agent\u2019s `apiKeyExistingSecret`",
		read: "the Datadog Agent, libraries and CLI read DD_API_KEY and DD_APP_KEY from the environment by themselves"
	};
	helpUri$20 = "https://docs.datadoghq.com/account_management/api-app-keys/";
	apiKey$3 = fakeToken$1(HEX, 32, 1101);
	appKey = fakeToken$1(HEX, 40, 1102);
	rules$42 = [keyedRule({
		id: "datadog-api-key",
		provider: "datadog",
		title: "Datadog API key",
		why: "A Datadog API key submits metrics, logs and events into the organization (costing money and polluting monitors) and, with an application key, reads its data.",
		severity: "error",
		remediation: remediation$25,
		helpUri: helpUri$20,
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
		helpUri: helpUri$20,
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
var remediation$24, helpUri$19, userId, botToken, webhookToken, rules$39;
var init_discord = __esmMin((() => {
	init_rulekit();
	init_fake_token();
	remediation$24 = {
		rotate: "Discord Developer Portal \u2192 the application \u2192 Bot \u2192 Reset Token (webhooks: the channel\u2019s Integrations \u2192 Webhooks \u2192 delete the webhook and create a new one)",
		store: "the platform or CI secret store (`gh secret set DISCORD_TOKEN`)",
		read: "os.environ[\"DISCORD_TOKEN\"] / process.env.DISCORD_TOKEN, passed to `client.run(\u2026)` / `client.login(\u2026)`"
	};
	helpUri$19 = "https://discord.com/developers/docs/reference#authentication";
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
		helpUri: helpUri$19,
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
var remediation$23, helpUri$18, key$2, rules$37;
var init_fireworks = __esmMin((() => {
	init_keyed_rule();
	init_fake_token();
	remediation$23 = {
		rotate: "https://app.fireworks.ai/settings/users/api-keys \u2192 delete the key (or `firectl delete api-key <id>`), create a new one",
		store: "the CI or platform secret store (`gh secret set FIREWORKS_API_KEY`)",
		read: "the Fireworks SDK reads FIREWORKS_API_KEY from the environment by itself"
	};
	helpUri$18 = "https://docs.fireworks.ai/getting-started/quickstart";
	key$2 = "fw_" + fakeToken$1(BASE62, 24, 2301);
	rules$37 = [keyedRule({
		id: "fireworks-api-key",
		provider: "fireworks",
		title: "Fireworks AI API key",
		why: "A Fireworks key runs inference, fine-tuning and deployments on its account\u2019s billing.",
		severity: "error",
		remediation: remediation$23,
		helpUri: helpUri$18,
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
var jsonPart, remediation$21, helpUri$17, KINDS, classic$1, fineGrained, rules$35;
var init_github$1 = __esmMin((() => {
	init_rulekit();
	init_fakes();
	init_jwt$1();
	jsonPart = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
	remediation$21 = {
		rotate: "https://github.com/settings/tokens (fine-grained: https://github.com/settings/personal-access-tokens) \u2192 delete the token; OAuth apps: Settings \u2192 Applications \u2192 Revoke",
		store: "GitHub Actions secrets (`gh secret set NAME`), or better no PAT at all: the job\u2019s GITHUB_TOKEN with a `permissions:` block, or a GitHub App token",
		read: "`${{ secrets.NAME }}` in workflows; GH_TOKEN / GITHUB_TOKEN from the environment in scripts"
	};
	helpUri$17 = "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/token-expiration-and-revocation";
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
		helpUri: helpUri$17,
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
		helpUri: helpUri$17,
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
var remediation$20, helpUri$16, pat$1, PREFIXES, other, rules$34;
var init_gitlab$1 = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$20 = {
		rotate: "https://gitlab.com/-/user_settings/personal_access_tokens \u2192 revoke (or `POST /api/v4/personal_access_tokens/self/rotate`); project and group tokens in their settings",
		store: "GitLab CI/CD variables, masked, hidden and protected; better an OIDC ID token or CI_JOB_TOKEN",
		read: "`$GITLAB_TOKEN` (a CI/CD variable) in jobs"
	};
	helpUri$16 = "https://docs.gitlab.com/security/tokens/";
	pat$1 = regexRule({
		id: "gitlab-personal-access-token",
		provider: "gitlab",
		title: "GitLab personal access token",
		why: "A GitLab token acts as its user: with the api scope it reads and writes every project they can reach.",
		severity: "error",
		remediation: remediation$20,
		helpUri: helpUri$16,
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
		helpUri: helpUri$16,
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
var remediation$18, helpUri$15, current$1, legacy$3, rules$31;
var init_heroku = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$18 = {
		rotate: "Heroku Dashboard \u2192 Account settings \u2192 API Key \u2192 Regenerate (OAuth authorizations: `heroku authorizations:revoke <id>`, then `heroku authorizations:create`)",
		store: "the CI secret store (`gh secret set HEROKU_API_KEY`); app settings belong in config vars (`heroku config:set`), never in the repository",
		read: "the Heroku CLI reads HEROKU_API_KEY from the environment by itself"
	};
	helpUri$15 = "https://devcenter.heroku.com/articles/authentication";
	current$1 = "HRKU-" + fakeToken$1(BASE64URL$1, 60, 2701);
	legacy$3 = fakeUuid(2702);
	rules$31 = [regexRule({
		id: "heroku-api-key",
		provider: "heroku",
		title: "Heroku API key",
		why: "A Heroku API key acts as its user: it deploys, scales and deletes apps, and reads their config vars, which hold the apps\u2019 own secrets.",
		severity: "error",
		remediation: remediation$18,
		helpUri: helpUri$15,
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
		helpUri: helpUri$15,
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
var remediation$17, helpUri$14, userToken$1, orgToken$1, tokenFile, rules$30;
var init_huggingface = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$17 = {
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
		remediation: remediation$17,
		helpUri: helpUri$14,
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
		helpUri: helpUri$14,
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
var remediation$16, helpUri$13, hex$1, KEY_IN_FILE, kaggleJson, rules$28;
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
	helpUri$13 = "https://www.kaggle.com/docs/api";
	hex$1 = fakeToken$1(HEX, 32, 2401);
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
			helpUri: helpUri$13,
			keywords: ["kgat_"],
			pattern: new RegExp(`${LEFT}(?<secret>KGAT_(?<body>[a-f0-9]{32}))${RIGHT}`),
			visiblePrefix: 5,
			validate: (_s, m) => hasDigitAndLetter(m.groups.body),
			examples: {
				match: [`KAGGLE_API_TOKEN=KGAT_${hex$1}`, `os.environ["KAGGLE_API_TOKEN"] = "KGAT_${hex$1}"`],
				noMatch: [`KGAT_${hex$1.slice(0, 20)}`, `KGAT_${hex$1}${hex$1}`]
			}
		}),
		keyedRule({
			id: "kaggle-api-key",
			provider: "kaggle",
			title: "Kaggle API key (legacy kaggle.json key)",
			why: "A legacy Kaggle key, with its username, acts as the account: it downloads competition data and publishes or overwrites its datasets, models and notebooks.",
			severity: "error",
			remediation: remediation$16,
			helpUri: helpUri$13,
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
				match: [`KAGGLE_KEY=${hex$1}`, `{"username":"data-sci-17","key":"${hex$1}"}`],
				noMatch: [`KAGGLE_USERNAME=${hex$1}`, `{"username":"data-sci-17","key":"${hex$1.slice(0, 16)}"}`]
			}
		}),
		kaggleJson
	];
}));
// rules/langsmith.ts
var remediation$15, helpUri$12, a, b, rules$27;
var init_langsmith = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$15 = {
		rotate: "LangSmith \u2192 Settings \u2192 API Keys: delete the key (trash icon in the Actions column), then create a new one with an expiry",
		store: "the CI or platform secret store (`gh secret set LANGSMITH_API_KEY`); service keys for applications, personal access tokens only for personal scripts",
		read: "the LangSmith SDK reads LANGSMITH_API_KEY (or the older LANGCHAIN_API_KEY) from the environment by itself"
	};
	helpUri$12 = "https://docs.langchain.com/langsmith/create-account-api-key";
	a = fakeToken$1(HEX, 32, 201);
	b = fakeToken$1(HEX, 10, 202);
	rules$27 = [regexRule({
		id: "langsmith-api-key",
		provider: "langsmith",
		title: "LangSmith API key",
		why: "A LangSmith key reads every trace it can reach, prompts and outputs included, and writes runs, datasets and prompts in its workspaces.",
		severity: "error",
		remediation: remediation$15,
		helpUri: helpUri$12,
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
var remediation$14, helpUri$11, TOKEN, PLACEHOLDER_WORDS, isAlnum, PAIR_DISTANCE, token$6, config, rules$25;
var init_modal = __esmMin((() => {
	init_rulekit();
	init_fakes();
	init_matches();
	remediation$14 = {
		rotate: "Modal dashboard \u2192 workspace settings \u2192 API tokens (https://modal.com/settings/<workspace>/tokens): delete the token (`modal token new` makes a new one but does not revoke the old)",
		store: "CI secrets MODAL_TOKEN_ID / MODAL_TOKEN_SECRET (`gh secret set MODAL_TOKEN_SECRET`), preferably for a service user; credentials your Modal functions use go in Modal Secrets (`modal secret create NAME KEY=VALUE`)",
		read: "the Modal client reads MODAL_TOKEN_ID and MODAL_TOKEN_SECRET from the environment; in functions, `modal.Secret.from_name(\"name\")`"
	};
	helpUri$11 = "https://modal.com/docs/reference/modal.config";
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
		helpUri: helpUri$11,
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
var remediation$13, helpUri$10, token$4, legacy$2, AUTH_LINE, npmrc, rules$23;
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
	helpUri$10 = "https://docs.npmjs.com/about-access-tokens";
	token$4 = regexRule({
		id: "npm-access-token",
		provider: "npm",
		title: "npm access token",
		why: "An npm token can publish new versions of every package its owner maintains: a supply-chain risk for all their users.",
		severity: "error",
		remediation: remediation$13,
		helpUri: helpUri$10,
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
		helpUri: helpUri$10,
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
var remediation$12, helpUri$9, id$2, secret$3, legacy$1, rules$19;
var init_pinecone = __esmMin((() => {
	init_rulekit();
	init_keyed_rule();
	init_fake_token();
	remediation$12 = {
		rotate: "Pinecone console \u2192 the project \u2192 API keys: delete the key, create a new one (with the narrowest role that works)",
		store: "the CI or platform secret store (`gh secret set PINECONE_API_KEY`), an HF Space secret or a Colab secret",
		read: "the Pinecone SDK reads PINECONE_API_KEY from the environment by itself (`Pinecone()` with no key)"
	};
	helpUri$9 = "https://docs.pinecone.io/guides/projects/manage-api-keys";
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
		helpUri: helpUri$9,
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
		helpUri: helpUri$9,
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
		helpUri: helpUri$8,
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
var remediation$11, helpUri$8, userKey, serviceAccountKey, authString, KEY_IN_PROFILE, profiles, rules$18;
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
	helpUri$8 = "https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys";
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
var RSA, remediation$10, helpUri$7, BLOCK, pemKey, putty, KEY_FILE, KEYSTORE, MAYBE_KEY, keyFile, rules$17;
var init_private_key = __esmMin((() => {
	init_fakes();
	init_matches();
	RSA = "RSA PRIVATE KEY";
	remediation$10 = {
		rotate: "generate a new key pair, then remove the old public key everywhere it is trusted (GitHub/GitLab SSH and deploy keys, servers\u2019 authorized_keys, cloud key pairs); TLS: re-issue and revoke the certificate; GitHub App: generate a new key in the App settings and delete the old one",
		store: "an SSH agent or hardware key, a secret manager, or a multi-line CI secret written to a file at run time",
		read: "load the key from a path given in the environment (for example SSH_KEY_PATH), never from the repository"
	};
	helpUri$7 = "https://docs.github.com/en/authentication/connecting-to-github-with-ssh";
	BLOCK = /-----BEGIN (?<label>(?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED) )?PRIVATE KEY|PGP PRIVATE KEY BLOCK)-----(?<body>[\s\S]{0,20000}?)-----END \k<label>-----/g;
	pemKey = {
		kind: "content",
		id: "private-key-pem",
		provider: "private-key",
		title: "Private key (PEM)",
		why: "A private key proves identity: whoever has it can log in to servers, sign as you, or decrypt what was sent to you.",
		severity: "error",
		remediation: remediation$10,
		helpUri: helpUri$7,
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
		helpUri: helpUri$7,
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
var fakeToken, remediation$9, token$3, PASSWORD, pypirc, rules$16;
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
	token$3 = regexRule({
		id: "pypi-token",
		provider: "pypi",
		title: "PyPI API token",
		why: "A PyPI token uploads releases of the projects it covers: a supply-chain risk for every user of them.",
		severity: "error",
		remediation: remediation$9,
		helpUri: "https://pypi.org/help/#apitoken",
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
var orgPayload, fakeUserToken, remediation$8, helpUri$6, orgToken, userToken, CLI_CONFIG, legacyToken, DSN, dsnSecret, TOKEN_LINE, buildPluginEnv, cliConfig, rules$12;
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
	helpUri$6 = "https://docs.sentry.io/account/auth-tokens/";
	orgToken = regexRule({
		id: "sentry-org-token",
		provider: "sentry",
		title: "Sentry organization auth token",
		why: "An org token uploads source maps and releases and, depending on its scopes, can read and change the organization\u2019s projects.",
		severity: "error",
		remediation: remediation$8,
		helpUri: helpUri$6,
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
		helpUri: helpUri$6,
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
		helpUri: helpUri$6,
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
var remediation$7, helpUri$5, token$2, webhook, rules$11;
var init_slack = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$7 = {
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
		remediation: remediation$7,
		helpUri: helpUri$5,
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
var remediation$6, secretKey$1, webhookSecret, rules$9;
var init_stripe = __esmMin((() => {
	init_rulekit();
	init_fakes();
	remediation$6 = {
		rotate: "https://dashboard.stripe.com/apikeys \u2192 Roll key (webhook secrets: Developers \u2192 Webhooks \u2192 the endpoint \u2192 Roll secret)",
		store: "the platform or CI secret store, with restricted keys of minimal permissions",
		read: "STRIPE_SECRET_KEY from the environment on the server only (never in NEXT_PUBLIC_ / VITE_ variables)"
	};
	secretKey$1 = regexRule({
		id: "stripe-secret-key",
		provider: "stripe",
		title: "Stripe secret or restricted key",
		why: "A live Stripe secret key moves money: it creates charges and refunds and reads customer data.",
		severity: "error",
		remediation: remediation$6,
		helpUri: "https://docs.stripe.com/keys",
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
var init_rules$2 = __esmMin((() => {
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
	init_github$1();
	init_gitlab$1();
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
// src/repo-checks/rules.ts
var rules_exports = /* @__PURE__ */ __exportAll({
	extraHeaderCredential: () => extraHeaderCredential,
	gitignoreMissing: () => gitignoreMissing,
	remoteCredential: () => remoteCredential,
	repoFinding: () => repoFinding,
	repoRules: () => repoRules,
	trackedIgnored: () => trackedIgnored,
	untrackedEnv: () => untrackedEnv
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
var gitignoreMissing, trackedIgnored, remoteCredential, extraHeaderCredential, untrackedEnv, repoRules;
var init_rules$1 = __esmMin((() => {
	init_redact();
	init_fakes();
	gitignoreMissing = {
		kind: "repo",
		id: "repo-gitignore-missing-patterns",
		provider: "repo",
		title: ".gitignore does not exclude credential files",
		why: "Without these patterns, `git add .` picks up .env files, CLI credential files and keys the next time one lands in the tree.",
		severity: "warning",
		remediation: { note: "Run `leaklint gitignore --fix` to append the missing patterns (idempotent), then commit .gitignore." },
		get examples() {
			return {
				match: [".gitignore\nnode_modules/\n"],
				noMatch: [".gitignore\n*\n!.env.example\n"]
			};
		}
	};
	trackedIgnored = {
		kind: "repo",
		id: "repo-tracked-ignored-file",
		provider: "repo",
		title: "Tracked file that .gitignore now excludes",
		why: "Ignore rules do not apply to files already tracked: this file is still committed with every change.",
		severity: "warning",
		remediation: { note: "Stop tracking it: `git rm --cached -- {files}` and commit; rotate anything it held." },
		get examples() {
			return {
				match: [".gitignore\n# everything but the templates\n*\n!.env.example\n"],
				noMatch: [".gitignore\n*.log\n"]
			};
		}
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
		},
		get examples() {
			return {
				match: [`.git/config\n[remote "origin"]\n\turl = https://oauth2:glpat-${fake(20, ALNUM, "repo-remote")}@gitlab.com/acme/app.git\n`],
				noMatch: [".git/config\n[remote \"origin\"]\n	url = https://gitlab.com/acme/app.git\n", ".git/config\n[remote \"origin\"]\n	url = git@github.com:acme/app.git\n"]
			};
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
		},
		get examples() {
			return {
				match: [`.git/config\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${Buffer.from(`x-access-token:ghs_${fakeWithCrc32("repo-extraheader")}`).toString("base64")}\n`],
				noMatch: [".git/config\n[http]\n	postBuffer = 524288000\n", ".git/config\n[http \"https://github.com/\"]\n	extraheader = X-Trace-Id: build-42\n"]
			};
		}
	};
	untrackedEnv = {
		kind: "repo",
		id: "repo-untracked-env-file",
		provider: "repo",
		title: "Untracked .env file, not ignored, holding a credential",
		why: "Nothing has been committed yet, but nothing keeps it out either: `git add .` or `git commit -a` of a new tree takes the file, and its credential, into history.",
		severity: "error",
		remediation: {
			rotate: "nothing while it stays uncommitted; if the file was ever committed elsewhere, shared or copied, rotate what it holds at its provider",
			store: "keep the file on this machine only: add `.env` and `.env.*` to .gitignore (`leaklint gitignore --fix`); commit a `.env.example` with placeholder values instead",
			read: "tools that load .env files (python-dotenv, Node\u2019s --env-file, docker compose) keep reading the ignored file"
		},
		get examples() {
			const token = `hf_${fake(34, LETTERS, "untracked-env")}`;
			return {
				match: [`untracked:.env\nHF_TOKEN=${token}\n`, `untracked:svc/.ENV\nHF_TOKEN=${token}\n`],
				noMatch: [`untracked:.env\nHF_TOKEN=\n`, `untracked:notes/env.txt\nHF_TOKEN=${token}\n`]
			};
		}
	};
	repoRules = [
		gitignoreMissing,
		trackedIgnored,
		remoteCredential,
		extraHeaderCredential,
		untrackedEnv
	];
}));
// src/scan/rule-set.ts
var rule_set_exports = /* @__PURE__ */ __exportAll({
	contentRulesFrom: () => contentRulesFrom,
	loadRules: () => loadRules,
	recipeOf: () => recipeOf,
	rulesFor: () => rulesFor
});
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
async function contentRulesFrom(recipe) {
	const { allRules } = await Promise.resolve().then(() => (init_rules$2(), rules_exports$1));
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
// src/git/history-heap.ts
function tuneHeapForHistoryWalk() {
	const major = Number(process.versions.v8.split(".")[0]);
	if (major < 11 || major > 13) return;
	const v8 = (0, node_module.createRequire)(require("url").pathToFileURL(__filename).href)("node:v8");
	v8.setFlagsFromString("--semi-space-growth-factor=1");
	v8.setFlagsFromString("--heap-growing-percent=200");
}
var init_history_heap = __esmMin((() => {}));
// src/git/policy.ts
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
var init_policy = __esmMin((() => {
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
// src/git/git.ts
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
		if (parts.length) yield parts;
	}
	if (rest) yield [rest];
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
	worker.once("online", tuneHeapForHistoryWalk);
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
	init_history_heap();
	init_policy();
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
// src/util/safe-write.ts
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
// src/report/report-file.ts
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
// src/scan/keywords.ts
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
}));
// src/scan/text.ts
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
var SNIFF_BYTES, utf8;
var init_text = __esmMin((() => {
	SNIFF_BYTES = 8e3;
	utf8 = new TextDecoder("utf-8");
}));
// src/suppress/inline.ts
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
var init_inline = __esmMin((() => {
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
// src/scan/encoded.ts
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
var HALF, B64, EQ, SEXTET;
var init_encoded = __esmMin((() => {
	HALF = 12;
	B64 = /* @__PURE__ */ new Uint8Array(65536);
	for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") B64[c.charCodeAt(0)] = 1;
	EQ = 61;
	SEXTET = (/* @__PURE__ */ new Int8Array(256)).fill(-1);
	[..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"].forEach((c, i) => SEXTET[c.charCodeAt(0)] = i);
}));
// src/scan/joined-literals.ts
function joinsLiterals(path) {
	return JOINABLE.test(path);
}
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
var JOINABLE, MAX_LITERAL, MAX_JOINED, MAX_GAP, JOIN_READ, JoinScout;
var init_joined_literals = __esmMin((() => {
	JOINABLE = /\.(?:py|pyi|pyw|ipynb|js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i;
	MAX_LITERAL = 256;
	MAX_JOINED = 1024;
	MAX_GAP = 80;
	JOIN_READ = 1362;
	JoinScout = class {
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
}));
// src/scan/versions.ts
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
var MIN_SIZE, MAX_KEPT, STALE_BYTES, MAX_CHURN, ANCHOR, LOOKUP_REACH, MAX_LOOKUPS, CleanVersions;
var init_versions = __esmMin((() => {
	init_text();
	MIN_SIZE = 16384;
	MAX_KEPT = 8388608;
	STALE_BYTES = 4096;
	MAX_CHURN = 3;
	ANCHOR = 128;
	LOOKUP_REACH = 16384;
	MAX_LOOKUPS = 48;
	CleanVersions = class {
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
}));
// src/scan/engine.ts
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
function windowMargin(contextLines) {
	return WINDOW_MARGIN * (1 + contextLines);
}
function ownCopy$1(text) {
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
var BASE64_DEPTH, WINDOW_MARGIN, BUDGETED_WINDOW, MEMO_WINDOW_MAX, MEMO_CHARS_MAX, MEMO_TRIAL, MEMO_WARMUP, WindowMemo, NO_MATCHES, Engine;
var init_engine = __esmMin((() => {
	init_keywords();
	init_placeholder();
	init_redact();
	init_text();
	init_inline();
	init_encoded();
	init_joined_literals();
	init_versions();
	BASE64_DEPTH = 2;
	WINDOW_MARGIN = 512;
	BUDGETED_WINDOW = 4 * WINDOW_MARGIN;
	MEMO_WINDOW_MAX = 2048;
	MEMO_CHARS_MAX = 2097152;
	MEMO_TRIAL = 4096;
	MEMO_WARMUP = 64;
	WindowMemo = class {
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
	NO_MATCHES = [];
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
			const d = decode$1(data);
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
								memo.young.set(ownCopy$1(windowText), matches);
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
}));
// src/report/scrub.ts
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
		const { loadRules } = await Promise.resolve().then(() => (init_rule_set(), rule_set_exports));
		return scrubSecrets(message, await loadRules());
	} catch {
		return "(message withheld: it could not be checked for secrets)";
	}
}
var init_scrub = __esmMin((() => {
	init_engine();
}));
// src/report/safe-text.ts
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
// src/util/self.ts
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
// src/cli/option-table.ts
var COMMON_OPTIONS;
var init_option_table = __esmMin((() => {
	COMMON_OPTIONS = {
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
}));
// src/cli/fast-argv.ts
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
var VALUE_OPTIONS, FLAGS, REPEATABLE, NUMBERS, PLAIN_SIZE, DIFF_FLAGS;
var init_fast_argv = __esmMin((() => {
	init_option_table();
	VALUE_OPTIONS = {};
	FLAGS = {};
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
	REPEATABLE = new Set(Object.entries(COMMON_OPTIONS).filter(([, spec]) => spec.repeatable).map(([name]) => name));
	NUMBERS = new Set(Object.entries(COMMON_OPTIONS).filter(([, spec]) => spec.type === "number").map(([name]) => name));
	PLAIN_SIZE = /^[1-9][0-9]{0,14}$/;
	DIFF_FLAGS = {
		...FLAGS,
		"--allow-empty": ["allow-empty", true]
	};
}));
// src/cli/io.ts
function useColor(args, io) {
	if (!args.color || io.env.NO_COLOR) return false;
	if ("FORCE_COLOR" in io.env && io.env.FORCE_COLOR !== "0") return true;
	return Boolean(io.stdout.isTTY);
}
function plural$1(n, noun) {
	return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
function note(args, io, text) {
	if (!args.quiet) io.stderr.write(`leaklint: ${text}\n`);
}
var UsageError;
var init_io = __esmMin((() => {
	UsageError = class extends Error {};
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
			if (!isTextMime(mime)) continue;
			const text = typeof value === "string" || Array.isArray(value) ? joinSource(value) : stringifyOutput(value);
			if (text !== void 0) texts.push(text);
		}
		let traceback = "";
		if (Array.isArray(o.traceback)) texts.push(traceback = stripAnsi$1(o.traceback.filter((t) => typeof t === "string").join("\n")));
		if (typeof o.evalue === "string" && !traceback.includes(stripAnsi$1(o.evalue))) texts.push(o.evalue);
	}
	return [...new Set(texts.map((t) => normaliseEol(stripAnsi$1(t))))];
}
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
var ANSI_ESCAPE, WIDGET_STATE;
var init_notebook = __esmMin((() => {
	init_text();
	ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
	WIDGET_STATE = "application/vnd.jupyter.widget-state+json";
}));
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
		const d = decode$1(data);
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
var init_content = __esmMin((() => {
	init_text();
	init_notebook();
}));
// src/scan/scanner.ts
function formatBytes(n) {
	if (n >= 1048576) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
	if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
	return `${Math.round(n)} B`;
}
var DEFAULT_MAX_FILE_SIZE, Scanner;
var init_scanner = __esmMin((() => {
	init_types$1();
	init_text();
	init_content();
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
			if (item.type !== "finding" && item.type !== "message" && this.isIgnored(item.type === "chunk" ? item.chunk.path : item.path)) return;
			switch (item.type) {
				case "file":
					this.addFile(item.path, item.origin, item.data, item.pathRules ?? true);
					break;
				case "scanned":
					this.addScanned(item.path, item.origin, item.size, item.result);
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
				case "message":
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
			this.noteOverBudget(this.engine.takeOverBudget());
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
			if (pathRules) {
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
				this.keep(this.engine.scanPath(path, origin, content));
			}
			if (data.length > this.options.maxFileSize) {
				this.stats.files++;
				this.skip(path, "large", `${formatBytes(data.length)} is over the ${formatBytes(this.options.maxFileSize)} limit`);
				return;
			}
			this.addScanned(path, origin, data.length, scanContent(this.engine, path, data, origin));
		}
		addScanned(path, origin, size, result) {
			this.stats.files++;
			this.noteOverBudget(result.overBudget);
			if (result.binary) {
				this.skip(path, "binary");
				return;
			}
			this.stats.bytes += size;
			for (const w of result.warnings) this.stats.warnings.push(w);
			for (const f of result.findings) f.origin = origin;
			this.keep(result.findings);
		}
		noteOverBudget(list) {
			for (const o of list) {
				this.stats.unread++;
				this.stats.warnings.push(`rule ${o.ruleId} ran out of its ${o.budgetMs} ms on ${o.path}: the rest of that file was not searched with it, so the scan is incomplete (simplify the rule's pattern or its keywords)`);
			}
		}
		replaceFindings(findings, suppressed) {
			this.findings = findings;
			this.suppressed = suppressed;
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
// src/suppress/baseline.ts
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
	init_json_error();
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
// src/report/formats/types.ts
function shownSecret(f, showSecrets) {
	return showSecrets && f.secret ? f.secret : f.preview;
}
var init_types = __esmMin((() => {}));
// src/util/shell.ts
function shellQuote(word) {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
var init_shell = __esmMin((() => {}));
// src/report/remediation.ts
function unique(items) {
	return [...new Set(items)];
}
function fileWords(files) {
	const shown = files.slice(0, MAX_NAMED).map(shellQuote).join(" ");
	return files.length > MAX_NAMED ? `${shown} (and the ${files.length - MAX_NAMED} more files listed above)` : shown;
}
function commitsOf(findings) {
	return unique(findings.flatMap((f) => f.origin.kind === "commit" ? [f.origin.commit.sha.slice(0, 12)] : []));
}
function baseName(path) {
	return path.slice(path.lastIndexOf("/") + 1);
}
function ignorePatternFor(rule, file) {
	const pattern = rule?.kind === "path" ? rule.ignorePattern : void 0;
	if (!pattern) return void 0;
	if (pattern.endsWith("/")) return file.split("/").slice(0, -1).includes(pattern.slice(0, -1)) ? pattern : baseName(file);
	const name = baseName(file);
	for (const candidate of [pattern, `${pattern}.*`]) if (import_picomatch.default.isMatch(name, candidate, { dot: true })) return candidate;
	return name;
}
function ignoreStep(patterns) {
	if (patterns.length === 0) return void 0;
	if (patterns.length === 1) return `Ignore it: echo '${patterns[0]}' >> .gitignore`;
	return `Ignore them: add these lines to .gitignore: ${patterns.join(" ")}`;
}
function remediationSteps(rule, finding, moment) {
	return groupRemediation(rule, [finding], moment);
}
function groupRemediation(rule, all, moment, opts = {}) {
	const r = rule?.remediation ?? {};
	const first = all[0];
	const steps = [];
	const rotate = r.rotate ? `Rotate it: ${r.rotate}.` : "Rotate it at the service that issued it.";
	const store = r.store ? `Keep the value in ${r.store}` + (r.read ? `, and read it from there: ${r.read}.` : ".") : void 0;
	const isPath = first.kind === "path";
	const files = unique(all.map((f) => f.file));
	const patterns = unique(files.map((f) => ignorePatternFor(rule, f)).filter((p) => p !== void 0));
	const note = r.note?.replace(/\{files\}/g, fileWords(files));
	if (first.kind === "repo") {
		if (r.rotate) steps.push(rotate);
		if (store) steps.push(store);
		if (note) steps.push(note);
		return steps;
	}
	switch (moment === "audit" && first.origin.kind !== "commit" ? "files" : moment) {
		case "precommit":
			if (isPath) {
				steps.push(`Unstage the file: git rm --cached -- ${fileWords(files)}`);
				const ignore = ignoreStep(patterns);
				if (ignore) steps.push(ignore);
			} else {
				const edit = files.filter((f) => !opts.removedFiles?.has(f));
				if (edit.length) steps.push(`Unstage and edit: git restore --staged -- ${fileWords(edit)}, then remove the value from the file.`);
			}
			if (store) steps.push(store);
			steps.push("Commit again. The secret never left this machine, so rotating is optional.");
			break;
		case "prepush": {
			const shas = commitsOf(all);
			const fix = fixInCommit(isPath, files, patterns);
			if (shas.length === 1) steps.push(`Rewrite the commit that introduced it before pushing: git rebase -i ${shas[0]}^ (mark that commit "edit", ${fix}, git commit --amend, git rebase --continue), then push again. Nothing was pushed yet, so no force-push is needed.`);
			else steps.push(`Rewrite the commits that introduced it (${shas.join(", ")}) before pushing: git rebase -i the oldest one's parent, mark them "edit", ${fix} in each, git commit --amend, git rebase --continue; then push again. Nothing was pushed yet, so no force-push is needed.`);
			if (store) steps.push(store);
			steps.push(`If these commits were ever pushed elsewhere (another branch or remote): ${rotate}`);
			break;
		}
		case "ci": {
			const shas = commitsOf(all);
			const fix = fixInCommit(isPath, files, patterns);
			if (shas.length === 1) steps.push(`Rewrite the commit that introduced it before merging: git rebase -i ${shas[0]}^ (mark that commit "edit", ${fix}, git commit --amend, git rebase --continue), then force-push the branch.`);
			else steps.push(`Rewrite the commits that carry it before merging${shas.length ? ` (${shas.join(", ")})` : ""} (${fix} in each, git commit --amend), then force-push the branch.`);
			steps.push(`If the branch was ever pushed anywhere public: ${rotate}`);
			if (store) steps.push(store);
			break;
		}
		case "audit": {
			steps.push(`First, ${rotate.charAt(0).toLowerCase()}${rotate.slice(1)} It is already in history, so treat it as exposed.`);
			if (store) steps.push(store);
			const tracked = unique(all.filter((f) => f.history?.inHead !== false).map((f) => f.file));
			const trackedPatterns = unique(tracked.map((f) => ignorePatternFor(rule, f)).filter((p) => p !== void 0));
			if (isPath && tracked.length) steps.push(`Stop tracking it: git rm --cached -- ${fileWords(tracked)}${trackedPatterns.length ? ` and add ${trackedPatterns.map((p) => `'${p}'`).join(", ")} to .gitignore` : ""}.`);
			steps.push(`Then purge it from history: \`leaklint purge-plan\` writes the git filter-repo commands (${isPath ? "the file is dropped from every commit" : "the value becomes ***REMOVED*** in every commit"}).`);
			steps.push("Finally, forks, pull-request refs and existing clones keep the old commits: force-push every ref and ask collaborators to re-clone.");
			break;
		}
		case "files":
			if (isPath) steps.push(`Keep the file out of version control: git rm --cached -- ${fileWords(files)}` + (patterns.length ? ` and add ${patterns.map((p) => `'${p}'`).join(", ")} to .gitignore.` : "."));
			else steps.push("Remove the value from the file.");
			if (store) steps.push(store);
			steps.push(`If it was ever committed or shared: ${rotate}`);
	}
	if (note) steps.push(note);
	return steps;
}
function fixInCommit(isPath, files, patterns) {
	if (!isPath) return "remove the value";
	return `git rm --cached -- ${fileWords(files)}${patterns.length ? `, add ${patterns.map((p) => `'${p}'`).join(", ")} to .gitignore` : ""}`;
}
var import_picomatch, MAX_NAMED;
var init_remediation = __esmMin((() => {
	import_picomatch = /* @__PURE__ */ __toESM(require_picomatch(), 1);
	init_shell();
	MAX_NAMED = 8;
}));
// src/report/formats/verification.ts
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
// src/report/formats/human.ts
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
	if (h.refs.length) parts.push(`reachable from ${h.refs.slice(0, 5).join(", ")}${h.refCount > 5 ? ` and ${h.refCount - 5} more` : ""}`);
	return parts.join(" \u00B7 ");
}
function auditSummary(findings) {
	if (findings.length === 0) return [];
	const secrets = findings.filter((f) => f.kind === "content");
	const byProvider = groupBy(secrets, (f) => f.provider);
	const inHead = secrets.filter((f) => !f.history || f.history.inHead).length;
	const files = [...new Set(findings.filter((f) => f.kind === "path" && f.history?.inHead !== false).map((f) => f.file))];
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
function adviceOf(findings, rules, moment) {
	const removedFiles = moment === "precommit" ? new Set(findings.filter((f) => f.kind === "path").map((f) => f.file)) : void 0;
	const groups = [...groupBy(findings, (f) => f.ruleId)].map(([ruleId, same]) => {
		const rule = rules.get(ruleId);
		return {
			ruleId,
			rule,
			findings: same,
			steps: groupRemediation(rule, same, moment, removedFiles ? { removedFiles } : {})
		};
	});
	const worst = (a) => Math.min(...a.findings.map((f) => SEVERITY_ORDER[f.severity]));
	return groups.sort((a, b) => worst(a) - worst(b));
}
function countOf(findings) {
	const files = new Set(findings.map((f) => f.file)).size;
	const n = findings.length;
	return `${n} finding${n === 1 ? "" : "s"}${files > 1 ? ` in ${files} files` : ""}`;
}
var import_picocolors, SEVERITY_ORDER, BLOCKED_COMMIT, humanReporter;
var init_human = __esmMin((() => {
	import_picocolors = /* @__PURE__ */ __toESM(require_picocolors(), 1);
	init_types();
	init_remediation();
	init_scanner();
	init_safe_text();
	init_verification();
	SEVERITY_ORDER = {
		error: 0,
		warning: 1,
		info: 2
	};
	BLOCKED_COMMIT = [
		"The commit was blocked. If a finding is not a secret (a test value, an example):",
		"  - put `leaklint:allow` in a comment on its line (or `leaklint:allow-next-line` on the line before), or",
		"  - accept the current findings: `leaklint baseline`, then commit .leaklint-baseline.json, or",
		"  - accept a whole file: add it to allowlist.paths in leaklint.config.json.",
		"To skip the check once in an emergency: git commit --no-verify. It skips every pre-commit hook, and a real secret",
		"committed that way is in history from then on: remove it before pushing, or rotate it once pushed."
	];
	humanReporter = (ctx) => {
		const c = import_picocolors.default.createColors(ctx.color);
		const result = escapeStrings(ctx.result);
		const s = result.stats;
		if (ctx.quiet && result.findings.length === 0 && s.unread === 0 && s.warnings.length === 0) return "";
		const sev = (v) => v === "error" ? c.red("error") : v === "warning" ? c.yellow("warning") : c.blue("info");
		const lines = [];
		for (const [file, findings] of groupBy(result.findings, (f) => f.file)) for (const f of findings) {
			const where = f.kind !== "content" ? "" : f.cell !== void 0 ? ` cell ${f.cell} line ${f.line}:${f.column}` : `:${f.line}:${f.column}`;
			const commit = f.origin.kind === "commit" ? ` ${c.dim(`in ${f.origin.commit.sha.slice(0, 12)} by ${f.origin.commit.author} on ${f.origin.commit.date.slice(0, 10)}`)}` : "";
			const value = f.kind !== "content" ? "" : `  ${c.bold(shownSecret(f, ctx.showSecrets))}`;
			const verified = !f.verification ? "" : `  ${f.verification.status === "live" ? c.red(c.bold("verified live: rotate now")) : c.dim(`verified: ${verificationWord(f)}`)}`;
			lines.push(`${c.underline(file)}${where}  ${sev(f.severity)}  ${f.message}${value}  ${c.dim(f.ruleId)}${commit}${verified}`);
			if (f.history) lines.push(`    ${c.dim(historyLine(f.history))}`);
		}
		if (result.findings.length) lines.push("");
		lines.push(...verificationSummary(result.findings, {
			live: (t) => c.red(c.bold(t)),
			dim: c.dim
		}));
		const advice = ctx.quiet ? [] : adviceOf(result.findings, ctx.rules, result.moment);
		if (advice.length) {
			lines.push(c.bold("What to do:"));
			for (const a of advice) {
				lines.push(`  ${c.bold(a.ruleId)} (${countOf(a.findings)})${a.rule ? `: ${escapeText(a.rule.why)}` : ""}`);
				for (const step of a.steps) lines.push(`    ${c.dim("\u2192")} ${escapeText(step)}`);
			}
			lines.push("");
		}
		if (result.moment === "audit") lines.push(...auditSummary(result.findings));
		const counts = {
			error: 0,
			warning: 0,
			info: 0
		};
		for (const f of result.findings) counts[f.severity]++;
		const parts = [
			`${result.findings.length} finding${result.findings.length === 1 ? "" : "s"} (${counts.error} error, ${counts.warning} warning, ${counts.info} info)`,
			`${result.suppressed.length} suppressed`,
			ctx.subject ? `checked ${ctx.subject}` : `${s.files} file${s.files === 1 ? "" : "s"} scanned (${formatBytes(s.bytes)})`
		];
		if (s.skippedBinary) parts.push(`${s.skippedBinary} binary skipped`);
		if (s.skippedLarge) parts.push(`${s.skippedLarge} over the size limit skipped`);
		if (s.unread) parts.push(`${s.unread} could not be read: INCOMPLETE`);
		for (const w of s.warnings) lines.push(c.yellow(`warning: ${w}`));
		const summary = parts.join(", ");
		lines.push(counts.error ? c.red(summary) : result.findings.length || s.unread ? c.yellow(summary) : c.green(summary));
		const first = advice[0];
		if (first && result.moment !== "audit" && first.steps[0]) lines.push(`${c.bold("First:")} ${escapeText(first.steps[0])} (${first.ruleId})`);
		if (!ctx.quiet && result.moment === "precommit" && counts.error) lines.push("", ...BLOCKED_COMMIT);
		return lines.join("\n") + "\n";
	};
}));
// src/report/formats/json.ts
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
				...verificationCounts(result.findings) ? { verification: verificationCounts(result.findings) } : {},
				fingerprints: result.fingerprintKeyId ? "keyed" : "plain",
				...result.fingerprintKeyId ? { fingerprintKeyId: result.fingerprintKeyId } : {}
			}
		};
		return escapeJsonText(JSON.stringify(report, null, 2)) + "\n";
	};
}));
// src/report/security-severity.ts
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
// src/report/formats/sarif.ts
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
// src/report/formats/github.ts
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
// src/report/formats/gitlab.ts
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
// src/report/formats/junit.ts
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
// src/report/formats/index.ts
var reporters;
var init_formats = __esmMin((() => {
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
// src/report/outputs.ts
function formatNamed(name, where) {
	const format = name.toLowerCase();
	if (!Object.hasOwn(reporters, format)) throw new OutputSpecError(`unknown format: ${name}${where}${didYouMean(format, Object.keys(reporters))} (formats: ${Object.keys(reporters).join(", ")})`);
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
var init_outputs = __esmMin((() => {
	init_formats();
	init_report_file();
	init_suggest();
	OutputSpecError = class extends Error {};
	FORMAT_PREFIX = /^([A-Za-z][A-Za-z0-9_-]*)=/;
}));
// src/report/formats/step-summary.ts
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
// src/util/pace.ts
function paceDue() {
	return performance.now() - sliceStart >= 50;
}
function yieldToEventLoop() {
	return new Promise((resolve) => setImmediate(() => {
		sliceStart = performance.now();
		resolve();
	}));
}
async function pace() {
	if (paceDue()) await yieldToEventLoop();
}
var sliceStart;
var init_pace = __esmMin((() => {
	sliceStart = performance.now();
}));
// src/verify/sigv4.ts
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
// src/verify/verifiers.ts
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
	const named = isObject$1(claims) ? claims.region_url || claims.url : void 0;
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
var LIVE, INVALID, MALFORMED, unsupported, unexpected, isObject$1, bearer, hasList, hasString, STS_BODY, aws, slackError, verifiers, byRule;
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
	isObject$1 = (v) => Boolean(v) && typeof v === "object" && !Array.isArray(v);
	bearer = (secret) => ({ authorization: `Bearer ${secret}` });
	hasList = (key) => (b) => isObject$1(b) && Array.isArray(b[key]);
	hasString = (key) => (b) => isObject$1(b) && typeof b[key] === "string";
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
			judge: byStatus([], [401], (b) => isObject$1(b) && isObject$1(b.data) && isObject$1(b.data.viewer) && typeof b.data.viewer.username === "string")
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
			if (!isObject$1(b) || typeof b.active !== "boolean") return MALFORMED;
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
				if (!isObject$1(b) || typeof b.ok !== "boolean") return MALFORMED;
				if (b.ok) return LIVE;
				return typeof b.error === "string" && slackError.has(b.error) ? INVALID : {
					status: "unknown",
					reason: "unexpected answer (auth.test error)"
				};
			}
		},
		simple("stripe", ["stripe-secret-key"], "https://api.stripe.com", "GET", "/v1/balance", bearer, byStatus([403], [401], isObject$1)),
		simple("npm", ["npm-access-token", "npm-legacy-auth-token"], "https://registry.npmjs.org", "GET", "/-/whoami", bearer, byStatus([], [401], hasString("username"))),
		simple("replicate", ["replicate-api-token"], "https://api.replicate.com", "GET", "/v1/account", bearer, byStatus([], [401], hasString("username"))),
		simple("vercel", ["vercel-token", "vercel-classic-token"], "https://api.vercel.com", "GET", "/v2/user", bearer, byStatus([], [401, 403], (b) => isObject$1(b) && isObject$1(b.user))),
		simple("google", ["google-api-key"], "https://generativelanguage.googleapis.com", "GET", "/v1beta/models", (s) => ({ "x-goog-api-key": s }), (a) => {
			if (a.status === 400 && a.body.includes("API_KEY_INVALID")) return INVALID;
			if (a.status === 403) return LIVE;
			return byStatus([], [], hasList("models"))(a);
		}),
		aws
	];
	byRule = new Map(verifiers.flatMap((v) => v.rules.map((r) => [r, v])));
}));
// src/verify/verify.ts
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
	if (!outcome.reason?.includes(c.secret)) return outcome;
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
// src/cli/run-scan.ts
function reportOutputs(args, io) {
	try {
		return planReports(args.format, args.output, io.cwd, () => repoRoot(io.cwd));
	} catch (e) {
		if (e instanceof OutputSpecError) throw new UsageError(e.message);
		throw e;
	}
}
async function prepareScan(moment, args, config, root, fingerprintKey) {
	const compiled = compileConfig(config, (w) => scanner.stats.warnings.push(w));
	const rules = (await rulesFor(config)).filter((r) => !compiled.isDisabled(r.id));
	const engine = new Engine(rules, recipeOf(rules, config));
	const maxFileSize = args["max-file-size"] ?? config.maxFileSize ?? 5242880;
	const baselineFile = root ? baselinePath(args.baseline, root) : void 0;
	const accepted = baselineFile ? readBaseline(baselineFile, root) : void 0;
	const baseline = accepted ? new BaselineMatcher(accepted.entries) : void 0;
	const key = fingerprintKey ?? accepted?.key;
	const accept = (f) => compiled.accept(f) ?? baseline?.accept(f);
	const fingerprint = key ? (f) => keyedFingerprint(key, f.fingerprint) : void 0;
	const scanner = new Scanner(engine, {
		moment,
		maxFileSize,
		accept,
		adjust: compiled.adjust,
		isIgnored: compiled.isIgnored,
		...fingerprint ? {
			fingerprint,
			fingerprintKeyId: fingerprintKeyId(key)
		} : {}
	});
	return {
		rules,
		engine,
		scanner,
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
async function finishScan(result, rules, args, io, subject) {
	const outputs = reportOutputs(args, io);
	const ctx = {
		result,
		rules: new Map(rules.map((r) => [r.id, r])),
		showSecrets: args["show-secrets"],
		color: false,
		quiet: args.quiet,
		...subject ? { subject } : {}
	};
	const texts = outputs.map((out) => reporters[out.format](out.file ? ctx : {
		...ctx,
		color: useColor(args, io)
	}));
	await yieldToEventLoop();
	const root = outputs.some((o) => o.file) ? repoRoot(io.cwd) : void 0;
	outputs.forEach((out, i) => {
		if (out.file) writeReportFile(out.file, texts[i], root);
		else io.stdout.write(texts[i]);
	});
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
	for await (const item of items) {
		scanner.add(item);
		await pace();
	}
	const result = scanner.result();
	noteStaleBaseline(result, baseline, opts.fullScan ? (e) => e.source === void 0 : false);
	await verifyIfAsked(result, args, io, config, opts.verifyFromConfig ?? true);
	return finishScan(result, rules, args, io, opts.subject);
}
function configFor(args, io) {
	return loadConfig(repoRoot(io.cwd) ?? io.cwd, args.config);
}
var init_run_scan = __esmMin((() => {
	init_engine();
	init_scanner();
	init_config();
	init_rule_set();
	init_baseline$1();
	init_git();
	init_report_file();
	init_outputs();
	init_step_summary();
	init_redact();
	init_formats();
	init_pace();
	init_io();
}));
// src/cli/options.ts
function positiveSize(value) {
	if (value === void 0) return void 0;
	if (!Number.isFinite(value) || value <= 0) throw new UsageError("--max-file-size takes a positive number of bytes");
	return value;
}
function common(y) {
	const detail = {
		format: `report format (${Object.keys(reporters).join(", ")})`,
		"max-file-size": `skip files larger than this many bytes (default ${DEFAULT_MAX_FILE_SIZE})`,
		baseline: `accepted findings (default: ${BASELINE_FILE} at the repository root when present; --no-baseline ignores it)`
	};
	let out = y;
	for (const [name, spec] of Object.entries(COMMON_OPTIONS)) out = out.option(name, {
		type: spec.type,
		describe: detail[name] ?? spec.describe,
		...spec.alias ? { alias: spec.alias } : {},
		...spec.default !== void 0 ? { default: spec.default } : {},
		...name === "max-file-size" ? { coerce: positiveSize } : {}
	});
	return out;
}
var init_options = __esmMin((() => {
	init_scanner();
	init_baseline$1();
	init_formats();
	init_io();
	init_option_table();
}));
// src/util/latin1.ts
function utf8FromLatin1(latin1) {
	return NON_ASCII.test(latin1) ? Buffer.from(latin1, "latin1").toString("utf8") : latin1;
}
function ownCopy(text) {
	return Buffer.from(text, "utf8").toString("utf8");
}
var NON_ASCII;
var init_latin1 = __esmMin((() => {
	NON_ASCII = /[^\x00-\x7f]/;
}));
// src/sources/diff/patch.ts
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
function withoutCr(line) {
	return line.endsWith("\r") ? line.slice(0, -1) : line;
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
		const p1 = utf8FromLatin1(text.slice(at, p1End));
		at = p1End + 1;
		let path = p1;
		let oldPath;
		if (entry.parents === 1 && (status === "R" || status === "C")) {
			const p2End = text.indexOf("\0", at);
			oldPath = p1;
			path = utf8FromLatin1(text.slice(at, p2End));
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
			if (parents === 1) {
				const column = raw.charCodeAt(0);
				if (column === PLUS) file.added.push({
					line: newLine,
					text: withoutCr(utf8FromLatin1(raw.slice(1)))
				});
				else if (column !== SPACE) continue;
				newLine++;
				continue;
			}
			const columns = raw.slice(0, parents);
			if (columns.length < parents || !/^[ +]+$/.test(columns)) continue;
			if (columns === addedEverywhere) file.added.push({
				line: newLine,
				text: withoutCr(utf8FromLatin1(raw.slice(parents)))
			});
			newLine++;
		}
	});
	return files;
}
var RAW$1, COMBINED_RAW, PLUS, SPACE, CommitSplitter;
var init_patch = __esmMin((() => {
	init_latin1();
	RAW$1 = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/;
	COMBINED_RAW = /^(:{2,})((?:\d{6} )+)((?:[0-9a-f]+ )+)([A-Z]+)$/;
	PLUS = 43;
	SPACE = 32;
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
// src/sources/diff/pem-blocks.ts
function mayFillKeyBlock(added) {
	return added.some((l) => BODY_LINE.test(l.text));
}
function withKeyBlocks(added, text) {
	const wanted = new Set(added.map((l) => l.line));
	const lines = text.split("\n");
	const byLine = new Map(added.map((l) => [l.line, l]));
	let begin = -1;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (begin !== -1 && i - begin > MAX_BLOCK_LINES) begin = -1;
		if (begin === -1) {
			if (BEGIN.test(line) && !END.test(line)) begin = i;
			continue;
		}
		if (!END.test(line)) continue;
		let touched = false;
		for (let j = begin; j <= i && !touched; j++) touched = wanted.has(j + 1);
		if (touched) {
			for (let j = begin; j <= i; j++) if (!byLine.has(j + 1)) byLine.set(j + 1, {
				line: j + 1,
				text: lines[j].replace(/\r$/, "")
			});
		}
		begin = -1;
	}
	return [...byLine.values()].sort((a, b) => a.line - b.line);
}
var BODY_LINE, BEGIN, END, MAX_BLOCK_LINES;
var init_pem_blocks = __esmMin((() => {
	BODY_LINE = /^\s*[A-Za-z0-9+/]{40,}={0,2}\s*$/;
	BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
	END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
	MAX_BLOCK_LINES = 200;
}));
// src/sources/diff/items.ts
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
	const added = keyBlocksAround(file, o);
	const text = added.map((l) => l.text).join("\n");
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
			startLine: added[0].line,
			lineNumbers: added.map((l) => l.line),
			origin: o.origin
		}
	};
}
function keyBlocksAround(file, o) {
	if (!mayFillKeyBlock(file.added)) return file.added;
	const size = o.blobSize(file.oid);
	const data = size !== void 0 && size <= o.maxFileSize ? o.readBlob(file.oid) : void 0;
	return data ? withKeyBlocks(file.added, data.toString("utf8")) : file.added;
}
function isNewPath(file) {
	return file.status !== "M" && file.status !== "T";
}
var init_items = __esmMin((() => {
	init_pem_blocks();
}));
// src/sources/diff/blobs.ts
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
var init_blobs = __esmMin((() => {
	init_git();
	init_items();
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
	init_items();
	init_blobs();
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
// src/git/staged-prestart.ts
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
function takePrestarted() {
	const slot = globalThis;
	const pre = slot[SLOT];
	delete slot[SLOT];
	return pre;
}
async function stagedPlan(cwd, paths, warmUp) {
	const pre = takePrestarted();
	const repo = (pre && await prestartedLocation(pre, cwd)) ?? locateRepo(cwd);
	const prestarted = pre && prestartedDiff(pre, repo, paths);
	if (pre && prestarted && !pre.diff.settled) await warmUp();
	return {
		repo,
		plan: stagedDiff(repo, paths, prestarted && await prestarted)
	};
}
var SLOT;
var init_staged_prestart = __esmMin((() => {
	init_fast_argv();
	init_git();
	init_staged$1();
	SLOT = Symbol.for("leaklint.prestartedStaged");
}));
// src/sources/read-file.ts
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
	init_options();
	init_rule_set();
	init_io();
	init_run_scan();
	init_config();
	init_scanner();
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
		examples: [["$0 staged", "what a pre-commit hook runs: everything staged"], ["$0 staged src/app.py .env", "only these staged paths (what lint-staged passes)"]],
		async run(args, io) {
			const paths = args.paths ?? [];
			const { repo, plan } = await stagedPlan(io.cwd, paths, warmUpScan);
			const config = loadConfig(repo.root ?? io.cwd, args.config);
			if (plan.files.length === 0) {
				if (io.env.PRE_COMMIT === "1" && !io.env.GIT_INDEX_FILE && paths.length === 0 && repo.root) {
					note(args, io, "nothing is staged and this is not a commit (pre-commit run --all-files?): scanning the tracked files instead");
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
				note(args, io, "nothing staged to scan (no added, copied, modified or renamed files)");
				return 0;
			}
			return runScan(stagedItems(plan, args["max-file-size"] ?? config.maxFileSize ?? 5242880), "precommit", args, io, config, {
				root: plan.root,
				verifyFromConfig: false
			});
		}
	};
}));
// src/sources/ci-env.ts
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
function isPrePushHook(env) {
	return Boolean(env.PRE_COMMIT_FROM_REF && env.PRE_COMMIT_TO_REF || env.PRE_COMMIT_REMOTE_NAME);
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
// src/sources/history/messages.ts
function tagMessagePath(tag) {
	return `(tag message ${tag})`;
}
function messageChunk(path, message, origin) {
	return {
		path,
		text: normaliseEol(message),
		startLine: 1,
		origin
	};
}
function annotatedTags(root, listed) {
	const r = listed ?? gitSync(root, TAG_LIST);
	if (r.status !== 0) return [];
	const out = [];
	for (const record of r.stdout.toString("utf8").split("\0")) {
		const [type, name, targetType, target, sha, tagger, date, ...rest] = record.replace(/^\n/, "").split("\0");
		if (type !== "tag" || targetType !== "commit" || !name || !target || !sha) continue;
		out.push({
			name,
			commit: target,
			tagger: {
				sha,
				author: tagger ?? "",
				date: date ?? ""
			},
			message: rest.join("\0")
		});
	}
	return out;
}
var COMMIT_MESSAGE, TAG_LIST;
var init_messages = __esmMin((() => {
	init_git();
	init_text();
	COMMIT_MESSAGE = "(commit message)";
	TAG_LIST = [
		"for-each-ref",
		"--format=%(objecttype)%00%(refname:lstrip=2)%00%(*objecttype)%00%(*objectname)%00%(objectname)%00%(taggername) %(taggeremail)%00%(taggerdate:iso-strict)%00%(contents)%01%00",
		"refs/tags/"
	];
}));
// src/sources/diff/range.ts
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
		"--decorate-refs=refs/tags/",
		"--format=%x01%H%x00%an <%ae>%x00%aI%x00%P%x00%D%x00%B",
		...revs
	]);
	const commits = [];
	const info = /* @__PURE__ */ new Map();
	const messages = /* @__PURE__ */ new Map();
	let roots = 0;
	let tagged = false;
	for (const record of out.split("")) {
		const [sha, author, date, parents, tags, ...message] = record.split("\0");
		if (!sha) continue;
		commits.push(sha);
		if (parents === "") roots++;
		if (tags) tagged = true;
		if (author !== void 0 && date !== void 0) info.set(sha, {
			sha,
			author,
			date
		});
		messages.set(sha, message.join("\0"));
	}
	return {
		commits,
		info,
		messages,
		tagged,
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
	const { commits, info, messages, tagged, roots } = listCommits(root, revs);
	if (open && commits.length && shallow()) {
		const cuts = shallowCuts(root);
		if (commits.some((c) => cuts.has(c))) throw new VacuousRangeError(fetchHint(true, `The history of ${request.head} before ${commits.find((c) => cuts.has(c)).slice(0, 12)}`));
	}
	if (commits.length === 0) {
		if (request.emptyNote !== void 0) return {
			root,
			commits,
			info,
			messages,
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
		messages,
		tagged,
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
			yield* messageItems(range);
			const splitter = new CommitSplitter();
			for await (const chunk of output.chunks) for (const { sha, body } of splitter.push(chunk.toString("latin1"))) yield* itemsOf(sha, body);
			for (const { sha, body } of splitter.end()) yield* itemsOf(sha, body);
		})(),
		stop: output.stop
	};
}
function* messageItems(range) {
	const originOf = (sha) => ({
		kind: "commit",
		commit: range.info.get(sha) ?? {
			sha,
			author: "unknown",
			date: ""
		}
	});
	for (const sha of range.commits) {
		const message = range.messages?.get(sha);
		if (message) yield {
			type: "message",
			chunk: messageChunk(COMMIT_MESSAGE, message, originOf(sha))
		};
	}
	if (!range.tagged) return;
	const inRange = new Set(range.commits);
	for (const tag of annotatedTags(range.root)) if (inRange.has(tag.commit)) yield {
		type: "message",
		chunk: messageChunk(tagMessagePath(tag.name), tag.message, originOf(tag.commit))
	};
}
var VacuousRangeError, OBJECT_ID, READ_AHEAD_BYTES;
var init_range = __esmMin((() => {
	init_git();
	init_patch();
	init_items();
	init_blobs();
	init_staged$1();
	init_messages();
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
	init_io();
	init_options();
	init_run_scan();
	init_config();
	init_scanner();
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
		examples: [
			["$0 diff", "the range the CI (or the pre-push hook) names, else the upstream of this branch"],
			["$0 diff origin/main..HEAD", "the commits on this branch that main lacks"],
			["$0 diff origin/main...HEAD --format github", "from the merge base, as GitHub workflow annotations"]
		],
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
			for (const n of range.notes) note(args, io, `note: ${n}`);
			if (range.commits.length === 0) note(args, io, `no commits to scan (from ${range.source})`);
			else note(args, io, `scanning ${plural$1(range.commits.length, "commit")} (${range.label}, from ${range.source})`);
			const maxFileSize = args["max-file-size"] ?? config.maxFileSize ?? 5242880;
			const progress = range.commits.length > 0 && !args.quiet ? rangeProgressPrinter(io) : void 0;
			const scan = rangeItems(range, maxFileSize, progress?.update);
			const items = progress ? endsWith(scan.items, progress.end) : scan.items;
			try {
				return await runScan(items, !spec && isPrePushHook(io.env) ? "prepush" : "ci", args, io, config, { root: workTree });
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
// src/git/locate.ts
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
	init_io();
	init_options();
	init_run_scan();
	init_locate();
	init_config();
	init_scanner();
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
		examples: [
			["$0 files", "the tracked files of this repository"],
			["$0 files src notebooks/train.ipynb", "these files and directories"],
			["$0 files --untracked --format json", "also untracked files, as JSON"]
		],
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
	init_options();
	init_run_scan();
	init_stdin$1();
	stdinCommand = {
		command: ["stdin", "-"],
		describe: "scan text piped on standard input",
		builder: (y) => common(y).option("path", {
			type: "string",
			describe: "a file name for the input, so path-aware rules apply"
		}),
		examples: [["git show HEAD:config.yaml | $0 stdin --path config.yaml", "a blob, with its name for the path rules"], ["pbpaste | $0 -", "the clipboard"]],
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
		title: r.title,
		...r.kind === "content" ? { keywords: r.keywords } : {}
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
	init_io();
	init_run_scan();
	init_rule_set();
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
			],
			coerce: (v) => String(v).toLowerCase(),
			describe: "list format (any case)"
		}).option("config", {
			alias: "c",
			type: "string",
			describe: "configuration file (default: leaklint.config.json at the repository root)"
		}),
		examples: [["$0 rules", "every rule, the project's own included"], ["$0 rules --format markdown", "as a Markdown table"]],
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
// src/repo-checks/gitignore.ts
function ignorePolicy(rules) {
	const lines = /* @__PURE__ */ new Set();
	for (const rule of rules) {
		if (rule.kind !== "path") continue;
		for (const line of [rule.ignorePattern, ...rule.alsoIgnore ?? []]) if (line) lines.add(line);
	}
	return [...lines];
}
async function requiredPatterns(configured) {
	if (configured) return configured;
	const { allRules } = await Promise.resolve().then(() => (init_rules$2(), rules_exports$1));
	return ignorePolicy(allRules);
}
function probeFor(pattern) {
	return pattern.replace(/^\/+/, "").replace(/\/$/, "/probe").replace(/^\*/, "probe").replace(/\.\*$/, ".local").replace(/\*$/, "").replace(/\*/g, "x");
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
function missingPatterns(root, required) {
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
var KEEP;
var init_gitignore$1 = __esmMin((() => {
	init_git();
	init_rules$1();
	init_safe_write();
	KEEP = [".env.example"];
}));
// src/setup/init.ts
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
	const entry = dependsOn(pkg, "leaklint") ? "leaklint staged" : `${command} staged`;
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
		content: STARTER_CONFIG,
		why: "a starter configuration: every setting commented out, the defaults apply"
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
var LINT_STAGED_FILES, NPM_INIT_TEST, HOOK_MARK, STARTER_CONFIG;
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
	STARTER_CONFIG = `{
  // leaklint's configuration (comments and trailing commas are allowed). The defaults apply until a setting is uncommented;
  // the README's Configuration section lists every key.
  //
  // Never read these paths (vendored code, build output):
  // "ignorePaths": ["vendor/**", "dist/**"],
  //
  // Accept findings in these paths, or these exact values (public demo keys):
  // "allowlist": { "paths": ["tests/fixtures/**"], "values": ["AKIAI44QH8DHBEXAMPLE"] },
  //
  // Turn rules off or down (ids from \`leaklint rules\`):
  // "disabledRules": ["vercel-classic-token"],
  // "severity": { "generic-secret-assignment": "warning" },
}
`;
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
	init_io();
	init_git();
	init_init$1();
	init_config();
	init_gitignore$1();
	init_safe_write();
	initCommand = {
		command: "init",
		describe: "install the pre-commit scan (husky, lint-staged, the pre-commit framework or a plain git hook) and a starter config",
		builder: (y) => y.option("dry-run", {
			type: "boolean",
			default: false,
			describe: "show what would change, change nothing"
		}),
		examples: [["$0 init --dry-run", "show what would be installed, change nothing"], ["$0 init", "install the pre-commit scan and a starter config"]],
		async run(args, io) {
			const root = repoRoot(io.cwd);
			if (!root) throw new UsageError("init needs a git repository: run it inside one (git init first)");
			const plan = planInit(root, await requiredPatterns(loadConfig(root).gitignore.required));
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
// src/util/async-queue.ts
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
// src/sources/history/blob-feed.ts
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
function workerPlan(root, refsChosen, env = process.env) {
	if (env.LEAKLINT_WORKERS !== void 0) return "later";
	const r = gitSync(root, ["count-objects", "-v"]);
	if (r.status !== 0) return "later";
	const text = r.stdout.toString("utf8");
	const count = (key) => Number(new RegExp(`^${key}: (\\d+)$`, "m").exec(text)?.[1] ?? 0);
	if (count("size-pack") + Math.min(count("size"), count("count")) < 8192) return "never";
	return !refsChosen && count("count") + count("in-pack") >= 6e3 ? "now" : "later";
}
function blobFeed(root, engine, maxSize, plan = "later") {
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
	if (plan !== "later") pick(plan === "now");
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
// src/sources/history/refs.ts
function refRank(refname) {
	if (refname.startsWith("refs/heads/")) return 0;
	if (refname.startsWith("refs/remotes/")) return 1;
	if (refname.startsWith("refs/tags/")) return 2;
	return 3;
}
function refsContainingAll(root, shas, commits, parents, batch = BATCH, named = 20, listed) {
	const out = /* @__PURE__ */ new Map();
	for (const sha of shas) out.set(sha, {
		names: [],
		count: 0
	});
	if (out.size === 0) return out;
	listed ??= gitSync(root, REF_LIST);
	if (listed.status !== 0) return out;
	const refs = listed.stdout.toString("utf8").split("\n").filter(Boolean).map((l) => l.split("\0")).map((ref, i) => ({
		ref,
		rank: refRank(ref[0]),
		i
	})).sort((a, b) => a.rank - b.rank || a.i - b.i).map(({ ref }) => ref);
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
					const reaching = out.get(graph.shaAt(group[bit]));
					if (reaching.count++ < named) reaching.names.push(tip.shortName);
					bits ^= low;
				}
			}
		}
	}
	return out;
}
var BATCH, REF_LIST, CommitGraph;
var init_refs = __esmMin((() => {
	init_git();
	BATCH = 2048;
	REF_LIST = ["for-each-ref", "--format=%(refname)%00%(refname:short)%00%(objectname)%00%(*objectname)"];
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
// src/sources/history/dedupe.ts
function pathsOf(info) {
	return info.copies ? [info.path, ...info.copies] : [info.path];
}
async function dedupeHistory(input, ctx) {
	const { root, findingBlob, blobs, commits, parents, headBlobs } = ctx;
	const lists = [input.findings, input.suppressed];
	const groupsOf = [await groupByRuleAndSecret(lists[0], findingBlob), await groupByRuleAndSecret(lists[1], findingBlob)];
	const firstShas = /* @__PURE__ */ new Set();
	for (const { groups } of groupsOf) for (const group of groups.values()) {
		if (paceDue()) await yieldToEventLoop();
		const infoOf = (f) => blobs.get(findingBlob.get(f));
		const copied = (f) => f.file === infoOf(f).path ? 0 : 1;
		group.sort((a, b) => infoOf(a).first - infoOf(b).first || copied(a) - copied(b) || byPlace(a, b));
		firstShas.add(firstCommitOf(group[0], infoOf(group[0]), commits).sha);
	}
	const refsOf = refsContainingAll(root, firstShas, commits, parents, void 0, void 0, await ctx.refList);
	const out = [];
	for (const li of [0, 1]) {
		const { groups, kept } = groupsOf[li];
		const firsts = [];
		for (const group of groups.values()) {
			if (paceDue()) await yieldToEventLoop();
			const infoOf = (f) => blobs.get(findingBlob.get(f));
			const first = group[0];
			const oids = new Set(group.map((f) => findingBlob.get(f)));
			let count = 0;
			const allPaths = /* @__PURE__ */ new Set();
			for (const oid of oids) {
				const info = blobs.get(oid);
				count += info.commits;
				for (const p of pathsOf(info)) allPaths.add(p);
			}
			const firstCommit = firstCommitOf(first, infoOf(first), commits);
			first.history = {
				firstCommit,
				commits: count,
				paths: [...allPaths].sort(),
				inHead: [...oids].some((o) => headBlobs.has(o)),
				refs: [...refsOf.get(firstCommit.sha).names],
				refCount: refsOf.get(firstCommit.sha).count,
				fingerprints: [...new Map(group.map((f) => [f.file, f.fingerprint])).entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([path, fp]) => ({
					path,
					fingerprint: fp
				}))
			};
			firsts.push(first);
		}
		const when = (f) => blobs.get(findingBlob.get(f)).first;
		firsts.sort((a, b) => when(a) - when(b) || byPlace(a, b));
		out.push([...kept, ...firsts]);
	}
	return {
		findings: out[0],
		suppressed: out[1]
	};
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
async function groupByRuleAndSecret(list, findingBlob) {
	const groups = /* @__PURE__ */ new Map();
	const kept = [];
	for (const [i, f] of list.entries()) {
		if ((i & 1023) === 0 && paceDue()) await yieldToEventLoop();
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
var init_dedupe = __esmMin((() => {
	init_refs();
	init_pace();
}));
// src/sources/history/walk.ts
function short(c) {
	return c.sha.slice(0, 12);
}
async function scanHistory(root, scanner, opts) {
	const hasHead = gitSync(root, [
		"rev-parse",
		"--verify",
		"--quiet",
		"HEAD^{commit}"
	]).status === 0;
	if (!(hasHead || git(root, [
		"for-each-ref",
		"--count=1",
		"--format=%(refname)"
	]).trim() !== "") && !hasHead) return {
		commits: 0,
		blobs: 0,
		missing: 0,
		empty: true,
		hasBlob: () => false,
		objectFormat: "sha1"
	};
	if (isShallow(root)) scanner.stats.warnings.push("this is a shallow clone: history before the shallow boundary was not scanned (git fetch --unshallow for a full audit)");
	for (const w of historyRewrites(root)) scanner.stats.warnings.push(w);
	const revs = opts.refs.length ? ["--end-of-options", ...opts.refs] : opts.includeStash ? ["--all"] : [
		"--exclude=refs/stash",
		"--all",
		...hasHead ? ["HEAD"] : []
	];
	const absent = isPartialClone(root) ? absentObjects(root, revs) : /* @__PURE__ */ new Set();
	const findingBlob = /* @__PURE__ */ new Map();
	const messages = /* @__PURE__ */ new Map();
	const scanMessage = (at, path, message) => {
		const key = `${path}\0${at}`;
		const before = {
			f: scanner.findings.length,
			s: scanner.suppressed.length
		};
		scanner.add({
			type: "message",
			chunk: messageChunk(path, message, {
				kind: "commit",
				commit: commits[at]
			})
		});
		const fresh = [...scanner.findings.slice(before.f), ...scanner.suppressed.slice(before.s)];
		if (fresh.length) messages.set(key, {
			first: at,
			path,
			commits: 1
		});
		for (const f of fresh) findingBlob.set(f, key);
	};
	const reader = new LogRawReader((path) => scanner.isIgnored(path), (at, message) => scanMessage(at, COMMIT_MESSAGE, message));
	const { commits, blobs, paths } = reader;
	const env = safeEnv();
	const early = {
		tree: hasHead ? gitLater(root, HEAD_TREE, env) : void 0,
		tags: gitLater(root, TAG_LIST, env),
		refs: gitLater(root, REF_LIST, env)
	};
	scanner.engine.rememberCleanVersions();
	const feed = blobFeed(root, scanner.engine, opts.maxFileSize, workerPlan(root, opts.refs.length > 0));
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
				"--format=%x01%H%x1f%an <%ae>%x1f%aI%x1f%P%x1f%B",
				...revs,
				"--"
			]);
			let logErr = "";
			log.stderr.on("data", (d) => logErr += d.toString());
			for await (const records of nulRecords(log.stdout)) for (const record of records) {
				const fresh = reader.push(record);
				if (fresh && !absent.has(fresh.oid)) feed.add(fresh.oid, fresh.path);
			}
			const code = await new Promise((r) => log.exitCode !== null ? r(log.exitCode) : log.on("close", (c) => r(c ?? 1)));
			if (code !== 0) throw new Error(`git log failed: ${logErr.trim().split("\n").pop() ?? code}`);
		} finally {
			feed.end();
		}
	})();
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
			if (!blob.data && !("scanned" in blob)) {
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
			const result = "scanned" in blob ? blob.scanned : scanHistoryVersion(scanner.engine, info.path, blob.data, origin);
			scanner.add({
				type: "scanned",
				path: info.path,
				origin,
				size: blob.size,
				result
			});
			for (const f of scanner.findings.slice(before.f)) findingBlob.set(f, blob.oid);
			for (const f of scanner.suppressed.slice(before.s)) findingBlob.set(f, blob.oid);
			await pace();
		}
	})();
	await Promise.all([walk, scan]);
	if (lastProgress > 0) opts.progress?.({
		...progress,
		commits: commits.length,
		blobs: blobs.size
	});
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
	if (early.tree) {
		const listed = await early.tree.result;
		const tree = (listed?.status === 0 ? listed.stdout : gitBytes(root, HEAD_TREE)).toString("latin1");
		for (const entry of tree.split("\0")) {
			const tab = entry.indexOf("	");
			if (tab === -1) continue;
			headBlobs.add(entry.slice(0, tab).split(" ")[2]);
			headPaths.add(utf8FromLatin1(entry.slice(tab + 1)));
		}
	}
	const peeked = readBlobsText(root, [...paths].filter(([path, ev]) => scanner.engine.looksInside(path) && !unread.has(ev.oid)).map(([, ev]) => ev.oid), opts.maxFileSize);
	for (const [path, ev] of paths) {
		if (paceDue()) await yieldToEventLoop();
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
				refs: [],
				refCount: 0
			};
		}
	}
	const indexOf = new Map(commits.map((c, i) => [c.sha, i]));
	for (const tag of annotatedTags(root, await early.tags.result)) {
		const at = indexOf.get(tag.commit);
		if (at !== void 0) scanMessage(at, tagMessagePath(tag.name), tag.message);
	}
	const kept = await dedupeHistory({
		findings: scanner.findings,
		suppressed: scanner.suppressed
	}, {
		root,
		findingBlob,
		blobs: { get: (key) => blobs.get(key) ?? messages.get(key) },
		commits,
		parents: reader.parents,
		headBlobs,
		refList: early.refs.result
	});
	scanner.replaceFindings(kept.findings, kept.suppressed);
	return {
		commits: commits.length,
		blobs: blobs.size,
		missing,
		empty: false,
		hasBlob: (oid) => blobs.has(oid),
		objectFormat: blobs.keys().next().value?.length === 64 ? "sha256" : "sha1"
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
function addCopies(scanner, findingBlob, blobs, paths, commits) {
	for (const [f, oid] of [...findingBlob]) {
		const info = blobs.get(oid);
		if (!info) continue;
		for (const path of info.copies ?? []) {
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
function unreadWarning(unread, absent, blobs, commits, neverAnswered) {
	const n = unread.size + neverAnswered;
	const damaged = [...unread].filter((oid) => !absent.has(oid)).length;
	const why = absent.size && damaged ? "absent from this partial clone, or damaged" : absent.size ? "absent from this partial clone; leaklint never fetches" : "missing or damaged";
	const first = [...unread].map((oid) => blobs.get(oid)).sort((a, b) => a.first - b.first).slice(0, 5).map((info) => `${info.path} in ${short(commits[info.first])}`);
	const examples = first.length ? ` (${first.join(", ")}${unread.size > first.length ? ", \u2026" : ""})` : "";
	return `${n} file version${n === 1 ? "" : "s"} could not be read (${why}) and ${n === 1 ? "was" : "were"} not scanned${examples}: the audit is incomplete`;
}
var RAW, HEAD_TREE, LogRawReader;
var init_walk = __esmMin((() => {
	init_latin1();
	init_git();
	init_scanner();
	init_redact();
	init_blob_feed();
	init_blobs();
	init_content();
	init_dedupe();
	init_messages();
	init_refs();
	init_pace();
	RAW = /^\n?:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])\d*$/;
	HEAD_TREE = [
		"ls-tree",
		"-r",
		"-z",
		"--full-tree",
		"HEAD"
	];
	LogRawReader = class {
		isIgnored;
		onMessage;
		commits = [];
		blobs = /* @__PURE__ */ new Map();
		paths = /* @__PURE__ */ new Map();
		parents = [];
		pendingRaw;
		authors = /* @__PURE__ */ new Map();
		constructor(isIgnored = () => false, onMessage) {
			this.isIgnored = isIgnored;
			this.onMessage = onMessage;
		}
		authorOf(latin1) {
			let author = this.authors.get(latin1);
			if (author === void 0) this.authors.set(ownCopy(latin1), author = ownCopy(utf8FromLatin1(latin1)));
			return author;
		}
		push(record) {
			const { commits, blobs, paths } = this;
			if (this.pendingRaw) {
				const path = utf8FromLatin1(record);
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
				const ev = paths.get(path);
				const ownOid = known && ev ? oid : ownCopy(oid);
				const ownPath = ev ? ev.path : ownCopy(path);
				if (known) {
					known.commits++;
					if (path !== known.path) (known.copies ??= /* @__PURE__ */ new Set()).add(ownPath);
				} else blobs.set(ownOid, {
					first: at,
					path: ownPath,
					commits: 1
				});
				if (!ev) paths.set(ownPath, {
					path: ownPath,
					firstAdded: at,
					oid: ownOid
				});
				else if (ev.lastDeleted !== void 0 && status === "A") ev.lastDeleted = void 0;
				return known ? void 0 : {
					oid: ownOid,
					path: ownPath
				};
			}
			if (record.startsWith("") || record.startsWith("\n")) {
				const [sha, author, date, parents, ...message] = record.replace(/^\n?\x01/, "").split("");
				commits.push({
					sha: ownCopy(sha),
					author: this.authorOf(author ?? ""),
					date: ownCopy(date ?? "")
				});
				this.parents.push(ownCopy(parents ?? ""));
				if (message.length) this.onMessage?.(commits.length - 1, utf8FromLatin1(message.join("")));
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
	const progress = args.quiet ? void 0 : progressPrinter(io);
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
	init_io();
	init_options();
	init_run_scan();
	init_policy();
	init_git();
	init_walk();
	init_scanner();
	historyCommand = {
		command: "history",
		describe: "audit: scan every commit on every ref, each secret reported once with where it first appeared",
		builder: (y) => historyOptions(common(y)),
		examples: [["$0 history", "every commit on every branch, tag and remote ref"], ["$0 history --ref main --include-stash", "main and the stash"]],
		async run(args, io) {
			const root = requireRepoRoot(io.cwd, "leaklint history scans the commits of a repository");
			const config = configFor(args, io);
			const { rules, scanner, maxFileSize } = await prepareScan("audit", args, config, root);
			const scan = await runHistory(root, scanner, args, io, maxFileSize);
			if (scan.empty) {
				note(args, io, "this repository has no commits: there is no history to scan (run `leaklint files` for the working tree)");
				return 0;
			}
			note(args, io, `scanned ${plural$1(scan.commits, "commit")}, ${plural$1(scan.blobs, "unique file version")}`);
			const result = scanner.result();
			await verifyIfAsked(result, args, io, config);
			return finishScan(result, rules, args, io);
		}
	};
}));
// src/repo-checks/untracked-env.ts
function untrackedNotIgnored(root) {
	const r = gitSync(root, [
		"ls-files",
		"--others",
		"--exclude-standard",
		"-z"
	]);
	if (r.status !== 0) {
		const why = r.stderr.trim().split("\n").pop() || `exit status ${r.status}`;
		throw new GitError(`untracked files could not be listed: git ls-files failed: ${why}`, "failed");
	}
	return r.stdout.toString("utf8").split("\0").filter(Boolean);
}
function untrackedEnvFindings(root, engine, opts) {
	const out = [];
	for (const file of untrackedNotIgnored(root)) {
		if (!ENV_FILE.test(file) || opts.isIgnored(file)) continue;
		const read = readRegularFile((0, node_path.join)(root, file), opts.maxFileSize);
		if (read.kind !== "data") continue;
		const found = (engine.scanBytes(file, read.data, { kind: "worktree" }) ?? []).filter((f) => !f.suppressed && !opts.accept(f));
		if (found.length === 0) continue;
		const first = found[0];
		const severity = found.some((f) => f.severity === "error") ? "error" : "warning";
		const what = [...new Set(found.map((f) => f.message))].join(", ");
		const finding = repoFinding(untrackedEnv, file, `untracked .env, not ignored: one \`git add .\` from being committed (${file} holds: ${what})`, {
			secret: first.secret,
			preview: first.preview,
			severity
		});
		finding.line = first.line;
		finding.column = first.column;
		finding.endLine = first.endLine;
		finding.endColumn = first.endColumn;
		out.push(finding);
	}
	return out;
}
var ENV_FILE;
var init_untracked_env = __esmMin((() => {
	init_git();
	init_read_file();
	init_rules$1();
	ENV_FILE = /(^|\/)\.env(\.[^/]+)?$/i;
}));
// src/report/redact-url.ts
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
// src/repo-checks/remotes.ts
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
// src/repo-checks/extraheader.ts
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
async function* worktreeItems(items, scan) {
	for await (const item of items) yield {
		item,
		seen: item.type === "file" && !scan.empty && scan.hasBlob(gitBlobId(item.data, scan.objectFormat))
	};
}
var auditCommand;
var init_audit = __esmMin((() => {
	init_options();
	init_run_scan();
	init_io();
	init_locate();
	init_config();
	init_scanner();
	init_files$1();
	init_gitignore$1();
	init_untracked_env();
	init_remotes();
	init_extraheader();
	init_history();
	init_pace();
	init_sha256();
	auditCommand = {
		command: ["audit", "$0"],
		describe: "before going public (the default): history of every ref + working tree + repository set-up",
		builder: (y) => historyOptions(common(y)),
		examples: [
			["$0", "audit the repository in the current directory"],
			["$0 audit --format sarif --output leaklint.sarif", "the same audit as a SARIF file for code scanning"],
			["$0 audit --ref main", "only the history reachable from main"]
		],
		async run(args, io) {
			const where = locate(io.cwd);
			const config = configFor(args, io);
			if (where.kind === "none") {
				note(args, io, "not a git repository: scanning the files of this directory only (no history, no repository checks)");
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
				const reported = new Set(scanner.findings.map(keyOf));
				const seen = /* @__PURE__ */ new Set([...reported, ...scanner.suppressed.map(keyOf)]);
				const before = {
					f: scanner.findings.length,
					s: scanner.suppressed.length
				};
				const counts = scanner.stats;
				for await (const { item, seen: inHistory } of worktreeItems(fileItems([], {
					cwd: root,
					untracked: false,
					maxFileSize,
					isIgnored: compiled.isIgnored
				}), scan)) {
					const counted = {
						files: counts.files,
						bytes: counts.bytes,
						binary: counts.skippedBinary
					};
					scanner.add(item);
					await pace();
					if (!inHistory) continue;
					counts.files = counted.files;
					counts.bytes = counted.bytes;
					counts.skippedBinary = counted.binary;
				}
				for (const list of [scanner.findings, scanner.suppressed]) {
					const start = list === scanner.findings ? before.f : before.s;
					const known = list === scanner.findings ? reported : seen;
					const fresh = list.splice(start).filter((f) => !known.has(keyOf(f)));
					list.push(...fresh);
				}
				for (const f of gitignoreFindings(root, await requiredPatterns(config.gitignore.required))) scanner.add({
					type: "finding",
					finding: f
				});
				const accept = (f) => compiled.accept(f) ?? baseline?.accept(f);
				for (const f of untrackedEnvFindings(root, engine, {
					maxFileSize,
					accept,
					isIgnored: compiled.isIgnored
				})) scanner.add({
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
			const counted = `${plural$1(scan.commits, "commit")} (${plural$1(scan.blobs, "unique file version")})`;
			if (where.kind === "worktree") note(args, io, `audited ${counted}, the working tree and the repository set-up`);
			else note(args, io, `audited ${counted} and the remote URLs; ${where.bare ? "a bare repository has no working tree" : "inside a git directory there is no working tree (run leaklint in the working tree for it)"}: the working-tree scan and the .gitignore policy were skipped`);
			await verifyIfAsked(result, args, io, config);
			return finishScan(result, rules, args, io);
		}
	};
}));
// src/commands/gitignore.ts
var gitignoreCommand;
var init_gitignore = __esmMin((() => {
	init_options();
	init_run_scan();
	init_io();
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
		examples: [["$0 gitignore", "say which credential-file patterns .gitignore lacks"], ["$0 gitignore --fix", "append them"]],
		async run(args, io) {
			const root = requireRepoRoot(io.cwd, "the .gitignore policy is checked with git");
			const config = configFor(args, io);
			const required = await requiredPatterns(config.gitignore.required);
			if (args.fix) {
				const added = fixGitignore(root, required);
				note(args, io, added.length ? `added to .gitignore: ${added.join(" ")}` : ".gitignore already excludes every required pattern");
			}
			async function* items() {
				for (const finding of gitignoreFindings(root, required)) yield {
					type: "finding",
					finding
				};
			}
			return runScan(items(), "files", args, io, config, { subject: "the .gitignore policy" });
		}
	};
}));
// src/suppress/baseline-candidates.ts
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
	init_json_error();
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
// src/suppress/baseline-review.ts
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
// src/report/finding-context.ts
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
	return (chunks.find((c) => f.secret ? spanOf$1(c.text.split("\n"), f) === f.secret : c.text.split("\n").length >= f.endLine) ?? chunks[0])?.text;
}
function spanOf$1(lines, f) {
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
// src/commands/baseline.ts
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
	const unread = scanner.stats.unread + scanner.stats.skippedLarge;
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
	init_io();
	init_options();
	init_run_scan();
	init_rule_set();
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
		examples: [["$0 baseline", "accept every current finding in the tracked files; commit .leaklint-baseline.json"], ["$0 baseline --prune", "drop the entries whose secret is gone, accept nothing new"]],
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
// src/purge/forms.ts
function piecesOf(secret, spansLines) {
	const out = [];
	for (const ch of secret.replace(/\r\n?/g, "\n")) {
		if (spansLines && out.length) out.push("gap");
		out.push(ch === "\n" ? "eol" : { ch });
	}
	return out;
}
function pythonRegexLiteral(text, lineBreak) {
	let out = "";
	for (const ch of text) if (ch === "\n") out += lineBreak;
	else if (ch === "\r") out += "\\r";
	else if (ch === "	") out += "\\t";
	else if (/[A-Za-z0-9_]/.test(ch) || ch.charCodeAt(0) > 127) out += ch;
	else out += `\\${ch}`;
	return out;
}
function unicodeEscape(ch) {
	let out = "";
	for (let i = 0; i < ch.length; i++) {
		const hex = ch.charCodeAt(i).toString(16).padStart(4, "0");
		out += "\\\\u" + [...hex].map((d) => /[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d).join("");
	}
	return out;
}
function jsonChar(ch) {
	const raw = pythonRegexLiteral(ch, "\\n");
	if (NEVER_ESCAPED.test(ch)) return raw;
	const short = SHORT_ESCAPES[ch];
	return `(?:${raw}|${short ? `${short}|` : ""}${unicodeEscape(ch)})`;
}
function textPattern(secret, spansLines) {
	return piecesOf(secret, spansLines).map((p) => p === "eol" ? "\\r?\\n" : p === "gap" ? "\\s*" : pythonRegexLiteral(p.ch, "\\n")).join("");
}
function hasEscapedForm(secret, spansLines) {
	return spansLines || [...secret].some((ch) => !NEVER_ESCAPED.test(ch));
}
function escapedPattern(secret, spansLines) {
	return piecesOf(secret, spansLines).map((p) => {
		if (p === "eol") return "(?:\\r?\\n|(?:\\\\r)?\\\\n(?:\"\\s*,\\s*\")?)";
		if (p === "gap") return "(?:\\s|\\\\[nr]|[\"',])*";
		return jsonChar(p.ch);
	}).join("");
}
function bytesLiteral(bytes) {
	let out = "";
	for (const b of bytes) if (b >= 32 && b < 127) out += pythonRegexLiteral(String.fromCharCode(b), "\\n");
	else out += `\\x${b.toString(16).padStart(2, "0")}`;
	return out;
}
function encodeUtf16(text, order) {
	const le = Buffer.from(text, "utf16le");
	return order === "utf16le" ? le : le.swap16();
}
function utf16Pattern(secret, spansLines, order) {
	const unit = (text) => bytesLiteral(encodeUtf16(text, order));
	const [space, escaped] = order === "utf16le" ? ["[\\t\\n\\x0b\\x0c\\r \"',]\\x00", "\\\\\\x00[nr]\\x00"] : ["\\x00[\\t\\n\\x0b\\x0c\\r \"',]", "\\x00\\\\\\x00[nr]"];
	return piecesOf(secret, spansLines).map((p) => p === "eol" ? `(?:${unit("\r")})?${unit("\n")}` : p === "gap" ? `(?:${space}|${escaped})*` : unit(p.ch)).join("");
}
var NEVER_ESCAPED, SHORT_ESCAPES;
var init_forms = __esmMin((() => {
	NEVER_ESCAPED = /^[A-Za-z0-9_.-]$/;
	SHORT_ESCAPES = {
		"\"": "\\\\\"",
		"\\": "\\\\\\\\",
		"/": "\\\\/",
		"\b": "\\\\b",
		"\f": "\\\\f",
		"	": "\\\\t",
		"\r": "\\\\r"
	};
}));
// src/purge/plan.ts
function replacementLines(secret, spansLines = false, contained = false) {
	const line = (pattern) => `regex:${pattern}==>${REMOVED}`;
	if (spansLines) return [line(escapedPattern(secret, true))];
	const text = /[\r\n]/.test(secret) || contained ? line(textPattern(secret, false)) : `literal:${secret}==>${REMOVED}`;
	return hasEscapedForm(secret, false) ? [text, line(escapedPattern(secret, false))] : [text];
}
function pathLine(path) {
	return `regex:^${pythonRegexLiteral(path, "\\n")}\\Z`;
}
function shortSha(f) {
	return (f.history?.firstCommit ?? (f.origin.kind === "commit" ? f.origin.commit : void 0))?.sha.slice(0, 12);
}
function isPayload(f) {
	if (/\s/.test(f.secret)) return false;
	return f.endLine > f.line || f.endColumn - f.column > f.secret.length;
}
function buildPurgePlan(findings, stored = []) {
	const secrets = /* @__PURE__ */ new Map();
	const payloads = /* @__PURE__ */ new Set();
	const partners = /* @__PURE__ */ new Set();
	const files = /* @__PURE__ */ new Map();
	for (const f of findings) if (f.kind === "content" && f.secret) {
		if (isPayload(f)) payloads.add(f.secret);
		if (f.pairId) partners.add(f.pairId);
		const known = secrets.get(f.secret);
		const paths = f.history?.paths ?? [f.file];
		if (known) {
			for (const p of paths) if (!known.paths.includes(p)) known.paths.push(p);
			known.inHead ||= Boolean(f.history?.inHead);
			known.withPartner ||= Boolean(f.pairId);
		} else {
			const sha = shortSha(f);
			secrets.set(f.secret, {
				ruleId: f.ruleId,
				preview: f.preview,
				paths: [...paths],
				inHead: Boolean(f.history?.inHead),
				withPartner: Boolean(f.pairId),
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
	const raw = [.../* @__PURE__ */ new Set([
		...secrets.keys(),
		...partners,
		...stored
	])].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
	const paths = [...files.keys()].sort();
	return {
		replacements: raw.flatMap((secret, i) => {
			const contained = raw.slice(0, i).some((longer) => longer.includes(secret));
			return replacementLines(secret, payloads.has(secret), contained);
		}),
		utf16: raw.map((secret) => ({
			secret,
			spansLines: payloads.has(secret)
		})),
		paths: paths.map(pathLine),
		secrets: [...secrets.values()],
		files: paths.map((p) => files.get(p))
	};
}
function filterRepoArgs(plan, dir) {
	const args = [];
	if (plan.replacements.length) {
		const text = `${dir}/${PLAN_FILES.replacements}`;
		args.push("--replace-text", text, "--replace-message", text, "--blob-callback", `${dir}/${PLAN_FILES.callback}`);
	}
	if (plan.paths.length) args.push("--paths-from-file", `${dir}/${PLAN_FILES.paths}`, "--invert-paths");
	args.push("--replace-refs", "delete-no-add");
	return args;
}
function pathsFile(plan) {
	return [...[
		"# Credential files leaklint found in history, for:",
		"#   git filter-repo --paths-from-file paths.txt --invert-paths",
		"# which drops them from every commit. Each line names one file exactly",
		"# (a `literal:` line would also drop a directory of that name). Delete a",
		"# line to keep that file."
	], ...plan.paths].join("\n") + "\n";
}
function replacementsFile(plan) {
	return plan.replacements.length ? plan.replacements.join("\n") + "\n" : "";
}
function pyBytes(ascii) {
	return `b'${ascii.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
function pyBytesOf(bytes) {
	return `b'${[...bytes].map((b) => b >= 32 && b < 127 && b !== 92 && b !== 39 ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, "0")}`).join("")}'`;
}
function blobCallbackFile(plan) {
	return [
		"# Written by `leaklint purge-plan`: the body of a git filter-repo --blob-callback.",
		"# It replaces the UTF-16 forms of the secrets (it holds them: keep it private",
		"# and delete it with the plan); replacements.txt does the UTF-8 ones.",
		"global leaklint_utf16_forms",
		"try:",
		"  forms = leaklint_utf16_forms",
		"except NameError:",
		"  forms = leaklint_utf16_forms = [(re.compile(pattern), replacement) for pattern, replacement in [",
		...plan.utf16.flatMap(({ secret, spansLines }) => ["utf16le", "utf16be"].map((order) => `  (${pyBytes(utf16Pattern(secret, spansLines, order))}, ${pyBytesOf(encodeUtf16(REMOVED, order))}),`)).map((f) => `  ${f}`),
		"  ]]",
		"data = blob.data",
		"for pattern, replacement in forms:",
		"  data = pattern.sub(replacement, data)",
		"blob.data = data"
	].join("\n") + "\n";
}
function purgeScript(plan, leaklint, rescanArgs, notesRefs = []) {
	const filterArgs = filterRepoArgs(plan, "$plan_dir").map((a) => a.startsWith("$plan_dir") ? `"${a}"` : a);
	const rescan = [
		...leaklint,
		"history",
		...rescanArgs
	].map(shellQuote).join(" ");
	const notesCheck = notesRefs.length ? `
# Notes the scanned repository has: a clone made without the notes refspec
# lacks them, and their secrets would stay where the rewrite cannot see them.
for ref in ${notesRefs.map(shellQuote).join(" ")}; do
  if ! git rev-parse --quiet --verify "$ref" >/dev/null; then
    echo "purge.sh: $ref is not in this clone: clone with --config ${shellQuote(CLONE_NOTES)} (see the top of this file)" >&2
    exit 2
  fi
done
` : "";
	return `#!/bin/sh
# Written by \`leaklint purge-plan\`. Rewrites every branch, tag and notes ref
# of the git repository in the current directory with git filter-repo, then
# scans its history again to prove the secrets are gone.
#
# Rotate the secrets first: rewriting history does not un-leak them.
# Run it in a fresh clone that carries the notes (git filter-repo refuses to
# rewrite anything else unless you pass --force; extra arguments are passed
# on to git filter-repo):
#   git clone --no-local --config ${shellQuote(CLONE_NOTES)} <repository> <repository>-purged
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
${notesCheck}
git filter-repo ${filterArgs.join(" ")} "$@"

echo "purge.sh: history rewritten; scanning it again with leaklint history" >&2
status=0
${rescan} || status=$?
if [ "$status" -eq 0 ]; then
  echo "purge.sh: leaklint history finds nothing at error severity: force-push every branch, tag and notes ref and delete $plan_dir" >&2
else
  echo "purge.sh: leaklint history still finds secrets (exit $status): do not push; re-run leaklint purge-plan in this clone" >&2
fi
exit "$status"
`;
}
var REMOVED, PLAN_FILES, CLONE_NOTES;
var init_plan = __esmMin((() => {
	init_shell();
	init_policy();
	init_forms();
	REMOVED = "***REMOVED***";
	PLAN_FILES = {
		replacements: "replacements.txt",
		paths: "paths.txt",
		callback: "blob-callback.py",
		script: "purge.sh"
	};
	CLONE_NOTES = "remote.origin.fetch=+refs/notes/*:refs/notes/*";
}));
// src/purge/stored-spans.ts
function spanOf(text, f) {
	let offset = 0;
	let start;
	let end;
	let line = 1;
	for (;;) {
		if (line === f.line) start = offset + f.column - 1;
		if (line === f.endLine) {
			end = offset + f.endColumn - 1;
			break;
		}
		const nl = text.indexOf("\n", offset);
		if (nl === -1) return void 0;
		offset = nl + 1;
		line++;
	}
	if (start === void 0 || end <= start || end > text.length) return void 0;
	return text.slice(start, end);
}
function storedForms(root, findings, maxSize) {
	const wanted = findings.filter((f) => f.kind === "content" && f.secret && !f.file.endsWith(".ipynb") && !/[\r\n]/.test(f.file) && (f.history?.firstCommit ?? (f.origin.kind === "commit" ? f.origin.commit : void 0)));
	if (wanted.length === 0) return [];
	const names = wanted.map((f) => `${(f.history?.firstCommit ?? f.origin.commit).sha}:${f.file}`);
	const r = gitSync(root, ["cat-file", "--batch-check=%(objectname) %(objecttype)"], names.join("\n") + "\n");
	if (r.status !== 0) return [];
	const oids = r.stdout.toString("latin1").split("\n").slice(0, names.length).map((l) => l.endsWith(" blob") ? l.slice(0, -5) : void 0);
	const texts = readBlobsText(root, oids.filter((o) => Boolean(o)), maxSize);
	const out = /* @__PURE__ */ new Set();
	wanted.forEach((f, i) => {
		const text = oids[i] ? texts.get(oids[i]) : void 0;
		const span = text === void 0 ? void 0 : spanOf(text, f)?.replace(/\r$/, "");
		if (span && span.length >= 8 && span.length <= MAX_SPAN && !span.includes(f.secret)) out.add(span);
	});
	return [...out];
}
var MAX_SPAN;
var init_stored_spans = __esmMin((() => {
	init_git();
	init_blobs();
	MAX_SPAN = 8192;
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
function notesRefs(root) {
	const r = gitSync(root, [
		"for-each-ref",
		"--format=%(refname)",
		"refs/notes/"
	]);
	return r.status === 0 ? r.stdout.toString("utf8").split("\n").filter(Boolean) : [];
}
function describePlan(plan, dir, root, rescan, suppressed) {
	const lines = [];
	const s = plan.secrets.length;
	const f = plan.files.length;
	lines.push(`leaklint purge-plan: ${s} secret${s === 1 ? "" : "s"} and ${f} credential file${f === 1 ? "" : "s"} to purge from history.`);
	if (s) {
		lines.push("", `Secrets (every occurrence, in every file version and commit message, becomes ***REMOVED***):`);
		for (const p of plan.secrets) lines.push(`  ${p.ruleId}  ${p.preview}${p.withPartner ? " (and its id)" : ""}  in ${p.paths.map(escapeText).join(", ")}${p.firstCommit ? `, first in ${p.firstCommit}` : ""}${p.inHead ? ", still in HEAD" : ""}`);
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
	lines.push("", "Wrote:", `  ${(0, node_path.join)(dir, PLAN_FILES.replacements)}  (mode 0600: it holds the raw secrets; delete the directory when you are done)`, `  ${(0, node_path.join)(dir, PLAN_FILES.callback)}  (mode 0600: the same secrets as they read in UTF-16 files)`, `  ${(0, node_path.join)(dir, PLAN_FILES.paths)}`, `  ${(0, node_path.join)(dir, PLAN_FILES.script)}`, "", "Before anything else: rotate every secret listed above. They are already exposed;", "rewriting history does not un-leak them, it only stops the next clone from getting them.", "", "Then, in a fresh clone (git filter-repo refuses to rewrite any other without --force);", "a clone leaves the notes (refs/notes/*) behind unless asked, so ask:", `  git clone --no-local --config ${shellQuote(CLONE_NOTES)} ${shellQuote(root)} ${shellQuote(clone)}`, `  cd ${shellQuote(clone)}`, `  sh ${shellQuote((0, node_path.join)(dir, PLAN_FILES.script))}`, "", "purge.sh runs, on every branch, tag and notes ref of the clone (the refs the rewrite covers):", `  ${filter}`, "and then proves the purge by scanning every commit again (it must find nothing):", `  ${rescan}`, "", "After it passes, publish the rewritten history (git filter-repo removes the origin remote):", "  git remote add origin <URL of the hosted repository>", "  git push --force --all origin && git push --force --tags origin && git push --force origin 'refs/notes/*'", "(--replace-refs delete-no-add: filter-repo leaves no refs/replace/* behind to push or to re-scan.)", "", "What a rewrite cannot reach:", "  - refs the clone does not carry: the scanned repository's stash, its remote-tracking refs and any other refs outside refs/heads, refs/tags and refs/notes;", "  - forks and every existing clone keep the old commits: ask collaborators to re-clone (a pull or rebase brings the secrets back);", "  - pull-request and merge-request refs (refs/pull/*, refs/merge-requests/*) and cached views stay on the host until its support removes them;", "  - so the rotation above is what actually protects you.");
	return lines.join("\n") + "\n";
}
var PLAN_MARK, purgePlanCommand;
var init_purge_plan = __esmMin((() => {
	init_safe_write();
	init_self();
	init_io();
	init_run_scan();
	init_options();
	init_git();
	init_history();
	init_plan();
	init_shell();
	init_safe_text();
	init_stored_spans();
	PLAN_MARK = ".leaklint-purge-plan";
	purgePlanCommand = {
		command: "purge-plan",
		describe: "write a git filter-repo plan (replacements.txt, blob-callback.py, paths.txt, purge.sh) that removes every secret found in history",
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
		examples: [["$0 purge-plan", "write the plan beside the repository (<repository>-leaklint-purge)"], ["$0 purge-plan --out ../purge", "write it to ../purge"]],
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
			const plan = buildPurgePlan(result.findings, storedForms(root, result.findings, maxFileSize));
			const done = result.stats.unread ? 3 : 0;
			if (result.stats.unread) io.stderr.write(`leaklint: the history was not read in full (${result.stats.unread} unread): the plan covers only what was read (exit 3)\n`);
			if (plan.replacements.length === 0 && plan.paths.length === 0) {
				io.stdout.write(`leaklint purge-plan: nothing to purge: leaklint history finds no secret and no credential file in ${scan.commits} commits (no plan written)\n`);
				return done;
			}
			preparePlanDir(dir, root);
			const leaklint = thisLeaklint();
			const again = rescanArgs(args, io);
			writePrivate(dir, PLAN_FILES.replacements, replacementsFile(plan), 384);
			writePrivate(dir, PLAN_FILES.callback, blobCallbackFile(plan), 384);
			writePrivate(dir, PLAN_FILES.paths, pathsFile(plan), 384);
			writePrivate(dir, PLAN_FILES.script, purgeScript(plan, leaklint, again, notesRefs(root)), 448);
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
// src/cli/main.ts
init_config();
init_rule_set();
init_git();
init_report_file();
init_safe_write();
init_scrub();
init_safe_text();
init_version();
init_suggest();
init_fast_argv();
init_io();
init_run_scan();
const EPILOG = `Exit codes:
  0  no finding at error severity, and everything asked was read
  1  findings at error severity (even when the scan is incomplete)
  2  usage error, bad configuration, git error or internal error
  3  incomplete: no finding at error severity, but the scan read less than
     asked (objects missing from a partial clone or damaged, unreadable files)`;
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
function explainUnknown(msg, argv, usage) {
	const m = /^Unknown arguments?: (.+)$/.exec(msg);
	if (!m) return msg;
	let options = [];
	let commandNames = [];
	try {
		const u = usage;
		options = Object.keys(u.getDescriptions());
		commandNames = u.getCommands().map((c) => c[0].split(" ")[0]).filter((c) => c !== "$0");
	} catch {
		return msg;
	}
	const names = m[1].split(", ");
	const camel = (n) => n.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
	return names.filter((n) => !names.some((o) => o !== n && o.includes("-") && camel(o) === n)).map((name) => {
		const spelled = argv.find((t) => t.startsWith("-") && t.replace(/^--?/, "").split("=")[0] === name);
		if (spelled !== void 0) return `unknown option ${spelled.startsWith("--") || name.length > 1 ? "--" : "-"}${name}${didYouMean(name, options.filter((o) => o.length > 1), (o) => `--${o}`)}`;
		if (commandNames.length && argv.find((t) => !t.startsWith("-")) === name) return `unknown command "${name}"${didYouMean(name, commandNames)}`;
		return `unexpected argument "${name}"`;
	}).join("\n");
}
function helpArgv(argv, names) {
	if (argv[0] !== "help") return argv;
	const topic = argv[1];
	if (topic === void 0) return ["--help"];
	if (!names.includes(topic)) throw new UsageError(`no help for "${topic}": it is not a command${didYouMean(topic, names)}\nRun 'leaklint --help' for the commands.`);
	return [topic, "--help"];
}
const TOP_EXAMPLES = [
	["$0 staged", "what a pre-commit hook runs: the staged changes"],
	["$0 diff origin/main..HEAD", "what CI runs: the commits of a branch"],
	["$0 help staged", "a command's options and examples"]
];
async function parseAndRun(given, io, state) {
	const [{ default: yargs }, { commands }] = await Promise.all([Promise.resolve().then(() => (init_yargs(), yargs_exports)), Promise.resolve().then(() => (init_commands(), commands_exports))]);
	const argv = helpArgv(given, commands.flatMap((c) => (Array.isArray(c.command) ? c.command : [c.command]).map((n) => n.split(" ")[0])).filter((n) => n !== "$0" && n !== "-"));
	let code = 0;
	const run = (c) => async (args) => {
		const a = args;
		const rest = a["--"] ?? [];
		if (rest.length) a.paths = [...a.paths ?? [], ...rest.map(String)];
		if ("show-secrets" in a) reportOutputs(a, io);
		code = await c.run(a, io);
	};
	const withExamples = (c) => (y) => c.examples.reduce((acc, [line, what]) => acc.example(line, what), c.builder(y));
	const parser = yargs(argv).scriptName("leaklint").parserConfiguration({ "populate--": true }).usage("$0 [command] [options]\n\nFinds credentials before they are committed, pushed or published.\nWith no command, runs an audit of the current repository.").command(commands.map((c) => ({
		command: c.command,
		describe: c.describe,
		builder: withExamples(c),
		handler: run(c)
	}))).example(TOP_EXAMPLES).strict().epilog(EPILOG).help().alias("help", "h").version("version", "print the version and exit", leaklintVersion()).alias("version", "v").wrap(null).exitProcess(false).fail((msg, err, usage) => {
		state.failure = msg ? explainUnknown(msg, argv, usage) : err?.message ?? "invalid arguments";
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
// src/cli/interrupt.ts
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
init_scrub();
exports.installInterruptHandlers = installInterruptHandlers;
exports.main = main;
exports.scrubInternalError = scrubInternalError;
