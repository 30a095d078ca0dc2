import type { FileChurn } from './churn.js';
import { describeComplexity, type Complexity } from './complexity.js';
import { expectedTest, isCodeFile, isSourceFile, isTestFile, stem, testRule } from './paths.js';
import type { Candidate, DiscoverSettings } from './types.js';
import { clamp } from './types.js';

/** What the file-based harvesters know about a tracked file. */
export interface FileFacts {
  path: string;
  bytes: number;
  /** Absent for binary or unread files. */
  complexity?: Complexity;
  churn?: FileChurn;
  /** The file holds its own tests (Rust `#[cfg(test)]`). */
  inlineTests?: boolean;
}

const DAY = 86_400;

function recency(lastTime: number | undefined, now: number): number {
  if (lastTime === undefined) return 1;
  const days = (now / 1000 - lastTime) / DAY;
  return days <= 30 ? 5 : days <= 90 ? 3 : 1;
}

function sizePoints(lines: number): { jobSize: number; ease: number } {
  if (lines <= 200) return { jobSize: 3, ease: 6 };
  if (lines <= 500) return { jobSize: 5, ease: 4 };
  if (lines <= 1000) return { jobSize: 8, ease: 3 };
  return { jobSize: 13, ease: 2 };
}

/** Most hotspots reported: below the top few, churn × complexity stops telling files apart. */
export const MAX_HOTSPOTS = 50;

/** CodeScene-style hotspots: churn × complexity, ranked against the worst file in this repository. */
export function hotspotCandidates(files: readonly FileFacts[], settings: DiscoverSettings, now: number): Candidate[] {
  const scored = files
    .filter((f) => f.complexity && f.churn && f.churn.commits >= settings.hotspot_min_commits && isSourceFile(f.path) && f.complexity.score > 0)
    .map((f) => ({ f, hotspot: (f.churn as FileChurn).commits * (f.complexity as Complexity).score }))
    .sort((a, b) => b.hotspot - a.hotspot || (a.f.path < b.f.path ? -1 : 1))
    .slice(0, MAX_HOTSPOTS);
  const worst = scored[0]?.hotspot ?? 1;
  return scored.map(({ f, hotspot }) => {
    const churn = f.churn as FileChurn;
    const c = f.complexity as Complexity;
    const risk = clamp(Math.round((9 * hotspot) / worst) + 1, 1, 10);
    const { jobSize, ease } = sizePoints(c.code);
    const debtMinutes = Math.max(0, c.score - 20) * 2;
    return {
      kind: 'hotspot',
      rule: 'churn-x-complexity',
      path: f.path,
      text: f.path,
      title: `Hotspot: ${f.path} (${churn.commits} commits × complexity ${c.score})`,
      evidence: {
        commits: churn.commits,
        complexity: c.score,
        decisions: c.decisions,
        functions: c.functions,
        ...(c.worst ? { worstFunction: c.worst.name, worstCyclomatic: c.worst.cyclomatic, worstNesting: c.worst.nesting } : {}),
        lines: c.code,
        hotspot,
      },
      inputs: {
        businessValue: 5,
        timeCriticality: recency(churn.lastTime, now),
        riskReduction: risk,
        jobSize,
        impact: risk,
        confidence: 5,
        ease,
        debtMinutes,
        security: 'none',
      },
      rationale: `${churn.commits} commits × complexity ${c.score} = ${hotspot} (${Math.round((100 * hotspot) / worst)}% of the worst hotspot), ${c.code} lines of code; ${describeComplexity(c)}`,
    };
  });
}

/** At most this share of a file's commits may touch a test for it to count as untested churn. */
export const TEST_GAP_MAX_SHARE = 0.1;

/** Source files that change often while tests rarely change with them, and no test is named after them. */
export function testGapCandidates(files: readonly FileFacts[], settings: DiscoverSettings, now: number): Candidate[] {
  const tested = new Set(files.filter((f) => isTestFile(f.path)).map((f) => stem(f.path)));
  return files
    .filter(
      (f) =>
        f.churn &&
        f.churn.commits >= settings.test_gap_min_commits &&
        f.churn.withTests <= f.churn.commits * TEST_GAP_MAX_SHARE &&
        isSourceFile(f.path) &&
        !f.inlineTests &&
        !tested.has(stem(f.path)),
    )
    .map((f) => {
      const churn = f.churn as FileChurn;
      const lines = f.complexity?.code ?? 0;
      const risk = clamp(Math.round((2 * churn.commits) / settings.test_gap_min_commits), 1, 10);
      return {
        kind: 'test-gap',
        rule: 'untested-churn',
        path: f.path,
        text: f.path,
        title: `Test gap: ${f.path} changed in ${churn.commits} commits, ${churn.withTests === 0 ? 'none' : churn.withTests} touching a test`,
        evidence: { commits: churn.commits, commitsWithTests: churn.withTests, lines },
        inputs: {
          businessValue: 4,
          timeCriticality: recency(churn.lastTime, now),
          riskReduction: risk,
          jobSize: 3,
          impact: 5,
          confidence: 6,
          ease: 6,
          debtMinutes: 30 + Math.round(lines / 10),
          security: 'none',
        },
        rationale: `${churn.commits} commits in the window, ${churn.withTests} with a test file (at most ${TEST_GAP_MAX_SHARE * 100}% allowed), and no test found where its language puts one (${expectedTest(f.path)})`,
      } satisfies Candidate;
    });
}

/**
 * How the repository's tests were recognised, so a test-gap count (even 0) can be checked: test files
 * by rule, sources matched to a test by name, files holding their own tests.
 */
export function testGapNote(files: readonly FileFacts[], settings: DiscoverSettings): string {
  const rules = new Map<string, number>();
  for (const f of files) {
    const rule = testRule(f.path);
    if (rule) rules.set(rule, (rules.get(rule) ?? 0) + 1);
  }
  const tests = [...rules.values()].reduce((a, b) => a + b, 0);
  const tested = new Set(files.filter((f) => isTestFile(f.path)).map((f) => stem(f.path)));
  const busy = files.filter((f) => isSourceFile(f.path) && (f.churn?.commits ?? 0) >= settings.test_gap_min_commits);
  const named = busy.filter((f) => tested.has(stem(f.path))).length;
  const inline = busy.filter((f) => f.inlineTests).length;
  const withTests = busy.filter((f) => f.churn && f.churn.withTests > f.churn.commits * TEST_GAP_MAX_SHARE).length;
  const byRule = [...rules].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([r, n]) => `${r} ${n}`);
  return (
    `${tests} test file${tests === 1 ? '' : 's'} recognised${byRule.length ? ` (${byRule.join(', ')})` : ''}; of ${busy.length} source files changed in at least ${settings.test_gap_min_commits} commits, ` +
    `${named} have a test named after them, ${inline} hold their own tests (#[cfg(test)]), ${withTests} change together with tests in over ${TEST_GAP_MAX_SHARE * 100}% of their commits`
  );
}

/** Code files (tests included) over the line limit; data and docs are long for good reasons. */
export function largeFileCandidates(files: readonly FileFacts[], settings: DiscoverSettings): Candidate[] {
  return files
    .filter((f) => f.complexity && f.complexity.lines > settings.large_file_lines && isCodeFile(f.path))
    .map((f) => {
      const lines = (f.complexity as Complexity).lines;
      const churned = (f.churn?.commits ?? 0) >= settings.hotspot_min_commits;
      return {
        kind: 'large-file',
        rule: 'large-file',
        path: f.path,
        text: f.path,
        title: `Large file: ${f.path} (${lines} lines)`,
        evidence: { lines, bytes: f.bytes, commits: f.churn?.commits ?? 0 },
        inputs: {
          businessValue: 2,
          timeCriticality: 1,
          riskReduction: churned ? 5 : 3,
          jobSize: 8,
          impact: 3,
          confidence: 5,
          ease: 3,
          debtMinutes: Math.round(((lines - settings.large_file_lines) / 100) * 15),
          security: 'none',
        },
        rationale: `${lines} lines (limit ${settings.large_file_lines})${churned ? `, and changed in ${f.churn?.commits} commits` : ''}`,
      } satisfies Candidate;
    });
}
