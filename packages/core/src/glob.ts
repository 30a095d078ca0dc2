import picomatch from 'picomatch';

/**
 * Every path glob in closed-loop goes through picomatch (the matcher of chokidar, micromatch, jest,
 * vite…), with one set of options, so `**\/*.{pem,crt}`, `[ab].txt` and `!(…)` mean here what they
 * mean in every other tool, and a pattern picomatch cannot parse is an error, not a pattern that
 * silently never matches (which, in `recover.patch.prohibited_paths`, is a safety guard that is off).
 *
 * Conventions, the same for every list:
 * - `**` crosses folders, `*` and `?` do not; `{a,b}`, `[abc]`, `[a-z]` and extglobs `+(…)`, `@(…)`,
 *   `!(…)` work as in bash;
 * - dot files match like any other (`**\/*.pem` matches `a/.b.pem`);
 * - a pattern without `/` matches the base name at any depth (`Makefile` is `**\/Makefile`), as in
 *   .gitignore; a leading `./` or `/` is dropped (paths are relative to the repository root);
 * - in a list, a pattern starting with `!` removes what it matches from what the others match
 *   (`["src/**", "!src/gen/**"]`); a list of only `!` patterns matches everything they do not.
 */

const OPTIONS = { dot: true, strictBrackets: true } as const;

export interface GlobOptions {
  /** Compare ignoring case (for guards: `.ENV` on a case-insensitive checkout is still `.env`). */
  nocase?: boolean;
}

interface Parsed {
  negated: boolean;
  body: string;
}

function parse(glob: string): Parsed {
  const negated = glob.startsWith('!') && !glob.startsWith('!(');
  const raw = negated ? glob.slice(1) : glob;
  const rooted = raw.replace(/^\.?\/+/, '');
  return { negated, body: rooted.includes('/') ? rooted : `**/${rooted}` };
}

function compile(body: string, options: GlobOptions): RegExp {
  return picomatch.makeRe(body, { ...OPTIONS, nocase: options.nocase === true });
}

/** Why picomatch cannot use a glob from a user's config, or undefined when it can. */
export function globProblem(glob: string): string | undefined {
  const { body } = parse(glob);
  if (body === '**/') return 'is an empty pattern';
  // picomatch compiles a dangling escape to a pattern that matches nothing; `/` separates folders, never `\`.
  if (/(?:^|[^\\])(?:\\\\)*\\$/.test(body)) return 'ends in a lone "\\" and can never match (folders are separated by "/")';
  try {
    compile(body, {});
  } catch (error) {
    return `is not a glob picomatch can parse (${(error as Error).message})`;
  }
  return undefined;
}

/** Compiled lists by their globs and options: a scanner is built per scan, its globs are nearly always the same. */
const cache = new Map<string, GlobList>();

/** A list of globs: which paths it matches, and which of its patterns matched first. */
export class GlobList {
  private readonly positive: readonly (readonly [glob: string, pattern: RegExp])[];
  private readonly negative: readonly RegExp[];
  /** One alternation of every positive pattern (each anchored): one test per path in the common case. */
  private readonly any: RegExp | undefined;

  private constructor(globs: readonly string[], options: GlobOptions) {
    const positive: [string, RegExp][] = [];
    const negative: RegExp[] = [];
    for (const glob of globs) {
      const { negated, body } = parse(glob);
      const re = compile(body, options);
      if (negated) negative.push(re);
      else positive.push([glob, re]);
    }
    this.positive = positive;
    this.negative = negative;
    this.any = positive.length ? new RegExp(positive.map(([, re]) => re.source).join('|'), options.nocase ? 'i' : '') : undefined;
  }

  /** The list for these globs; throws on a glob picomatch cannot parse (config validation names the key first). */
  static of(globs: readonly string[], options: GlobOptions = {}): GlobList {
    const key = `${options.nocase ? 'i' : ''}\0${globs.join('\0')}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const list = new GlobList(globs, options);
    if (cache.size < 64) cache.set(key, list);
    return list;
  }

  matches(path: string): boolean {
    return this.firstMatch(path) !== undefined;
  }

  /** The first (positive) glob that matches the path and no `!` glob excludes; `**` when only `!` globs exist. */
  firstMatch(path: string): string | undefined {
    const normal = path.replace(/\\/g, '/').replace(/^\.?\/+/, '');
    if (this.negative.some((re) => re.test(normal))) return undefined;
    if (!this.positive.length) return this.negative.length ? '**' : undefined;
    if (this.any && !this.any.test(normal)) return undefined;
    return this.positive.find(([, re]) => re.test(normal))?.[0];
  }
}
