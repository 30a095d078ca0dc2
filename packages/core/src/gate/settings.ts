import { withDefaults } from '../config/defaults.js';
import { qualityGateSchema } from '../config/sections/quality-gate.js';
import type { BenchSettings } from './bench/compare.js';
import type { CommitSettings } from './commits.js';
import type { CoverageSettings } from './coverage/evaluate.js';

export interface QualityGateSettings {
  coverage: CoverageSettings;
  bench: BenchSettings & { artifact: string };
  commits: CommitSettings;
}

/** The `quality_gate:` section (already validated by loadConfig) with defaults filled in, as the engines' settings. */
export function qualityGateSettingsOf(section: unknown): QualityGateSettings {
  const given = withDefaults<Record<string, Record<string, unknown>>>(qualityGateSchema, section ?? {});
  const cov = given.coverage as Record<string, number>;
  const bench = given.bench as Record<string, number | string>;
  const c = given.commits as Record<string, unknown>;
  return {
    coverage: { minPatch: cov.min_patch as number, minTotal: cov.min_total as number, maxDrop: cov.max_drop as number },
    bench: { tolerance: bench.tolerance as number, confidence: bench.confidence as number, resamples: 2000, artifact: bench.artifact as string },
    commits: {
      types: c.types as string[],
      scopes: c.scopes as string[],
      requireScope: c.require_scope as boolean,
      maxHeaderLength: c.max_header_length as number,
      mergeCommits: c.merge_commits as 'skip' | 'check',
      fixupCommits: c.fixup_commits as 'fail' | 'skip',
      checkTitle: c.check_title as boolean,
    },
  };
}
