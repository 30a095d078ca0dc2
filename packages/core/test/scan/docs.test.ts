import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ALL_RULES, FILE_RULES, buildReport, REPORT_SCHEMA, scanAddedLines } from '../../src/scan/index.js';

const doc = readFileSync(join(process.cwd(), 'docs', 'secret-scan.md'), 'utf8');

describe('docs/secret-scan.md stays in sync with the engine', () => {
  it('lists every rule', () => {
    expect(
      [...ALL_RULES, ...FILE_RULES].filter((r) => !new RegExp(`\\| \`${r.id}\`\\s*\\| ${r.category}\\s*\\| ${r.severity}\\s*\\|`).test(doc)).map((r) => r.id),
    ).toEqual([]);
  });

  it('prints the report schema the code builds reports against', () => {
    const block = /## Report schema[\s\S]*?```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(JSON.parse(block ?? '{}')).toEqual(JSON.parse(JSON.stringify(REPORT_SCHEMA)));
  });
});

describe('report schema', () => {
  it('validates a real report (with suppressions, a bypass and stale entries)', () => {
    const token = ['ghp', 'R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXY'].join('_');
    const findings = scanAddedLines(
      [
        {
          path: 'a.env',
          lines: [
            { line: 1, text: `T=${token}` },
            { line: 2, text: `db_password = "Tr0ub4dor&3xqZ" # closed-loop:allow fixture for the parser` },
          ],
        },
      ],
      { includeSuppressed: true },
    );
    const report = buildReport({
      findings,
      stale: [{ fingerprint: 'x:y:z', ruleId: 'x', file: 'y', reason: '', addedAt: '' }],
      failOn: 'high',
      source: { mode: 'pull_request', pullRequest: 3, range: 'a...b' },
      now: new Date(0),
      version: '1.0.0',
      filesScanned: 1,
      linesScanned: 2,
      bypass: { label: 'l', by: 'octocat', reason: 'because' },
    });
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(REPORT_SCHEMA);
    expect(validate(JSON.parse(JSON.stringify(report)))).toBe(true);
    expect(validate({ ...report, findings: [{ ruleId: 'x' }] })).toBe(false);
    expect(report.findings[1]?.preview).toBe('db_password = "[REDACTED]" # closed-loop:allow fixture for the parser');
  });
});
