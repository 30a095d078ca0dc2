import type { ScanOptions } from './engine.js';
import type { ScanCategory, ScanSeverity } from './types.js';

/** The `scan:` config section after defaults are filled in. */
export interface ScanConfig {
  fail_on: ScanSeverity;
  baseline: string;
  report_dir: string;
  exclude: string[];
  include: string[];
  fixtures: string[];
  disable_rules: string[];
  categories: ScanCategory[];
  bypass_label: string;
  bypass_keyword: string;
  create_issues: boolean;
  max_line_length: number;
  weak_matches: boolean;
}

export const DEFAULT_SCAN_CONFIG: ScanConfig = {
  fail_on: 'high',
  baseline: '.closed-loop/secrets-baseline.json',
  report_dir: '.security-scans',
  exclude: [],
  include: [],
  fixtures: ['**/fixtures/**', '**/__fixtures__/**', '**/testdata/**', '**/test-data/**'],
  disable_rules: [],
  categories: ['credential', 'phi'],
  bypass_label: 'secret-scan-bypass',
  bypass_keyword: '/secret-scan-bypass',
  create_issues: false,
  max_line_length: 8192,
  weak_matches: false,
};

export function scanConfigOf(section: unknown): ScanConfig {
  return { ...DEFAULT_SCAN_CONFIG, ...(section as Partial<ScanConfig> | undefined) };
}

export function scanOptionsOf(config: ScanConfig): ScanOptions {
  return {
    exclude: config.exclude,
    include: config.include,
    fixtures: config.fixtures,
    disable: config.disable_rules,
    categories: config.categories,
    maxLineLength: config.max_line_length,
    weakMatches: config.weak_matches,
  };
}
