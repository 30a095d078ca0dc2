import { it } from '@jest/globals';
import { ALL_RULES, parseUnifiedDiff, Scanner } from '../../packages/core/src/scan/index.js';
import { bigDiff, timeIt } from './scan-timing.js';
it('per rule', () => {
  const files = parseUnifiedDiff(bigDiff(process.cwd(), 10 * 1024 * 1024));
  const out: string[] = [];
  out.push(`none ${timeIt(() => new Scanner({ rules: [] }).scan(files), 2).toFixed(0)}`);
  out.push(`all ${timeIt(() => new Scanner({}).scan(files), 5).toFixed(0)}`);
  if (process.env.PER_RULE) for (const r of ALL_RULES) out.push(`${r.id} ${timeIt(() => new Scanner({ rules: [r] }).scan(files), 1).toFixed(0)}`);
  console.log(out.join('\n'));
});
