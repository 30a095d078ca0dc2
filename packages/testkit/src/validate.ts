// Request and response validation against the subset, with lazily compiled, cached ajv validators.
import AjvModule, { type ErrorObject, type ValidateFunction } from 'ajv';
import { deref, pointer, spec, SPEC_ID, type JsonSchema, type OpenApiOperation, type OpenApiParameter } from './spec.js';
import type { RouteMatch } from './router.js';

// ajv ships CJS with `exports.default`; under NodeNext the default import is the module object.
const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;

let instance: InstanceType<typeof Ajv> | undefined;

/** Made on first use: adding the spec checks it against the meta-schema, which costs every importer (the CLI) ~100 ms. */
function ajv(): InstanceType<typeof Ajv> {
  if (!instance) {
    instance = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false });
    instance.addSchema(spec(), SPEC_ID);
  }
  return instance;
}

const cache = new Map<string, ValidateFunction | null>();

function validatorAt(ptr: string): ValidateFunction | null {
  if (!cache.has(ptr)) cache.set(ptr, ajv().getSchema(ptr) ?? null);
  return cache.get(ptr) ?? null;
}

export interface FieldError {
  resource: string;
  field: string;
  code: string;
  message: string;
}

export interface RequestInput {
  query: URLSearchParams;
  body: unknown;
  hasBody: boolean;
}

export interface ValidatedRequest {
  errors: FieldError[];
  /** Query parameters coerced to their spec types (numbers, booleans). */
  query: Record<string, unknown>;
  /** Path parameters coerced to their spec types. */
  params: Record<string, unknown>;
}

function resolveParams(match: RouteMatch): OpenApiParameter[] {
  const item = spec().paths[match.template] as unknown as {
    parameters?: unknown[];
  };
  const all = [...(item.parameters ?? []), ...(match.operation.parameters ?? [])];
  return all.map((p) => deref(p) as OpenApiParameter);
}

function schemaTypes(schema: JsonSchema | undefined): string[] {
  const s = deref(schema) as JsonSchema | null | undefined;
  const t = s?.type;
  if (Array.isArray(t)) return t as string[];
  if (typeof t === 'string') return [t];
  return [];
}

// Query strings are text; GitHub parses them by the parameter's declared type before checking it.
function coerce(raw: string, schema: JsonSchema | undefined): unknown {
  const types = schemaTypes(schema);
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (types.includes('boolean') && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (types.includes('array')) return raw.split(',');
  return raw;
}

function toFieldErrors(errors: ErrorObject[] | null | undefined, resource: string, prefix: string): FieldError[] {
  return (errors ?? []).map((e) => ({
    resource,
    field: [
      prefix,
      e.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      e.keyword === 'required' ? ((e.params as { missingProperty?: string }).missingProperty ?? '') : '',
    ]
      .filter(Boolean)
      .join('.'),
    code: e.keyword === 'required' ? 'missing_field' : 'invalid',
    message: `${prefix}${e.instancePath} ${e.message ?? 'is invalid'}`.trim(),
  }));
}

function paramPointer(match: RouteMatch, p: OpenApiParameter): ValidateFunction | null {
  // Parameters may live in components or inline; compiling a tiny wrapper keeps $refs resolvable.
  const key = `param:${match.operationId}:${p.in}:${p.name}`;
  if (!cache.has(key)) {
    const schema = rebase(p.schema ?? {});
    cache.set(key, ajv().compile(schema));
  }
  return cache.get(key) ?? null;
}

/** Rewrites document-local `#/...` refs so a detached fragment still resolves against the subset. */
function rebase(node: unknown): JsonSchema {
  if (Array.isArray(node)) return node.map(rebase) as unknown as JsonSchema;
  if (!node || typeof node !== 'object') return node as JsonSchema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SPEC_ID}${v}` : rebase(v);
  return out;
}

export function validateRequest(match: RouteMatch, input: RequestInput): ValidatedRequest {
  const errors: FieldError[] = [];
  const query: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  for (const p of resolveParams(match)) {
    if (p.in !== 'path' && p.in !== 'query') continue;
    const raw = p.in === 'path' ? match.params[p.name] : (input.query.get(p.name) ?? undefined);
    if (raw === undefined) {
      if (p.required)
        errors.push({
          resource: 'Request',
          field: p.name,
          code: 'missing_field',
          message: `${p.name} is required`,
        });
      continue;
    }
    const value = coerce(raw, p.schema);
    const v = paramPointer(match, p);
    if (v && !v(value)) errors.push(...toFieldErrors(v.errors, 'Request', p.name));
    (p.in === 'path' ? params : query)[p.name] = value;
  }
  const rb = match.operation.requestBody;
  const jsonBody = rb?.content?.['application/json'];
  if (jsonBody?.schema && (input.hasBody || rb?.required)) {
    const v = validatorAt(pointer('paths', match.template, match.method.toLowerCase(), 'requestBody', 'content', 'application/json', 'schema'));
    const body = input.hasBody ? input.body : {};
    if (v && !v(body)) errors.push(...toFieldErrors(v.errors, resourceName(match.operationId), ''));
  }
  return { errors, query, params };
}

function resourceName(operationId: string): string {
  const tail = operationId.split('/')[0] ?? 'Resource';
  return tail.charAt(0).toUpperCase() + tail.slice(1).replace(/s$/, '');
}

/** The JSON schema pointer for an operation's response body, or undefined if the spec declares none. */
export function responseSchemaPointer(op: OpenApiOperation, template: string, method: string, status: number): string | undefined {
  const raw = op.responses[String(status)];
  if (!raw) return undefined;
  if (raw.$ref) {
    const name = raw.$ref.split('/').pop() ?? '';
    const r = deref(raw) as { content?: Record<string, { schema?: unknown }> } | null | undefined;
    return r?.content?.['application/json']?.schema ? pointer('components', 'responses', name, 'content', 'application/json', 'schema') : undefined;
  }
  if (!raw.content?.['application/json']?.schema) return undefined;
  return pointer('paths', template, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema');
}

/** Returns readable problems if `body` does not match the spec's response schema for `status`. */
export function validateResponse(match: RouteMatch, status: number, body: unknown): string[] {
  const ptr = responseSchemaPointer(match.operation, match.template, match.method, status);
  if (!ptr) return [];
  const v = validatorAt(ptr);
  if (!v || v(body)) return [];
  return (v.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} (${e.schemaPath})`);
}

/** Validates any value against `#/components/schemas/<name>`; used by tests and seed helpers. */
export function validateSchema(name: string, value: unknown): string[] {
  const v = validatorAt(pointer('components', 'schemas', name));
  if (!v) return [`unknown schema ${name}`];
  return v(value) ? [] : (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

export { ajv as specAjv };
