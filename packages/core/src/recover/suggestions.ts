import type { FilePatch } from '../git-format/diff.js';
import { maxOf } from '../iterate.js';

export interface Suggestion {
  path: string;
  startLine: number;
  line: number;
  /** The replacement text (GitHub's ```suggestion block). */
  body: string;
}

export interface SuggestionPlan {
  /** Hunks GitHub accepts as review comments (inside the PR's diff). */
  suggestions: Suggestion[];
  /** The rest, as unified diff text for the review body. */
  leftover: string[];
}

function fence(lines: string[]): string {
  const longest = maxOf(
    lines.map((l) => /^\s*(`{3,})/.exec(l)?.[1]?.length ?? 0),
    2,
  );
  return '`'.repeat(longest + 1);
}

/**
 * Turns a validated patch into suggested changes: each hunk replaces its range of the PR head. GitHub only
 * takes comments on lines inside the PR's diff (`ranges`, right side), so other hunks go to the body.
 */
export function suggestionsFromPatch(files: FilePatch[], ranges: Map<string, [number, number][]>): SuggestionPlan {
  const plan: SuggestionPlan = { suggestions: [], leftover: [] };
  for (const f of files) {
    const path = f.newPath ?? '';
    for (const h of f.hunks) {
      const start = h.oldStart;
      const end = h.oldStart + h.oldLines - 1;
      const inside = h.oldLines > 0 && (ranges.get(path) ?? []).some(([a, b]) => start >= a && end <= b);
      if (!inside) {
        plan.leftover.push(`--- a/${path}\n+++ b/${path}\n@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}`);
        continue;
      }
      const replacement = h.lines.filter((l) => l[0] === ' ' || l[0] === '+').map((l) => l.slice(1));
      const f3 = fence(replacement);
      plan.suggestions.push({ path, startLine: start, line: end, body: `${f3}suggestion\n${replacement.join('\n')}${replacement.length ? '\n' : ''}${f3}` });
    }
  }
  return plan;
}
