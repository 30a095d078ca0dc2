import type { JSONSchema } from '../json-schema.js';

const globs = (description: string, fallback: string[] = []): JSONSchema => ({
  type: 'array',
  description,
  items: { type: 'string', minLength: 1 },
  default: fallback,
});

/** `scan:` in .github/closed-loop.yml: the secret/PHI scan (CLI, pre-commit hook and secret-scan action). */
export const scanSchema: JSONSchema = {
  type: 'object',
  description: 'Settings for the secret and PHI scan (closed-loop scan, the pre-commit hook and the secret-scan action).',
  additionalProperties: false,
  properties: {
    fail_on: {
      type: 'string',
      enum: ['critical', 'high', 'medium', 'low'],
      description: 'Lowest severity that blocks (non-zero exit, failing check).',
      default: 'high',
    },
    baseline: {
      type: 'string',
      description: 'Baseline file of accepted fingerprints, relative to the repository root.',
      default: '.closed-loop/secrets-baseline.json',
    },
    report_dir: { type: 'string', description: 'Folder for the timestamped JSON reports (scan-<UTC timestamp>.json).', default: '.security-scans' },
    exclude: globs('Extra paths never scanned (globs; `**` crosses folders). Vendored code, lock files and binaries are skipped already.'),
    include: globs('Paths scanned even when a default exclusion (vendored, lock, binary extension) matches them.'),
    fixtures: globs('Test-fixture paths: findings there are lowered to low severity unless the rule is certain.', [
      '**/fixtures/**',
      '**/__fixtures__/**',
      '**/testdata/**',
      '**/test-data/**',
    ]),
    disable_rules: globs('Rule ids to turn off (see docs/secret-scan.md for the list).'),
    categories: {
      type: 'array',
      description: 'Which rule families run.',
      items: { type: 'string', enum: ['credential', 'phi'] },
      default: ['credential', 'phi'],
    },
    bypass_label: {
      type: 'string',
      description: 'PR label that, with a justification comment by a user with write access, lets findings through.',
      minLength: 1,
      default: 'secret-scan-bypass',
    },
    bypass_keyword: {
      type: 'string',
      description: 'The justification comment starts with this word, followed by the reason.',
      minLength: 1,
      default: '/secret-scan-bypass',
    },
    create_issues: { type: 'boolean', description: 'Open (or update) one issue per blocking fingerprint.', default: false },
    weak_matches: {
      description:
        'Checksum-valid numbers with no context at all (a bare 9-digit SSN layout, a bare 10-digit NPI), reported as low severity: true (everywhere), false (never), or "data-files" (csv, json, txt, xml, hl7, log, sql, md …: where exported records leak; in source code such numbers are usually timestamps or constants).',
      oneOf: [{ type: 'boolean' }, { const: 'data-files' }],
      default: 'data-files',
    },
    max_line_length: {
      type: 'integer',
      description: 'Longer lines (minified code) are scanned in overlapping windows of this size.',
      minimum: 256,
      maximum: 1048576,
      default: 8192,
    },
  },
};
