// Maps a concrete request path to the spec's path template, the way GitHub's router would.
import { HTTP_METHODS, spec, type OpenApiOperation } from './spec.js';
import { must } from './must.js';

export interface RouteMatch {
  operationId: string;
  template: string;
  method: string;
  operation: OpenApiOperation;
  params: Record<string, string>;
}

interface Route {
  template: string;
  segments: string[];
  regex: RegExp;
  names: string[];
  methods: Map<string, OpenApiOperation>;
}

// These trailing parameters legitimately contain slashes (file paths, qualified refs, branch names).
const MULTI_SEGMENT = new Set(['path', 'ref', 'branch']);

function compile(template: string, item: Record<string, OpenApiOperation>): Route {
  const segments = template.split('/').slice(1);
  const names: string[] = [];
  const parts = segments.map((seg, i) => {
    const m = /^\{(.+)\}$/.exec(seg);
    if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const name = must(m[1], `parameter name in ${template}`);
    names.push(name);
    const last = i === segments.length - 1;
    const multi = last && MULTI_SEGMENT.has(name) && !template.includes('/commits/{ref}');
    return multi ? '(.+)' : '([^/]+)';
  });
  const methods = new Map<string, OpenApiOperation>();
  for (const m of HTTP_METHODS) if (item[m]) methods.set(m.toUpperCase(), item[m]);
  return {
    template,
    segments,
    regex: new RegExp(`^/${parts.join('/')}$`),
    names,
    methods,
  };
}

// Literal segments win over parameters, so /issues/comments/1 never reads as issue "comments".
function specificity(a: Route, b: Route): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const pa = a.segments[i]?.startsWith('{') ?? true;
    const pb = b.segments[i]?.startsWith('{') ?? true;
    if (pa !== pb) return pa ? 1 : -1;
  }
  return b.segments.length - a.segments.length;
}

let compiled: Route[] | undefined;

/** Compiled on first use, like the spec they come from. */
function routes(): Route[] {
  compiled ??= Object.entries(spec().paths)
    .map(([t, item]) => compile(t, item))
    .sort(specificity);
  return compiled;
}

export type RouteResult = { kind: 'match'; match: RouteMatch } | { kind: 'no-path' } | { kind: 'no-method'; template: string };

export function route(method: string, pathname: string): RouteResult {
  let pathOnly: string | undefined;
  for (const r of routes()) {
    const m = r.regex.exec(pathname);
    if (!m) continue;
    const operation = r.methods.get(method.toUpperCase());
    if (!operation) {
      pathOnly ??= r.template;
      continue;
    }
    const params: Record<string, string> = {};
    r.names.forEach((name, i) => {
      const raw = m[i + 1] ?? '';
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    return {
      kind: 'match',
      match: {
        operationId: operation.operationId,
        template: r.template,
        method: method.toUpperCase(),
        operation,
        params,
      },
    };
  }
  return pathOnly ? { kind: 'no-method', template: pathOnly } : { kind: 'no-path' };
}
