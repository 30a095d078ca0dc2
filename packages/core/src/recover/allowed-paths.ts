import type { Verdict } from '../classify/verdict.js';
import { GlobList } from '../glob.js';

/**
 * Which files a fix may touch. A fixer's patch comes from a job that ran repository code, so it can
 * hold any edit; a lint fix has no business outside the files the linter complained about. The default
 * is the files the failing tool reported (read from the verdict's evidence lines); a repository can
 * name its own list instead (`recover.patch.allowed_paths`, globs). Either way the built-in refusals
 * (`prohibited.ts`: secrets, `.github/`, manifests, lockfiles, CI/build scripts, executable configs)
 * still apply: this list only narrows.
 */
export interface AllowedPaths {
  /** Why a path is outside the list, or undefined when a fix may touch it. */
  refusal(path: string): string | undefined;
  /** How the list was made, for the audit trail. */
  describe: string;
}

// Where runners check the repository out; a tool printing absolute paths prints these prefixes.
const WORKSPACE_PREFIXES = [
  /^\/home\/runner\/work\/[^/]+\/[^/]+\//,
  /^\/Users\/runner\/work\/[^/]+\/[^/]+\//,
  /^[A-Za-z]:\/a\/[^/]+\/[^/]+\//,
  /^\/github\/workspace\//,
  /^\/__w\/[^/]+\/[^/]+\//,
];

// A path-looking token: folders and a file name with an extension, optionally followed by :line(:col).
const PATH_TOKEN = /(?:^|[\s'"`([<])((?:[A-Za-z]:)?[\w./\\@+-]*[\w@+-]\.[A-Za-z0-9]{1,10})(?=$|[\s'"`)\]>:,;(])/g;

/** Repository-relative file paths named in a log line (absolute runner paths made relative). */
export function pathsInLine(line: string): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(PATH_TOKEN)) {
    let path = (m[1] ?? '').replace(/\\/g, '/');
    for (const prefix of WORKSPACE_PREFIXES) path = path.replace(prefix, '');
    path = path.replace(/^\.\/+/, '');
    // URLs, absolute paths outside the workspace and parent references are not files of this repository.
    if (!path || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('://') || path.split('/').includes('..')) continue;
    if (/^\d+(?:\.\d+)+$/.test(path)) continue; // a version number, not a file
    out.push(path);
  }
  return out;
}

/** The files the failing tool reported: paths in the evidence lines of the verdict and of each job. */
export function reportedPaths(verdict: Pick<Verdict, 'evidence' | 'jobs'>): Set<string> {
  const lines = [...verdict.evidence.lines, ...verdict.jobs.flatMap((j) => j.evidence.lines)];
  return new Set(lines.flatMap(pathsInLine));
}

/**
 * The allow-list for one fix: `configured` globs when the config names some, else `reported` (the files
 * the failing tool named, or for a comment-requested fix the pull request's changed files).
 */
export function allowedPaths(configured: readonly string[], reported: ReadonlySet<string>, source: string): AllowedPaths {
  if (configured.length) {
    const list = GlobList.of(configured);
    return {
      describe: `recover.patch.allowed_paths (${configured.join(', ')})`,
      refusal: (path) => (list.matches(path) ? undefined : `the patch touches ${path}, which recover.patch.allowed_paths does not allow`),
    };
  }
  return {
    describe: `${reported.size} file${reported.size === 1 ? '' : 's'} ${source}`,
    refusal: (path) =>
      reported.has(path)
        ? undefined
        : reported.size
          ? `the patch touches ${path}, which is not among the ${reported.size} file${reported.size === 1 ? '' : 's'} ${source}; a fix may only touch those (or set recover.patch.allowed_paths)`
          : `the patch touches ${path}, but no file is known ${source}; name the paths a fix may touch in recover.patch.allowed_paths`,
  };
}
