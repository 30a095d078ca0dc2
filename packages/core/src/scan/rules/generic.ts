import { shannonEntropy } from '../validators.js';
import type { MatchContext, Rule } from '../types.js';

/**
 * `secret/password/token = "…"` in any common syntax (code, YAML, INI, JSON, XML, shell), gated by the
 * name it is assigned to and by the value's entropy — the catch-all behind the provider-specific rules.
 */
const NAME_WORDS = [
  'secret',
  'passw',
  'pwd',
  'token',
  'apikey',
  'api_key',
  'api-key',
  'auth',
  'credential',
  'creds',
  'private',
  'accesskey',
  'access_key',
  'access-key',
  'key',
  'login',
  'bearer',
];

// Names containing a keyword that are not secrets (public keys, key names, ids, URLs, lengths …).
const NAME_STOP =
  /(public|primary|foreign|sort|partition|cache|lookup|hotkey|keyboard|monkey|keyword|keystore|keytab|keyfile|keyframe|keying|keypair|keysize|keyspace|keycode|keydown|keyup|turkey|donkey|jockey|hockey|whiskey|csrf|xsrf|author(?!i[sz])|tokenizer|signal|signature|design|assign|sigma|signup|signin|login_?url|author)/i;
const NAME_TAIL_STOP =
  /(id|ids|name|names|url|uri|urls|endpoint|file|filename|path|dir|size|length|len|type|version|mode|format|hash|count|index|event|field|prefix|suffix|header|label|pressed|map|mapping|column|ref|env|var|variable|policy|provider|algorithm|alg|expiry|expires|expiration|ttl|timeout|enabled|required|min|max|pattern|regex|schema|template|placeholder|hint|description|message|msg|text|title|type_?name)["'`]?$/i;

const CODE_REFERENCE = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+(\(\))?$/;
const IDENTIFIER_STYLE = /^([a-z]+(_[a-z0-9]+)+|[a-z]+([A-Z][a-z0-9]+)+|[A-Z][a-z]+([A-Z][a-z0-9]+)*|[A-Z0-9]+(_[A-Z0-9]+)+|[a-z]+|[A-Z][a-z0-9]+)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PURE_WORDS = /^[a-z]+([-_ ][a-z]+)*$/i;

function looksLikeCode(value: string): boolean {
  if (CODE_REFERENCE.test(value) && (value.match(/\d/g)?.length ?? 0) <= 6) {
    const segments = value.replace(/\(\)$/, '').split('.');
    if (segments.slice(1).some((s) => IDENTIFIER_STYLE.test(s))) return true;
  }
  return /^(true|false|null|nil|none|undefined)$/i.test(value) || /^(https?|file):\/\//i.test(value) || /^[./~]*\/[\w./-]*$/.test(value);
}

/** A name that holds a secret's value, not one that describes it (`password_hint`, `token_url`, `publicKey`). */
export function nameHoldsSecret(name: string): boolean {
  return !NAME_STOP.test(name) && !NAME_TAIL_STOP.test(name);
}

/** Configuration references, URLs, paths, booleans: values that are code, not data. */
export function valueIsCode(value: string): boolean {
  return looksLikeCode(value) || PURE_WORDS.test(value);
}

export function genericValueIsSecret(value: string, key: string | undefined): boolean {
  const name = key ?? '';
  if (!nameHoldsSecret(name)) return false;
  if (valueIsCode(value)) return false;
  const isPassword = /passw|pwd/i.test(name);
  if (UUID.test(value) && !/(token|secret|passw|pwd|api_?key|apikey)$/i.test(name.replace(/["'`]$/, ''))) return false;
  // Hex digests next to hash-like names are checksums, not secrets.
  if (/^[0-9a-f]{32,128}$/i.test(value) && /(sha|md5|checksum|digest|integrity|commit|rev)/i.test(name)) return false;
  const entropy = shannonEntropy(value);
  if (isPassword) return value.length >= 6 && entropy >= 2.5 && /[^a-z]/i.test(value);
  if (value.length < 10) return false;
  // Long all-digit values (numeric client secrets) count only under an unmistakable name.
  if (/^\d+$/.test(value)) return value.length >= 16 && /(token|secret|apikey|api_key)["'`]?$/i.test(name) && entropy >= 2.8;
  // Needs some mix: at least one digit or symbol among letters, or a long random-looking value.
  const mixed = /\d/.test(value) && /[a-z]/i.test(value);
  return entropy >= (mixed ? 3.0 : 3.5);
}

const OPERATOR = String.raw`["'\`]?[ \t]*(?:\s(?:string|str|String|const|final))?[ \t]*(?::{1,3}=|\?=|\.=|\|\|=|=>|->|<-|==?|:|>|,)[ \t]*@?`;
const VALUE = String.raw`["'\`]?(?<secret>[^\s"'\`,;\\<>(){}\[\]|]{6,256})`;
// Anchored at the start of the identifier, so the engine does not retry inside every word.
const NAME = String.raw`(?<![\w.-])(?<key>[\w.-]*?(?:${NAME_WORDS.join('|')})[\w.-]*)`;

export const genericAssignment: Rule = {
  id: 'generic-secret-assignment',
  category: 'credential',
  severity: 'high',
  confidence: 'medium',
  description: 'A secret, password or token assigned to a variable or config key',
  keywords: NAME_WORDS,
  pattern: new RegExp(NAME + OPERATOR + VALUE, 'gi'),
  validate: (secret: string, context: MatchContext) => genericValueIsSecret(secret, context.key),
  examples: {
    positive: [
      'db_password = "Tr0ub4dor&3xq"',
      "client_secret: 'Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB'",
      'export API_TOKEN=KIjjHCqoDnQZ2AXPW4q71orFwKwYpN',
      '"apiKey": "q8Lk2mZx9VbN4tRw7YpE3sHd"',
      'String authToken = "J1prR2zWJ0mAAyqIQyqXvTtbB3IwW1hKMdyvHZ4f";',
    ],
    negative: [
      'password = "${DB_PASSWORD}"',
      'api_key: <your-api-key>',
      'token = process.env.TOKEN',
      'secret_length = X25519.secret_length',
      'credentialsId: "ff083f76-7804-4ef1-80e4-fe975bb9141b"',
      'public_key = "9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit"',
      'access_token_url = "https://github.com/login/oauth/access_token"',
      'password: changeme',
      'commit_sha = "9a038989604e8da62ecddbe2094b16ce1b778be1"',
      'const keyStr = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"',
    ],
  },
};

const NAMES_A_SECRET = new RegExp(NAME_WORDS.join('|'), 'i');

/** `<apiToken>` on one line and the bare value on the next (XML, plist). */
export const genericElementValue: Rule = {
  id: 'generic-secret-element',
  category: 'credential',
  severity: 'high',
  confidence: 'medium',
  description: 'A secret, password or token as the text of an XML element',
  // The tag on the line before must name a secret: its name words are the keywords, looked for there.
  keywords: NAME_WORDS,
  keywordsOnPreviousLine: true,
  previousLine: /<[\w.:-]+>\s*$/,
  pattern: /^\s*(?<secret>[^\s<>"']{10,256})\s*$/g,
  validate: (secret, context) => {
    const tag = /<(?<key>[\w.:-]+)>\s*$/.exec(context.previous)?.groups?.key;
    return tag !== undefined && NAMES_A_SECRET.test(tag) && genericValueIsSecret(secret, tag);
  },
  examples: { positive: [], negative: ['    plain words here', '<version>\n    1.2.3-SNAPSHOT-abcdef'] },
};
