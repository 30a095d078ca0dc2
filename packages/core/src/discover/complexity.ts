/** A language-agnostic complexity estimate from indentation and branching (no parser needed). */
export interface Complexity {
  lines: number;
  /** Non-blank lines. */
  code: number;
  /** Branch points: if/else if/for/while/case/catch/&&/||/?: and friends. */
  branches: number;
  /** Sum of logical indentation levels over non-blank lines (whitespace complexity). */
  indentation: number;
  /** branches + indentation / 4: the number hotspots multiply churn by. */
  score: number;
}

const BRANCH = /\b(?:if|elif|elsif|for|foreach|while|until|unless|case|when|catch|except|rescue)\b|&&|\|\||\?\?|\?(?=\s)/g;

export function estimateComplexity(text: string): Complexity {
  const lines = text.split('\n');
  const indents: number[] = [];
  let branches = 0;
  let tabs = false;
  for (const line of lines) {
    const trimmed = line.trimStart();
    if (!trimmed) continue;
    const lead = line.slice(0, line.length - trimmed.length);
    if (lead.includes('\t')) tabs = true;
    indents.push(lead.replace(/\t/g, '    ').length);
    branches += trimmed.match(BRANCH)?.length ?? 0;
  }
  // The indentation unit is the smallest non-zero indent (2 or 4 spaces, or a tab), at least 2.
  const unit = tabs ? 4 : Math.max(2, Math.min(8, ...indents.filter((n) => n > 0)));
  const indentation = indents.reduce((sum, n) => sum + Math.floor(n / unit), 0);
  const lineCount = text.endsWith('\n') ? lines.length - 1 : lines.length;
  return { lines: lineCount, code: indents.length, branches, indentation, score: branches + Math.round(indentation / 4) };
}
