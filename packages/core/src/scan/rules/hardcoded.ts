import { shannonEntropy } from '../validators.js';
import type { MatchContext, Rule } from '../types.js';
import { nameHoldsSecret, valueIsCode } from './generic.js';

/**
 * Hard-coded credentials in code (CWE-798): a string literal assigned to, or compared with, a name that
 * holds a password or key. Unlike the generic rule these need no entropy — `if (password == "hunter2")`
 * is the finding — so they report at medium (non-blocking by default); random-looking values are left
 * to the generic rule, which reports them at high.
 */
const NAMES = String.raw`[\w.$-]*?(?:passw(?:or)?d|passwd|pwd|_pass|pass_|secret|api_?key|apikey|api-key|auth_?token|access_?token|private_?key|credentials?)[\w$-]*`;
// The literal ends at its own closing quote: passwords may hold any other character, braces and all.
const LITERAL = String.raw`(?<q>["'\`])(?<secret>(?:(?!\k<q>)[^\s\\]|\\.){4,200})\k<q>`;
const COMPARE = String.raw`(?:===?|!==?|\beq\b|\bne\b|\.equals(?:IgnoreCase)?\(|\.Equals\()`;
const ASSIGN = String.raw`(?::=|=>|=|:)`;
const KEY = String.raw`(?<![\w.$-])(?<key>${NAMES})["'\]]?`;

const literal = (n: string, secret: string): string => LITERAL.replace(/<q>/g, `<q${n}>`).replace('<secret>', `<${secret}>`);

const PATTERN = new RegExp(
  [
    String.raw`${KEY}\s*(?:${COMPARE}|${ASSIGN})\s*${LITERAL}`,
    // <add key="password" value="…"/>, <entry key="password">…</entry> (the name is checked by the pattern)
    String.raw`(?:key|name)\s*=\s*["'](?:${NAMES})["'](?:\s+value\s*=\s*["']|[^<>]*>)(?<secret2>[^"'<>\s]{4,200})(?=["'<])`,
  ].join('|'),
  'gi',
);
// "literal" == password (Yoda comparisons)
const REVERSED = new RegExp(String.raw`${literal('', 'secret')}\s*${COMPARE}\s*(?<key>${NAMES})(?![\w$.([-])`, 'gi');

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function literalIsCredential(secret: string, context: MatchContext): boolean {
  const key = context.key ?? '';
  if (!nameHoldsSecret(key)) return false;
  // Format strings and complete interpolations (${DB_PASS}, #{x}, {{ x }}, {0}, %s) are not values; a brace
  // that opens nothing ("p${a]ss") is just a character of the password.
  if (/%[sd]|\{\d*\}|[$#]\{[\w.:-]*\}|\{\{[^}]*\}\}/.test(secret)) return false;
  // Prose ("Enter your password") never gets here (no spaces). Words-only values are labels ("Password") unless
  // the code compares the credential with them, or they are long and mixed-case.
  const compared = new RegExp(
    String.raw`(?:==|!=|equals(?:IgnoreCase)?\(|\beq|\bne)\s*["'\`]${escapeRegExp(secret)}["'\`]|["'\`]${escapeRegExp(secret)}["'\`]\s*(?:==|!=)`,
  ).test(context.line);
  if (/^[a-z]+$/i.test(secret) && !compared && (secret.length < 6 || !/[A-Z]/.test(secret.slice(1)))) return false;
  if (valueIsCode(secret) && !compared && !(/\d/.test(secret) && secret.length >= 6)) return false;
  // A value that names what it stands for ("MyPassword1", "secret-key") is a sample, not a secret.
  if (/passw|secret|apikey|api_key|token/i.test(secret)) return false;
  return shannonEntropy(secret) >= 1.5;
}

export const hardcodedCredential: Rule = {
  id: 'hardcoded-credential',
  category: 'credential',
  severity: 'medium',
  confidence: 'medium',
  description: 'Hard-coded password or key compared with or assigned to a credential name (CWE-798)',
  keywords: [
    'passw',
    'pwd',
    '_pass',
    'pass_',
    'secret',
    'apikey',
    'api_key',
    'api-key',
    'auth_token',
    'authtoken',
    'access_token',
    'accesstoken',
    'private_key',
    'privatekey',
    'credential',
  ],
  pattern: PATTERN,
  validate: literalIsCredential,
  examples: {
    positive: [
      'if (password == "pass12") {',
      'if db_pass !== "s3cr3t!" { return }',
      'const config = { apikey: "dev-k3y" };',
      '<add key="DbPassword" value="Pa55word!" />',
      'if user.password.equals("P4ss{w}ord") {',
      'if (password == "letmein")',
      '<entry key="password">S3cr3tPw!</entry>',
      "db_pass = 'p${a]ss{{w0rd'",
    ],
    negative: [
      'if (password == "") {',
      'password: "Enter your password"',
      'if (password === confirmPassword) {',
      'const password = "${DB_PASSWORD}";',
      'const password = `pre-${suffix}`;',
      'password_hint = "first pet"',
      "api_key = 'xxxxxxxx'",
      'password = "password"',
      'placeholder: "Password"',
    ],
  },
};

export const hardcodedCredentialComparison: Rule = {
  ...hardcodedCredential,
  id: 'hardcoded-credential-comparison',
  description: 'Hard-coded password or key a credential is compared with, literal first (CWE-798)',
  pattern: REVERSED,
  examples: { positive: ['if ("letmein1" === password) login();'], negative: ['if ("" === password) return;', 'if ("text" === passwordInput.type) {'] },
};
