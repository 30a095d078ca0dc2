import { describe, expect, it } from '@jest/globals';
import { Redactor, REDACTED, REDACTION_RULES } from '../../src/redact/index.js';
import { ALL_CREDENTIAL_RULES, TOKEN_FORMAT_RULES } from '../../src/scan/rules/index.js';
import { scanAddedLines } from '../../src/scan/engine.js';

// Built at run time so this file itself never holds a scannable literal.
const ghp = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const aws = 'AKIA' + 'IOSFODNN7EXAMPLE';
const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY';
const pem = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA1234567890abcdefghijklmnopqrstuvwxyz', '-----END RSA PRIVATE KEY-----'].join('\n');

describe('Redactor', () => {
  it('removes values it was told about, longest first, and short values are ignored', () => {
    const r = new Redactor(['supersecretvalue', 'secret', 'abc']);
    expect(r.redact('x supersecretvalue y secret abc')).toBe(`x ${REDACTED} y ${REDACTED} abc`);
  });

  it('removes each line of a multi-line secret echoed on its own', () => {
    const r = new Redactor([pem.replace('RSA PRIVATE', 'RSA XPRIVATE')]);
    expect(r.redact('line: MIIEowIBAAKCAQEA1234567890abcdefghijklmnopqrstuvwxyz')).toBe(`line: ${REDACTED}`);
  });

  it('removes common token formats nobody told it about', () => {
    const text = [
      `token=${ghp}`,
      `key ${aws}`,
      `aws_secret_access_key = ${awsSecret}`,
      pem,
      'Authorization: Bearer abcdefghijklmnop',
      'https://user:hunter22@example.com/x',
    ].join('\n');
    const out = new Redactor().redact(text);
    for (const secret of [ghp, aws, awsSecret, 'MIIEowIBAAKCAQEA', 'abcdefghijklmnop', 'hunter22']) expect(out).not.toContain(secret);
    expect(out).toContain('aws_secret_access_key = ***');
    expect(out).toContain('Authorization: Bearer ***');
    expect(out).toContain('https://user:***@example.com/x');
  });

  it('leaves ordinary text alone', () => {
    const text = 'Error: expected 3 but got 4 at src/app.ts:12 (sha 0123456789abcdef0123456789abcdef01234567)';
    expect(new Redactor().redact(text)).toBe(text);
  });

  it('derives its token formats from the scan rules: one list, no copy to drift', () => {
    expect(REDACTION_RULES.map((r) => r.rule)).toEqual([...TOKEN_FORMAT_RULES]);
    // Only the catch-alls stay out (see patterns.ts): a new provider rule joins the redactor by itself.
    const left = ALL_CREDENTIAL_RULES.filter((r) => !TOKEN_FORMAT_RULES.includes(r)).map((r) => r.id);
    expect(left).toEqual(['generic-secret-assignment', 'generic-secret-element', 'hardcoded-credential', 'hardcoded-credential-comparison']);
  });

  it("leaves a finding's fingerprint in a report readable", () => {
    const line = '  "fingerprint": "github-token:keys.env:3f9a1c0b7e2d4a6f",';
    expect(new Redactor().redact(line)).toBe(line);
  });

  it.each(TOKEN_FORMAT_RULES.map((rule) => [rule.id, rule] as const))('removes every positive example of scan rule %s', (_id, rule) => {
    for (const example of rule.examples.positive) {
      const out = new Redactor().redact(example);
      expect(out).toContain(REDACTED);
      const lines = out.split('\n').map((text, i) => ({ line: i + 1, text }));
      expect(scanAddedLines([{ path: 'log.txt', lines }], { rules: [rule], fileRules: [] })).toEqual([]);
    }
  });

  it('removes a token exactly when secret-scan recognises it (the old copy had drifted on AWS ids)', () => {
    const samples = ['AKIA' + 'Z7QK3LWTB4XRP2MN', 'AKIA' + 'Z7QK3LWTB4XRP01M', 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', 'ghp_' + 'short'];
    for (const sample of samples) {
      const found = scanAddedLines([{ path: 'log.txt', lines: [{ line: 1, text: `id ${sample}` }] }], { rules: TOKEN_FORMAT_RULES, fileRules: [] });
      expect([sample, new Redactor().redact(`id ${sample}`) !== `id ${sample}`]).toEqual([sample, found.length > 0]);
    }
  });
});
