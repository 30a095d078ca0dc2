import type { Finding } from './types.js';

/**
 * Credentials issued as an id and a secret (an AWS access key id and its secret access key): one leak,
 * so one finding — on the secret, naming the id's line — when both are reported close together.
 */
const PAIRS: readonly { id: string; secret: string; name: string }[] = [
  { id: 'aws-access-key-id', secret: 'aws-secret-access-key', name: 'access key id' },
  { id: 'twilio-api-key', secret: 'twilio-auth-token', name: 'API key SID' },
];

/** How far apart (in lines) the two halves may be: a config block or an environment file's neighbours. */
const WITHIN_LINES = 5;

export function pairCredentials(findings: Finding[]): Finding[] {
  if (findings.length < 2) return findings;
  const merged = new Set<Finding>();
  for (const pair of PAIRS) {
    for (const id of findings) {
      if (id.ruleId !== pair.id || id.suppressed || merged.has(id)) continue;
      const secret = findings.find(
        (s) =>
          s.ruleId === pair.secret &&
          !s.suppressed &&
          s.file === id.file &&
          Math.abs(s.line - id.line) <= WITHIN_LINES &&
          !s.description.includes(', with its '),
      );
      if (!secret) continue;
      secret.description = `${secret.description}, with its ${pair.name} on line ${id.line}`;
      merged.add(id);
    }
  }
  return merged.size ? findings.filter((f) => !merged.has(f)) : findings;
}
