import { withDefaults } from '../config/defaults.js';
import type { BenchSettings } from './bench/compare.js';
import type { CommitSettings } from './commits.js';
import type { CoverageSettings } from './coverage/evaluate.js';

/** The engines' (camelCase) settings; the raw `quality_gate:` section's type is generated from its schema. */
export interface QualityGateSettings {
  coverage: CoverageSettings;
  bench: BenchSettings & { artifact: string };
  commits: CommitSettings;
}

/** The `quality_gate:` section (already validated by loadConfig) with defaults filled in, as the engines' settings. */
export function qualityGateSettingsOf(section: unknown): QualityGateSettings {
  const { coverage: cov, bench, commits: c } = withDefaults('quality_gate', section ?? {});
  return {
    coverage: { minPatch: cov.min_patch, minTotal: cov.min_total, maxDrop: cov.max_drop },
    bench: { tolerance: bench.tolerance, confidence: bench.confidence, resamples: 2000, artifact: bench.artifact },
    commits: {
      types: c.types,
      scopes: c.scopes,
      requireScope: c.require_scope,
      maxHeaderLength: c.max_header_length,
      mergeCommits: c.merge_commits,
      fixupCommits: c.fixup_commits,
      checkTitle: c.check_title,
    },
  };
}
