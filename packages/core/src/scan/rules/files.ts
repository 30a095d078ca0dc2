import type { FileMatch, FileRule, ScanFile } from '../types.js';

/**
 * Files whose presence is the leak: key stores (PKCS#12, Java KeyStore, JCEKS) hold private keys, and a
 * committed `.env` holds a deployment's settings. Found by name, and key stores also by their magic
 * bytes; the content is never decoded.
 */
const KEY_STORE_NAME = /\.(p12|pfx|jks|keystore|jceks|bks)$/i;

/** JKS 0xFEEDFEED, JCEKS 0xCECECECE, PKCS#12: a DER SEQUENCE holding version INTEGER 3 (RFC 7292 PFX). */
export function keyStoreMagic(head: Uint8Array | undefined): boolean {
  if (!head || head.length < 4) return false;
  const [a, b, c, d] = head as unknown as [number, number, number, number];
  if ((a === 0xfe && b === 0xed && c === 0xfe && d === 0xed) || (a === 0xce && b === 0xce && c === 0xce && d === 0xce)) return true;
  if (a !== 0x30) return false;
  // Length in short form (< 0x80), indefinite (0x80) or long form with 1–2 length bytes.
  const at = b < 0x80 || b === 0x80 ? 2 : b === 0x81 ? 3 : b === 0x82 ? 4 : -1;
  return at > 0 && head[at] === 0x02 && head[at + 1] === 0x01 && head[at + 2] === 0x03;
}

const whole = (file: ScanFile, detail: string): FileMatch[] => [{ line: file.lines[0]?.line ?? 1, start: 0, end: 0, secret: file.path, detail }];

export const keyStoreFile: FileRule = {
  id: 'private-key-store-file',
  category: 'credential',
  severity: 'critical',
  confidence: 'high',
  description: 'Private-key container committed (PKCS#12 .p12/.pfx, Java KeyStore .jks/.keystore)',
  claimsPath: (path) => KEY_STORE_NAME.test(path),
  match: (file) => {
    if (KEY_STORE_NAME.test(file.path)) return whole(file, 'by its name');
    return file.lines.length === 0 && keyStoreMagic(file.head) ? whole(file, 'by its first bytes') : [];
  },
  examples: {
    positive: [{ path: 'certs/server.p12' }, { path: 'app/release.keystore' }, { path: 'signing/key.bin.orig', head: [0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2] }],
    negative: [
      { path: 'docs/p12-format.md', text: 'How to make a .p12 file' },
      { path: 'image.data', head: [0x89, 0x50, 0x4e, 0x47] },
    ],
  },
};

// .env, .env.local, .env.production; not the templates that document the variables.
const DOTENV = /(?:^|\/)\.env(?:\.[\w.-]+)?$/i;
const DOTENV_TEMPLATE = /\.(example|sample|template|tmpl|tpl|dist|defaults?|schema|ci|test|spec|docs?)(\.[\w-]+)?$|\.env\.(local\.)?(example|sample)/i;

export const dotenvFile: FileRule = {
  id: 'dotenv-file',
  category: 'credential',
  severity: 'medium',
  confidence: 'high',
  description: 'Committed .env file (environment settings, usually secrets, belong outside the repository)',
  match: (file) =>
    DOTENV.test(file.path) && !DOTENV_TEMPLATE.test(file.path) && file.lines.some((l) => /^\s*(?:export\s+)?[A-Za-z_]\w*\s*=/.test(l.text))
      ? whole(file, 'by its name')
      : [],
  examples: {
    positive: [
      { path: '.env', text: 'DATABASE_URL=postgres://localhost/app' },
      { path: 'api/.env.production', text: 'export STRIPE_KEY=abc' },
    ],
    negative: [
      { path: '.env.example', text: 'DATABASE_URL=' },
      { path: 'src/env.ts', text: 'export const env = {}' },
      { path: '.envrc', text: 'use nix' },
    ],
  },
};
