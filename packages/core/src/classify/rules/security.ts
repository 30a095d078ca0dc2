import type { ClassifyRule } from '../rule.js';

/** Scanners that found a vulnerable dependency, a leaked secret or a policy violation. */
export const securityRules: ClassifyRule[] = [
  {
    id: 'security/npm-audit',
    category: 'security',
    subcategory: 'vulnerable-dependency',
    pattern:
      /found \d+ vulnerabilit(y|ies) \(.*\b(high|critical|moderate)\b|\d+ (high|critical|moderate) severity vulnerabilit(y|ies)|npm audit.*(found|reported) [1-9]|\bSeverity: (high|critical)\b/i,
    weight: 0.9,
    keywords: ['vulnerabilit', 'npm audit', 'severity: '],
    severity: 'high',
    // `npm install` prints the same count and exits 0 (docs.npmjs.com/cli/commands/npm-audit).
    informational: true,
    examples: {
      match: ['found 3 vulnerabilities (1 moderate, 2 high)', '2 critical severity vulnerabilities', 'Severity: critical'],
      noMatch: ['found 0 vulnerabilities', 'audited 1200 packages'],
    },
  },
  {
    id: 'security/cve-scanner',
    category: 'security',
    subcategory: 'vulnerable-dependency',
    pattern:
      /Total: [1-9]\d* \(.*(HIGH|CRITICAL): [1-9]|Found [1-9]\d* known vulnerabilit(y|ies)|Vulnerabilities found!|error: [1-9]\d* vulnerabilit(y|ies) found|vulnerabilit(y|ies) (found|detected)\b.*\b(CVE-\d{4}-\d+|GHSA-[\w-]+)|\b(CVE-\d{4}-\d{4,}|GHSA-\w{4}-\w{4}-\w{4})\b.*\b(HIGH|CRITICAL|high|critical)\b/,
    weight: 0.9,
    keywords: ['total: ', 'known vulnerabilit', 'vulnerabilities found', 'vulnerability found', 'vulnerabilit', 'cve-', 'ghsa-'],
    severity: 'high',
    examples: {
      match: [
        'Total: 4 (UNKNOWN: 0, LOW: 1, MEDIUM: 1, HIGH: 2, CRITICAL: 0)',
        'Found 2 known vulnerabilities in 1 package',
        'error: 1 vulnerability found!',
        'lodash  CVE-2021-23337  HIGH  4.17.20',
      ],
      noMatch: ['Total: 0 (UNKNOWN: 0, LOW: 0, MEDIUM: 0, HIGH: 0, CRITICAL: 0)', 'Fixed CVE-2021-1234 in release notes'],
    },
  },
  {
    id: 'security/secret-detected',
    category: 'security',
    subcategory: 'secret-detected',
    pattern:
      /leaks? found: [1-9]|\bFound (verified|unverified) result\b|secrets? (were |was )?(detected|found) in|Push cannot contain secrets|GH013: Repository rule violations|potential secrets? (detected|found)|detect-secrets.*(failed|found)/i,
    weight: 0.95,
    keywords: ['leaks found', 'leak found', 'verified result', 'secret', 'gh013'],
    severity: 'critical',
    examples: {
      match: ['WRN leaks found: 2', 'remote: - Push cannot contain secrets', 'Potential secrets detected in src/config.ts'],
      noMatch: ['no leaks found', 'INF scan completed, leaks found: 0'],
    },
  },
  {
    id: 'security/sast',
    category: 'security',
    subcategory: 'code-scanning',
    pattern: /\b(semgrep|bandit|gosec|brakeman|codeql|snyk|checkov|tfsec)\b.*\b([1-9]\d* (findings?|issues?|vulnerabilit(y|ies))|(high|critical) severity)\b/i,
    weight: 0.8,
    keywords: ['semgrep', 'bandit', 'gosec', 'brakeman', 'codeql', 'snyk', 'checkov', 'tfsec'],
    severity: 'high',
    examples: { match: ['semgrep: 3 findings (2 blocking)', 'gosec: 4 issues found'], noMatch: ['semgrep: 0 findings', 'Installing bandit'] },
  },
  {
    id: 'security/license-policy',
    category: 'security',
    subcategory: 'license-policy',
    pattern: /(license|licence)s? (policy )?(violation|not allowed|denied|incompatible)|denied licen[cs]e/i,
    weight: 0.75,
    keywords: ['licen'],
    severity: 'medium',
    examples: { match: ['License policy violation: GPL-3.0 in pkg'], noMatch: ['MIT license'] },
  },
];
