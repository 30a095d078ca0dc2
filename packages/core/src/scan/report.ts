import type { BaselineEntry } from './baseline.js';
import type { Unlisted } from './engine.js';
import { atOrAbove, SCAN_SEVERITIES, type Finding, type ScanSeverity } from './types.js';

export const REPORT_SCHEMA_ID = 'urn:closed-loop:schema:secret-scan-report:1';

export interface Bypass {
  label: string;
  by: string;
  reason: string;
  commentUrl?: string;
  /** The head commit the bypass was granted for. */
  commit?: string;
  /** Fingerprints it covers; empty or absent: every finding at `commit`. */
  covers?: string[];
}

/** Whether a bypass lets this finding through: a listed fingerprint, or any when none is listed. */
export function bypassCovers(bypass: Bypass | undefined, fingerprint: string): boolean {
  if (!bypass) return false;
  return !bypass.covers?.length || bypass.covers.includes(fingerprint);
}

export interface ScanReport {
  $schema: string;
  version: 1;
  tool: { name: 'closed-loop'; version: string };
  generatedAt: string;
  source: {
    mode: 'staged' | 'range' | 'files' | 'pull_request' | 'push' | 'merge_group';
    range?: string;
    repository?: string;
    pullRequest?: number;
    commit?: string;
  };
  failOn: ScanSeverity;
  blocked: boolean;
  summary: { filesScanned: number; linesScanned: number; findings: number; blocking: number; suppressed: number; bySeverity: Record<ScanSeverity, number> };
  findings: (Finding & { blocking: boolean })[];
  /** Findings past the listing caps (per file, per run): counted (and blocking) but not listed. Absent when none. */
  unlisted?: { findings: number; blocking: number; files: Unlisted[] };
  staleBaseline: BaselineEntry[];
  bypass?: Bypass;
  skipped: { path: string; reason: string }[];
}

export interface ReportInput {
  findings: readonly Finding[];
  stale: readonly BaselineEntry[];
  failOn: ScanSeverity;
  source: ScanReport['source'];
  now: Date;
  version: string;
  filesScanned: number;
  linesScanned: number;
  skipped?: { path: string; reason: string }[];
  bypass?: Bypass;
  unlisted?: readonly Unlisted[];
}

/** The report: which findings block (at or above fail-on, not suppressed), unless a bypass was granted. */
export function buildReport(input: ReportInput): ScanReport {
  const findings = input.findings.map((f) => ({ ...f, blocking: !f.suppressed && atOrAbove(f.severity, input.failOn) }));
  const unlisted = input.unlisted ?? [];
  const unlistedBlocking = unlisted.reduce(
    (n, u) => n + Object.entries(u.bySeverity).reduce((m, [severity, count]) => m + (atOrAbove(severity as ScanSeverity, input.failOn) ? count : 0), 0),
    0,
  );
  const blocking = findings.filter((f) => f.blocking).length + unlistedBlocking;
  const bySeverity = Object.fromEntries(
    SCAN_SEVERITIES.map((s) => [
      s,
      findings.filter((f) => f.severity === s && !f.suppressed).length + unlisted.reduce((n, u) => n + (u.bySeverity[s] ?? 0), 0),
    ]),
  ) as Record<ScanSeverity, number>;
  const report: ScanReport = {
    $schema: REPORT_SCHEMA_ID,
    version: 1,
    tool: { name: 'closed-loop', version: input.version },
    generatedAt: input.now.toISOString(),
    source: input.source,
    failOn: input.failOn,
    blocked: findings.some((f) => f.blocking && !bypassCovers(input.bypass, f.fingerprint)),
    summary: {
      filesScanned: input.filesScanned,
      linesScanned: input.linesScanned,
      findings: findings.length + unlisted.reduce((n, u) => n + u.count, 0),
      blocking,
      suppressed: findings.filter((f) => f.suppressed).length,
      bySeverity,
    },
    findings,
    staleBaseline: [...input.stale],
    skipped: input.skipped ?? [],
  };
  if (input.bypass) report.bypass = input.bypass;
  if (unlisted.length) report.unlisted = { findings: unlisted.reduce((n, u) => n + u.count, 0), blocking: unlistedBlocking, files: [...unlisted] };
  return report;
}

/** `.security-scans/scan-20260102T030405Z.json` */
export function reportFileName(now: Date): string {
  return `scan-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}.json`;
}

const str = { type: 'string' } as const;
const int = { type: 'integer', minimum: 0 } as const;
const severity = { enum: [...SCAN_SEVERITIES] } as const;

/** JSON Schema of the report (draft 2020-12), also printed in docs/secret-scan.md. */
export const REPORT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: REPORT_SCHEMA_ID,
  title: 'closed-loop secret-scan report',
  type: 'object',
  required: ['$schema', 'version', 'tool', 'generatedAt', 'source', 'failOn', 'blocked', 'summary', 'findings', 'staleBaseline', 'skipped'],
  properties: {
    $schema: { const: REPORT_SCHEMA_ID },
    version: { const: 1 },
    tool: { type: 'object', required: ['name', 'version'], properties: { name: { const: 'closed-loop' }, version: str } },
    generatedAt: { type: 'string', format: 'date-time' },
    source: {
      type: 'object',
      required: ['mode'],
      properties: {
        mode: { enum: ['staged', 'range', 'files', 'pull_request', 'push', 'merge_group'] },
        range: str,
        repository: str,
        pullRequest: int,
        commit: str,
      },
    },
    failOn: severity,
    blocked: { type: 'boolean', description: 'true when a finding blocks and no bypass was granted' },
    summary: {
      type: 'object',
      required: ['filesScanned', 'linesScanned', 'findings', 'blocking', 'suppressed', 'bySeverity'],
      properties: {
        filesScanned: int,
        linesScanned: int,
        findings: int,
        blocking: int,
        suppressed: int,
        bySeverity: { type: 'object', additionalProperties: int },
      },
    },
    findings: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ruleId', 'category', 'severity', 'confidence', 'description', 'file', 'line', 'column', 'endColumn', 'preview', 'fingerprint', 'blocking'],
        properties: {
          ruleId: str,
          category: { enum: ['credential', 'phi'] },
          severity,
          confidence: { enum: ['high', 'medium', 'low'] },
          description: str,
          file: str,
          line: { type: 'integer', minimum: 1 },
          column: { type: 'integer', minimum: 1 },
          endColumn: { type: 'integer', minimum: 1 },
          preview: { type: 'string', description: 'the line around the finding, every detected secret masked' },
          fingerprint: { type: 'string', description: '<ruleId>:<file>:<hash of the secret>' },
          fixture: { type: 'boolean' },
          note: str,
          blocking: { type: 'boolean' },
          suppressed: { type: 'object', required: ['kind', 'reason'], properties: { kind: { enum: ['pragma', 'baseline', 'bypass'] }, reason: str, by: str } },
        },
      },
    },
    staleBaseline: {
      type: 'array',
      items: {
        type: 'object',
        required: ['fingerprint', 'ruleId', 'file'],
        properties: { fingerprint: str, ruleId: str, file: str, reason: str, addedAt: str },
      },
    },
    bypass: { type: 'object', required: ['label', 'by', 'reason'], properties: { label: str, by: str, reason: str, commentUrl: str } },
    unlisted: {
      type: 'object',
      description: 'Findings past the listing caps (per file, per run): counted (and blocking) but not listed.',
      required: ['findings', 'blocking', 'files'],
      properties: {
        findings: int,
        blocking: int,
        files: {
          type: 'array',
          items: {
            type: 'object',
            required: ['file', 'count', 'bySeverity'],
            properties: { file: str, count: int, bySeverity: { type: 'object', additionalProperties: int } },
          },
        },
      },
    },
    skipped: { type: 'array', items: { type: 'object', required: ['path', 'reason'], properties: { path: str, reason: str } } },
  },
} as const;
