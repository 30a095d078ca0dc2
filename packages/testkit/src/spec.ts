// The OpenAPI subset is the single source of truth for routing, validation and response shapes.
import { readFileSync } from 'node:fs';
import { testkitFile } from './paths.js';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: Array<OpenApiParameter | { $ref: string }>;
  requestBody?: {
    required?: boolean;
    content?: Record<string, { schema?: JsonSchema }>;
  };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: Record<string, Record<string, unknown>>;
}

let document: OpenApiDocument | undefined;

/**
 * The subset, read on first use and then kept (JSON import attributes are still awkward across ts-jest
 * and NodeNext). Not at import: the CLI imports testkit for `replay`, and every command, the pre-commit
 * hook included, would pay for reading and parsing it.
 */
export function spec(): OpenApiDocument {
  document ??= JSON.parse(readFileSync(testkitFile('openapi', 'github-subset.json'), 'utf8')) as OpenApiDocument;
  return document;
}

export const SPEC_ID = 'github-subset';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Follows a local `#/components/...` pointer inside the subset. */
export function deref(node: unknown): unknown {
  let cur = node as { $ref?: string } | undefined;
  for (let i = 0; i < 20 && cur && typeof cur === 'object' && typeof cur.$ref === 'string'; i++) {
    const parts = cur.$ref.replace(/^#\//, '').split('/');
    let next: unknown = spec();
    for (const p of parts) next = (next as Record<string, unknown> | undefined)?.[p.replace(/~1/g, '/').replace(/~0/g, '~')];
    cur = next as { $ref?: string } | undefined;
  }
  return cur;
}

/** JSON pointer (ajv-compatible) to a node of the subset document. */
export function pointer(...segments: string[]): string {
  return `${SPEC_ID}#/` + segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** Every "METHOD /path" the subset (and hence the fake) serves. */
export function listOperations(): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(spec().paths)) {
    for (const method of HTTP_METHODS) if (item[method]) out.push(`${method.toUpperCase()} ${path}`);
  }
  return out;
}
