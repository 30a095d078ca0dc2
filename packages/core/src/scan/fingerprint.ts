import { createHash, pbkdf2Sync } from 'node:crypto';
import type { ScanCategory } from './types.js';

/**
 * Hash of a secret for fingerprints. Credentials are high-entropy, so a plain SHA-256 cannot be
 * reversed; PHI values (an SSN has 10^9 possibilities) get a slow, rule-salted PBKDF2 so a committed
 * baseline does not become a lookup table.
 */
export function secretHash(secret: string, category: ScanCategory, ruleId: string): string {
  if (category === 'phi') return pbkdf2Sync(secret, `closed-loop-scan:${ruleId}`, 5000, 12, 'sha256').toString('hex');
  return createHash('sha256').update(`closed-loop-scan:${secret}`).digest('hex').slice(0, 24);
}

export function fingerprintOf(ruleId: string, file: string, hash: string): string {
  return `${ruleId}:${file}:${hash}`;
}
