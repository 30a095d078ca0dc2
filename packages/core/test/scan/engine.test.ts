import { describe, expect, it } from '@jest/globals';
import {
  applyBaseline,
  buildReport,
  decodeText,
  parseBaseline,
  parseUnifiedDiff,
  scanAddedLines,
  Scanner,
  serializeBaseline,
  textLines,
  toSarif,
  updatedBaseline,
  type Finding,
} from '../../src/scan/index.js';

// Planted values: built at runtime so this file's own text never holds them whole.
const TOKEN = ['ghp', 'R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXY'].join('_');
const PASSWORD = ['Tr0ub4dor', '3xqZ'].join('&');
const SSN = ['078', '05', '1123'].join('-');
const PLANTED = [TOKEN, PASSWORD, SSN];

const file = (path: string, ...lines: string[]) => ({ path, lines: lines.map((text, i) => ({ line: i + 1, text })) });
const expectNoPlanted = (text: string) => {
  for (const s of PLANTED) expect(text).not.toContain(s);
};

describe('scanAddedLines', () => {
  it('reports rule, category, severity, position, redacted preview and fingerprint', () => {
    const [f] = scanAddedLines([file('src/a.ts', 'const x = 1;', `const gh = "${TOKEN}";`)]) as [Finding];
    expect(f).toMatchObject({
      ruleId: 'github-token',
      category: 'credential',
      severity: 'critical',
      confidence: 'high',
      file: 'src/a.ts',
      line: 2,
      column: 13,
    });
    expect(f.preview).toContain('ghp_[REDACTED]');
    expect(f.fingerprint).toMatch(/^github-token:src\/a\.ts:[0-9a-f]{24}$/);
    expectNoPlanted(JSON.stringify(f));
  });

  it('fingerprint is rule + file + hash: stable across line moves, different per file', () => {
    const a = scanAddedLines([file('a.env', `TOKEN=${TOKEN}`)])[0] as Finding;
    const moved = scanAddedLines([file('a.env', '', '', `TOKEN=${TOKEN}`)])[0] as Finding;
    const other = scanAddedLines([file('b.env', `TOKEN=${TOKEN}`)])[0] as Finding;
    expect(moved.fingerprint).toBe(a.fingerprint);
    expect(other.fingerprint).not.toBe(a.fingerprint);
  });

  it('pragma with a reason suppresses (visible with includeSuppressed); without a reason it is ignored, with a note', () => {
    const lines = file(
      'cfg.yml',
      `password: "${PASSWORD}" # closed-loop:allow test-only credential for the local container`,
      `password2: "${PASSWORD}" # closed-loop:allow`,
    );
    const visible = scanAddedLines([lines]);
    expect(visible.map((f) => f.line)).toEqual([2]);
    expect(visible[0]?.note).toMatch(/needs a reason/);
    const all = scanAddedLines([lines], { includeSuppressed: true });
    expect(all[0]?.suppressed).toEqual({ kind: 'pragma', reason: 'test-only credential for the local container' });
  });

  it('skips vendored, lock and binary-extension paths by default; include and defaultExcludes override', () => {
    const line = `token = "${TOKEN}"`;
    for (const path of ['node_modules/x/index.js', 'vendor/a.go', 'package-lock.json', 'web/app.min.js', 'img/logo.png'])
      expect(scanAddedLines([file(path, line)])).toEqual([]);
    expect(scanAddedLines([file('vendor/a.go', line)], { include: ['vendor/**'] })).toHaveLength(1);
    expect(scanAddedLines([file('yarn.lock', line)], { defaultExcludes: false })).toHaveLength(1);
    expect(scanAddedLines([file('src/a.go', line)], { exclude: ['src/**'] })).toEqual([]);
  });

  it('lowers uncertain findings in test fixtures, keeps certain ones', () => {
    const [generic, github] = scanAddedLines([file('test/fixtures/cfg.ini', `db_password = ${PASSWORD}`, `t = ${TOKEN}`)]) as [Finding, Finding];
    expect(generic).toMatchObject({ severity: 'low', fixture: true });
    expect(github).toMatchObject({ severity: 'critical', fixture: true });
  });

  it('CRLF line endings: same findings and columns as LF', () => {
    const lf = scanAddedLines([{ path: 'a.txt', lines: textLines(`x\nssn: ${SSN}\n`) }]);
    const crlf = scanAddedLines([{ path: 'a.txt', lines: textLines(`x\r\nssn: ${SSN}\r\n`) }]);
    expect(crlf).toEqual(lf);
    expect(crlf[0]).toMatchObject({ ruleId: 'phi-us-ssn', line: 2, column: 6 });
    expect(crlf[0]?.preview).toBe('ssn: [REDACTED]');
  });

  it('non-UTF-8 bytes around a secret do not hide it; binary content is refused', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from(`key: caf\xe9 `, 'latin1'), Buffer.from(`token=${TOKEN}\n`)]);
    const text = decodeText(bytes) as string;
    expect(scanAddedLines([{ path: 'latin1.txt', lines: textLines(text) }]).map((f) => f.ruleId)).toEqual(['github-token']);
    expect(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBeUndefined();
  });

  it('huge lines (minified, 5 MB) are scanned in windows: a secret anywhere is found once, quickly', () => {
    const filler = 'var a=1;'.repeat(650_000);
    const text = `${filler}var t="${TOKEN}";${filler}`;
    const started = Date.now();
    const findings = scanAddedLines([file('dist/bundle.js', text)]);
    expect(findings.map((f) => [f.ruleId, f.column])).toEqual([['github-token', filler.length + 8]]);
    expect(findings[0]?.preview.length).toBeLessThan(200);
    expect(Date.now() - started).toBeLessThan(15000); // catastrophic backtracking would take minutes
  });

  it('adversarial lines (keyword floods, long identifier runs) finish: no catastrophic backtracking', () => {
    const lines = [
      'key'.repeat(2700),
      `${'a_token_'.repeat(1000)}=`,
      `password=${'x'.repeat(8000)}`,
      '1'.repeat(8000),
      '-----BEGIN '.repeat(700),
      `${'eyJ'.repeat(2500)}.eyJ`,
    ];
    const started = Date.now();
    expect(scanAddedLines([file('evil.txt', ...lines)])).toEqual([]);
    expect(Date.now() - started).toBeLessThan(15000);
  });

  it('a 5,000-file commit is scanned completely', () => {
    const files = Array.from({ length: 5000 }, (_, i) =>
      file(`pkg/m${i}/index.ts`, `export const n${i} = ${i};`, i % 1000 === 7 ? `const t = "${TOKEN}";` : '// nothing'),
    );
    const findings = scanAddedLines(files);
    expect(findings.map((f) => f.file)).toEqual(['pkg/m7/index.ts', 'pkg/m1007/index.ts', 'pkg/m2007/index.ts', 'pkg/m3007/index.ts', 'pkg/m4007/index.ts']);
  });

  it('bare checksum-valid numbers without context are weak: reported (low) in data files by default, in code only when asked', () => {
    const weak = [
      ['phi-npi', 'low', 'low'],
      ['phi-us-ssn', 'low', 'low'],
    ];
    const inData = [file('export/ids.csv', 'id 1245319599', 'ref 078051121')];
    const inCode = [file('src/ids.ts', 'id 1245319599', 'ref 078051121')];
    expect(scanAddedLines(inData).map((f) => [f.ruleId, f.severity, f.confidence])).toEqual(weak);
    expect(scanAddedLines(inCode)).toEqual([]);
    expect(scanAddedLines(inData, { weakMatches: false })).toEqual([]);
    expect(scanAddedLines(inCode, { weakMatches: true }).map((f) => [f.ruleId, f.severity, f.confidence])).toEqual(weak);
    // With its label, the same number is a real finding, and the weak duplicate does not hide it.
    expect(scanAddedLines([file('p.txt', 'SSN: 078051121')], { weakMatches: true }).map((f) => [f.ruleId, f.severity])).toEqual([
      ['phi-us-ssn-context', 'high'],
    ]);
  });

  it('the most specific rule wins where matches overlap', () => {
    expect(scanAddedLines([file('a.env', `GITHUB_TOKEN=${TOKEN}`)]).map((f) => f.ruleId)).toEqual(['github-token']);
  });

  it('multi-line values: an XML element whose text is the secret', () => {
    const findings = scanAddedLines([file('app.config', '<apiToken>', '    q8Lk2mZx9VbN4tRw7YpE3sHd', '</apiToken>')]);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['generic-secret-element', 2]]);
  });
});

describe('diff parsing', () => {
  const diff = [
    'diff --git a/app.js b/app.js',
    'index 1111111..2222222 100644',
    '--- a/app.js',
    '+++ b/app.js',
    '@@ -1,2 +1,3 @@',
    ' const a = 1;',
    `-const old = "${TOKEN}";`,
    `+const gh = "${TOKEN}";`,
    '+const b = 2;',
    '@@ -10,0 +11 @@',
    `+password = "${PASSWORD}"`,
    'diff --git "a/caf\\303\\251 \\"x\\".txt" "b/caf\\303\\251 \\"x\\".txt"',
    'new file mode 100644',
    '--- /dev/null',
    '+++ "b/caf\\303\\251 \\"x\\".txt"',
    '@@ -0,0 +1 @@',
    '+hello',
    'diff --git a/logo.png b/logo.png',
    'Binary files /dev/null and b/logo.png differ',
    'diff --git a/gone.txt b/gone.txt',
    'deleted file mode 100644',
    '--- a/gone.txt',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    `-token = "${TOKEN}"`,
    '',
  ].join('\n');

  it('keeps added lines with new-file numbers, unquotes paths, marks binary and deleted files', () => {
    const files = parseUnifiedDiff(diff);
    expect(files.map((f) => [f.path, f.binary, f.deleted, f.lines.map((l) => l.line)])).toEqual([
      ['app.js', false, false, [2, 3, 11]],
      ['café "x".txt', false, false, [1]],
      ['logo.png', true, false, []],
      ['gone.txt', false, true, []],
    ]);
  });

  it('a removed secret is not reported; added ones are', () => {
    const findings = scanAddedLines(parseUnifiedDiff(diff));
    expect(findings.map((f) => [f.file, f.line, f.ruleId])).toEqual([
      ['app.js', 2, 'github-token'],
      ['app.js', 11, 'generic-secret-assignment'],
    ]);
  });

  it('exact paths from the NUL-separated list replace header paths when they line up', () => {
    const files = parseUnifiedDiff(diff, ['app.js', 'new\nline.txt', 'logo.png', 'gone.txt']);
    expect(files[1]?.path).toBe('new\nline.txt');
  });
});

describe('baseline', () => {
  const finding = (file: string, secret: string) => scanAddedLines([{ path: file, lines: [{ line: 1, text: `token=${secret}` }] }])[0] as Finding;

  it('suppresses accepted fingerprints, reports stale entries for whole-scanned or missing files, and round-trips', () => {
    const current = finding('a.env', TOKEN);
    const gone = {
      fingerprint: 'github-token:b.env:000000000000000000000000',
      ruleId: 'github-token',
      file: 'b.env',
      reason: 'old',
      addedAt: '2026-01-01T00:00:00.000Z',
    };
    const baseline = parseBaseline(
      serializeBaseline({
        version: 1,
        entries: [{ fingerprint: current.fingerprint, ruleId: current.ruleId, file: 'a.env', reason: 'rotated, kept for history', addedAt: '' }, gone],
      }),
    );
    const judged = applyBaseline([current], baseline, { fullyScanned: new Set(['b.env']) });
    expect(judged.findings[0]?.suppressed).toEqual({ kind: 'baseline', reason: 'rotated, kept for history' });
    expect(judged.stale).toEqual([gone]);
    // In a diff scan nothing about b.env is known: not stale.
    expect(applyBaseline([current], baseline, { fullyScanned: new Set() }).stale).toEqual([]);
    expect(applyBaseline([current], baseline, { fullyScanned: new Set(), missing: new Set(['b.env']) }).stale).toEqual([gone]);
    const next = updatedBaseline(baseline, [finding('c.env', TOKEN)], judged.stale, new Date('2026-02-01T00:00:00Z'));
    expect(next.entries.map((e) => e.file).sort()).toEqual(['a.env', 'c.env']);
    expectNoPlanted(serializeBaseline(next));
  });

  it('rejects a malformed baseline with one actionable line', () => {
    expect(() => parseBaseline('{')).toThrow(/secrets-baseline\.json: not valid JSON.*--update-baseline/);
    expect(() => parseBaseline('{"version":1,"entries":[{"file":1}]}')).toThrow(/entry 0 needs/);
  });
});

describe('report and SARIF', () => {
  const findings = new Scanner({ includeSuppressed: true }).scan([
    file('src/a.ts', `const gh = "${TOKEN}";`, `const dbPassword = "${PASSWORD}"; // closed-loop:allow fake password in a unit test`, `ssn: ${SSN}`),
  ]);
  const report = buildReport({
    findings,
    stale: [],
    failOn: 'high',
    source: { mode: 'staged' },
    now: new Date('2026-03-04T05:06:07.890Z'),
    version: '1.2.3',
    filesScanned: 1,
    linesScanned: 3,
  });

  it('blocks at or above fail-on unless suppressed; a bypass unblocks but stays recorded', () => {
    expect(report.findings.map((f) => [f.ruleId, f.blocking])).toEqual([
      ['github-token', true],
      ['generic-secret-assignment', false],
      ['phi-us-ssn', true],
    ]);
    expect(report.blocked).toBe(true);
    expect(report.summary).toMatchObject({ findings: 3, blocking: 2, suppressed: 1 });
    const bypassed = buildReport({
      findings,
      stale: [],
      failOn: 'high',
      source: { mode: 'pull_request' },
      now: new Date(),
      version: '1',
      filesScanned: 1,
      linesScanned: 3,
      bypass: { label: 'secret-scan-bypass', by: 'octocat', reason: 'test data' },
    });
    expect(bypassed).toMatchObject({ blocked: false, bypass: { by: 'octocat' } });
    expect(
      buildReport({ findings, stale: [], failOn: 'critical', source: { mode: 'staged' }, now: new Date(), version: '1', filesScanned: 1, linesScanned: 3 })
        .summary.blocking,
    ).toBe(1);
  });

  it('SARIF 2.1.0 with rules, locations, fingerprints and in-source suppressions; nothing secret in either', () => {
    const sarif = toSarif(report) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; suppressions?: unknown[]; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id).sort()).toEqual(['generic-secret-assignment', 'github-token', 'phi-us-ssn']);
    expect(run.results.map((r) => r.locations[0]?.physicalLocation.region.startLine)).toEqual([1, 2, 3]);
    expect(run.results[1]?.suppressions).toEqual([{ kind: 'inSource', justification: 'fake password in a unit test' }]);
    expectNoPlanted(JSON.stringify(sarif));
    expectNoPlanted(JSON.stringify(report));
  });
});
