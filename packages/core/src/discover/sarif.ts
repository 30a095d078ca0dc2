import type { ValueMetrics } from './model.js';
import type { ItemKind, ScoredItem } from './types.js';
import { ITEM_KINDS } from './types.js';
import { VERSION } from '../version.js';
import { DEFAULT_SERVER_URL } from '../server-url.js';

type Level = 'error' | 'warning' | 'note';

const level = (item: ScoredItem): Level =>
  item.scores.composite >= 50 || item.inputs.security === 'critical' || item.inputs.security === 'high'
    ? 'error'
    : item.scores.composite >= 20
      ? 'warning'
      : 'note';

/**
 * SARIF 2.1.0 for code scanning: one run per category (item kind), each with its own
 * automationDetails id so uploads of different categories do not close each other's alerts.
 * Only items with a file location are results (code scanning needs one).
 */
export function valueSarif(metrics: ValueMetrics, serverUrl = DEFAULT_SERVER_URL): Record<string, unknown> {
  const runs = ITEM_KINDS.map((kind: ItemKind) => {
    const items = metrics.items.filter((i) => i.kind === kind && i.path);
    const rules = [...new Set(items.map((i) => i.rule))].sort();
    return {
      tool: {
        driver: {
          name: 'closed-loop value-discovery',
          version: VERSION,
          informationUri: 'https://github.com/closed-loop/closed-loop',
          rules: rules.map((id) => ({ id, name: id.replace(/[^A-Za-z0-9]+/g, '-'), shortDescription: { text: `${kind}: ${id}` } })),
        },
      },
      automationDetails: { id: `value-discovery/${kind}/` },
      versionControlProvenance: [
        { repositoryUri: metrics.repository.name ? `${serverUrl}/${metrics.repository.name}` : 'urn:local', revisionId: metrics.repository.sha },
      ],
      results: items.map((i) => ({
        ruleId: i.rule,
        ruleIndex: rules.indexOf(i.rule),
        level: level(i),
        message: { text: `${i.title} (score ${i.scores.composite.toFixed(1)}). ${i.explanation}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: i.path }, ...(i.line ? { region: { startLine: i.line } } : {}) } }],
        partialFingerprints: { 'closedLoopItem/v1': i.id },
        properties: { score: i.scores.composite, kind: i.kind },
      })),
    };
  });
  return { $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs };
}
