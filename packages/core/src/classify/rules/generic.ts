import type { ClassifyRule } from '../rule.js';

/**
 * Lines that only say "something failed": they locate evidence when no specific rule matches, and
 * never decide a category on their own (category unknown, low weight).
 */
export const genericRules: ClassifyRule[] = [
  {
    id: 'generic/error-line',
    category: 'unknown',
    subcategory: 'error',
    pattern: /^(\[?(ERROR|FATAL|Error|error|fatal)\]?:?\s)|\bERROR\b:|^E\s{2,}\S|^npm ERR! |^\s*(error|Error|ERROR)[ :]/,
    weight: 0.2,
    keywords: ['error', 'fatal', 'e  ', 'npm err!'],
    examples: {
      match: ['error: something broke', '[ERROR] Failed', 'fatal: bad object HEAD', 'E   assert 1 == 2'],
      noMatch: ['0 errors', 'with error handling'],
    },
  },
  {
    id: 'generic/exit-code',
    category: 'unknown',
    subcategory: 'exit-code',
    pattern:
      /^Process completed with exit code [1-9]\d*\.?$|^The command ".*" (exited|failed) with [1-9]\d*\.?$|^Error: Process completed with exit code [1-9]|exited with code [1-9]\d*$|Exited with code exit status [1-9]/,
    weight: 0.1,
    keywords: ['exit code', 'exited with', 'failed with', 'exit status'],
    examples: { match: ['Process completed with exit code 1.', 'The command "make test" exited with 2.'], noMatch: ['The command "make test" exited with 0.'] },
  },
];
