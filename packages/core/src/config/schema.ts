import type { JSONSchema } from './json-schema.js';
import { SECTIONS } from './sections/index.js';

/** Environment overrides take the same sections, with nothing required and no defaults filled in. */
function withoutDefaults(schema: JSONSchema): JSONSchema {
  const copy: JSONSchema = { ...schema };
  delete copy.default;
  delete copy.required;
  if (copy.properties) copy.properties = Object.fromEntries(Object.entries(copy.properties).map(([k, v]) => [k, withoutDefaults(v)]));
  if (copy.items) copy.items = withoutDefaults(copy.items);
  return copy;
}

/** The whole `.github/closed-loop.yml` schema; also published as docs/closed-loop.schema.json for editors. */
export function configSchema(): JSONSchema {
  const overrides: JSONSchema = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(SECTIONS).map(([k, v]) => [k, withoutDefaults(v)])),
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'closed-loop configuration (.github/closed-loop.yml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      version: { description: 'Schema version of this file.', const: 1, default: 1 },
      ...Object.fromEntries(Object.entries(SECTIONS).map(([k, v]) => [k, { ...v, default: {} }])),
      environments: {
        description: 'Overrides merged over the settings above when the action runs with `environment: <name>`.',
        type: 'object',
        additionalProperties: overrides,
        default: {},
      },
    },
  };
}
