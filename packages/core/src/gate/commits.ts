/** A commit as the gate sees it: id, parents (a merge has several) and the full message. */
export interface GateCommit {
  sha: string;
  parents: number;
  message: string;
}

export interface CommitSettings {
  types: string[];
  /** Allowed scopes; empty: any scope. */
  scopes: string[];
  requireScope: boolean;
  maxHeaderLength: number;
  /** `skip`: merge commits are not checked (their message is git's); `check`: they must follow the convention too. */
  mergeCommits: 'skip' | 'check';
  /** `fail`: fixup!/squash!/amend! commits must be squashed before merging; `skip`: allowed (squash merges fold them). */
  fixupCommits: 'fail' | 'skip';
  checkTitle: boolean;
}

export interface CommitVerdict {
  /** The commit's sha, or `PR title`. */
  subject: string;
  header: string;
  valid: boolean;
  skipped?: 'merge' | 'fixup';
  /** What is wrong, one line; undefined when valid. */
  problem?: string;
}

// <type>[(<scope>)][!]: <description> — https://www.conventionalcommits.org/en/v1.0.0/#specification
const HEADER = /^([A-Za-z]+)(?:\(([^()\r\n]*)\))?(!)?: (.*)$/;
const FIXUP = /^(fixup|squash|amend)! /;

/** Checks one header (a commit's first line or a PR title) against the convention; the problem in one line. */
export function checkHeader(header: string, s: CommitSettings): string | undefined {
  if (!header.trim()) return 'empty message';
  if (header.length > s.maxHeaderLength) return `header is ${header.length} characters, more than ${s.maxHeaderLength}`;
  // git revert's own header, `Revert "<original header>"`, is accepted where the `revert` type is.
  if (s.types.includes('revert') && /^Revert ".+"$/.test(header)) return undefined;
  const m = HEADER.exec(header);
  if (!m) {
    const near = /^(\w+)(\([^)]*\))?!?:(\S)/.test(header)
      ? ' (a space must follow the colon)'
      : /^\w+(\([^)]*\))?!?\s*-/.test(header)
        ? ' (use ":" after the type)'
        : '';
    return `not "<type>(<scope>): <description>"${near}; e.g. "fix(parser): handle empty input"`;
  }
  const [, type, scope, , description] = m as unknown as [string, string, string | undefined, string | undefined, string];
  if (!s.types.includes(type)) {
    const lower = type.toLowerCase();
    return s.types.includes(lower) ? `type "${type}" must be lower case ("${lower}")` : `type "${type}" is not one of ${s.types.join(', ')}`;
  }
  if (scope !== undefined && !scope.trim()) return 'empty scope "()"; drop the parentheses or name the scope';
  if (scope === undefined && s.requireScope) return `a scope is required, e.g. "${type}(<scope>): …"`;
  if (scope !== undefined && s.scopes.length) {
    const bad = scope
      .split(/[,/]/)
      .map((x) => x.trim())
      .filter((x) => !s.scopes.includes(x));
    if (bad.length) return `scope "${bad.join(', ')}" is not one of ${s.scopes.join(', ')}`;
  }
  if (!description.trim()) return 'empty description after the colon';
  return undefined;
}

/** Every commit (and the PR title) judged; merge and fixup commits per the settings. */
export function checkCommits(commits: readonly GateCommit[], s: CommitSettings, title?: string): CommitVerdict[] {
  const verdicts: CommitVerdict[] = [];
  if (title !== undefined && s.checkTitle) {
    const problem = checkHeader(title.trim(), s);
    verdicts.push({ subject: 'PR title', header: title.trim(), valid: !problem, ...(problem ? { problem } : {}) });
  }
  for (const c of commits) {
    const header = (c.message.split('\n', 1)[0] ?? '').trim();
    if (c.parents > 1 && s.mergeCommits === 'skip') {
      verdicts.push({ subject: c.sha, header, valid: true, skipped: 'merge' });
      continue;
    }
    if (FIXUP.test(header)) {
      if (s.fixupCommits === 'skip') verdicts.push({ subject: c.sha, header, valid: true, skipped: 'fixup' });
      else
        verdicts.push({
          subject: c.sha,
          header,
          valid: false,
          problem: `${header.slice(0, header.indexOf('!'))}! commit; squash it before merging (git rebase -i --autosquash)`,
        });
      continue;
    }
    const problem = checkHeader(header, s);
    verdicts.push({ subject: c.sha, header, valid: !problem, ...(problem ? { problem } : {}) });
  }
  return verdicts;
}

/** One line per bad commit: `<short sha> "<header>": <problem>`. */
export function commitProblems(verdicts: readonly CommitVerdict[]): string[] {
  return verdicts
    .filter((v) => !v.valid)
    .map((v) => `${v.subject === 'PR title' ? 'PR title' : `commit ${v.subject.slice(0, 12)}`} "${v.header.slice(0, 100)}": ${v.problem ?? ''}`);
}

/**
 * Parses `git log --format=%H%x00%P%x00%B%x1e` output: records separated by RS (0x1e), fields by NUL.
 * Written for speed over 10,000-commit ranges: one pass with indexOf.
 */
export function parseGitLog(text: string): GateCommit[] {
  const commits: GateCommit[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\x1e', start);
    if (end < 0) end = text.length;
    const a = text.indexOf('\0', start);
    const b = a < 0 ? -1 : text.indexOf('\0', a + 1);
    if (a > 0 && b > 0 && b < end) {
      const sha = text.slice(start, a).trim();
      const parents = text.slice(a + 1, b).trim();
      commits.push({ sha, parents: parents ? parents.split(' ').length : 0, message: text.slice(b + 1, end) });
    }
    start = end + 1;
  }
  return commits;
}

export const GIT_LOG_FORMAT = '--format=%H%x00%P%x00%B%x1e';
