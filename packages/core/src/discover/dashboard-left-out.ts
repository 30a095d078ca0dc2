import { escapeInline } from '../render/escape.js';
import { describeLeftOut } from './leave-out.js';
import type { ValueMetrics } from './model.js';

/** The dashboard's footer: what no signal looked at and why, so nothing is hidden silently. */
export function leftOutSection(metrics: Pick<ValueMetrics, 'leftOut'>): string {
  const leftOut = metrics.leftOut ?? [];
  if (!leftOut.length) return '';
  return `<sub>Left out of every signal (\`value_discovery.leave_out\`, \`exclude\`): ${escapeInline(leftOut.map(describeLeftOut).join('; '))}.</sub>`;
}
