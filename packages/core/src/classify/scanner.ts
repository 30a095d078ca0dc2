import { commandStart, failurePoint } from './failure-point.js';
import { detectFormat, parseLine, type LogFormat, type LogLine } from './log-line.js';
import { Ring } from './ring.js';
import type { ClassifyRule } from './rule.js';
import { defaultRuleSet, type RuleSet } from './rule-set.js';

/** A numbered, cleaned line kept for evidence. */
export interface KeptLine {
  n: number;
  text: string;
}

/** One place a rule matched, with the lines around it. */
export interface Hit {
  rule: ClassifyRule;
  line: number;
  text: string;
  step?: string;
  errorMarker: boolean;
  before: KeptLine[];
  after: KeptLine[];
  /** Lines around it look like a test's own failure (stack frames of tests, assertion output). */
  testContext: boolean;
  /** In the block that ends where the log says a command failed (from that command's start). */
  inBlock?: boolean;
}

/** The first place the log says a command failed, and the lines that lead up to it. */
export interface Failure {
  line: number;
  text: string;
  /** The failing command (Travis, make, npm, Jenkins) or the step it ran in (GitHub Actions). */
  command: string;
  step?: string;
  /** The last lines before it: the error block the failing command printed. */
  before: KeptLine[];
}

export interface RuleHits {
  first: Hit;
  last: Hit;
  count: number;
}

export interface ScanResult {
  format: LogFormat;
  lines: number;
  job?: string;
  /** Step in which the runner reported the failure (`##[error]` / exit code), when the log says. */
  failingStep?: string;
  hits: RuleHits[];
  failure?: Failure;
  /** The last lines of the log: evidence of last resort. */
  tail: KeptLine[];
}

export interface LogScanOptions {
  rules?: RuleSet;
  contextBefore?: number;
  contextAfter?: number;
}

// A test's own failure around a line: stack frames in test files, test runner failure markers, assertions.
// Linear on any line (a 16 KiB window of a minified bundle included): no unanchored `\w+` or `.*` before a
// literal, which would retry from every position of a long run of word characters.
const TEST_CONTEXT =
  /^\s+at .*(Test|Spec|IT)\b|^\s+at .*[/\\](tests?|specs?|__tests__)[/\\]|^\s+at .*\.(test|spec)\.[cm]?[jt]sx?\b|File "[^"]*(test_\w|_test|tests?\/)[^"]*", line \d|\w_test\.go:\d|\w(Test|Tests|Spec)\.(java|kt|scala|php|cs|groovy):\d|--- FAIL|\bFAIL: Test|AssertionError|Failure\/Error|<<< (FAILURE|ERROR)!|\bassert(Equals|True|That)?\(|Failed asserting/;
/** A built-in transient rule's line inside a test's own failure is that test failing. */
function demotable(rule: ClassifyRule): boolean {
  return !!rule.transient && !rule.user;
}

const STEP_START = /^(Run|Post Run|Post) \S/;
// A step header that never closes (a cut log) stops hiding lines after this many.
const MAX_STEP_HEADER = 500;

/**
 * Reads a log a line at a time and keeps only bounded state: a ring of recent lines, and for each
 * rule its first and last match with a few lines of context. Memory does not grow with the log.
 */
export class LogScanner {
  private readonly rules: RuleSet;
  private readonly beforeN: number;
  private readonly afterN: number;
  private readonly recent: Ring<KeptLine>;
  private readonly byRule = new Map<string, RuleHits>();
  private readonly open: Hit[] = [];
  private format: LogFormat | undefined;
  private n = 0;
  private step: string | undefined;
  private job: string | undefined;
  private exitStep: string | undefined;
  private errorStep: string | undefined;
  /** Lines left of the `##[group]Run …` block that echoes a step's script and env: source, not output. */
  private headerLines = 0;
  /** Where the current command began (Travis `$ cmd`, a step's `Run …` group). */
  private blockStart = 0;
  private blockCommand = '';
  private failure: Failure | undefined;

  constructor(options: LogScanOptions = {}) {
    this.rules = options.rules ?? defaultRuleSet();
    this.beforeN = options.contextBefore ?? 3;
    this.afterN = options.contextAfter ?? 12;
    this.recent = new Ring(Math.max(this.beforeN, 12));
  }

  /** One line; `lineNo` when the lines come from a file shared with other jobs (default: the next). */
  push(raw: string, lineNo = this.n + 1): void {
    this.n = lineNo;
    if (this.format === undefined) {
      if (raw.trim() === '') {
        this.keep({ text: '', marker: undefined });
        return;
      }
      this.format = detectFormat(raw);
    }
    const line = parseLine(raw, this.format);
    if (line.job !== undefined) this.job ??= line.job;
    if (line.step !== undefined) this.step = line.step;
    if (line.marker === 'group' && STEP_START.test(line.text)) {
      if (line.step === undefined) this.step = line.text;
      this.headerLines = MAX_STEP_HEADER;
      this.startBlock(line.text.replace(/^(Post )?Run /, ''));
    } else if (line.marker === 'endgroup' || line.marker === 'group' || line.marker === 'error') this.headerLines = 0;
    else if (this.headerLines > 0) this.headerLines--;
    if (line.step !== undefined && line.step !== this.blockCommand && this.failure === undefined && line.marker !== 'group') this.startBlock(line.step);
    if (this.failure === undefined) {
      const started = commandStart(line.text);
      if (started !== undefined) this.startBlock(started);
      else {
        const point = failurePoint(line.text, line.marker === 'error');
        if (point) this.fail(line.text, point.command || this.blockCommand || this.step || '');
      }
    }
    if (line.marker === 'error') {
      this.errorStep = this.step;
      if (/^Process completed with exit code [1-9]/.test(line.text)) this.exitStep ??= this.step;
    }
    this.keep(line);
  }

  private startBlock(command: string): void {
    this.blockStart = this.n;
    this.blockCommand = command;
  }

  /** The first failure point: mark every rule's latest match since the block began as in the block. */
  private fail(text: string, command: string): void {
    this.failure = {
      line: this.n,
      text,
      command,
      ...(this.step !== undefined ? { step: this.step } : {}),
      before: this.recent.last(12),
    };
    for (const hits of this.byRule.values()) {
      if (hits.last.line >= this.blockStart) hits.last.inBlock = true;
      if (hits.first.line >= this.blockStart) hits.first.inBlock = true;
    }
  }

  private keep(line: LogLine): void {
    const kept: KeptLine = { n: this.n, text: line.text };
    for (let i = this.open.length - 1; i >= 0; i--) {
      const hit = this.open[i] as Hit;
      hit.after.push(kept);
      if (hit.after.length >= this.afterN || line.marker === 'endgroup') {
        this.close(hit);
        this.open.splice(i, 1);
      }
    }
    const text = line.text;
    if (text.length > 2 && this.headerLines === 0) {
      for (const rule of this.rules.match(text)) this.record(rule, kept, line);
    }
    this.recent.push(kept);
  }

  private record(rule: ClassifyRule, kept: KeptLine, line: LogLine): void {
    const hit: Hit = {
      rule,
      line: kept.n,
      text: kept.text,
      ...(this.step !== undefined ? { step: this.step } : {}),
      errorMarker: line.marker === 'error',
      before: this.recent.last(this.beforeN),
      after: [],
      testContext: demotable(rule) && [...this.recent.last(8), kept].some((l) => TEST_CONTEXT.test(l.text)),
    };
    const seen = this.byRule.get(rule.id);
    if (!seen) this.byRule.set(rule.id, { first: hit, last: hit, count: 1 });
    else if (seen.last.inBlock)
      seen.count++; // the failing block's match outranks any later one
    else {
      const index = this.open.indexOf(seen.last);
      if (seen.last !== seen.first && index >= 0) this.open.splice(index, 1);
      seen.last = hit;
      seen.count++;
    }
    this.open.push(hit);
  }

  private close(hit: Hit): void {
    if (demotable(hit.rule) && !hit.testContext) hit.testContext = hit.after.some((l) => TEST_CONTEXT.test(l.text));
  }

  finish(): ScanResult {
    for (const hit of this.open) this.close(hit);
    this.open.length = 0;
    const failingStep = this.exitStep ?? this.errorStep;
    return {
      format: this.format ?? 'plain',
      lines: this.n,
      ...(this.job !== undefined ? { job: this.job } : {}),
      ...(failingStep !== undefined ? { failingStep } : {}),
      ...(this.failure ? { failure: this.failure } : {}),
      hits: [...this.byRule.values()],
      tail: this.recent.last(10),
    };
  }
}
