import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import ts from 'typescript';
import type { Category, Severity } from '../../src/classify/verdict.js';
import type { ConfigSections } from '../../src/config/defaults.js';
import type { JSONSchema } from '../../src/config/json-schema.js';
import { SECTIONS } from '../../src/config/sections/index.js';
import type { KpiId } from '../../src/discover/loop-health.js';
import type { Channel } from '../../src/notify/settings.js';
import type { RecoverMode } from '../../src/recover/outcome.js';
import type { ReviewIdMode, ReviewProof } from '../../src/review-hash/check.js';
import type { ReviewScope } from '../../src/review-hash/payload.js';
import type { WeakMatches } from '../../src/scan/engine.js';
import type { ScanCategory, ScanSeverity } from '../../src/scan/types.js';

// The section types are generated from the schemas (scripts/build-validators.mjs → generated/types.ts);
// tests/build/generated.test.ts checks the file is fresh. This checks what it says, independently of the
// generator: every schema property is a member of its type, required exactly where a default fills it.

const TYPES = join(import.meta.dirname, '../../src/config/generated/types.ts');

/** Compile-time: `true` only when A and B are the same type (not merely assignable one way). */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the standard exact-equality idiom
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T is the assertion: same<X>(true) fails tsc unless X is true
const same = <T extends true>(_: T): void => undefined;

// The engines' own names for schema enums must be the schema's: a value added to one side fails tsc here.
same<Equal<ConfigSections['classify']['rules'][number]['category'], Category>>(true);
same<Equal<NonNullable<ConfigSections['classify']['rules'][number]['severity']>, Severity>>(true);
same<Equal<keyof ConfigSections['notify']['routing'], Severity>>(true);
same<Equal<ConfigSections['notify']['routing']['critical'][number], Channel>>(true);
same<Equal<ConfigSections['scan']['fail_on'], ScanSeverity>>(true);
same<Equal<ConfigSections['scan']['categories'][number], ScanCategory>>(true);
same<Equal<ConfigSections['scan']['weak_matches'], WeakMatches>>(true);
same<Equal<ConfigSections['recover']['mode'], RecoverMode>>(true);
same<Equal<keyof ConfigSections['recover']['breaker']['cooldown_minutes'], Category>>(true);
same<Equal<ConfigSections['review_hash']['scope'], ReviewScope>>(true);
same<Equal<ConfigSections['review_hash']['review_id'], ReviewIdMode>>(true);
same<Equal<ConfigSections['review_hash']['proof'][number], ReviewProof>>(true);
same<Equal<keyof ConfigSections['value_discovery']['kpis']['targets'], KpiId>>(true);

/** Members of a type: name → optional? and the member's own type (for nested objects and arrays). */
function members(checker: ts.TypeChecker, type: ts.Type): Map<string, { optional: boolean; type: ts.Type }> {
  return new Map(
    checker.getPropertiesOfType(type).map((p) => {
      const declared = checker.getTypeOfSymbol(p);
      return [p.name, { optional: (p.flags & ts.SymbolFlags.Optional) !== 0, type: checker.getNonNullableType(declared) }];
    }),
  );
}

/** Mismatches between `schema`'s properties (recursively: objects, array items, maps) and `type`'s members. */
function compare(checker: ts.TypeChecker, schema: JSONSchema, type: ts.Type, path: string): string[] {
  const problems: string[] = [];
  if (schema.items) {
    const element = checker.isArrayType(type) || checker.isTupleType(type) ? checker.getIndexTypeOfType(type, ts.IndexKind.Number) : undefined;
    return element ? compare(checker, schema.items, element, `${path}[]`) : [`${path}: the schema has items, the type is no array`];
  }
  if (typeof schema.additionalProperties === 'object') {
    const value = checker.getIndexTypeOfType(type, ts.IndexKind.String);
    if (!value) return [`${path}: the schema is a map, the type has no index signature`];
    problems.push(...compare(checker, schema.additionalProperties, value, `${path}.*`));
  }
  if (!schema.properties) return problems;
  const have = members(checker, type);
  for (const [key, sub] of Object.entries(schema.properties)) {
    const member = have.get(key);
    if (!member) {
      problems.push(`${path}.${key}: in the schema, missing from the type`);
      continue;
    }
    const required = sub.default !== undefined || (schema.required ?? []).includes(key);
    if (member.optional === required) problems.push(`${path}.${key}: ${required ? 'filled or required' : 'optional'} in the schema, not in the type`);
    problems.push(...compare(checker, sub, member.type, `${path}.${key}`));
  }
  for (const key of have.keys()) if (!(key in schema.properties)) problems.push(`${path}.${key}: in the type, not in the schema`);
  return problems;
}

describe('section types generated from the schemas', () => {
  const program = ts.createProgram([TYPES], { strict: true, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(TYPES);
  if (!file) throw new Error(`cannot read ${TYPES}`);
  const module = checker.getSymbolAtLocation(file);
  const sections = module && checker.getExportsOfModule(module).find((s) => s.name === 'ConfigSections');
  if (!sections) throw new Error('generated/types.ts exports no ConfigSections');
  const sectionTypes = members(checker, checker.getDeclaredTypeOfSymbol(sections));

  it('has one type per section', () => {
    expect([...sectionTypes.keys()].sort()).toEqual(Object.keys(SECTIONS).sort());
  });

  it.each(Object.entries(SECTIONS))('%s: every schema property is in the type, required where a default fills it', (name, schema) => {
    const type = sectionTypes.get(name);
    if (!type) throw new Error(`no type for ${name}`);
    expect(compare(checker, schema, type.type, name)).toEqual([]);
  });

  it('sees a property the type lacks', () => {
    const type = sectionTypes.get('scan');
    if (!type || !SECTIONS.scan.properties) throw new Error('scan');
    const grown: JSONSchema = { ...SECTIONS.scan, properties: { ...SECTIONS.scan.properties, new_setting: { type: 'string', default: 'x' } } };
    expect(compare(checker, grown, type.type, 'scan')).toEqual(['scan.new_setting: in the schema, missing from the type']);
    const loosened: JSONSchema = { ...SECTIONS.scan, properties: { ...SECTIONS.scan.properties, baseline: { type: 'string' } } };
    expect(compare(checker, loosened, type.type, 'scan')).toEqual(['scan.baseline: optional in the schema, not in the type']);
  });
});
