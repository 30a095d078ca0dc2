import { fingerprintOf, secretHash } from './fingerprint.js';
import { KeywordIndex } from './keyword-index.js';
import { pairCredentials } from './pairs.js';
import { DEFAULT_EXCLUDE, DEFAULT_FIXTURES, PathMatcher, hasBinaryExtension } from './paths.js';
import { readPragma } from './pragma.js';
import { redactedPreview, type Span } from './preview.js';
import { ALL_RULES, FILE_RULES } from './rules/index.js';
import { matchPattern, ruleMatches } from './rule-match.js';
import { SCAN_SEVERITIES, type ScanCategory, type ScanConfidence, type FileRule, type Finding, type Rule, type ScanFile, type ScanSeverity } from './types.js';

export interface ScanOptions {
  /** Rules to run (default: every built-in rule). */
  rules?: readonly Rule[];
  /** Rules over whole files (default: every built-in one); `disable` and `categories` apply to them too. */
  fileRules?: readonly FileRule[];
  /** Rule ids to turn off. */
  disable?: readonly string[];
  categories?: readonly ScanCategory[];
  /** Globs of paths never scanned, added to the defaults (vendored code, lock files). */
  exclude?: readonly string[];
  /** Globs scanned even when a default exclusion matches them. */
  include?: readonly string[];
  /** Set false to scan vendored/lock/binary-extension paths too. */
  defaultExcludes?: boolean;
  /** Globs of test-fixture paths: findings there are lowered to `low` unless they are certain. */
  fixtures?: readonly string[];
  /** Lines longer than this are scanned in overlapping windows of this size (minified code). */
  maxLineLength?: number;
  /** Also return findings silenced by a `closed-loop:allow <reason>` pragma (marked `suppressed`). */
  includeSuppressed?: boolean;
  /**
   * Checksum-valid numbers with no context (a bare SSN or NPI layout), reported as low: everywhere
   * (true), nowhere (false), or only in data and text files ('data-files', the default), where exported
   * records leak; in source code such numbers are far more often timestamps and constants.
   */
  weakMatches?: WeakMatches;
  /**
   * Findings listed per file (default 200); past it each is only counted, by severity, so memory stays
   * flat on a dump with hundreds of thousands of matches. Counted ones still block.
   */
  maxFindingsPerFile?: number;
  /** Findings listed per scanner, over every file (default 1,000); past it each is counted as above. */
  maxFindings?: number;
}

/** Listing caps by default: past them findings are counted (and block), not listed. */
export const LISTED_PER_FILE = 200;
export const LISTED_PER_RUN = 1000;

/** Findings past `maxFindingsPerFile` or `maxFindings`, per file: counted, not listed. */
export interface Unlisted {
  file: string;
  count: number;
  bySeverity: Partial<Record<ScanSeverity, number>>;
}

export type WeakMatches = boolean | 'data-files';

// Globals read once: under a vm context (jest, where the benchmarks run) every read of a global such as
// Math costs a lookup through the context's global object, which per line adds up to more than the scan.
const { min, max } = Math;

const DATA_FILE = /\.(csv|tsv|psv|txt|text|json|jsonl|ndjson|xml|hl7|fhir|log|dat|sql|md|rst)$/i;

function wantsWeakMatches(setting: WeakMatches | undefined, path: string): boolean {
  return setting === true || ((setting ?? 'data-files') === 'data-files' && DATA_FILE.test(path));
}

interface CompiledRule {
  rule: Rule;
  order: number;
  pattern: RegExp;
  /** "Run this rule on this line": what a keyword hit becomes on the line it triggers. */
  trigger: KeywordHit;
}

/**
 * What a keyword occurrence means: run this rule on the line ('trigger'), on the next line ('next-line',
 * for `keywordsOnPreviousLine`), or this rule's file-level prefilter passed ('prefilter').
 */
type KeywordHit = { compiled: CompiledRule; kind: 'trigger' | 'next-line' | 'prefilter' } | { fileRule: FileRule; kind: 'file' };

export interface CompiledRules {
  index: KeywordIndex<KeywordHit>;
  always: CompiledRule[];
  /** Rules with file-level prefilter keywords. */
  filtered: CompiledRule[];
  /** File rules without keywords: they run on every file (their own test of the path decides). */
  everyFile: FileRule[];
}

const cache = new WeakMap<readonly Rule[], WeakMap<readonly FileRule[], CompiledRules>>();

export function compileRules(rules: readonly Rule[], fileRules: readonly FileRule[] = []): CompiledRules {
  let byFileRules = cache.get(rules);
  if (!byFileRules) cache.set(rules, (byFileRules = new WeakMap()));
  const cached = byFileRules.get(fileRules);
  if (cached) return cached;
  const compiled = rules.map((rule, order) => {
    const c = {
      rule,
      order,
      pattern: matchPattern(rule),
    } as CompiledRule;
    c.trigger = { compiled: c, kind: 'trigger' };
    return c;
  });
  const entries: [string, KeywordHit][] = [];
  for (const c of compiled) {
    const onKeyword: KeywordHit = c.rule.keywordsOnPreviousLine ? { compiled: c, kind: 'next-line' } : c.trigger;
    for (const k of c.rule.keywords ?? []) entries.push([k, onKeyword]);
    const gate: KeywordHit = { compiled: c, kind: 'prefilter' };
    for (const k of c.rule.prefilter ?? []) entries.push([k, gate]);
  }
  // File rules share the one keyword pass: a hit anywhere in the file means "run it on this file".
  for (const fileRule of fileRules) {
    const hit: KeywordHit = { fileRule, kind: 'file' };
    for (const k of fileRule.keywords ?? []) entries.push([k, hit]);
  }
  const result = {
    index: new KeywordIndex(entries),
    always: compiled.filter((c) => !c.rule.keywords?.length),
    filtered: compiled.filter((c) => c.rule.prefilter?.length),
    everyFile: fileRules.filter((r) => !r.keywords?.length),
  };
  byFileRules.set(fileRules, result);
  return result;
}

function lower(severity: ScanSeverity): ScanSeverity {
  return SCAN_SEVERITIES[min(SCAN_SEVERITIES.indexOf(severity) + 1, SCAN_SEVERITIES.length - 1)] as ScanSeverity;
}
function lowerConfidence(confidence: ScanConfidence): ScanConfidence {
  return confidence === 'high' ? 'medium' : 'low';
}

interface Candidate {
  rule: Pick<Rule, 'id' | 'category' | 'severity' | 'confidence' | 'description' | 'revealPrefix'>;
  order: number;
  start: number;
  end: number;
  secret: string;
  withoutContext: boolean;
  weak: boolean;
  /** What a file rule saw (the fields of a record), added to the description. */
  detail?: string;
}

/**
 * Turns the keyword pass's hits into per-line triggers (moving 'next-line' hits down a line); returns
 * the rules whose file-level prefilter keywords occur nowhere in the file, and the file rules to run.
 */
function settleHits(rules: CompiledRules, lineHits: (KeywordHit[] | undefined)[]): { off: CompiledRule[]; fileRules: FileRule[] } {
  // Lists, not Sets: a file has a handful of each, and this runs once per file.
  const passed: CompiledRule[] = [];
  const fileRules = [...rules.everyFile];
  for (let i = 0; i < lineHits.length; i++) {
    const hits = lineHits[i];
    if (hits)
      for (const h of hits) {
        if (h.kind === 'file') {
          if (!fileRules.includes(h.fileRule)) fileRules.push(h.fileRule);
        } else if (h.kind === 'prefilter') passed.push(h.compiled);
        else if (h.kind === 'next-line' && i + 1 < lineHits.length) {
          const below = (lineHits[i + 1] ??= []);
          if (!below.includes(h.compiled.trigger)) below.push(h.compiled.trigger);
        }
      }
  }
  return { off: rules.filtered.filter((c) => !passed.includes(c)), fileRules };
}

/** Every rule match on one line (before overlap resolution). */
function matchLine(
  text: string,
  near: Near,
  hits: KeywordHit[] | undefined,
  always: readonly CompiledRule[],
  off: readonly CompiledRule[],
): Candidate[] | undefined {
  let found: Candidate[] | undefined;
  if (hits) for (const h of hits) if (h.kind === 'trigger' && !off.includes(h.compiled)) found = runRule(h.compiled, text, near, found);
  for (const compiled of always) if (!off.includes(compiled)) found = runRule(compiled, text, near, found);
  return found;
}

/** A line's neighbours and path, and whether weak matches are wanted. */
interface Near {
  previous: string;
  next: string;
  path: string;
  weakMatches: boolean;
  /** The line's index in the file's lines, whether its neighbours are adjacent, and the window's context tests. */
  index: number;
  previousAdjacent: boolean;
  nextAdjacent: boolean;
  /** The line is matched in pieces (too long for one): its own context is tested on the piece. */
  piece: boolean;
  contexts: ContextTests;
}

/**
 * A rule's context is tested on a line and on the lines above and below it: each line's result is kept,
 * so that a line is tested once per context, not three times (a file-wide PHI rule tests every line).
 * One per scanner, restarted per window: results are stamped with the window they belong to, so a new
 * window allocates nothing (under jest's vm every allocation of a built-in reads a global, slowly).
 */
class ContextTests {
  private readonly results = new Map<RegExp, number[]>();
  private lines: ScanFile['lines'] = [];
  private window = 0;
  /** Results are kept by index from here: a window's lines and the ones either side. */
  private base = 0;

  /** Starts a window over `lines` (the file's) whose first line is `from`. */
  restart(lines: ScanFile['lines'], from: number): void {
    this.lines = lines;
    this.base = from - 1;
    this.window++;
  }

  test(context: RegExp, index: number): boolean {
    let results = this.results.get(context);
    if (!results) this.results.set(context, (results = []));
    // 4 × window + 2 (holds) or + 1 (does not); anything else is another window's, or nothing yet.
    const stamp = 4 * this.window;
    const k = index - this.base;
    let result = results[k];
    if (result === undefined || result < stamp)
      results[k] = result = stamp + (context.test(withoutCr((this.lines[index] as ScanFile['lines'][number]).text)) ? 2 : 1);
    return result === stamp + 2;
  }
}

function contextHolds(context: RegExp, text: string, near: Near): boolean {
  const { contexts, index } = near;
  return (
    (near.piece ? context.test(text) : contexts.test(context, index)) ||
    (near.previousAdjacent ? contexts.test(context, index - 1) : context.test('')) ||
    (near.nextAdjacent ? contexts.test(context, index + 1) : context.test(''))
  );
}

function runRule({ rule, order, pattern }: CompiledRule, text: string, near: Near, found: Candidate[] | undefined): Candidate[] | undefined {
  // Context depends on the line, not the match: tested at most once. Required context is cheaper to test
  // than most patterns, so it goes first.
  let inContext: boolean | undefined;
  if (rule.context && !rule.contextOptional && !(inContext = contextHolds(rule.context, text, near))) return found;
  for (const match of ruleMatches(rule, pattern, text, near) ?? []) {
    if (match.weak && !near.weakMatches) continue;
    inContext ??= !rule.context || contextHolds(rule.context, text, near);
    const withoutContext = !inContext;
    (found ??= []).push({ rule, order, start: match.start, end: match.end, secret: match.secret, withoutContext, weak: match.weak });
  }
  return found;
}

/** Keeps the most specific rule where matches overlap (rule order: provider rules before generic ones). */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of candidates.sort((a, b) => (a.weak ? 1 : 0) - (b.weak ? 1 : 0) || a.order - b.order || a.start - b.start)) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function withoutCr(text: string): string {
  return text.charCodeAt(text.length - 1) === 13 ? text.slice(0, -1) : text;
}

function windows(text: string, size: number): { offset: number; text: string }[] {
  const overlap = min(512, (size / 4) | 0);
  const out: { offset: number; text: string }[] = [];
  for (let offset = 0; offset < text.length; offset += size - overlap) {
    out.push({ offset, text: text.slice(offset, offset + size) });
    if (offset + size >= text.length) break;
  }
  return out;
}

/** Files up to this many lines are read in one window (one keyword pass). */
const WINDOW_LINES = 20_000;
/**
 * Longer files are read this many lines at a time. Small, so that what a window allocates (its keyword
 * hits, joined text) dies young: 20,000-line windows outlived the young generation, and a 21 MB dump's
 * windows piled up in the old one until peak RSS passed 300 MB.
 */
const BIG_FILE_WINDOW = 500;

export class Scanner {
  private readonly rules: CompiledRules;
  private readonly exclude: PathMatcher;
  private readonly include: PathMatcher;
  private readonly fixtures: PathMatcher;
  private readonly maxLineLength: number;
  private readonly hashes = new Map<string, string>();
  private readonly contexts = new ContextTests();
  private readonly maxFindingsPerFile: number;
  private readonly maxFindings: number;
  /** Findings listed so far, over every file. */
  private listed = 0;
  /** What scanFile counted but did not list, in scan order. */
  readonly unlisted: Unlisted[] = [];
  /** File rules' claims on paths with a binary extension (key stores): those are not skipped. */
  private readonly claimsPath: ((path: string) => boolean)[];

  constructor(private readonly options: ScanOptions = {}) {
    let rules = options.rules ?? ALL_RULES;
    if (options.disable?.length || options.categories) {
      const kept = rules.filter((r) => !options.disable?.includes(r.id) && (!options.categories || options.categories.includes(r.category)));
      // The same rules (nothing disabled, every category): keep the array, whose compiled form is cached.
      if (kept.length !== rules.length) rules = kept;
    }
    let fileRules = options.fileRules ?? FILE_RULES;
    if (options.disable?.length || options.categories) {
      const kept = fileRules.filter((r) => !options.disable?.includes(r.id) && (!options.categories || options.categories.includes(r.category)));
      if (kept.length !== fileRules.length) fileRules = kept;
    }
    this.claimsPath = fileRules.filter((r) => r.claimsPath).map((r) => r.claimsPath as (path: string) => boolean);
    this.rules = compileRules(rules, fileRules);
    this.exclude = new PathMatcher([...(options.defaultExcludes === false ? [] : DEFAULT_EXCLUDE), ...(options.exclude ?? [])]);
    this.include = new PathMatcher(options.include ?? []);
    this.fixtures = new PathMatcher(options.fixtures ?? DEFAULT_FIXTURES);
    this.maxLineLength = options.maxLineLength ?? 8192;
    this.maxFindingsPerFile = options.maxFindingsPerFile ?? LISTED_PER_FILE;
    this.maxFindings = options.maxFindings ?? LISTED_PER_RUN;
  }

  /** Why a path is not scanned, or undefined when it is. */
  skipReason(path: string): 'excluded' | 'binary' | undefined {
    if (this.include.matches(path)) return undefined;
    if (this.exclude.matches(path)) return 'excluded';
    if (this.options.defaultExcludes !== false && hasBinaryExtension(path) && !this.claimed(path)) return 'binary';
    return undefined;
  }

  /** A file rule reports this path by its name alone: read it even when it is binary (with its first bytes as `head`). */
  claimed(path: string): boolean {
    return this.claimsPath.some((claims) => claims(path));
  }

  /** The diff sections worth scanning, and the others with the reason they are skipped. */
  select(sections: readonly (ScanFile & { binary?: boolean })[]): { files: ScanFile[]; skipped: { path: string; reason: string }[] } {
    const out = { files: [] as ScanFile[], skipped: [] as { path: string; reason: string }[] };
    for (const f of sections) {
      const reason = f.binary && !this.claimed(f.path) ? 'binary' : this.skipReason(f.path);
      if (reason) out.skipped.push({ path: f.path, reason });
      else if (f.lines.length || f.binary) out.files.push(f);
    }
    return out;
  }

  scanFile(file: ScanFile): Finding[] {
    if (this.skipReason(file.path)) return [];
    const findings: Finding[] = [];
    const fixture = this.fixtures.matches(file.path);
    const weak = wantsWeakMatches(this.options.weakMatches, file.path);
    const lines = file.lines;
    // A file longer than one window is read a window at a time, so memory stays flat whatever its length
    // (a dump of 500,000 lines): its file-level prefilters are settled over the whole file first.
    const size = lines.length > WINDOW_LINES ? BIG_FILE_WINDOW : WINDOW_LINES;
    const whole = lines.length > WINDOW_LINES ? this.settleWhole(lines, size) : undefined;
    let fileRules = whole?.fileRules ?? [...this.rules.everyFile];
    for (let from = 0; from < lines.length; from += size) {
      // One line before the window: a 'next-line' hit on it triggers on the window's first line.
      const first = max(0, from - 1);
      const to = min(lines.length, from + size);
      const lineHits = this.hitsPerLine(lines, first, to);
      const settled = settleHits(this.rules, lineHits);
      if (!whole) fileRules = settled.fileRules;
      this.scanWindow(file, lines, from, to, lineHits, first, whole?.off ?? settled.off, fixture, weak, findings);
    }
    for (const rule of fileRules) this.listFileFindings(rule, file, fixture, findings);
    return pairCredentials(findings);
  }

  /** One keyword pass over lines [from, to): the hits of each line, indexed from `from`. */
  private hitsPerLine(lines: ScanFile['lines'], from: number, to: number): (KeywordHit[] | undefined)[] {
    // Plain lists: a typed array costs more to allocate than 40 lines cost to fill.
    const texts: string[] = [];
    const ends: number[] = [];
    for (let i = from, end = -1; i < to; i++) {
      const text = (lines[i] as ScanFile['lines'][number]).text;
      texts.push(text);
      ends.push((end += text.length + 1));
    }
    return this.rules.index.findPerLine(texts.join('\n'), ends);
  }

  /** Prefilters and file rules settled over the whole file, window by window (for files longer than one). */
  private settleWhole(lines: ScanFile['lines'], size: number): { off: CompiledRule[]; fileRules: FileRule[] } {
    const passed = new Set<CompiledRule>();
    const fileRules = new Set<FileRule>(this.rules.everyFile);
    for (let from = 0; from < lines.length; from += size)
      for (const hits of this.hitsPerLine(lines, from, min(lines.length, from + size)))
        for (const h of hits ?? []) {
          if (h.kind === 'prefilter') passed.add(h.compiled);
          else if (h.kind === 'file') fileRules.add(h.fileRule);
        }
    return { off: this.rules.filtered.filter((c) => !passed.has(c)), fileRules: [...fileRules] };
  }

  private scanWindow(
    file: ScanFile,
    lines: ScanFile['lines'],
    from: number,
    to: number,
    lineHits: (KeywordHit[] | undefined)[],
    hitsFrom: number,
    off: readonly CompiledRule[],
    fixture: boolean,
    weak: boolean,
    findings: Finding[],
  ): void {
    const alwaysOn = this.rules.always.some((c) => !off.includes(c));
    const contexts = this.contexts;
    contexts.restart(lines, from);
    for (let i = from; i < to; i++) {
      const hits = lineHits[i - hitsFrom];
      // Nothing can match a line without a keyword hit when every unconditional rule is off.
      if (hits === undefined && !alwaysOn) continue;
      const current = lines[i] as ScanFile['lines'][number];
      const text = withoutCr(current.text);
      // Nothing a rule matches is shorter than 6 characters.
      if (text.length < 6) continue;
      // Neighbours count only when they are the adjacent lines of the file (added lines of one hunk).
      const prev = lines[i - 1];
      const next = lines[i + 1];
      const previousAdjacent = prev !== undefined && prev.line === current.line - 1;
      const nextAdjacent = next !== undefined && next.line === current.line + 1;
      const near: Near = {
        previous: previousAdjacent ? withoutCr(prev.text) : '',
        next: nextAdjacent ? withoutCr(next.text) : '',
        path: file.path,
        weakMatches: weak,
        index: i,
        previousAdjacent,
        nextAdjacent,
        piece: text.length > this.maxLineLength,
        contexts,
      };
      let candidates: Candidate[] | undefined;
      if (text.length <= this.maxLineLength) candidates = matchLine(text, near, hits, this.rules.always, off);
      else {
        // A huge line (minified code) is matched in overlapping windows, each with the whole line's triggers.
        candidates = [];
        for (const w of windows(text, this.maxLineLength)) {
          for (const c of matchLine(w.text, near, hits, this.rules.always, off) ?? []) {
            const start = c.start + w.offset;
            if (!candidates.some((k) => k.rule === c.rule && k.start === start)) candidates.push({ ...c, start, end: c.end + w.offset });
          }
        }
      }
      if (!candidates?.length) continue;
      const kept = resolveOverlaps(candidates);
      const spans: Span[] = kept.map((c) => ({
        start: c.start,
        end: c.end,
        category: c.rule.category,
        revealPrefix: c.rule.revealPrefix === true,
      }));
      const pragma = readPragma(text);
      for (const [k, c] of kept.entries()) {
        if (this.full(findings)) {
          if (!pragma?.reason) this.countUnlisted(file.path, this.rated(c, fixture).severity);
          continue;
        }
        const finding = this.toFinding(c, file.path, current.line, text, spans, spans[k] as Span, fixture);
        if (pragma?.reason) finding.suppressed = { kind: 'pragma', reason: pragma.reason };
        else if (pragma) finding.note = 'closed-loop:allow needs a reason (closed-loop:allow <why this is safe>); ignored';
        if (!finding.suppressed || this.options.includeSuppressed) this.list(findings, finding);
      }
    }
  }

  /** Whether this file's list, or the run's, is full: what comes next is counted, not listed. */
  private full(findings: readonly Finding[]): boolean {
    return findings.length >= this.maxFindingsPerFile || this.listed >= this.maxFindings;
  }

  private list(findings: Finding[], finding: Finding): void {
    findings.push(finding);
    this.listed++;
  }

  /** A candidate's severity and confidence: lowered without context, in fixtures, and for weak matches. */
  private rated(c: Candidate, fixture: boolean): Pick<Finding, 'severity' | 'confidence'> {
    const severity = c.withoutContext ? lower(c.rule.severity) : c.rule.severity;
    const confidence = c.withoutContext ? lowerConfidence(c.rule.confidence) : c.rule.confidence;
    if (c.weak || (fixture && confidence !== 'high')) return { severity: 'low', confidence: 'low' };
    return { severity, confidence };
  }

  private countUnlisted(file: string, severity: ScanSeverity): void {
    let entry = this.unlisted.at(-1);
    if (entry?.file !== file) this.unlisted.push((entry = { file, count: 0, bySeverity: {} }));
    entry.count++;
    entry.bySeverity[severity] = (entry.bySeverity[severity] ?? 0) + 1;
  }

  /**
   * A file rule's matches, listed as findings (or counted past the caps); a pragma on the reported line
   * silences them as it does a line's.
   */
  private listFileFindings(rule: FileRule, file: ScanFile, fixture: boolean, findings: Finding[]): void {
    const matches = rule.match(file);
    // By line number once per file: a table with 100,000 patient rows would otherwise search 100,000 times.
    const textOf = matches.length ? new Map(file.lines.map((l) => [l.line, l.text])) : undefined;
    for (const m of matches) {
      // A file rule's finding that a line rule already reports (an SSN in a patient row) would say it twice.
      if (findings.some((l) => l.line === m.line && l.category === rule.category && l.column <= m.end && m.start + 1 < l.endColumn)) continue;
      const text = withoutCr(textOf?.get(m.line) ?? '');
      const pragma = readPragma(text);
      const candidate: Candidate = { rule, order: -1, start: m.start, end: m.end, secret: m.secret, withoutContext: false, weak: false, detail: m.detail };
      // Past the caps only the severity is needed, not the finding's slow PHI hash (a dump of 5,000 patients).
      if (this.full(findings)) {
        if (!pragma?.reason) this.countUnlisted(file.path, this.rated(candidate, fixture).severity);
        continue;
      }
      const span: Span = { start: m.start, end: m.end, category: rule.category, revealPrefix: false };
      const spans = m.masks ? [span, ...m.masks.map((r): Span => ({ ...r, category: rule.category, revealPrefix: false }))] : [span];
      const finding = this.toFinding(candidate, file.path, m.line, text, spans, span, fixture);
      if (pragma?.reason) finding.suppressed = { kind: 'pragma', reason: pragma.reason };
      if (!finding.suppressed || this.options.includeSuppressed) this.list(findings, finding);
    }
  }

  private toFinding(c: Candidate, path: string, line: number, text: string, spans: Span[], focus: Span, fixture: boolean): Finding {
    const { severity, confidence } = this.rated(c, fixture);
    const finding: Finding = {
      ruleId: c.rule.id,
      category: c.rule.category,
      severity,
      confidence,
      description: c.detail ? `${c.rule.description}: ${c.detail}` : c.rule.description,
      file: path,
      line,
      column: c.start + 1,
      endColumn: c.end + 1,
      preview: redactedPreview(text, spans, focus),
      fingerprint: fingerprintOf(c.rule.id, path, this.hashOf(c)),
    };
    if (fixture) finding.fixture = true;
    return finding;
  }

  /** PHI hashes are deliberately slow (PBKDF2): a value repeated across a dump is hashed once. */
  private hashOf(c: Candidate): string {
    const key = `${c.rule.id}\0${c.secret}`;
    let hash = this.hashes.get(key);
    if (hash === undefined) this.hashes.set(key, (hash = secretHash(c.secret, c.rule.category, c.rule.id)));
    return hash;
  }

  scan(files: readonly ScanFile[]): Finding[] {
    const findings: Finding[] = [];
    for (const f of files) for (const finding of this.scanFile(f)) findings.push(finding);
    return findings;
  }
}

/**
 * Findings in the given added lines. Stable entry point (the recover engine validates fix patches
 * with it): findings silenced by an inline `closed-loop:allow <reason>` are left out unless
 * `options.includeSuppressed` is set; baselines and bypasses are the caller's business.
 */
export function scanAddedLines(files: readonly ScanFile[], options?: ScanOptions): Finding[] {
  return new Scanner(options).scan(files);
}
