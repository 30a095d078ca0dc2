// Fake secrets that tests plant in logs and files. Every fake GitHub forbids them by default, so any
// test in the suite that lets one reach a request body or URL fails (see Recorder and FakeGitHub.close).
// Built by concatenation so this source holds no literal token for push protection or our own scan to flag.

const githubToken = ['ghp', '_', 'CanaryClosedLoop', '0123456789abcdefghij'].join('');
const awsAccessKeyId = ['AK', 'IA', 'CANARYCLOSEDLOOP'].join('');
const privateKeyBody = ['MIIEpAIBAAKCAQEA', 'closedLoopCanaryPrivateKeyMaterial', '0123456789ABCDEF'].join('');
const keyKind = ['RSA', 'PRIVATE', 'KEY'].join(' ');
const privateKey = [`-----BEGIN ${keyKind}-----`, privateKeyBody, `-----END ${keyKind}-----`].join('\n');

/** Shaped like the real thing, so the redactor's format rules (not a known-value list) must catch them. */
export const PLANTED_SECRETS = { githubToken, awsAccessKeyId, privateKey } as const;

/** What the fake forbids: one line of each secret (a PEM key is screened by its key material). */
export const PLANTED_SECRET_STRINGS: readonly string[] = [githubToken, awsAccessKeyId, privateKeyBody];

/** A log excerpt carrying all three planted secrets, as a leaky build script would print them. */
export function plantedSecretLog(): string[] {
  return [
    `+ git push https://x-access-token:${githubToken}@github.com/acme/widgets.git`,
    `export AWS_ACCESS_KEY_ID=${awsAccessKeyId}`,
    ...privateKey.split('\n'),
  ];
}
