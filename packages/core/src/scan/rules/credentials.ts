import { base64JwtValid, jwtValid } from '../validators.js';
import type { Rule, RuleExamples, ScanSeverity } from '../types.js';

/**
 * Credential rules. Provider tokens with a fixed prefix are matched by shape alone (high confidence);
 * keyword-anchored ones need the provider's name nearby. Example values are fabricated.
 */
interface Spec {
  severity?: ScanSeverity;
  keywords: string[];
  pattern: RegExp;
  minEntropy?: number;
  validate?: Rule['validate'];
  confidence?: Rule['confidence'];
  /** Default: a certain (high-confidence) match of a prefixed token format. Off where the value has no public prefix. */
  revealPrefix?: boolean;
  prefilter?: Rule['prefilter'];
  allowPlaceholderLike?: boolean;
}

export function cred(id: string, description: string, spec: Spec, examples: RuleExamples): Rule {
  const confidence = spec.confidence ?? 'high';
  return { id, category: 'credential', severity: spec.severity ?? 'high', confidence, revealPrefix: confidence === 'high', description, examples, ...spec };
}

// Provider keyword, then within ~40 characters an assignment of a value of the given shape.
export function near(keyword: string, value: string): RegExp {
  return new RegExp(String.raw`(?:${keyword})[\w.-]{0,20}["'\`]?[ \t]*(?:[:=]{1,3}|=>|,|>|\?=)[ \t]*["'\`]?(?<secret>${value})(?![\w-])`, 'gi');
}

export const CREDENTIAL_RULES: Rule[] = [
  cred(
    'aws-access-key-id',
    'AWS access key id',
    { severity: 'critical', keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'], pattern: /\b(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g },
    {
      positive: ['aws_access_key_id = AKIAZ7QK3LWTB4XRP2MN', '"AccessKeyId": "ASIAY34FZKBOKMUTVV7A"'],
      negative: ['aws_access_key_id = AKIAIOSFODNN7EXAMPLE', 'AKIAZ7QK3LWTB4XRP2M'],
    },
  ),
  cred(
    'aws-secret-access-key',
    'AWS secret access key',
    { severity: 'critical', keywords: ['aws'], pattern: near('aws[\\w.-]{0,20}(?:secret|sk)', '[A-Za-z0-9/+=]{40}'), minEntropy: 4, revealPrefix: false },
    {
      positive: ['aws_secret_access_key = kW9s2Lq8Vb3Xz7Rt5Yp1Nc4Md6Hf0Gj2Ek8Ua3Tw'],
      negative: ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
    },
  ),
  cred(
    'aws-bedrock-api-key',
    'Amazon Bedrock API key',
    {
      keywords: ['absk', 'bedrock-api-key-'],
      pattern: /\b(?<secret>ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[\w+/=%-]{20,})/g,
    },
    {
      positive: [
        'BEDROCK=ABSKQmVkcm9ja0FQSUtleS1' + 'a9Xk2Lm4Pq7Rt1Vw3Yz5Bc8Df0Gh2Jk4Lm6Np8Qr1St3Uv5Wx7Yz9Ab2Cd4Ef6Gh8Ij0Kl2Mn4Op6Qr8St0Uv2Wx4Yz6Ab8Cd0Ef2Gh4Ij6',
      ],
      negative: ['ABSK'],
    },
  ),
  cred(
    'gcp-api-key',
    'Google Cloud API key',
    { keywords: ['aiza'], pattern: /\b(?<secret>AIza[\w-]{35})(?![\w-])/g },
    {
      positive: ['key = "AIzaSyNHxIf32IQ1a1yjl3ZJIqKZqzLAK1XhDk0"'],
      negative: ['AIzaSy_short'],
    },
  ),
  cred(
    'gcp-service-account',
    'Google Cloud service-account key file',
    { severity: 'critical', keywords: ['service_account'], pattern: /"type"\s*:\s*"(?<secret>service_account)"/g },
    {
      positive: ['{"type": "service_account", "project_id": "demo"}'],
      negative: ['"type": "authorized_user"'],
    },
  ),
  cred(
    'azure-storage-key',
    'Azure storage account key',
    { severity: 'critical', keywords: ['accountkey', 'sharedaccesssignature'], pattern: /AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/gi },
    {
      positive: [
        'DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo==;',
      ],
      negative: ['AccountKey=<key>'],
    },
  ),
  cred(
    'azure-ad-client-secret',
    'Azure AD (Entra) client secret',
    { keywords: ['q~'], pattern: /(?:^|[\s"'`=:(,>])(?<secret>[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?![\w~.-])/g },
    {
      positive: ['client_secret = "bP88Q~rcBcYjzWOWPLWqBYOMQFhXMzMPPNFjDaZZ"'],
      negative: ['Q~ alone'],
    },
  ),
  cred(
    'github-token',
    'GitHub token (personal, OAuth, app, refresh)',
    { severity: 'critical', keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'], pattern: /\b(?<secret>gh[pousr]_[A-Za-z0-9]{36,255})\b/g },
    {
      positive: ['GITHUB_TOKEN=ghp_R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXY'],
      negative: ['ghp_short', 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  ),
  cred(
    'github-fine-grained-pat',
    'GitHub fine-grained personal access token',
    { severity: 'critical', keywords: ['github_pat_'], pattern: /\b(?<secret>github_pat_\w{82})\b/g },
    {
      positive: ['token: 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'],
      negative: ['github_pat_tooShort'],
    },
  ),
  cred(
    'gitlab-token',
    'GitLab token (personal, pipeline trigger, runner, deploy, OAuth, feed …)',
    {
      severity: 'critical',
      keywords: ['glpat-', 'glptt-', 'glrt-', 'gldt-', 'glcbt-', 'glimt-', 'glagent-', 'gloas-', 'glsoat-', 'glffct-', 'glft-', 'gr1348941', '_gitlab_session'],
      minEntropy: 3,
      pattern:
        /(?<secret>\b(?:glpat|glptt|glrt|gldt|glcbt|glimt|glagent|gloas|glsoat|glffct|glft)-[\w-]{20,}|\bGR1348941[\w-]{20,}|_gitlab_session=[0-9a-z]{32})/gi,
    },
    { positive: ['CI_TOKEN=glpat-Zx9Lk2Qw8Er4Ty6Ui1Op', 'glrt-2CR8_eVxiioB1QmzPZwa'], negative: ['glpat-short'] },
  ),
  cred(
    'slack-token',
    'Slack token (bot, user, app, config, legacy)',
    {
      severity: 'critical',
      keywords: ['xox', 'xapp-'],
      pattern:
        /\b(?<secret>xoxb-\d{10,13}-\d{10,13}[a-zA-Z0-9-]*|xox[pe](?:-\d{10,13}){3}-[a-zA-Z0-9-]{28,34}|xox[os]-\d+-\d+-\d+-[a-fA-F\d]+|xox[ar]-(?:\d-)?[0-9a-zA-Z-]{8,80}|xoxb-\d{8,14}-[a-zA-Z0-9]{18,26}|xoxe\.xox[bp]-\d-[A-Z0-9]{163,166}|xoxe-\d-[A-Z0-9]{146}|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)(?![\w-])/g,
      minEntropy: 2.5,
    },
    {
      positive: ['SLACK_BOT_TOKEN=xoxb-2' + '63594206564-2343594206574-FGqddMF8t08v8N7Oq4i57vs1'],
      negative: ['xoxb-...'],
    },
  ),
  cred(
    'slack-webhook-url',
    'Slack incoming webhook URL',
    {
      keywords: ['hooks.slack.com'],
      pattern:
        /(?<secret>hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56}|hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Z0-9]+\/[A-Z0-9]+\/[\w/]+)/gi,
    },
    {
      positive: ['url: https://hooks.slack.com/services/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'],
      negative: ['https://hooks.slack.com/services/'],
    },
  ),
  cred(
    'teams-webhook-url',
    'Microsoft Teams incoming webhook URL',
    {
      keywords: ['webhook.office.com', 'logic.azure.com'],
      pattern: /(?<secret>https:\/\/[a-z0-9]+\.webhook\.office\.com\/webhookb2\/[a-z0-9-]+@[a-z0-9-]+\/IncomingWebhook\/[a-z0-9]+\/[a-z0-9-]+)/gi,
    },
    {
      positive: [
        'https://contoso.webhook.office.com/webhookb2/7aa49aa6-7840-443d-806c-08ebe8f59966@c662313f-14fc-43a2-9a7a-d2e27f4f3478/IncomingWebhook/8592f62b50cf41b9b93ba0c0a00a0b88/eff4cd58-1bb8-4899-94de-795f656b4a18',
      ],
      negative: ['https://contoso.webhook.office.com/'],
    },
  ),
  cred(
    'stripe-key',
    'Stripe secret or restricted key',
    {
      severity: 'critical',
      keywords: ['sk_live', 'sk_test', 'rk_live', 'rk_test', 'sk_prod', 'rk_prod'],
      pattern: /\b(?<secret>(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99})\b/g,
    },
    {
      positive: ['STRIPE_KEY=sk_live_51Hx9Kd2Lm4Pq7Rt1Vw3Yz5Bc8'],
      negative: ['pk_live_51Hx9Kd2Lm4Pq7Rt1Vw3Yz5Bc8', 'sk_test_xxxxxxxxxxxxxxxx'],
    },
  ),
  cred(
    'twilio-api-key',
    'Twilio API key',
    { keywords: ['sk'], pattern: /\b(?<secret>SK[0-9a-fA-F]{32})\b/g, minEntropy: 3 },
    {
      positive: ['TWILIO_API_KEY=SK5f2c3a9b8e7d6c5b4a3f2e1d0c9b8a7f'],
      negative: ['SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
    },
  ),
  cred(
    'sendgrid-api-key',
    'SendGrid API key',
    { keywords: ['sg.'], pattern: /\b(?<secret>SG\.[\w-]{20,24}\.[\w-]{39,50})\b/g },
    {
      positive: ['SENDGRID_API_KEY=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'],
      negative: ['SG.short.key'],
    },
  ),
  cred(
    'sendinblue-api-key',
    'Brevo (Sendinblue) API key',
    { keywords: ['xkeysib-'], pattern: /\b(?<secret>xkeysib-[a-f0-9]{64}-[a-z0-9]{16})\b/gi },
    {
      positive: ['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'],
      negative: ['xkeysib-123'],
    },
  ),
  cred(
    'npm-access-token',
    'npm access token',
    { severity: 'critical', keywords: ['npm_'], pattern: /\b(?<secret>npm_[a-zA-Z0-9]{36})\b/g },
    {
      positive: ['//registry.npmjs.org/:_authToken=npm_Zx9Lk2Qw8Er4Ty6Ui1OpAs3Df5Gh7Jk9Lz1X'],
      negative: ['npm_config_cache=/tmp/npm_config_cache_value'],
    },
  ),
  cred(
    'pypi-upload-token',
    'PyPI upload token',
    { severity: 'critical', keywords: ['pypi-ageichlwas5vcmc'], pattern: /\b(?<secret>pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})/g },
    {
      positive: [
        'password = pypi-AgEIcHlwaS5vcmcCJGYxZDEwZWY0LTc4NjEtNDNhOS1hNzE2LWQ4NGVjMzQ5NjlhZAACJXsicGVybWlzc2lvbnMiOiAidXNlciIsICJ2ZXJzaW9uIjogMX0AAAYgYWJj',
      ],
      negative: ['pypi-AgEIcHlwaS5vcmc'],
    },
  ),
  cred(
    'rubygems-api-key',
    'RubyGems API key',
    { keywords: ['rubygems_'], pattern: /\b(?<secret>rubygems_[a-f0-9]{48})\b/g },
    { positive: ['rubygems_' + '3f2c9b8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c'], negative: ['rubygems_abc'] },
  ),
  cred(
    'openai-api-key',
    'OpenAI API key',
    {
      severity: 'critical',
      keywords: ['sk-', 't3blbkfj'],
      pattern:
        /\b(?<secret>sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}|sk-(?:[A-Za-z0-9_-]+-)?[A-Za-z0-9_-]{20}T3BlbkFJ[A-Za-z0-9_-]{20})(?![\w-])/g,
    },
    {
      positive: ['OPENAI_API_KEY=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'],
      negative: ['sk-T3BlbkFJ'],
    },
  ),
  cred(
    'anthropic-api-key',
    'Anthropic API key',
    { severity: 'critical', keywords: ['sk-ant-'], pattern: /\b(?<secret>sk-ant-(?:api03|admin01)-[\w-]{80,100}AA)(?![\w-])/g },
    {
      positive: ['ANTHROPIC_API_KEY=sk-ant-api03-' + 'Zx9Lk2Qw8Er4Ty6Ui1OpAs3Df5Gh7Jk9Lz1Xc2Vb4Nm6Qw8Er0Ty2Ui4Op6As8Df0Gh2Jk4Lz6Xc8Vb0Nm2Qw4Er6Ty8Ui0Op2AsAA'],
      negative: ['sk-ant-api03-short'],
    },
  ),
  cred(
    'ai-provider-key',
    'AI provider key (Hugging Face, Groq, Perplexity, Cohere-style prefixed keys)',
    {
      keywords: ['hf_', 'api_org_', 'gsk_', 'pplx-', 'xai-', 'r8_'],
      pattern: /\b(?<secret>hf_[a-zA-Z0-9]{34}|api_org_[a-zA-Z0-9]{34}|gsk_[a-zA-Z0-9]{52}|pplx-[a-zA-Z0-9]{48}|xai-[a-zA-Z0-9]{80}|r8_[a-zA-Z0-9]{37})\b/g,
      minEntropy: 3,
    },
    {
      positive: ['HF_TOKEN=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'],
      negative: ['hf_hub_download'],
    },
  ),
  cred(
    'jwt',
    'JSON Web Token',
    {
      severity: 'medium',
      confidence: 'medium',
      keywords: ['eyj'],
      pattern: /\b(?<secret>ey[A-Za-z0-9_-]{12,}\.ey[A-Za-z0-9_-]{12,}\.[A-Za-z0-9_-]{0,})(?![\w-])/g,
      validate: jwtValid,
    },
    {
      positive: [
        'Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      ],
      negative: ['eyJub3QiOiJhIHRva2VuIn0'],
    },
  ),
  cred(
    'jwt-base64',
    'Base64-encoded JSON Web Token',
    { severity: 'medium', confidence: 'medium', keywords: ['zxlk'], pattern: /\b(?<secret>ZXlK[A-Za-z0-9+/]{40,}={0,2})/g, validate: base64JwtValid },
    {
      positive: ['ZXlKaGJHY2lPaUpJVXpJMU5pSjkuZXlKemRXSWlPaUl4TWpNME5UWTNPRGt3SW4wLmFiYw=='],
      negative: ['ZXlKaGJHY2lPaUpJVXpJMU5pSjk='],
    },
  ),
  cred(
    'private-key',
    'Private key (PEM, OpenSSH, PGP, PuTTY, age)',
    {
      severity: 'critical',
      keywords: ['private key', 'privatekey', 'age-secret-key-1', 'putty-user-key-file'],
      // A header alone (documentation, a regex) is not a key: the body must follow on the line or the next one.
      validate: (secret, context) =>
        !secret.startsWith('-----') ||
        /^[A-Za-z0-9+/=\\]{20,}|^(Proc-Type|Comment|Version):/.test(context.next.trim()) ||
        /-----(\\n|\s)*[A-Za-z0-9+/=]{20,}/.test(context.line),
      pattern:
        /(?<secret>-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}|PuTTY-User-Key-File-\d: )/g,
    },
    {
      positive: [
        '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAv5x2Lq8Zk3Wm9TtQpR7sNc4Yd6Hf0Gj2',
        'key = "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"',
      ],
      negative: [
        '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA',
        '-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----',
      ],
    },
  ),
  cred(
    'url-with-password',
    'Connection string or URL with an embedded password',
    {
      keywords: ['://'],
      revealPrefix: false,
      pattern: /\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@"'`]{1,80}:(?<secret>[^\s/@"'`]{3,120})@[\w.-]+/gi,
      validate: (secret) =>
        !/^(\$\{?\w+\}?|<[^>]*>|\*+|x+|pass(word)?|pwd|secret|changeme|\{\{.*\}\}|%[\w]+%|:?\$\w+)$/i.test(secret) && !/^\d{1,5}$/.test(secret),
    },
    {
      positive: ['DATABASE_URL=postgres://app:Sup3rS3cretPw@db.internal:5432/app', 'mongodb+srv://admin:h7Kq2xLp9@cluster0.example.net/db'],
      negative: ['postgres://app:${DB_PASSWORD}@db:5432/app', 'https://user:password@example.com', 'redis://:<password>@localhost'],
    },
  ),
  cred(
    'auth-header',
    'Authorization header with basic or bearer credentials',
    {
      keywords: ['authorization', 'bearer', 'basic'],
      revealPrefix: false,
      pattern:
        /\b(?:authorization\b["']?\s*[:=]\s*["']?\s*|-H\s+["']Authorization:\s*)(?:(?:Bearer|Basic|token|Api-Token|ApiKey|Key|Digest)\s+)?(?<secret>[A-Za-z0-9._~+/=-]{16,})/gi,
      minEntropy: 3,
    },
    {
      positive: ['curl -H "Authorization: Bearer 9f8Zk2Lq7Xw4Rt1Vb6Np3Ys8Hd"', 'Authorization: Basic dXNlcjpTdXAzclMzY3JldA=='],
      negative: ['Authorization: Bearer ${TOKEN}', 'Authorization: Bearer <token>'],
    },
  ),
  cred(
    'curl-user-password',
    'curl -u user:password on the command line',
    {
      keywords: [' -u ', ' -u=', '--user'],
      revealPrefix: false,
      pattern: /(?:^|\s)(?:-u|--user)[ =]["']?[^\s:"'<$]{1,60}:["']?(?<secret>[^\s"']{4,120})["']?/gi,
      validate: (secret) => !/[<>]|\$[{(]|^\$\w+$|^(\*+|x+|pass(word)?|\d+)$/i.test(secret),
    },
    {
      positive: ['curl --cacert ca.crt -u elastic:P@ssw0rd$1 https://localhost:9200'],
      negative: ['curl -u user:$PASSWORD https://x', 'curl -u user: https://x'],
    },
  ),
  cred(
    // Apart from the other prefixed tokens: its keyword, "pat", is in every "path" and "pattern".
    'airtable-token',
    'Airtable personal access token',
    { keywords: ['pat'], pattern: /(?<![\w.-])(?<secret>pat[a-zA-Z0-9]{14}\.[a-f0-9]{64})(?![\w-])/g, minEntropy: 3 },
    {
      positive: ['AIRTABLE_TOKEN=patQ7rT2mZ9xLk4Wv.3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e6b4d2f0a9c7e5b3d1f8a6c4e2b0d9f7a'],
      negative: ['const pattern = path.join(dir, "patterns.json");', 'patQ7rT2mZ9xLk4Wv8.notahexvalue'],
    },
  ),
  cred(
    'prefixed-saas-token',
    'SaaS API token with a registered prefix (DigitalOcean, Shopify, Doppler, Linear, Pulumi, Postman, Grafana, Sentry, Vault, Databricks, Dynatrace, Atlassian …)',
    {
      keywords: [
        'dop_v1_',
        'doo_v1_',
        'dor_v1_',
        'shpat_',
        'shpca_',
        'shppa_',
        'shpss_',
        'dp.',
        'lin_api_',
        'lin_oauth_',
        'pul-',
        'pmak-',
        'glc_',
        'glsa_',
        'eyjrijoi',
        'sntrys_',
        'sntryu_',
        'hvs.',
        'hvb.',
        'dapi',
        'dt0c01.',
        'atatt3',
        'pscale_',
        'sgp_',
        'dckr_pat_',
        'rdme_',
        'shippo_',
        'duffel_',
        'ezak',
        'eztk',
        'flwseck',
        'flwpubk',
        'ops_eyj',
        'sq0atp-',
        'sq0csp-',
        'eaaa',
        'sl.',
        'figd_',
        'ntn_',
        'clojars_',
        'a3-',
        'pnu_',
        'cfpat-',
        'mlsn.',
        'lsv2_',
        'xoxe',
        'ico-',
        'sha256~',
        'sk_',
        'sbp_',
        'sb_secret_',
        'ctfp_',
        'oct_',
        'fo1_',
        'ya29.',
        'fm1',
        'fm2',
        'ak_',
        'eaam',
        'eaac',
        's-s4t2',
        'v1.0-',
      ],
      pattern: new RegExp(
        String.raw`(?<![\w.-])(?<secret>` +
          [
            String.raw`do[opr]_v1_[a-f0-9]{64}`,
            String.raw`shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}`,
            String.raw`dp\.(?:pt|st|ct|sa|scim|audit)\.[a-zA-Z0-9]{40,44}`,
            String.raw`lin_(?:api|oauth)_[a-zA-Z0-9]{40}`,
            String.raw`pul-[a-f0-9]{40}`,
            String.raw`PMAK-[a-f0-9]{24}-[a-f0-9]{34}`,
            String.raw`glc_[A-Za-z0-9+/]{32,400}={0,2}`,
            String.raw`glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}`,
            String.raw`eyJrIjoi[A-Za-z0-9]{70,400}={0,2}`,
            String.raw`sntry[su]_[a-zA-Z0-9+/=_]{40,}`,
            String.raw`hv[sb]\.[\w-]{90,}`,
            String.raw`hvs\.[\w-]{24}`,
            String.raw`dapi[a-f0-9]{32}(?:-\d)?`,
            String.raw`dt0c01\.[a-z0-9]{24}\.[a-z0-9]{64}`,
            String.raw`ATATT3[A-Za-z0-9_\-=]{186}`,
            String.raw`pscale_(?:tkn|pw|oauth)_[\w=.-]{32,64}`,
            String.raw`sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}`,
            String.raw`dckr_pat_[\w-]{27}`,
            String.raw`rdme_[a-z0-9]{70}`,
            String.raw`shippo_(?:live|test)_[a-fA-F0-9]{40}`,
            String.raw`duffel_(?:test|live)_[\w=-]{43}`,
            String.raw`EZ[AT]K[a-zA-Z0-9]{54}`,
            String.raw`FLW(?:SECK|PUBK)_TEST-[a-hA-H0-9]{32}-X|FLWSECK_TEST[a-hA-H0-9]{12}`,
            String.raw`ops_eyJ[a-zA-Z0-9+/]{250,}={0,3}`,
            String.raw`sq0(?:atp|csp)-[\w-]{22,60}|EAAA[\w-]{60}`,
            String.raw`sl\.u\.[\w-]{140,}|sl\.[\w-]{135,}`,
            String.raw`figd_[\w-]{38,60}`,
            String.raw`ntn_[0-9]{11}[A-Za-z0-9]{32}[A-Za-z0-9]{3}`,
            String.raw`CLOJARS_[a-z0-9]{60}`,
            String.raw`A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}`,
            String.raw`pnu_[a-zA-Z0-9]{36}`,
            String.raw`CFPAT-[\w-]{43}`,
            String.raw`mlsn\.[\w-]{32,}`,
            String.raw`lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}`,
            String.raw`xoxe(?:\.xox[bp])?-\d-[A-Z0-9]{146,}`,
            String.raw`ico-[a-zA-Z0-9]{32}`,
            String.raw`sha256~[\w-]{43}`,
            String.raw`sk_[a-z]{2,10}_[a-zA-Z0-9]{20,}`,
            String.raw`sbp_[a-f0-9]{40}`,
            String.raw`sb_secret_[\w-]{31}`,
            String.raw`ctfp_[\w-]{40,}`,
            String.raw`oct_[\w-]{20,}`,
            String.raw`fo1_[\w-]{43}`,
            String.raw`ya29\.[\w-]{40,}`,
            String.raw`(?:FlyV1 )?fm[12][ar]?_[a-zA-Z0-9+/]{100,}={0,3}`,
            String.raw`ak_[a-zA-Z0-9]{40,}`,
            String.raw`EAA[MC][a-zA-Z0-9]{100,}`,
            String.raw`s-s4t2(?:ud|af)-[a-f0-9]{64}`,
            String.raw`v1\.0-[a-f0-9]{24}-[a-f0-9]{146}`,
          ].join('|') +
          String.raw`)(?![\w-])`,
        'g',
      ),
      minEntropy: 3,
    },
    {
      positive: ['DO_TOKEN=dop_v1_f0fb23c6f5da2cec255404e4fb440034d6608697a8d41bed440e50454f31af31'],
      negative: ['dop_v1_short'],
    },
  ),
];

/** Keyword-anchored provider keys without a distinctive prefix: the provider's name must be nearby. */
interface KeyedProvider {
  id: string;
  name: string;
  /** Literal names, matched case-insensitively (also the keyword-pass keywords). */
  keywords: string[];
  value: string;
  minEntropy: number;
  examples: RuleExamples;
}

const KEYED_PROVIDERS: KeyedProvider[] = [
  {
    id: 'heroku-api-key',
    name: 'Heroku API key',
    keywords: ['heroku'],
    value: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|HRKU-[\\w-]{58,60}',
    minEntropy: 3,
    examples: { positive: ['HEROKU_API_KEY=3f9a1c7e-5b2d-4f8a-9c0e-7b5d3f1a8c6e'], negative: ['heroku_app_id = "my-app"'] },
  },
  {
    id: 'mailgun-key',
    name: 'Mailgun key',
    keywords: ['mailgun'],
    value: '(?:key|pubkey)-[a-f0-9]{32}|[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}|[a-f0-9]{32}',
    minEntropy: 3,
    examples: { positive: ['MAILGUN_API_KEY=key-3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e'], negative: ['mailgun_domain = "mg.example.com"'] },
  },
  {
    id: 'twilio-auth-token',
    name: 'Twilio auth token',
    keywords: ['twilio'],
    value: '[a-f0-9]{32}',
    minEntropy: 3,
    examples: { positive: ['TWILIO_AUTH_TOKEN=3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e'], negative: ['TWILIO_AUTH_TOKEN=00000000000000000000000000000000'] },
  },
  {
    id: 'sidekiq-secret',
    name: 'Sidekiq Enterprise credentials',
    // Bundler's environment form and the gem host itself.
    keywords: ['contribsys__com', 'contribsys.com'],
    value: '[a-f0-9]{8}:[a-f0-9]{8}',
    minEntropy: 2,
    examples: {
      positive: ['BUNDLE_ENTERPRISE__CONTRIBSYS__COM=3f9a1c7e:5b2d8f4a', 'gems.contribsys.com: "3f9a1c7e:5b2d8f4a"'],
      negative: ['gems.contribsys.com = user:pass'],
    },
  },
  {
    id: 'datadog-key',
    name: 'Datadog API or application key',
    keywords: ['datadog', 'dd_api', 'dd_app'],
    value: '[a-f0-9]{32,40}',
    minEntropy: 3,
    examples: { positive: ['DD_API_KEY=3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e'], negative: ['datadog_site = "datadoghq.com"'] },
  },
  // Formats as gitleaks' rules for them describe: no public prefix, so the provider's name must be nearby.
  {
    id: 'dropbox-app-key',
    name: 'Dropbox app key or short-lived token',
    keywords: ['dropbox'],
    value: '[a-z0-9]{15}',
    minEntropy: 3,
    examples: { positive: ['DROPBOX_TOKEN=tqx6lyzlrq8lxny'], negative: ['dropbox_folder = "backupfolders"'] },
  },
  {
    id: 'sumologic-access-id',
    name: 'Sumo Logic access id',
    keywords: ['sumologic', 'sumo_'],
    value: 'su[a-zA-Z0-9]{12}',
    minEntropy: 3,
    examples: { positive: ['SUMO_ACCESS_ID = "suGyI5imvADdvU"'], negative: ['sumo_region = "us2"', 'sumOfExposures = sumOfExposures;'] },
  },
  {
    id: 'sourcegraph-access-token-keyed',
    name: 'Sourcegraph access token (legacy 40 hex)',
    keywords: ['sourcegraph'],
    value: '[a-fA-F0-9]{40}',
    minEntropy: 3,
    examples: { positive: ['sourcegraph: 6d2FabeB6ADd229Bc199FabA28fD3efb57dF0bD3'], negative: ['sourcegraph_url: https://sourcegraph.com'] },
  },
  {
    id: 'jfrog-identity-token',
    name: 'JFrog Artifactory identity token',
    keywords: ['artifactory', 'jfrog'],
    value: '[a-z0-9]{64}',
    minEntropy: 3.5,
    examples: {
      positive: ['"artifactory", "id3givnjg6epvvl94klniaad0e3t5zcs5smk8ydwvlo2n5rcg7xr48z84i1ne39a"'],
      negative: ['artifactory_url = "https://example.jfrog.io"'],
    },
  },
  {
    id: 'linear-client-secret',
    name: 'Linear OAuth client secret',
    keywords: ['linear'],
    value: '[a-f0-9]{32}',
    minEntropy: 3,
    examples: { positive: ['LINEAR_CLIENT_SECRET=f150d9dadc3090a2920a20abe5ce26e0'], negative: ['linear_team = "ENG"'] },
  },
];

export const NUGET_PASSWORD = cred(
  'nuget-config-password',
  'Clear-text password in NuGet.config',
  { keywords: ['cleartextpassword'], pattern: /key=["']ClearTextPassword["']\s+value=["'](?<secret>[^"']{1,200})["']/gi, revealPrefix: false },
  {
    positive: ['<add key="ClearTextPassword" value="Sup3rS3cret!" />'],
    negative: ['<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />'],
  },
);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const KEYED_RULES: Rule[] = KEYED_PROVIDERS.map(({ id, name, keywords, value, minEntropy, examples }) =>
  cred(id, name, { keywords, pattern: near(keywords.map(escapeRegExp).join('|'), value), minEntropy, revealPrefix: false }, examples),
);
