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
  const environments = config.environments;
  if (environments && typeof environments === 'object')
    for (const [name, override] of Object.entries(environments as Record<string, unknown>))
      if (override && typeof override === 'object')
        for (const p of userPatterns(override as Record<string, unknown>)) found.push({ ...p, path: ['environments', name, ...p.path] });
  return found;
}
