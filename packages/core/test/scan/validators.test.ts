import { describe, expect, it } from '@jest/globals';
import { base64JwtValid, deaValid, isPlaceholder, jwtValid, luhnValid, npiValid, shannonEntropy, ssnValid } from '../../src/scan/index.js';

describe('validators', () => {
  it('Luhn and NPI (80840 prefix)', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(npiValid('1234567893')).toBe(true);
    expect(npiValid('1234-567-893')).toBe(true);
    expect(npiValid('1234567890')).toBe(false);
    expect(npiValid('0234567893')).toBe(false);
    expect(npiValid('123456789')).toBe(false);
  });

  it('DEA checksum', () => {
    expect(deaValid('BB1388568')).toBe(true);
    expect(deaValid('BG8207031')).toBe(false);
    expect(deaValid('B1388568')).toBe(false);
  });

  it('SSN ranges', () => {
    expect(ssnValid('078-05-1123')).toBe(true);
    for (const bad of ['000-12-3456', '666-12-3456', '900-12-3456', '078-00-1123', '078-05-0000', '078-05-1120', '123-45-6789', '111-11-1111'])
      expect(ssnValid(bad)).toBe(false);
  });

  it('JWT structure', () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from('{"sub":"1"}').toString('base64url');
    expect(jwtValid(`${header}.${payload}.sig`)).toBe(true);
    expect(jwtValid(`${Buffer.from('not json').toString('base64url')}.${payload}.sig`)).toBe(false);
    expect(base64JwtValid(Buffer.from(`${header}.${payload}.sig`).toString('base64'))).toBe(true);
  });

  it('entropy and placeholders', () => {
    expect(shannonEntropy('aaaa')).toBe(0);
    expect(shannonEntropy('abcd')).toBe(2);
    for (const p of ['${TOKEN}', '<your-token>', 'xxxxxxxxxxxx', 'changeme', 'AKIAIOSFODNN7EXAMPLE', '{{ secrets.X }}', '$API_KEY', '%TOKEN%', '************'])
      expect(isPlaceholder(p)).toBe(true);
    expect(isPlaceholder('q8Lk2mZx9VbN4tRw7YpE')).toBe(false);
  });
});
