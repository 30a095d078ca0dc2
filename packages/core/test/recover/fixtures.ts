import { VERDICT_SCHEMA, type Verdict } from '../../src/classify/verdict.js';
import type { RunRecord } from '../../src/recover/breaker.js';

/** A classified verdict; tests override what they exercise. */
export function verdict(over: Partial<Omit<Verdict, 'run'>> & { run?: Partial<Verdict['run']> } = {}): Verdict {
  const { run, ...rest } = over;
  return {
    schema: VERDICT_SCHEMA,
    status: 'classified',
    category: 'infrastructure',
    subcategory: 'network',
    confidence: 0.9,
    transient: true,
    severity: 'medium',
    priority: 2,
    signature: 'v1:0123456789abcdef',
    evidence: { startLine: 10, endLine: 10, lines: ['curl: (7) Failed to connect to registry.npmjs.org port 443'] },
    flaky: false,
    history: { windowHours: 24, runs: 1, failures: 1, failureRate: 1, consecutiveFailures: 1 },
    jobs: [],
    run: {
      id: 100,
      attempt: 1,
      workflowName: 'CI',
      workflowPath: '.github/workflows/ci.yml',
      event: 'push',
      headSha: 'a'.repeat(40),
      headBranch: 'feature',
      htmlUrl: 'https://github.com/acme/widgets/actions/runs/100',
      repository: 'acme/widgets',
      conclusion: 'failure',
      pullRequests: [],
      fork: false,
      ...run,
    },
    ...rest,
  };
}

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
export const iso = (ms: number): string => new Date(ms).toISOString();
export const minutes = (n: number): number => n * 60_000;

/** A completed run `agoMinutes` before T0. */
export function run(id: number, conclusion: string | null, agoMinutes: number, over: Partial<RunRecord> = {}): RunRecord {
  const at = iso(T0 - minutes(agoMinutes));
  return { id, attempt: 1, status: conclusion === null ? 'in_progress' : 'completed', conclusion, createdAt: at, updatedAt: at, rerunByUs: false, ...over };
}
