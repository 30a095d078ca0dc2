import { describe, expect, it } from '@jest/globals';
import { ALL_RULES, mask, Scanner, textLines, type Finding } from '../../src/scan/index.js';

// Previews are public (reports, SARIF, summaries, annotations): none may show 4 or more consecutive
// characters of a secret, beyond the public format prefix the mask deliberately keeps (ghp_, AKIA…).
const scanner = new Scanner({ fixtures: [], weakMatches: false });
const scan = (text: string): Finding[] => scanner.scanFile({ path: 'src/example.txt', lines: textLines(text) });

/** The secret characters of a finding: its span, minus the public prefix that `mask` reveals. */
function secretOf(line: string, f: Finding): string {
  // A PEM header is format, not secret.
  const secret = line.slice(f.column - 1, f.endColumn - 1).replace(/^-----BEGIN[ A-Z]*-----/, '');
  const shown = mask(secret, true).replace('[REDACTED]', '');
  return secret.startsWith(shown) ? secret.slice(shown.length) : secret;
}

/** A 4-character piece of the secret in the preview, unless the example's own words hold it too (`email` vs gmail). */
function leaks(preview: string, secret: string, context: string): string | undefined {
  for (let i = 0; i + 4 <= secret.length; i++) {
    const piece = secret.slice(i, i + 4);
    if (preview.includes(piece) && !context.includes(piece)) return piece;
  }
  return undefined;
}

/** The example, the example with its secret repeated on the line, and with the token run continuing past the match. */
function variants(example: string, f: Finding): string[] {
  const end = f.endColumn - 1;
  const secret = example.slice(f.column - 1, end);
  return [example, `${example} | '${secret}'`, `${secret}:${example}`, `${example.slice(0, end)}Zq7kNTAzYTE1NyJ9.0d67c8b3${example.slice(end)}`];
}

describe('previews never show the secret', () => {
  for (const rule of ALL_RULES) {
    it(`${rule.id}: no preview of its examples shows 4 characters of the secret`, () => {
      for (const example of rule.examples.positive) {
        const found = scan(example);
        const own = found.find((f) => f.ruleId === rule.id);
        if (!own) continue;
        let context = example;
        for (const f of found) context = context.split(example.slice(f.column - 1, f.endColumn - 1)).join('\n');
        for (const line of variants(example, own)) {
          const findings = scan(line);
          const secrets = findings.map((f) => secretOf(line, f)).filter((s) => s.length >= 4);
          for (const f of findings)
            for (const secret of secrets)
              expect({ line, preview: f.preview, leaked: leaks(f.preview, secret, context) }).toEqual({ line, preview: f.preview, leaked: undefined });
        }
      }
    });
  }

  it('redacts the rest of a token run the match stopped short of, and a second copy on the line', () => {
    const line = "token = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc-W1Yr7AWGvpCvT' | 'sk_live_4eC39HqLyjWDarjtT1zdp7dc-W1Yr7AWGvpCvT'";
    for (const f of scan(line)) {
      expect(f.preview).not.toContain('W1Yr7AWG');
      expect(f.preview).not.toContain('4eC39Hq');
    }
  });
});
