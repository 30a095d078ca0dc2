import { withDefaults, type ConfigSections } from '../config/defaults.js';
import validateScanSection from '../config/generated/validate-scan.js';
import type { ScanOptions } from './engine.js';

/** The `scan:` config section after defaults are filled in (the type generated from its schema). */
export type ScanConfig = ConfigSections['scan'];

/** The schema's defaults (the one place they are written), as the engine's settings. */
export const DEFAULT_SCAN_CONFIG: ScanConfig = withDefaults('scan', {});

export function scanConfigOf(section: unknown): ScanConfig {
  return withDefaults('scan', section ?? {});
}

export function scanOptionsOf(config: ScanConfig): ScanOptions {
  return {
    // The baseline records what was accepted; wherever it is configured to live, it is not scanned.
    exclude: [...config.exclude, config.baseline],
    include: config.include,
    fixtures: config.fixtures,
    disable: config.disable_rules,
    categories: config.categories,
    maxLineLength: config.max_line_length,
    weakMatches: config.weak_matches,
  };
}

/**
 * The `scan:` section checked against its schema without looking at the rest of the file (the pre-commit
 * hook needs only this section, fast). Undefined when anything is off: the caller then loads the file the
 * full way, which reports the error with its line and column.
 */
export function quickScanSection(document: unknown): ScanConfig | undefined {
  if (document === undefined || document === null) return scanConfigOf(undefined);
  if (typeof document !== 'object' || Array.isArray(document)) return undefined;
  const section = (document as { scan?: unknown }).scan;
  if (section === undefined || section === null) return scanConfigOf(undefined);
  // Checked by the scan section's own validator (generated from the same schema), which fills its
  // defaults as loadConfig's would: the whole file's validator is what costs the hook's start-up.
  const value = { scan: structuredClone(section) };
  return validateScanSection(value) ? scanConfigOf(value.scan) : undefined;
}
