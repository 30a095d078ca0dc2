import { fingerprintOf, secretHash } from './fingerprint.js';
import { KeywordIndex } from './keyword-index.js';
import { DEFAULT_EXCLUDE, DEFAULT_FIXTURES, PathMatcher, hasBinaryExtension } from './paths.js';
import { isPlaceholder } from './placeholders.js';
import { readPragma } from './pragma.js';
import { redactedPreview, type Span } from './preview.js';
import { ALL_RULES } from './rules/index.js';
import { shannonEntropy } from './validators.js';
import { SCAN_SEVERITIES, type ScanCategory, type ScanConfidence, type Finding, type MatchContext, type Rule, type ScanFile, type ScanSeverity } from './types.js';

export interface ScanOptions {
  /** Rules to run (default: every built-in rule). */
  rules?: readonly Rule[];
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
}

interface CompiledRule {
  rule: Rule;
  order: number;
  pattern: RegExp;
}

export interface CompiledRules {
  index: KeywordIndex<CompiledRule>;
  always: CompiledRule[];
}

// Rules whose secret has no public prefix: a password's first letters are part of the password.
const NO_REVEAL = /generic|password|auth-header|keyed|heroku|mailgun|twilio-auth|datadog|sidekiq|aws-secret/;

const cache = new WeakMap<readonly Rule[], CompiledRules>();

export function compileRules(rules: readonly Rule[]): CompiledRules {
  const cached = cache.get(rules);
  if (cached) return cached;
  const compiled = rules.map((rule, order) => ({ rule, order, pattern: new RegExp(rule.pattern.source, `${rule.pattern.flags.replace(/[gd]/g, '')}gd`) }));
  const entries: [string, CompiledRule][] = [];
  for (const c of compiled) for (const k of c.rule.keywords ?? []) entries.push([k, c]);
  const result = { index: new KeywordIndex(entries), always: compiled.filter((c) => !c.rule.keywords?.length) };
  cache.set(rules, result);
  return result;
}

function lower(severity: ScanSeverity): ScanSeverity {
  return SCAN_SEVERITIES[Math.min(SCAN_SEVERITIES.indexOf(severity) + 1, SCAN_SEVERITIES.length - 1)] as ScanSeverity;
}
function lowerConfidence(confidence: ScanConfidence): ScanConfidence {
  return confidence === 'high' ? 'medium' : 'low';
}

interface Candidate {
  rule: Rule;
  order: number;
  start: number;
  end: number;
  secret: string;
  withoutContext: boolean;
}

/** Every rule match on one line (before overlap resolution). */
function matchLine(text: string, near: { previous: string; next: string; path: string }, rules: CompiledRules, hits: Set<CompiledRule>): Candidate[] | undefined {
  hits.clear();
  rules.index.find(text, hits);
  for (const a of rules.always) hits.add(a);
  let found: Candidate[] | undefined;
  for (const { rule, order, pattern } of hits) {
    if (rule.prefilter && !rule.prefilter.test(text)) continue;
    if (rule.previousLine && !rule.previousLine.test(near.previous)) continue;
    // Required context is cheaper to test than most patterns: check it first.
    if (rule.context && !rule.contextOptional && !rule.context.test(text) && !rule.context.test(near.previous) && !rule.context.test(near.next)) continue;
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text)) !== null) {
      if (m[0] === '') pattern.lastIndex++;
      const group = m.groups?.secret !== undefined ? 'secret' : m.groups?.secret2 !== undefined ? 'secret2' : undefined;
      const span = group ? m.indices?.groups?.[group] : m.indices?.[0];
      if (!span) continue;
      const secret = text.slice(span[0], span[1]);
      if (!rule.allowPlaceholderLike && isPlaceholder(secret)) continue;
      if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
      if (rule.validate && !rule.validate(secret, { ...near, line: text, key: m.groups?.key })) continue;
      let withoutContext = false;
      if (rule.context && !rule.context.test(text) && !rule.context.test(near.previous) && !rule.context.test(near.next)) {
        if (!rule.contextOptional) continue;
        withoutContext = true;
      }
      (found ??= []).push({ rule, order, start: span[0], end: span[1], secret, withoutContext });
    }
  }
  return found;
}

/** Keeps the most specific rule where matches overlap (rule order: provider rules before generic ones). */
function resolveOverlaps(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const c of candidates.sort((a, b) => a.order - b.order || a.start - b.start)) {
    if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

function windows(text: string, size: number): { offset: number; text: string }[] {
  const overlap = Math.min(512, Math.floor(size / 4));
  const out: { offset: number; text: string }[] = [];
  for (let offset = 0; offset < text.length; offset += size - overlap) {
    out.push({ offset, text: text.slice(offset, offset + size) });
    if (offset + size >= text.length) break;
  }
  return out;
}

export class Scanner {
  private readonly rules: CompiledRules;
  private readonly exclude: PathMatcher;
  private readonly include: PathMatcher;
  private readonly fixtures: PathMatcher;
  private readonly maxLineLength: number;
  private readonly hits = new Set<CompiledRule>();

  constructor(private readonly options: ScanOptions = {}) {
    let rules = options.rules ?? ALL_RULES;
    if (options.disable?.length || options.categories) {
      rules = rules.filter((r) => !options.disable?.includes(r.id) && (!options.categories || options.categories.includes(r.category)));
    }
    this.rules = compileRules(rules);
    this.exclude = new PathMatcher([...(options.defaultExcludes === false ? [] : DEFAULT_EXCLUDE), ...(options.exclude ?? [])]);
    this.include = new PathMatcher(options.include ?? []);
    this.fixtures = new PathMatcher(options.fixtures ?? DEFAULT_FIXTURES);
    this.maxLineLength = options.maxLineLength ?? 8192;
  }

  /** Why a path is not scanned, or undefined when it is. */
  skipReason(path: string): 'excluded' | 'binary' | undefined {
    if (this.include.matches(path)) return undefined;
    if (this.exclude.matches(path)) return 'excluded';
    if (this.options.defaultExcludes !== false && hasBinaryExtension(path)) return 'binary';
    return undefined;
  }

  scanFile(file: ScanFile): Finding[] {
    if (this.skipReason(file.path)) return [];
    const findings: Finding[] = [];
    const fixture = this.fixtures.matches(file.path);
    const lines = file.lines;
    for (let i = 0; i < lines.length; i++) {
      const current = lines[i] as ScanFile['lines'][number];
      const text = current.text.charCodeAt(current.text.length - 1) === 13 ? current.text.slice(0, -1) : current.text;
      if (text.length < 6) continue; // nothing a rule matches is that short
      // Neighbours count only when they are the adjacent lines of the file (added lines of one hunk).
      const prev = lines[i - 1];
      const next = lines[i + 1];
      const previous = prev && prev.line === current.line - 1 ? prev.text : '';
      const following = next && next.line === current.line + 1 ? next.text : '';
      const near = { previous, next: following, path: file.path };
      let candidates: Candidate[] | undefined;
      if (text.length <= this.maxLineLength) candidates = matchLine(text, near, this.rules, this.hits);
      else {
        candidates = [];
        for (const w of windows(text, this.maxLineLength)) {
          for (const c of matchLine(w.text, near, this.rules, this.hits) ?? []) {
            const start = c.start + w.offset;
            if (!candidates.some((k) => k.rule === c.rule && k.start === start)) candidates.push({ ...c, start, end: c.end + w.offset });
          }
        }
      }
      if (!candidates?.length) continue;
      const kept = resolveOverlaps(candidates);
      const spans: Span[] = kept.map((c) => ({ start: c.start, end: c.end, category: c.rule.category, revealPrefix: c.rule.category === 'credential' && !!c.rule.keywords?.length && c.rule.confidence === 'high' && !NO_REVEAL.test(c.rule.id) }));
      const pragma = readPragma(text);
      for (const [k, c] of kept.entries()) {
        const finding = this.toFinding(c, file.path, current.line, text, spans, spans[k] as Span, fixture);
        if (pragma?.reason) finding.suppressed = { kind: 'pragma', reason: pragma.reason };
        else if (pragma) finding.note = 'closed-loop:allow needs a reason (closed-loop:allow <why this is safe>); ignored';
        if (!finding.suppressed || this.options.includeSuppressed) findings.push(finding);
      }
    }
    return findings;
  }

  private toFinding(c: Candidate, path: string, line: number, text: string, spans: Span[], focus: Span, fixture: boolean): Finding {
    let severity = c.withoutContext ? lower(c.rule.severity) : c.rule.severity;
    let confidence = c.withoutContext ? lowerConfidence(c.rule.confidence) : c.rule.confidence;
    if (fixture && confidence !== 'high') {
      severity = 'low';
      confidence = 'low';
    }
    const finding: Finding = {
      ruleId: c.rule.id,
      category: c.rule.category,
      severity,
      confidence,
      description: c.rule.description,
      file: path,
      line,
      column: c.start + 1,
      endColumn: c.end + 1,
      preview: redactedPreview(text, spans, focus),
      fingerprint: fingerprintOf(c.rule.id, path, secretHash(c.secret, c.rule.category, c.rule.id)),
    };
    if (fixture) finding.fixture = true;
    return finding;
  }

  scan(files: readonly ScanFile[]): Finding[] {
    return files.flatMap((f) => this.scanFile(f));
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
