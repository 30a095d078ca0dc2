import type { ClassifyRule } from './rule.js';
import type { Failure, Hit, KeptLine, ScanResult } from './scanner.js';
import { toolOf, type ToolMatch } from './tools.js';
import type { Category, Evidence, Severity } from './verdict.js';

/** What the log alone says about one job. Severity, priority and signature come later, with history. */
export interface LogClassification {
  category: Category;
  subcategory: string;
  confidence: number;
  transient: boolean;
  evidence: Evidence;
  /** The first specific error line: what the signature is built from. */
  errorLine: string;
  step?: string;
  ruleId?: string;
  ruleSeverity?: Severity;
}

export interface DecideOptions {
  /** Below this confidence the verdict keeps its best category but is never called transient. */
  threshold: number;
}

/** How much the tool that failed is worth on its own: a prior, below any specific message rule. */
const TOOL_WEIGHT = 0.5;
/** A line in the block that ends at the failing command. */
const IN_BLOCK_BONUS = 0.15;
/** A line of the same kind as the tool that failed. */
const TOOL_AGREES_BONUS = 0.1;
/** An informational line (an audit summary) decides nothing unless its own tool is the one that failed. */
const INFORMATIONAL_WEIGHT = 0.3;

interface Scored {
  hit: Hit;
  score: number;
  category: Category;
  subcategory: string;
  weight: number;
  transient: boolean;
}

/**
 * Picks the category whose best match scores highest: rule weight, plus a bonus for lines in the step
 * the runner marked failed, on `##[error]` lines, and late in the log (where jobs usually stop).
 */
export function decide(scan: ScanResult, options: DecideOptions): LogClassification {
  const tool = scan.failure ? (toolOf(scan.failure.command) ?? (scan.failure.step ? toolOf(scan.failure.step) : undefined)) : undefined;
  const scored = scan.hits.flatMap((h) => (h.first === h.last ? [h.first] : [h.first, h.last])).map((hit) => score(hit, scan, tool));
  const toolHit = tool && scan.failure ? toolCandidate(scan.failure, tool) : undefined;
  if (toolHit) scored.push(toolHit);
  const byCategory = new Map<Category, Scored[]>();
  for (const s of scored) {
    const list = byCategory.get(s.category) ?? [];
    list.push(s);
    byCategory.set(s.category, list);
  }
  const ranked = [...byCategory.entries()]
    .filter(([category]) => category !== 'unknown')
    .map(([category, list]) => {
      const best = list.reduce((a, b) => (b.score > a.score || (b.score === a.score && b.hit.line < a.hit.line) ? b : a));
      const rules = new Set(list.map((s) => s.hit.rule.id)).size;
      return { category, best, total: best.score + 0.03 * Math.min(3, rules - 1) };
    })
    .sort((a, b) => b.total - a.total);
  const top = ranked[0];
  if (!top) return fallback(scan, scored);
  const runnerUp = ranked[1]?.total ?? 0;
  const margin = Math.max(0, (top.total - runnerUp) / top.total);
  const confidence = round(Math.min(1, top.best.weight + (top.best.hit.inBlock ? 0.1 : 0)) * (0.75 + 0.25 * margin));
  const hit = top.best.hit;
  // A low-confidence verdict keeps its best category (abstaining says less than a weak guess with its
  // confidence), but is never called transient: a re-run on weak evidence wastes a run.
  const sure = confidence >= options.threshold;
  return {
    category: top.category,
    subcategory: top.best.subcategory,
    confidence,
    transient: sure && top.best.transient,
    evidence: evidenceOf(hit),
    errorLine: hit.text,
    ...stepOf(hit, scan),
    ruleId: hit.rule.id,
    ...(hit.rule.severity ? { ruleSeverity: hit.rule.severity } : {}),
  };
}

/** The failing command's tool as a candidate of its own: evidence is the block that ends there. */
function toolCandidate(failure: Failure, tool: ToolMatch): Scored {
  const rule: ClassifyRule = {
    id: `tool/${tool.tool.replace(/\s+/g, '-')}`,
    category: tool.category,
    subcategory: tool.subcategory,
    pattern: /$^/,
    weight: TOOL_WEIGHT,
    keywords: [],
    examples: { match: [], noMatch: [] },
  };
  const hit: Hit = {
    rule,
    line: failure.line,
    text: failure.text,
    ...(failure.step !== undefined ? { step: failure.step } : {}),
    errorMarker: false,
    before: failure.before,
    after: [],
    testContext: false,
    inBlock: true,
  };
  return { hit, score: TOOL_WEIGHT, category: tool.category, subcategory: tool.subcategory, weight: TOOL_WEIGHT, transient: false };
}

function score(hit: Hit, scan: ScanResult, tool: ToolMatch | undefined): Scored {
  const rule = hit.rule;
  // A "network" line inside a test's own output is that test failing, not the network.
  const demoted = !!rule.transient && hit.testContext && !rule.user;
  const quiet = !!rule.informational && !rule.user && tool?.category !== rule.category;
  const weight = demoted ? Math.min(rule.weight, 0.6) : quiet ? Math.min(rule.weight, INFORMATIONAL_WEIGHT) : rule.weight;
  let s = weight + (rule.user ? 1 : 0);
  if (hit.inBlock) s += IN_BLOCK_BONUS;
  if (tool && tool.category === (demoted ? 'testing' : rule.category)) s += TOOL_AGREES_BONUS;
  if (scan.failingStep !== undefined && hit.step === scan.failingStep) s += 0.1;
  if (hit.errorMarker) s += 0.05;
  s += 0.08 * (hit.line / Math.max(1, scan.lines));
  return {
    hit,
    score: s,
    category: demoted ? 'testing' : rule.category,
    subcategory: demoted ? 'test-failure' : rule.subcategory,
    weight,
    transient: !!rule.transient && !demoted,
  };
}

/** Nothing specific matched: say so, and show the best generic error line or the end of the log. */
function fallback(scan: ScanResult, scored: Scored[]): LogClassification {
  const generic = scored.sort((a, b) => b.score - a.score)[0];
  const evidence = generic ? evidenceOf(generic.hit) : linesEvidence(scan.tail);
  const errorLine = generic?.hit.text ?? evidence.lines.filter((l) => l.trim()).at(-1) ?? '';
  return {
    category: 'unknown',
    subcategory: generic ? 'unrecognised' : 'no-error-lines',
    confidence: generic ? 0.2 : 0,
    transient: false,
    evidence,
    errorLine,
    ...(generic ? stepOf(generic.hit, scan) : scan.failingStep ? { step: scan.failingStep } : {}),
  };
}

function stepOf(hit: Hit, scan: ScanResult): { step?: string } {
  const step = hit.step ?? scan.failingStep;
  return step !== undefined ? { step } : {};
}

function evidenceOf(hit: Hit): Evidence {
  // The matching line is cut around the match, not after its first characters: in a long line (a
  // minified bundle, a one-line reporter) the error is often far from the start.
  const line = { n: hit.line, text: hit.text };
  const match = hit.rule.pattern.exec(hit.text);
  const focus = match ? { line, index: match.index, length: match[0].length } : undefined;
  return { ...linesEvidence([...hit.before, line, ...hit.after], focus), ...(hit.step !== undefined ? { step: hit.step } : {}) };
}

/**
 * At most MAX_EVIDENCE_LINE characters of `text` centred on the match at `index` (length `length`),
 * with … where text was cut on either side; a short line is returned as it is.
 */
function excerptAround(text: string, index: number, length: number, max = MAX_EVIDENCE_LINE): string {
  if (text.length <= max) return text;
  let start = Math.max(0, Math.min(index + Math.floor((Math.min(length, max) - max) / 2), text.length - max));
  // Never start or end inside a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text.charAt(start))) start++;
  let end = Math.min(text.length, start + max);
  if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

function linesEvidence(kept: KeptLine[], focus?: { line: KeptLine; index: number; length: number }): Evidence {
  // Trailing blank lines say nothing.
  let end = kept.length;
  while (end > 1 && kept[end - 1]?.text.trim() === '') end--;
  const lines = kept.slice(0, end);
  // Lines are capped so a verdict stays small enough for an action output.
  return {
    startLine: lines[0]?.n ?? 0,
    endLine: lines.at(-1)?.n ?? 0,
    lines: lines.map((l) => (l === focus?.line ? excerptAround(l.text, focus.index, focus.length) : excerptAround(l.text, 0, 0))),
  };
}

const MAX_EVIDENCE_LINE = 500;

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
