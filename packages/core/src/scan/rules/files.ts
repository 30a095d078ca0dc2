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

const SECRET_KIND = /^\s*["']?kind["']?\s*:\s*["']?secret["']?\s*$/i;
const DATA_SECTION = /^(?<indent>\s*)["']?(?:data|stringData)["']?\s*:\s*$/;
const DATA_ENTRY = /^(?<indent>\s*)["']?[\w.-]+["']?\s*:\s*(?<value>\S.*?)\s*$/;

/** The first value under `data:` / `stringData:` of each YAML document whose `kind` is Secret. */
function kubernetesSecretValues(file: ScanFile): FileMatch[] {
  const out: FileMatch[] = [];
  let document: ScanFile['lines'] = [];
  const finish = (): void => {
    if (!document.some((l) => SECRET_KIND.test(l.text))) return;
    for (let i = 0; i < document.length; i++) {
      const section = DATA_SECTION.exec((document[i] as ScanFile['lines'][number]).text);
      if (!section) continue;
      const depth = section.groups?.indent?.length ?? 0;
      for (let k = i + 1; k < document.length; k++) {
        const { line, text } = document[k] as ScanFile['lines'][number];
        if (!text.trim()) continue;
        const entry = DATA_ENTRY.exec(text);
        if (!entry || (entry.groups?.indent?.length ?? 0) <= depth) break;
        let value = entry.groups?.value ?? '';
        let at = { line, text };
        // A block scalar (| or >): the value is on the next line.
        if (/^[|>][-+]?$/.test(value)) {
          const next = document[k + 1];
          if (!next) break;
          at = next;
          value = next.text.trim();
        }
        value = value.replace(/^["']|["']$/g, '');
        // Under ten characters (six bytes of base64) is a flag or a name, not a credential.
        if (value.length < 10 || /^(\$\{|<|\{\{)|^(x+|\*+)$/i.test(value)) continue;
        const start = at.text.indexOf(value);
        out.push({ line: at.line, start, end: start + value.length, secret: value, detail: 'a value under data/stringData' });
        return;
      }
    }
  };
  for (const l of file.lines) {
    if (/^---/.test(l.text)) {
      finish();
      document = [];
    } else document.push(l);
  }
  finish();
  return out;
}

export const kubernetesSecret: FileRule = {
  id: 'kubernetes-secret-manifest',
  category: 'credential',
  severity: 'high',
  confidence: 'medium',
  description: 'Kubernetes Secret manifest with values (base64 in data is encoding, not encryption)',
  keywords: ['kind: secret', "kind: 'secret", 'kind: "secret'],
  match: kubernetesSecretValues,
  examples: {
    positive: [
      { path: 'k8s/db.yaml', text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n  password: UzNjcjN0UGFzc3dvcmQ=' },
      { path: 'k8s/cfg.yaml', text: 'apiVersion: v1\ndata:\n  .dockercfg: |\n    eyJhdXRocyI6e319\nkind: Secret' },
    ],
    negative: [
      { path: 'k8s/empty.yaml', text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: registry-auth\ntype: Opaque' },
      { path: 'k8s/mixed.yaml', text: 'kind: Secret\ntarget:\n  name: s\n---\nkind: ConfigMap\ndata:\n  mode: production' },
      { path: 'k8s/tpl.yaml', text: 'kind: Secret\nstringData:\n  password: ${DB_PASSWORD}' },
    ],
  },
};
