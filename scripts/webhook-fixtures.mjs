#!/usr/bin/env node
// Copies real webhook payloads from @octokit/webhooks-examples into packages/testkit/fixtures/events/.
// Variants (failure/timed_out conclusions, fork heads, PR comments) are derived in code by
// packages/testkit/src/events.ts, so every fixture here stays a verbatim GitHub example.
import Ajv from 'ajv';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'packages', 'testkit', 'fixtures', 'events');
const index = JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8'));
const webhooks = JSON.parse(readFileSync(require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'), 'utf8'));
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  verbose: true,
  logger: false,
});
ajv.addSchema({ components: webhooks.components }, 'webhooks');

// [event, action, preference among that action's examples (first match wins)]
const WANTED = [
  ['workflow_run', 'completed', [(e) => e.workflow_run?.conclusion === 'failure', (e) => e.workflow_run?.conclusion === 'success', () => true]],
  ['pull_request', 'opened', [(e) => !e.pull_request?.draft, () => true]],
  ['pull_request', 'synchronize', [() => true]],
  ['issue_comment', 'created', [(e) => !!e.issue?.pull_request, () => true]],
  ['pull_request_review_comment', 'created', [() => true]],
  ['push', undefined, [(e) => e.commits?.length > 0, () => true]],
  ['merge_group', 'checks_requested', [() => true]],
  ['pull_request_review', 'submitted', [() => true]],
];

mkdirSync(outDir, { recursive: true });
for (const [event, action, prefs] of WANTED) {
  const entry = index.find((e) => e.name === event);
  if (!entry) throw new Error(`@octokit/webhooks-examples has no ${event} examples`);
  const candidates = entry.examples.filter((e) => (action === undefined ? e.action === undefined : e.action === action));
  const example = prefs.map((p) => candidates.find(p)).find(Boolean);
  if (!example) throw new Error(`no ${event}.${action} example`);
  const schema = `webhook-${(action ? `${event}-${action}` : event).replace(/_/g, '-')}`;
  const added = modernize(example, schema);
  const file = join(outDir, `${action ? `${event}.${action}` : event}.json`);
  // Formatted as `npm run lint` expects, so regenerating never leaves a style-only diff.
  writeFileSync(file, await prettier.format(JSON.stringify(example, null, 2), { ...(await prettier.resolveConfig(file)), parser: 'json' }));
  console.log(`wrote ${file.slice(join(here, '..').length + 1)}${added.length ? ` (filled ${added.length} newer required fields: ${added.join(', ')})` : ''}`);
}

// The examples predate some fields the current webhook schema requires (e.g. has_discussions,
// reactions). Fill only those, with null where the schema allows it, else a schema-shaped sample,
// so the rest of each payload stays verbatim.
function modernize(payload, schema) {
  const validate = ajv.getSchema(`webhooks#/components/schemas/${schema}`);
  if (!validate) throw new Error(`no webhook schema ${schema}`);
  const added = [];
  for (let round = 0; round < 20 && !validate(payload); round++) {
    const missing = validate.errors.filter((e) => e.keyword === 'required');
    if (!missing.length) break;
    for (const e of missing) {
      const target = e.instancePath
        .split('/')
        .slice(1)
        .reduce((node, k) => node?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], payload);
      const name = e.params.missingProperty;
      if (!target || typeof target !== 'object' || name in target) continue;
      target[name] = sample(e.parentSchema.properties?.[name], true);
      added.push(`${e.instancePath}/${name}`);
    }
  }
  if (!validate(payload)) throw new Error(`${schema}: ${ajv.errorsText(validate.errors)}`);
  return [...new Set(added)];
}

function deref(node) {
  while (node && typeof node.$ref === 'string')
    node = node.$ref
      .split('/')
      .slice(1)
      .reduce((n, k) => n?.[k], webhooks);
  return node;
}

function sample(raw, preferNull) {
  const s = deref(raw);
  if (!s) return null;
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  const branches = s.anyOf ?? s.oneOf;
  if (preferNull && (types.includes('null') || branches?.some((b) => deref(b)?.type === 'null') || s.enum?.includes(null))) return null;
  if ('const' in s) return s.const;
  if (s.enum) return s.enum[0];
  if (s.allOf) return Object.assign({}, ...s.allOf.map((b) => sample(b)));
  if (branches) return sample(branches.find((b) => deref(b)?.type !== 'null') ?? branches[0]);
  const type = types.find((t) => t !== 'null') ?? (s.properties ? 'object' : 'string');
  if (type === 'object') return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties?.[k], true)]));
  if (type === 'array') return [];
  if (type === 'integer' || type === 'number') return 0;
  if (type === 'boolean') return false;
  return s.format === 'date-time' ? '2024-01-01T00:00:00Z' : s.format === 'uri' ? 'https://api.github.com/' : '';
}
