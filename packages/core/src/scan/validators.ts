/** Checksums and structure tests for formats that have one; a failed check drops the match. */

// Read once: under a vm context (jest, where the benchmarks run) each read of the global Math is a slow lookup.
const { log2 } = Math;

/** Shannon entropy in bits per character. */
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  // Characters in the order they first occur, with their counts: plain lists (a secret has a few dozen
  // distinct characters), and no global read per character (see log2).
  const chars: string[] = [];
  const counts: number[] = [];
  for (const ch of value) {
    const at = chars.indexOf(ch);
    if (at < 0) {
      chars.push(ch);
      counts.push(1);
    } else counts[at] = (counts[at] as number) + 1;
  }
  let entropy = 0;
  for (const count of counts) {
    const p = count / value.length;
    entropy -= p * log2(p);
  }
  return entropy;
}

function digitsOf(value: string): number[] {
  return value.replace(/\D/g, '').split('').map(Number); // ASCII digits only
}

/** Luhn (mod 10) over all digits of `value`. */
export function luhnValid(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length === 0) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits[digits.length - 1 - i] as number;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** US National Provider Identifier: 10 digits starting 1 or 2, Luhn over the 80840 card-issuer prefix. */
export function npiValid(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length !== 10 || (digits[0] !== 1 && digits[0] !== 2)) return false;
  return luhnValid(`80840${digits.join('')}`);
}

/** DEA registration number: 2 letters + 7 digits; (d1+d3+d5) + 2·(d2+d4+d6) ends in d7. */
export function deaValid(value: string): boolean {
  const match = /^[A-Z][A-Z9](\d{7})$/.exec(value.toUpperCase());
  if (!match) return false;
  const d = (match[1] as string).split('').map(Number) as [number, number, number, number, number, number, number];
  return (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 === d[6];
}

// Numbers the SSA never issues or that are famous as examples (Woolworth's wallet card, ads).
const NOT_ISSUED_SSNS = new Set(['078051120', '219099999', '123456789', '457555462']);

/** US SSN ranges: area not 000/666/900–999, group not 00, serial not 0000; well-known samples excluded. */
export function ssnValid(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 9 || NOT_ISSUED_SSNS.has(digits)) return false;
  const area = Number(digits.slice(0, 3));
  if (area === 0 || area === 666 || area >= 900) return false;
  if (digits.slice(3, 5) === '00' || digits.slice(5) === '0000') return false;
  return !/^(\d)\1{8}$/.test(digits);
}

function decodeBase64Url(part: string): string | undefined {
  try {
    return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

/** A JWT: header and payload are base64url JSON objects, the header names an algorithm or a type. */
export function jwtValid(token: string): boolean {
  const [header, payload] = token.split('.');
  if (!header || payload === undefined) return false;
  const head = decodeBase64Url(header);
  if (!head || !/^\s*\{/.test(head)) return false;
  return /"(alg|typ|kid|enc|cty|x5t|jku|jwk|crit)"/.test(head) || /"\w+"\s*:/.test(head);
}

/** A base64-encoded JWT (as stored in some config files). */
export function base64JwtValid(value: string): boolean {
  const decoded = decodeBase64Url(value);
  return decoded !== undefined && /^eyJ[\w-]+\.eyJ/.test(decoded);
}
