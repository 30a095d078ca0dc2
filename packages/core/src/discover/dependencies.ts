import semver from 'semver';
import { ConfigurationError } from '../errors.js';
import type { Candidate, SecuritySeverity } from './types.js';

/** One vulnerable package, from `npm audit --json` (report version 2, npm 7+) or another ecosystem's tool. */
export interface Vulnerability {
  name: string;
  severity: SecuritySeverity;
  /** The advisory database gave no severity (Go's, PyPA's through pip-audit): `severity` is our default. */
  unrated?: boolean;
  isDirect?: boolean;
  advisories: { id?: string; title: string; url?: string; cvss?: number; aliases?: string[] }[];
  fix: 'available' | 'major' | 'none';
  /** npm, PyPI, Go, crates.io, Maven… (OSV's ecosystem names); absent means npm. */
  ecosystem?: string;
  /** Installed version. */
  version?: string;
  /** The lowest version that fixes every advisory. */
  fixedIn?: string;
  /** Lockfile or manifest it was found in. */
  manifest?: string;
  /** The vulnerable code is called (govulncheck's reachability). */
  reachable?: boolean;
  /** Tools that reported it. */
  sources?: string[];
}

/** One package from `npm outdated --json`. */
export interface Outdated {
  name: string;
  ecosystem?: string;
  current?: string;
  wanted?: string;
  latest: string;
  /**
   * What moving to `latest` is, by semver's caret rule (what `^current` accepts): `major` is breaking —
   * including a 0.x minor (0.3 → 0.4) and a 0.0.x patch —, `minor`/`patch` are compatible, `downgrade`
   * means the registry's latest is older than what is installed (a prerelease or a pulled release).
   */
  behind: BumpKind;
  /** Breaking steps: majors, or 0.x minors (0.0.x patches) when the major stays 0. */
  majors: number;
}

export type BumpKind = 'major' | 'minor' | 'patch' | 'downgrade' | 'none';

/** The kind of version change from `current` to `latest` (see {@link Outdated.behind}); `none` when either is no version. */
export function bumpKind(current: string | undefined, latest: string | undefined): { behind: BumpKind; majors: number } {
  const parse = (v: string | undefined) => (v ? (semver.valid(v) ? new semver.SemVer(v) : semver.coerce(v, { includePrerelease: true })) : null);
  const [from, to] = [parse(current), parse(latest)];
  if (!from || !to) return { behind: 'none', majors: 0 };
  const order = semver.compare(to, from);
  if (order === 0) return { behind: 'none', majors: 0 };
  if (order < 0) return { behind: 'downgrade', majors: 0 };
  if (!semver.satisfies(to, `^${from.version}`, { includePrerelease: true })) {
    const majors = to.major > from.major ? to.major - from.major : from.major === 0 && to.minor > from.minor ? to.minor - from.minor : 1;
    return { behind: 'major', majors };
  }
  return { behind: to.minor > from.minor ? 'minor' : 'patch', majors: 0 };
}

const SEVERITIES: readonly SecuritySeverity[] = ['critical', 'high', 'moderate', 'low', 'info'];

export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function parseJson(text: string, source: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new ConfigurationError(`${source}: not JSON; pass the output of \`${what}\`.`);
  }
  const obj = record(value);
  if (!obj) throw new ConfigurationError(`${source}: expected a JSON object from \`${what}\`.`);
  const error = record(obj.error);
  if (error)
    throw new ConfigurationError(
      `${source}: \`${what}\` reported an error (${typeof error.summary === 'string' ? error.summary : typeof error.code === 'string' ? error.code : 'unknown'}); run it where the registry is reachable.`,
    );
  return obj;
}

/** `npm audit --json` output; `source` names the input or file in errors. */
export function parseNpmAudit(text: string, source: string): Vulnerability[] {
  const obj = parseJson(text, source, 'npm audit --json');
  if (obj.vulnerabilities === undefined && obj.advisories !== undefined) {
    throw new ConfigurationError(`${source}: npm 6 audit format is not supported; run \`npm audit --json\` with npm 7 or later.`);
  }
  const vulns = record(obj.vulnerabilities) ?? {};
  return Object.entries(vulns)
    .map(([name, raw]): Vulnerability => {
      const v = record(raw) ?? {};
      const severity = SEVERITIES.includes(v.severity as SecuritySeverity) ? (v.severity as SecuritySeverity) : 'low';
      const via = Array.isArray(v.via) ? v.via : [];
      const advisories = via
        .map(record)
        .filter((a): a is Record<string, unknown> => !!a && typeof a.title === 'string')
        .map((a) => ({
          title: String(a.title),
          ...(typeof a.url === 'string' ? { url: a.url } : {}),
          ...(typeof record(a.cvss)?.score === 'number' ? { cvss: record(a.cvss)?.score as number } : {}),
        }));
      const fixRaw = v.fixAvailable;
      const fix = fixRaw === true ? 'available' : record(fixRaw) ? (record(fixRaw)?.isSemVerMajor ? 'major' : 'available') : 'none';
      return { name, severity, isDirect: v.isDirect === true, advisories, fix, sources: ['npm audit'] };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** `npm outdated --json` output (a package's entry is an array in workspaces: the first is used). */
export function parseNpmOutdated(text: string, source: string): Outdated[] {
  const obj = parseJson(text, source, 'npm outdated --json');
  return Object.entries(obj)
    .map(([name, raw]): Outdated | undefined => {
      const v = record(Array.isArray(raw) ? raw[0] : raw);
      if (!v || typeof v.latest !== 'string') return undefined;
      const current = typeof v.current === 'string' ? v.current : undefined;
      const { behind, majors } = bumpKind(current ?? (typeof v.wanted === 'string' ? v.wanted : undefined), v.latest);
      return { name, ...(current ? { current } : {}), ...(typeof v.wanted === 'string' ? { wanted: v.wanted } : {}), latest: v.latest, behind, majors };
    })
    .filter((o): o is Outdated => !!o && o.behind !== 'none')
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

const SEVERITY_RISK: Record<SecuritySeverity, [risk: number, criticality: number]> = {
  critical: [10, 9],
  high: [8, 7],
  moderate: [5, 4],
  low: [3, 2],
  info: [1, 1],
  none: [1, 1],
};
const FIX: Record<Vulnerability['fix'], { jobSize: number; ease: number; minutes: number; says: string }> = {
  available: { jobSize: 1, ease: 9, minutes: 15, says: 'a compatible fix is available' },
  major: { jobSize: 5, ease: 5, minutes: 60, says: 'the fix is a major upgrade' },
  none: { jobSize: 8, ease: 2, minutes: 120, says: 'no fix is available yet' },
};

/** Vulnerable and outdated packages as work items; ids hang on the package name, not its version. */
export function dependencyCandidates(vulns: readonly Vulnerability[], outdated: readonly Outdated[], manifest = 'package.json'): Candidate[] {
  const fromAudit = vulns.map((v): Candidate => {
    const [risk, criticality] = SEVERITY_RISK[v.severity];
    const fix = FIX[v.fix];
    const first = v.advisories[0];
    const npm = !v.ecosystem || v.ecosystem.toLowerCase() === 'npm';
    const what = `${v.name}${v.version ? ` ${v.version}` : ''}${npm ? '' : ` (${v.ecosystem})`}`;
    const reach = v.reachable === undefined ? '' : v.reachable ? '; your code calls the vulnerable function' : '; no call of the vulnerable code found';
    const direct = v.isDirect === undefined ? '' : v.isDirect ? ', direct dependency' : ', transitive dependency';
    return {
      kind: 'dependency',
      rule: 'vulnerable',
      path: v.manifest ?? manifest,
      // npm items keep hanging on the bare name, so their ids survive this change.
      text: npm ? v.name : `${v.ecosystem}:${v.name}`,
      title: `Vulnerable dependency ${what}: ${v.severity}${v.fixedIn ? `, fixed in ${v.fixedIn}` : ''}${first ? ` — ${first.title}` : ''}`,
      evidence: {
        package: v.name,
        ...(v.ecosystem ? { ecosystem: v.ecosystem } : {}),
        ...(v.version ? { version: v.version } : {}),
        ...(v.fixedIn ? { fixedIn: v.fixedIn } : {}),
        severity: v.severity,
        advisories: v.advisories.length,
        ...(v.advisories.some((a) => a.id) ? { ids: v.advisories.map((a) => a.id ?? a.title).join(' ') } : {}),
        ...(v.isDirect === undefined ? {} : { direct: v.isDirect }),
        ...(v.reachable === undefined ? {} : { called: v.reachable }),
        fix: v.fix,
        ...(v.sources?.length ? { sources: v.sources.join(', ') } : {}),
      },
      inputs: {
        businessValue: 3,
        timeCriticality: criticality,
        riskReduction: v.reachable ? Math.min(10, risk + 2) : risk,
        jobSize: fix.jobSize,
        impact: risk,
        confidence: v.reachable ? 10 : 9,
        ease: fix.ease,
        debtMinutes: fix.minutes,
        security: v.severity,
      },
      rationale: `${v.severity} severity${v.unrated ? ' (the advisory database gives none; moderate assumed)' : ''}, ${v.advisories.length} advisor${v.advisories.length === 1 ? 'y' : 'ies'}${direct}; ${v.fixedIn ? `upgrading to ${v.fixedIn} fixes ${v.advisories.length === 1 ? 'it' : 'all of them'} (${fix.says})` : fix.says}${reach}${v.sources?.length ? `; reported by ${v.sources.join(', ')}` : ''}`,
      ...(first?.url ? { url: first.url } : {}),
    };
  });
  const fromOutdated = outdated.map((o): Candidate => {
    const isMajor = o.behind === 'major';
    const minutes = isMajor ? 60 * o.majors : o.behind === 'minor' ? 15 : 5;
    return {
      kind: 'dependency',
      rule: 'outdated',
      path: manifest,
      text: !o.ecosystem || o.ecosystem === 'npm' ? o.name : `${o.ecosystem}:${o.name}`,
      title: `Outdated dependency ${o.name}${o.ecosystem && o.ecosystem !== 'npm' ? ` (${o.ecosystem})` : ''} ${o.current ?? o.wanted ?? '?'} → ${o.latest} (${o.behind})`,
      evidence: { package: o.name, current: o.current ?? 'missing', latest: o.latest, behind: o.behind, majors: o.majors },
      inputs: {
        businessValue: 3,
        timeCriticality: isMajor ? 2 + Math.min(o.majors, 3) : 1,
        riskReduction: isMajor && o.majors >= 2 ? 5 : 3,
        jobSize: isMajor ? 5 : o.behind === 'minor' ? 2 : 1,
        impact: 3,
        confidence: 7,
        ease: isMajor ? 4 : o.behind === 'minor' ? 8 : 9,
        debtMinutes: minutes,
        security: 'none',
      },
      rationale:
        o.behind === 'downgrade'
          ? `the registry's latest (${o.latest}) is older than the installed ${o.current ?? o.wanted ?? '?'}: a prerelease or a pulled release is installed`
          : isMajor
            ? `${o.majors} major version${o.majors > 1 ? 's' : ''} behind`
            : `${o.behind} update available`,
    };
  });
  return [...fromAudit, ...fromOutdated];
}
