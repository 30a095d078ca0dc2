// Labelled-data evaluation for the scan benchmark (../shared/data; never copied into the repo).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Scanner, textLines, type Finding, type ScanCategory, type ScanOptions } from '../../packages/core/src/scan/index.js';

export const DATA = join(process.cwd(), '..', 'shared', 'data');
export const hasData = (): boolean => existsSync(join(DATA, 'secrets')) && existsSync(join(DATA, 'phi'));
const readData = (...path: string[]): unknown => JSON.parse(readFileSync(join(DATA, ...path), 'utf8'));

export interface Score {
  family: string;
  positives: number;
  found: number;
  negatives: number;
  falsePositives: number;
}

export const recall = (s: Score): number => (s.positives ? s.found / s.positives : 1);
export const precision = (s: Score): number => (s.found + s.falsePositives ? s.found / (s.found + s.falsePositives) : 1);

const zeroScore = (family: string): Score => ({ family, positives: 0, found: 0, negatives: 0, falsePositives: 0 });

function bump(map: Map<string, Score>, family: string): Score {
  let s = map.get(family);
  if (!s) map.set(family, (s = zeroScore(family)));
  return s;
}

/** Adds the families' counts into the total. */
function addUp(total: Score, families: Score[]): void {
  for (const s of families) {
    total.positives += s.positives;
    total.found += s.found;
    total.negatives += s.negatives;
    total.falsePositives += s.falsePositives;
  }
}

const GENERIC = new Set(['generic-secret-assignment', 'generic-secret-element']);

const FAMILIES: [RegExp, string][] = [
  [
    /^(aws|gcp|azure|alibaba|yandex|digitalocean|heroku|flyio|scalingo|cloudflare|openshift|kubernetes|hashicorp|vault|pulumi|databricks|confluent|clickhouse|planetscale)/,
    'cloud & infra',
  ],
  [
    /^(github|gitlab|bitbucket|npm|pypi|rubygems|clojars|nuget|jfrog|artifactory|sonar|snyk|codecov|droneci|travisci|sourcegraph|harness|octopus|prefect|infracost|defined|doppler|1password|settlemint)/,
    'vcs, registries & CI',
  ],
  [
    /^(slack|discord|microsoft-teams|telegram|mattermost|twitch|twitter|facebook|linkedin|gitter|intercom|zendesk|messagebird|sendbird|mailchimp|mailgun|sendgrid|sendinblue|twilio|typeform|hubspot|beamer|flickr|nytimes|etsy|notion|linear|asana|atlassian|looker|airtable|dropbox|contentful|readme|postman|netlify|new-relic|datadog|sentry|grafana|dynatrace|launchdarkly|sumologic|okta|authress|lob|shippo|easypost|duffel|frameio|fastly|freshbooks|finnhub|mapbox|maxmind|algolia|adafruit|adobe|age|cisco|rapidapi|squarespace|intra42|yandex|kucoin|kraken|coinbase|bittrex|sidekiq|shopify|freemius)/,
    'SaaS & messaging',
  ],
  [/^(stripe|square|plaid|flutterwave|gocardless|finicity)/, 'payments'],
  [/^(openai|anthropic|huggingface|cohere|perplexity|privateai)/, 'AI providers'],
  [/^(jwt)/, 'JWT'],
  [/^(private-key|pkcs12)/, 'private keys'],
  [/^(curl|generic)/, 'generic & auth headers'],
];

export function familyOf(rule: string): string {
  return FAMILIES.find(([re]) => re.test(rule))?.[1] ?? 'SaaS & messaging';
}

interface Sample {
  path?: string;
  text: string;
}
interface RuleSamples {
  rule: string;
  positives: string[];
  negatives: string[];
  positives_with_path?: Sample[];
  negatives_with_path?: Sample[];
}

// The evaluations read every sample with one scanner, so they lift its run-wide listing cap
// (`maxFindings`): past it findings are counted, not listed, and every later sample would look missed.
function evaluationScanner(options: ScanOptions, category: ScanCategory): Scanner {
  return new Scanner({ maxFindings: Infinity, ...options, categories: [category], fixtures: [] });
}

function scanSample(scanner: Scanner, sample: Sample): Finding[] {
  return scanner.scanFile({ path: sample.path ?? 'sample.txt', lines: textLines(sample.text) });
}

export interface CredentialEval {
  families: Score[];
  total: Score;
  genericTrips: number;
  missed: { rule: string; text: string }[];
  falsePositives: { rule: string; text: string; by: string }[];
  skippedEmpty: number;
}

/** gitleaks rule samples: a positive counts when any credential rule reports it; a negative when a non-generic rule (or, for generic-api-key, any rule) does. */
export function evaluateCredentials(options: ScanOptions = {}): CredentialEval {
  const rules = readData('secrets', 'gitleaks', 'rule_samples.json') as RuleSamples[];
  const scanner = evaluationScanner(options, 'credential');
  const families = new Map<string, Score>();
  const result: CredentialEval = {
    families: [],
    total: zeroScore('all credentials'),
    genericTrips: 0,
    missed: [],
    falsePositives: [],
    skippedEmpty: 0,
  };
  for (const r of rules) {
    const score = bump(families, familyOf(r.rule));
    for (const sample of [...r.positives.map((text) => ({ text })), ...(r.positives_with_path ?? [])]) {
      if (!sample.text.trim()) {
        result.skippedEmpty++; // e.g. pkcs12-file: the positive is a binary file name only
        continue;
      }
      score.positives++;
      if (scanSample(scanner, sample).length > 0) score.found++;
      else result.missed.push({ rule: r.rule, text: sample.text });
    }
    for (const sample of [...r.negatives.map((text) => ({ text })), ...(r.negatives_with_path ?? [])]) {
      score.negatives++;
      const findings = scanSample(scanner, sample);
      const blamed = findings.filter((f) => r.rule === 'generic-api-key' || !GENERIC.has(f.ruleId));
      if (blamed.length > 0) {
        score.falsePositives++;
        result.falsePositives.push({ rule: r.rule, text: sample.text, by: blamed[0]?.ruleId ?? '' });
      } else if (findings.length > 0) result.genericTrips++;
    }
  }
  result.families = [...families.values()].sort((a, b) => a.family.localeCompare(b.family));
  addUp(result.total, result.families);
  return result;
}

interface PresidioCase {
  entities: string[];
  text: string;
  label: string;
  expected_count: number;
  model_based?: boolean;
}

/** Presidio entity → our PHI rules that answer for it. Entities outside HIPAA-in-code scope are listed, not scored. */
const ENTITY_RULES: Record<string, string[]> = {
  US_SSN: ['phi-us-ssn', 'phi-us-ssn-context'],
  US_NPI: ['phi-npi'],
  MEDICAL_LICENSE: ['phi-dea-number'],
};

export interface PhiEval {
  families: Score[];
  total: Score;
  modelBased: Score;
  outOfScope: Map<string, number>;
  missed: { entity: string; text: string }[];
  falsePositives: { entity: string; text: string }[];
}

/** Entity-level: per case, min(found, expected) true positives; extra or negative-case findings are false positives. */
export function evaluatePhi(options: ScanOptions = {}): PhiEval {
  const cases = readData('phi', 'presidio', 'recognizer_cases.json') as PresidioCase[];
  const scanner = evaluationScanner(options, 'phi');
  const families = new Map<string, Score>();
  const result: PhiEval = {
    families: [],
    total: zeroScore('all PHI'),
    modelBased: zeroScore('model-based (names, dates)'),
    outOfScope: new Map(),
    missed: [],
    falsePositives: [],
  };
  for (const c of cases) {
    const entity = c.entities[0] ?? '';
    if (c.model_based) {
      const findings = scanSample(scanner, { text: c.text }).filter((f) => /name|birth/.test(f.ruleId));
      result.modelBased.positives += c.expected_count;
      result.modelBased.found += Math.min(findings.length, c.expected_count);
      continue;
    }
    const ruleIds = ENTITY_RULES[entity];
    if (!ruleIds) {
      result.outOfScope.set(entity, (result.outOfScope.get(entity) ?? 0) + 1);
      continue;
    }
    if (c.label === 'unspecified') continue;
    const score = bump(families, entity);
    const found = scanSample(scanner, { text: c.text }).filter((f) => ruleIds.includes(f.ruleId)).length;
    if (c.label === 'positive') {
      score.positives += c.expected_count;
      score.found += Math.min(found, c.expected_count);
      score.falsePositives += Math.max(0, found - c.expected_count);
      if (found < c.expected_count) result.missed.push({ entity, text: c.text });
    } else {
      score.negatives++;
      score.falsePositives += found;
      if (found) result.falsePositives.push({ entity, text: c.text });
    }
  }
  result.families = [...families.values()];
  addUp(result.total, result.families);
  return result;
}
