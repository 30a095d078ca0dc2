import { ALL_RULES } from './rules/index.js';
import type { ScanReport } from './report.js';
import type { ScanSeverity } from './types.js';

const LEVEL: Record<ScanSeverity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const SCORE: Record<ScanSeverity, string> = { critical: '9.5', high: '8.0', medium: '5.0', low: '2.0' };

/** SARIF 2.1.0 for GitHub code scanning: one result per finding, fingerprint as partialFingerprints. */
export function toSarif(report: ScanReport, informationUri = 'https://github.com/closed-loop/closed-loop'): object {
  const used = new Set(report.findings.map((f) => f.ruleId));
  const rules = ALL_RULES.filter((r) => used.has(r.id)).map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_m, _d: string, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['security', r.category], 'security-severity': SCORE[r.severity] },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'closed-loop secret-scan', version: report.tool.version, informationUri, rules } },
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          level: LEVEL[f.severity],
          message: { text: `${f.description} (${f.severity}, ${f.confidence} confidence): ${f.preview}` },
          locations: [
            { physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: f.line, startColumn: f.column, endColumn: f.endColumn } } },
          ],
          partialFingerprints: { 'closedLoop/v1': f.fingerprint },
          ...(f.suppressed ? { suppressions: [{ kind: f.suppressed.kind === 'pragma' ? 'inSource' : 'external', justification: f.suppressed.reason }] } : {}),
        })),
      },
    ],
  };
}
