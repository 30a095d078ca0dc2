import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ScanRepo } from '../../core/test/scan/repo.js';
import { cli } from './io.js';

const TOKEN = ['ghp', 'R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXY'].join('_');
const SSN = ['078', '05', '1123'].join('-');
const repos: ScanRepo[] = [];
function repo(): ScanRepo {
  const r = new ScanRepo();
  repos.push(r);
  r.write('README.md', 'hello\n').commit('init');
  return r;
}
afterAll(() => repos.forEach((r) => r.remove()));

const noSecret = (...texts: string[]) => {
  for (const t of texts) {
    expect(t).not.toContain(TOKEN);
    expect(t).not.toContain(SSN);
  }
};

describe('closed-loop scan', () => {
  it('--staged blocks a critical finding (exit 1) and never prints the secret', async () => {
    const r = repo().write('src/app.js', `const a = 1;\nconst gh = "${TOKEN}";\n`);
    r.git('add', '-A');
    const out = await cli(['scan', '--staged'], { cwd: r.dir });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('src/app.js:2:13: critical github-token: const gh = "ghp_[REDACTED]"; [BLOCKING]');
    expect(out.stdout).toMatch(/Blocked\./);
    noSecret(out.stdout, out.stderr);
  });

  it('--staged from a subfolder, with diff.relative set, reports root-relative paths and reads the root config', async () => {
    const r = repo()
      .write('.github/closed-loop.yml', 'scan:\n  fail_on: critical\n')
      .write('src/deep/app.js', `const gh = "${TOKEN}";\n`)
      .write('lib/other.js', `const gh2 = "${TOKEN}";\n`);
    r.git('config', 'diff.relative', 'true');
    r.git('add', '-A');
    const out = await cli(['scan', '--staged'], { cwd: join(r.dir, 'src') });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('src/deep/app.js:1:');
    expect(out.stdout).toContain('lib/other.js:1:');
    expect(out.stdout).toContain('at or above critical');
  });

  it('staged is the default; a pragma with a reason lets it through, visibly', async () => {
    const r = repo().write('cfg.env', `GH=${TOKEN} # closed-loop:allow revoked token kept for the parser test\n`);
    r.git('add', '-A');
    const out = await cli(['scan'], { cwd: r.dir });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('[allowed: pragma: revoked token kept for the parser test]');
  });

  it('--json prints the report; --sarif writes SARIF; --report writes a timestamped file; --fail-on changes blocking', async () => {
    const r = repo().write('patients.csv', `name,ssn\nJo,${SSN}\n`);
    r.git('add', '-A');
    const json = await cli(['scan', '--staged', '--json', '--sarif', 'out.sarif', '--report'], { cwd: r.dir });
    const report = JSON.parse(json.stdout) as { blocked: boolean; findings: { ruleId: string; severity: string }[]; source: { mode: string } };
    expect(report).toMatchObject({ blocked: true, source: { mode: 'staged' }, findings: [{ ruleId: 'phi-us-ssn', severity: 'high' }] });
    const sarif = readFileSync(join(r.dir, 'out.sarif'), 'utf8');
    expect(JSON.parse(sarif)).toMatchObject({ version: '2.1.0' });
    const reports = readdirSync(join(r.dir, '.security-scans'));
    expect(reports).toEqual([expect.stringMatching(/^scan-\d{8}T\d{6}Z\.json$/)]);
    noSecret(json.stdout, sarif, readFileSync(join(r.dir, '.security-scans', reports[0] as string), 'utf8'));
    expect((await cli(['scan', '--staged', '--fail-on', 'critical'], { cwd: r.dir })).code).toBe(0);
  });

  it('the scan: config section sets fail_on and exclusions', async () => {
    const r = repo()
      .write('.github/closed-loop.yml', 'scan:\n  fail_on: critical\n  exclude: ["docs/**"]\n')
      .write('a.txt', `ssn ${SSN}\n`)
      .write('docs/x.md', `t=${TOKEN}\n`);
    r.git('add', '-A');
    const out = await cli(['scan', '--json'], { cwd: r.dir });
    const report = JSON.parse(out.stdout) as { failOn: string; findings: unknown[]; skipped: { path: string }[] };
    expect(out.code).toBe(0);
    expect(report.failOn).toBe('critical');
    expect(report.findings).toHaveLength(1);
    expect(report.skipped).toEqual([{ path: 'docs/x.md', reason: 'excluded' }]);
  });

  it('a bad scan: section is reported with file, line and key', async () => {
    const r = repo().write('.github/closed-loop.yml', 'scan:\n  fail_on: urgent\n');
    const out = await cli(['scan'], { cwd: r.dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^closed-loop: \.github\/closed-loop\.yml:2:\d+: scan\.fail_on/);
  });

  it('--update-baseline accepts current findings; the secret gone, the entry is reported stale', async () => {
    const r = repo().write('keys.env', `T=${TOKEN}\n`);
    r.commit('leak');
    const update = await cli(['scan', '--update-baseline'], { cwd: r.dir });
    expect(update.stdout).toMatch(/now has 1 entry/);
    const baselineText = readFileSync(join(r.dir, '.closed-loop/secrets-baseline.json'), 'utf8');
    noSecret(baselineText);
    expect((await cli(['scan', '--files', 'keys.env'], { cwd: r.dir })).code).toBe(0);
    r.write('keys.env', 'T=\n');
    const stale = await cli(['scan', '--files', 'keys.env'], { cwd: r.dir });
    expect(stale.stdout).toMatch(/keys\.env: stale baseline entry github-token:keys\.env:[0-9a-f]+ \(the secret is gone/);
    unlinkSync(join(r.dir, 'keys.env'));
    expect((await cli(['scan', '--staged'], { cwd: r.dir })).stdout).toMatch(/1 stale baseline entry/);
  });

  it('--files skips binaries and reads whole files; --range scans what a range added', async () => {
    const r = repo();
    const base = r.git('rev-parse', 'HEAD').trim();
    r.write('img.dat', Buffer.from([0, 1, 2])).write('c.py', `API_TOKEN = "${TOKEN}"\n`);
    r.commit('add');
    const files = await cli(['scan', '--files', 'img.dat', 'c.py', '--json'], { cwd: r.dir });
    const report = JSON.parse(files.stdout) as { skipped: unknown[]; findings: { file: string }[] };
    expect(report.skipped).toEqual([{ path: 'img.dat', reason: 'binary' }]);
    expect(report.findings.map((f) => f.file)).toEqual(['c.py']);
    expect((await cli(['scan', '--range', `${base}..HEAD`], { cwd: r.dir })).code).toBe(1);
    expect((await cli(['scan', '--range', 'HEAD..HEAD'], { cwd: r.dir })).code).toBe(0);
  });

  it('a dump with more findings than a run lists: the first ones, then one "N more" line per file, and all of them block', async () => {
    const r = repo();
    // 150 tokens in each of 8 files: 1,200 findings, past the run's 1,000.
    for (let f = 0; f < 8; f++)
      r.write(`dump${f}.txt`, Array.from({ length: 150 }, (_, i) => `t=${TOKEN.slice(0, -4)}${String(1000 + f * 150 + i)}`).join('\n'));
    const out = await cli(['scan', '--files', ...Array.from({ length: 8 }, (_, f) => `dump${f}.txt`)], { cwd: r.dir });
    expect(out.code).toBe(1);
    expect(out.stdout.match(/\[BLOCKING\]$/gm)).toHaveLength(1000);
    expect(out.stdout).toContain('dump6.txt: 50 more finding(s) not listed (each file lists its first 200, a run its first 1000)');
    expect(out.stdout).toContain('dump7.txt: 150 more finding(s) not listed');
    expect(out.stdout).toContain('closed-loop scan: 1200 finding(s) in 8 file(s), 1200 at or above high');
    noSecret(out.stdout, out.stderr);
  });

  it('usage errors exit 2 with one line', async () => {
    const r = repo();
    const bad = await cli(['scan', '--fail-on', 'urgent'], { cwd: r.dir });
    expect(bad).toMatchObject({ code: 2, stderr: 'closed-loop: --fail-on must be one of critical, high, medium, low; got "urgent".\n' });
    expect((await cli(['scan', '--staged', '--range', 'a..b'], { cwd: r.dir })).code).toBe(2);
    const badRange = await cli(['scan', '--range', 'nope..HEAD'], { cwd: r.dir });
    expect(badRange.code).toBe(2);
    expect(badRange.stderr).toMatch(/^closed-loop: --range nope\.\.HEAD: git diff failed/);
    expect((await cli(['scan', '--staged'])).stderr).toMatch(/is not in a git repository; scan files with --files/);
    expect(existsSync(join(r.dir, '.security-scans'))).toBe(false);
  });
});
