import type { Verdict } from '../classify/verdict.js';

export type StrategyKind = 'rerun' | 'rerun-once' | 'fix' | 'escalate' | 'report';

export interface Strategy {
  kind: StrategyKind;
  reason: string;
}

/** Dependency failures a plain re-run can cure: the registry or network was down, not the lockfile wrong. */
const TRANSIENT_DEPENDENCY = new Set(['network', 'registry', 'rate-limit', 'timeout']);

/** What a category calls for, before mode, attempts and the breaker have their say. */
export function strategyFor(verdict: Verdict): Strategy {
  const sub = verdict.subcategory;
  switch (verdict.category) {
    case 'infrastructure':
      return verdict.transient || verdict.flaky
        ? { kind: 'rerun', reason: `transient infrastructure failure (${sub})` }
        : { kind: 'report', reason: `infrastructure failure (${sub}) that a re-run is unlikely to cure` };
    case 'dependencies':
      return verdict.transient && (TRANSIENT_DEPENDENCY.has(sub) || verdict.flaky)
        ? { kind: 'rerun-once', reason: `dependency download failed (${sub}): one re-run` }
        : { kind: 'report', reason: `dependency problem (${sub}) that needs a change, not a re-run` };
    case 'testing':
      return verdict.flaky || sub === 'flaky'
        ? { kind: 'rerun', reason: 'flaky test: the same commit has passed before' }
        : { kind: 'report', reason: `test failure (${sub}) with no sign of flakiness` };
    case 'quality':
      return { kind: 'fix', reason: `mechanical quality failure (${sub}): fixers can repair it` };
    case 'security':
      return { kind: 'escalate', reason: `security finding (${sub}): never fixed automatically` };
    case 'build':
    case 'performance':
      return { kind: 'report', reason: `${verdict.category} failure (${sub}) needs a person` };
    default:
      return { kind: 'report', reason: 'failure not classified with enough confidence' };
  }
}

/** Fixer commands for a verdict: by subcategory first (lint, format), then by category. */
export function fixersFor(verdict: Pick<Verdict, 'category' | 'subcategory'>, fixers: Record<string, string[]>): string[] {
  return fixers[verdict.subcategory] ?? fixers[verdict.category] ?? [];
}
