import type { Rule } from '../types.js';
import { cred, near } from './credentials.js';

/**
 * Provider formats added after the first rule set, each from the provider's own description of its
 * token (prefix, alphabet, length) or, where the provider publishes none, gitleaks' rule for it. Rules
 * with a public prefix are found bare (log lines, prose); keyed ones need the provider's name nearby.
 * Example values are fabricated.
 */
export const PROVIDER_RULES: Rule[] = [
  cred(
    // Bitbucket Data Center / Bitbucket Server HTTP access tokens: "BBDC-" and 44 characters.
    'bitbucket-data-center-token',
    'Bitbucket Data Center HTTP access token',
    { keywords: ['bbdc-'], pattern: /(?<![\w-])(?<secret>BBDC-[A-Za-z0-9+/@_-]{44})(?![\w+/@-])/g, minEntropy: 3.5 },
    {
      positive: ['BITBUCKET_TOKEN=BBDC-NDk3MzI1OTQ4NzE2OkqR7tZ2vX9pL4mW8sY1nB6cF3hJ'],
      negative: ['BBDC-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'BBDC-short'],
    },
  ),
  cred(
    // Atlassian organisation (admin) API keys: "ATCTT3xFfGN0" then the key, as user tokens' "ATATT3".
    'atlassian-admin-api-key',
    'Atlassian organisation admin API key',
    { keywords: ['atctt3'], pattern: /(?<![\w-])(?<secret>ATCTT3[A-Za-z0-9_\-=]{150,250})(?![\w=-])/g, minEntropy: 4 },
    {
      positive: ['ATLASSIAN_ADMIN_KEY=ATCTT3xFfGN0' + 'q8Lk2mZx9VbN4tRw7YpE3sHd'.repeat(7) + '=ABCD1234'],
      negative: ['ATCTT3xFfGN0EXAMPLE'],
    },
  ),
  cred(
    // Vault's documented token prefixes before 1.10: "s." service, "b." batch, "r." recovery tokens.
    'vault-legacy-token',
    'HashiCorp Vault token (pre-1.10 "s." / "b." format)',
    { keywords: ['vault'], pattern: near('vault', String.raw`[sbr]\.[A-Za-z0-9]{24}`), minEntropy: 3.5, revealPrefix: false },
    { positive: ['VAULT_TOKEN=s.ZC9Ecf4M5g9o34Q6RkzGsj0z'], negative: ['vault_path = s.secret.path.to.value'] },
  ),
  cred(
    // AppSync API keys: "da2-" and 26 lower-case alphanumerics.
    'aws-appsync-api-key',
    'AWS AppSync GraphQL API key',
    { keywords: ['da2-'], pattern: /(?<![\w-])(?<secret>da2-[a-z0-9]{26})(?![\w-])/g, minEntropy: 3.5 },
    { positive: ['const apiKey = "da2-4hj7k2m9q5w8x1z3c6v0b7n4l2"'], negative: ['da2-xxxxxxxxxxxxxxxxxxxxxxxxxx', 'da2-short'] },
  ),
  cred(
    // Octopus Deploy API keys: "API-" and 26 upper-case alphanumerics (not a URL path segment).
    'octopus-deploy-api-key',
    'Octopus Deploy API key',
    {
      keywords: ['api-'],
      pattern: /(?<![\w/-])(?<secret>API-[A-Z0-9]{26})(?![\w-])/g,
      minEntropy: 3.5,
      validate: (s) => /\d/.test(s) && /[A-Z]{2}/.test(s.slice(4)),
    },
    {
      positive: ['octopus_api_token = "API-CMVTUJB0I932HTFZW7FIYMM648"', 'Octopus.Client -ApiKey API-ZNRMR7SL6L3ATMOIK7GKJDKLPY'],
      negative: ['API-XXXXXXXXXXXXXXXXXXXXXXXXXX', 'https://example.notion.site/API-BD80F56CDC1441E6BF6011AB6D85'],
    },
  ),
  cred(
    'discord-webhook-url',
    'Discord webhook URL',
    {
      keywords: ['discord.com/api/webhooks/', 'discordapp.com/api/webhooks/'],
      pattern: /(?<secret>discord(?:app)?\.com\/api\/webhooks\/\d{17,20}\/[\w-]{60,68})(?![\w-])/g,
      revealPrefix: false,
    },
    {
      positive: ['WEBHOOK=https://discord.com/api/webhooks/1234567890123456789/Zx9Lk2Qw8Er4Ty6Ui1OpAs3Df5Gh7Jk9Lz1Xc2Vb4Nm6Qw8Er0Ty2Ui4Op6As8Df0Gh2'],
      negative: ['https://discord.com/api/webhooks/{id}/{token}'],
    },
  ),
  cred(
    // Tableau personal access token secrets: 22 base64 characters, "==:", 32 alphanumerics.
    'tableau-personal-access-token',
    'Tableau personal access token secret',
    { keywords: ['==:'], pattern: /(?<![\w+/])(?<secret>[A-Za-z0-9+/]{22}==:[A-Za-z0-9]{32})(?![\w+/=])/g, minEntropy: 4, revealPrefix: false },
    {
      positive: ['personalAccessTokenSecret: "kQ7rT2mZ9xLk4Wv8Yp3Nsd==:Hc5Jf1Gq6Rb8Tz2Lx7Mw4Kp9Vn3Sd0Ya"'],
      negative: ['aaaaaaaaaaaaaaaaaaaaaa==:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'],
    },
  ),
  cred(
    // Azure SAS: the signature parameter of a URL or connection string that also names a version or expiry.
    'azure-sas-token',
    'Azure shared access signature (sig=)',
    {
      severity: 'critical',
      keywords: ['sig='],
      pattern: /[?&;]sig=(?<secret>[A-Za-z0-9%+/]{40,120}(?:%3D|=){0,2})(?![\w%+/=])/g,
      validate: (_s, c) => /[?&;](?:sv|se|sp|spr|srt|ss|st)=/.test(c.line),
      revealPrefix: false,
    },
    {
      positive: ['https://demo.blob.core.windows.net/c?sv=2022-11-02&ss=b&se=2026-01-01T00:00:00Z&sp=r&sig=Zx9Lk2Qw8Er4Ty6Ui1OpAs3Df5Gh7Jk9Lz1Xc2Vb4Nm%3D'],
      negative: ['https://example.com/?sig=Zx9Lk2Qw8Er4Ty6Ui1OpAs3Df5Gh7Jk9Lz1Xc2Vb4Nm%3D'],
    },
  ),
  cred(
    // Service Bus, Event Hubs, IoT Hub, Relay: SharedAccessKey is 32 random bytes, base64.
    'azure-shared-access-key',
    'Azure shared access key (Service Bus, Event Hubs, IoT Hub)',
    { severity: 'critical', keywords: ['sharedaccesskey='], pattern: /SharedAccessKey=(?<secret>[A-Za-z0-9+/]{42,43}=)/gi, minEntropy: 4, revealPrefix: false },
    {
      positive: ['Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=q8Lk2mZx9VbN4tRw7YpE3sHd5Gh7Jk9Lz1Xc2Vb4Nm6='],
      negative: ['SharedAccessKey=<key>'],
    },
  ),
  cred(
    'azure-storage-key-keyed',
    'Azure storage account key next to its name',
    {
      severity: 'critical',
      keywords: ['azure', 'storage_key', 'storagekey', 'account_key', 'accountkey'],
      pattern: near('azure|storage_?key|account_?key', '[A-Za-z0-9+/]{86}=='),
      minEntropy: 4.5,
      revealPrefix: false,
    },
    {
      positive: ['AZURE_STORAGE_KEY="PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo=="'],
      negative: ['AZURE_STORAGE_KEY=""'],
    },
  ),
  cred(
    // ACR admin passwords: 52 characters, newer ones end in "+ACR" and six more.
    'azure-container-registry-password',
    'Azure Container Registry admin password',
    {
      severity: 'critical',
      keywords: [],
      prefilter: ['azurecr.io'],
      pattern: /(?<![\w+/=])(?<secret>[A-Za-z0-9+/]{42}\+ACR[A-Za-z0-9]{6}|[A-Za-z0-9+/]{52})(?![\w+/=])/g,
      minEntropy: 4.3,
      validate: (s) => /\d/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s),
      revealPrefix: false,
    },
    {
      positive: ['docker login demo.azurecr.io -u demo -p q8Lk2mZx9VbN4tRw7YpE3sHd5Gh7Jk9Lz1Xc2Vb4Nm+ACRk2Qw8E'],
      negative: ['docker login demo.azurecr.io -u demo -p "$ACR_PASSWORD"'],
    },
  ),
  cred(
    // Docker's config.json: "auth" is base64 of "user:password" (or "user:token").
    'docker-config-auth',
    'Docker registry credentials (auth in config.json)',
    {
      severity: 'critical',
      keywords: ['"auth"', '"identitytoken"'],
      pattern: /"(?:auth|identitytoken)"\s*:\s*"(?<secret>[A-Za-z0-9+/_.-]{12,}={0,2})"/gi,
      validate: (secret, c) => {
        if (/"identitytoken"/i.test(c.line)) return secret.length >= 20;
        const decoded = Buffer.from(secret, 'base64').toString('utf8');
        return /^[\x20-\x7e]+:[\x20-\x7e]{3,}$/.test(decoded);
      },
      revealPrefix: false,
    },
    { positive: ['{"auths": {"ghcr.io": {"auth": "ZGVtbzpTdXAzclMzY3JldFB3IQ=="}}}'], negative: ['"auth": "bm90LWEtcGFpcg=="', '"auth": "${DOCKER_AUTH}"'] },
  ),
  cred(
    // .npmrc: "//registry/:_authToken=…", "_auth=" (base64 user:pass) and "_password=" (base64).
    'npmrc-auth',
    'npm registry credentials in .npmrc',
    {
      severity: 'critical',
      keywords: ['_authtoken', '_auth=', '_password='],
      pattern: /(?:^|[\s:'"])(?:_authToken|_auth|_password)\s*=\s*["']?(?<secret>[^\s"'$]{8,512})/gi,
      validate: (s) => !/^\$\{|^\{\{/.test(s),
      revealPrefix: false,
    },
    {
      positive: ['//registry.npmjs.org/:_authToken=9f8a7b6c-5d4e-4f3a-8b2c-1d0e9f8a7b6c', '//npm.pkg.github.com/:_authToken=Zx9Lk2Qw8Er4Ty6Ui1Op'],
      negative: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', '_authToken=xxxxxxxxxxxx'],
    },
  ),
  cred(
    // Telegram bot tokens: the bot id, a colon, then 35 characters that start with "AA".
    'telegram-bot-token',
    'Telegram bot token',
    {
      // Issued tokens' secret part starts "AA"; with "telegram" on the line any 35-character secret counts.
      keywords: [':aa', 'telegram'],
      pattern: /(?<![\w:])(?<secret>\d{5,16}:A[\w-]{34})(?![\w-])/g,
      validate: (secret, c) => /:AA/.test(secret) || /telegram/i.test(c.line),
      minEntropy: 3.5,
      revealPrefix: false,
    },
    {
      positive: ['bot = Bot("7364018255:AAF4kq8Lk2mZx9VbN4tRw7YpE3sHd5Gh7Jk")', 'telegram bot: 21877391:Atbm66dzmtt7_vd9oi9c-uiee1dnv_48zni'],
      negative: ['1234567890:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'build 21877391:Atbm66dzmtt7_vd9oi9c-uiee1dnv_48zni'],
    },
  ),
  cred(
    // Mailchimp API keys: 32 hex digits, "-us", the data-centre number.
    'mailchimp-api-key',
    'Mailchimp API key',
    { keywords: ['-us0'], pattern: /(?<![\w-])(?<secret>[0-9a-f]{32}-us\d{1,2})(?![\w-])/g, minEntropy: 3 },
    { positive: ['MAILCHIMP_KEY=3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e-us14'], negative: ['00000000000000000000000000000000-us1'] },
  ),
  cred(
    // JFrog Artifactory API keys start "AKCp"; reference tokens "cmVmdGtu" (base64 of "reftkn").
    'artifactory-token',
    'JFrog Artifactory API key or reference token',
    { keywords: ['akcp', 'cmvmdgtu'], pattern: /(?<![\w-])(?<secret>AKCp[A-Za-z0-9]{69}|cmVmdGtu[A-Za-z0-9]{56})(?![\w-])/g, minEntropy: 4 },
    {
      positive: ['ARTIFACTORY_API_KEY=AKCp' + 'q8Lk2mZx9VbN4tRw7YpE3sHd5Gh7Jk9Lz1Xc2Vb4Nm6Qw8Er0Ty2Ui4Op6As8Df0Gh2Jk'],
      negative: ['AKCpshort'],
    },
  ),
  cred(
    'figma-token',
    'Figma personal access token',
    {
      keywords: ['figma'],
      pattern: near('figma', String.raw`\d{5,7}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`),
      minEntropy: 3,
      revealPrefix: false,
    },
    { positive: ['FIGMA_TOKEN=123456-3f9a1c7e-5b2d-4f8a-9c0e-7b5d3f1a8c6e'], negative: ['figma_file = "design-system"'] },
  ),
  cred(
    'discord-bot-token',
    'Discord bot token',
    {
      keywords: ['discord', 'bot_token', 'bottoken'],
      pattern: /(?<![\w.-])(?<secret>[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?![\w.-])/g,
      minEntropy: 4,
      revealPrefix: false,
    },
    { positive: ['DISCORD_BOT_TOKEN=MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs'], negative: ['discord_token = "${TOKEN}"'] },
  ),
  cred(
    // Adobe (I/O, Developer Console) OAuth client secrets start "p8e-".
    'adobe-client-secret',
    'Adobe client secret',
    { keywords: ['p8e-'], pattern: /(?<![\w-])(?<secret>p8e-[a-zA-Z0-9]{32})(?![\w-])/g, minEntropy: 3.5 },
    { positive: ['adobeClient := "p8e-93b451be8872edd8a3ced7bc68516337"'], negative: ['p8e-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'] },
  ),
  cred(
    // An app access token is "app id|app secret" (Graph API docs); the app secret alone is 32 hex digits.
    'facebook-app-access-token',
    'Facebook app access token',
    {
      keywords: ['facebook', 'graph.facebook.com'],
      pattern: /(?<![\w|])(?<secret>\d{15,16}(?:\||%7C)[\w-]{27,32})(?![\w-])/g,
      minEntropy: 3.5,
      revealPrefix: false,
    },
    { positive: ['facebook 1308742762612587|rhoK1cbv0DOU_RTX_87O4MkX7AI'], negative: ['facebook 1308742762612587|xxxxxxxxxxxxxxxxxxxxxxxxxxx'] },
  ),
  cred(
    // Tokens issued before April 2021 are 40 hexadecimal digits with no prefix: only the name says what they are.
    'github-legacy-token',
    'GitHub token in the pre-2021 format (40 hex) next to its name',
    {
      severity: 'critical',
      keywords: ['github', 'gh_token', 'gh_pat'],
      pattern: near('github|gh_token|gh_pat', '[0-9a-f]{40}'),
      // The same shape is a commit SHA: GITHUB_SHA, github.sha, "commit", "ref" are not tokens.
      validate: (_s, c) => !/sha|commit|revision|\bref\b|_ref|hash|digest|checksum|run_id/i.test(c.line),
      minEntropy: 3,
      revealPrefix: false,
    },
    {
      positive: ['GITHUB_TOKEN=3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e6b4d2f0a', 'github_api_key: "3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e6b4d2f0a"'],
      negative: ['GITHUB_SHA=3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e6b4d2f0a', 'github_commit: "3f9a1c7e5b2d8f4a6c0e9b7d5f3a1c8e6b4d2f0a"'],
    },
  ),
];
