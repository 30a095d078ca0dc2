import { bypassCovers, escapeInline, inlineCode, raw, table, type ScanReport } from '@closed-loop/core';

const ICON: Record<string, string> = { critical: '🛑', high: '🔴', medium: '🟠', low: '⚪' };

function status(f: ScanReport['findings'][number], report: ScanReport): string {
  if (f.suppressed) return `allowed (${f.suppressed.kind}: ${escapeInline(f.suppressed.reason)})`;
  if (f.blocking) return bypassCovers(report.bypass, f.fingerprint) ? 'bypassed' : '**blocking**';
  return 'reported';
}

/** Job summary: verdict, bypass (who and why), a table of findings (previews are already redacted), stale baseline entries. */
export function renderSummary(report: ScanReport, notes: readonly string[] = [], bypassHelp = ''): string {
  const { summary } = report;
  const verdict = report.blocked
    ? `🛑 **Blocked**: ${summary.blocking} finding(s) at or above \`${report.failOn}\`. Remove the value (and rotate a credential), or allow a false positive with \`closed-loop:allow <reason>\` on the line or the baseline.`
    : report.bypass
      ? `⚠️ **Bypassed**: ${summary.blocking} blocking finding(s) let through by @${escapeInline(report.bypass.by)} with label \`${escapeInline(report.bypass.label)}\`.`
      : summary.findings - summary.suppressed > 0
        ? `✅ Nothing at or above \`${report.failOn}\`; ${summary.findings - summary.suppressed} lower finding(s) reported.`
        : '✅ No credentials or PHI in the added lines.';
  const parts = [`## Secret scan`, verdict, ...notes.map((n) => `> ⚠️ ${n}`)];
  if (report.bypass)
    parts.push(`> Justification (${escapeInline(report.bypass.by)}, [comment](${report.bypass.commentUrl ?? ''})): ${escapeInline(report.bypass.reason)}`);
  if (bypassHelp) parts.push(bypassHelp);
  if (report.findings.length) {
    parts.push(
      table(
        ['', 'Severity', 'Rule', 'Location', 'Status', 'Preview'],
        report.findings.map((f) => [
          ICON[f.severity] ?? '',
          f.severity,
          raw(inlineCode(f.ruleId)),
          `${f.file}:${f.line}`,
          raw(status(f, report)),
          raw(inlineCode(f.preview)),
        ]),
      ),
    );
  }
  if (report.staleBaseline.length) {
    parts.push(
      `**Stale baseline entries** (the secret is gone; run \`closed-loop scan --update-baseline\`):\n${report.staleBaseline.map((e) => `- ${escapeInline(e.file)}: ${inlineCode(e.fingerprint)}`).join('\n')}`,
    );
  }
  parts.push(
    `<sub>${summary.filesScanned} file(s), ${summary.linesScanned} added line(s) scanned; ${report.skipped.length} skipped (binary, vendored, lock or excluded).</sub>`,
  );
  return `${parts.join('\n\n')}\n`;
}
