// The pipeline between a source and a reporter: decode, route notebooks,
// run path and content rules, and keep the counts honest.
import type { Chunk, Finding, Moment, Origin, ScanResult, ScanStats } from '../types.js';
import { emptyStats } from '../types.js';
import type { Engine, OverBudget } from './engine.js';
import { decode } from './text.js';
import { type ContentScan, scanContent } from './content.js';

/** What sources produce: whole files (bytes), ready-made chunks (diff lines), or bare paths. */
export type SourceItem =
  | { type: 'file'; path: string; origin: Origin; data: Uint8Array; pathRules?: boolean }
  /** A file whose content a worker scanned (see content.ts): its findings, to take `origin`. */
  | { type: 'scanned'; path: string; origin: Origin; size: number; result: ContentScan }
  /** Files already found to need no content scan (binary, or nothing any rule matches): counted, not scanned. */
  | { type: 'unscanned'; path: string; size: number; binary: boolean; files?: number }
  | { type: 'chunk'; chunk: Chunk }
  /** A commit or tag message under a pseudo-path: scanned, not counted as a file. */
  | { type: 'message'; chunk: Chunk }
  | { type: 'path'; path: string; origin: Origin; content?: () => string | undefined }
  | { type: 'skipped'; path: string; reason: 'large' | 'binary' | 'unreadable'; detail?: string }
  | { type: 'finding'; finding: Finding };

export interface ScanOptions {
  moment: Moment;
  /** Files larger than this many bytes are skipped with a warning. */
  maxFileSize: number;
  /** Decides whether a finding is accepted (allowlists, baseline); returns the reason. */
  accept?: (finding: Finding) => string | undefined;
  /** Applies severity overrides; false drops the finding (a rule disabled for that directory). */
  adjust?: (finding: Finding) => boolean;
  /** The fingerprint a finding carries out of the scan (a baseline's keyed one); default: the engine's plain one. */
  fingerprint?: (finding: Finding) => string;
  /** The id of the key `fingerprint` uses, which the result carries. */
  fingerprintKeyId?: string;
  /** Paths the configuration says are never read (`ignorePaths`): their items are passed over, uncounted. */
  isIgnored?: (path: string) => boolean;
}

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export class Scanner {
  findings: Finding[] = [];
  suppressed: Finding[] = [];
  readonly stats: ScanStats = emptyStats();
  private lastChunkPath: string | undefined;
  /** Findings whose fingerprint is already the keyed one (a finding added twice is keyed once). */
  private readonly rekeyed = new WeakSet<Finding>();

  constructor(
    readonly engine: Engine,
    private readonly options: ScanOptions,
  ) {}

  /** Whether the configuration's `ignorePaths` cover `path` (sources that can skip reading it ask first). */
  isIgnored(path: string): boolean {
    return this.options.isIgnored?.(path) ?? false;
  }

  add(item: SourceItem): void {
    if (
      item.type !== 'finding' &&
      item.type !== 'message' &&
      this.isIgnored(item.type === 'chunk' ? item.chunk.path : item.path)
    )
      return;
    switch (item.type) {
      case 'file':
        this.addFile(item.path, item.origin, item.data, item.pathRules ?? true);
        break;
      case 'scanned':
        this.addScanned(item.path, item.origin, item.size, item.result);
        break;
      case 'unscanned':
        this.stats.files += item.files ?? 1;
        if (item.binary) this.skip(item.path, 'binary');
        else this.stats.bytes += item.size;
        break;
      case 'chunk':
        // Diff sources send a file's added lines as one chunk: count the file once.
        if (item.chunk.path !== this.lastChunkPath) this.stats.files++;
        this.lastChunkPath = item.chunk.path;
        this.stats.bytes += item.chunk.text.length;
        this.keep(this.engine.scan(item.chunk));
        break;
      case 'message':
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
    this.noteOverBudget(this.engine.takeOverBudget());
  }

  private skip(path: string, reason: 'large' | 'binary' | 'unreadable', detail?: string): void {
    if (reason === 'binary') this.stats.skippedBinary++;
    else if (reason === 'large') {
      this.stats.skippedLarge++;
      this.stats.warnings.push(
        `skipped ${path}: ${detail ?? 'larger than the size limit'} (raise it with --max-file-size)`,
      );
    } else {
      // Asked for and not read: the scan is incomplete, whatever else it finds.
      this.stats.unread++;
      this.stats.warnings.push(`could not read ${path}${detail ? `: ${detail}` : ''}`);
    }
  }

  private addFile(path: string, origin: Origin, data: Uint8Array, pathRules: boolean): void {
    if (pathRules) {
      let text: string | undefined;
      let decoded = false;
      const content = () => {
        if (!decoded) {
          decoded = true;
          const d = data.length <= this.options.maxFileSize ? decode(data) : undefined;
          text = d?.kind === 'text' ? d.text : undefined;
        }
        return text;
      };
      this.keep(this.engine.scanPath(path, origin, content));
    }
    if (data.length > this.options.maxFileSize) {
      this.stats.files++;
      this.skip(
        path,
        'large',
        `${formatBytes(data.length)} is over the ${formatBytes(this.options.maxFileSize)} limit`,
      );
      return;
    }
    this.addScanned(path, origin, data.length, scanContent(this.engine, path, data, origin));
  }

  /** A file whose content was scanned elsewhere (a history worker): its findings take this file's origin. */
  private addScanned(path: string, origin: Origin, size: number, result: ContentScan): void {
    this.stats.files++;
    this.noteOverBudget(result.overBudget);
    if (result.binary) {
      this.skip(path, 'binary');
      return;
    }
    this.stats.bytes += size;
    for (const w of result.warnings) this.stats.warnings.push(w);
    for (const f of result.findings) f.origin = origin;
    this.keep(result.findings);
  }

  /** Rules that ran out of time on a file: the scan is incomplete, and says which rule and file. */
  private noteOverBudget(list: OverBudget[]): void {
    for (const o of list) {
      this.stats.unread++;
      this.stats.warnings.push(
        `rule ${o.ruleId} ran out of its ${o.budgetMs} ms on ${o.path}: the rest of that file was not searched with it, so the scan is incomplete (simplify the rule's pattern or its keywords)`,
      );
    }
  }

  /** The lists a later stage (history's de-duplication) made of this scanner's findings. */
  replaceFindings(findings: Finding[], suppressed: Finding[]): void {
    this.findings = findings;
    this.suppressed = suppressed;
  }

  private keep(findings: Finding[]): void {
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

  result(): ScanResult {
    const { moment, fingerprintKeyId } = this.options;
    return {
      findings: this.findings,
      suppressed: this.suppressed,
      stats: this.stats,
      moment,
      ...(fingerprintKeyId ? { fingerprintKeyId } : {}),
    };
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${Math.round(n)} B`;
}
