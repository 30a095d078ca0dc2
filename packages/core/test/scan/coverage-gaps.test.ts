import { describe, expect, it } from '@jest/globals';
import { Scanner, textLines } from '../../src/scan/index.js';

// What issue 18 asked the scanner to catch, and the look-alikes it must keep quiet on.
const scanner = new Scanner({ fixtures: [], weakMatches: false });
const found = (text: string, path = 'src/app.ts') => scanner.scanFile({ path, lines: textLines(text) });
const ids = (text: string, path?: string) => found(text, path).map((f) => f.ruleId);

describe('look-alikes stay quiet', () => {
  const quiet: [string, string?][] = [
    ['"integrity": "sha512-Zx9Lk2Qw8Er4Ty6Ui1OpAs3Df5Gh7Jk9Lz1Xc2Vb4Nm6Qw8Er0Ty2Ui4Op6As8Df0Gh2Jk4Lz6Xc8Vb0Nm2Qw=="', 'deps.json'],
    ['const id = "3f9a1c7e-5b2d-4f8a-9c0e-7b5d3f1a8c6e";'],
    ['commit 9a038989604e8da62ecddbe2094b16ce1b778be1'],
    ['resolved "https://registry.yarnpkg.com/abc/-/abc-1.0.0.tgz#9a038989604e8da62ecddbe2094b16ce1b778be1"', 'deps.txt'],
    ['if (password == passwordConfirm) {'],
    ["if (password === '') return;"],
    ["const label = { password: 'Password', username: 'Username' };"],
    ['placeholder="Enter password"'],
    ["password: '********'"],
    ["apiKey: 'YOUR_API_KEY'"],
    ["apiKey: 'xxxx-xxxx'"],
    ["token: 'EXAMPLE-TOKEN-1234'"],
    ["password = 'aaaaaaaa'"],
    ['x-api-key: ${{ secrets.API_KEY }}'],
    ['API-KEY-HEADER-NAME-FOR-THE-CLIENT'],
    ['docker login myregistry.azurecr.io --username $SP_APP_ID --password $SP_PASSWD'],
    ['https://example.blob.core.windows.net/c?sv=2022-11-02&sig=%3Csignature%3E'],
    ['{"auth": "basic"}'],
    ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', '.npmrc'],
    ['{"level":30,"time":1700000000000,"pid":4242,"hostname":"web-1","name":"Api","msg":"listening"}', 'app.log'],
    ['id,name,city\n1,John,New York', 'people.csv'],
  ];
  for (const [text, path] of quiet) it(JSON.stringify(text.slice(0, 60)), () => expect(ids(text, path)).toEqual([]));
});

describe('caught now', () => {
  it('hard-coded passwords compared in code, at a non-blocking severity', () => {
    for (const line of ['if (password == "letmein") {', 'if db_pass !== "s3cret" {', 'if ("letmein1" === password) {'])
      expect(found(line).map((f) => [f.category, f.severity])).toEqual([['credential', 'medium']]);
  });
  it('a random-looking hard-coded password stays blocking (high)', () => {
    expect(found('if (password == "Zx9Lk2Qw8Er4Ty6U") {').map((f) => f.severity)).toEqual(['high']);
  });
  it('secrets inside XML elements with the keyword on the same line', () => {
    expect(ids('<entry key="password">S3cr3tPw!</entry>')).toHaveLength(1);
    expect(ids('<password>Tr0ub4dor3</password>')).toHaveLength(1);
  });
  it('bare tokens of a known format in a log line, with no keyword nearby', () => {
    expect(ids('2024-01-01T00:00:00Z retrying with da2-4hj7k2m9q5w8x1z3c6v0b7n4l2 after 401', 'build.log')).toEqual(['aws-appsync-api-key']);
    expect(ids('Using BBDC-NDk3MzI1OTQ4NzE2OkqR7tZ2vX9pL4mW8sY1nB6cF3hJ for clone', 'build.log')).toEqual(['bitbucket-data-center-token']);
  });
  it('credentials in ftp and MongoDB URLs', () => {
    expect(ids('ftp://deploy:Rk8vQ2zLm4@ftp.example.org/site')).toEqual(['url-with-password']);
    expect(ids('MONGO_URL=mongodb+srv://app:h7Kq2xLp9w@cluster0.example.net/db')).toEqual(['url-with-password']);
  });
  it('.npmrc auth tokens of any shape', () => {
    expect(ids('//npm.pkg.github.com/:_authToken=Zx9Lk2Qw8Er4Ty6Ui1Op', '.npmrc')).toEqual(['npmrc-auth']);
  });
});

describe('two-part credentials', () => {
  const id = ['AKIA', 'Z7QK3LWTB4XRP2MN'].join('');
  it('an access key id and its secret are one finding, on the secret, naming the id', () => {
    const f = found(`aws_access_key_id = ${id}\naws_secret_access_key = kW9s2Lq8Vb3Xz7Rt5Yp1Nc4Md6Hf0Gj2Ek8Ua3Tw`, 'config/aws.ini');
    expect(f.map((x) => [x.ruleId, x.line])).toEqual([['aws-secret-access-key', 2]]);
    expect(f[0]?.description).toContain('access key id on line 1');
  });
  it('an id alone, or far from a secret, is still reported', () => {
    expect(ids(`aws_access_key_id = ${id}`)).toEqual(['aws-access-key-id']);
    const far = `aws_access_key_id = ${id}\n${'x = 1\n'.repeat(8)}aws_secret_access_key = kW9s2Lq8Vb3Xz7Rt5Yp1Nc4Md6Hf0Gj2Ek8Ua3Tw`;
    expect(ids(far, 'config/aws.ini')).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
  });
});
