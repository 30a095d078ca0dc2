/**
 * Vulnerability and outdated-package reports of every ecosystem's own tool, read from the JSON they
 * write and unified into one record per vulnerable package. Formats, from each tool's documentation
 * and source:
 * - OSV-Scanner `--format json` (all ecosystems): `results[].source.path`, `results[].packages[]` with
 *   `package {name, version, ecosystem}`, `vulnerabilities[]` (OSV entries) and `groups[]` whose
 *   `max_severity` is a CVSS base score (google.github.io/osv-scanner/output).
 * - pip-audit `-f json`: `{dependencies: [{name, version, vulns: [{id, fix_versions, aliases, description}]}]}`,
 *   or a bare array in versions before 2.0 (trailofbits/pip-audit, pip_audit/_format/json.py).
 * - cargo audit `--json`: `vulnerabilities.list[]` of `{advisory {id, title, url, aliases, cvss}, versions {patched}, package {name, version}}`
 *   (rustsec/rustsec, cargo-audit's Report).
 * - govulncheck `-json`: a stream of Message objects, each with one of config, progress, osv, finding;
 *   a finding is `{osv, fixed_version, trace: [{module, version, package, function}]}` and is called
 *   when its first frame names a function (golang.org/x/vuln/internal/govulncheck).
 * - pip `list --outdated --format=json`: `[{name, version, latest_version}]`.
 * - Dependabot alerts (REST `GET /repos/{owner}/{repo}/dependabot/alerts`, e.g. saved by
 *   `gh api --paginate`): `[{number, state, dependency {package {ecosystem, name}, manifest_path, scope},
 *   security_advisory {ghsa_id, cve_id, summary, severity, identifiers}, security_vulnerability
 *   {first_patched_version {identifier}}, html_url}]`; only open alerts count.
 */
import semver from 'semver';
import { ConfigurationError } from '../errors.js';
import { cvss3BaseScore, severityOfScore } from './cvss.js';
import { parseNpmAudit, parseNpmOutdated, record, type Outdated, type Vulnerability } from './dependencies.js';
import type { SecuritySeverity } from './types.js';
import { maxOf } from '../iterate.js';

const SEVERITY_ORDER: readonly SecuritySeverity[] = ['none', 'info', 'low', 'moderate', 'high', 'critical'];
const maxSeverity = (a: SecuritySeverity, b: SecuritySeverity): SecuritySeverity => (SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b) ? a : b);
/** Advisory databases that give no severity (Go's, PyPA's through pip-audit): treated as moderate, and said so. */
const UNRATED: SecuritySeverity = 'moderate';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Compares versions: npm's with semver; others by their numeric parts (Go `v1.2.3`, PEP 440 `1.2.post1`, crates). */
export function compareVersions(a: string, b: string, ecosystem = 'npm'): number {
  if (ecosystem.toLowerCase() === 'npm') {
    const [x, y] = [semver.coerce(a, { includePrerelease: true }), semver.coerce(b, { includePrerelease: true })];
    if (x && y) return semver.compare(semver.valid(a) ?? x, semver.valid(b) ?? y);
  }
  const parts = (v: string) => v.replace(/^(?:v|go)/, '').split(/[.+-]/);
  const [p, q] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(p.length, q.length); i++) {
    const [s, t] = [p[i] ?? '0', q[i] ?? '0'];
    const [m, n] = [Number(s), Number(t)];
    if (Number.isFinite(m) && Number.isFinite(n)) {
      if (m !== n) return m - n;
    } else if (s !== t) return s < t ? -1 : 1;
  }
  return 0;
}

const majorOf = (v: string): number => Number(/\d+/.exec(v.replace(/^(?:v|go)/, ''))?.[0] ?? NaN);

/** The lowest of `fixed` versions above `installed` (the release that fixes it for this user). */
function fixFor(fixed: readonly string[], installed: string | undefined, ecosystem: string): string | undefined {
  const sorted = [...new Set(fixed)].sort((a, b) => compareVersions(a, b, ecosystem));
  return (installed ? sorted.find((f) => compareVersions(f, installed, ecosystem) > 0) : undefined) ?? sorted[sorted.length - 1];
}

function fixKind(installed: string | undefined, fixedIn: string | undefined): Vulnerability['fix'] {
  if (!fixedIn) return 'none';
  if (!installed) return 'available';
  return majorOf(fixedIn) > majorOf(installed) ? 'major' : 'available';
}

function relative(path: string | undefined, root: string | undefined): string | undefined {
  if (!path) return undefined;
  const p = path.replace(/\\/g, '/');
  return root && p.startsWith(`${root.replace(/\/$/, '')}/`) ? p.slice(root.replace(/\/$/, '').length + 1) : p;
}

/** Names as registries compare them: case and PEP 503's separators do not matter. */
const sameName = (a: string, b: string): boolean => a.toLowerCase().replace(/[-_.]+/g, '-') === b.toLowerCase().replace(/[-_.]+/g, '-');

/** OSV-Scanner JSON (`osv-scanner scan --format json`). */
export function parseOsvScanner(obj: Record<string, unknown>, root?: string): Vulnerability[] {
  const out: Vulnerability[] = [];
  for (const result of arr(obj.results).map(record)) {
    const manifest = relative(str(record(result?.source)?.path), root);
    for (const pkg of arr(result?.packages).map(record)) {
      const p = record(pkg?.package);
      const name = str(p?.name);
      if (!name) continue;
      const ecosystem = str(p?.ecosystem) ?? 'unknown';
      const version = str(p?.version);
      const vulns = arr(pkg?.vulnerabilities)
        .map(record)
        .filter((v): v is Record<string, unknown> => !!v);
      const scores = arr(pkg?.groups).map((g) => Number(record(g)?.max_severity));
      const best = maxOf(scores.filter(Number.isFinite), -1);
      let severity: SecuritySeverity = best >= 0 ? severityOfScore(best) : 'none';
      let rated = best >= 0;
      const fixes: string[] = [];
      for (const v of vulns) {
        const ghsa = str(record(v.database_specific)?.severity)?.toLowerCase();
        if (!rated && ghsa) {
          severity = maxSeverity(
            severity,
            ghsa === 'medium' ? 'moderate' : SEVERITY_ORDER.includes(ghsa as SecuritySeverity) ? (ghsa as SecuritySeverity) : 'none',
          );
        }
        // Each advisory's fix for this package: the "fixed" events of its ranges.
        const fixed = arr(v.affected)
          .map(record)
          .filter((a) => !record(a?.package) || sameName(str(record(a?.package)?.name) ?? '', name))
          .flatMap((a) => arr(a?.ranges).flatMap((r) => arr(record(r)?.events).map((e) => str(record(e)?.fixed))))
          .filter((f): f is string => !!f);
        const fix = fixFor(fixed, version, ecosystem);
        if (fix) fixes.push(fix);
      }
      if (severity === 'none') {
        severity = UNRATED;
        rated = false;
      }
      // Every advisory must be fixed: the highest of the per-advisory fixes.
      const fixedIn = fixes.length === vulns.length && fixes.length ? fixes.sort((a, b) => compareVersions(a, b, ecosystem)).at(-1) : undefined;
      out.push({
        name,
        ecosystem,
        ...(version ? { version } : {}),
        severity,
        ...(rated ? {} : { unrated: true }),
        advisories: vulns.map((v) => ({
          id: str(v.id) ?? '?',
          title: str(v.summary) ?? str(v.id) ?? 'advisory',
          url: `https://osv.dev/${str(v.id) ?? ''}`,
          aliases: arr(v.aliases).filter((a): a is string => typeof a === 'string'),
        })),
        fix: fixKind(version, fixedIn),
        ...(fixedIn ? { fixedIn } : {}),
        ...(manifest ? { manifest } : {}),
        sources: ['osv-scanner'],
      });
    }
  }
  return out;
}

/** pip-audit JSON (`pip-audit -f json`), current or legacy. */
export function parsePipAudit(value: unknown): Vulnerability[] {
  const deps = Array.isArray(value) ? value : arr(record(value)?.dependencies);
  return deps
    .map(record)
    .filter((d) => d && arr(d.vulns).length)
    .map((d) => {
      const dep = d as Record<string, unknown>;
      const version = str(dep.version);
      const vulns = arr(dep.vulns).map((v) => record(v) ?? {});
      const fixes = vulns.map((v) =>
        fixFor(
          arr(v.fix_versions).filter((f): f is string => typeof f === 'string'),
          version,
          'PyPI',
        ),
      );
      const fixedIn = fixes.every(Boolean) ? (fixes as string[]).sort((a, b) => compareVersions(a, b, 'PyPI')).at(-1) : undefined;
      return {
        name: str(dep.name) ?? '?',
        ecosystem: 'PyPI',
        ...(version ? { version } : {}),
        severity: UNRATED,
        unrated: true,
        advisories: vulns.map((v) => ({
          id: str(v.id) ?? '?',
          title: (str(v.description) ?? str(v.id) ?? 'advisory').split('\n')[0]?.slice(0, 200) ?? '',
          url: `https://osv.dev/${str(v.id) ?? ''}`,
          aliases: arr(v.aliases).filter((a): a is string => typeof a === 'string'),
        })),
        fix: fixKind(version, fixedIn),
        ...(fixedIn ? { fixedIn } : {}),
        sources: ['pip-audit'],
      } satisfies Vulnerability;
    });
}

/** cargo audit JSON (`cargo audit --json`): `patched` holds requirements such as `>=1.6.1` or `^0.8.2`. */
export function parseCargoAudit(obj: Record<string, unknown>): Vulnerability[] {
  return arr(record(obj.vulnerabilities)?.list)
    .map((v) => record(v) ?? {})
    .map((v) => {
      const advisory = record(v.advisory) ?? {};
      const pkg = record(v.package) ?? {};
      const version = str(pkg.version);
      const patched = arr(record(v.versions)?.patched)
        .filter((p): p is string => typeof p === 'string')
        .flatMap((req) => [...req.matchAll(/(?:>=|\^|~|=)\s*(\d[\w.+-]*)/g)].map((m) => m[1] as string));
      const fixedIn = fixFor(patched, version, 'crates.io');
      const cvss = str(advisory.cvss);
      const score = cvss ? cvss3BaseScore(cvss) : undefined;
      const id = str(advisory.id) ?? '?';
      return {
        name: str(pkg.name) ?? str(advisory.package) ?? '?',
        ecosystem: 'crates.io',
        ...(version ? { version } : {}),
        severity: score !== undefined ? severityOfScore(score) : UNRATED,
        ...(score !== undefined ? {} : { unrated: true }),
        advisories: [
          {
            id,
            title: str(advisory.title) ?? id,
            url: str(advisory.url) ?? `https://rustsec.org/advisories/${id}.html`,
            aliases: arr(advisory.aliases).filter((a): a is string => typeof a === 'string'),
            ...(score !== undefined ? { cvss: score } : {}),
          },
        ],
        fix: fixKind(version, fixedIn),
        ...(fixedIn ? { fixedIn } : {}),
        sources: ['cargo audit'],
      } satisfies Vulnerability;
    });
}

/** The top-level JSON values of a stream of concatenated objects (govulncheck writes indented ones back to back). */
export function splitJsonStream(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (depth++ === 0) start = i;
    } else if ((c === '}' || c === ']') && --depth === 0) out.push(text.slice(start, i + 1));
  }
  return out;
}

/** govulncheck `-json`: findings grouped by module; called (a function in the trace) outranks merely required. */
export function parseGovulncheck(messages: readonly Record<string, unknown>[]): Vulnerability[] {
  const osv = new Map<string, Record<string, unknown>>();
  type Module = { version?: string; ids: Map<string, { fixed?: string; called: boolean }> };
  const byModule = new Map<string, Module>();
  for (const m of messages) {
    const entry = record(m.osv);
    if (entry && str(entry.id)) osv.set(str(entry.id) as string, entry);
    const finding = record(m.finding);
    if (!finding) continue;
    const frame = record(arr(finding.trace)[0]);
    const module = str(frame?.module);
    const id = str(finding.osv);
    if (!module || !id) continue;
    const mod: Module = byModule.get(module) ?? { ids: new Map() };
    const version = str(frame?.version);
    if (version) mod.version = version;
    const prior = mod.ids.get(id);
    const fixed = str(finding.fixed_version) ?? prior?.fixed;
    mod.ids.set(id, { ...(fixed ? { fixed } : {}), called: (prior?.called ?? false) || !!str(frame?.function) });
    byModule.set(module, mod);
  }
  return [...byModule].map(([module, mod]) => {
    const ids = [...mod.ids];
    const fixes = ids.map(([, f]) => f.fixed);
    const fixedIn = fixes.every(Boolean) ? (fixes as string[]).sort((a, b) => compareVersions(a, b, 'Go')).at(-1) : undefined;
    const called = ids.some(([, f]) => f.called);
    return {
      name: module,
      ecosystem: 'Go',
      ...(mod.version ? { version: mod.version } : {}),
      // The Go vulnerability database rates nothing; reachability is the signal it gives instead.
      severity: called ? UNRATED : 'low',
      unrated: true,
      reachable: called,
      advisories: ids.map(([id]) => ({
        id,
        title: str(osv.get(id)?.summary) ?? id,
        url: `https://pkg.go.dev/vuln/${id}`,
        aliases: arr(osv.get(id)?.aliases).filter((a): a is string => typeof a === 'string'),
      })),
      fix: fixKind(mod.version, fixedIn),
      ...(fixedIn ? { fixedIn } : {}),
      sources: ['govulncheck'],
    } satisfies Vulnerability;
  });
}

/** Dependabot's ecosystem names → OSV's. */
const DEPENDABOT_ECOSYSTEM: Record<string, string> = {
  npm: 'npm',
  pip: 'PyPI',
  go: 'Go',
  rust: 'crates.io',
  maven: 'Maven',
  nuget: 'NuGet',
  rubygems: 'RubyGems',
  composer: 'Packagist',
  pub: 'Pub',
  swift: 'SwiftURL',
  actions: 'GitHub Actions',
};

/** Dependabot alerts from the REST API (one record per alert; mergeVulnerabilities groups them by package). */
export function parseDependabotAlerts(alerts: readonly unknown[]): Vulnerability[] {
  return alerts
    .map((a) => record(a) ?? {})
    .filter((a) => a.state === 'open')
    .map((a) => {
      const dep = record(a.dependency) ?? {};
      const pkg = record(dep.package) ?? {};
      const advisory = record(a.security_advisory) ?? {};
      const fixed = str(record(record(a.security_vulnerability)?.first_patched_version)?.identifier);
      const sev = str(advisory.severity) ?? str(record(a.security_vulnerability)?.severity) ?? '';
      const severity: SecuritySeverity = sev === 'medium' ? 'moderate' : SEVERITY_ORDER.includes(sev as SecuritySeverity) ? (sev as SecuritySeverity) : UNRATED;
      const id = str(advisory.ghsa_id) ?? `dependabot-${String(a.number)}`;
      const ecosystem = DEPENDABOT_ECOSYSTEM[str(pkg.ecosystem) ?? ''] ?? str(pkg.ecosystem) ?? 'unknown';
      const manifest = str(dep.manifest_path);
      const relationship = str(dep.relationship);
      return {
        name: str(pkg.name) ?? '?',
        ecosystem,
        severity,
        ...(relationship === 'direct' || relationship === 'transitive' ? { isDirect: relationship === 'direct' } : {}),
        advisories: [
          {
            id,
            title: str(advisory.summary) ?? id,
            ...(str(a.html_url) ? { url: str(a.html_url) } : {}),
            aliases: arr(advisory.identifiers)
              .map((i) => str(record(i)?.value))
              .filter((v): v is string => !!v && v !== id),
          },
        ],
        fix: fixed ? 'available' : 'none',
        ...(fixed ? { fixedIn: fixed } : {}),
        ...(manifest ? { manifest } : {}),
        sources: ['Dependabot'],
      } satisfies Vulnerability;
    });
}

/** `pip list --outdated --format=json`. */
export function parsePipOutdated(list: readonly unknown[]): Outdated[] {
  return list
    .map(record)
    .filter((o): o is Record<string, unknown> => !!o && !!str(o.latest_version) && !!str(o.version))
    .map((o) => {
      const current = str(o.version) as string;
      const latest = str(o.latest_version) as string;
      const majors = Math.max(0, majorOf(latest) - majorOf(current)) || 0;
      const cmp = compareVersions(latest, current, 'PyPI');
      const minor = (v: string) => Number(v.split('.')[1] ?? 0);
      const behind: Outdated['behind'] = cmp <= 0 ? 'none' : majors > 0 ? 'major' : minor(latest) > minor(current) ? 'minor' : 'patch';
      return { name: str(o.name) as string, ecosystem: 'PyPI', current, latest, behind, majors };
    })
    .filter((o) => o.behind !== 'none');
}

export type ReportTool =
  'osv-scanner' | 'npm audit' | 'npm outdated' | 'pip-audit' | 'pip list --outdated' | 'cargo audit' | 'govulncheck' | 'Dependabot alerts';
export interface DependencyReport {
  tool: ReportTool;
  vulnerabilities: Vulnerability[];
  outdated: Outdated[];
}

const SUPPORTED =
  'osv-scanner --format json, npm audit --json, npm outdated --json, pip-audit -f json, pip list --outdated --format=json, cargo audit --json, govulncheck -json';

/**
 * Reads any supported tool's JSON, telling the tool by the shape of its output. `source` names the
 * file in errors; `root` (the repository) makes OSV-Scanner's absolute lockfile paths relative.
 */
export function parseDependencyReport(text: string, source: string, root?: string): DependencyReport {
  const values = splitJsonStream(text);
  let parsed: unknown[];
  try {
    if (!values.length && text.trim() !== '') throw new SyntaxError('no JSON value');
    parsed = values.map((v) => JSON.parse(v) as unknown);
  } catch {
    throw new ConfigurationError(`${source}: not JSON; pass the JSON output of one of: ${SUPPORTED}.`);
  }
  if (!parsed.length && text.trim() === '') return { tool: 'npm audit', vulnerabilities: [], outdated: [] };
  // `gh api --paginate` writes one array per page, back to back.
  if (parsed.length > 1 && parsed.every(Array.isArray)) parsed = [parsed.flat()];
  const first = parsed[0];
  const obj = record(first);
  const isMessage = (v: unknown) => ['config', 'progress', 'osv', 'finding'].some((k) => record(v)?.[k] !== undefined);
  if (parsed.length > 1 || (obj && isMessage(obj))) {
    if (!parsed.every(isMessage))
      throw new ConfigurationError(`${source}: several JSON values that are not govulncheck -json messages; pass one tool's output per file.`);
    return { tool: 'govulncheck', vulnerabilities: parseGovulncheck(parsed.map((p) => record(p) ?? {})), outdated: [] };
  }
  if (Array.isArray(first)) {
    if (first.length === 0) return { tool: 'pip-audit', vulnerabilities: [], outdated: [] };
    if (record(first[0])?.latest_version !== undefined) return { tool: 'pip list --outdated', vulnerabilities: [], outdated: parsePipOutdated(first) };
    if (record(first[0])?.vulns !== undefined) return { tool: 'pip-audit', vulnerabilities: parsePipAudit(first), outdated: [] };
    if (record(first[0])?.security_advisory !== undefined) return { tool: 'Dependabot alerts', vulnerabilities: parseDependabotAlerts(first), outdated: [] };
  }
  if (obj) {
    if (Array.isArray(obj.results)) return { tool: 'osv-scanner', vulnerabilities: parseOsvScanner(obj, root), outdated: [] };
    if (Array.isArray(obj.dependencies)) return { tool: 'pip-audit', vulnerabilities: parsePipAudit(obj), outdated: [] };
    if (record(obj.vulnerabilities)?.list !== undefined || (record(obj.database) && record(obj.lockfile)))
      return { tool: 'cargo audit', vulnerabilities: parseCargoAudit(obj), outdated: [] };
    if (obj.auditReportVersion !== undefined || record(obj.vulnerabilities) || obj.advisories !== undefined || record(obj.error))
      return { tool: 'npm audit', vulnerabilities: parseNpmAudit(text, source), outdated: [] };
    const values = Object.values(obj);
    if (values.length === 0 || values.every((v) => record(Array.isArray(v) ? v[0] : v)?.latest !== undefined))
      return { tool: 'npm outdated', vulnerabilities: [], outdated: parseNpmOutdated(text, source) };
  }
  throw new ConfigurationError(`${source}: not a report this reads; pass the JSON output of one of: ${SUPPORTED}.`);
}

/** PEP 503 for PyPI names; other ecosystems' names are compared as they are. */
const packageKey = (v: { name: string; ecosystem?: string }): string => {
  const eco = (v.ecosystem ?? 'npm').toLowerCase();
  return `${eco}\0${eco === 'pypi' ? v.name.toLowerCase().replace(/[-_.]+/g, '-') : v.name}`;
};

/**
 * One record per vulnerable package across all reports: the worst severity, every distinct advisory
 * (an id or alias seen twice is one advisory), and the version that fixes all of them.
 */
export function mergeVulnerabilities(lists: readonly (readonly Vulnerability[])[]): Vulnerability[] {
  const merged = new Map<string, Vulnerability>();
  for (const v of lists.flat()) {
    const key = packageKey(v);
    const prior = merged.get(key);
    if (!prior) {
      merged.set(key, { ...v, advisories: [...v.advisories], sources: [...(v.sources ?? [])] });
      continue;
    }
    const names = (a: Vulnerability['advisories'][number]) => [a.id, ...(a.aliases ?? [])].filter(Boolean);
    for (const a of v.advisories) {
      const known = prior.advisories.some((b) => names(b).some((n) => names(a).includes(n)) || (!a.id && b.title === a.title));
      if (!known) prior.advisories.push(a);
    }
    const rated = !v.unrated;
    prior.severity = rated && prior.unrated ? v.severity : prior.unrated || rated ? maxSeverity(prior.severity, v.severity) : prior.severity;
    if (rated) delete prior.unrated;
    prior.isDirect = prior.isDirect || v.isDirect;
    if (v.reachable) prior.reachable = true;
    prior.version ??= v.version;
    prior.manifest ??= v.manifest;
    if (v.fixedIn && (!prior.fixedIn || compareVersions(v.fixedIn, prior.fixedIn, v.ecosystem) > 0)) prior.fixedIn = v.fixedIn;
    prior.fix = prior.fixedIn ? fixKind(prior.version, prior.fixedIn) : prior.fix === 'none' ? v.fix : prior.fix;
    prior.sources = [...new Set([...(prior.sources ?? []), ...(v.sources ?? [])])];
  }
  return [...merged.values()].sort((a, b) => (packageKey(a) < packageKey(b) ? -1 : 1));
}

/** Reports of several tools as the dependencies harvest: one record per vulnerable package, every outdated one, and what was read. */
export function combineReports(reports: readonly (DependencyReport & { source: string })[]): {
  vulnerabilities: Vulnerability[];
  outdated: Outdated[];
  note: string;
} {
  const outdated = new Map<string, Outdated>();
  for (const o of reports.flatMap((r) => r.outdated)) outdated.set(packageKey(o), o);
  return {
    vulnerabilities: mergeVulnerabilities(reports.map((r) => r.vulnerabilities)),
    outdated: [...outdated.values()],
    note: `read ${reports.map((r) => `${r.tool} (${r.source})`).join(', ')}`,
  };
}
