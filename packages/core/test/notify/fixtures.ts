// Verdicts and recover outcomes as failure-classify and recover produce them, built by the tests.
import type { JobVerdict, Verdict } from '../../src/classify/verdict.js';
import type { RecoverOutcome } from '../../src/recover/outcome.js';

export interface VerdictOptions extends Partial<Omit<Verdict, 'run'>> {
  run?: Partial<Verdict['run']>;
  lines?: string[];
}

export function makeVerdict(opts: VerdictOptions = {}): Verdict {
  const { run, lines, ...rest } = opts;
  const evidenceLines = lines ?? ['FAIL src/parser.test.ts', '  ● parses dates › rejects 2024-13-01', '    Expected: throws', '    Received: undefined'];
  const base: Verdict = {
    schema: 'closed-loop/verdict@1',
    status: 'classified',
    category: 'testing',
    subcategory: 'test-failure',
    confidence: 0.92,
    transient: false,
    severity: 'critical',
    priority: 1,
    signature: 'v1:0123456789abcdef',
    evidence: { startLine: 120, endLine: 120 + evidenceLines.length - 1, lines: evidenceLines, step: 'Run tests' },
    flaky: false,
    run: {
      id: 9001,
      attempt: 1,
      workflowName: 'CI',
      workflowPath: '.github/workflows/ci.yml',
      event: 'push',
      headSha: 'a'.repeat(40),
      headBranch: 'main',
      htmlUrl: 'https://github.com/acme/widgets/actions/runs/9001',
      repository: 'acme/widgets',
      conclusion: 'failure',
      pullRequests: [],
      fork: false,
      ...run,
    },
    history: { windowHours: 24, runs: 10, failures: 3, failureRate: 0.3, consecutiveFailures: 2 },
    jobs: [],
    ...rest,
  };
  const job: JobVerdict = {
    category: base.category,
    subcategory: base.subcategory,
    confidence: base.confidence,
    transient: base.transient,
    severity: base.severity,
    priority: base.priority,
    signature: base.signature,
    evidence: base.evidence,
    jobId: 77,
    jobName: 'test (node 20)',
    stepName: 'Run tests',
    htmlUrl: `${base.run.htmlUrl}/job/77`,
  };
  return { ...base, jobs: opts.jobs ?? [job] };
}

export function makeOutcome(overrides: Partial<RecoverOutcome> = {}): RecoverOutcome {
  return {
    schema: 'closed-loop/recover@1',
    action: 'escalate',
    mode: 'automatic',
    reason: 'Deterministic test failure: a re-run will not help.',
    breaker: { state: 'closed', consecutiveFailures: 2, failureRate: 0.3 },
    executed: true,
    links: [{ label: 'Audit trail', url: 'https://github.com/acme/widgets/actions/runs/9001#artifacts' }],
    ...overrides,
  };
}

export const identity = (s: string): string => s;
