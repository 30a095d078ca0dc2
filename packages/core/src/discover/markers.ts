import type { Candidate, SecuritySeverity } from './types.js';

/** One marker found by `git grep`: where it is now and what it says. */
export interface MarkerHit {
  path: string;
  line: number;
  tag: string;
  text: string;
}

// Only markers inside a comment count: prose that mentions "TODO lists" is not debt.
const COMMENT_START = /(\/\/|\/\*|<!--|(?:^|\s)#|(?:^|\s)--|^\s*;|^\s*\*|^\s*%|^\s*')/;

/** Parses `git grep -n -z` output (`path NUL line NUL text` per line) into marker hits. */
export function parseMarkerGrep(output: string, markers: readonly string[], keep: (path: string) => boolean = () => true): MarkerHit[] {
  const tag = new RegExp(`\\b(${markers.map((m) => m.replace(/[-]/g, '\\-')).join('|')})\\b(?:\\([^)]*\\))?[:!]?(.*)$`);
  const hits: MarkerHit[] = [];
  for (const record of output.split('\n')) {
    const [path, lineNo, ...rest] = record.split('\0');
    if (!path || !lineNo || !keep(path)) continue;
    const content = rest.join('\0');
    const comment = COMMENT_START.exec(content);
    if (!comment) continue;
    const m = tag.exec(content.slice(comment.index));
    if (!m?.[1]) continue;
    const said = (m[2] ?? '').replace(/\s*(\*\/|-->)\s*$/, '').trim();
    hits.push({ path, line: Number(lineNo), tag: m[1], text: said || content.trim() });
  }
  return hits;
}

/**
 * Author times (unix seconds) by final line number from `git blame --porcelain` (or
 * `--line-porcelain`): commit headers appear once per commit, so the time is looked up by sha.
 */
export function parseBlamePorcelain(output: string): Map<number, number> {
  const timeBySha = new Map<string, number>();
  const shaByLine = new Map<number, string>();
  let sha = '';
  for (const line of output.split('\n')) {
    const header = /^([0-9a-f]{40,64}) \d+ (\d+)/.exec(line);
    if (header) {
      sha = header[1] as string;
      shaByLine.set(Number(header[2]), sha);
    } else if (line.startsWith('author-time ')) timeBySha.set(sha, Number(line.slice(12)));
  }
  const out = new Map<number, number>();
  for (const [line, s] of shaByLine) {
    const t = timeBySha.get(s);
    if (t !== undefined) out.set(line, t);
  }
  return out;
}

const RISK: Record<string, number> = { FIXME: 5, HACK: 6, XXX: 4, TODO: 2 };
const MINUTES: Record<string, number> = { FIXME: 30, HACK: 60, XXX: 30, TODO: 15 };
const SECURITY_WORDS = /\b(security|vulnerab\w*|xss|csrf|injection|sanitis\w*|sanitiz\w*|secret|auth\w*)\b/i;
const DAY = 86_400_000;

/** A work item per marker; age (from blame, when known) raises time criticality. */
export function markerCandidates(hits: readonly MarkerHit[], authorTimes: ReadonlyMap<string, ReadonlyMap<number, number>>, now: number): Candidate[] {
  const seen = new Map<string, number>();
  return hits.map((hit) => {
    // Two identical TODOs in one file still need distinct ids; their order survives line moves.
    const key = `${hit.path}\0${hit.tag}\0${hit.text.toLowerCase()}`;
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    const text = nth > 1 ? `${hit.text} #${nth}` : hit.text;
    const time = authorTimes.get(hit.path)?.get(hit.line);
    const ageDays = time === undefined ? undefined : Math.max(0, Math.floor((now - time * 1000) / DAY));
    const criticality = ageDays === undefined ? 1 : ageDays >= 365 ? 4 : ageDays >= 180 ? 3 : ageDays >= 30 ? 2 : 1;
    const risk = RISK[hit.tag] ?? 2;
    const security: SecuritySeverity = SECURITY_WORDS.test(hit.text) ? 'low' : 'none';
    const candidate: Candidate = {
      kind: 'debt-marker',
      rule: `marker:${hit.tag}`,
      path: hit.path,
      line: hit.line,
      text,
      title: `${hit.tag}: ${hit.text}`,
      evidence: { tag: hit.tag, line: hit.line, ...(ageDays === undefined ? {} : { ageDays }) },
      inputs: {
        businessValue: 2,
        timeCriticality: criticality,
        riskReduction: risk,
        jobSize: hit.tag === 'HACK' ? 3 : 2,
        impact: risk,
        confidence: 6,
        ease: 7,
        debtMinutes: MINUTES[hit.tag] ?? 15,
        security,
      },
      rationale: `${hit.tag} marker (risk ${risk}, ${MINUTES[hit.tag] ?? 15} min to resolve)${ageDays === undefined ? '' : `, ${ageDays} days old`}${security === 'none' ? '' : ', mentions security'}`,
    };
    return candidate;
  });
}
