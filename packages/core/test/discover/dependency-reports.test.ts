import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareVersions, mergeVulnerabilities, parseDependencyReport, splitJsonStream } from '../../src/discover/dependency-reports.js';
import { cvss3BaseScore, severityOfScore } from '../../src/discover/cvss.js';
import { dependencyCandidates } from '../../src/discover/dependencies.js';
import { ConfigurationError } from '../../src/errors.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(join(here, 'deps', name), 'utf8');
const ROOT = '/home/runner/work/app/app';

describe('OSV-Scanner JSON from a Go and a Python project', () => {
  const report = parseDependencyReport(fixture('osv-scanner.json'), 'osv.json', ROOT);

  it('yields one vulnerable package each, with severity, fixed version and lockfile', () => {
    expect(report.tool).toBe('osv-scanner');
    expect(report.vulnerabilities.map((v) => [v.ecosystem, v.name, v.version, v.severity, v.fixedIn, v.fix, v.manifest, v.advisories.length])).toEqual([
      ['Go', 'github.com/gogo/protobuf', '1.3.1', 'high', '1.3.2', 'available', 'go.mod', 2],
      // Two advisories: the version that fixes both is the higher one.
      ['Go', 'golang.org/x/net', '0.7.0', 'high', '0.17.0', 'available', 'go.mod', 2],
      ['PyPI', 'Jinja2', '2.10', 'high', '3.1.3', 'major', 'requirements.txt', 2],
      ['PyPI', 'requests', '2.19.0', 'critical', '2.20.0', 'available', 'requirements.txt', 1],
    ]);
  });

  it('becomes dependency items that say what to upgrade to and why', () => {
    const items = dependencyCandidates(mergeVulnerabilities([report.vulnerabilities]), []);
    expect(items).toHaveLength(4);
    const jinja = items.find((i) => i.text === 'PyPI:Jinja2');
    expect(jinja).toMatchObject({ kind: 'dependency', rule: 'vulnerable', path: 'requirements.txt', inputs: { security: 'high' } });
    expect(jinja?.title).toBe('Vulnerable dependency Jinja2 2.10 (PyPI): high, fixed in 3.1.3 — Jinja2 sandbox escape via string formatting');
    expect(jinja?.rationale).toMatch(/upgrading to 3\.1\.3 fixes all of them \(the fix is a major upgrade\); reported by osv-scanner/);
    expect(jinja?.url).toBe('https://osv.dev/GHSA-462w-v97r-4m45');
  });
});

describe('each ecosystem’s own tool', () => {
  it('pip-audit: fix versions, no severity (said so), skipped packages ignored', () => {
    const r = parseDependencyReport(fixture('pip-audit.json'), 'pip.json');
    expect(r.tool).toBe('pip-audit');
    expect(r.vulnerabilities.map((v) => [v.name, v.fixedIn, v.severity, v.unrated])).toEqual([
      ['jinja2', '3.1.3', 'moderate', true],
      ['flask', '1.0', 'moderate', true],
    ]);
    // The legacy format (a bare array, before pip-audit 2.0) reads the same.
    const legacy = JSON.stringify((JSON.parse(fixture('pip-audit.json')) as { dependencies: unknown[] }).dependencies);
    expect(parseDependencyReport(legacy, 'p').vulnerabilities).toHaveLength(2);
  });

  it('cargo audit: the patched requirement above the installed version, severity from the CVSS vector', () => {
    const r = parseDependencyReport(fixture('cargo-audit.json'), 'cargo.json');
    expect(r.vulnerabilities).toEqual([
      expect.objectContaining({ name: 'smallvec', ecosystem: 'crates.io', version: '1.6.0', fixedIn: '1.6.1', severity: 'critical', fix: 'available' }),
    ]);
  });

  it('govulncheck -json: a stream of messages, one item per module, called beats required', () => {
    const r = parseDependencyReport(fixture('govulncheck-json.txt'), 'gvc.json');
    expect(r.tool).toBe('govulncheck');
    expect(r.vulnerabilities.map((v) => [v.name, v.version, v.fixedIn, v.reachable, v.severity, v.advisories.map((a) => a.id)])).toEqual([
      ['golang.org/x/net', 'v0.7.0', 'v0.23.0', true, 'moderate', ['GO-2023-2102', 'GO-2024-2687']],
      ['github.com/aws/aws-sdk-go', 'v1.44.0', undefined, false, 'low', ['GO-2022-0646']],
    ]);
    expect(r.vulnerabilities[1]?.fix).toBe('none');
  });

  it('pip list --outdated: how far behind', () => {
    const r = parseDependencyReport(fixture('pip-outdated.json'), 'o.json');
    expect(r.outdated.map((o) => [o.name, o.behind, o.majors])).toEqual([
      ['Django', 'major', 2],
      ['urllib3', 'patch', 0],
      ['black', 'minor', 0],
    ]);
  });

  it('Dependabot alerts (REST, saved by gh api --paginate): open ones only, merged with OSV-Scanner by alias', () => {
    const r = parseDependencyReport(fixture('dependabot-alerts.json'), 'alerts.json');
    expect(r.tool).toBe('Dependabot alerts');
    expect(r.vulnerabilities.map((v) => [v.ecosystem, v.name, v.severity, v.fixedIn, v.isDirect, v.manifest])).toEqual([
      ['PyPI', 'jinja2', 'moderate', '3.1.3', true, 'requirements.txt'],
    ]);
    // Two pages back to back read as one list.
    expect(parseDependencyReport(`${fixture('dependabot-alerts.json')}\n${fixture('dependabot-alerts.json')}`, 'a').vulnerabilities).toHaveLength(2);
    const osv = parseDependencyReport(fixture('osv-scanner.json'), 'o', ROOT).vulnerabilities;
    const jinja = mergeVulnerabilities([osv, r.vulnerabilities]).find((v) => v.name === 'Jinja2');
    expect(jinja).toMatchObject({ severity: 'high', fixedIn: '3.1.3', sources: ['osv-scanner', 'Dependabot'], isDirect: true });
    expect(jinja?.advisories).toHaveLength(2);
  });

  it('still reads npm audit and npm outdated', () => {
    expect(parseDependencyReport('{"auditReportVersion":2,"vulnerabilities":{}}', 'a').tool).toBe('npm audit');
    expect(parseDependencyReport('{"left-pad":{"current":"1.0.0","wanted":"1.0.0","latest":"2.0.0"}}', 'a').outdated).toHaveLength(1);
  });

  it('names the file and the tools it reads when it does not recognise one', () => {
    expect(() => parseDependencyReport('{"hello": 1}', 'reports/x.json')).toThrow(ConfigurationError);
    expect(() => parseDependencyReport('{"hello": 1}', 'reports/x.json')).toThrow(/reports\/x\.json: not a report this reads; .*osv-scanner --format json/);
    expect(() => parseDependencyReport('{oops', 'y.json')).toThrow(/y\.json: not JSON/);
  });
});

describe('one item per vulnerable package', () => {
  it('merges the same package from several tools: advisories by id or alias, worst rated severity, highest fix', () => {
    const osv = parseDependencyReport(fixture('osv-scanner.json'), 'o', ROOT).vulnerabilities;
    const pip = parseDependencyReport(fixture('pip-audit.json'), 'p').vulnerabilities;
    const gvc = parseDependencyReport(fixture('govulncheck-json.txt'), 'g').vulnerabilities;
    const merged = mergeVulnerabilities([osv, pip, gvc]);
    expect(merged.map((v) => `${v.ecosystem}:${v.name}`)).toEqual([
      'Go:github.com/aws/aws-sdk-go',
      'Go:github.com/gogo/protobuf',
      'Go:golang.org/x/net',
      'PyPI:flask',
      'PyPI:Jinja2',
      'PyPI:requests',
    ]);
    const jinja = merged.find((v) => v.name === 'Jinja2');
    // PYSEC-2019-217 (pip-audit) is an alias of GHSA-462w-v97r-4m45 (osv-scanner): one advisory.
    expect(jinja).toMatchObject({ severity: 'high', fixedIn: '3.1.3', sources: ['osv-scanner', 'pip-audit'] });
    expect(jinja?.advisories).toHaveLength(2);
    expect(jinja?.unrated).toBeUndefined();
    const net = merged.find((v) => v.name === 'golang.org/x/net');
    expect(net).toMatchObject({
      severity: 'high',
      reachable: true,
      fixedIn: 'v0.23.0',
      advisories: expect.arrayContaining([expect.objectContaining({ id: 'GO-2024-2687' })]),
    });
    expect(net?.advisories).toHaveLength(3);
  });
});

describe('versions and CVSS', () => {
  it('compares npm versions with semver and others by numeric parts', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0-rc.1', '2.0.0')).toBeLessThan(0);
    expect(compareVersions('v0.17.0', '0.7.0', 'Go')).toBeGreaterThan(0);
    expect(compareVersions('2.10.1', '2.10', 'PyPI')).toBeGreaterThan(0);
  });

  it('computes CVSS 3.1 base scores as the specification does', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe(9.8);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H')).toBe(7.5);
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toBe(6.1);
    expect(cvss3BaseScore('CVSS:4.0/AV:N')).toBeUndefined();
    expect([9.8, 7.5, 6.1, 0.1, 0].map(severityOfScore)).toEqual(['critical', 'high', 'moderate', 'low', 'none']);
  });

  it('splits a stream of JSON objects, braces in strings included', () => {
    expect(splitJsonStream('{"a":"}{"}\n{"b":[1,{"c":2}]}\n')).toEqual(['{"a":"}{"}', '{"b":[1,{"c":2}]}']);
  });
});
