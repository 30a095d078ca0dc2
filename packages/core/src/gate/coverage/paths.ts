/**
 * Maps the paths a coverage tool wrote (absolute CI paths, `./`-relative, Windows separators, Go import
 * paths, JaCoCo package paths) to repository paths. A report path maps to the repository path it ends
 * with at a folder boundary — the longest such match — so `/home/runner/work/app/app/src/a.ts`,
 * `C:\a\app\src\a.ts` and `github.com/o/app/src/a.go` all find `src/a.ts` / `src/a.go`.
 */
export function normalisePath(path: string): string {
  let p = path.trim().replace(/\\/g, '/');
  if (p.startsWith('file://')) p = p.slice(7);
  p = p.replace(/^[A-Za-z]:\//, '/').replace(/\/{2,}/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  return p;
}

export class PathMapper {
  private readonly bySuffix = new Map<string, string[]>();

  /** `known`: repository-relative paths (the changed files, or `git ls-files`). `roots`: prefixes to strip first. */
  constructor(
    known: Iterable<string>,
    private readonly roots: readonly string[] = [],
  ) {
    for (const path of known) {
      const norm = normalisePath(path);
      const base = norm.slice(norm.lastIndexOf('/') + 1);
      const list = this.bySuffix.get(base) ?? [];
      list.push(norm);
      this.bySuffix.set(base, list);
    }
  }

  /** The repository path a report path names, or undefined when no known path matches. */
  map(reportPath: string): string | undefined {
    let p = normalisePath(reportPath);
    for (const root of this.roots) {
      const r = normalisePath(root).replace(/\/?$/, '/');
      if (r !== '/' && p.startsWith(r)) p = p.slice(r.length);
    }
    const candidates = this.bySuffix.get(p.slice(p.lastIndexOf('/') + 1));
    if (!candidates) return undefined;
    let best: string | undefined;
    for (const c of candidates) {
      if ((p === c || p.endsWith(`/${c}`)) && (!best || c.length > best.length)) best = c;
    }
    if (best) return best;
    // The report is relative to a subfolder (a monorepo package, Cobertura's <source>): the repo path ends with it.
    const rel = p.replace(/^\/+/, '');
    return candidates.find((c) => c.endsWith(`/${rel}`));
  }
}
