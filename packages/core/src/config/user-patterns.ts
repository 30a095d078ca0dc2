import safeRegex from 'safe-regex2';

/**
 * Why a regular expression from a user's config cannot be used, or undefined when it can. A pattern
 * must compile, and must not be able to backtrack exponentially: JavaScript's engine has no time
 * limit, so `(a+)+$` against one long log line would hold the job until it times out. Nested
 * quantifiers (star height above one) are what safe-regex2 rejects, the check ESLint's
 * `no-unsafe-regex` and fastify use; such a pattern can always be rewritten without the nesting.
 */
export function userPatternProblem(source: string, flags = ''): string | undefined {
  try {
    new RegExp(source, flags);
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`;
  }
  if (!safeRegex(source))
    return 'can take exponential time on a long line (a quantifier inside a quantified group, like (a+)+); rewrite it without the nesting';
  return undefined;
}

/** The user patterns in a config document: where each sits (key path) and its flags. */
export function userPatterns(config: Record<string, unknown>): { path: (string | number)[]; source: string; flags: string }[] {
  const found: { path: (string | number)[]; source: string; flags: string }[] = [];
  const classify = config.classify as { rules?: { pattern?: unknown; flags?: unknown }[] } | undefined;
  for (const [i, rule] of (classify?.rules ?? []).entries())
    if (typeof rule.pattern === 'string')
      found.push({ path: ['classify', 'rules', i, 'pattern'], source: rule.pattern, flags: typeof rule.flags === 'string' ? rule.flags : 'i' });
  const reviewHash = config.review_hash as { review_id_pattern?: unknown } | undefined;
  if (typeof reviewHash?.review_id_pattern === 'string')
    found.push({ path: ['review_hash', 'review_id_pattern'], source: reviewHash.review_id_pattern, flags: '' });
  return [...found, ...inEnvironments(config, userPatterns)];
}

/** Config keys whose values are lists of path globs (matched by picomatch, see glob.ts). */
export const GLOB_KEYS: readonly (readonly string[])[] = [
  ['recover', 'patch', 'prohibited_paths'],
  ['recover', 'patch', 'allowed_paths'],
  ['scan', 'exclude'],
  ['scan', 'include'],
  ['scan', 'fixtures'],
  ['value_discovery', 'exclude'],
  ['value_discovery', 'leave_out', 'vendored'],
  ['value_discovery', 'leave_out', 'lockfiles'],
];

/** The path globs in a config document, with where each sits (key path). */
export function userGlobs(config: Record<string, unknown>): { path: (string | number)[]; glob: string }[] {
  const found: { path: (string | number)[]; glob: string }[] = [];
  for (const keys of GLOB_KEYS) {
    let node: unknown = config;
    for (const key of keys) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(node)) for (const [i, glob] of node.entries()) if (typeof glob === 'string') found.push({ path: [...keys, i], glob });
  }
  return [...found, ...inEnvironments(config, userGlobs)];
}

/** What `find` finds in each `environments.<name>` override, with the key path from the top. */
function inEnvironments<T extends { path: (string | number)[] }>(config: Record<string, unknown>, find: (c: Record<string, unknown>) => T[]): T[] {
  const environments = config.environments;
  if (!environments || typeof environments !== 'object') return [];
  return Object.entries(environments as Record<string, unknown>).flatMap(([name, override]) =>
    override && typeof override === 'object' ? find(override as Record<string, unknown>).map((p) => ({ ...p, path: ['environments', name, ...p.path] })) : [],
  );
}
